/*
 * test_read.c - io/read: scenario layers over a base tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "io/decode.h"
#include "builders.h"

static void test_layers(void **state)
{
	mp_node *base = tb_json(TB_HEAD TB_FLIGHT("10") TB_CASE(TB_MEMBER));
	mp_node *layer = tb_json("{\"movplan\": 1, \"flights\": [{\"id\": \"F1\", \"seats\": 40}],"
			       " \"cases\": [{\"id\": \"C1\", \"remove\": true}],"
			       " \"quotas\": [{\"id\": \"Q\", \"country\": \"CA\", \"from\": \"2026-12-01\","
			       " \"to\": \"2026-12-31\", \"max_persons\": 3}]}");
	mp_errors e;
	mp_dataset ds;
	mp_errors_init(&e);
	mp_dataset_init(&ds);
	assert_int_equal(mp_layer_apply(base, layer, "layer.json", &e), 0);
	assert_int_equal(mp_decode(base, "base", &ds, &e), 0);
	assert_int_equal(ds.n_cases, 0);
	assert_int_equal(ds.n_quotas, 1);
	assert_int_equal(mp_dataset_flight(&ds, "F1")->seats, 40);
	/* the other fields of F1 are kept */
	assert_string_equal(mp_dataset_flight(&ds, "F1")->to, "YYZ");
	mp_node_free(layer);
	/* a new item must be complete; the error names the layer file */
	layer = tb_json("{\"movplan\": 1,\n \"flights\": [{\"id\": \"F2\", \"seats\": 4}]}");
	assert_int_equal(mp_layer_apply(base, layer, "layer.json", &e), 0);
	mp_dataset_release(&ds);
	mp_dataset_init(&ds);
	assert_true(mp_decode(base, "base", &ds, &e) > 0);
	char *line = mp_error_format(&e.v[0]);
	assert_non_null(strstr(line, "layer.json:2:"));
	assert_non_null(strstr(line, "flight 'F2'"));
	free(line);
	mp_node_free(layer);
	/* removing an unknown key is a problem */
	layer = tb_json("{\"movplan\": 1, \"cases\": [{\"id\": \"NOPE\", \"remove\": true}]}");
	assert_int_equal(mp_layer_apply(base, layer, "layer.json", &e), 1);
	mp_node_free(layer);
	mp_node_free(base);
	mp_dataset_release(&ds);
	mp_errors_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
