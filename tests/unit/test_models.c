/*
 * test_models.c - dates, derived facts (SPEC 1) at their edges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "models/dataset.h"
#include "models/date.h"
#include "models/facts.h"
#include "models/strmap.h"

static mp_date D(const char *s)
{
	mp_date d;
	assert_true(mp_date_parse(s, &d));
	return d;
}

static void test_date_parse(void **state)
{
	mp_date d;
	assert_true(mp_date_parse("2026-02-28", &d));
	assert_false(mp_date_parse("2026-02-29", &d));
	assert_true(mp_date_parse("2028-02-29", &d));
	assert_false(mp_date_parse("2100-02-29", &d));
	assert_true(mp_date_parse("2000-02-29", &d));
	assert_false(mp_date_parse("2026-02-30", &d));
	assert_false(mp_date_parse("2026-13-01", &d));
	assert_false(mp_date_parse("2026-1-01", &d));
	assert_false(mp_date_parse("2026-01-01x", &d));
	assert_false(mp_date_parse("", &d));
	char buf[MP_DATE_BUF];
	mp_date_format(D("2026-12-14"), buf);
	assert_string_equal(buf, "2026-12-14");
	assert_int_equal(mp_date_weekday(D("2026-11-30")), 0); /* a Monday */
	assert_true(mp_date_is_weekend(D("2026-12-13")));
	assert_false(mp_date_is_weekend(D("2026-12-14")));
}

static void test_datetime(void **state)
{
	mp_datetime a, b;
	assert_true(mp_datetime_parse("2026-12-14T06:15+01:00", &a));
	assert_true(mp_datetime_parse("2026-12-14T05:15:00Z", &b));
	assert_int_equal(a.utc, b.utc);
	assert_int_equal(mp_datetime_local_date(a), D("2026-12-14"));
	assert_int_equal(mp_datetime_local_tod(a), 6 * 3600 + 15 * 60);
	assert_false(mp_datetime_parse("2026-12-14T06:15", &a)); /* no offset */
	assert_false(mp_datetime_parse("2026-12-14T24:00+01:00", &a));
	assert_false(mp_datetime_parse("2026-02-30T06:15+01:00", &a));
	/* a late local time west of UTC is the next day in UTC, same local date */
	assert_true(mp_datetime_parse("2026-12-14T23:30-05:00", &a));
	assert_int_equal(mp_datetime_local_date(a), D("2026-12-14"));
	char buf[MP_DATETIME_BUF];
	mp_datetime_format(a, buf);
	assert_string_equal(buf, "2026-12-14T23:30-05:00");
	mp_tod t;
	assert_true(mp_tod_parse("22:00", &t));
	assert_int_equal(t, 22 * 3600);
	assert_false(mp_tod_parse("22:60", &t));
}

static void test_age(void **state)
{
	/* a birthday on the departure day counts */
	assert_int_equal(mp_age_on(D("2008-12-14"), D("2026-12-14")), 18);
	assert_int_equal(mp_age_on(D("2008-12-15"), D("2026-12-14")), 17);
	assert_int_equal(mp_age_on(D("2024-12-14"), D("2026-12-14")), 2);
	assert_int_equal(mp_age_on(D("2024-12-15"), D("2026-12-14")), 1);
	assert_int_equal(mp_age_on(D("2008-02-29"), D("2026-02-28")), 17);
	assert_int_equal(mp_age_on(D("2008-02-29"), D("2026-03-01")), 18);
}

static mp_member *member(mp_case *c, const char *id, const char *birth, unsigned ssr)
{
	mp_member *m = mp_case_add_member(c);
	m->id = strdup(id);
	m->birth_date = D(birth);
	m->ssr = ssr;
	return m;
}

static void test_three_infants_two_adults(void **state)
{
	mp_case c = {0};
	member(&c, "A1", "1990-01-01", 0);
	member(&c, "A2", "1992-01-01", 0);
	member(&c, "I1", "2025-06-01", 0);
	member(&c, "I2", "2026-03-01", 0); /* youngest */
	member(&c, "I3", "2025-09-01", 0);
	mp_case_facts f;
	bool lap[5];
	mp_case_facts_on(&c, D("2026-12-14"), &f, lap);
	assert_int_equal(f.persons, 5);
	assert_int_equal(f.adults, 2);
	assert_int_equal(f.lap_infants, 2);
	assert_true(lap[3] && lap[4] && !lap[2]); /* the two youngest on laps */
	assert_int_equal(f.ssr[MP_SSR_INFT], 2);
	assert_int_equal(mp_case_seats(&f, 6), 3);
	assert_false(f.unaccompanied);
	mp_case_release(&c);
}

static void test_stretcher(void **state)
{
	mp_case c = {0};
	member(&c, "A1", "1958-01-15", 1u << MP_SSR_STCR);
	member(&c, "I1", "2026-01-01", 0);
	mp_case_facts f;
	mp_case_facts_on(&c, D("2026-12-14"), &f, NULL);
	/* the adult on a stretcher holds no lap: the infant takes a seat */
	assert_int_equal(f.lap_infants, 0);
	assert_int_equal(f.stretchers, 1);
	assert_int_equal(mp_case_seats(&f, 6), 7);
	assert_int_equal(mp_case_seats(&f, 9), 10);
	mp_case_release(&c);
}

static void test_infant_on_stretcher(void **state)
{
	mp_case c = {0};
	member(&c, "A1", "1990-01-01", 0);
	member(&c, "I1", "2026-01-01", 1u << MP_SSR_STCR);
	mp_case_facts f;
	mp_case_facts_on(&c, D("2026-12-14"), &f, NULL);
	assert_int_equal(f.lap_infants, 0); /* never on a lap */
	assert_int_equal(mp_case_seats(&f, 6), 7);
	mp_case_release(&c);
}

static void test_minors_only(void **state)
{
	mp_case c = {0};
	member(&c, "M1", "2011-04-04", 0);
	member(&c, "M2", "2013-07-19", 0);
	mp_case_facts f;
	mp_case_facts_on(&c, D("2026-12-14"), &f, NULL);
	assert_true(f.unaccompanied);
	assert_int_equal(f.ssr[MP_SSR_UMNR], 2);
	assert_int_equal(f.need_escort, 2);
	assert_int_equal(f.need_medical, 0);
	assert_int_equal(mp_member_escort_need(&c, 0, D("2026-12-14")), MP_ESC_OPERATIONAL);
	/* the elder turns 18 on the day: no longer unaccompanied */
	c.members[0].birth_date = D("2008-12-14");
	mp_case_facts_on(&c, D("2026-12-14"), &f, NULL);
	assert_false(f.unaccompanied);
	assert_int_equal(f.need_escort, 0);
	mp_case_release(&c);
}

static void test_pregnancy(void **state)
{
	mp_pregnancy p = {.present = true, .weeks = 35, .on = D("2026-11-30")};
	assert_int_equal(mp_pregnancy_weeks_on(&p, D("2026-12-06")), 35);
	assert_false(mp_pregnancy_bars(&p, D("2026-12-06")));
	assert_int_equal(mp_pregnancy_weeks_on(&p, D("2026-12-07")), 36);
	assert_true(mp_pregnancy_bars(&p, D("2026-12-07")));
	p.weeks = 31;
	p.multiple = true;
	assert_false(mp_pregnancy_bars(&p, D("2026-12-06")));
	assert_true(mp_pregnancy_bars(&p, D("2026-12-07")));
}

static void test_strmap(void **state)
{
	mp_strmap m;
	mp_strmap_init(&m);
	char keys[500][16];
	for (int i = 0; i < 500; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		mp_strmap_put(&m, keys[i], i);
	}
	for (int i = 0; i < 500; i++)
		assert_int_equal(mp_strmap_get(&m, keys[i]), i);
	assert_int_equal(mp_strmap_get(&m, "nope"), -1);
	mp_strmap_release(&m);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_three_infants_two_adults),
		cmocka_unit_test(test_stretcher),
		cmocka_unit_test(test_infant_on_stretcher),
		cmocka_unit_test(test_minors_only),
		cmocka_unit_test(test_pregnancy),
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_id_syntax),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
