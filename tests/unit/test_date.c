/*
 * test_date.c - models/date: strict dates, date-times with their offset,
 * times of day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "models/date.h"
#include "builders.h"

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
	mp_date_format(tb_date("2026-12-14"), buf);
	assert_string_equal(buf, "2026-12-14");
	assert_int_equal(mp_date_weekday(tb_date("2026-11-30")), 0); /* a Monday */
	assert_true(mp_date_is_weekend(tb_date("2026-12-13")));
	assert_false(mp_date_is_weekend(tb_date("2026-12-14")));
}

static void test_datetime(void **state)
{
	mp_datetime a, b;
	assert_true(mp_datetime_parse("2026-12-14T06:15+01:00", &a));
	assert_true(mp_datetime_parse("2026-12-14T05:15:00Z", &b));
	assert_int_equal(a.utc, b.utc);
	assert_int_equal(mp_datetime_local_date(a), tb_date("2026-12-14"));
	assert_int_equal(mp_datetime_local_tod(a), 6 * 3600 + 15 * 60);
	assert_false(mp_datetime_parse("2026-12-14T06:15", &a)); /* no offset */
	assert_false(mp_datetime_parse("2026-12-14T24:00+01:00", &a));
	assert_false(mp_datetime_parse("2026-02-30T06:15+01:00", &a));
	/* a late local time west of UTC is the next day in UTC, same local date */
	assert_true(mp_datetime_parse("2026-12-14T23:30-05:00", &a));
	assert_int_equal(mp_datetime_local_date(a), tb_date("2026-12-14"));
	char buf[MP_DATETIME_BUF];
	mp_datetime_format(a, buf);
	assert_string_equal(buf, "2026-12-14T23:30-05:00");
	mp_tod t;
	assert_true(mp_tod_parse("22:00", &t));
	assert_int_equal(t, 22 * 3600);
	assert_false(mp_tod_parse("22:60", &t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_datetime),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
