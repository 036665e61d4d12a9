/*
 * store_load.c - the dataset read back from the store in one read
 * transaction, with the revision it was read at (see store.h).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"
#include "../models/strsearch.h"

/* The item of ds->arr (sorted by its string field) whose field is key,
 * or NULL. */
#define FIND(ds, arr, n, type, field, key) \
	find_item((ds)->arr, (ds)->n, sizeof(type), offsetof(type, field), (key))

static void *find_item(void *base, int n, size_t size, size_t off, const char *key)
{
	int i = mp_strsearch(base, n, size, off, key);
	return i < 0 ? NULL : (char *)base + (size_t)i * size;
}

typedef bool (*row_fn)(sqlite3_stmt *s, mp_dataset *ds);

/* Runs query q and hands each row to fn; a row fn returning false
 * means the stored data is damaged. */
static int each_row(mp_store *st, enum q q, row_fn fn, mp_dataset *ds, const char *table,
		    mp_errors *errs)
{
	sqlite3_stmt *s = st->q[q];
	int rc, r = MP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!fn(s, ds)) {
			r = st_damaged(st, table, errs);
			break;
		}
	if (!r && rc != SQLITE_DONE)
		r = st_fail(st, rc, errs);
	st_done(s);
	return r;
}

static bool row_mission(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_mission *m = &ds->mission;
	m->present = true;
	m->id = st_col_str(s, 0);
	m->origin = st_col_str(s, 1);
	m->as_of = st_col_date(s, 2, &ok);
	m->horizon_days = st_col_count(s, 3);
	m->sender = st_col_str(s, 4);
	m->recipient = st_col_str(s, 5);
	m->loc.file = -1;
	return ok;
}

static bool row_airport(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = st_col_str(s, 0);
	a->country = st_col_str(s, 1);
	a->mct_minutes = st_col_count(s, 2);
	a->max_connection_minutes = st_col_count(s, 3);
	return true;
}

static bool row_flight(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = st_col_str(s, 0);
	f->from = st_col_str(s, 1);
	f->to = st_col_str(s, 2);
	f->departs = st_col_datetime(s, 3, &ok);
	f->arrives = st_col_datetime(s, 4, &ok);
	f->seats = st_col_count(s, 5);
	f->carrier = st_col_str(s, 6);
	f->number = st_col_str(s, 7);
	f->stretcher_seats = st_col_count(s, 8);
	f->fare = sqlite3_column_double(s, 9);
	f->currency = st_col_str(s, 10);
	f->cancelled = sqlite3_column_int(s, 11) != 0;
	return ok;
}

static bool row_limit(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_flight *f = FIND(ds, flights, n_flights, mp_flight, id,
			    (const char *)sqlite3_column_text(s, 0));
	int code = mp_ssr_lookup((const char *)sqlite3_column_text(s, 1));
	if (!f || code < 0)
		return false;
	f->limits[code] = sqlite3_column_int(s, 2);
	return true;
}

static bool row_quota(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = st_col_str(s, 0);
	q->country = st_col_str(s, 1);
	q->airport = st_col_str(s, 2);
	q->from = st_col_date(s, 3, &ok);
	q->to = st_col_date(s, 4, &ok);
	q->max_persons = st_col_count(s, 5);
	q->max_cases = st_col_count(s, 6);
	char *kinds = st_col_str(s, 7); /* schema v4: space-separated */
	for (char *save = NULL, *t = kinds ? strtok_r(kinds, " ", &save) : NULL; t;
	     t = strtok_r(NULL, " ", &save)) {
		int k = mp_case_kind_lookup(t);
		ok = ok && k >= 0;
		if (k >= 0)
			q->kinds |= 1u << k;
	}
	free(kinds);
	return ok;
}

static bool row_arrival_rule(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(ds);
	r->country = st_col_str(s, 0);
	r->no_weekend = sqlite3_column_int(s, 1) != 0;
	r->earliest_arrival = st_col_tod(s, 2, &ok);
	r->latest_arrival = st_col_tod(s, 3, &ok);
	r->notice_working_days = sqlite3_column_int(s, 4);
	return ok;
}

static bool row_blackout(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_arrival_rule *r = FIND(ds, arrival_rules, n_arrival_rules, mp_arrival_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	if (!r)
		return false;
	r->blackout = mp_xrealloc(r->blackout, (size_t)(r->n_blackout + 1) * sizeof *r->blackout);
	r->blackout[r->n_blackout++] = st_col_date(s, 1, &ok);
	return ok;
}

static bool row_exempt(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_arrival_rule *r = FIND(ds, arrival_rules, n_arrival_rules, mp_arrival_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	int p = st_col_enum(s, 1, mp_priority_names, MP_N_PRIO, -1, &ok);
	if (!r || p < 0)
		return false;
	r->exempt_priorities |= 1u << p;
	return ok;
}

static bool row_transit_rule(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_transit_rule *r = mp_dataset_add_transit_rule(ds);
	r->country = st_col_str(s, 0);
	return true;
}

static bool row_nationality(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_transit_rule *r = FIND(ds, transit_rules, n_transit_rules, mp_transit_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	if (!r)
		return false;
	mp_strv_push(&r->nationalities, &r->n_nationalities,
		     (const char *)sqlite3_column_text(s, 1));
	return true;
}

static bool row_visa(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_transit_rule *r = FIND(ds, transit_rules, n_transit_rules, mp_transit_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	if (!r)
		return false;
	mp_strv_push(&r->exempt_if_visa_for, &r->n_exempt_if_visa_for,
		     (const char *)sqlite3_column_text(s, 1));
	return true;
}

static bool row_clinic(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_clinic *c = mp_dataset_add_clinic(ds);
	c->id = st_col_str(s, 0);
	c->capacity_per_day = st_col_count(s, 1);
	return true;
}

static bool row_closed(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_clinic *c = FIND(ds, clinics, n_clinics, mp_clinic, id,
			    (const char *)sqlite3_column_text(s, 0));
	if (!c)
		return false;
	c->closed = mp_xrealloc(c->closed, (size_t)(c->n_closed + 1) * sizeof *c->closed);
	c->closed[c->n_closed++] = st_col_date(s, 1, &ok);
	return ok;
}

/* Reads a document's MRZ names (schema v2) from index i. */
static void col_mrz(sqlite3_stmt *s, int i, mp_document *d)
{
	d->mrz_family_name = st_col_str(s, i);
	d->mrz_given_names = st_col_str(s, i + 1);
}

/* Reads a document from its five columns at index i. */
static void col_document(sqlite3_stmt *s, int i, mp_document *d, bool *ok)
{
	d->present = sqlite3_column_int(s, i) != 0;
	d->type = st_col_str(s, i + 1);
	d->number = st_col_str(s, i + 2);
	d->issuer = st_col_str(s, i + 3);
	d->expires = st_col_date(s, i + 4, ok);
}

static bool row_escort(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = st_col_str(s, 0);
	e->kind = st_col_enum(s, 1, mp_escort_kind_names, 3, MP_ESC_NONE, &ok);
	e->available_from = st_col_date(s, 2, &ok);
	e->available_to = st_col_date(s, 3, &ok);
	e->covers = st_col_count(s, 4);
	e->turnaround_days = st_col_count(s, 5);
	e->family_name = st_col_str(s, 6);
	e->given_names = st_col_str(s, 7);
	e->sex = st_col_sex(s, 8);
	e->birth_date = st_col_date(s, 9, &ok);
	e->nationality = st_col_str(s, 10);
	col_document(s, 11, &e->document, &ok);
	col_mrz(s, 16, &e->document);
	return ok;
}

static bool row_case(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_case *c = mp_dataset_add_case(ds);
	c->id = st_col_str(s, 0);
	c->dest_country = st_col_str(s, 1);
	c->dest_airport = st_col_str(s, 2);
	c->priority = st_col_enum(s, 3, mp_priority_names, MP_N_PRIO, MP_PRIO_NORMAL, &ok);
	c->ready = st_col_date(s, 4, &ok);
	c->visa_expires = st_col_date(s, 5, &ok);
	c->medical = st_col_enum(s, 6, mp_medical_names, 3, MP_MED_CLEARED, &ok);
	c->medical_valid_until = st_col_date(s, 7, &ok);
	c->medical_deferred_until = st_col_date(s, 8, &ok);
	c->clinic = st_col_str(s, 9);
	c->link = st_col_str(s, 10);
	c->origin = st_col_str(s, 11);
	c->language = st_col_str(s, 12);
	c->kind = st_col_enum(s, 13, mp_case_kind_names, MP_N_KIND, MP_KIND_RESETTLEMENT, &ok);
	return ok;
}

/* Parses the comma-separated SSR codes of a member. */
static bool parse_ssr(const char *list, unsigned *ssr)
{
	char buf[16];
	while (list && *list) {
		size_t len = strcspn(list, ",");
		if (len >= sizeof buf)
			return false;
		memcpy(buf, list, len);
		buf[len] = '\0';
		int k = mp_ssr_lookup(buf);
		if (k < 0)
			return false;
		*ssr |= 1u << k;
		list += len + (list[len] == ',');
	}
	return true;
}

static bool row_member(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_case *c = FIND(ds, cases, n_cases, mp_case, id, (const char *)sqlite3_column_text(s, 0));
	if (!c)
		return false;
	mp_member *m = mp_case_add_member(c);
	m->id = st_col_str(s, 2);
	m->family_name = st_col_str(s, 3);
	m->given_names = st_col_str(s, 4);
	m->sex = st_col_sex(s, 5);
	m->birth_date = st_col_date(s, 6, &ok);
	m->nationality = st_col_str(s, 7);
	col_document(s, 8, &m->document, &ok);
	m->escort = st_col_enum(s, 13, mp_escort_kind_names, 3, MP_ESC_NONE, &ok);
	m->pregnancy.present = sqlite3_column_int(s, 14) != 0;
	if (m->pregnancy.present) {
		m->pregnancy.weeks = st_col_count(s, 15);
		m->pregnancy.on = st_col_date(s, 16, &ok);
		m->pregnancy.multiple = sqlite3_column_int(s, 17) != 0;
	}
	col_mrz(s, 18, &m->document);
	return parse_ssr((const char *)sqlite3_column_text(s, 20), &m->ssr) && ok;
}

static bool row_booking(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_booking *b = mp_dataset_add_booking(ds);
	b->case_id = st_col_str(s, 0);
	b->status = st_col_enum(s, 1, mp_booking_status_names, 3, MP_BOOK_CONFIRMED, &ok);
	b->ftt_date = st_col_date(s, 2, &ok);
	return ok;
}

static bool row_bflight(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_booking *b = FIND(ds, bookings, n_bookings, mp_booking, case_id,
			     (const char *)sqlite3_column_text(s, 0));
	if (!b)
		return false;
	mp_strv_push(&b->flights, &b->n_flights, (const char *)sqlite3_column_text(s, 1));
	return true;
}

static bool row_bescort(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_booking *b = FIND(ds, bookings, n_bookings, mp_booking, case_id,
			     (const char *)sqlite3_column_text(s, 0));
	if (!b)
		return false;
	mp_strv_push(&b->escorts, &b->n_escorts, (const char *)sqlite3_column_text(s, 1));
	return true;
}

/* Parents are read in key order before their children, which find
 * their parent by binary search. */
static const struct {
	enum q q;
	row_fn fn;
	const char *table;
} loaders[] = {
	{Q_GET_MISSION, row_mission, "mission"},
	{Q_GET_AIRPORTS, row_airport, "airports"},
	{Q_GET_FLIGHTS, row_flight, "flights"},
	{Q_GET_LIMITS, row_limit, "flight_limits"},
	{Q_GET_QUOTAS, row_quota, "quotas"},
	{Q_GET_ARULES, row_arrival_rule, "arrival_rules"},
	{Q_GET_BLACKOUTS, row_blackout, "arrival_rule_blackouts"},
	{Q_GET_EXEMPT, row_exempt, "arrival_rule_exempt"},
	{Q_GET_TRULES, row_transit_rule, "transit_rules"},
	{Q_GET_NATIONALITIES, row_nationality, "transit_rule_nationalities"},
	{Q_GET_VISAS, row_visa, "transit_rule_exempt_visas"},
	{Q_GET_CLINICS, row_clinic, "clinics"},
	{Q_GET_CLOSED, row_closed, "clinic_closed"},
	{Q_GET_ESCORTS, row_escort, "escorts"},
	{Q_GET_CASES, row_case, "cases"},
	{Q_GET_MEMBERS, row_member, "members"},
	{Q_GET_BOOKINGS, row_booking, "bookings"},
	{Q_GET_BFLIGHTS, row_bflight, "booking_flights"},
	{Q_GET_BESCORTS, row_bescort, "booking_escorts"},
};

int mp_store_load(mp_store *st, mp_dataset *ds, int64_t *revision, mp_errors *errs)
{
	mp_dataset_init(ds);
	/* one read transaction: the revision and the rows are one snapshot */
	int rc = st_begin_read(st, errs);
	if (rc)
		return rc;
	rc = st_read_revision(st, revision, errs);
	for (size_t i = 0; !rc && i < sizeof loaders / sizeof loaders[0]; i++)
		rc = each_row(st, loaders[i].q, loaders[i].fn, ds, loaders[i].table, errs);
	rc = st_finish(st, rc, errs);
	if (rc)
		mp_dataset_release(ds);
	else
		mp_dataset_sort(ds);
	return rc;
}

