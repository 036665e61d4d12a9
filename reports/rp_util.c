/*
 * rp_util.c - text buffer, escaping, date formats and id lookups shared
 * by the report writers (see rp.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "rp.h"
#include "../models/mrz.h"
#include "../models/strsearch.h"

/* --- text buffer --- */

static void grow(rp_buf *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->n + more + 1)
		cap *= 2;
	b->s = mp_xrealloc(b->s, cap);
	b->cap = cap;
}

void rp_buf_putn(rp_buf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void rp_buf_puts(rp_buf *b, const char *s)
{
	if (s)
		rp_buf_putn(b, s, strlen(s));
}

void rp_buf_putc(rp_buf *b, char c)
{
	rp_buf_putn(b, &c, 1);
}

void rp_buf_printf(rp_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (len <= 0)
		return;
	if ((size_t)len < sizeof tmp) {
		rp_buf_putn(b, tmp, (size_t)len);
		return;
	}
	grow(b, (size_t)len);
	va_start(ap, fmt);
	vsnprintf(b->s + b->n, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)len;
}

void rp_buf_clear(rp_buf *b)
{
	b->n = 0;
	if (b->s)
		b->s[0] = '\0';
}

void rp_buf_release(rp_buf *b)
{
	if (!b)
		return;
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
}

int rp_buf_emit(const rp_buf *b, FILE *out, mp_errors *errs)
{
	if (b->n && fwrite(b->s, 1, b->n, out) != b->n) {
		mp_errors_addf(errs, MP_ECANTCREAT, "cannot write output: %s", strerror(errno));
		return MP_ECANTCREAT;
	}
	if (fflush(out) != 0 || ferror(out)) {
		mp_errors_addf(errs, MP_ECANTCREAT, "cannot write output: %s", strerror(errno));
		return MP_ECANTCREAT;
	}
	return MP_OK;
}

/* --- escaping --- */

/* A plain decimal number ("-3", "0.25"), which a spreadsheet reads as
 * the number it is. */
static bool plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s == '.' && isdigit((unsigned char)s[1]))
		for (s++; isdigit((unsigned char)*s);)
			s++;
	return *s == '\0';
}

/* RFC 4180, and OWASP's advice on CSV injection: a cell that begins
 * with = + - @, a tab or a carriage return (and is not a plain number)
 * would be a formula in a spreadsheet - a given name "=HYPERLINK(...)"
 * a live link - so it is written quoted with a leading apostrophe, which
 * spreadsheets show as text. */
void rp_csv_field(rp_buf *b, const char *s)
{
	if (!s)
		return;
	bool formula = s[0] && strchr("=+-@\t\r", s[0]) && !plain_number(s);
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		rp_buf_puts(b, s);
		return;
	}
	rp_buf_putc(b, '"');
	if (formula)
		rp_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			rp_buf_putc(b, '"');
		rp_buf_putc(b, *s);
	}
	rp_buf_putc(b, '"');
}

void rp_csv_end(rp_buf *b)
{
	rp_buf_puts(b, "\r\n");
}

void rp_html(rp_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': rp_buf_puts(b, "&amp;"); break;
		case '<': rp_buf_puts(b, "&lt;"); break;
		case '>': rp_buf_puts(b, "&gt;"); break;
		case '"': rp_buf_puts(b, "&quot;"); break;
		case '\'': rp_buf_puts(b, "&#39;"); break;
		default: rp_buf_putc(b, *s);
		}
	}
}

/* --- dates --- */

const char *rp_date(mp_date d, char buf[MP_DATE_BUF])
{
	mp_date_format(d, buf);
	return buf;
}

void rp_date_long(rp_buf *b, mp_date d)
{
	static const char *const wd[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, day;
	if (d == MP_NODATE)
		return;
	mp_date_to_ymd(d, &y, &m, &day);
	rp_buf_printf(b, "%s %d %s %d", wd[mp_date_weekday(d)], day, mon[(m - 1) % 12], y);
}

void rp_hhmm(rp_buf *b, mp_datetime dt)
{
	mp_tod t = mp_datetime_local_tod(dt);
	rp_buf_printf(b, "%02d:%02d", t / 3600, (t / 60) % 60);
}

void rp_utc_offset(rp_buf *b, int offset_min)
{
	int off = offset_min < 0 ? -offset_min : offset_min;
	rp_buf_printf(b, "UTC%c%02d:%02d", offset_min < 0 ? '-' : '+', off / 60, off % 60);
}

void rp_duration(rp_buf *b, long minutes)
{
	if (minutes < 0) {
		rp_buf_putc(b, '-');
		minutes = -minutes;
	}
	long d = minutes / 1440, h = (minutes / 60) % 24, m = minutes % 60;
	if (d)
		rp_buf_printf(b, "%ld d %ld h %ld min", d, h, m);
	else if (h)
		rp_buf_printf(b, "%ld h %ld min", h, m);
	else
		rp_buf_printf(b, "%ld min", m);
}

mp_date rp_week_start(mp_date d)
{
	return d - mp_date_weekday(d);
}

/* --- lookups --- */

static int cmp_case(const void *a, const void *b)
{
	return strcmp((*(const mp_case *const *)a)->id, (*(const mp_case *const *)b)->id);
}

static int cmp_flight(const void *a, const void *b)
{
	return strcmp((*(const mp_flight *const *)a)->id, (*(const mp_flight *const *)b)->id);
}

static int cmp_escort(const void *a, const void *b)
{
	return strcmp((*(const mp_escort *const *)a)->id, (*(const mp_escort *const *)b)->id);
}

static int cmp_airport(const void *a, const void *b)
{
	return strcmp((*(const mp_airport *const *)a)->code,
		      (*(const mp_airport *const *)b)->code);
}

/* Fills a sorted array of pointers to the items that have a key. */
#define INDEX(dst, n_dst, arr, n_arr, key, cmp)                              \
	do {                                                                 \
		dst = mp_xcalloc((size_t)(n_arr) + 1, sizeof *dst);          \
		n_dst = 0;                                                   \
		for (int i_ = 0; i_ < (n_arr); i_++)                         \
			if ((arr)[i_].key)                                   \
				dst[n_dst++] = &(arr)[i_];                   \
		if (n_dst > 1)                                               \
			qsort(dst, (size_t)n_dst, sizeof *dst, cmp);         \
	} while (0)

void rp_index_init(rp_index *ix, const mp_dataset *ds)
{
	memset(ix, 0, sizeof *ix);
	ix->ds = ds;
	INDEX(ix->cases, ix->n_cases, ds->cases, ds->n_cases, id, cmp_case);
	INDEX(ix->flights, ix->n_flights, ds->flights, ds->n_flights, id, cmp_flight);
	INDEX(ix->escorts, ix->n_escorts, ds->escorts, ds->n_escorts, id, cmp_escort);
	INDEX(ix->airports, ix->n_airports, ds->airports, ds->n_airports, code, cmp_airport);
}

void rp_index_release(rp_index *ix)
{
	if (!ix)
		return;
	free(ix->cases);
	free(ix->flights);
	free(ix->escorts);
	free(ix->airports);
	memset(ix, 0, sizeof *ix);
}

/* The item of v[0..n) (pointers sorted by the string key at offset
 * `off` within each item) whose key is key, or NULL. */
static const void *find(const void *const *v, int n, size_t off, const char *key)
{
	int i = mp_strsearch_ptr(v, n, off, key);
	return i < 0 ? NULL : v[i];
}

const mp_case *rp_case(const rp_index *ix, const char *id)
{
	return find((const void *const *)ix->cases, ix->n_cases, offsetof(mp_case, id), id);
}

const mp_flight *rp_flight(const rp_index *ix, const char *id)
{
	return find((const void *const *)ix->flights, ix->n_flights, offsetof(mp_flight, id), id);
}

const mp_escort *rp_escort(const rp_index *ix, const char *id)
{
	return find((const void *const *)ix->escorts, ix->n_escorts, offsetof(mp_escort, id), id);
}

const mp_airport *rp_airport(const rp_index *ix, const char *code)
{
	return find((const void *const *)ix->airports, ix->n_airports,
		    offsetof(mp_airport, code), code);
}

mp_datetime rp_departs(const rp_index *ix, const mp_assignment *a)
{
	const mp_flight *f = a->n_flights ? rp_flight(ix, a->flights[0]) : NULL;
	return f ? f->departs : a->departs;
}

mp_datetime rp_arrives(const rp_index *ix, const mp_assignment *a)
{
	const mp_flight *f = a->n_flights ? rp_flight(ix, a->flights[a->n_flights - 1]) : NULL;
	return f ? f->arrives : a->arrives;
}

mp_date rp_departure_date(const rp_index *ix, const mp_assignment *a)
{
	mp_datetime d = rp_departs(ix, a);
	return d.present ? mp_datetime_local_date(d) : MP_NODATE;
}

bool rp_assignment_has_flight(const mp_assignment *a, const char *flight_id)
{
	for (int i = 0; i < a->n_flights; i++)
		if (a->flights[i] && strcmp(a->flights[i], flight_id) == 0)
			return true;
	return false;
}

int rp_case_persons(const rp_index *ix, const char *case_id)
{
	const mp_case *c = rp_case(ix, case_id);
	return c ? c->n_members : 0;
}

int rp_stretcher_seats(const mp_flight *f)
{
	return f && f->stretcher_seats >= 0 ? f->stretcher_seats : 6; /* SPEC 1 default */
}

unsigned rp_member_ssr(const mp_case *c, int i, const mp_case_facts *f, const bool *lap)
{
	unsigned ssr = c->members[i].ssr;
	if (lap[i])
		ssr |= 1u << MP_SSR_INFT;
	if (f->unaccompanied)
		ssr |= 1u << MP_SSR_UMNR;
	return ssr;
}

int rp_member_seats(const mp_case *c, int i, const bool *lap, int stretcher_seats)
{
	if (lap[i])
		return 0;
	if (c->members[i].ssr & (1u << MP_SSR_STCR))
		return stretcher_seats;
	return 1;
}

void rp_ssr_list(rp_buf *b, unsigned ssr)
{
	bool first = true;
	for (int s = 0; s < MP_N_SSR; s++) {
		if (!(ssr & (1u << s)))
			continue;
		if (!first)
			rp_buf_putc(b, ' ');
		rp_buf_puts(b, mp_ssr_names[s]);
		first = false;
	}
}

/* --- names --- */

const char *const rp_name_source_names[3] = {"document", "as written", "transliterated"};

static int mrz_field(char **out, const char *name, const char *item, const char *field,
		     unsigned bit, unsigned *translit, mp_errors *errs)
{
	switch (mp_mrz_from_name(name, out)) {
	case MP_MRZ_PLAIN:
		return MP_OK;
	case MP_MRZ_TRANSLITERATED:
		*translit |= bit;
		return MP_OK;
	default:
		mp_errors_add(errs, NULL, 0, 0, item, field,
			      "holds a character no ICAO Doc 9303 table writes (a digit, a symbol "
			      "or a script without a table); record document.mrz_%s", field);
		return MP_EDATA;
	}
}

int rp_names_of(rp_names *n, const char *family, const char *given, const mp_document *d,
		const char *item, mp_errors *errs)
{
	memset(n, 0, sizeof *n);
	if (d && d->present && (d->mrz_family_name || d->mrz_given_names)) {
		/* SPEC 1: the document's own MRZ names beat any transliteration */
		n->family = mp_xstrdup(d->mrz_family_name ? d->mrz_family_name : "");
		n->given = mp_xstrdup(d->mrz_given_names ? d->mrz_given_names : "");
		n->source = RP_NAME_DOCUMENT;
		return MP_OK;
	}
	int rc = mrz_field(&n->family, family, item, "family_name", 1u, &n->translit, errs);
	int rc2 = mrz_field(&n->given, given, item, "given_names", 2u, &n->translit, errs);
	if (rc || rc2) {
		rp_names_release(n);
		n->family = mp_xstrdup("");
		n->given = mp_xstrdup("");
		return MP_EDATA;
	}
	n->source = n->translit ? RP_NAME_TRANSLITERATED : RP_NAME_AS_WRITTEN;
	return MP_OK;
}

void rp_names_release(rp_names *n)
{
	if (!n)
		return;
	free(n->family);
	free(n->given);
	n->family = n->given = NULL;
}

int rp_internal(mp_errors *errs, const char *what)
{
	mp_errors_addf(errs, MP_EINTERNAL, "%s failed", what);
	return MP_EINTERNAL;
}

const char *rp_reason_text(enum mp_reason_code code)
{
	static const char *const text[MP_N_REASON] = {
		[MP_R_NO_ROUTE] = "no flight connection to the destination",
		[MP_R_HORIZON] = "flights only beyond the planning horizon",
		[MP_R_NOT_READY] = "not ready to travel on the dates of the flights",
		[MP_R_VISA_EXPIRY] = "the visa expires before arrival",
		[MP_R_DOCUMENT_EXPIRY] = "a travel document expires before arrival",
		[MP_R_MEDICAL_PENDING] = "medical clearance pending",
		[MP_R_MEDICAL_EXPIRED] = "medical clearance expires before departure",
		[MP_R_MEDICAL_DEFERRED] = "travel deferred on medical grounds",
		[MP_R_PREGNANCY] = "pregnancy too advanced to fly",
		[MP_R_ARRIVAL_RULE] = "the destination does not accept the arrival (day, time or notice)",
		[MP_R_TRANSIT_VISA] = "an airport transit visa would be needed on the way",
		[MP_R_NO_ESCORT] = "no escort available",
		[MP_R_LINKED_CASE] = "a linked case cannot travel with it",
		[MP_R_CAPACITY] = "flights full",
		[MP_R_ASSISTANCE_LIMIT] = "assistance limits of the flights reached",
		[MP_R_QUOTA] = "arrival quota reached",
		[MP_R_CLINIC] = "no fit-to-travel check slot",
		[MP_R_NOT_SELECTED] = "room remained but other cases went first",
		[MP_R_VOID_BOOKING] = "a confirmed booking is on a cancelled or removed flight",
	};
	return (unsigned)code < MP_N_REASON ? text[code] : "";
}

/* --- JSON text in the house style of io/json.c --- */

static void json_string(rp_buf *b, const char *s)
{
	rp_buf_putc(b, '"');
	for (const char *run = s;; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		rp_buf_putn(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '\0')
			break;
		if (c == '"' || c == '\\')
			rp_buf_printf(b, "\\%c", c);
		else if (c == '\t' || c == '\n' || c == '\r')
			rp_buf_printf(b, "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
		else
			rp_buf_printf(b, "\\u%04x", c);
	}
	rp_buf_putc(b, '"');
}

static void json_number(rp_buf *b, double v)
{
	char tmp[40];
	if (!isfinite(v)) {
		rp_buf_puts(b, "null");
		return;
	}
	if (v == trunc(v) && fabs(v) < 1e15) {
		rp_buf_printf(b, "%.0f", v == 0 ? 0.0 : v);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) { /* shortest that round-trips */
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	for (char *p = tmp; *p; p++)
		if (*p == ',')
			*p = '.'; /* whatever LC_NUMERIC says */
	rp_buf_puts(b, tmp);
}

static void json_value(rp_buf *b, const cJSON *v, int depth)
{
	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		bool obj = cJSON_IsObject(v), first = true;
		rp_buf_putc(b, obj ? '{' : '[');
		for (const cJSON *c = v->child; c; c = c->next) {
			rp_buf_puts(b, first ? "\n" : ",\n");
			first = false;
			for (int i = 0; i <= depth; i++)
				rp_buf_putc(b, ' ');
			if (obj) {
				json_string(b, c->string ? c->string : "");
				rp_buf_puts(b, ": ");
			}
			json_value(b, c, depth + 1);
		}
		if (!first) {
			rp_buf_putc(b, '\n');
			for (int i = 0; i < depth; i++)
				rp_buf_putc(b, ' ');
		}
		rp_buf_putc(b, obj ? '}' : ']');
	} else if (cJSON_IsString(v)) {
		json_string(b, v->valuestring ? v->valuestring : "");
	} else if (cJSON_IsNumber(v)) {
		json_number(b, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		rp_buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
	} else {
		rp_buf_puts(b, "null");
	}
}

void rp_json_emit(rp_buf *b, cJSON *root)
{
	json_value(b, root, 0);
	rp_buf_putc(b, '\n');
	cJSON_Delete(root);
}

void rp_json_str(cJSON *o, const char *key, const char *s)
{
	if (s && *s)
		cJSON_AddItemToObject(o, key, cJSON_CreateString(s)); /* ownership to o */
}

void rp_json_date(cJSON *o, const char *key, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d != MP_NODATE)
		rp_json_str(o, key, rp_date(d, buf));
}

void rp_flight_name(rp_buf *b, const mp_flight *f)
{
	if (f && (f->carrier || f->number))
		rp_buf_printf(b, "%s%s", f->carrier ? f->carrier : "", f->number ? f->number : "");
	else if (f)
		rp_buf_puts(b, f->id);
}
