/*
 * reports_fixture.h - what the reports' unit tests share
 * (test_manifest.c, test_paxlst.c, test_itinerary.c, test_report.c,
 * test_compare.c, test_notice.c): a dataset built by hand like
 * tests/data/samples/all-fields.json and the plan all-fields.expected.md
 * works out, so these tests need neither the readers nor the planner;
 * capturing a writer's output; independent readers written here (RFC
 * 4180 CSV, EDIFACT segments, iCalendar lines) and the check that an
 * output carries no personal data.  Header-only (static inline) over the
 * shared builders of tests/unit/builders.h, linked into every unit test.
 */
#ifndef MP_REPORTS_FIXTURE_H
#define MP_REPORTS_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlschemas.h>

#include "reports/reports.h"
#include "reports/rp_manifest.h"
#include "reports/rp.h"
#include "builders.h"

/* A name with a comma, a quote, Arabic and Cyrillic letters. */
#define HARD_FAMILY "Rahimi, \"Abu\" \xd8\xb1\xd8\xad\xd9\x8a\xd9\x85\xd9\x8a"
#define HARD_GIVEN "\xd0\x90\xd0\xb1\xd0\xb4\xd1\x83\xd0\xbb Rahim"
/* Names with an apostrophe and a hyphen (MRZ: omitted, a filler). */
#define EDI_FAMILY "O'Neil-Smith"
/* The EDIFACT service characters in a document number. */
#define EDI_NUMBER "X+1:2'3?"

/* --- fixture: the all-fields sample, by hand --- */

/* Dates through the shared builders (tests/unit/builders.h). */
static inline mp_date D(const char *s)
{
	return tb_date(s);
}

static inline mp_datetime DT(const char *s)
{
	return tb_datetime(s);
}

static inline void airport(mp_dataset *ds, const char *code, const char *country, int mct)
{
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = mp_xstrdup(code);
	a->country = mp_xstrdup(country);
	a->mct_minutes = mct;
	a->max_connection_minutes = 1440;
}

static inline mp_flight *flight(mp_dataset *ds, const char *id, const char *carrier, const char *num,
			 const char *from, const char *to, const char *dep, const char *arr,
			 int seats)
{
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = mp_xstrdup(id);
	f->carrier = mp_xstrdup(carrier);
	f->number = mp_xstrdup(num);
	f->from = mp_xstrdup(from);
	f->to = mp_xstrdup(to);
	f->departs = DT(dep);
	f->arrives = DT(arr);
	f->seats = seats;
	f->stretcher_seats = 6;
	return f;
}

static inline mp_member *member(mp_case *c, const char *id, const char *family, const char *given,
			 char sex, const char *born, const char *nat)
{
	mp_member *m = mp_case_add_member(c);
	m->id = mp_xstrdup(id);
	m->family_name = mp_xstrdup(family);
	m->given_names = mp_xstrdup(given);
	m->sex = sex;
	m->birth_date = D(born);
	m->nationality = mp_xstrdup(nat);
	return m;
}

static inline void document(mp_document *d, const char *type, const char *num, const char *issuer,
			    const char *expires)
{
	tb_document(d, type, num, issuer, expires);
}

static inline mp_case *add_case(mp_dataset *ds, const char *id, const char *country,
			 const char *airport_code, enum mp_priority prio, const char *ready)
{
	mp_case *c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup(id);
	c->dest_country = mp_xstrdup(country);
	c->dest_airport = mp_xstrdup(airport_code);
	c->priority = prio;
	c->ready = D(ready);
	c->origin = mp_xstrdup("TIA");
	return c;
}

static inline void network(mp_dataset *ds)
{
	mp_mission *ms = &ds->mission;
	ms->present = true;
	ms->id = mp_xstrdup("ALB-SAMPLE");
	ms->origin = mp_xstrdup("TIA");
	ms->as_of = D("2026-11-30");
	ms->horizon_days = 60;
	ms->sender = mp_xstrdup("IOMTIA");
	ms->recipient = mp_xstrdup("CBSAAPI");
	airport(ds, "TIA", "AL", 60);
	airport(ds, "IST", "TR", 90);
	airport(ds, "YYZ", "CA", 60);
	airport(ds, "VIE", "AT", 30);
	airport(ds, "OSL", "NO", 60);
	mp_flight *f = flight(ds, "TK1074/2026-12-14", "TK", "1074", "TIA", "IST",
			      "2026-12-14T06:15+01:00", "2026-12-14T10:00+03:00", 30);
	f->limits[MP_SSR_WCHC] = 2;
	f->limits[MP_SSR_STCR] = 1;
	f->limits[MP_SSR_INFT] = 6;
	f->limits[MP_SSR_UMNR] = 2;
	f = flight(ds, "TK17/2026-12-14", "TK", "17", "IST", "YYZ", "2026-12-14T13:55+03:00",
		   "2026-12-14T18:05-05:00", 25);
	f->limits[MP_SSR_WCHC] = 2;
	f->limits[MP_SSR_INFT] = 4;
	f = flight(ds, "OS848/2026-12-15", "OS", "848", "TIA", "VIE", "2026-12-15T08:30+01:00",
		   "2026-12-15T10:10+01:00", 20);
	f->cancelled = true;
	flight(ds, "OS1712/2026-12-15", "OS", "1712", "VIE", "OSL", "2026-12-15T12:05+01:00",
	       "2026-12-15T14:35+01:00", 12);
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup("CA-2026-12");
	q->country = mp_xstrdup("CA");
	q->from = D("2026-12-01");
	q->to = D("2026-12-31");
	q->max_persons = 120;
	q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup("YYZ-W51");
	q->country = mp_xstrdup("CA");
	q->airport = mp_xstrdup("YYZ");
	q->from = D("2026-12-14");
	q->to = D("2026-12-20");
	q->max_persons = 40;
	q->max_cases = 10;
	mp_clinic *cl = mp_dataset_add_clinic(ds);
	cl->id = mp_xstrdup("DRS");
	cl->capacity_per_day = 25;
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = mp_xstrdup("ESC-01");
	e->kind = MP_ESC_MEDICAL;
	e->available_from = D("2026-12-01");
	e->available_to = D("2026-12-31");
	e->covers = 2;
	e->turnaround_days = 7;
	e->family_name = mp_xstrdup("Hoxha");
	e->given_names = mp_xstrdup("Elira");
	e->sex = 'F';
	e->birth_date = D("1987-05-09");
	e->nationality = mp_xstrdup("ALB");
	document(&e->document, "P", "BA1234567", "ALB", "2031-02-28");
}

static inline void cases(mp_dataset *ds)
{
	mp_case *c = add_case(ds, "AFG-0001", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-10");
	c->clinic = mp_xstrdup("DRS");
	c->link = mp_xstrdup("LNK-1");
	mp_member *m = member(c, "AFG-0001-01", HARD_FAMILY, HARD_GIVEN, 'M', "1984-03-02", "AFG");
	document(&m->document, "P", "P0123456", "AFG", "2029-06-30");
	m->ssr = 1u << MP_SSR_WCHC;
	m = member(c, "AFG-0001-02", EDI_FAMILY, "Shabnam", 'F', "1990-11-20", "AFG");
	document(&m->document, "P", EDI_NUMBER, "AFG", "2030-01-31");
	m->pregnancy.present = true;
	m->pregnancy.weeks = 24;
	m->pregnancy.on = D("2026-11-25");
	member(c, "AFG-0001-03", "Rahimi", "Omid", 'M', "2025-09-01", "AFG");
	c = add_case(ds, "AFG-0002", "CA", NULL, MP_PRIO_EMERGENCY, "2026-12-05");
	c->clinic = mp_xstrdup("DRS");
	c->link = mp_xstrdup("LNK-1");
	m = member(c, "AFG-0002-01", "Noori", "Laila", 'F', "1958-01-15", "AFG");
	m->ssr = (1u << MP_SSR_STCR) | (1u << MP_SSR_MEDA) | (1u << MP_SSR_OXYG);
	m->escort = MP_ESC_MEDICAL;
	c = add_case(ds, "AFG-0003", "NO", "OSL", MP_PRIO_NORMAL, "2026-12-01");
	c->medical = MP_MED_PENDING;
	member(c, "AFG-0003-01", "Haidari", "Jawad", 'M', "2011-04-04", "AFG");
	m = member(c, "AFG-0003-02", NULL, "Sakina", 'F', "2013-07-19", "XXA");
	/* in neither list of the plan (not in all-fields): a pregnant adult */
	c = add_case(ds, "AFG-0005", "CA", NULL, MP_PRIO_NORMAL, "2027-03-01");
	m = member(c, "AFG-0005-01", "Karimi", "Zahra", 'F', "1995-02-02", "AFG");
	m->pregnancy.present = true;
	m->pregnancy.weeks = 30;
	m->pregnancy.on = D("2026-11-20");
}

static inline void build_dataset(mp_dataset *ds)
{
	mp_dataset_init(ds);
	network(ds);
	cases(ds);
}

static inline void assign(mp_plan *p, const char *case_id, enum mp_booking_status st)
{
	mp_assignment *a = mp_plan_add_assignment(p);
	a->case_id = mp_xstrdup(case_id);
	mp_strv_push(&a->flights, &a->n_flights, "TK1074/2026-12-14");
	mp_strv_push(&a->flights, &a->n_flights, "TK17/2026-12-14");
	a->departs = DT("2026-12-14T06:15+01:00");
	a->arrives = DT("2026-12-14T18:05-05:00");
	a->ftt_date = D("2026-12-12");
	mp_strv_push(&a->escorts, &a->n_escorts, "ESC-01");
	a->status = st;
}

static inline void flight_use(mp_plan *p, const char *id, int seats, int used)
{
	mp_flight_use *f = mp_plan_add_flight(p);
	f->id = mp_xstrdup(id);
	f->seats = seats;
	f->used = used;
}

static inline void build_plan(mp_plan *p)
{
	mp_plan_init(p);
	p->id = mp_xstrdup("P-TEST-1");
	p->scenario = mp_xstrdup("baseline");
	p->as_of = D("2026-11-30");
	p->status = MP_PLAN_OPTIMAL;
	p->objective.weighted_persons = 130;
	p->bound = 130;
	p->created = mp_xstrdup("2026-12-01T09:00:00Z");
	assign(p, "AFG-0001", MP_BOOK_PROPOSED);
	assign(p, "AFG-0002", MP_BOOK_CONFIRMED);
	mp_unassigned *u = mp_plan_add_unassigned(p);
	u->case_id = mp_xstrdup("AFG-0003");
	mp_unassigned_add_reason(u)->code = MP_R_NO_ROUTE;
	mp_reason *r = mp_unassigned_add_reason(u);
	r->code = MP_R_MEDICAL_PENDING;
	r->decisive = true;
	r->detail = mp_xstrdup("medical status is pending");
	flight_use(p, "TK1074/2026-12-14", 30, 9);
	flight_use(p, "TK17/2026-12-14", 25, 9);
	mp_quota_use *q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("CA-2026-12");
	q->max_persons = 120;
	q->persons = 4;
	q->max_cases = MP_ABSENT;
	q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("YYZ-W51");
	q->max_persons = 40;
	q->persons = 4;
	q->max_cases = 10;
	q->cases = 2;
	mp_clinic_day *cd = mp_plan_add_clinic_day(p);
	cd->clinic = mp_xstrdup("DRS");
	cd->date = D("2026-12-12");
	cd->persons = 4;
	cd->capacity = 25;
	mp_escort_trip *t = mp_plan_add_escort_trip(p);
	t->escort = mp_xstrdup("ESC-01");
	mp_strv_push(&t->flights, &t->n_flights, "TK1074/2026-12-14");
	mp_strv_push(&t->flights, &t->n_flights, "TK17/2026-12-14");
	t->departs = DT("2026-12-14T06:15+01:00");
	mp_strv_push(&t->cases, &t->n_cases, "AFG-0001");
	mp_strv_push(&t->cases, &t->n_cases, "AFG-0002");
}

typedef struct fixture {
	mp_dataset ds;
	mp_plan plan;
	mp_errors errs;
} fixture;

static inline int setup(void **state)
{
	fixture *fx = mp_xcalloc(1, sizeof *fx);
	build_dataset(&fx->ds);
	build_plan(&fx->plan);
	mp_errors_init(&fx->errs);
	*state = fx;
	return 0;
}

static inline int teardown(void **state)
{
	fixture *fx = *state;
	mp_dataset_release(&fx->ds);
	mp_plan_release(&fx->plan);
	mp_errors_release(&fx->errs);
	free(fx);
	return 0;
}

/* --- capturing a writer's output --- */

typedef struct capture {
	FILE *f;
	char *s;
	size_t n;
} capture;

static inline FILE *cap_open(capture *c)
{
	memset(c, 0, sizeof *c);
	c->f = open_memstream(&c->s, &c->n);
	assert_non_null(c->f);
	return c->f;
}

static inline char *cap_close(capture *c)
{
	fclose(c->f);
	return c->s;
}

/* A manifest written with options o (format, parts ...); the
 * preparation time is fixed so PAXLST is stable. */
static inline char *manifest_o(fixture *fx, const char *flight_id, mp_manifest_options o)
{
	capture c;
	o.now = "261210:0900";
	int rc = mp_manifest_write(cap_open(&c), &fx->ds, &fx->plan, flight_id, &o, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

static inline char *manifest(fixture *fx, const char *flight_id, enum mp_manifest_format f,
			     int max_per_part)
{
	mp_manifest_options o = {0};
	o.format = f;
	o.max_per_part = max_per_part;
	return manifest_o(fx, flight_id, o);
}

/* --- a small RFC 4180 reader --- */

typedef struct csv_table {
	char ***rows;   /* rows[i][j] */
	int *n_fields;
	int n_rows;
} csv_table;

static inline void csv_free(csv_table *t)
{
	for (int i = 0; i < t->n_rows; i++) {
		for (int j = 0; j < t->n_fields[i]; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->n_fields);
}

/* Parses RFC 4180 strictly: CRLF record ends, quoted fields with doubled
 * quotes, no bare quote inside an unquoted field, no bare LF outside
 * quotes.  Returns false on a violation. */
static inline bool csv_parse(const char *s, csv_table *t)
{
	memset(t, 0, sizeof *t);
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	char **row = NULL;
	int nf = 0;
	while (*s) {
		char *field = mp_xmalloc(strlen(s) + 1);
		size_t n = 0;
		if (*s == '"') {
			for (s++;; s++) {
				if (!*s)
					return false;
				if (*s == '"' && s[1] == '"') {
					field[n++] = '"';
					s++;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					field[n++] = *s;
				}
			}
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
				if (*s == '"')
					return false;
				field[n++] = *s;
			}
		}
		field[n] = '\0';
		row = mp_xrealloc(row, (size_t)(nf + 1) * sizeof *row);
		row[nf++] = field;
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] != '\r' || s[1] != '\n')
			return false;
		s += 2;
		t->rows = mp_xrealloc(t->rows, (size_t)(t->n_rows + 1) * sizeof *t->rows);
		t->n_fields = mp_xrealloc(t->n_fields, (size_t)(t->n_rows + 1) * sizeof(int));
		t->rows[t->n_rows] = row;
		t->n_fields[t->n_rows++] = nf;
		row = NULL;
		nf = 0;
	}
	return row == NULL;
}

static inline int csv_col(const csv_table *t, const char *name)
{
	for (int j = 0; j < t->n_fields[0]; j++)
		if (strcmp(t->rows[0][j], name) == 0)
			return j;
	fail_msg("no column %s", name);
	return -1;
}


/* --- shared readers and checks --- */

typedef struct segs {
	char **v;
	int n;
} segs;

static inline void segs_free(segs *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
}

/* Splits after UNA at unreleased ' and drops the LF after each. */
static inline segs edi_split(const char *s)
{
	segs g = {0};
	assert_memory_equal(s, "UNA:+.? '", 9);
	s += 9;
	while (*s == '\n' || *s == '\r')
		s++;
	while (*s) {
		const char *p = s;
		while (*p && *p != '\'')
			p += (*p == '?' && p[1]) ? 2 : 1;
		assert_int_equal(*p, '\'');
		g.v = mp_xrealloc(g.v, (size_t)(g.n + 1) * sizeof *g.v);
		g.v[g.n++] = mp_xstrndup(s, (size_t)(p - s));
		s = p + 1;
		while (*s == '\n' || *s == '\r')
			s++;
	}
	return g;
}

/* Data element k of a segment (0 is the tag), unreleased ones only. */
static inline char *edi_element(const char *seg, int k)
{
	const char *p = seg;
	for (int i = 0; i < k && *p; i++) {
		while (*p && *p != '+')
			p += (*p == '?' && p[1]) ? 2 : 1;
		if (*p)
			p++;
	}
	const char *e = p;
	while (*e && *e != '+')
		e += (*e == '?' && e[1]) ? 2 : 1;
	return mp_xstrndup(p, (size_t)(e - p));
}

static inline bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Unfolds iCalendar lines; asserts CRLF and the 75-octet limit. */
static inline char *ics_unfold(const char *s)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	const char *line = s;
	while (*line) {
		const char *e = strstr(line, "\r\n");
		assert_non_null(e);
		assert_true(e - line <= 75);
		assert_null(memchr(line, '\n', (size_t)(e - line)));
		if (*line == ' ')
			rp_buf_putn(&b, line + 1, (size_t)(e - line - 1));
		else {
			if (b.n)
				rp_buf_putc(&b, '\n');
			rp_buf_putn(&b, line, (size_t)(e - line));
		}
		line = e + 2;
	}
	return b.s;
}

static inline char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	rp_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rp_buf_putn(&b, chunk, n);
	fclose(f);
	return b.s;
}

/* Asserts that no member's or escort's name, birth date or document
 * number of the fixture appears in s. */
static inline void assert_no_personal_data(const fixture *fx, const char *s)
{
	char d[MP_DATE_BUF];
	for (int i = 0; i < fx->ds.n_cases; i++)
		for (int k = 0; k < fx->ds.cases[i].n_members; k++) {
			const mp_member *m = &fx->ds.cases[i].members[k];
			if (m->family_name)
				assert_null(strstr(s, m->family_name));
			if (m->given_names)
				assert_null(strstr(s, m->given_names));
			assert_null(strstr(s, rp_date(m->birth_date, d)));
			if (m->document.number)
				assert_null(strstr(s, m->document.number));
		}
	const mp_escort *e = &fx->ds.escorts[0];
	assert_null(strstr(s, e->family_name));
	assert_null(strstr(s, e->given_names));
	assert_null(strstr(s, rp_date(e->birth_date, d)));
	assert_null(strstr(s, e->document.number));
	/* parts of the hard names, HTML-escaped or not */
	assert_null(strstr(s, "Rahimi"));
	assert_null(strstr(s, "Shabnam"));
	assert_null(strstr(s, "Neil"));
	assert_null(strstr(s, "RAHIMI"));   /* nor their MRZ forms */
	assert_null(strstr(s, "SHABNAM"));
	assert_null(strstr(s, "HOXHA"));
	assert_null(strstr(s, "\xd0\x90\xd0\xb1\xd0\xb4\xd1\x83\xd0\xbb"));
}

static inline int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

#endif
