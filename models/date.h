/*
 * date.h - calendar dates, date-times with UTC offsets and times of day.
 *
 * SPEC 1: dates are YYYY-MM-DD; date-times are ISO 8601 with a UTC
 * offset (YYYY-MM-DDTHH:MM[:SS]±HH:MM or Z); times of day HH:MM[:SS].
 * A flight's local date and time are the ones written.
 *
 * An mp_date is a day number (days since 1970-01-01, proleptic
 * Gregorian); MP_NODATE means absent.  An mp_datetime keeps the instant
 * in UTC seconds and the offset it was written with, so the local date
 * and time can be recovered and written back unchanged.
 */
#ifndef MP_DATE_H
#define MP_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t mp_date;
#define MP_NODATE INT32_MIN

typedef struct mp_datetime {
	int64_t utc;        /* seconds since 1970-01-01T00:00Z */
	int32_t offset_min; /* UTC offset it was written with, minutes */
	bool present;
} mp_datetime;

/* Seconds since local midnight; MP_NOTIME when absent. */
typedef int32_t mp_tod;
#define MP_NOTIME (-1)

/* The years a date may have; a flight's dates begin at
 * MP_FLIGHT_YEAR_MIN (SPEC 1 leaves them open; docs/format.md). */
#define MP_YEAR_MIN 1900
#define MP_YEAR_MAX 2999
#define MP_FLIGHT_YEAR_MIN 2000

/* Strict parsers: the whole string must match, the date must exist in
 * the calendar (no 2026-02-30), years MP_YEAR_MIN-MP_YEAR_MAX.  Return
 * false on any deviation and leave *out unspecified. */
bool mp_date_parse(const char *s, mp_date *out);
bool mp_datetime_parse(const char *s, mp_datetime *out);
bool mp_tod_parse(const char *s, mp_tod *out);

/* Formatters write NUL-terminated text into buf. */
#define MP_DATE_BUF 11     /* "2026-12-14" */
#define MP_DATETIME_BUF 26 /* "2026-12-14T06:15:00+01:00" */
#define MP_TOD_BUF 9       /* "06:15:00" */
void mp_date_format(mp_date d, char buf[MP_DATE_BUF]);
/* Seconds are written only when not zero; offset 0 is written "+00:00". */
void mp_datetime_format(mp_datetime dt, char buf[MP_DATETIME_BUF]);
/* The same instant in UTC, "2026-12-14T05:15:00Z" (always seconds). */
void mp_datetime_format_utc(mp_datetime dt, char buf[MP_DATETIME_BUF]);
void mp_tod_format(mp_tod t, char buf[MP_TOD_BUF]);

mp_date mp_date_from_ymd(int y, int m, int d);
void mp_date_to_ymd(mp_date d, int *y, int *m, int *day);
/* 0 = Monday ... 6 = Sunday. */
int mp_date_weekday(mp_date d);
bool mp_date_is_weekend(mp_date d);

/* Local date and time of day of a date-time, as written. */
mp_date mp_datetime_local_date(mp_datetime dt);
mp_tod mp_datetime_local_tod(mp_datetime dt);

/* Whole years from birth to on (age on a date; a birthday on `on`
 * counts).  Feb 29 birthdays turn a year older on Mar 1 in common
 * years. */
int mp_age_on(mp_date birth, mp_date on);

/* Today's date in UTC. */
mp_date mp_date_today(void);

#endif
