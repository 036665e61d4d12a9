/*
 * test_report.c - the plan report (reports/report.c, report_html.c,
 * report_table.c, svg.c, report_dir.c): HTML that fetches nothing and
 * escapes everything, JSON read by cJSON, CSV by an RFC 4180 reader, the
 * report folder's files and modes; no personal data anywhere but
 * plan.json.
 */
#include "reports_fixture.h"

static char *report(fixture *fx, enum mp_report_format f)
{
	capture c;
	int rc = mp_report_write(cap_open(&c), &fx->ds, &fx->plan, NULL, f, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

static void test_report_html(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_HTML);
	assert_true(starts(s, "<!DOCTYPE html>"));
	assert_no_personal_data(fx, s);
	assert_non_null(strstr(s, "AFG-0001"));          /* cases by id */
	assert_non_null(strstr(s, "TK1074/2026-12-14"));
	assert_non_null(strstr(s, "NO_ROUTE"));
	assert_int_equal(count(s, "<svg"), count(s, "</svg>"));
	assert_true(count(s, "<svg") >= 5);
	assert_int_equal(count(s, "<table>"), count(s, "</table>"));
	/* nothing fetched from outside */
	assert_null(strstr(s, "http://"  "x"));
	assert_null(strstr(s, "src="));
	assert_null(strstr(s, "<link"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "@import"));
	assert_null(strstr(s, "url("));
	assert_non_null(strstr(s, "@media print"));
	free(s);
}

/* Every chart: two axis titles and a legend. */
static void test_report_charts(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_HTML);
	int charts = 0;
	for (const char *p = s; (p = strstr(p, "<svg class=\"chart\"")); p++) {
		const char *e = strstr(p, "</svg>");
		char *one = mp_xstrndup(p, (size_t)(e - p));
		if (count(one, "class=\"axis-title\"") != 2 || count(one, "class=\"legend\"") != 1)
			fail_msg("a chart without its axis titles or legend: %.200s", one);
		free(one);
		charts++;
	}
	assert_true(charts >= 6);
	assert_int_equal(count(s, "<p class=\"chart-title\">"), charts); /* titles people see */
	/* quota marks in the quota's own unit: YYZ's week in persons and in cases */
	assert_non_null(strstr(s, "<title>quota CA-2026-12: 120 persons</title>"));
	assert_non_null(strstr(s, "<title>quota YYZ-W51: 40 persons</title>"));
	assert_non_null(strstr(s, "<title>quota YYZ-W51: 10 cases</title>"));
	assert_null(strstr(s, "quota CA-2026-12: -1 cases"));
	assert_non_null(strstr(s, "Cases arriving at YYZ per week"));
	assert_non_null(strstr(s, "<title>clinic DRS: 25 persons a day</title>"));
	free(s);
}

/* What a manager reads: the first screen, human labels, flights in use. */
static void test_report_for_people(void **state)
{
	fixture *fx = *state;
	free(mp_dataset_flight(&fx->ds, "TK1074/2026-12-14")->currency);
	mp_dataset_flight(&fx->ds, "TK1074/2026-12-14")->currency = mp_xstrdup("EUR");
	mp_flight_use *f = mp_plan_add_flight(&fx->plan); /* a flight nobody takes */
	f->id = mp_xstrdup("OS1712/2026-12-15");
	f->seats = 12;
	char *s = report(fx, MP_REPORT_HTML);
	const char *glance = strstr(s, "At a glance");
	assert_non_null(glance);
	assert_true(glance < strstr(s, "<svg")); /* before any chart */
	assert_non_null(strstr(s, "<b>4 persons</b> in 2 cases move between Mon 14 Dec 2026"));
	assert_non_null(strstr(s, "(last arrival): 4 to Canada."));
	assert_non_null(strstr(s, "<b>2 persons</b> in 1 case are not booked; what holds them "
				  "back: medical clearance pending (2 persons)"));
	assert_non_null(strstr(s, "gap to the best possible plan (%)"));
	assert_non_null(strstr(s, "average wait in days"));
	assert_non_null(strstr(s, "cost in EUR"));
	assert_null(strstr(s, ">weighted_persons<"));
	assert_null(strstr(s, ">gap_pct<"));
	assert_null(strstr(s, "<td>OS1712/2026-12-15</td>")); /* not in use: CSV only */
	assert_non_null(strstr(s, "<td>TK1074/2026-12-14</td>"));
	free(s);
	s = report(fx, MP_REPORT_CSV);
	assert_non_null(strstr(s, "flights,3,flight,OS1712/2026-12-15"));
	free(s);
}

static void test_report_html_escapes(void **state)
{
	fixture *fx = *state;
	free(fx->plan.unassigned[0].reasons[1].detail);
	fx->plan.unassigned[0].reasons[1].detail = mp_xstrdup("<script>alert('x')</script> & co");
	free(fx->plan.scenario);
	fx->plan.scenario = mp_xstrdup("a<b>\"c\"");
	char *s = report(fx, MP_REPORT_HTML);
	assert_null(strstr(s, "<script>"));
	assert_null(strstr(s, "a<b>"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
	assert_non_null(strstr(s, "a&lt;b&gt;&quot;c&quot;"));
	free(s);
}

static cJSON *table_json(cJSON *root, const char *name)
{
	return cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "report"), "tables"),
				   name);
}

static void test_report_json(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_JSON);
	assert_no_personal_data(fx, s);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *sum = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "report"), "summary");
	assert_int_equal(cJSON_GetObjectItem(sum, "persons_moved")->valueint, 4);
	assert_int_equal(cJSON_GetObjectItem(sum, "cases_moved")->valueint, 2);
	assert_int_equal(cJSON_GetObjectItem(sum, "cases_unassigned")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(sum, "plan")->valuestring, "P-TEST-1");
	cJSON *fl = cJSON_GetArrayItem(table_json(root, "flights"), 0);
	assert_string_equal(cJSON_GetObjectItem(fl, "flight")->valuestring, "TK1074/2026-12-14");
	assert_int_equal(cJSON_GetObjectItem(fl, "used")->valueint, 9);
	/* SPEC 2: one row, the decisive reason */
	assert_int_equal(cJSON_GetArraySize(table_json(root, "reasons")), 1);
	cJSON *rs = cJSON_GetArrayItem(table_json(root, "reasons"), 0);
	assert_string_equal(cJSON_GetObjectItem(rs, "code")->valuestring, "MEDICAL_PENDING");
	cJSON *w = cJSON_GetArrayItem(table_json(root, "waiting_by_priority"), 0); /* emergency */
	assert_int_equal(cJSON_GetObjectItem(w, "max_days")->valueint, 9); /* 12-05 to 12-14 */
	cJSON *wk = cJSON_GetArrayItem(table_json(root, "weeks"), 0);
	assert_string_equal(cJSON_GetObjectItem(wk, "week")->valuestring, "2026-12-14");
	assert_int_equal(cJSON_GetObjectItem(wk, "persons")->valueint, 4);
	cJSON_Delete(root);
	free(s);
}

static void test_report_csv_long(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_CSV);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_string_equal(t.rows[0][0], "table");
	bool seen = false;
	for (int i = 1; i < t.n_rows; i++) {
		assert_int_equal(t.n_fields[i], 4);
		seen |= !strcmp(t.rows[i][0], "quotas") && !strcmp(t.rows[i][2], "persons") &&
			!strcmp(t.rows[i][3], "4");
	}
	assert_true(seen);
	csv_free(&t);
	free(s);
}

static void test_report_dir(void **state)
{
	fixture *fx = *state;
	char tmpl[] = "/tmp/movplan-report-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	char *dir = mp_xasprintf("%s/out/report", tmpl);
	assert_int_equal(mp_report_write_dir(dir, &fx->ds, &fx->plan, NULL, &fx->errs), MP_OK);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	static const char *const files[] = {"index.html", "plan.json", "report.json",
					    "flights.csv", "quotas.csv", "destinations.csv",
					    "unassigned.csv", "waiting.csv", "summary.csv"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *path = mp_xasprintf("%s/%s", dir, files[i]);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		char *text = read_all(path);
		if (strstr(files[i], ".csv")) {
			csv_table t;
			assert_true(csv_parse(text, &t));
			assert_true(t.n_rows >= 1);
			csv_free(&t);
		}
		if (strcmp(files[i], "plan.json") != 0)
			assert_no_personal_data(fx, text);
		free(text);
		free(path);
	}
	char *path = mp_xasprintf("%s/plan.json", dir);
	char *text = read_all(path);
	cJSON *root = cJSON_Parse(text);
	assert_non_null(root);
	cJSON *plan = cJSON_GetObjectItem(root, "plan");
	assert_string_equal(cJSON_GetObjectItem(plan, "id")->valuestring, "P-TEST-1");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(plan, "assignments")), 2);
	cJSON_Delete(root);
	free(text);
	free(path);
	char *cmd = mp_xasprintf("rm -rf '%s'", tmpl);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_report_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_charts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_for_people, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_html_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_csv_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_dir, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
