/*
 * prep.c - sets up a planning run: indexes over the dataset, the
 * classification of bookings (SPEC 2.12: history, pinned, void,
 * reference), link groups, escorts' busy dates and the notice day of
 * every arrival rule.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "../models/validate.h"

static int cmp_ids(const void *a, const void *b, void *arg)
{
	char *const *ids = arg;
	int c = strcmp(ids[*(const int *)a], ids[*(const int *)b]);
	return c ? c : *(const int *)a - *(const int *)b;
}

/* Indexes 0..n-1 ordered by the ids in ids[]. */
static int *order_by_id(char **ids, int n)
{
	int *o = mp_xcalloc((size_t)n + 1, sizeof *o);
	for (int i = 0; i < n; i++)
		o[i] = i;
	if (n > 1)
		qsort_r(o, (size_t)n, sizeof *o, cmp_ids, ids);
	return o;
}

static void build_indexes(pl_ctx *P)
{
	const mp_dataset *ds = P->ds;
	mp_strmap *maps[] = {&P->airport_ix, &P->flight_ix, &P->case_ix, &P->clinic_ix,
			  &P->escort_ix, &P->arule_ix, &P->trule_ix, &P->quota_ix, &P->group_ix};
	for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
		mp_strmap_init(maps[i]);
	for (int i = 0; i < ds->n_airports; i++)
		mp_strmap_put(&P->airport_ix, ds->airports[i].code, i);
	for (int i = 0; i < ds->n_flights; i++)
		mp_strmap_put(&P->flight_ix, ds->flights[i].id, i);
	for (int i = 0; i < ds->n_cases; i++)
		mp_strmap_put(&P->case_ix, ds->cases[i].id, i);
	for (int i = 0; i < ds->n_clinics; i++)
		mp_strmap_put(&P->clinic_ix, ds->clinics[i].id, i);
	for (int i = 0; i < ds->n_escorts; i++)
		mp_strmap_put(&P->escort_ix, ds->escorts[i].id, i);
	for (int i = 0; i < ds->n_arrival_rules; i++)
		mp_strmap_put(&P->arule_ix, ds->arrival_rules[i].country, i);
	for (int i = 0; i < ds->n_transit_rules; i++)
		mp_strmap_put(&P->trule_ix, ds->transit_rules[i].country, i);
	for (int i = 0; i < ds->n_quotas; i++)
		mp_strmap_put(&P->quota_ix, ds->quotas[i].id, i);
	char **ids = mp_xcalloc((size_t)ds->n_cases + 1, sizeof *ids);
	for (int i = 0; i < ds->n_cases; i++)
		ids[i] = ds->cases[i].id;
	P->case_order = order_by_id(ids, ds->n_cases);
	free(ids);
	ids = mp_xcalloc((size_t)ds->n_flights + 1, sizeof *ids);
	for (int i = 0; i < ds->n_flights; i++)
		ids[i] = ds->flights[i].id;
	P->flight_order = order_by_id(ids, ds->n_flights);
	free(ids);
}

/* SPEC 2.8: the notice_days-th working day after as_of (Mon-Fri minus
 * blackout dates, counted from the day after as_of). */
static mp_date notice_day(const pl_ctx *P, const mp_arrival_rule *r)
{
	if (r->notice_working_days <= 0)
		return MP_NODATE;
	mp_date d = P->as_of;
	for (int n = 0; n < r->notice_working_days;) {
		d++;
		bool black = false;
		for (int i = 0; i < r->n_blackout; i++)
			black |= r->blackout[i] == d;
		if (!mp_date_is_weekend(d) && !black)
			n++;
	}
	return d;
}

double pl_weight(const pl_ctx *P, enum mp_priority prio)
{
	return P->req ? P->req->options.weights[prio] : (prio == MP_PRIO_EMERGENCY ? 100 : prio == MP_PRIO_URGENT ? 10 : 1);
}

static void init_cases(pl_ctx *P)
{
	const mp_dataset *ds = P->ds;
	P->cases = mp_xcalloc((size_t)ds->n_cases + 1, sizeof *P->cases);
	for (int i = 0; i < ds->n_cases; i++) {
		pl_case *pc = &P->cases[i];
		pc->c = &ds->cases[i];
		pc->index = i;
		pc->booking = pc->pin_itin = pc->ref_itin = pc->route = -1;
		pc->group = pc->unit = pc->sol_itin = -1;
		pc->pin_ftt = pc->ref_ftt = pc->sol_ftt = MP_NODATE;
		pc->clinic = mp_strmap_get(&P->clinic_ix, pc->c->clinic);
		pc->persons = pc->c->n_members;
		pc->weight = pl_weight(P, pc->c->priority);
	}
}

static bool booking_void(const pl_ctx *P, const mp_booking *b)
{
	if (b->n_flights < 1 || b->n_flights > 3)
		return true;
	for (int i = 0; i < b->n_flights; i++) {
		int f = mp_strmap_get(&P->flight_ix, b->flights[i]);
		if (f < 0 || P->ds->flights[f].cancelled)
			return true;
	}
	return false;
}

/* SPEC 2.12: travelled, and confirmed departing on or before as_of, are
 * history; confirmed on a cancelled or missing flight is void;
 * confirmed otherwise is pinned; proposed is the default reference. */
static void classify_bookings(pl_ctx *P)
{
	const mp_dataset *ds = P->ds;
	for (int b = 0; b < ds->n_bookings; b++) {
		const mp_booking *bk = &ds->bookings[b];
		int ci = mp_strmap_get(&P->case_ix, bk->case_id);
		if (ci < 0)
			continue;
		pl_case *pc = &P->cases[ci];
		pc->booking = b;
		int it = booking_void(P, bk) ? -1 : pl_itin_lookup(P, bk->flights, bk->n_flights);
		if (bk->status == MP_BOOK_TRAVELLED) {
			pc->kind = PK_HISTORY;
			pc->pin_itin = it;
		} else if (bk->status == MP_BOOK_CONFIRMED) {
			if (it < 0) {
				pc->void_booking = true;
			} else if (P->itins[it].dep_date <= P->as_of) {
				pc->kind = PK_HISTORY;
				pc->pin_itin = it;
			} else {
				pc->kind = PK_PINNED;
				pc->pin_itin = it;
				pc->pin_ftt = bk->ftt_date;
			}
		} else if (!P->req || !P->req->reference) {
			pc->has_ref = true;
			pc->ref_itin = it;
			pc->ref_ftt = bk->ftt_date;
		}
	}
}

static void reference_plan(pl_ctx *P)
{
	const mp_plan *ref = P->req ? P->req->reference : NULL;
	if (!ref)
		return;
	for (int i = 0; i < ref->n_assignments; i++) {
		const mp_assignment *a = &ref->assignments[i];
		int ci = mp_strmap_get(&P->case_ix, a->case_id);
		if (ci < 0)
			continue;
		pl_case *pc = &P->cases[ci];
		pc->has_ref = true;
		pc->ref_itin = a->n_flights ? pl_itin_lookup(P, a->flights, a->n_flights) : -1;
		pc->ref_ftt = a->ftt_date;
	}
}

/* SPEC 2.2: cases sharing a link; history cases are out of the plan. */
static void build_groups(pl_ctx *P)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		pl_case *pc = &P->cases[P->case_order[k]];
		if (!pc->c->link || pc->kind == PK_HISTORY)
			continue;
		int g = mp_strmap_get(&P->group_ix, pc->c->link);
		if (g < 0) {
			g = P->n_groups++;
			P->groups = mp_xrealloc(P->groups, (size_t)P->n_groups * sizeof *P->groups);
			memset(&P->groups[g], 0, sizeof P->groups[g]);
			P->groups[g].pin_itin = -1;
			mp_strmap_put(&P->group_ix, pc->c->link, g);
		}
		pl_group *gr = &P->groups[g];
		gr->cases = mp_xrealloc(gr->cases, (size_t)(gr->n_cases + 1) * sizeof(int));
		gr->cases[gr->n_cases++] = pc->index;
		pc->group = g;
		if (pc->kind == PK_PINNED && gr->pin_itin < 0)
			gr->pin_itin = pc->pin_itin;
	}
}

static void add_busy(pl_escort *e, mp_date d)
{
	e->busy = mp_xrealloc(e->busy, (size_t)(e->n_busy + 1) * sizeof *e->busy);
	e->busy[e->n_busy++] = d;
}

/* SPEC 2.11/2.12: history trips and pinned trips make an escort busy
 * for turnaround_days around their departure. */
static void build_escorts(pl_ctx *P)
{
	const mp_dataset *ds = P->ds;
	P->escorts = mp_xcalloc((size_t)ds->n_escorts + 1, sizeof *P->escorts);
	for (int s = 0; s < ds->n_escorts; s++) {
		P->escorts[s].e = &ds->escorts[s];
		P->escorts[s].index = s;
	}
	for (int k = 0; k < ds->n_cases; k++) {
		pl_case *pc = &P->cases[P->case_order[k]];
		if (pc->kind == PK_FREE || pc->booking < 0 || pc->pin_itin < 0)
			continue;
		const mp_booking *bk = &ds->bookings[pc->booking];
		for (int i = 0; i < bk->n_escorts; i++) {
			int s = mp_strmap_get(&P->escort_ix, bk->escorts[i]);
			if (s < 0)
				continue;
			pl_escort *e = &P->escorts[s];
			bool dup = false;
			for (int j = 0; j < e->n_pin; j++)
				dup |= e->pin_itins[j] == pc->pin_itin;
			if (dup)
				continue;
			add_busy(e, P->itins[pc->pin_itin].dep_date);
			if (pc->kind == PK_PINNED) {
				e->pin_itins = mp_xrealloc(e->pin_itins, (size_t)(e->n_pin + 1) * sizeof(int));
				e->pin_itins[e->n_pin++] = pc->pin_itin;
			}
		}
	}
}

/* Adds a pinned trip chosen by the planner (a pinned case's need). */
void pl_escort_pin(pl_ctx *P, int s, int it)
{
	pl_escort *e = &P->escorts[s];
	add_busy(e, P->itins[it].dep_date);
	e->pin_itins = mp_xrealloc(e->pin_itins, (size_t)(e->n_pin + 1) * sizeof(int));
	e->pin_itins[e->n_pin++] = it;
}

bool pl_escort_on(const pl_ctx *P, int s, int it)
{
	const pl_escort *e = &P->escorts[s];
	for (int j = 0; j < e->n_pin; j++)
		if (e->pin_itins[j] == it)
			return true;
	return false;
}

bool pl_escort_free(const pl_ctx *P, int s, int it)
{
	const pl_escort *e = &P->escorts[s];
	mp_date d = P->itins[it].dep_date;
	if (e->e->covers <= 0 || d < e->e->available_from || d > e->e->available_to)
		return false;
	for (int j = 0; j < e->n_busy; j++) {
		int gap = d - e->busy[j];
		if (gap < 0)
			gap = -gap;
		if (gap < e->e->turnaround_days || gap == 0)
			return false;
	}
	return !pl_escort_on(P, s, it);
}

int pl_check_days(const pl_ctx *P, int clinic, mp_date dep, mp_date days[3])
{
	const mp_clinic *cl = &P->ds->clinics[clinic];
	int n = 0;
	for (int k = 1; k <= 3; k++) {
		mp_date d = dep - k;
		if (d < P->as_of)
			continue;
		bool closed = false;
		for (int i = 0; i < cl->n_closed; i++)
			closed |= cl->closed[i] == d;
		if (!closed)
			days[n++] = d;
	}
	return n;
}

bool pl_check_day_allowed(const pl_ctx *P, int clinic, mp_date dep, mp_date day)
{
	mp_date days[3];
	int n = pl_check_days(P, clinic, dep, days);
	for (int i = 0; i < n; i++)
		if (days[i] == day)
			return true;
	return false;
}

const mp_case_facts *pl_facts(pl_ctx *P, int pcase, mp_date on)
{
	if (P->fc_case != pcase || P->fc_date != on) {
		mp_case_facts_on(P->cases[pcase].c, on, &P->fc, NULL);
		P->fc_case = pcase;
		P->fc_date = on;
	}
	return &P->fc;
}

void pl_add_conflict(pl_ctx *P, mp_plan *out, int pcase, const char *rule,
		     enum mp_reason_code code, const char *fmt, ...)
{
	if (!out)
		return;
	for (int i = 0; i < out->n_conflicts; i++)
		if (out->conflicts[i].code == code &&
		    strcmp(out->conflicts[i].case_id, P->cases[pcase].c->id) == 0)
			return; /* one record per case and code */
	mp_conflict *c = mp_plan_add_conflict(out);
	c->case_id = mp_xstrdup(P->cases[pcase].c->id);
	c->rule = mp_xstrdup(rule);
	c->code = code;
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	c->detail = s ? s : mp_xstrdup("");
}

/* The planner expects SPEC 1 defaults applied; a dataset that lacks
 * some (a caller that skipped mp_dataset_defaults) gets a defaulted
 * private copy rather than a crash. */
static bool lacks_defaults(const mp_dataset *ds)
{
	bool lack = ds->mission.as_of == MP_NODATE || ds->mission.horizon_days == MP_ABSENT;
	for (int i = 0; i < ds->n_airports && !lack; i++)
		lack = ds->airports[i].mct_minutes == MP_ABSENT ||
		       ds->airports[i].max_connection_minutes == MP_ABSENT;
	for (int i = 0; i < ds->n_flights && !lack; i++)
		lack = ds->flights[i].stretcher_seats == MP_ABSENT;
	for (int i = 0; i < ds->n_escorts && !lack; i++)
		lack = ds->escorts[i].covers == MP_ABSENT || ds->escorts[i].turnaround_days == MP_ABSENT;
	for (int i = 0; i < ds->n_cases && !lack; i++)
		lack = !ds->cases[i].origin;
	return lack;
}

int pl_ctx_init(pl_ctx *P, const mp_dataset *ds, const mp_plan_request *req, mp_errors *errs)
{
	memset(P, 0, sizeof *P);
	if (lacks_defaults(ds)) {
		P->own = mp_xcalloc(1, sizeof *P->own);
		mp_dataset_copy(P->own, ds);
		mp_dataset_defaults(P->own);
		ds = P->own;
	}
	P->ds = ds;
	P->req = req;
	P->errs = errs;
	P->fc_case = -1;
	P->as_of = ds->mission.as_of != MP_NODATE ? ds->mission.as_of : mp_date_today();
	P->horizon_end = P->as_of + (ds->mission.horizon_days >= 0 ? ds->mission.horizon_days : 90);
	build_indexes(P);
	pl_itins_build(P);
	mp_u64map_init(&P->res_ix);
	init_cases(P);
	classify_bookings(P);
	reference_plan(P);
	build_groups(P);
	build_escorts(P);
	P->notice_day = mp_xcalloc((size_t)ds->n_arrival_rules + 1, sizeof *P->notice_day);
	for (int i = 0; i < ds->n_arrival_rules; i++)
		P->notice_day[i] = notice_day(P, &ds->arrival_rules[i]);
	for (int k = 0; k < ds->n_cases; k++) {
		pl_case *pc = &P->cases[P->case_order[k]];
		if (pc->kind != PK_HISTORY)
			pc->route = pl_route_of(P, pc->c);
	}
	return MP_OK;
}

void pl_ctx_release(pl_ctx *P)
{
	if (!P)
		return;
	mp_strmap *maps[] = {&P->airport_ix, &P->flight_ix, &P->case_ix, &P->clinic_ix,
			  &P->escort_ix, &P->arule_ix, &P->trule_ix, &P->quota_ix, &P->group_ix};
	for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
		mp_strmap_release(maps[i]);
	free(P->case_order);
	free(P->flight_order);
	pl_itins_release(P);
	if (P->cases)
		for (int i = 0; i < P->ds->n_cases; i++)
			free(P->cases[i].mask);
	free(P->cases);
	for (int g = 0; g < P->n_groups; g++)
		free(P->groups[g].cases);
	free(P->groups);
	if (P->escorts)
		for (int s = 0; s < P->ds->n_escorts; s++) {
			free(P->escorts[s].busy);
			free(P->escorts[s].pin_itins);
		}
	free(P->escorts);
	free(P->notice_day);
	free(P->pin_need);
	free(P->cday);
	free(P->pin_med);
	free(P->res);
	free(P->held);
	mp_u64map_release(&P->res_ix);
	pl_units_release(P);
	free(P->cols);
	free(P->trips);
	for (int k = 0; k < P->n_comps; k++)
		free(P->comps[k].units);
	free(P->comps);
	mp_dataset_release(P->own);
	free(P->own);
}
