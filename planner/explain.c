/*
 * explain.c - why a case is or is not booked, rule by rule, for a
 * movement officer (mp_explain of planner.h).
 *
 * Eligibility is recomputed from the dataset (the same code the plan
 * used); what the plan did - the booking, and which flight, quota,
 * clinic day or escort was full - comes from the plan's own arrays.
 * Only ids, codes and the case's own dates appear: no names, birth
 * dates or document numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define SHOW_MAX 10

static const char *dstr(mp_date d, char buf[MP_DATE_BUF])
{
	if (d == MP_NODATE)
		return "-";
	mp_date_format(d, buf);
	return buf;
}

static void legs_text(FILE *f, const pl_ctx *P, const pl_itin *it)
{
	for (int l = 0; l < it->n_legs; l++)
		fprintf(f, "%s%s", l ? " + " : "", P->ds->flights[it->legs[l]].id);
}

static void case_facts(FILE *f, pl_ctx *P, int ci, mp_date on)
{
	const pl_case *pc = &P->cases[ci];
	const mp_case *c = pc->c;
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	fprintf(f, "case %s: priority %s, ready %s, %d person(s), from %s to %s%s%s%s\n", c->id,
		mp_priority_names[c->priority], dstr(c->ready, a), pc->persons, c->origin,
		c->dest_airport ? c->dest_airport : c->dest_country, c->dest_airport ? " (" : "",
		c->dest_airport ? c->dest_country : "", c->dest_airport ? ")" : "");
	const mp_case_facts *fc = pl_facts(P, ci, on);
	fprintf(f, "  on %s: %d seat(s) on a plain flight (%d lap infant(s), %d stretcher(s))",
		dstr(on, a), mp_case_seats(fc, 6), fc->lap_infants, fc->stretchers);
	int any = 0;
	for (int k = 0; k < MP_N_SSR; k++)
		if (fc->ssr[k])
			fprintf(f, "%s%s %d", any++ ? ", " : "; codes ", mp_ssr_names[k], fc->ssr[k]);
	fprintf(f, "\n  escort need: %d member(s)", fc->need_escort);
	if (fc->need_escort)
		fprintf(f, " (%d medical)", fc->need_medical);
	fprintf(f, "; clinic: %s; link: %s\n", c->clinic ? c->clinic : "none", c->link ? c->link : "none");
	fprintf(f, "  medical: %s", mp_medical_names[c->medical]);
	if (c->medical_valid_until != MP_NODATE)
		fprintf(f, ", valid until %s", dstr(c->medical_valid_until, a));
	if (c->medical_deferred_until != MP_NODATE)
		fprintf(f, ", deferred until %s", dstr(c->medical_deferred_until, a));
	fprintf(f, "; visa expires %s\n", dstr(c->visa_expires, b));
	if (pc->booking >= 0) {
		const mp_booking *bk = &P->ds->bookings[pc->booking];
		fprintf(f, "  booking: %s on", mp_booking_status_names[bk->status]);
		for (int i = 0; i < bk->n_flights; i++)
			fprintf(f, " %s", bk->flights[i]);
		fprintf(f, "%s\n", pc->void_booking ? " (void: a flight is cancelled or missing)" : "");
	}
}

static void plan_status(FILE *f, const pl_ctx *P, const mp_plan *plan, const char *id)
{
	char a[MP_DATE_BUF], t[MP_DATETIME_BUF];
	const mp_assignment *as = plan ? mp_plan_assignment(plan, id) : NULL;
	const mp_unassigned *un = plan ? mp_plan_unassigned_case(plan, id) : NULL;
	if (!plan) {
		fprintf(f, "plan: none stored\n");
	} else if (as) {
		fprintf(f, "plan: booked (%s) on", mp_booking_status_names[as->status]);
		for (int i = 0; i < as->n_flights; i++)
			fprintf(f, "%s%s", i ? " + " : " ", as->flights[i]);
		mp_datetime_format(as->departs, t);
		fprintf(f, ", departs %s", t);
		if (as->ftt_date != MP_NODATE)
			fprintf(f, ", fit-to-travel check %s", dstr(as->ftt_date, a));
		for (int i = 0; i < as->n_escorts; i++)
			fprintf(f, "%s%s", i ? ", " : ", escorts ", as->escorts[i]);
		fprintf(f, "\n");
	} else if (un) {
		fprintf(f, "plan: not booked\n");
		for (int i = 0; i < un->n_reasons; i++) {
			const mp_reason *r = &un->reasons[i];
			fprintf(f, "  %s", mp_reason_names[r->code]);
			if (r->count)
				fprintf(f, " (%d itinerar%s)", r->count, r->count == 1 ? "y" : "ies");
			if (r->detail)
				fprintf(f, ": %s", r->detail);
			for (int k = 0; k < r->n_refs; k++)
				fprintf(f, "%s%s", k ? ", " : " [", r->refs[k]);
			fprintf(f, "%s\n", r->n_refs ? "]" : "");
		}
	} else {
		fprintf(f, "plan: the case is not in the plan (history: travelled or departed)\n");
	}
	for (int i = 0; plan && i < plan->n_conflicts; i++)
		if (strcmp(plan->conflicts[i].case_id, id) == 0)
			fprintf(f, "conflict (rule %s) %s: %s\n", plan->conflicts[i].rule,
				mp_reason_names[plan->conflicts[i].code], plan->conflicts[i].detail);
	(void)P;
}

/* ---- what the plan's use leaves for an eligible itinerary ---- */

static const mp_flight_use *plan_flight(const mp_plan *p, const char *id)
{
	for (int i = 0; i < p->n_flights; i++)
		if (strcmp(p->flights[i].id, id) == 0)
			return &p->flights[i];
	return NULL;
}

static int plan_clinic(const mp_plan *p, const char *clinic, mp_date d)
{
	for (int i = 0; i < p->n_clinics; i++)
		if (strcmp(p->clinics[i].clinic, clinic) == 0 && p->clinics[i].date == d)
			return p->clinics[i].persons;
	return 0;
}

/* Prints what is full; returns how many limits are. */
static int full_limits(FILE *f, pl_ctx *P, const mp_plan *plan, int ci, int it_ix)
{
	const pl_itin *it = &P->itins[it_ix];
	const mp_case_facts *fc = pl_facts(P, ci, it->dep_date);
	int full = 0;
	for (int l = 0; l < it->n_legs; l++) {
		const mp_flight *fl = &P->ds->flights[it->legs[l]];
		const mp_flight_use *u = plan_flight(plan, fl->id);
		int need = mp_case_seats(fc, fl->stretcher_seats);
		if (u && u->used + need > u->seats)
			fprintf(f, "%sflight %s full (%d of %d seats, needs %d)", full++ ? "; " : "", fl->id,
				u->used, u->seats, need);
		for (int k = 0; u && k < MP_N_SSR; k++)
			if (u->limits[k] != MP_ABSENT && fc->ssr[k] && u->ssr[k] + fc->ssr[k] > u->limits[k])
				fprintf(f, "%sflight %s: %s %d of %d", full++ ? "; " : "", fl->id,
					mp_ssr_names[k], u->ssr[k], u->limits[k]);
	}
	for (int q = 0; q < it->n_quotas; q++) {
		const mp_quota_use *u = NULL;
		for (int i = 0; i < plan->n_quotas; i++)
			if (strcmp(plan->quotas[i].id, P->ds->quotas[it->quotas[q]].id) == 0)
				u = &plan->quotas[i];
		if (u && (u->persons + fc->persons > u->max_persons ||
			  (u->max_cases != MP_ABSENT && u->cases + 1 > u->max_cases)))
			fprintf(f, "%squota %s full (%d of %d persons)", full++ ? "; " : "", u->id,
				u->persons, u->max_persons);
	}
	const pl_case *pc = &P->cases[ci];
	if (pc->clinic >= 0) {
		mp_date days[3];
		int n = pl_check_days(P, pc->clinic, it->dep_date, days), open = 0;
		const mp_clinic *cl = &P->ds->clinics[pc->clinic];
		for (int d = 0; d < n; d++)
			open += plan_clinic(plan, cl->id, days[d]) + pc->persons <= cl->capacity_per_day;
		if (open == 0)
			fprintf(f, "%sclinic %s full on its allowed days", full++ ? "; " : "", cl->id);
	}
	if (fc->need_escort > 0) {
		int covers = 0;
		for (int t = 0; t < plan->n_escort_trips; t++) {
			const mp_escort_trip *tr = &plan->escort_trips[t];
			bool same = tr->n_flights == it->n_legs;
			for (int l = 0; same && l < it->n_legs; l++)
				same = strcmp(tr->flights[l], P->ds->flights[it->legs[l]].id) == 0;
			const mp_escort *e = same ? mp_dataset_escort(P->ds, tr->escort) : NULL;
			covers += e ? e->covers - tr->n_cases : 0;
		}
		if (covers < fc->need_escort && pl_min_escorts(P, it_ix, fc->need_escort, fc->need_medical) < 0)
			fprintf(f, "%sno escort free to cover %d member(s)", full++ ? "; " : "", fc->need_escort);
	}
	return full;
}

/* ---- itineraries ---- */

static uint32_t linked_mask(pl_ctx *P, int ci, int it, int *who)
{
	const pl_case *pc = &P->cases[ci];
	*who = -1;
	if (pc->group < 0)
		return 0;
	const pl_group *g = &P->groups[pc->group];
	for (int i = 0; i < g->n_cases; i++) {
		int o = g->cases[i];
		if (o == ci)
			continue;
		uint32_t m = pl_check(P, o, it, P->cases[o].kind == PK_PINNED, NULL);
		if (P->cases[o].c->medical == MP_MED_PENDING)
			m |= PL_BIT(MP_R_MEDICAL_PENDING);
		if (P->cases[o].kind == PK_PINNED && P->cases[o].pin_itin != it)
			m |= PL_BIT(MP_R_LINKED_CASE);
		if (m) {
			*who = o;
			return m;
		}
	}
	return 0;
}

static void codes_text(FILE *f, uint32_t m, const pl_detail *det)
{
	int n = 0;
	for (int code = 0; code < MP_N_REASON; code++)
		if (m & PL_BIT(code)) {
			fprintf(f, "%s%s", n++ ? "; " : "", mp_reason_names[code]);
			if (det && det->text[code])
				fprintf(f, " (%s)", det->text[code]);
		}
}

static void one_itin(FILE *f, pl_ctx *P, const mp_plan *plan, int ci, int it_ix, int k)
{
	const pl_itin *it = &P->itins[it_ix];
	char a[MP_DATE_BUF], t[MP_TOD_BUF];
	fprintf(f, "  %d. ", k);
	legs_text(f, P, it);
	mp_tod_format(it->arr_tod, t);
	fprintf(f, " (departs %s, arrives %s %s): ", dstr(it->dep_date, a), dstr(it->arr_date, a), t);
	pl_detail det;
	memset(&det, 0, sizeof det);
	uint32_t m = pl_check(P, ci, it_ix, false, &det);
	int who;
	uint32_t lm = m ? 0 : linked_mask(P, ci, it_ix, &who);
	const mp_assignment *as = plan ? mp_plan_assignment(plan, P->cases[ci].c->id) : NULL;
	bool here = as && as->n_flights == it->n_legs;
	for (int l = 0; here && l < it->n_legs; l++)
		here = strcmp(as->flights[l], P->ds->flights[it->legs[l]].id) == 0;
	if (m) {
		fprintf(f, "excluded: ");
		codes_text(f, m, &det);
	} else if (P->cases[ci].c->medical == MP_MED_PENDING) {
		fprintf(f, "excluded: MEDICAL_PENDING");
	} else if (lm) {
		fprintf(f, "linked case %s cannot take it: ", P->cases[who].c->id);
		codes_text(f, lm, NULL);
	} else if (here) {
		fprintf(f, "booked here");
	} else if (!plan) {
		fprintf(f, "eligible");
	} else if (full_limits(f, P, plan, ci, it_ix) == 0) {
		fprintf(f, "eligible, room remained%s", as ? "; the plan prefers the booked one" : "");
	}
	fprintf(f, "\n");
	pl_detail_release(&det);
}

static void itineraries(FILE *f, pl_ctx *P, const mp_plan *plan, int ci)
{
	const pl_case *pc = &P->cases[ci];
	const pl_route *r = pc->route >= 0 ? &P->routes[pc->route] : NULL;
	if (!r || r->n_itins == 0) {
		fprintf(f, "itineraries: none within the horizon%s\n",
			r && r->beyond ? " (some depart after it: HORIZON)" : " (NO_ROUTE)");
		return;
	}
	fprintf(f, "itineraries: %d within the horizon\n", r->n_itins);
	int counts[MP_N_REASON] = {0}, eligible = 0;
	for (int i = 0; i < r->n_itins; i++) {
		if (i < SHOW_MAX) {
			one_itin(f, P, plan, ci, r->itins[i], i + 1);
			continue;
		}
		uint32_t m = pl_check(P, ci, r->itins[i], false, NULL);
		eligible += m == 0;
		for (int code = 0; code < MP_N_REASON; code++)
			counts[code] += (m >> code) & 1u;
	}
	if (r->n_itins <= SHOW_MAX)
		return;
	fprintf(f, "  ... and %d more: %d eligible", r->n_itins - SHOW_MAX, eligible);
	for (int code = 0; code < MP_N_REASON; code++)
		if (counts[code])
			fprintf(f, ", %d excluded by %s", counts[code], mp_reason_names[code]);
	fprintf(f, "\n");
}

static mp_date facts_date(const pl_ctx *P, const mp_plan *plan, int ci)
{
	const pl_case *pc = &P->cases[ci];
	const mp_assignment *as = plan ? mp_plan_assignment(plan, pc->c->id) : NULL;
	if (as)
		return mp_datetime_local_date(as->departs);
	if (pc->pin_itin >= 0)
		return P->itins[pc->pin_itin].dep_date;
	return pc->c->ready > P->as_of ? pc->c->ready : P->as_of + 1;
}

int mp_explain(const mp_dataset *ds, const mp_plan *plan, const char *case_id,
	       char **text, mp_errors *errs)
{
	*text = NULL;
	const mp_case *c = mp_dataset_case(ds, case_id);
	if (!c) {
		mp_errors_addf(errs, MP_EDATA, "unknown case '%s'", case_id ? case_id : "");
		return MP_EDATA;
	}
	pl_ctx P;
	pl_ctx_init(&P, ds, NULL, errs);
	pl_pinned_prepare(&P, NULL);
	int ci = (int)(c - ds->cases);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		pl_ctx_release(&P);
		mp_errors_addf(errs, MP_EINTERNAL, "explain: out of memory");
		return MP_EINTERNAL;
	}
	case_facts(f, &P, ci, facts_date(&P, plan, ci));
	plan_status(f, &P, plan, case_id);
	if (P.cases[ci].kind != PK_HISTORY)
		itineraries(f, &P, plan, ci);
	fclose(f);
	pl_ctx_release(&P);
	*text = buf; /* ownership moves to the caller */
	return MP_OK;
}
