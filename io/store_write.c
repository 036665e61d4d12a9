/*
 * store_write.c - every write of the dataset: import (items replace
 * those with the same key, one transaction) and the bookings of
 * confirm and release; each bumps the revision (see store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

/* SPEC 1: a database holds one mission. */
static int put_mission(mp_store *st, const mp_mission *m, mp_errors *errs)
{
	char *id = NULL;
	int rc = st_stored_mission(st, &id, errs);
	if (rc || !m->present)
		goto out;
	if (id && strcmp(id, m->id ? m->id : "") != 0) {
		st_err(errs, MP_EDATA, st->path,
			"database holds mission '%s'; cannot import mission '%s'",
			id, m->id ? m->id : "");
		rc = MP_EDATA;
		goto out;
	}
	if ((rc = st_run1(st, Q_DEL_MISSION, NULL, errs)))
		goto out;
	sqlite3_stmt *s = st->q[Q_INS_MISSION];
	st_bind_str(s, 1, m->id);
	st_bind_str(s, 2, m->origin);
	st_bind_date(s, 3, m->as_of);
	st_bind_count(s, 4, m->horizon_days);
	st_bind_str(s, 5, m->sender);
	st_bind_str(s, 6, m->recipient);
	rc = st_step_done(st, s, errs);
out:
	free(id);
	return rc;
}

/* Inserts (parent, ordinal, value) rows for a list of strings. */
static int put_strv(mp_store *st, enum q q, const char *parent, char *const *v, int n,
		    mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; !rc && i < n; i++) {
		st_bind_str(st->q[q], 1, parent);
		sqlite3_bind_int(st->q[q], 2, i);
		st_bind_str(st->q[q], 3, v[i]);
		rc = st_step_done(st, st->q[q], errs);
	}
	return rc;
}

static int put_dates(mp_store *st, enum q q, const char *parent, const mp_date *v, int n,
		     mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; !rc && i < n; i++) {
		st_bind_str(st->q[q], 1, parent);
		sqlite3_bind_int(st->q[q], 2, i);
		st_bind_date(st->q[q], 3, v[i]);
		rc = st_step_done(st, st->q[q], errs);
	}
	return rc;
}

static int put_airport(mp_store *st, const mp_airport *a, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_AIRPORT, a->code, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_AIRPORT];
	st_bind_str(s, 1, a->code);
	st_bind_str(s, 2, a->country);
	st_bind_count(s, 3, a->mct_minutes);
	st_bind_count(s, 4, a->max_connection_minutes);
	return st_step_done(st, s, errs);
}

static int put_limits(mp_store *st, const mp_flight *f, mp_errors *errs)
{
	int rc = MP_OK;
	sqlite3_stmt *s = st->q[Q_INS_LIMIT];
	for (int k = 0; !rc && k < MP_N_SSR; k++) {
		if (f->limits[k] == MP_ABSENT)
			continue;
		st_bind_str(s, 1, f->id);
		st_bind_str(s, 2, mp_ssr_names[k]);
		sqlite3_bind_int(s, 3, f->limits[k]);
		rc = st_step_done(st, s, errs);
	}
	return rc;
}

static int put_flight(mp_store *st, const mp_flight *f, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_FLIGHT, f->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_FLIGHT];
	st_bind_str(s, 1, f->id);
	st_bind_str(s, 2, f->from);
	st_bind_str(s, 3, f->to);
	st_bind_datetime(s, 4, f->departs);
	st_bind_datetime(s, 5, f->arrives);
	st_bind_count(s, 6, f->seats);
	st_bind_str(s, 7, f->carrier);
	st_bind_str(s, 8, f->number);
	st_bind_count(s, 9, f->stretcher_seats);
	sqlite3_bind_double(s, 10, f->fare);
	st_bind_str(s, 11, f->currency);
	sqlite3_bind_int(s, 12, f->cancelled);
	if ((rc = st_step_done(st, s, errs)))
		return rc;
	return put_limits(st, f, errs);
}

static int put_quota(mp_store *st, const mp_quota *qu, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_QUOTA, qu->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_QUOTA];
	st_bind_str(s, 1, qu->id);
	st_bind_str(s, 2, qu->country);
	st_bind_str(s, 3, qu->airport);
	st_bind_date(s, 4, qu->from);
	st_bind_date(s, 5, qu->to);
	st_bind_count(s, 6, qu->max_persons);
	st_bind_count(s, 7, qu->max_cases);
	char kinds[64] = "";
	for (int k = 0; k < MP_N_KIND; k++)
		if (qu->kinds & (1u << k))
			snprintf(kinds + strlen(kinds), sizeof kinds - strlen(kinds), "%s%s",
				 kinds[0] ? " " : "", mp_case_kind_names[k]);
	st_bind_str(s, 8, kinds[0] ? kinds : NULL); /* schema v4 */
	return st_step_done(st, s, errs);
}

static int put_exempt(mp_store *st, const mp_arrival_rule *r, mp_errors *errs)
{
	int rc = MP_OK;
	sqlite3_stmt *s = st->q[Q_INS_EXEMPT];
	for (int p = 0; !rc && p < MP_N_PRIO; p++) {
		if (!(r->exempt_priorities & (1u << p)))
			continue;
		st_bind_str(s, 1, r->country);
		st_bind_str(s, 2, mp_priority_names[p]);
		rc = st_step_done(st, s, errs);
	}
	return rc;
}

static int put_arrival_rule(mp_store *st, const mp_arrival_rule *r, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_ARULE, r->country, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_ARULE];
	st_bind_str(s, 1, r->country);
	sqlite3_bind_int(s, 2, r->no_weekend);
	st_bind_tod(s, 3, r->earliest_arrival);
	st_bind_tod(s, 4, r->latest_arrival);
	sqlite3_bind_int(s, 5, r->notice_working_days);
	if ((rc = st_step_done(st, s, errs)))
		return rc;
	if ((rc = put_dates(st, Q_INS_BLACKOUT, r->country, r->blackout, r->n_blackout, errs)))
		return rc;
	return put_exempt(st, r, errs);
}

static int put_transit_rule(mp_store *st, const mp_transit_rule *r, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_TRULE, r->country, errs);
	if (!rc)
		rc = st_run1(st, Q_INS_TRULE, r->country, errs);
	if (!rc)
		rc = put_strv(st, Q_INS_NATIONALITY, r->country, r->nationalities,
			      r->n_nationalities, errs);
	if (!rc)
		rc = put_strv(st, Q_INS_VISA, r->country, r->exempt_if_visa_for,
			      r->n_exempt_if_visa_for, errs);
	return rc;
}

static int put_clinic(mp_store *st, const mp_clinic *c, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_CLINIC, c->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_CLINIC];
	st_bind_str(s, 1, c->id);
	st_bind_count(s, 2, c->capacity_per_day);
	if ((rc = st_step_done(st, s, errs)))
		return rc;
	return put_dates(st, Q_INS_CLOSED, c->id, c->closed, c->n_closed, errs);
}

/* Binds a document's two MRZ name columns (schema v2) from index i. */
static void bind_mrz(sqlite3_stmt *s, int i, const mp_document *d)
{
	st_bind_str(s, i, d->present ? d->mrz_family_name : NULL);
	st_bind_str(s, i + 1, d->present ? d->mrz_given_names : NULL);
}

/* Binds a document's five columns from index i. */
static void bind_document(sqlite3_stmt *s, int i, const mp_document *d)
{
	sqlite3_bind_int(s, i, d->present);
	st_bind_str(s, i + 1, d->type);
	st_bind_str(s, i + 2, d->number);
	st_bind_str(s, i + 3, d->issuer);
	st_bind_date(s, i + 4, d->expires);
}

static int put_escort(mp_store *st, const mp_escort *e, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_ESCORT, e->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_ESCORT];
	st_bind_str(s, 1, e->id);
	st_bind_str(s, 2, mp_escort_kind_names[e->kind]);
	st_bind_date(s, 3, e->available_from);
	st_bind_date(s, 4, e->available_to);
	st_bind_count(s, 5, e->covers);
	st_bind_count(s, 6, e->turnaround_days);
	st_bind_str(s, 7, e->family_name);
	st_bind_str(s, 8, e->given_names);
	st_bind_sex(s, 9, e->sex);
	st_bind_date(s, 10, e->birth_date);
	st_bind_str(s, 11, e->nationality);
	bind_document(s, 12, &e->document);
	bind_mrz(s, 17, &e->document); /* columns of schema v2 */
	return st_step_done(st, s, errs);
}

static int put_ssr(mp_store *st, const char *case_id, int ordinal, unsigned ssr,
		   mp_errors *errs)
{
	int rc = MP_OK;
	sqlite3_stmt *s = st->q[Q_INS_SSR];
	for (int k = 0; !rc && k < MP_N_SSR; k++) {
		if (!(ssr & (1u << k)))
			continue;
		st_bind_str(s, 1, case_id);
		sqlite3_bind_int(s, 2, ordinal);
		st_bind_str(s, 3, mp_ssr_names[k]);
		rc = st_step_done(st, s, errs);
	}
	return rc;
}

static int put_member(mp_store *st, const mp_case *c, int ordinal, mp_errors *errs)
{
	const mp_member *m = &c->members[ordinal];
	sqlite3_stmt *s = st->q[Q_INS_MEMBER];
	st_bind_str(s, 1, c->id);
	sqlite3_bind_int(s, 2, ordinal);
	st_bind_str(s, 3, m->id);
	st_bind_str(s, 4, m->family_name);
	st_bind_str(s, 5, m->given_names);
	st_bind_sex(s, 6, m->sex);
	st_bind_date(s, 7, m->birth_date);
	st_bind_str(s, 8, m->nationality);
	bind_document(s, 9, &m->document);
	st_bind_str(s, 14, mp_escort_kind_names[m->escort]);
	sqlite3_bind_int(s, 15, m->pregnancy.present);
	st_bind_count(s, 16, m->pregnancy.present ? m->pregnancy.weeks : MP_ABSENT);
	st_bind_date(s, 17, m->pregnancy.present ? m->pregnancy.on : MP_NODATE);
	sqlite3_bind_int(s, 18, m->pregnancy.present && m->pregnancy.multiple);
	bind_mrz(s, 19, &m->document);
	int rc = st_step_done(st, s, errs);
	return rc ? rc : put_ssr(st, c->id, ordinal, m->ssr, errs);
}

static int put_case(mp_store *st, const mp_case *c, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_CASE, c->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_CASE];
	st_bind_str(s, 1, c->id);
	st_bind_str(s, 2, c->dest_country);
	st_bind_str(s, 3, c->dest_airport);
	st_bind_str(s, 4, mp_priority_names[c->priority]);
	st_bind_date(s, 5, c->ready);
	st_bind_date(s, 6, c->visa_expires);
	st_bind_str(s, 7, mp_medical_names[c->medical]);
	st_bind_date(s, 8, c->medical_valid_until);
	st_bind_date(s, 9, c->medical_deferred_until);
	st_bind_str(s, 10, c->clinic);
	st_bind_str(s, 11, c->link);
	st_bind_str(s, 12, c->origin);
	st_bind_str(s, 13, c->language); /* schema v2 */
	st_bind_str(s, 14, c->kind == MP_KIND_RESETTLEMENT ? NULL : mp_case_kind_names[c->kind]); /* v4 */
	rc = st_step_done(st, s, errs);
	for (int i = 0; !rc && i < c->n_members; i++)
		rc = put_member(st, c, i, errs);
	return rc;
}

static int put_booking(mp_store *st, const mp_booking *b, mp_errors *errs)
{
	int rc = st_run1(st, Q_DEL_BOOKING, b->case_id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_BOOKING];
	st_bind_str(s, 1, b->case_id);
	st_bind_str(s, 2, mp_booking_status_names[b->status]);
	st_bind_date(s, 3, b->ftt_date);
	if ((rc = st_step_done(st, s, errs)))
		return rc;
	if ((rc = put_strv(st, Q_INS_BFLIGHT, b->case_id, b->flights, b->n_flights, errs)))
		return rc;
	return put_strv(st, Q_INS_BESCORT, b->case_id, b->escorts, b->n_escorts, errs);
}

static int import_parts(mp_store *st, const mp_dataset *ds, mp_errors *errs)
{
	int rc = put_mission(st, &ds->mission, errs);
#define EACH(arr, n, fn) for (int i = 0; !rc && i < ds->n; i++) rc = fn(st, &ds->arr[i], errs)
	EACH(airports, n_airports, put_airport);
	EACH(flights, n_flights, put_flight);
	EACH(quotas, n_quotas, put_quota);
	EACH(arrival_rules, n_arrival_rules, put_arrival_rule);
	EACH(transit_rules, n_transit_rules, put_transit_rule);
	EACH(clinics, n_clinics, put_clinic);
	EACH(escorts, n_escorts, put_escort);
	EACH(cases, n_cases, put_case);
	EACH(bookings, n_bookings, put_booking);
#undef EACH
	return rc;
}

int mp_store_import(mp_store *st, const mp_dataset *ds, mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	rc = import_parts(st, ds, errs);
	if (!rc)
		rc = st_run1(st, Q_BUMP, NULL, errs);
	return st_finish(st, rc, errs);
}

int mp_store_put_booking(mp_store *st, const mp_booking *b, mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	rc = put_booking(st, b, errs);
	if (!rc)
		rc = st_run1(st, Q_BUMP, NULL, errs);
	if (!rc) /* its calendar changes status: calendars take the new version */
		rc = st_run1(st, Q_BUMP_JOURNEY, b->case_id, errs);
	return st_finish(st, rc, errs);
}

int mp_store_delete_booking(mp_store *st, const char *case_id, mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	rc = st_run1(st, Q_DEL_BOOKING, case_id, errs);
	if (!rc && sqlite3_changes(st->db) == 0) {
		st_err(errs, MP_EDATA, st->path, "case '%s' has no booking", case_id);
		rc = MP_EDATA;
	}
	if (!rc)
		rc = st_run1(st, Q_BUMP, NULL, errs);
	return st_finish(st, rc, errs);
}

