/*
 * test_decode.c - decoder, encoder, layers and validation (SPEC 1, 3):
 * both sample forms give the same dataset; every problem names file,
 * line, item and field and never a personal value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/decode.h"
#include "io/json.h"
#include "io/xml.h"
#include "models/validate.h"

#define SAMPLES "tests/data/samples/"

static char *canonical(mp_dataset *ds)
{
	mp_dataset_sort(ds);
	mp_node *t = mp_encode(ds);
	char *s = mp_json_write(t);
	mp_node_free(t);
	return s;
}

static int read1(const char *path, mp_dataset *ds, mp_errors *e)
{
	const char *files[] = {path};
	return mp_read_dataset(files, 1, ds, e);
}

static void test_samples_same_content(void **state)
{
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	assert_int_equal(read1(SAMPLES "all-fields.json", &a, &e), MP_OK);
	assert_int_equal(read1(SAMPLES "all-fields.xml", &b, &e), MP_OK);
	assert_int_equal(mp_validate(&a, &e), 0);
	assert_int_equal(mp_validate(&b, &e), 0);
	char *ja = canonical(&a), *jb = canonical(&b);
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

static void test_round_trip(void **state)
{
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	assert_int_equal(read1(SAMPLES "all-fields.json", &a, &e), MP_OK);
	char *ja = canonical(&a);
	/* JSON -> XML -> dataset gives the same canonical JSON */
	mp_node *t = mp_encode(&a);
	char *xml = mp_xml_write(t);
	mp_node *back = mp_xml_parse("rt.xml", xml, strlen(xml), &e);
	assert_non_null(back);
	assert_int_equal(mp_decode(back, "rt.xml", &b, &e), 0);
	char *jb = canonical(&b);
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

/* Decodes JSON text; returns the errors' formatted text joined. */
static char *problems(const char *json, int *status)
{
	mp_dataset ds;
	mp_errors e;
	mp_dataset_init(&ds);
	mp_errors_init(&e);
	mp_node *t = mp_json_parse("t.json", json, strlen(json), &e);
	if (t && mp_decode(t, "t.json", &ds, &e) == 0) {
		mp_dataset_defaults(&ds);
		mp_validate(&ds, &e);
	}
	size_t cap = 1;
	char *all = calloc(1, 1);
	for (int i = 0; i < e.n; i++) {
		char *line = mp_error_format(&e.v[i]);
		cap += strlen(line) + 1;
		all = realloc(all, cap);
		strcat(all, line);
		strcat(all, "\n");
		free(line);
	}
	*status = mp_errors_status(&e);
	mp_node_free(t);
	mp_dataset_release(&ds);
	mp_errors_release(&e);
	return all;
}

#define HEAD "{\"movplan\": 1, \"mission\": {\"id\": \"M\", \"origin\": \"TIA\"},\n" \
	     " \"airports\": [{\"code\": \"TIA\", \"country\": \"AL\"}, {\"code\": \"YYZ\", \"country\": \"CA\"}],\n"
#define FLIGHT(seats) " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n" \
	"  \"departs\": \"2026-12-10T09:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": " seats "}],\n"
#define CASE(member) " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"}, \"priority\": \"normal\",\n" \
	"  \"ready\": \"2026-12-01\", \"members\": [" member "]}]}"
#define MEMBER "{\"id\": \"C1-1\", \"family_name\": \"Noori\", \"sex\": \"F\", \"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}"

static void expect(const char *json, const char *needle, const char *forbidden)
{
	int st;
	char *p = problems(json, &st);
	if (!strstr(p, needle))
		fail_msg("expected '%s' in:\n%s", needle, p);
	if (forbidden && strstr(p, forbidden))
		fail_msg("personal value '%s' leaked in:\n%s", forbidden, p);
	assert_int_equal(st, MP_EDATA);
	free(p);
}

static void test_valid_minimal(void **state)
{
	int st;
	char *p = problems(HEAD FLIGHT("10") CASE(MEMBER), &st);
	assert_string_equal(p, "");
	assert_int_equal(st, MP_OK);
	free(p);
}

static void test_field_errors(void **state)
{
	expect(HEAD FLIGHT("\"10\"") CASE(MEMBER), "t.json:4:", NULL);
	expect(HEAD FLIGHT("\"10\"") CASE(MEMBER), "flight 'F1': seats: expected a whole number", NULL);
	expect(HEAD FLIGHT("-3") CASE(MEMBER), "flight 'F1': seats: negative", NULL);
	expect(HEAD FLIGHT("2.5") CASE(MEMBER), "seats: expected a whole number", NULL);
	expect(HEAD FLIGHT("1e12") CASE(MEMBER), "seats: out of range", NULL);
	expect(HEAD FLIGHT("10") CASE("{\"id\": \"C1-1\", \"family_name\": \"Noori\", \"sex\": \"F\", "
				      "\"birth_date\": \"1984-02-30\", \"nationality\": \"AFG\"}"),
	       "case 'C1': member 'C1-1': birth_date: not a calendar date", "1984");
	expect(HEAD FLIGHT("10") CASE("{\"id\": \"C1-1\", \"family_name\": \"Noori\", \"sex\": \"F\", "
				      "\"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\", \"ssr\": [\"XYZW\"]}"),
	       "member 'C1-1': ssr: unknown SSR code", NULL);
	expect(HEAD FLIGHT("10") CASE("{\"id\": \"C1-1\", \"sex\": \"F\", "
				      "\"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}"),
	       "member 'C1-1': given_names: missing", NULL);
	expect(HEAD FLIGHT("10") CASE("{\"id\": \"C1-1\", \"family_name\": \"Noo\\u0007ri\", \"sex\": \"F\", "
				      "\"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}"),
	       "control character", "Noo");
}

#define MRZ_MEMBER(mrz) "{\"id\": \"C1-1\", \"family_name\": \"\u0646\u0648\u0631\u06cc\", " \
	"\"sex\": \"F\", \"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\", " \
	"\"document\": {\"type\": \"P\", \"number\": \"P1\", " mrz "}}"

/* SPEC 1: document.mrz_family_name / mrz_given_names, case language. */
static void test_mrz_and_language(void **state)
{
	expect(HEAD FLIGHT("10") CASE(MRZ_MEMBER("\"mrz_family_name\": \"Noori\"")),
	       "member 'C1-1': mrz_family_name: expected capital letters A-Z", "Noori");
	expect(HEAD FLIGHT("10") CASE(MRZ_MEMBER("\"mrz_given_names\": \"LAILA  BIBI\"")),
	       "member 'C1-1': mrz_given_names: expected capital letters", "LAILA");
	expect(HEAD FLIGHT("10") CASE(MRZ_MEMBER("\"mrz_family_name\": \"NOORI<\"")),
	       "mrz_family_name: expected capital letters", NULL);
	expect(HEAD FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"},"
	       " \"priority\": \"normal\", \"ready\": \"2026-12-01\", \"language\": \"Dari!\","
	       " \"members\": [" MEMBER "]}]}", "case 'C1': language: expected a BCP 47 language tag", NULL);
	/* valid ones survive JSON -> XML (validated by the XSD) -> dataset */
	const char *ok = HEAD FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": "
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
	char *ja = canonical(&a), *jb = canonical(&b);
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

static void test_missing_offset(void **state)
{
	expect(HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
	       "  \"departs\": \"2026-12-10T09:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": 9}]}",
	       "flight 'F1': departs: date-time has no UTC offset", NULL);
	expect(HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n"
	       "  \"departs\": \"2026-12-10T19:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": 9}]}",
	       "flight 'F1': arrives: not after departs", NULL);
}

static void test_references(void **state)
{
	expect(HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"JFK\",\n"
	       "  \"departs\": \"2026-12-10T09:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": 9}]}",
	       "flight 'F1': to: unknown airport 'JFK'", NULL);
	expect(HEAD FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"}, "
	       "\"priority\": \"normal\", \"clinic\": \"NOPE\",\n"
	       "  \"ready\": \"2026-12-01\", \"members\": [" MEMBER "]}]}",
	       "t.json:5:12: case 'C1': clinic: unknown clinic 'NOPE'", NULL);
	expect(HEAD FLIGHT("10") CASE(MEMBER ", " MEMBER), "member 'C1-1': id: duplicate member id", NULL);
	expect("{\"movplan\": 1, \"quotas\": [{\"id\": \"Q\", \"country\": \"CA\", \"from\": \"2026-12-31\","
	       " \"to\": \"2026-12-01\", \"max_persons\": 3}]}", "quota 'Q': to: before from", NULL);
	expect("{\"movplan\": 1, \"bogus\": []}", "bogus: unknown part", NULL);
	expect("{\"movplan\": 2}", "unsupported format version 2", NULL);
	expect("{\"mission\": {\"id\": \"M\", \"origin\": \"TIA\"}}", "movplan: missing format version", NULL);
}

static mp_node *parse(const char *s)
{
	mp_errors e;
	mp_errors_init(&e);
	mp_node *n = mp_json_parse("layer.json", s, strlen(s), &e);
	assert_int_equal(e.n, 0);
	mp_errors_release(&e);
	return n;
}

static void test_layers(void **state)
{
	mp_node *base = parse(HEAD FLIGHT("10") CASE(MEMBER));
	mp_node *layer = parse("{\"movplan\": 1, \"flights\": [{\"id\": \"F1\", \"seats\": 40}],"
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
	layer = parse("{\"movplan\": 1,\n \"flights\": [{\"id\": \"F2\", \"seats\": 4}]}");
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
	layer = parse("{\"movplan\": 1, \"cases\": [{\"id\": \"NOPE\", \"remove\": true}]}");
	assert_int_equal(mp_layer_apply(base, layer, "layer.json", &e), 1);
	mp_node_free(layer);
	mp_node_free(base);
	mp_dataset_release(&ds);
	mp_errors_release(&e);
}

static void test_merge_replaces(void **state)
{
	mp_dataset a, b;
	mp_errors e;
	mp_dataset_init(&a);
	mp_dataset_init(&b);
	mp_errors_init(&e);
	assert_int_equal(read1(SAMPLES "all-fields.json", &a, &e), MP_OK);
	mp_node *t = parse("{\"movplan\": 1, \"cases\": [{\"id\": \"AFG-0001\", \"destination\": "
			   "{\"country\": \"CA\"}, \"priority\": \"normal\", \"ready\": \"2026-12-01\","
			   " \"members\": [" MEMBER "]}]}");
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
		cmocka_unit_test(test_samples_same_content),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_valid_minimal),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_mrz_and_language),
		cmocka_unit_test(test_missing_offset),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_layers),
		cmocka_unit_test(test_merge_replaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
