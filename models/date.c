/*
 * date.c - day numbers from Howard Hinnant's civil-calendar algorithms,
 * strict parsers and formatters.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "date.h"

mp_date mp_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (mp_date)(era * 146097 + (int)doe - 719468);
}

void mp_date_to_ymd(mp_date z0, int *y, int *m, int *d)
{
	int z = z0 + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yy + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Reads exactly n digits. */
static bool digits(const char **s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*s)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*s += n;
	*out = v;
	return true;
}

static bool parse_ymd(const char **s, mp_date *out)
{
	int y, m, d;
	if (!digits(s, 4, &y) || **s != '-')
		return false;
	(*s)++;
	if (!digits(s, 2, &m) || **s != '-')
		return false;
	(*s)++;
	if (!digits(s, 2, &d))
		return false;
	if (y < MP_YEAR_MIN || y > MP_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return false;
	*out = mp_date_from_ymd(y, m, d);
	return true;
}

/* HH:MM[:SS] */
static bool parse_hms(const char **s, int *secs)
{
	int h, mi, se = 0;
	if (!digits(s, 2, &h) || **s != ':')
		return false;
	(*s)++;
	if (!digits(s, 2, &mi))
		return false;
	if (**s == ':') {
		(*s)++;
		if (!digits(s, 2, &se))
			return false;
	}
	if (h > 23 || mi > 59 || se > 59)
		return false;
	*secs = h * 3600 + mi * 60 + se;
	return true;
}

bool mp_date_parse(const char *s, mp_date *out)
{
	if (!s)
		return false;
	return parse_ymd(&s, out) && *s == '\0';
}

bool mp_tod_parse(const char *s, mp_tod *out)
{
	int secs;
	if (!s || !parse_hms(&s, &secs) || *s != '\0')
		return false;
	*out = secs;
	return true;
}

bool mp_datetime_parse(const char *s, mp_datetime *out)
{
	mp_date d;
	int secs, off;
	if (!s || !parse_ymd(&s, &d) || *s != 'T')
		return false;
	s++;
	if (!parse_hms(&s, &secs))
		return false;
	if (*s == 'Z') {
		s++;
		off = 0;
	} else if (*s == '+' || *s == '-') {
		int sign = *s == '-' ? -1 : 1, oh, om;
		s++;
		if (!digits(&s, 2, &oh) || *s != ':')
			return false;
		s++;
		if (!digits(&s, 2, &om) || oh > 14 || om > 59)
			return false;
		off = sign * (oh * 60 + om);
	} else {
		return false; /* SPEC 1: a date-time without an offset is an error */
	}
	if (*s != '\0')
		return false;
	out->offset_min = off;
	out->utc = (int64_t)d * 86400 + secs - (int64_t)off * 60;
	out->present = true;
	return true;
}

void mp_date_format(mp_date d, char buf[MP_DATE_BUF])
{
	int y, m, day;
	if (d == MP_NODATE) {
		buf[0] = '\0';
		return;
	}
	mp_date_to_ymd(d, &y, &m, &day);
	char t[40];
	snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, day);
	memcpy(buf, t, MP_DATE_BUF - 1);
	buf[MP_DATE_BUF - 1] = '\0';
}

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

mp_date mp_datetime_local_date(mp_datetime dt)
{
	return (mp_date)floordiv(dt.utc + (int64_t)dt.offset_min * 60, 86400);
}

mp_tod mp_datetime_local_tod(mp_datetime dt)
{
	int64_t local = dt.utc + (int64_t)dt.offset_min * 60;
	return (mp_tod)(local - floordiv(local, 86400) * 86400);
}

void mp_tod_format(mp_tod t, char buf[MP_TOD_BUF])
{
	if (t < 0) {
		buf[0] = '\0';
		return;
	}
	if (t % 60)
		snprintf(buf, MP_TOD_BUF, "%02d:%02d:%02d", (t / 3600) % 100,
			 (t / 60) % 60, t % 60);
	else
		snprintf(buf, MP_TOD_BUF, "%02d:%02d", (t / 3600) % 100, (t / 60) % 60);
}

void mp_datetime_format(mp_datetime dt, char buf[MP_DATETIME_BUF])
{
	char d[MP_DATE_BUF], t[MP_TOD_BUF];
	if (!dt.present) {
		buf[0] = '\0';
		return;
	}
	mp_date_format(mp_datetime_local_date(dt), d);
	mp_tod_format(mp_datetime_local_tod(dt), t);
	int off = dt.offset_min < 0 ? -dt.offset_min : dt.offset_min;
	snprintf(buf, MP_DATETIME_BUF, "%sT%s%c%02d:%02d", d, t,
		 dt.offset_min < 0 ? '-' : '+', (off / 60) % 100, off % 60);
}

void mp_datetime_format_utc(mp_datetime dt, char buf[MP_DATETIME_BUF])
{
	mp_datetime u = dt;
	u.offset_min = 0;
	char d[MP_DATE_BUF];
	mp_date_format(mp_datetime_local_date(u), d);
	int t = mp_datetime_local_tod(u);
	snprintf(buf, MP_DATETIME_BUF, "%sT%02d:%02d:%02dZ", d, (t / 3600) % 100,
		 (t / 60) % 60, t % 60);
}

int mp_date_weekday(mp_date d)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)((d % 7 + 7 + 3) % 7);
	return w;
}

bool mp_date_is_weekend(mp_date d)
{
	return mp_date_weekday(d) >= 5;
}

int mp_age_on(mp_date birth, mp_date on)
{
	int by, bm, bd, y, m, d;
	mp_date_to_ymd(birth, &by, &bm, &bd);
	mp_date_to_ymd(on, &y, &m, &d);
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

mp_date mp_date_today(void)
{
	return (mp_date)(time(NULL) / 86400);
}
