/*
 * test_notice.c - the arrival notice for a receiving country
 * (reports/notice.c, notice_html.c): CSV read back by an RFC 4180
 * reader, JSON by cJSON, XML by libxml2 against reports/notice.xsd,
 * HTML by libxml2's HTML parser; who arrives when and where, age
 * groups, needs in words, escorts; names only with names.  Run from the
 * repository root (the schema is read from reports/notice.xsd).
 */
#include "reports_fixture.h"

static char *notice_o(fixture *fx, mp_notice_options o, int want)
{
	capture c;
	int rc = mp_notice_write(cap_open(&c), &fx->ds, &fx->plan, &o, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, want);
	return s;
}

static char *notice(fixture *fx, enum mp_notice_format f, bool names)
{
	mp_notice_options o = {.format = f, .country = "CA", .from = MP_NODATE, .to = MP_NODATE,
			       .with_names = names};
	return notice_o(fx, o, MP_OK);
}

static const char *cell(const csv_table *t, int row, const char *col)
{
	return t->rows[row][csv_col(t, col)];
}

static void test_notice_csv(void **state)
{
	fixture *fx = *state;
	char *s = notice(fx, MP_NOTICE_CSV, false);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_true(s[0] == 'r'); /* no byte order mark */
	assert_no_personal_data(fx, s);
	/* two cases arriving, one total for YYZ on 12-14, one for the notice */
	assert_int_equal(t.n_rows, 1 + 2 + 2);
	assert_string_equal(cell(&t, 1, "case"), "AFG-0001");
	assert_string_equal(cell(&t, 1, "arrival_date"), "2026-12-14");
	assert_string_equal(cell(&t, 1, "airport"), "YYZ");
	assert_string_equal(cell(&t, 1, "arrival_time"), "18:05");
	assert_string_equal(cell(&t, 1, "flight"), "TK17");
	assert_string_equal(cell(&t, 1, "from"), "IST");
	assert_string_equal(cell(&t, 1, "status"), "planned");
	assert_string_equal(cell(&t, 1, "persons"), "3");
	assert_string_equal(cell(&t, 1, "age_0_1"), "1");
	assert_string_equal(cell(&t, 1, "age_18_59"), "2");
	assert_string_equal(cell(&t, 1, "special_needs"),
			    "1 wheelchair, immobile: carried to the seat (WCHC); 1 infant on a lap "
			    "(INFT)");
	assert_string_equal(cell(&t, 1, "escorts"), ""); /* nobody of AFG-0001 needs one */
	assert_string_equal(cell(&t, 2, "case"), "AFG-0002");
	assert_string_equal(cell(&t, 2, "status"), "confirmed");
	assert_string_equal(cell(&t, 2, "age_60_plus"), "1");
	assert_non_null(strstr(cell(&t, 2, "special_needs"), "1 stretcher (STCR)"));
	assert_non_null(strstr(cell(&t, 2, "special_needs"), "1 needs a medical escort"));
	assert_string_equal(cell(&t, 2, "escorts"), "ESC-01 (medical escort)");
	assert_string_equal(cell(&t, 3, "row"), "total");
	assert_string_equal(cell(&t, 3, "cases"), "2");
	assert_string_equal(cell(&t, 3, "persons"), "4");
	assert_string_equal(cell(&t, 4, "airport"), "");
	assert_string_equal(cell(&t, 4, "escorts"), "1");
	for (int j = 0; j < t.n_fields[0]; j++)
		assert_string_not_equal(t.rows[0][j], "members");
	csv_free(&t);
	free(s);
}

static void test_notice_names(void **state)
{
	fixture *fx = *state;
	char *s = notice(fx, MP_NOTICE_CSV, true);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_non_null(strstr(cell(&t, 1, "members"),
			       "RAHIMI ABU RXHYMY, ABDUL RAHIM (M, 1984-03-02, 18-59)"));
	assert_non_null(strstr(cell(&t, 1, "members"), "RAHIMI, OMID (M, 2025-09-01, 0-1)"));
	assert_non_null(strstr(cell(&t, 2, "escorts"), "Elira Hoxha"));
	csv_free(&t);
	free(s);
	s = notice(fx, MP_NOTICE_JSON, true);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *a = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "notice"),
							  "arrivals"), 0);
	cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(a, "arrivals"), 0);
	cJSON *m0 = cJSON_GetArrayItem(cJSON_GetObjectItem(c0, "members"), 0);
	assert_string_equal(cJSON_GetObjectItem(m0, "given_names")->valuestring, "ABDUL RAHIM");
	cJSON_Delete(root);
	free(s);
}

static void test_notice_json(void **state)
{
	fixture *fx = *state;
	char *s = notice(fx, MP_NOTICE_JSON, false);
	assert_no_personal_data(fx, s);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *n = cJSON_GetObjectItem(root, "notice");
	assert_string_equal(cJSON_GetObjectItem(n, "country_name")->valuestring, "Canada (CA)");
	assert_string_equal(cJSON_GetObjectItem(n, "from")->valuestring, "2026-12-14");
	cJSON *sum = cJSON_GetObjectItem(n, "summary");
	assert_int_equal(cJSON_GetObjectItem(sum, "cases")->valueint, 2);
	assert_int_equal(cJSON_GetObjectItem(sum, "persons")->valueint, 4);
	assert_int_equal(cJSON_GetObjectItem(sum, "escorts")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "age_groups"), "60+")->valueint,
			 1);
	cJSON *arr = cJSON_GetObjectItem(n, "arrivals");
	assert_int_equal(cJSON_GetArraySize(arr), 1);
	cJSON *c1 = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 0), "arrivals"), 1);
	assert_string_equal(cJSON_GetObjectItem(c1, "arrives")->valuestring, "2026-12-14T18:05-05:00");
	assert_null(cJSON_GetObjectItem(c1, "members"));
	cJSON_Delete(root);
	free(s);
}

static void test_notice_range_and_countries(void **state)
{
	fixture *fx = *state;
	mp_notice_options o = {.format = MP_NOTICE_CSV, .country = "CA", .from = D("2026-12-15"),
			       .to = MP_NODATE};
	char *s = notice_o(fx, o, MP_OK);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_int_equal(t.n_rows, 2); /* the header and the notice's total */
	assert_string_equal(cell(&t, 1, "persons"), "0");
	csv_free(&t);
	free(s);
	o.from = MP_NODATE;
	o.country = "NO"; /* OSL is the mission's, nobody lands there */
	o.format = MP_NOTICE_HTML;
	s = notice_o(fx, o, MP_OK);
	assert_non_null(strstr(s, "no arrivals in these dates"));
	free(s);
	o.country = "ZZ";
	s = notice_o(fx, o, MP_EDATA);
	free(s);
	assert_non_null(strstr(fx->errs.v[0].msg, "unknown country 'ZZ'"));
}

static int validate_notice_xml(const char *xml)
{
	char path[4096];
	const char *top = getenv("TOP");
	snprintf(path, sizeof path, "%s/reports/notice.xsd", top ? top : ".");
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
	assert_non_null(pc);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "notice.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static void test_notice_xml(void **state)
{
	fixture *fx = *state;
	for (int names = 0; names < 2; names++) {
		char *s = notice(fx, MP_NOTICE_XML, names);
		assert_int_equal(validate_notice_xml(s), 0);
		assert_non_null(strstr(s, "<arrival date=\"2026-12-14\" airport=\"YYZ\""));
		if (names)
			assert_non_null(strstr(s, "family_name=\"RAHIMI ABU RXHYMY\""));
		else
			assert_no_personal_data(fx, s);
		free(s);
	}
}

static void test_notice_html(void **state)
{
	fixture *fx = *state;
	char *s = notice(fx, MP_NOTICE_HTML, false);
	assert_no_personal_data(fx, s);
	htmlDocPtr doc = htmlReadMemory(s, (int)strlen(s), "n.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	xmlFreeDoc(doc);
	assert_non_null(strstr(s, "Notice of arrivals: Canada (CA)"));
	assert_non_null(strstr(s, "Mon 14 Dec 2026, YYZ: 4 persons in 2 cases"));
	assert_non_null(strstr(s, "this notice carries no names"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "src="));
	free(s);
	s = notice(fx, MP_NOTICE_HTML, true);
	assert_non_null(strstr(s, "RAHIMI ABU RXHYMY, ABDUL RAHIM (M, 1984-03-02)"));
	assert_non_null(strstr(s, "personal data"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_notice_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_range_and_countries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_xml, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notice_html, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
