/*
 * test_paxlst.c - the manifest as a UN/EDIFACT PAXLST message
 * (reports/paxlst.c), split into segments by a reader written here that
 * honours the release character: envelope counts, parts, MRZ names, the
 * lap infant right after the adult who carries it and linked to it, the
 * release of ? : + ' in values.
 */
#include "reports_fixture.h"

static void test_paxlst_structure(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_PAXLST, 0);
	segs g = edi_split(s);
	assert_true(starts(g.v[0], "UNB+UNOA:4+IOMTIA+CBSAAPI+261210:0900+"));
	assert_true(starts(g.v[1], "UNH+1+PAXLST:D:02B:UN:IATA+TK1074/261214/0615+01:F"));
	int unh = 1, unt = -1;
	for (int i = 0; i < g.n; i++)
		if (starts(g.v[i], "UNT+"))
			unt = i;
	assert_true(unt > unh);
	char want[32];
	snprintf(want, sizeof want, "UNT+%d+1", unt - unh + 1);
	assert_string_equal(g.v[unt], want);
	assert_string_equal(g.v[unt - 1], "CNT+42:5"); /* 4 members and the escort */
	assert_true(starts(g.v[g.n - 1], "UNZ+1+"));
	/* names as the MRZ reads them; a value with ? : + ' released */
	bool seen_edi = false, seen_hard = false, seen_doc = false;
	for (int i = 0; i < g.n; i++) {
		seen_edi |= strcmp(g.v[i], "NAD+FL+++ONEIL SMITH:SHABNAM") == 0;
		seen_hard |= strcmp(g.v[i], "NAD+FL+++RAHIMI ABU RXHYMY:ABDUL RAHIM") == 0;
		seen_doc |= strcmp(g.v[i], "DOC+P:110:111+X?+1?:2?'3??") == 0;
	}
	assert_true(seen_edi);
	assert_true(seen_hard);
	assert_true(seen_doc);
	assert_non_null(strstr(s, "DTM+189:2612140615:201'"));
	assert_non_null(strstr(s, "DTM+232:2612141000:201'"));
	assert_non_null(strstr(s, "DOC+P:110:111+P0123456'"));
	assert_non_null(strstr(s, "DTM+36:290630'"));
	assert_non_null(strstr(s, "RFF+AVF:ESC-01'"));
	for (const char *p = s; *p; p++) /* UNOA: nothing outside printable ASCII */
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
	segs_free(&g);
	free(s);
}

/* The lap infant is the NAD+FL right after its adult's traveller group,
 * with the family's booking reference and the adult's passenger
 * reference followed by /INF. */
static void test_paxlst_infant(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_PAXLST, 0);
	segs g = edi_split(s);
	int adult = -1, infant = -1;
	for (int i = 0; i < g.n; i++) {
		if (strcmp(g.v[i], "NAD+FL+++ONEIL SMITH:SHABNAM") == 0)
			adult = i;
		if (strcmp(g.v[i], "NAD+FL+++RAHIMI:OMID") == 0)
			infant = i;
	}
	assert_true(adult > 0 && infant > adult);
	for (int i = adult + 1; i < infant; i++) /* nobody in between */
		assert_false(starts(g.v[i], "NAD+FL"));
	bool ref = false, link = false, own = false;
	for (int i = infant; i < g.n && !starts(g.v[i], "NAD+FL+++RAHIMI ABU"); i++) {
		ref |= strcmp(g.v[i], "RFF+AVF:AFG-0001") == 0;
		link |= strcmp(g.v[i], "RFF+ABO:AFG-0001-02/INF") == 0;
	}
	for (int i = adult; i < infant; i++)
		own |= strcmp(g.v[i], "RFF+ABO:AFG-0001-02") == 0;
	assert_true(ref && link && own);
	segs_free(&g);
	/* parts of 2: the adult and the infant on its lap stay together */
	s = (free(s), manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_PAXLST, 2));
	g = edi_split(s);
	int part_adult = 0, part_infant = -1, part = 0;
	for (int i = 0; i < g.n; i++) {
		part += starts(g.v[i], "UNH+");
		if (strcmp(g.v[i], "NAD+FL+++ONEIL SMITH:SHABNAM") == 0)
			part_adult = part;
		if (strcmp(g.v[i], "NAD+FL+++RAHIMI:OMID") == 0)
			part_infant = part;
	}
	assert_int_equal(part_adult, part_infant);
	segs_free(&g);
	free(s);
}

static void test_paxlst_parts(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_PAXLST, 2);
	segs g = edi_split(s);
	/* RAHIMI ABU | ONEIL SMITH + infant | NOORI + escort */
	static const char *const part[] = {"01:C", "02:C", "03:F"};
	static const int cnt[] = {1, 2, 2};
	int k = 0, unh = -1;
	for (int i = 0; i < g.n; i++) {
		if (starts(g.v[i], "UNH+")) {
			unh = i;
			assert_true(k < 3);
			size_t n = strlen(g.v[i]);
			assert_string_equal(g.v[i] + n - 4, part[k]);
		} else if (starts(g.v[i], "CNT+42:")) {
			assert_int_equal(atoi(g.v[i] + 7), cnt[k]);
		} else if (starts(g.v[i], "UNT+")) {
			char want[32];
			snprintf(want, sizeof want, "UNT+%d+%d", i - unh + 1, k + 1);
			assert_string_equal(g.v[i], want);
			k++;
		}
	}
	assert_int_equal(k, 3);
	assert_true(starts(g.v[g.n - 1], "UNZ+3+"));
	/* the interchange reference of UNB (element 5) comes back in UNZ */
	char *ref = edi_element(g.v[0], 5);
	assert_int_equal(strlen(ref), 14);
	assert_string_equal(g.v[g.n - 1] + strlen("UNZ+3+"), ref);
	free(ref);
	segs_free(&g);
	free(s);
}

static void test_unoa(void **state)
{
	static const struct { const char *in, *out; } cases_[] = {
		{"\xc3\x86r\xc3\xb8sk\xc3\xb8""bing", "AEROESKOEBING"},
		{"\xc5\x81\xc3\xb3""d\xc5\xba", "LODZ"},
		{"M\xc3\xbcller-L\xc3\xbc""denscheidt", "MUELLER-LUEDENSCHEIDT"},
		{"\xd0\xa9\xd1\x83\xd0\xba\xd0\xb8\xd0\xbd", "SHCHUKIN"},
		{"Stra\xc3\x9f""e", "STRASSE"},
		{"Nguy\xe1\xbb\x85n", "NGUYEN"},
		{"  a   b  ", "A B"},
		{"x_y@z", "X-YZ"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases_ / sizeof cases_[0]; i++) {
		char *u = rp_unoa(cases_[i].in, 35);
		assert_string_equal(u, cases_[i].out);
		free(u);
	}
	char *u = rp_unoa("abcdefghij", 4);
	assert_string_equal(u, "ABCD");
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_paxlst_structure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paxlst_infant, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paxlst_parts, setup, teardown),
		cmocka_unit_test(test_unoa),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
