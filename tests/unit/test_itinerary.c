/*
 * test_itinerary.c - one case's journey for the family
 * (reports/itinerary.c, itinerary_html.c, itinerary_ics.c, i18n.c):
 * plain words and no codes, the check, the meeting, connections and an
 * overnight one, nothing internal for a family not booked; every
 * message of every form found in the Dari and Pashto catalogs, their
 * placeholders the English ones; HTML read by libxml2's HTML parser,
 * right to left for Dari and Pashto; iCalendar by an unfolding reader
 * written here (CRLF, 75-octet lines).
 */
#include "reports_fixture.h"
#include "reports/rp_itinerary.h"
#include "models/outputs.h"

static char *itinerary_lang(fixture *fx, const char *case_id, enum mp_itinerary_format f,
			    const char *lang)
{
	capture c;
	int rc = mp_itinerary_write_lang(cap_open(&c), &fx->ds, &fx->plan, case_id, f, lang,
					 &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

static char *itinerary(fixture *fx, const char *case_id, enum mp_itinerary_format f)
{
	return itinerary_lang(fx, case_id, f, NULL);
}

static void test_itinerary_text(void **state)
{
	fixture *fx = *state;
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "Case AFG-0001\nTo YYZ, Canada\n"));
	assert_non_null(strstr(s, "planned but not yet confirmed"));
	assert_non_null(strstr(s, "Saturday 12 December 2026: every traveller goes to the clinic "
				  "DRS"));
	assert_non_null(strstr(s, "Monday 14 December 2026 at 03:15: meet the movement staff at "
				  "TIA airport"));
	assert_non_null(strstr(s, "departs Monday 14 December 2026 at 06:15 from TIA"));
	assert_non_null(strstr(s, "arrives Monday 14 December 2026 at 18:05 at YYZ"));
	assert_non_null(strstr(s, "Change planes at IST: you wait 3 h 55 min."));
	assert_null(strstr(s, "OVERNIGHT"));
	/* needs in words, never the codes */
	assert_non_null(strstr(s, "a wheelchair to the seat; staff carry them into the aircraft"));
	assert_non_null(strstr(s, "travels on an adult's lap"));
	assert_null(strstr(s, "WCHC"));
	assert_null(strstr(s, "INFT"));
	/* nobody here needs an escort: none is the family's, though one flies */
	assert_null(strstr(s, "Escort"));
	assert_null(strstr(s, "Hoxha"));
	assert_non_null(strstr(s, "Shabnam"));
	assert_null(strstr(s, "1984-03-02")); /* no birth dates on the family's page */
	assert_null(strstr(s, "P-TEST-1"));   /* nor the plan's id */
	free(s);
	s = itinerary(fx, "AFG-0002", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "Your seats are booked and confirmed."));
	assert_non_null(strstr(s, "travels lying on a stretcher"));
	assert_non_null(strstr(s, "A medical escort travels with you on every flight: Elira "
				  "Hoxha."));
	assert_non_null(strstr(s, "the medical papers for the airline"));
	assert_null(strstr(s, "STCR"));
	free(s);
	capture c;
	int rc = mp_itinerary_write(cap_open(&c), &fx->ds, &fx->plan, "AFG-9999", MP_ITIN_TEXT,
				    &fx->errs);
	free(cap_close(&c));
	assert_int_equal(rc, MP_EDATA);
	assert_non_null(strstr(fx->errs.v[0].msg, "unknown case 'AFG-9999'"));
}

/* A family not booked reads that and nothing internal, in every form. */
static void test_itinerary_not_booked(void **state)
{
	fixture *fx = *state;
	static const char *const cases_[] = {"AFG-0003", "AFG-0005"};
	static const enum mp_itinerary_format f[] = {MP_ITIN_TEXT, MP_ITIN_HTML, MP_ITIN_JSON,
						     MP_ITIN_ICS};
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 4; i++) {
			char *s = itinerary(fx, cases_[k], f[i]);
			assert_non_null(strstr(s, "Not yet booked"));
			assert_non_null(strstr(s, "caseworker will contact you"));
			static const char *const internal[] = {
				"NO_ROUTE", "MEDICAL_PENDING", "medical status is pending", "P-TEST-1",
				"reason", "baseline", "What to bring", "BEGIN:VEVENT",
			};
			for (size_t j = 0; j < sizeof internal / sizeof internal[0]; j++)
				if (strstr(s, internal[j]))
					fail_msg("%s in %d form: '%s'", cases_[k], (int)f[i], internal[j]);
			free(s);
		}
}

static void test_itinerary_overnight(void **state)
{
	fixture *fx = *state;
	mp_flight *f = mp_dataset_flight(&fx->ds, "TK17/2026-12-14");
	f->departs = DT("2026-12-15T09:55+03:00"); /* the connection lasts the night */
	f->arrives = DT("2026-12-15T14:05-05:00");
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "Change planes at IST: you wait 23 h 55 min."));
	assert_non_null(strstr(s, "OVERNIGHT: you spend the night at the airport."));
	free(s);
	s = itinerary(fx, "AFG-0001", MP_ITIN_JSON);
	cJSON *root = cJSON_Parse(s);
	cJSON *leg = cJSON_GetArrayItem(
		cJSON_GetObjectItem(cJSON_GetObjectItem(root, "itinerary"), "legs"), 0);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(leg, "connection"),
						      "overnight")));
	cJSON_Delete(root);
	free(s);
}

static void test_itinerary_json(void **state)
{
	fixture *fx = *state;
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_JSON);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *it = cJSON_GetObjectItem(root, "itinerary");
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring, "booked");
	assert_string_equal(cJSON_GetObjectItem(it, "language")->valuestring, "en");
	cJSON *legs = cJSON_GetObjectItem(it, "legs");
	assert_int_equal(cJSON_GetArraySize(legs), 2);
	cJSON *cx = cJSON_GetObjectItem(cJSON_GetArrayItem(legs, 0), "connection");
	assert_int_equal(cJSON_GetObjectItem(cx, "minutes")->valueint, 235);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(cx, "overnight")));
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "ftt"), "date")->valuestring,
			    "2026-12-12");
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "meeting"), "at")->valuestring,
			    "2026-12-14T03:15+01:00");
	cJSON *t0 = cJSON_GetArrayItem(cJSON_GetObjectItem(it, "travellers"), 0);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(t0, "needs"), 0)->valuestring,
			    "a wheelchair to the seat; staff carry them into the aircraft");
	cJSON_Delete(root);
	free(s);
	s = itinerary(fx, "AFG-0003", MP_ITIN_JSON);
	root = cJSON_Parse(s);
	assert_non_null(root);
	it = cJSON_GetObjectItem(root, "itinerary");
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring, "not_booked");
	assert_null(cJSON_GetObjectItem(it, "reasons"));
	assert_null(cJSON_GetObjectItem(it, "plan"));
	cJSON_Delete(root);
	free(s);
}

/* Every form of every case in Dari and Pashto: no message missing from
 * the catalog, the right script, and no English sentence left. */
static void test_itinerary_languages(void **state)
{
	fixture *fx = *state;
	static const char *const langs[] = {"fa-AF", "ps"};
	static const char *const title[] = {"سفر شما", "ستاسو سفر"};
	mp_flight *f = mp_dataset_flight(&fx->ds, "TK17/2026-12-14");
	f->departs = DT("2026-12-15T09:55+03:00"); /* the overnight sentence too */
	for (int l = 0; l < 2; l++)
		for (int k = 0; k < fx->ds.n_cases; k++)
			for (int form = MP_ITIN_TEXT; form <= MP_ITIN_HTML; form++) {
				rp_itin it;
				rp_buf b = {0};
				assert_int_equal(rp_itin_build(&it, &fx->ds, &fx->plan,
							       fx->ds.cases[k].id, langs[l],
							       &fx->errs), MP_OK);
				if (form == MP_ITIN_TEXT)
					rp_itin_text(&b, &it);
				else if (form == MP_ITIN_HTML)
					rp_itin_html(&b, &it);
				else if (form == MP_ITIN_ICS)
					rp_itin_ics(&b, &it, NULL);
				else
					rp_itin_json(&b, &it, &fx->errs);
				if (it.lang.missing)
					fail_msg("%s, case %s, form %d: %d messages missing", langs[l],
						 fx->ds.cases[k].id, form, it.lang.missing);
				if (form != MP_ITIN_JSON && form != MP_ITIN_ICS)
					assert_non_null(strstr(b.s, title[l]));
				assert_null(strstr(b.s, "Your journey"));
				assert_null(strstr(b.s, "Travellers"));
				rp_buf_release(&b);
				rp_itin_release(&it);
			}
}

/* Placeholders of {name} form: the same set in msgid and msgstr. */
static void placeholders(const char *s, char *out, size_t n)
{
	out[0] = '\0';
	for (const char *p = s; (p = strchr(p, '{')); p++) {
		const char *e = strchr(p, '}');
		assert_non_null(e);
		char one[64];
		snprintf(one, sizeof one, "%.*s;", (int)(e - p + 1), p);
		if (!strstr(out, one))
			strncat(out, one, n - strlen(out) - 1);
	}
}

static void sorted_placeholders(const char *s, char *out, size_t n)
{
	char raw[512];
	placeholders(s, raw, sizeof raw);
	/* sort the ;-separated items so order in the sentence does not count */
	char *items[16];
	int k = 0;
	for (char *t = strtok(raw, ";"); t && k < 16; t = strtok(NULL, ";"))
		items[k++] = t;
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
			char *x = items[j];
			items[j] = items[j - 1];
			items[j - 1] = x;
		}
	out[0] = '\0';
	for (int i = 0; i < k; i++) {
		strncat(out, items[i], n - strlen(out) - 1);
		strncat(out, ";", n - strlen(out) - 1);
	}
}

static void test_catalogs(void **state)
{
	(void)state;
	rp_lang en;
	bool known;
	rp_lang_load(&en, "en", &known);
	assert_true(known);
	assert_true(en.n_msgs > 100);
	static const char *const tags[] = {"fa-AF", "ps"};
	for (int t = 0; t < 2; t++) {
		rp_lang l;
		rp_lang_load(&l, tags[t], &known);
		assert_true(known && l.rtl);
		assert_int_equal(l.n_msgs, en.n_msgs); /* every message, translated */
		for (int i = 0; i < en.n_msgs; i++) {
			const char *str = rp_tr(&l, en.msgs[i].id);
			char want[512], got[512];
			sorted_placeholders(en.msgs[i].id, want, sizeof want);
			sorted_placeholders(str, got, sizeof got);
			if (strcmp(want, got) != 0)
				fail_msg("%s: '%s': placeholders %s, want %s", tags[t], en.msgs[i].id,
					 got, want);
			assert_string_equal(en.msgs[i].str, en.msgs[i].id); /* en is the source */
		}
		assert_int_equal(l.missing, 0);
		rp_lang_release(&l);
	}
	rp_lang_release(&en);
	/* which tags get which catalog */
	static const struct { const char *tag, *catalog; bool known; } pick[] = {
		{"fa-AF", "fa_AF", true}, {"fa", "fa_AF", true}, {"prs", "fa_AF", true},
		{"PS", "ps", true}, {"pbt-PK", "ps", true}, {"en-GB", "en", true},
		{NULL, "en", true}, {"ar", "en", false}, {"de-CH", "en", false},
	};
	for (size_t i = 0; i < sizeof pick / sizeof pick[0]; i++) {
		rp_lang l;
		rp_lang_load(&l, pick[i].tag, &known);
		assert_string_equal(l.catalog, pick[i].catalog);
		assert_int_equal(known, pick[i].known);
		rp_lang_release(&l);
	}
	assert_false(mp_itinerary_language_known("ar"));
	assert_true(mp_itinerary_language_known("ps"));
}

static void test_itinerary_case_language(void **state)
{
	fixture *fx = *state;
	mp_case *c = mp_dataset_case(&fx->ds, "AFG-0002");
	c->language = mp_xstrdup("ps");
	char *s = itinerary(fx, "AFG-0002", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "ستاسو سفر"));
	free(s);
	s = itinerary_lang(fx, "AFG-0002", MP_ITIN_TEXT, "en"); /* --lang wins */
	assert_non_null(strstr(s, "Your journey"));
	free(s);
	s = itinerary_lang(fx, "AFG-0002", MP_ITIN_TEXT, "fa-AF");
	assert_non_null(strstr(s, "سفر شما"));
	free(s);
}

static void test_itinerary_html(void **state)
{
	fixture *fx = *state;
	char *s = itinerary_lang(fx, "AFG-0001", MP_ITIN_HTML, "fa-AF");
	htmlDocPtr doc = htmlReadMemory(s, (int)strlen(s), "it.html", "UTF-8",
					HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	xmlNodePtr html = xmlDocGetRootElement(doc);
	xmlChar *dir = xmlGetProp(html, BAD_CAST "dir"), *lang = xmlGetProp(html, BAD_CAST "lang");
	assert_string_equal((char *)dir, "rtl");
	assert_string_equal((char *)lang, "fa-AF");
	xmlFree(dir);
	xmlFree(lang);
	xmlFreeDoc(doc);
	assert_non_null(strstr(s, "Noto Naskh Arabic"));
	assert_non_null(strstr(s, "&quot;Abu&quot;")); /* a name, escaped */
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "src="));
	assert_null(strstr(s, "url("));
	assert_non_null(strstr(s, "@page"));
	free(s);
	s = itinerary(fx, "AFG-0001", MP_ITIN_HTML);
	assert_non_null(strstr(s, "<html lang=\"en\" dir=\"ltr\">"));
	free(s);
}

/* Unfolds iCalendar lines; asserts CRLF and the 75-octet limit. */
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
	assert_non_null(strstr(u, "\nSUMMARY:Fit-to-travel check\n"));
	assert_non_null(strstr(u, "Rahimi\\, \"Abu\"")); /* TEXT escaping of the comma */
	assert_non_null(strstr(u, "Change planes at IST: you wait 3 h 55 min."));
	assert_non_null(strstr(u, "meet the movement staff at TIA airport"));
	assert_true(count(s1, "\r\n ") > 0); /* the long descriptions were folded */
	free(u);
	free(s1);
	free(s2);
	s1 = itinerary_lang(fx, "AFG-0001", MP_ITIN_ICS, "ps");
	u = ics_unfold(s1); /* folding never splits a Pashto letter: the unfold reads back */
	assert_non_null(strstr(u, "\nSUMMARY:له سفر مخکې روغتیايي معاینه\n"));
	free(u);
	free(s1);
}

static char *ics_after(fixture *fx, const char *case_id, const mp_journey *j)
{
	capture c;
	int rc = mp_itinerary_write_ics(cap_open(&c), &fx->ds, &fx->plan, case_id, NULL, j,
					&fx->errs);
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
		cmocka_unit_test_setup_teardown(test_itinerary_not_booked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_overnight, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_languages, setup, teardown),
		cmocka_unit_test(test_catalogs),
		cmocka_unit_test_setup_teardown(test_itinerary_case_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_ics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_ics_follows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
