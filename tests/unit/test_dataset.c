/*
 * test_dataset.c - models/dataset: identifier syntax, and an import
 * replacing items with the same key (mp_dataset_merge).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "models/dataset.h"
#include "io/decode.h"
#include "builders.h"

static void test_id_syntax(void **state)
{
	assert_true(mp_id_valid("TK1074/2026-12-14"));
	assert_true(mp_id_valid("a:b.c_d-e"));
	assert_false(mp_id_valid(""));
	assert_false(mp_id_valid("has space"));
	assert_false(mp_id_valid("é"));
	char long_id[66];
	memset(long_id, 'a', 65);
	long_id[65] = 0;
	assert_false(mp_id_valid(long_id));
	long_id[64] = 0;
	assert_true(mp_id_valid(long_id));
}

static void test_merge_replaces(void **state)
{
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	assert_int_equal(tb_read1(TB_SAMPLES "all-fields.json", &a, &e), MP_OK);
	mp_node *t = tb_json("{\"movplan\": 1, \"cases\": [{\"id\": \"AFG-0001\", \"destination\": "
			   "{\"country\": \"CA\"}, \"priority\": \"normal\", \"ready\": \"2026-12-01\","
			   " \"members\": [" TB_MEMBER "]}]}");
	assert_int_equal(mp_decode(t, "new.json", &b, &e), 0);
	int before = a.n_cases;
	mp_dataset_merge(&a, &b);
	assert_int_equal(a.n_cases, before);
	mp_case *c = mp_dataset_case(&a, "AFG-0001");
	assert_int_equal(c->n_members, 1); /* replaced whole */
	assert_null(c->link);
	assert_string_equal(mp_dataset_file(&a, c->loc), "new.json");
	mp_node_free(t);
	mp_dataset_release(&a);
	mp_dataset_release(&b);
	mp_errors_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_syntax),
		cmocka_unit_test(test_merge_replaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
