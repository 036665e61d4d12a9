/*
 * explain.c - why a case is or is not booked, rule by rule, for a
 * movement officer (mp_explain_case and mp_explain of planner.h).
 *
 * Eligibility is recomputed from the dataset (the same code the plan
 * used); what the plan did - the booking, and which flight, quota,
 * clinic day or escort was full - comes from the plan's own arrays.
 * The itineraries come in the order an officer reads them (SPEC 4): the
 * booked one, then the competing ones (passing every rule of the case;
 * fewest full limits first), then those a rule excludes, each group by
 * departure.  The reasons come decisive first.  Only ids, codes and the
 * case's own dates appear: no names, birth dates or document numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define SHOW_COMPETING 10
#define SHOW_EXCLUDED 5

const char *const mp_explain_role_names[3] = {"booked", "competing", "excluded"};
const char *const mp_explain_status_names[4] = {"no_plan", "assigned", "unassigned", "history"};

static const char *dstr(mp_date d, char buf[MP_DATE_BUF])
{
	if (d == MP_NODATE)
		return "-";
	mp_date_format(d, buf);
	return buf;
}

/* ---- what the plan's use leaves for an eligible itinerary ---- */

static const mp_flight_use *plan_flight(const mp_plan *p, const char *id)
{
	for (int i = 0; i < p->n_flights; i++)
		if (strcmp(p->flights[i].id, id) == 0)
			return &p->flights[i];
	return NULL;
}

static const mp_quota_use *plan_quota(const mp_plan *p, const char *id)
{
	for (int i = 0; i < p->n_quotas; i++)
		if (strcmp(p->quotas[i].id, id) == 0)
			return &p->quotas[i];
	return NULL;
}

static int plan_clinic(const mp_plan *p, const char *clinic, mp_date d)
{
	for (int i = 0; i < p->n_clinics; i++)
		if (strcmp(p->clinics[i].clinic, clinic) == 0 && p->clinics[i].date == d)
			return p->clinics[i].persons;
	return 0;
}

static void full_flights(FILE *f, pl_ctx *P, const mp_plan *plan, const pl_itin *it,
			 const mp_case_facts *fc, int *full)
{
	for (int l = 0; l < it->n_legs; l++) {
		const mp_flight *fl = &P->ds->flights[it->legs[l]];
		const mp_flight_use *u = plan_flight(plan, fl->id);
		int need = mp_case_seats(fc, fl->stretcher_seats);
		if (u && u->used + need > u->seats)
			fprintf(f, "%sflight %s full (%d of %d seats, needs %d)", (*full)++ ? "; " : "",
				fl->id, u->used, u->seats, need);
		for (int k = 0; u && k < MP_N_SSR; k++)
			if (u->limits[k] != MP_ABSENT && fc->ssr[k] && u->ssr[k] + fc->ssr[k] > u->limits[k])
				fprintf(f, "%sflight %s: %s %d of %d", (*full)++ ? "; " : "", fl->id,
					mp_ssr_names[k], u->ssr[k], u->limits[k]);
	}
}

static void full_quotas(FILE *f, pl_ctx *P, const mp_plan *plan, const pl_itin *it,
			const mp_case_facts *fc, enum mp_case_kind kind, int *full)
{
	for (int q = 0; q < it->n_quotas; q++) {
		if (!mp_quota_counts(&P->ds->quotas[it->quotas[q]], kind))
			continue;
		const mp_quota_use *u = plan_quota(plan, P->ds->quotas[it->quotas[q]].id);
		if (!u)
			continue;
		if (u->persons + fc->persons > u->max_persons)
			fprintf(f, "%squota %s full (%d of %d persons, needs %d)", (*full)++ ? "; " : "",
				u->id, u->persons, u->max_persons, fc->persons);
		else if (u->max_cases != MP_ABSENT && u->cases + 1 > u->max_cases)
			fprintf(f, "%squota %s full (%d of %d cases)", (*full)++ ? "; " : "", u->id,
				u->cases, u->max_cases);
	}
}

static void full_clinic_escort(FILE *f, pl_ctx *P, const mp_plan *plan, int ci, int it_ix,
			       const mp_case_facts *fc, int *full)
{
	const pl_itin *it = &P->itins[it_ix];
	const pl_case *pc = &P->cases[ci];
	if (pc->clinic >= 0) {
		mp_date days[3];
		int n = pl_check_days(P, pc->clinic, it->dep_date, days), open = 0;
		const mp_clinic *cl = &P->ds->clinics[pc->clinic];
		for (int d = 0; d < n; d++)
			open += plan_clinic(plan, cl->id, days[d]) + pc->persons <= cl->capacity_per_day;
		if (open == 0)
			fprintf(f, "%sclinic %s full on its allowed days", (*full)++ ? "; " : "", cl->id);
	}
	if (fc->need_escort <= 0)
		return;
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
		fprintf(f, "%sno escort free to cover %d member(s)", (*full)++ ? "; " : "", fc->need_escort);
}

/* Writes what is full for the case on the itinerary; returns how many
 * limits are. */
static int full_limits(FILE *f, pl_ctx *P, const mp_plan *plan, int ci, int it_ix)
{
	const pl_itin *it = &P->itins[it_ix];
	mp_case_facts fc = *pl_facts(P, ci, it->dep_date);
	int full = 0;
	full_flights(f, P, plan, it, &fc, &full);
	full_quotas(f, P, plan, it, &fc, P->cases[ci].c->kind, &full);
	full_clinic_escort(f, P, plan, ci, it_ix, &fc, &full);
	return full;
}

/* ---- one itinerary ---- */

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

static bool is_booked(const pl_ctx *P, const mp_assignment *as, const pl_itin *it)
{
	bool here = as && as->n_flights == it->n_legs;
	for (int l = 0; here && l < it->n_legs; l++)
		here = strcmp(as->flights[l], P->ds->flights[it->legs[l]].id) == 0;
	return here;
}

/* Role, codes and note of itinerary it_ix for case ci. */
static void classify(pl_ctx *P, const mp_plan *plan, int ci, int it_ix, mp_explain_itin *x)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort(); /* out of memory, as mp_xmalloc */
	pl_detail det;
	memset(&det, 0, sizeof det);
	uint32_t m = pl_check(P, ci, it_ix, false, &det);
	if (m == 0 && P->cases[ci].c->medical == MP_MED_PENDING)
		m = PL_BIT(MP_R_MEDICAL_PENDING);
	int who;
	uint32_t lm = m ? 0 : linked_mask(P, ci, it_ix, &who);
	const mp_assignment *as = plan ? mp_plan_assignment(plan, P->cases[ci].c->id) : NULL;
	x->role = MP_EX_EXCLUDED;
	if (m) {
		x->codes = m;
		codes_text(f, m, &det);
	} else if (lm) {
		x->codes = PL_BIT(MP_R_LINKED_CASE);
		fprintf(f, "linked case %s cannot take it: ", P->cases[who].c->id);
		codes_text(f, lm, NULL);
	} else if (is_booked(P, as, &P->itins[it_ix])) {
		x->role = MP_EX_BOOKED;
		fprintf(f, "booked here");
	} else {
		x->role = MP_EX_COMPETING;
		if (!plan)
			fprintf(f, "eligible");
		else if ((x->n_full = full_limits(f, P, plan, ci, it_ix)) == 0)
			fprintf(f, "eligible, room remained%s", as ? "; the plan prefers the booked one" : "");
	}
	fclose(f);
	x->note = buf; /* ownership moves to the row */
	pl_detail_release(&det);
}

static void itin_fill(pl_ctx *P, int it_ix, mp_explain_itin *x)
{
	const pl_itin *it = &P->itins[it_ix];
	for (int l = 0; l < it->n_legs; l++)
		mp_strv_push(&x->flights, &x->n_flights, P->ds->flights[it->legs[l]].id);
	x->departs = P->ds->flights[it->legs[0]].departs;
	x->arrives = P->ds->flights[it->legs[it->n_legs - 1]].arrives; /* the final leg's */
}

static void itin_release(mp_explain_itin *x)
{
	mp_strv_free(x->flights, x->n_flights);
	free(x->note);
	memset(x, 0, sizeof *x);
}

/* ---- the case's itineraries, in reading order ---- */

typedef struct row {
	mp_explain_itin x;
	int pos;          /* position on the route: departure order */
} row;

static int cmp_row(const void *a, const void *b)
{
	const row *x = a, *y = b;
	if (x->x.role != y->x.role)
		return (int)x->x.role - (int)y->x.role;
	if (x->x.role == MP_EX_COMPETING && x->x.n_full != y->x.n_full)
		return x->x.n_full - y->x.n_full;
	return x->pos - y->pos;
}

static bool shown(const mp_explanation *e, enum mp_explain_role role, bool all)
{
	if (all || role == MP_EX_BOOKED)
		return true;
	int cap = role == MP_EX_COMPETING ? SHOW_COMPETING : SHOW_EXCLUDED;
	int have = 0;
	for (int i = 0; i < e->n_itins; i++)
		have += e->itins[i].role == role;
	return have < cap;
}

static void itineraries(pl_ctx *P, const mp_plan *plan, int ci, bool all, mp_explanation *e)
{
	const pl_case *pc = &P->cases[ci];
	const pl_route *r = pc->route >= 0 ? &P->routes[pc->route] : NULL;
	if (!r)
		return;
	e->n_within = r->n_itins;
	e->beyond = r->n_itins == 0 && r->beyond;
	row *rows = mp_xcalloc((size_t)r->n_itins + 1, sizeof *rows);
	for (int i = 0; i < r->n_itins; i++) {
		rows[i].pos = i;
		classify(P, plan, ci, r->itins[i], &rows[i].x);
		itin_fill(P, r->itins[i], &rows[i].x);
	}
	qsort(rows, (size_t)r->n_itins, sizeof *rows, cmp_row);
	e->itins = mp_xcalloc((size_t)r->n_itins + 1, sizeof *e->itins);
	for (int i = 0; i < r->n_itins; i++) {
		mp_explain_itin *x = &rows[i].x;
		e->n_role[x->role]++;
		for (int code = 0; x->role == MP_EX_EXCLUDED && code < MP_N_REASON; code++)
			e->excluded_by[code] += (x->codes >> code) & 1u;
		if (shown(e, x->role, all))
			e->itins[e->n_itins++] = *x; /* ownership moves to e */
		else
			itin_release(x);
	}
	free(rows);
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

int mp_explain_case(const mp_dataset *ds, const mp_plan *plan, const char *case_id, bool all,
		    mp_explanation *e, mp_errors *errs)
{
	memset(e, 0, sizeof *e);
	const mp_case *c = mp_dataset_case(ds, case_id);
	if (!c) {
		mp_errors_addf(errs, MP_EDATA, "unknown case '%s'", case_id ? case_id : "");
		return MP_EDATA;
	}
	pl_ctx P;
	pl_ctx_init(&P, ds, NULL, errs);
	pl_pinned_prepare(&P, NULL);
	int ci = (int)(c - ds->cases);
	const pl_case *pc = &P.cases[ci];
	e->c = c;
	e->plan = plan;
	e->booking = pc->booking >= 0 ? &ds->bookings[pc->booking] : NULL;
	e->void_booking = pc->void_booking;
	e->facts_on = facts_date(&P, plan, ci);
	e->facts = *pl_facts(&P, ci, e->facts_on);
	e->assignment = plan ? mp_plan_assignment(plan, case_id) : NULL;
	e->unassigned = plan ? mp_plan_unassigned_case(plan, case_id) : NULL;
	e->status = !plan ? MP_EX_NO_PLAN : e->assignment ? MP_EX_ASSIGNED
		  : e->unassigned ? MP_EX_UNASSIGNED : MP_EX_HISTORY;
	if (pc->kind != PK_HISTORY)
		itineraries(&P, plan, ci, all, e);
	pl_ctx_release(&P);
	return MP_OK;
}

void mp_explanation_release(mp_explanation *e)
{
	if (!e)
		return;
	for (int i = 0; i < e->n_itins; i++)
		itin_release(&e->itins[i]);
	free(e->itins);
	memset(e, 0, sizeof *e);
}

/* ---- text ---- */

static void text_facts(FILE *f, const mp_explanation *e)
{
	const mp_case *c = e->c;
	const mp_case_facts *fc = &e->facts;
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	fprintf(f, "case %s: priority %s, ready %s, %d person(s), from %s to %s%s%s%s\n", c->id,
		mp_priority_names[c->priority], dstr(c->ready, a), fc->persons, c->origin,
		c->dest_airport ? c->dest_airport : c->dest_country, c->dest_airport ? " (" : "",
		c->dest_airport ? c->dest_country : "", c->dest_airport ? ")" : "");
	fprintf(f, "  on %s: %d seat(s) on a plain flight (%d lap infant(s), %d stretcher(s))",
		dstr(e->facts_on, a), mp_case_seats(fc, 6), fc->lap_infants, fc->stretchers);
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
	if (e->booking) {
		fprintf(f, "  booking: %s on", mp_booking_status_names[e->booking->status]);
		for (int i = 0; i < e->booking->n_flights; i++)
			fprintf(f, " %s", e->booking->flights[i]);
		fprintf(f, "%s\n", e->void_booking ? " (void: a flight is cancelled or missing)" : "");
	}
}

static void text_reason(FILE *f, const mp_reason *r)
{
	fprintf(f, "  %s %s", r->decisive ? "*" : " ", mp_reason_names[r->code]);
	if (r->count)
		fprintf(f, " (%d itinerar%s)", r->count, r->count == 1 ? "y" : "ies");
	if (r->detail)
		fprintf(f, ": %s", r->detail);
	for (int k = 0; k < r->n_refs; k++)
		fprintf(f, "%s%s", k ? ", " : " [", r->refs[k]);
	fprintf(f, "%s\n", r->n_refs ? "]" : "");
}

static void text_assignment(FILE *f, const mp_assignment *as)
{
	char a[MP_DATE_BUF], t[MP_DATETIME_BUF];
	fprintf(f, "plan: booked (%s) on", mp_booking_status_names[as->status]);
	for (int i = 0; i < as->n_flights; i++)
		fprintf(f, "%s%s", i ? " + " : " ", as->flights[i]);
	mp_datetime_format(as->departs, t);
	fprintf(f, ", departs %s", t);
	mp_datetime_format(as->arrives, t);
	fprintf(f, ", arrives %s", t);
	if (as->ftt_date != MP_NODATE)
		fprintf(f, ", fit-to-travel check %s", dstr(as->ftt_date, a));
	for (int i = 0; i < as->n_escorts; i++)
		fprintf(f, "%s%s", i ? ", " : ", escorts ", as->escorts[i]);
	fprintf(f, "\n");
}

static void text_status(FILE *f, const mp_explanation *e)
{
	const mp_plan *plan = e->plan;
	if (e->status == MP_EX_NO_PLAN) {
		fprintf(f, "plan: none stored\n");
	} else if (e->status == MP_EX_ASSIGNED) {
		text_assignment(f, e->assignment);
	} else if (e->status == MP_EX_UNASSIGNED) {
		const mp_unassigned *un = e->unassigned;
		const mp_reason *d = mp_unassigned_decisive(un);
		fprintf(f, "plan: not booked%s%s (* the decisive reason, SPEC 2)\n",
			d ? "; held by " : "", d ? mp_reason_names[d->code] : "");
		if (d)
			text_reason(f, d);
		for (int i = 0; i < un->n_reasons; i++)
			if (&un->reasons[i] != d)
				text_reason(f, &un->reasons[i]);
	} else {
		fprintf(f, "plan: the case is not in the plan (history: travelled or departed)\n");
	}
	for (int i = 0; plan && i < plan->n_conflicts; i++)
		if (strcmp(plan->conflicts[i].case_id, e->c->id) == 0)
			fprintf(f, "conflict (rule %s) %s: %s\n", plan->conflicts[i].rule,
				mp_reason_names[plan->conflicts[i].code], plan->conflicts[i].detail);
}

static void text_itin(FILE *f, const mp_explain_itin *x, int k)
{
	char a[MP_DATETIME_BUF], b[MP_DATETIME_BUF];
	mp_datetime_format(x->departs, a);
	mp_datetime_format(x->arrives, b);
	fprintf(f, "  %d. ", k);
	for (int l = 0; l < x->n_flights; l++)
		fprintf(f, "%s%s", l ? " + " : "", x->flights[l]);
	fprintf(f, " (departs %s, arrives %s): %s\n", a, b, x->note);
}

static void text_more(FILE *f, const mp_explanation *e)
{
	int shown[3] = {0};
	for (int i = 0; i < e->n_itins; i++)
		shown[e->itins[i].role]++;
	int comp = e->n_role[MP_EX_COMPETING] - shown[MP_EX_COMPETING];
	int excl = e->n_role[MP_EX_EXCLUDED] - shown[MP_EX_EXCLUDED];
	if (comp + excl == 0)
		return;
	fprintf(f, "  ... and %d more (--all lists every one): %d competing, %d excluded", comp + excl,
		comp, excl);
	for (int code = 0; code < MP_N_REASON; code++)
		if (e->excluded_by[code])
			fprintf(f, "; %s excludes %d in all", mp_reason_names[code], e->excluded_by[code]);
	fprintf(f, "\n");
}

static void text_itineraries(FILE *f, const mp_explanation *e)
{
	if (e->n_within == 0) {
		fprintf(f, "itineraries: none within the horizon%s\n",
			e->beyond ? " (some depart after it: HORIZON)" : " (NO_ROUTE)");
		return;
	}
	fprintf(f, "itineraries: %d within the horizon: %d booked, %d competing "
		   "(every rule of the case holds), %d excluded\n",
		e->n_within, e->n_role[MP_EX_BOOKED], e->n_role[MP_EX_COMPETING],
		e->n_role[MP_EX_EXCLUDED]);
	static const char *const heads[3] = {
		"booked:", "competing (the case may take them; the note says what was full):",
		"excluded (a rule of the case, or of a linked case):",
	};
	int role = -1;
	for (int i = 0; i < e->n_itins; i++) {
		const mp_explain_itin *x = &e->itins[i];
		if ((int)x->role != role) {
			role = (int)x->role;
			fprintf(f, " %s\n", heads[role]);
		}
		text_itin(f, x, i + 1);
	}
	text_more(f, e);
}

char *mp_explanation_text(const mp_explanation *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		abort(); /* out of memory, as mp_xmalloc */
	text_facts(f, e);
	text_status(f, e);
	if (e->status != MP_EX_HISTORY)
		text_itineraries(f, e);
	fclose(f);
	return buf; /* ownership moves to the caller */
}

int mp_explain(const mp_dataset *ds, const mp_plan *plan, const char *case_id,
	       char **text, mp_errors *errs)
{
	*text = NULL;
	mp_explanation e;
	int rc = mp_explain_case(ds, plan, case_id, false, &e, errs);
	if (rc == MP_OK)
		*text = mp_explanation_text(&e);
	mp_explanation_release(&e);
	return rc;
}
