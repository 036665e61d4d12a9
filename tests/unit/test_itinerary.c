/*
 * test_itinerary.c - one case's journey (reports/itinerary.c,
 * itinerary_ics.c): the family's page, JSON, and iCalendar read back by
 * an unfolding reader written here (CRLF, 75-octet lines).
 */
#include "reports_fixture.h"
#include "models/outputs.h"

static char *itinerary(fixture *fx, const char *case_id, enum mp_itinerary_format f)
{
	capture c;
	int rc = mp_itinerary_write(cap_open(&c), &fx->ds, &fx->plan, case_id, f, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

static void test_itinerary_text(void **state)
{
	fixture *fx = *state;
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "connection at IST: 3 h 55 min"));
	assert_non_null(strstr(s, "ESC-01"));
	assert_non_null(strstr(s, "Elira Hoxha"));
	assert_non_null(strstr(s, "Sat 12 Dec 2026 at clinic DRS"));
	assert_non_null(strstr(s, "06:15 TIA (UTC+01:00)"));
	assert_non_null(strstr(s, "18:05 YYZ (UTC-05:00)"));
	assert_non_null(strstr(s, "Shabnam"));
	assert_null(strstr(s, "1984-03-02")); /* no birth dates on the family's page */
	free(s);
	s = itinerary(fx, "AFG-0003", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "NOT BOOKED"));
	assert_non_null(strstr(s, "NO_ROUTE"));
	assert_non_null(strstr(s, "MEDICAL_PENDING"));
	assert_non_null(strstr(s, "medical status is pending"));
	free(s);
	s = itinerary(fx, "AFG-0005", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "not part of the plan"));
	assert_null(strstr(s, "What to bring"));
	free(s);
	s = itinerary(fx, "AFG-0005", MP_ITIN_JSON);
	assert_non_null(strstr(s, "\"status\": \"not_planned\""));
	free(s);
	s = itinerary(fx, "AFG-0005", MP_ITIN_ICS);
	assert_int_equal(count(s, "BEGIN:VEVENT"), 0);
	free(s);
	capture c;
	int rc = mp_itinerary_write(cap_open(&c), &fx->ds, &fx->plan, "AFG-9999", MP_ITIN_TEXT,
				    &fx->errs);
	free(cap_close(&c));
	assert_int_equal(rc, MP_EDATA);
	assert_non_null(strstr(fx->errs.v[0].msg, "unknown case 'AFG-9999'"));
}

static void test_itinerary_json(void **state)
{
	fixture *fx = *state;
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_JSON);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *it = cJSON_GetObjectItem(root, "itinerary");
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring, "booked");
	cJSON *legs = cJSON_GetObjectItem(it, "legs");
	assert_int_equal(cJSON_GetArraySize(legs), 2);
	cJSON *cx = cJSON_GetObjectItem(cJSON_GetArrayItem(legs, 0), "connection");
	assert_int_equal(cJSON_GetObjectItem(cx, "minutes")->valueint, 235);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "ftt"), "date")->valuestring,
			    "2026-12-12");
	cJSON_Delete(root);
	free(s);
	s = itinerary(fx, "AFG-0003", MP_ITIN_JSON);
	root = cJSON_Parse(s);
	assert_non_null(root);
	it = cJSON_GetObjectItem(root, "itinerary");
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring, "not_booked");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(it, "reasons")), 2);
	cJSON_Delete(root);
	free(s);
}

static void test_itinerary_ics(void **state)
{
	fixture *fx = *state;
	char *s1 = itinerary(fx, "AFG-0001", MP_ITIN_ICS);
	char *s2 = itinerary(fx, "AFG-0001", MP_ITIN_ICS);
	assert_string_equal(s1, s2); /* stable: UIDs and DTSTAMP from the plan */
	char *u = ics_unfold(s1);
	assert_true(starts(u, "BEGIN:VCALENDAR\nVERSION:2.0\n"));
	assert_int_equal(count(u, "BEGIN:VEVENT"), 4);
	/* UIDs by case and leg position, never by flight: a re-plan updates */
	assert_non_null(strstr(u, "\nUID:AFG-0001.journey@ALB-SAMPLE\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0001.leg1@ALB-SAMPLE\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0001.leg2@ALB-SAMPLE\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0001.ftt@ALB-SAMPLE\n"));
	assert_non_null(strstr(u, "\nSUMMARY:Journey TIA-IST-YYZ\n"));
	assert_null(strstr(u, "STATUS:CANCELLED"));
	assert_non_null(strstr(u, "\nSEQUENCE:0\n"));
	assert_non_null(strstr(u, "\nDTSTART:20261214T051500Z\n"));
	assert_non_null(strstr(u, "\nDTEND:20261214T070000Z\n"));
	assert_non_null(strstr(u, "\nDTSTART;VALUE=DATE:20261212\n"));
	assert_non_null(strstr(u, "\nSUMMARY:TK1074 TIA-IST\n"));
	assert_non_null(strstr(u, "Rahimi\\, \"Abu\"")); /* TEXT escaping of the comma */
	assert_non_null(strstr(u, "Connection at IST: 3 h 55 min"));
	assert_true(count(s1, "\r\n ") > 0); /* the long descriptions were folded */
	free(u);
	free(s1);
	free(s2);
	s1 = itinerary(fx, "AFG-0003", MP_ITIN_ICS);
	u = ics_unfold(s1);
	assert_int_equal(count(u, "BEGIN:VEVENT"), 0);
	assert_non_null(strstr(u, "END:VCALENDAR"));
	free(u);
	free(s1);
}

static char *ics_after(fixture *fx, const char *case_id, const mp_journey *j)
{
	capture c;
	int rc = mp_itinerary_write_ics(cap_open(&c), &fx->ds, &fx->plan, case_id, j, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	char *u = ics_unfold(s);
	free(s);
	return u;
}

/* A calendar published before: SEQUENCE from the journey, a third leg
 * and a check published then are cancelled by UID; a case that lost
 * its booking gets METHOD:CANCEL for every UID it had. */
static void test_itinerary_ics_follows(void **state)
{
	fixture *fx = *state;
	mp_journey was = {.sequence = 7, .legs = 3, .ftt = true};
	char *u = ics_after(fx, "AFG-0001", &was);
	assert_non_null(strstr(u, "\nMETHOD:PUBLISH\n"));
	assert_int_equal(count(u, "BEGIN:VEVENT"), 5);
	assert_int_equal(count(u, "\nSEQUENCE:7\n"), 5);
	assert_int_equal(count(u, "STATUS:CANCELLED"), 1);
	const char *leg3 = strstr(u, "\nUID:AFG-0001.leg3@ALB-SAMPLE\n");
	assert_non_null(leg3);
	assert_true(strstr(leg3, "STATUS:CANCELLED") < strstr(leg3, "END:VEVENT"));
	free(u);
	was.legs = 2;
	u = ics_after(fx, "AFG-0003", &was);
	assert_non_null(strstr(u, "\nMETHOD:CANCEL\n"));
	assert_int_equal(count(u, "BEGIN:VEVENT"), 4);
	assert_int_equal(count(u, "STATUS:CANCELLED"), 4);
	assert_non_null(strstr(u, "\nUID:AFG-0003.journey@ALB-SAMPLE\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0003.leg2@ALB-SAMPLE\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0003.ftt@ALB-SAMPLE\n"));
	assert_null(strstr(u, "leg3"));
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_itinerary_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_ics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_ics_follows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
