/*
 * decide.c - the answers of decision support (decide.h): a change of
 * the data applied to a dataset for a re-plan and written for people;
 * releasing whatif's proposals and the bottlenecks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decide.h"
#include "plan.h"

const char *const mp_change_kind_names[MP_N_CHANGE] = {
	"seats", "ssr_limit", "quota_persons", "quota_cases", "clinic_capacity",
	"escort_from", "escort_to", "visa_expires", "document_expires",
	"medical_valid_until", "medical_cleared", "medical_deferred_until", "ready",
};

void mp_change_release(mp_change *c)
{
	if (!c)
		return;
	free(c->id);
	free(c->case_id);
	memset(c, 0, sizeof *c);
}

void mp_change_copy(mp_change *dst, const mp_change *src)
{
	*dst = *src;
	dst->id = mp_xstrdup(src->id);
	dst->case_id = mp_xstrdup(src->case_id);
}

static int unknown(mp_errors *errs, const char *what, const char *id)
{
	mp_errors_addf(errs, MP_EDATA, "unknown %s '%.64s'", what, id ? id : "");
	return MP_EDATA;
}

static mp_member *find_member(mp_dataset *ds, const char *case_id, const char *id)
{
	mp_case *c = mp_dataset_case(ds, case_id);
	for (int i = 0; c && i < c->n_members; i++)
		if (strcmp(c->members[i].id, id) == 0)
			return &c->members[i];
	return NULL;
}

static int apply_limit(mp_dataset *ds, const mp_change *c, mp_errors *errs)
{
	if (c->kind == MP_CH_SEATS || c->kind == MP_CH_SSR) {
		mp_flight *f = mp_dataset_flight(ds, c->id);
		if (!f)
			return unknown(errs, "flight", c->id);
		if (c->kind == MP_CH_SEATS)
			f->seats += c->amount;
		else
			f->limits[c->ssr] = (f->limits[c->ssr] == MP_ABSENT ? 0 : f->limits[c->ssr]) + c->amount;
		return MP_OK;
	}
	if (c->kind == MP_CH_CLINIC) {
		mp_clinic *k = mp_dataset_clinic(ds, c->id);
		if (!k)
			return unknown(errs, "clinic", c->id);
		k->capacity_per_day += c->amount;
		return MP_OK;
	}
	mp_quota *q = mp_dataset_quota(ds, c->id);
	if (!q)
		return unknown(errs, "quota", c->id);
	if (c->kind == MP_CH_QUOTA_PERSONS)
		q->max_persons += c->amount;
	else
		q->max_cases = (q->max_cases == MP_ABSENT ? 0 : q->max_cases) + c->amount;
	return MP_OK;
}

static int apply_date(mp_dataset *ds, const mp_change *c, mp_errors *errs)
{
	if (c->kind == MP_CH_ESCORT_FROM || c->kind == MP_CH_ESCORT_TO) {
		mp_escort *e = mp_dataset_escort(ds, c->id);
		if (!e)
			return unknown(errs, "escort", c->id);
		*(c->kind == MP_CH_ESCORT_FROM ? &e->available_from : &e->available_to) = c->date;
		return MP_OK;
	}
	if (c->kind == MP_CH_DOCUMENT) {
		mp_member *m = find_member(ds, c->case_id, c->id);
		if (!m)
			return unknown(errs, "member", c->id);
		m->document.expires = c->date;
		return MP_OK;
	}
	mp_case *k = mp_dataset_case(ds, c->id);
	if (!k)
		return unknown(errs, "case", c->id);
	switch (c->kind) {
	case MP_CH_VISA: k->visa_expires = c->date; break;
	case MP_CH_READY: k->ready = c->date; break;
	case MP_CH_MEDICAL_VALID: k->medical_valid_until = c->date; break;
	case MP_CH_MEDICAL_CLEARED:
		k->medical = MP_MED_CLEARED;
		break;
	default: /* MP_CH_MEDICAL_DEFERRED */
		k->medical_deferred_until = c->date;
		break;
	}
	return MP_OK;
}

int mp_change_apply(mp_dataset *ds, const mp_change *c, mp_errors *errs)
{
	switch (c->kind) {
	case MP_CH_SEATS: case MP_CH_SSR: case MP_CH_QUOTA_PERSONS: case MP_CH_QUOTA_CASES:
	case MP_CH_CLINIC:
		return apply_limit(ds, c, errs);
	default:
		return apply_date(ds, c, errs);
	}
}

/* "visa of AFG-1010 valid to 2027-01-15 (now 2026-12-30)" */
static char *date_text(const char *subject, const char *id, const char *verb, mp_date was,
		       mp_date now)
{
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	mp_date_format(now, b);
	if (was == MP_NODATE)
		return mp_xasprintf("%s %s %s %s", subject, id, verb, b);
	mp_date_format(was, a);
	return mp_xasprintf("%s %s %s %s (now %s)", subject, id, verb, b, a);
}

char *mp_change_text(const mp_change *c)
{
	char d[MP_DATE_BUF];
	int to = (c->was == MP_ABSENT ? 0 : c->was) + c->amount;
	switch (c->kind) {
	case MP_CH_SEATS:
		return mp_xasprintf("+%d seat%s on %s (%d -> %d)", c->amount, c->amount == 1 ? "" : "s",
				    c->id, c->was, to);
	case MP_CH_SSR:
		return mp_xasprintf("+%d %s on %s (%d -> %d)", c->amount, mp_ssr_names[c->ssr], c->id,
				    c->was == MP_ABSENT ? 0 : c->was, to);
	case MP_CH_QUOTA_PERSONS:
		return mp_xasprintf("quota %s +%d person%s (%d -> %d)", c->id, c->amount,
				    c->amount == 1 ? "" : "s", c->was, to);
	case MP_CH_QUOTA_CASES:
		return mp_xasprintf("quota %s +%d case%s (%d -> %d)", c->id, c->amount,
				    c->amount == 1 ? "" : "s", c->was, to);
	case MP_CH_CLINIC:
		mp_date_format(c->date, d);
		return mp_xasprintf("a clinic slot for %d person%s at %s on %s (capacity %d -> %d a day)",
				    c->amount, c->amount == 1 ? "" : "s", c->id, d, c->was, to);
	case MP_CH_ESCORT_FROM:
		return date_text("escort", c->id, "available from", c->was_date, c->date);
	case MP_CH_ESCORT_TO:
		return date_text("escort", c->id, "available to", c->was_date, c->date);
	case MP_CH_VISA:
		return date_text("visa of", c->id, "valid to", c->was_date, c->date);
	case MP_CH_DOCUMENT:
		return date_text("travel document of member", c->id, "valid to", c->was_date, c->date);
	case MP_CH_MEDICAL_VALID:
		return date_text("medical clearance of", c->id, "valid to", c->was_date, c->date);
	case MP_CH_MEDICAL_CLEARED:
		return mp_xasprintf("medical of %s cleared (now pending)", c->id);
	case MP_CH_MEDICAL_DEFERRED:
		return date_text("medical deferral of", c->id, "ending", c->was_date, c->date);
	case MP_CH_READY:
		return date_text("case", c->id, "ready from", c->was_date, c->date);
	default:
		return mp_xstrdup("?");
	}
}

/* ---- releasing answers ---- */

void mp_whatif_option_release(mp_whatif_option *o)
{
	for (int i = 0; i < o->n_changes; i++)
		mp_change_release(&o->changes[i]);
	free(o->changes);
	mp_strv_free(o->flights, o->n_flights);
	mp_strv_free(o->moved, o->n_moved);
	mp_strv_free(o->dropped, o->n_dropped);
	mp_strv_free(o->added, o->n_added);
	free(o->note);
	memset(o, 0, sizeof *o);
}

void mp_whatif_release(mp_whatif *w)
{
	if (!w)
		return;
	for (int i = 0; i < w->n_options; i++)
		mp_whatif_option_release(&w->options[i]);
	free(w->options);
	free(w->note);
	memset(w, 0, sizeof *w);
}

void mp_bottlenecks_release(mp_bottlenecks *b)
{
	if (!b)
		return;
	for (int i = 0; i < b->n; i++) {
		free(b->v[i].id);
		free(b->v[i].steps);
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}
