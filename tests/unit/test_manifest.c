/*
 * test_manifest.c - the flight manifest (reports/manifest.c,
 * manifest_xml.c): the airline group desk's CSV read back by an RFC
 * 4180 reader, JSON by cJSON, XML by libxml2 against
 * reports/manifest.xsd; names as the document's MRZ reads them, lap
 * infants on their adult's row, escorts on the rows of the members they
 * escort, totals against the flight's limits, --confirmed-only.
 * Run from the repository root (the schema is read from
 * reports/manifest.xsd).
 */
#include "reports_fixture.h"

static const char *cell(const csv_table *t, int row, const char *col)
{
	return t->rows[row][csv_col(t, col)];
}

/* The row of a member (or escort) id, -1 when absent. */
static int row_of(const csv_table *t, const char *member)
{
	for (int i = 1; i < t->n_rows; i++)
		if (strcmp(cell(t, i, "member"), member) == 0)
			return i;
	return -1;
}

static int row_of_total(const csv_table *t, const char *what)
{
	for (int i = 1; i < t->n_rows; i++)
		if (strcmp(cell(t, i, "role"), "total") == 0 && strcmp(cell(t, i, "total"), what) == 0)
			return i;
	fail_msg("no total %s", what);
	return -1;
}

static void test_manifest_csv(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_CSV, 0);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_true(s[0] == 'n'); /* no byte order mark: one convention for every CSV */
	for (const char *p = s; *p; p++) /* MRZ names: the whole manifest is ASCII */
		assert_true((unsigned char)*p < 0x80);
	for (int i = 1; i < t.n_rows; i++)
		assert_int_equal(t.n_fields[i], t.n_fields[0]);
	/* 2 seated members of AFG-0001 (the infant on a lap), 1 of AFG-0002, 1 escort */
	int r1 = row_of(&t, "AFG-0001-01"), r2 = row_of(&t, "AFG-0001-02");
	int r3 = row_of(&t, "AFG-0002-01"), re = row_of(&t, "ESC-01");
	assert_int_equal(row_of(&t, "AFG-0001-03"), -1);
	assert_true(r1 == 1 && r2 == 2 && r3 == 3 && re == 4);
	assert_string_equal(cell(&t, r1, "family_name"), "RAHIMI ABU RXHYMY");
	assert_string_equal(cell(&t, r1, "given_names"), "ABDUL RAHIM");
	assert_string_equal(cell(&t, r1, "name_source"), "transliterated");
	assert_string_equal(cell(&t, r2, "family_name"), "ONEIL SMITH");
	assert_string_equal(cell(&t, r2, "name_source"), "as written");
	/* the leg, the journey, the booking */
	assert_string_equal(cell(&t, r1, "date"), "2026-12-14");
	assert_string_equal(cell(&t, r1, "time"), "06:15");
	assert_string_equal(cell(&t, r1, "route"), "TIA-IST");
	assert_string_equal(cell(&t, r1, "journey"), "TIA-IST-YYZ");
	assert_string_equal(cell(&t, r1, "booking_ref"), "AFG-0001");
	assert_string_equal(cell(&t, r1, "status"), "proposed");
	assert_string_equal(cell(&t, r3, "status"), "confirmed");
	assert_string_equal(cell(&t, r1, "title"), "MR");
	assert_string_equal(cell(&t, r2, "title"), "MS");
	/* the lap infant rides with the adult who needs no assistance */
	assert_string_equal(cell(&t, r2, "infant_member"), "AFG-0001-03");
	assert_string_equal(cell(&t, r2, "infant_given_names"), "OMID");
	assert_string_equal(cell(&t, r2, "infant_ssr"), "INFT");
	assert_string_equal(cell(&t, r2, "infant_birth_date"), "2025-09-01");
	assert_string_equal(cell(&t, r1, "infant_member"), "");
	assert_string_equal(cell(&t, r3, "ssr"), "STCR MEDA OXYG");
	assert_string_equal(cell(&t, r3, "seats"), "6");
	/* escorts on the rows of the members they escort, and only there */
	assert_string_equal(cell(&t, r3, "escorted_by"), "ESC-01");
	assert_string_equal(cell(&t, r1, "escorted_by"), "");
	assert_string_equal(cell(&t, r2, "escorted_by"), "");
	assert_string_equal(cell(&t, re, "role"), "escort");
	assert_string_equal(cell(&t, re, "family_name"), "HOXHA");
	assert_string_equal(cell(&t, re, "escorting"), "AFG-0002-01");
	assert_string_equal(cell(&t, re, "status"), "proposed"); /* AFG-0001 is proposed */
	/* totals against the flight's limits */
	int seats = row_of_total(&t, "seats");
	assert_string_equal(cell(&t, seats, "count"), "9"); /* expected.md: 2 + 6 + 1 */
	assert_string_equal(cell(&t, seats, "limit"), "30");
	int inft = row_of_total(&t, "SSR INFT");
	assert_string_equal(cell(&t, inft, "count"), "1");
	assert_string_equal(cell(&t, inft, "limit"), "6");
	assert_string_equal(cell(&t, row_of_total(&t, "persons"), "count"), "5");
	csv_free(&t);
	free(s);
}

static void test_manifest_confirmed_only(void **state)
{
	fixture *fx = *state;
	mp_manifest_options o = {.format = MP_MANIFEST_CSV, .confirmed_only = true};
	char *s = manifest_o(fx, "TK1074/2026-12-14", o);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_int_equal(row_of(&t, "AFG-0001-01"), -1);
	int r = row_of(&t, "AFG-0002-01"), e = row_of(&t, "ESC-01");
	assert_true(r > 0 && e > 0);
	assert_string_equal(cell(&t, e, "case"), "AFG-0002");
	assert_string_equal(cell(&t, e, "status"), "confirmed");
	assert_string_equal(cell(&t, row_of_total(&t, "seats"), "count"), "7");
	assert_string_equal(cell(&t, row_of_total(&t, "persons"), "count"), "2");
	csv_free(&t);
	free(s);
}

static void test_manifest_json(void **state)
{
	fixture *fx = *state;
	mp_name_notes notes = {0};
	mp_manifest_options o = {.format = MP_MANIFEST_JSON, .transliterated = &notes};
	char *s = manifest_o(fx, "TK1074/2026-12-14", o);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *m = cJSON_GetObjectItem(root, "manifest");
	cJSON *pax = cJSON_GetObjectItem(m, "passengers");
	assert_int_equal(cJSON_GetArraySize(pax), 3); /* the infant is inside its adult */
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(m, "escorts")), 1);
	cJSON *t = cJSON_GetObjectItem(m, "totals");
	assert_int_equal(cJSON_GetObjectItem(t, "seats_used")->valueint, 9); /* expected.md */
	assert_int_equal(cJSON_GetObjectItem(t, "persons")->valueint, 5);
	assert_int_equal(cJSON_GetObjectItem(t, "lap_infants")->valueint, 1);
	cJSON *inft = cJSON_GetObjectItem(cJSON_GetObjectItem(t, "ssr"), "INFT");
	assert_int_equal(cJSON_GetObjectItem(inft, "count")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(inft, "limit")->valueint, 6);
	cJSON *p1 = cJSON_GetArrayItem(pax, 1);
	cJSON *inf = cJSON_GetObjectItem(p1, "infant");
	assert_string_equal(cJSON_GetObjectItem(inf, "member")->valuestring, "AFG-0001-03");
	assert_string_equal(cJSON_GetObjectItem(inf, "pax_type")->valuestring, "INF");
	/* every transliterated traveller listed, with the names as written */
	cJSON *tr = cJSON_GetObjectItem(m, "transliterated");
	assert_int_equal(cJSON_GetArraySize(tr), 1);
	cJSON *t0 = cJSON_GetArrayItem(tr, 0);
	assert_string_equal(cJSON_GetObjectItem(t0, "member")->valuestring, "AFG-0001-01");
	assert_string_equal(cJSON_GetObjectItem(t0, "family_name_as_written")->valuestring,
			    HARD_FAMILY);
	assert_string_equal(cJSON_GetObjectItem(t0, "family_name")->valuestring,
			    "RAHIMI ABU RXHYMY");
	/* and by id and field only for stderr */
	assert_int_equal(notes.n, 1);
	assert_string_equal(notes.v[0],
			    "case 'AFG-0001': member 'AFG-0001-01': family_name given_names");
	mp_strv_free(notes.v, notes.n);
	cJSON_Delete(root);
	free(s);
}

static void test_manifest_document_mrz(void **state)
{
	fixture *fx = *state;
	mp_document *d = &mp_dataset_case(&fx->ds, "AFG-0001")->members[0].document;
	d->mrz_family_name = mp_xstrdup("RAHIMI");
	d->mrz_given_names = mp_xstrdup("ABDUL RAHIM");
	mp_name_notes notes = {0};
	mp_manifest_options o = {.format = MP_MANIFEST_CSV, .transliterated = &notes};
	char *s = manifest_o(fx, "TK1074/2026-12-14", o);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_string_equal(cell(&t, 1, "family_name"), "RAHIMI");
	assert_string_equal(cell(&t, 1, "name_source"), "document");
	assert_int_equal(notes.n, 0);
	csv_free(&t);
	free(s);
}

static void test_manifest_unwritable_name(void **state)
{
	fixture *fx = *state;
	mp_member *m = &mp_dataset_case(&fx->ds, "AFG-0002")->members[0];
	free(m->given_names);
	m->given_names = mp_xstrdup("\xe7\x8e\x8b Laila 2"); /* a Han letter and a digit */
	capture c;
	mp_manifest_options o = {.format = MP_MANIFEST_PAXLST};
	int rc = mp_manifest_write(cap_open(&c), &fx->ds, &fx->plan, "TK1074/2026-12-14", &o,
				   &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_EDATA);
	assert_string_equal(s, ""); /* nothing written */
	assert_int_equal(fx->errs.n, 1);
	char *line = mp_error_format(&fx->errs.v[0]);
	assert_non_null(strstr(line, "case 'AFG-0002': member 'AFG-0002-01': given_names: "
				     "holds a character no ICAO Doc 9303 table writes"));
	assert_null(strstr(line, "Laila"));
	free(line);
	free(s);
}

static const char *schema_path(void)
{
	static char path[4096];
	const char *top = getenv("TOP");
	snprintf(path, sizeof path, "%s/reports/manifest.xsd", top ? top : ".");
	return path;
}

/* 0 when the XML text validates against reports/manifest.xsd. */
static int validate_manifest_xml(const char *xml)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema_path());
	assert_non_null(pc);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "manifest.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static void test_manifest_xml_validates(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_XML, 0);
	assert_int_equal(validate_manifest_xml(s), 0);
	assert_non_null(strstr(s, "xmlns=\"urn:movplan:1\""));
	assert_non_null(strstr(s, "family_name=\"RAHIMI ABU RXHYMY\""));
	assert_non_null(strstr(s, "<infant member=\"AFG-0001-03\""));
	assert_non_null(strstr(s, "escorted_by=\"ESC-01\""));
	assert_non_null(strstr(s, "escorting=\"AFG-0002-01\""));
	assert_non_null(strstr(s, "number=\"X+1:2'3?\""));
	free(s);
	s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_XML, 0); /* nobody on it */
	assert_int_equal(validate_manifest_xml(s), 0);
	free(s);
}

static void test_manifest_unknown_and_empty(void **state)
{
	fixture *fx = *state;
	capture c;
	mp_manifest_options o = {0};
	int rc = mp_manifest_write(cap_open(&c), &fx->ds, &fx->plan, "XX1/2026-01-01", &o,
				   &fx->errs);
	free(cap_close(&c));
	assert_int_equal(rc, MP_EDATA);
	assert_int_equal(fx->errs.n, 1);
	assert_non_null(strstr(fx->errs.v[0].msg, "unknown flight 'XX1/2026-01-01'"));
	char *s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_CSV, 0);
	csv_table t;
	assert_true(csv_parse(s, &t));
	for (int i = 1; i < t.n_rows; i++) /* the header and totals only */
		assert_string_equal(cell(&t, i, "role"), "total");
	assert_string_equal(cell(&t, row_of_total(&t, "persons"), "count"), "0");
	csv_free(&t);
	free(s);
	s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_JSON, 0);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *tot = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "manifest"), "totals");
	assert_int_equal(cJSON_GetObjectItem(tot, "persons")->valueint, 0);
	cJSON_Delete(root);
	free(s);
	s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_PAXLST, 0);
	assert_non_null(strstr(s, "CNT+42:0'"));
	assert_non_null(strstr(s, "+01:F'"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_manifest_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_confirmed_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_document_mrz, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_unwritable_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_xml_validates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_unknown_and_empty, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
