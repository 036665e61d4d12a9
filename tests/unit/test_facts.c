/*
 * test_facts.c - models/facts: the derived facts of SPEC 1 at their edges
 * (age on the day, lap infants, stretchers, UMNR, escorts, pregnancy).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "models/dataset.h"
#include "models/facts.h"
#include "builders.h"

static void test_age(void **state)
{
	/* a birthday on the departure day counts */
	assert_int_equal(mp_age_on(tb_date("2008-12-14"), tb_date("2026-12-14")), 18);
	assert_int_equal(mp_age_on(tb_date("2008-12-15"), tb_date("2026-12-14")), 17);
	assert_int_equal(mp_age_on(tb_date("2024-12-14"), tb_date("2026-12-14")), 2);
	assert_int_equal(mp_age_on(tb_date("2024-12-15"), tb_date("2026-12-14")), 1);
	assert_int_equal(mp_age_on(tb_date("2008-02-29"), tb_date("2026-02-28")), 17);
	assert_int_equal(mp_age_on(tb_date("2008-02-29"), tb_date("2026-03-01")), 18);
}

static mp_member *member(mp_case *c, const char *id, const char *birth, unsigned ssr)
{
	mp_member *m = mp_case_add_member(c);
	m->id = strdup(id);
	m->birth_date = tb_date(birth);
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
	mp_case_facts_on(&c, tb_date("2026-12-14"), &f, lap);
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
	mp_case_facts_on(&c, tb_date("2026-12-14"), &f, NULL);
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
	mp_case_facts_on(&c, tb_date("2026-12-14"), &f, NULL);
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
	mp_case_facts_on(&c, tb_date("2026-12-14"), &f, NULL);
	assert_true(f.unaccompanied);
	assert_int_equal(f.ssr[MP_SSR_UMNR], 2);
	assert_int_equal(f.need_escort, 2);
	assert_int_equal(f.need_medical, 0);
	assert_int_equal(mp_member_escort_need(&c, 0, tb_date("2026-12-14")), MP_ESC_OPERATIONAL);
	/* the elder turns 18 on the day: no longer unaccompanied */
	c.members[0].birth_date = tb_date("2008-12-14");
	mp_case_facts_on(&c, tb_date("2026-12-14"), &f, NULL);
	assert_false(f.unaccompanied);
	assert_int_equal(f.need_escort, 0);
	mp_case_release(&c);
}

static void test_pregnancy(void **state)
{
	mp_pregnancy p = {.present = true, .weeks = 35, .on = tb_date("2026-11-30")};
	assert_int_equal(mp_pregnancy_weeks_on(&p, tb_date("2026-12-06")), 35);
	assert_false(mp_pregnancy_bars(&p, tb_date("2026-12-06")));
	assert_int_equal(mp_pregnancy_weeks_on(&p, tb_date("2026-12-07")), 36);
	assert_true(mp_pregnancy_bars(&p, tb_date("2026-12-07")));
	p.weeks = 31;
	p.multiple = true;
	assert_false(mp_pregnancy_bars(&p, tb_date("2026-12-06")));
	assert_true(mp_pregnancy_bars(&p, tb_date("2026-12-07")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_three_infants_two_adults),
		cmocka_unit_test(test_stretcher),
		cmocka_unit_test(test_infant_on_stretcher),
		cmocka_unit_test(test_minors_only),
		cmocka_unit_test(test_pregnancy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
