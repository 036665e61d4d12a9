/*
 * test_decode.c - io/decode: both sample forms decode to the same dataset;
 * every field problem names file, line, item and field and never a
 * personal value.
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
#include "models/validate.h"
#include "builders.h"

static void test_samples_same_content(void **state)
{
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	assert_int_equal(tb_read1(TB_SAMPLES "all-fields.json", &a, &e), MP_OK);
	assert_int_equal(tb_read1(TB_SAMPLES "all-fields.xml", &b, &e), MP_OK);
	assert_int_equal(mp_validate(&a, &e), 0);
	assert_int_equal(mp_validate(&b, &e), 0);
	char *ja = tb_canonical(&a), *jb = tb_canonical(&b);
	assert_string_equal(ja, jb);
	/* spot checks of the decoded values */
	mp_flight *f = mp_dataset_flight(&a, "TK1074/2026-12-14");
	assert_non_null(f);
	assert_int_equal(f->limits[MP_SSR_STCR], 1);
	assert_int_equal(f->seats, 30);
	mp_case *c = mp_dataset_case(&a, "AFG-0002");
	assert_int_equal(c->medical, MP_MED_DEFERRED);
	assert_true(c->members[0].ssr & (1u << MP_SSR_OXYG));
	free(ja);
	free(jb);
	mp_dataset_release(&a);
	mp_dataset_release(&b);
	mp_errors_release(&e);
}

static void test_valid_minimal(void **state)
{
	int st;
	char *p = tb_problems(TB_HEAD TB_FLIGHT("10") TB_CASE(TB_MEMBER), &st);
	assert_string_equal(p, "");
	assert_int_equal(st, MP_OK);
	free(p);
}

static void test_field_errors(void **state)
{
	tb_expect_problem(TB_HEAD TB_FLIGHT("\"10\"") TB_CASE(TB_MEMBER), "t.json:4:", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("\"10\"") TB_CASE(TB_MEMBER), "flight 'F1': seats: expected a whole number", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("-3") TB_CASE(TB_MEMBER), "flight 'F1': seats: negative", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("2.5") TB_CASE(TB_MEMBER), "seats: expected a whole number", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("1e12") TB_CASE(TB_MEMBER), "seats: out of range", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE("{\"id\": \"C1-1\", \"family_name\": \"Noori\", \"sex\": \"F\", "
				      "\"birth_date\": \"1984-02-30\", \"nationality\": \"AFG\"}"),
	       "case 'C1': member 'C1-1': birth_date: not a calendar date", "1984");
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE("{\"id\": \"C1-1\", \"family_name\": \"Noori\", \"sex\": \"F\", "
				      "\"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\", \"ssr\": [\"XYZW\"]}"),
	       "member 'C1-1': ssr: unknown SSR code", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE("{\"id\": \"C1-1\", \"sex\": \"F\", "
				      "\"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}"),
	       "member 'C1-1': given_names: missing", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE("{\"id\": \"C1-1\", \"family_name\": \"Noo\\u0007ri\", \"sex\": \"F\", "
				      "\"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}"),
	       "control character", "Noo");
}

#define MRZ_MEMBER(mrz) "{\"id\": \"C1-1\", \"family_name\": \"\u0646\u0648\u0631\u06cc\", " \
	"\"sex\": \"F\", \"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\", " \
	"\"document\": {\"type\": \"P\", \"number\": \"P1\", " mrz "}}"

/* SPEC 1: document.mrz_family_name / mrz_given_names, case language. */
static void test_mrz_and_language(void **state)
{
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE(MRZ_MEMBER("\"mrz_family_name\": \"Noori\"")),
	       "member 'C1-1': mrz_family_name: expected capital letters A-Z", "Noori");
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE(MRZ_MEMBER("\"mrz_given_names\": \"LAILA  BIBI\"")),
	       "member 'C1-1': mrz_given_names: expected capital letters", "LAILA");
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE(MRZ_MEMBER("\"mrz_family_name\": \"NOORI<\"")),
	       "mrz_family_name: expected capital letters", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"},"
	       " \"priority\": \"normal\", \"ready\": \"2026-12-01\", \"language\": \"Dari!\","
	       " \"members\": [" TB_MEMBER "]}]}", "case 'C1': language: expected a BCP 47 language tag", NULL);
	/* valid ones survive JSON -> XML (validated by the XSD) -> dataset */
	const char *ok = TB_HEAD TB_FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": "
		"{\"country\": \"CA\"}, \"priority\": \"normal\", \"ready\": \"2026-12-01\", "
		"\"language\": \"fa-AF\", \"members\": [" MRZ_MEMBER(
			"\"mrz_family_name\": \"NOORI\", \"mrz_given_names\": \"LAILA BIBI\"") "]}]}";
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	mp_node *t = mp_json_parse("t.json", ok, strlen(ok), &e);
	assert_int_equal(mp_decode(t, "t.json", &a, &e), 0);
	assert_string_equal(a.cases[0].language, "fa-AF");
	assert_string_equal(a.cases[0].members[0].document.mrz_given_names, "LAILA BIBI");
	mp_node *enc = mp_encode(&a);
	char *xml = mp_xml_write(enc);
	mp_node *back = mp_xml_parse("rt.xml", xml, strlen(xml), &e);
	assert_non_null(back);
	assert_int_equal(mp_decode(back, "rt.xml", &b, &e), 0);
	char *ja = tb_canonical(&a), *jb = tb_canonical(&b);
	assert_string_equal(ja, jb);
	assert_non_null(strstr(ja, "\"mrz_family_name\": \"NOORI\""));
	assert_non_null(strstr(xml, "language=\"fa-AF\""));
	free(ja);
	free(jb);
	free(xml);
	mp_node_free(t);
	mp_node_free(enc);
	mp_node_free(back);
	mp_dataset_release(&a);
	mp_dataset_release(&b);
	mp_errors_release(&e);
}

/* Issue 10: a key is never echoed - a name typed as a key would reach a
 * log; the item and the key's place name it. */
static void test_unknown_keys_not_echoed(void **state)
{
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE("{\"id\": \"C1-1\", \"family_name\": \"Noori\", "
			  "\"Rahimi\": 1, \"sex\": \"F\", \"birth_date\": \"1990-01-01\", "
			  "\"nationality\": \"AFG\"}"),
			  "case 'C1': member 'C1-1': unknown field (key 3 of the object)", "Rahimi");
	tb_expect_problem("{\"movplan\": 1, \"Rahimi Zahra\": []}", "unknown part (key 2 of the document)",
			  "Rahimi");
	tb_expect_problem(TB_HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
			  "  \"departs\": \"2026-12-10T09:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\","
			  " \"seats\": 9, \"limits\": {\"WCHC\": 1, \"Zahra\": 2}}]}",
			  "flight 'F1': limits: unknown SSR code (key 2 of the object)", "Zahra");
}

/* Issue 10: years movplan does not take are "out of range", not a
 * malformed date; nobody is born after as_of; no flight flies in 1900. */
static void test_date_ranges(void **state)
{
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE("{\"id\": \"C1-1\", \"family_name\": \"Noori\", "
			  "\"sex\": \"F\", \"birth_date\": \"1899-12-31\", \"nationality\": \"AFG\"}"),
			  "member 'C1-1': birth_date: out of range (years 1900-2999)", "1899");
	tb_expect_problem(TB_HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
			  "  \"departs\": \"3000-12-10T09:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\","
			  " \"seats\": 9}]}", "flight 'F1': departs: out of range (years 1900-2999)", NULL);
	tb_expect_problem("{\"movplan\": 1, \"clinics\": [{\"id\": \"K\", \"capacity_per_day\": 1,"
			  " \"closed\": [\"2026-12-01\", \"0999-01-01\"]}]}",
			  "clinic 'K': closed: out of range (years 1900-2999)", NULL);
	tb_expect_problem("{\"movplan\": 1, \"mission\": {\"id\": \"M\", \"origin\": \"TIA\", "
			  "\"as_of\": \"2026-12-01\"}, \"airports\": [{\"code\": \"TIA\", \"country\": \"AL\"}, "
			  "{\"code\": \"YYZ\", \"country\": \"CA\"}],\n" TB_CASE("{\"id\": \"C1-1\", "
			  "\"family_name\": \"Noori\", \"sex\": \"F\", \"birth_date\": \"2026-12-02\", "
			  "\"nationality\": \"AFG\"}"),
			  "case 'C1': member 'C1-1': birth_date: after the mission's as_of", "2026-12-02");
	tb_expect_problem(TB_HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
			  "  \"departs\": \"1900-12-10T09:00+01:00\", \"arrives\": \"1900-12-10T13:00-05:00\","
			  " \"seats\": 9}]}", "flight 'F1': departs: out of range (a flight flies in 2000-2999)",
			  NULL);
}

static void test_missing_offset(void **state)
{
	tb_expect_problem(TB_HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
	       "  \"departs\": \"2026-12-10T09:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": 9}]}",
	       "flight 'F1': departs: date-time has no UTC offset", NULL);
	tb_expect_problem(TB_HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
	       "  \"departs\": \"2026-12-10T19:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": 9}]}",
	       "flight 'F1': arrives: not after departs", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples_same_content),
		cmocka_unit_test(test_valid_minimal),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_mrz_and_language),
		cmocka_unit_test(test_missing_offset),
		cmocka_unit_test(test_unknown_keys_not_echoed),
		cmocka_unit_test(test_date_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
