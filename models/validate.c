/*
 * validate.c - SPEC 1 and 3 rules that span items: defaults, unique
 * keys, references, ranges, one currency.  Field syntax and types were
 * checked by the decoder; here each problem is named by the item's file
 * and line (mp_loc).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "validate.h"
#include "strsearch.h"

void mp_dataset_defaults(mp_dataset *ds)
{
	mp_mission *m = &ds->mission;
	if (m->as_of == MP_NODATE)
		m->as_of = mp_date_today();
	if (m->horizon_days == MP_ABSENT)
		m->horizon_days = 90;
	for (int i = 0; i < ds->n_airports; i++) {
		if (ds->airports[i].mct_minutes == MP_ABSENT)
			ds->airports[i].mct_minutes = 60;
		if (ds->airports[i].max_connection_minutes == MP_ABSENT)
			ds->airports[i].max_connection_minutes = 1440;
	}
	for (int i = 0; i < ds->n_flights; i++)
		if (ds->flights[i].stretcher_seats == MP_ABSENT)
			ds->flights[i].stretcher_seats = 6;
	for (int i = 0; i < ds->n_escorts; i++) {
		if (ds->escorts[i].covers == MP_ABSENT)
			ds->escorts[i].covers = 3;
		if (ds->escorts[i].turnaround_days == MP_ABSENT)
			ds->escorts[i].turnaround_days = 7;
	}
	for (int i = 0; i < ds->n_cases; i++)
		if (!ds->cases[i].origin && m->origin)
			ds->cases[i].origin = mp_xstrdup(m->origin);
}

typedef struct vctx {
	const mp_dataset *ds;
	mp_errors *errs;
	int n;
} vctx;

static void fail(vctx *v, mp_loc loc, const char *item, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void fail(vctx *v, mp_loc loc, const char *item, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(v->errs, MP_EDATA, mp_dataset_file(v->ds, loc), loc.line, loc.col,
		       item, field, fmt, ap);
	va_end(ap);
	v->n++;
}

/* ---- keyed lookups: a sorted array of (key, index) ---- */

typedef struct kidx {
	const char *key;
	int i;
	int j; /* member index, for member ids */
} kidx;

typedef struct keyset {
	kidx *v;
	int n;
} keyset;

static int kcmp(const void *a, const void *b)
{
	const kidx *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->i != y->i ? x->i - y->i : x->j - y->j;
}

/* Builds a sorted set over n items; key(i) may return NULL (skipped). */
static keyset keys_build(int n, const char *(*key)(const mp_dataset *, int), const mp_dataset *ds)
{
	keyset s = {mp_xcalloc((size_t)(n > 0 ? n : 1), sizeof(kidx)), 0};
	for (int i = 0; i < n; i++) {
		const char *k = key(ds, i);
		if (k)
			s.v[s.n++] = (kidx){k, i, 0};
	}
	qsort(s.v, (size_t)s.n, sizeof(kidx), kcmp);
	return s;
}

static int keys_at(const keyset *s, const char *k)
{
	return mp_strsearch(s->v, s->n, sizeof(kidx), offsetof(kidx, key), k);
}

static bool keys_has(const keyset *s, const char *k)
{
	return keys_at(s, k) >= 0;
}

/* The item index of the first entry with key k, or -1. */
static int keys_find(const keyset *s, const char *k)
{
	int at = keys_at(s, k);
	return at < 0 ? -1 : s->v[at].i;
}

static const char *k_airport(const mp_dataset *ds, int i) { return ds->airports[i].code; }
static const char *k_flight(const mp_dataset *ds, int i) { return ds->flights[i].id; }
static const char *k_quota(const mp_dataset *ds, int i) { return ds->quotas[i].id; }
static const char *k_arule(const mp_dataset *ds, int i) { return ds->arrival_rules[i].country; }
static const char *k_trule(const mp_dataset *ds, int i) { return ds->transit_rules[i].country; }
static const char *k_clinic(const mp_dataset *ds, int i) { return ds->clinics[i].id; }
static const char *k_escort(const mp_dataset *ds, int i) { return ds->escorts[i].id; }
static const char *k_case(const mp_dataset *ds, int i) { return ds->cases[i].id; }
static const char *k_booking(const mp_dataset *ds, int i) { return ds->bookings[i].case_id; }

typedef struct part_desc {
	const char *kind;
	const char *field;
	const char *(*key)(const mp_dataset *, int);
	int (*count)(const mp_dataset *);
	mp_loc (*loc)(const mp_dataset *, int);
} part_desc;

#define PART_FNS(name, arr, n)                                                       \
	static int c_##name(const mp_dataset *ds) { return ds->n; }                  \
	static mp_loc l_##name(const mp_dataset *ds, int i) { return ds->arr[i].loc; }
PART_FNS(airport, airports, n_airports)
PART_FNS(flight, flights, n_flights)
PART_FNS(quota, quotas, n_quotas)
PART_FNS(arule, arrival_rules, n_arrival_rules)
PART_FNS(trule, transit_rules, n_transit_rules)
PART_FNS(clinic, clinics, n_clinics)
PART_FNS(escort, escorts, n_escorts)
PART_FNS(case, cases, n_cases)
PART_FNS(booking, bookings, n_bookings)

static const part_desc part_descs[] = {
	{"airport", "code", k_airport, c_airport, l_airport},
	{"flight", "id", k_flight, c_flight, l_flight},
	{"quota", "id", k_quota, c_quota, l_quota},
	{"arrival rule", "country", k_arule, c_arule, l_arule},
	{"transit rule", "country", k_trule, c_trule, l_trule},
	{"clinic", "id", k_clinic, c_clinic, l_clinic},
	{"escort", "id", k_escort, c_escort, l_escort},
	{"case", "id", k_case, c_case, l_case},
	{"booking", "case", k_booking, c_booking, l_booking},
};

static void where(char *buf, size_t n, const mp_dataset *ds, mp_loc loc)
{
	const char *f = mp_dataset_file(ds, loc);
	if (f && loc.line)
		snprintf(buf, n, " (first at %s:%d)", f, loc.line);
	else
		buf[0] = '\0';
}

/* SPEC 3: a key given twice is a duplicate. */
static void check_unique(vctx *v, const part_desc *p)
{
	keyset s = keys_build(p->count(v->ds), p->key, v->ds);
	for (int j = 1; j < s.n; j++) {
		if (strcmp(s.v[j].key, s.v[j - 1].key) != 0)
			continue;
		char item[160], first[300];
		int i0 = keys_find(&s, s.v[j].key);
		snprintf(item, sizeof item, "%s '%.64s'", p->kind, s.v[j].key);
		where(first, sizeof first, v->ds, p->loc(v->ds, i0));
		fail(v, p->loc(v->ds, s.v[j].i), item, p->field, "duplicate %s%s", p->field, first);
	}
	free(s.v);
}

static void check_member_ids(vctx *v)
{
	int total = 0;
	for (int i = 0; i < v->ds->n_cases; i++)
		total += v->ds->cases[i].n_members;
	kidx *all = mp_xcalloc((size_t)(total > 0 ? total : 1), sizeof *all);
	int n = 0;
	for (int i = 0; i < v->ds->n_cases; i++)
		for (int j = 0; j < v->ds->cases[i].n_members; j++)
			if (v->ds->cases[i].members[j].id)
				all[n++] = (kidx){v->ds->cases[i].members[j].id, i, j};
	qsort(all, (size_t)n, sizeof *all, kcmp);
	for (int k = 1; k < n; k++) {
		if (strcmp(all[k].key, all[k - 1].key) != 0)
			continue;
		const mp_case *c = &v->ds->cases[all[k].i];
		const mp_member *m = &c->members[all[k].j];
		char item[200];
		snprintf(item, sizeof item, "case '%.64s': member '%.64s'", c->id ? c->id : "",
			 m->id);
		fail(v, m->loc, item, "id", "duplicate member id");
	}
	free(all);
}

typedef struct refs {
	keyset airports, flights, clinics, escorts, cases;
} refs;

static void check_airport_ref(vctx *v, const refs *r, mp_loc loc, const char *item,
			      const char *field, const char *code)
{
	if (code && !keys_has(&r->airports, code))
		fail(v, loc, item, field, "unknown airport '%s'", code);
}

static const mp_airport *airport(const mp_dataset *ds, const refs *r, const char *code)
{
	int i = code ? keys_find(&r->airports, code) : -1;
	return i >= 0 ? &ds->airports[i] : NULL;
}

static void check_mission(vctx *v, const refs *r)
{
	const mp_mission *m = &v->ds->mission;
	if (!m->present)
		return;
	check_airport_ref(v, r, m->loc, "mission", "origin", m->origin);
}

static void check_airports(vctx *v)
{
	for (int i = 0; i < v->ds->n_airports; i++) {
		const mp_airport *a = &v->ds->airports[i];
		char item[80];
		snprintf(item, sizeof item, "airport '%s'", a->code ? a->code : "");
		if (a->mct_minutes != MP_ABSENT && a->max_connection_minutes != MP_ABSENT &&
		    a->max_connection_minutes < a->mct_minutes)
			fail(v, a->loc, item, "max_connection_minutes",
			     "shorter than mct_minutes (%d < %d)", a->max_connection_minutes,
			     a->mct_minutes);
	}
}

/* A flight flies in our times: MP_FLIGHT_YEAR_MIN or later (local). */
static void check_flight_year(vctx *v, const mp_flight *f, const char *item, const char *field,
			      mp_datetime dt)
{
	int y, m, d;
	if (!dt.present)
		return;
	mp_date_to_ymd(mp_datetime_local_date(dt), &y, &m, &d);
	if (y < MP_FLIGHT_YEAR_MIN)
		fail(v, f->loc, item, field, "out of range (a flight flies in %d-%d)",
		     MP_FLIGHT_YEAR_MIN, MP_YEAR_MAX);
}

static void check_flights(vctx *v, const refs *r)
{
	const char *currency = NULL;
	const mp_flight *cur_flight = NULL;
	for (int i = 0; i < v->ds->n_flights; i++) {
		const mp_flight *f = &v->ds->flights[i];
		char item[100];
		snprintf(item, sizeof item, "flight '%.64s'", f->id ? f->id : "");
		check_airport_ref(v, r, f->loc, item, "from", f->from);
		check_airport_ref(v, r, f->loc, item, "to", f->to);
		if (f->from && f->to && strcmp(f->from, f->to) == 0)
			fail(v, f->loc, item, "to", "same airport as from");
		if (f->departs.present && f->arrives.present && f->arrives.utc <= f->departs.utc)
			fail(v, f->loc, item, "arrives", "not after departs");
		check_flight_year(v, f, item, "departs", f->departs);
		check_flight_year(v, f, item, "arrives", f->arrives);
		if (f->stretcher_seats == 0)
			fail(v, f->loc, item, "stretcher_seats", "a stretcher takes at least one seat");
		if (f->currency) {
			if (!currency) {
				currency = f->currency;
				cur_flight = f;
			} else if (strcmp(currency, f->currency) != 0) {
				fail(v, f->loc, item, "currency",
				     "'%s' differs from '%s' of flight '%.64s': one currency per dataset",
				     f->currency, currency, cur_flight->id ? cur_flight->id : "");
			}
		}
	}
}

static void check_quotas(vctx *v, const refs *r)
{
	for (int i = 0; i < v->ds->n_quotas; i++) {
		const mp_quota *q = &v->ds->quotas[i];
		char item[100];
		snprintf(item, sizeof item, "quota '%.64s'", q->id ? q->id : "");
		if (q->from != MP_NODATE && q->to != MP_NODATE && q->to < q->from)
			fail(v, q->loc, item, "to", "before from");
		if (!q->airport)
			continue;
		const mp_airport *a = airport(v->ds, r, q->airport);
		if (!a)
			fail(v, q->loc, item, "airport", "unknown airport '%s'", q->airport);
		else if (q->country && a->country && strcmp(a->country, q->country) != 0)
			fail(v, q->loc, item, "airport", "airport '%s' is not in country '%s'",
			     q->airport, q->country);
	}
}

static void check_arrival_rules(vctx *v)
{
	for (int i = 0; i < v->ds->n_arrival_rules; i++) {
		const mp_arrival_rule *a = &v->ds->arrival_rules[i];
		char item[60];
		snprintf(item, sizeof item, "arrival rule '%s'", a->country ? a->country : "");
		if (a->earliest_arrival != MP_NOTIME && a->latest_arrival != MP_NOTIME &&
		    a->latest_arrival < a->earliest_arrival)
			fail(v, a->loc, item, "latest_arrival", "before earliest_arrival");
	}
}

static void check_escorts(vctx *v)
{
	for (int i = 0; i < v->ds->n_escorts; i++) {
		const mp_escort *e = &v->ds->escorts[i];
		char item[100];
		snprintf(item, sizeof item, "escort '%.64s'", e->id ? e->id : "");
		if (e->available_from != MP_NODATE && e->available_to != MP_NODATE &&
		    e->available_to < e->available_from)
			fail(v, e->loc, item, "available_to", "before available_from");
		if (e->covers == 0)
			fail(v, e->loc, item, "covers", "an escort covers at least one person");
		mp_date as_of = v->ds->mission.present ? v->ds->mission.as_of : MP_NODATE;
		if (e->birth_date != MP_NODATE && as_of != MP_NODATE && e->birth_date > as_of)
			fail(v, e->loc, item, "birth_date", "after the mission's as_of");
	}
}

static void check_case(vctx *v, const refs *r, const mp_case *c)
{
	char item[100];
	snprintf(item, sizeof item, "case '%.64s'", c->id ? c->id : "");
	if (c->dest_airport) {
		const mp_airport *a = airport(v->ds, r, c->dest_airport);
		if (!a)
			fail(v, c->loc, item, "destination.airport", "unknown airport '%s'",
			     c->dest_airport);
		else if (c->dest_country && a->country && strcmp(a->country, c->dest_country))
			fail(v, c->loc, item, "destination.airport",
			     "airport '%s' is not in country '%s'", c->dest_airport, c->dest_country);
	}
	check_airport_ref(v, r, c->loc, item, "origin", c->origin);
	if (!c->origin && !v->ds->mission.present)
		fail(v, c->loc, item, "origin", "no origin and no mission to default it from");
	if (c->clinic && !keys_has(&r->clinics, c->clinic))
		fail(v, c->loc, item, "clinic", "unknown clinic '%.64s'", c->clinic);
	if (c->medical != MP_MED_DEFERRED && c->medical_deferred_until != MP_NODATE)
		fail(v, c->loc, item, "medical.deferred_until", "given but status is not deferred");
	mp_date as_of = v->ds->mission.present ? v->ds->mission.as_of : MP_NODATE;
	for (int i = 0; i < c->n_members && as_of != MP_NODATE; i++) {
		const mp_member *m = &c->members[i];
		char mitem[200];
		snprintf(mitem, sizeof mitem, "%s: member '%.64s'", item, m->id ? m->id : "");
		if (m->birth_date != MP_NODATE && m->birth_date > as_of)
			fail(v, m->loc, mitem, "birth_date", "after the mission's as_of");
	}
}

static int cmp_link(const void *a, const void *b, void *arg)
{
	const mp_dataset *ds = arg;
	const mp_case *x = &ds->cases[*(const int *)a], *y = &ds->cases[*(const int *)b];
	int c = strcmp(x->link, y->link);
	return c ? c : *(const int *)a - *(const int *)b;
}

/* Linked cases travel together: they make one kind of movement (our
 * choice where SPEC 1 is silent: a quota counts a linked group whole). */
static void check_link_kinds(vctx *v)
{
	const mp_dataset *ds = v->ds;
	int *ix = mp_xcalloc((size_t)ds->n_cases + 1, sizeof *ix), n = 0;
	for (int i = 0; i < ds->n_cases; i++)
		if (ds->cases[i].link)
			ix[n++] = i;
	qsort_r(ix, (size_t)n, sizeof *ix, cmp_link, (void *)ds);
	for (int k = 1; k < n; k++) {
		const mp_case *a = &ds->cases[ix[k - 1]], *b = &ds->cases[ix[k]];
		if (strcmp(a->link, b->link) != 0 || a->kind == b->kind)
			continue;
		char item[100];
		snprintf(item, sizeof item, "case '%.64s'", b->id ? b->id : "");
		fail(v, b->loc, item, "kind", "%s, but linked case '%.64s' (link '%.64s') is a %s",
		     mp_case_kind_names[b->kind], a->id ? a->id : "", b->link, mp_case_kind_names[a->kind]);
	}
	free(ix);
}

static void check_booking(vctx *v, const refs *r, const mp_booking *b)
{
	char item[100];
	snprintf(item, sizeof item, "booking '%.64s'", b->case_id ? b->case_id : "");
	if (b->case_id && !keys_has(&r->cases, b->case_id))
		fail(v, b->loc, item, "case", "unknown case '%.64s'", b->case_id);
	for (int i = 0; i < b->n_flights; i++)
		if (!keys_has(&r->flights, b->flights[i]))
			fail(v, b->loc, item, "flights", "unknown flight '%.64s'", b->flights[i]);
	for (int i = 0; i < b->n_escorts; i++)
		if (!keys_has(&r->escorts, b->escorts[i]))
			fail(v, b->loc, item, "escorts", "unknown escort '%.64s'", b->escorts[i]);
	for (int i = 0; i < b->n_flights; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(b->flights[i], b->flights[j]) == 0)
				fail(v, b->loc, item, "flights", "flight '%.64s' given twice",
				     b->flights[i]);
}

int mp_validate(const mp_dataset *ds, mp_errors *errs)
{
	vctx v = {ds, errs, 0};
	for (size_t i = 0; i < sizeof part_descs / sizeof part_descs[0]; i++)
		check_unique(&v, &part_descs[i]);
	check_member_ids(&v);
	refs r = {
		keys_build(ds->n_airports, k_airport, ds),
		keys_build(ds->n_flights, k_flight, ds),
		keys_build(ds->n_clinics, k_clinic, ds),
		keys_build(ds->n_escorts, k_escort, ds),
		keys_build(ds->n_cases, k_case, ds),
	};
	check_mission(&v, &r);
	check_airports(&v);
	check_flights(&v, &r);
	check_quotas(&v, &r);
	check_arrival_rules(&v);
	check_escorts(&v);
	for (int i = 0; i < ds->n_cases; i++)
		check_case(&v, &r, &ds->cases[i]);
	check_link_kinds(&v);
	for (int i = 0; i < ds->n_bookings; i++)
		check_booking(&v, &r, &ds->bookings[i]);
	free(r.airports.v);
	free(r.flights.v);
	free(r.clinics.v);
	free(r.escorts.v);
	free(r.cases.v);
	return v.n;
}

int mp_validate_keys(const mp_dataset *ds, mp_errors *errs)
{
	vctx v = {ds, errs, 0};
	for (size_t i = 0; i < sizeof part_descs / sizeof part_descs[0]; i++)
		check_unique(&v, &part_descs[i]);
	check_member_ids(&v);
	return v.n;
}
