/*
 * test_encode.c - io/encode: the canonical tree of a dataset reads back
 * to the same dataset, through JSON and through XML.
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
#include "io/json.h"
#include "io/xml.h"
#include "builders.h"

static void test_round_trip(void **state)
{
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	assert_int_equal(tb_read1(TB_SAMPLES "all-fields.json", &a, &e), MP_OK);
	char *ja = tb_canonical(&a);
	/* JSON -> XML -> dataset gives the same canonical JSON */
	mp_node *t = mp_encode(&a);
	char *xml = mp_xml_write(t);
	mp_node *back = mp_xml_parse("rt.xml", xml, strlen(xml), &e);
	assert_non_null(back);
	assert_int_equal(mp_decode(back, "rt.xml", &b, &e), 0);
	char *jb = tb_canonical(&b);
	assert_string_equal(ja, jb);
	mp_node_free(t);
	mp_node_free(back);
	free(xml);
	free(ja);
	free(jb);
	mp_dataset_release(&a);
	mp_dataset_release(&b);
	mp_errors_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
