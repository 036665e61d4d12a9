/*
 * result.c - from the solved columns to the mp_plan: assignments with
 * check dates and escorts, reasons for every unassigned case,
 * conflicts, and the use of every flight, quota, clinic day and escort.
 *
 * Everything here is recounted case by case from the final
 * assignment, independently of the model, so the usage arrays are what
 * the plan really does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ---- from columns to cases ---- */

void pl_disaggregate(pl_ctx *P)
{
	for (int u = 0; u < P->n_units; u++) {
		const pl_unit *un = &P->units[u];
		int next = 0;
		/* columns in departure order, so identical cases in id order
		 * take the earlier itineraries */
		for (int k = 0; k < un->n_elig; k++) {
			if (un->col_at[k] < 0)
				continue;
			const pl_col *col = &P->cols[un->col_at[k]];
			int copies = (int)(col->val + 0.5);
			if (!un->aggregated) {
				if (copies > 0)
					for (int i = 0; i < un->n_cases; i++)
						P->cases[un->cases[i]].sol_itin = col->itin;
				continue;
			}
			for (int c = 0; c < copies && next < un->n_cases; c++)
				P->cases[un->cases[next++]].sol_itin = col->itin;
		}
	}
	for (int c = 0; c < P->ds->n_cases; c++) {
		pl_case *pc = &P->cases[c];
		if (pc->kind == PK_PINNED) {
			pc->sol_itin = pc->pin_itin;
			pc->sol_ftt = pc->pin_ftt;
		} else if (pc->sol_itin < 0) {
			pc->sol_ftt = MP_NODATE;
		}
	}
}

/* ---- the final state ---- */

/* SPEC 2: the reference booking's check date while still allowed,
 * else the latest allowed day with room. */
static void prefer_days(pl_ctx *P, pl_state *S)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_FREE || pc->sol_itin < 0 || pc->clinic < 0)
			continue;
		mp_date dep = P->itins[pc->sol_itin].dep_date, days[4];
		int n = 0;
		if (pc->ref_ftt != MP_NODATE && pl_check_day_allowed(P, pc->clinic, dep, pc->ref_ftt))
			days[n++] = pc->ref_ftt;
		n += pl_check_days(P, pc->clinic, dep, days + n);
		for (int i = 0; i < n; i++) {
			if (days[i] == pc->sol_ftt)
				break;
			int r = pl_res_get(P, RK_CLINIC, pc->clinic, days[i]);
			if (pl_state_use(S, r) + pc->persons <= pl_res_room(&P->res[r]) + 1e-9) {
				pl_state_set_day(P, S, ci, days[i]);
				pc->sol_ftt = days[i];
				break;
			}
		}
	}
}

static void settle_days(pl_ctx *P, pl_state *S)
{
	for (int c = 0; c < P->ds->n_cases; c++) {
		pl_case *pc = &P->cases[c];
		if (pc->kind == PK_FREE && pc->sol_itin >= 0 && pc->clinic >= 0 && pc->sol_ftt != MP_NODATE)
			pl_state_set_day(P, S, c, pc->sol_ftt);
	}
	for (int k = 0; k < P->ds->n_cases; k++) {
		int c = P->case_order[k];
		pl_case *pc = &P->cases[c];
		if (pc->kind != PK_FREE || pc->sol_itin < 0 || pc->clinic < 0 || pc->sol_ftt != MP_NODATE)
			continue;
		mp_date dep = P->itins[pc->sol_itin].dep_date;
		mp_date d = pl_pick_day(P, S, c, dep);
		if (d == MP_NODATE) {
			mp_date days[3];
			if (pl_check_days(P, pc->clinic, dep, days) > 0)
				d = days[0];
		}
		pc->sol_ftt = d;
		pl_state_set_day(P, S, c, d);
	}
	prefer_days(P, S);
}

pl_state *pl_final_state(pl_ctx *P)
{
	pl_state *S = pl_state_new(P);
	for (int k = 0; k < P->ds->n_cases; k++) {
		int c = P->case_order[k];
		const pl_case *pc = &P->cases[c];
		if (pc->kind != PK_FREE || pc->sol_itin < 0)
			continue;
		pl_col col;
		pl_col_fill(P, &col, &c, 1, pc->sol_itin);
		pl_state_apply_col(P, S, &col);
	}
	for (int t = 0; t < P->n_trips; t++)
		pl_state_add_trip(P, S, P->trips[t].escort, P->trips[t].itin);
	settle_days(P, S);
	return S;
}

/* ---- objective values ---- */

static void objective(pl_ctx *P, mp_plan *out, double *pinned_w1)
{
	double w1 = 0, changes = 0, wait = 0, cost = 0;
	*pinned_w1 = 0;
	for (int c = 0; c < P->ds->n_cases; c++) {
		const pl_case *pc = &P->cases[c];
		if (pc->kind == PK_HISTORY)
			continue;
		if (pc->has_ref && (pc->sol_itin < 0 || pc->sol_itin != pc->ref_itin))
			changes++;
		mp_date end = pc->sol_itin >= 0 ? P->itins[pc->sol_itin].dep_date : P->horizon_end + 1;
		double w = (double)(end - pc->c->ready);
		wait += pc->persons * w * w;
		if (pc->sol_itin < 0)
			continue;
		w1 += pc->weight * pc->persons;
		if (pc->kind == PK_PINNED)
			*pinned_w1 += pc->weight * pc->persons;
		pl_col col;
		int ci = c;
		pl_col_fill(P, &col, &ci, 1, pc->sol_itin);
		cost += col.cost;
	}
	for (int t = 0; t < P->n_trips; t++) {
		const pl_itin *it = &P->itins[P->trips[t].itin];
		for (int l = 0; l < it->n_legs; l++)
			cost += P->ds->flights[it->legs[l]].fare;
	}
	for (int s = 0; s < P->ds->n_escorts; s++)
		for (int j = 0; j < P->escorts[s].n_pin; j++) {
			const pl_itin *it = &P->itins[P->escorts[s].pin_itins[j]];
			for (int l = 0; l < it->n_legs; l++)
				cost += P->ds->flights[it->legs[l]].fare;
		}
	out->objective.weighted_persons = w1;
	out->objective.changes = changes;
	out->objective.waiting = wait;
	out->objective.cost = cost;
}

/* ---- escorts on an itinerary ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Ids of every escort on the itinerary (new and pinned trips). */
static void escorts_on(const pl_ctx *P, int it, char ***ids, int *n)
{
	*ids = NULL;
	*n = 0;
	for (int s = 0; s < P->ds->n_escorts; s++) {
		bool on = pl_escort_on(P, s, it);
		for (int t = 0; t < P->n_trips && !on; t++)
			on = P->trips[t].escort == s && P->trips[t].itin == it;
		if (on)
			mp_strv_push(ids, n, P->ds->escorts[s].id);
	}
	if (*n > 1)
		qsort(*ids, (size_t)*n, sizeof **ids, cmp_str);
}

static void assignments(pl_ctx *P, mp_plan *out)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		const pl_case *pc = &P->cases[P->case_order[k]];
		if (pc->kind == PK_HISTORY || pc->sol_itin < 0)
			continue;
		const pl_itin *it = &P->itins[pc->sol_itin];
		mp_assignment *a = mp_plan_add_assignment(out);
		a->case_id = mp_xstrdup(pc->c->id);
		for (int l = 0; l < it->n_legs; l++)
			mp_strv_push(&a->flights, &a->n_flights, P->ds->flights[it->legs[l]].id);
		a->departs = P->ds->flights[it->legs[0]].departs;
		a->arrives = P->ds->flights[it->legs[it->n_legs - 1]].arrives;
		a->ftt_date = pc->clinic >= 0 ? pc->sol_ftt : MP_NODATE;
		escorts_on(P, pc->sol_itin, &a->escorts, &a->n_escorts);
		a->status = pc->kind == PK_PINNED ? MP_BOOK_CONFIRMED : MP_BOOK_PROPOSED;
	}
}

/* SPEC 2.2 after the solve: a pinned case's linked cases must travel
 * with it. */
static void link_conflicts(pl_ctx *P, mp_plan *out)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		const pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_PINNED || pc->group < 0)
			continue;
		const pl_group *g = &P->groups[pc->group];
		for (int i = 0; i < g->n_cases; i++) {
			const pl_case *o = &P->cases[g->cases[i]];
			if (o->sol_itin == pc->sol_itin)
				continue;
			pl_add_conflict(P, out, ci, "2.2", MP_R_LINKED_CASE,
					"linked case %s does not travel on the confirmed flights", o->c->id);
			break;
		}
	}
}

/* ---- usage arrays ---- */

static bool flight_listed(const pl_ctx *P, int f, const bool *used)
{
	const mp_flight *fl = &P->ds->flights[f];
	if (fl->cancelled)
		return false;
	mp_date d = mp_datetime_local_date(fl->departs);
	return used[f] || (d > P->as_of && d <= P->horizon_end);
}

static void flights(pl_ctx *P, mp_plan *out, pl_state *S)
{
	const mp_dataset *ds = P->ds;
	int (*ssr)[MP_N_SSR] = mp_xcalloc((size_t)ds->n_flights + 1, sizeof *ssr);
	bool *used = mp_xcalloc((size_t)ds->n_flights + 1, sizeof *used);
	for (int c = 0; c < ds->n_cases; c++) {
		const pl_case *pc = &P->cases[c];
		if (pc->kind == PK_HISTORY || pc->sol_itin < 0)
			continue;
		const pl_itin *it = &P->itins[pc->sol_itin];
		const mp_case_facts *f = pl_facts(P, c, it->dep_date);
		for (int l = 0; l < it->n_legs; l++) {
			used[it->legs[l]] = true;
			for (int k = 0; k < MP_N_SSR; k++)
				ssr[it->legs[l]][k] += f->ssr[k];
		}
	}
	for (int i = 0; i < ds->n_flights; i++) {
		int f = P->flight_order[i];
		if (!flight_listed(P, f, used))
			continue;
		mp_flight_use *u = mp_plan_add_flight(out);
		u->id = mp_xstrdup(ds->flights[f].id);
		u->seats = ds->flights[f].seats;
		int r = pl_res_find(P, RK_SEATS, f, 0);
		u->used = r < 0 ? 0 : (int)(P->res[r].fixed + pl_state_use(S, r) + 0.5);
		memcpy(u->limits, ds->flights[f].limits, sizeof u->limits);
		memcpy(u->ssr, ssr[f], sizeof u->ssr);
	}
	free(ssr);
	free(used);
}

static void quotas(pl_ctx *P, mp_plan *out)
{
	const mp_dataset *ds = P->ds;
	int *persons = mp_xcalloc((size_t)ds->n_quotas + 1, sizeof(int));
	int *cases = mp_xcalloc((size_t)ds->n_quotas + 1, sizeof(int));
	for (int c = 0; c < ds->n_cases; c++) {
		const pl_case *pc = &P->cases[c];
		int it = pc->kind == PK_HISTORY ? pc->pin_itin : pc->sol_itin;
		if (it < 0)
			continue;
		for (int q = 0; q < P->itins[it].n_quotas; q++) {
			if (!mp_quota_counts(&ds->quotas[P->itins[it].quotas[q]], pc->c->kind))
				continue; /* SPEC 1 quota kinds */
			persons[P->itins[it].quotas[q]] += pc->persons;
			cases[P->itins[it].quotas[q]]++;
		}
	}
	for (int q = 0; q < ds->n_quotas; q++) {
		mp_quota_use *u = mp_plan_add_quota(out);
		u->id = mp_xstrdup(ds->quotas[q].id);
		u->max_persons = ds->quotas[q].max_persons;
		u->persons = persons[q];
		u->max_cases = ds->quotas[q].max_cases;
		u->cases = cases[q];
	}
	free(persons);
	free(cases);
}

static void clinics(pl_ctx *P, mp_plan *out)
{
	mp_u64map ix;
	mp_u64map_init(&ix);
	for (int k = 0; k < P->ds->n_cases; k++) {
		const pl_case *pc = &P->cases[P->case_order[k]];
		if (pc->kind == PK_HISTORY || pc->sol_itin < 0 || pc->clinic < 0 || pc->sol_ftt == MP_NODATE)
			continue;
		uint64_t key = ((uint64_t)pc->clinic << 32) | (uint32_t)pc->sol_ftt;
		int i = mp_u64map_get(&ix, key);
		if (i < 0) {
			mp_clinic_day *d = mp_plan_add_clinic_day(out);
			d->clinic = mp_xstrdup(P->ds->clinics[pc->clinic].id);
			d->date = pc->sol_ftt;
			d->capacity = P->ds->clinics[pc->clinic].capacity_per_day;
			i = out->n_clinics - 1;
			mp_u64map_put(&ix, key, i);
		}
		out->clinics[i].persons += pc->persons;
	}
	mp_u64map_release(&ix);
}

static void add_trip(pl_ctx *P, mp_plan *out, int s, int it)
{
	mp_escort_trip *t = mp_plan_add_escort_trip(out);
	const pl_itin *iti = &P->itins[it];
	t->escort = mp_xstrdup(P->ds->escorts[s].id);
	for (int l = 0; l < iti->n_legs; l++)
		mp_strv_push(&t->flights, &t->n_flights, P->ds->flights[iti->legs[l]].id);
	t->departs = P->ds->flights[iti->legs[0]].departs;
	for (int k = 0; k < P->ds->n_cases; k++) {
		int c = P->case_order[k];
		const pl_case *pc = &P->cases[c];
		if (pc->kind == PK_HISTORY || pc->sol_itin != it)
			continue;
		if (pl_facts(P, c, iti->dep_date)->need_escort > 0)
			mp_strv_push(&t->cases, &t->n_cases, pc->c->id);
	}
}

static void escort_trips(pl_ctx *P, mp_plan *out)
{
	for (int s = 0; s < P->ds->n_escorts; s++)
		for (int j = 0; j < P->escorts[s].n_pin; j++)
			add_trip(P, out, s, P->escorts[s].pin_itins[j]);
	for (int t = 0; t < P->n_trips; t++)
		add_trip(P, out, P->trips[t].escort, P->trips[t].itin);
}

/* ---- reasons ---- */

static mp_reason *add_reason(mp_unassigned *u, enum mp_reason_code code, int count, char *detail)
{
	mp_reason *r = mp_unassigned_add_reason(u);
	r->code = code;
	r->count = count;
	r->detail = detail; /* ownership moves in */
	return r;
}

static void case_level(pl_ctx *P, int ci, mp_unassigned *u)
{
	const pl_case *pc = &P->cases[ci];
	const pl_route *r = pc->route >= 0 ? &P->routes[pc->route] : NULL;
	const char *dest = pc->c->dest_airport ? pc->c->dest_airport : pc->c->dest_country;
	if (!r || (r->n_itins == 0 && !r->beyond))
		add_reason(u, MP_R_NO_ROUTE, 0, mp_xasprintf("no itinerary of 1-3 flights from %s to %s",
							      pc->c->origin, dest));
	else if (r->n_itins == 0) {
		char d[MP_DATE_BUF];
		mp_date_format(P->horizon_end, d);
		add_reason(u, MP_R_HORIZON, 0, mp_xasprintf("itineraries to %s depart only after the horizon %s",
							     dest, d));
	}
	if (pc->c->medical == MP_MED_PENDING)
		add_reason(u, MP_R_MEDICAL_PENDING, 0, mp_xstrdup("medical clearance is pending"));
	if (pc->unit >= 0 && pc->n_eligible > 0 && P->units[pc->unit].n_elig == 0 && pc->group >= 0) {
		const pl_group *g = &P->groups[pc->group];
		add_reason(u, MP_R_LINKED_CASE, 0,
			   mp_xasprintf("linked cases (%s) have no itinerary all of them may take%s",
					pc->c->link, g->pin_itin >= 0 ? " with the confirmed one" : ""));
	}
}

static void exclusions(pl_ctx *P, int ci, mp_unassigned *u)
{
	const pl_case *pc = &P->cases[ci];
	if (!pc->mask)
		return;
	const pl_route *r = &P->routes[pc->route];
	int count[MP_N_REASON] = {0};
	pl_detail det;
	memset(&det, 0, sizeof det);
	for (int i = 0; i < r->n_itins; i++) {
		uint32_t m = pc->mask[i];
		bool fresh = false;
		for (int code = 0; code < MP_N_REASON; code++)
			if (m & PL_BIT(code)) {
				fresh |= count[code] == 0;
				count[code]++;
			}
		if (fresh)
			pl_check(P, ci, r->itins[i], false, &det);
	}
	for (int code = 0; code < MP_N_REASON; code++)
		if (count[code] > 0) {
			add_reason(u, code, count[code], det.text[code]);
			det.text[code] = NULL;
		}
	pl_detail_release(&det);
}

typedef struct blocks {
	int count[MP_N_REASON];
	char **refs[MP_N_REASON];
	int n_refs[MP_N_REASON];
	char *detail[MP_N_REASON];
	uint32_t mask;       /* codes blocking the column at hand */
	int extra;           /* escorts the column would add */
	pl_ctx *P;
	pl_state *S;
} blocks;

/* Records a blocking limit; true when its detail is still wanted (the
 * caller formats it only then: most cases have many columns). */
static bool block(blocks *b, enum mp_reason_code code, const char *ref)
{
	b->mask |= PL_BIT(code);
	bool have = false;
	for (int i = 0; i < b->n_refs[code] && !have; i++)
		have = strcmp(b->refs[code][i], ref) == 0;
	if (!have)
		mp_strv_push(&b->refs[code], &b->n_refs[code], ref);
	return !b->detail[code];
}

static void block_res(void *arg, int r, double v)
{
	blocks *b = arg;
	const pl_res *x = &b->P->res[r];
	double extra = x->kind == RK_SEATS ? b->extra : 0;
	double taken = x->fixed + pl_state_use(b->S, r);
	if (pl_state_use(b->S, r) + v + extra <= pl_res_room(x) + 1e-9)
		return;
	const mp_dataset *ds = b->P->ds;
	double lim = x->fixed > x->limit ? x->fixed : x->limit;
	switch (x->kind) {
	case RK_SEATS:
		if (block(b, MP_R_CAPACITY, ds->flights[x->a].id))
			b->detail[MP_R_CAPACITY] = mp_xasprintf(
				"flight %s has %g of %g seats taken, the case needs %g",
				ds->flights[x->a].id, taken, lim, v + extra);
		break;
	case RK_SSR:
		if (block(b, MP_R_ASSISTANCE_LIMIT, ds->flights[x->a].id))
			b->detail[MP_R_ASSISTANCE_LIMIT] = mp_xasprintf(
				"flight %s carries %g of %g members with %s, the case has %g",
				ds->flights[x->a].id, taken, lim, mp_ssr_names[x->b], v);
		break;
	default:
		if (block(b, MP_R_QUOTA, ds->quotas[x->a].id))
			b->detail[MP_R_QUOTA] = mp_xasprintf(
				"quota %s has %g of %g %s used, the case needs %g", ds->quotas[x->a].id,
				taken, lim, x->kind == RK_QPERS ? "persons" : "cases", v);
		break;
	}
}

static void block_escorts(blocks *b, const pl_col *col)
{
	pl_ctx *P = b->P;
	int cov, med, need, mneed;
	pl_state_cover(b->S, col->itin, &cov, &med, &need, &mneed);
	int *picks = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(int));
	int n = pl_state_pick_escorts(P, b->S, col->itin, need + col->need, mneed + col->need_med, picks);
	free(picks);
	if (n >= 0) {
		b->extra = n;
		return;
	}
	mp_date d = P->itins[col->itin].dep_date;
	char ds[MP_DATE_BUF];
	mp_date_format(d, ds);
	int listed = 0;
	for (int s = 0; s < P->ds->n_escorts; s++) {
		const mp_escort *e = &P->ds->escorts[s];
		if (d < e->available_from || d > e->available_to)
			continue;
		listed++;
		if (block(b, MP_R_NO_ESCORT, e->id))
			b->detail[MP_R_NO_ESCORT] = mp_xasprintf(
				"the escorts free on %s cannot cover %d member(s) (%d medical)",
				ds, col->need, col->need_med);
	}
	if (!listed && block(b, MP_R_NO_ESCORT, "-"))
		b->detail[MP_R_NO_ESCORT] = mp_xasprintf("no escort is available on %s", ds);
}

static void block_clinic(blocks *b, const pl_unit *un, const pl_col *col)
{
	pl_ctx *P = b->P;
	mp_date dep = P->itins[col->itin].dep_date;
	for (int i = 0; i < un->n_cases; i++) {
		int c = un->cases[i];
		const pl_case *pc = &P->cases[c];
		if (pc->clinic < 0 || pl_pick_day(P, b->S, c, dep) != MP_NODATE)
			continue;
		char d[MP_DATE_BUF];
		mp_date_format(dep, d);
		if (block(b, MP_R_CLINIC, P->ds->clinics[pc->clinic].id))
			b->detail[MP_R_CLINIC] = mp_xasprintf(
				"clinic %s has no room for %d persons 1-3 days before %s",
				P->ds->clinics[pc->clinic].id, pc->persons, d);
	}
}

/* SPEC 2: the full limits that kept an eligible case out, against the
 * final plan's use, or NOT_SELECTED when room remained. */
static void limits(pl_ctx *P, pl_state *S, int ci, mp_unassigned *u)
{
	const pl_case *pc = &P->cases[ci];
	if (pc->unit < 0 || P->units[pc->unit].n_elig == 0)
		return;
	const pl_unit *un = &P->units[pc->unit];
	blocks b;
	memset(&b, 0, sizeof b);
	b.P = P;
	b.S = S;
	int room = 0;
	pl_col tmp;
	for (int k = 0; k < un->n_elig; k++) {
		const pl_col *col = &tmp;
		pl_col_make(P, pc->unit, k, &tmp);
		b.mask = 0;
		b.extra = 0;
		if (col->need > 0)
			block_escorts(&b, col);
		pl_col_res(P, col, block_res, &b);
		block_clinic(&b, un, col);
		for (int code = 0; code < MP_N_REASON; code++)
			b.count[code] += (b.mask >> code) & 1u;
		room += b.mask == 0;
		un = &P->units[pc->unit];
	}
	static const enum mp_reason_code order[] = {MP_R_CAPACITY, MP_R_ASSISTANCE_LIMIT,
						    MP_R_QUOTA, MP_R_CLINIC, MP_R_NO_ESCORT};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		enum mp_reason_code code = order[i];
		if (b.count[code] == 0)
			continue;
		mp_reason *r = add_reason(u, code, b.count[code], b.detail[code]);
		b.detail[code] = NULL;
		r->refs = b.refs[code];
		r->n_refs = b.n_refs[code];
		b.refs[code] = NULL;
		b.n_refs[code] = 0;
	}
	if (room > 0)
		add_reason(u, MP_R_NOT_SELECTED, room,
			   mp_xasprintf("room remained on %d itinerar%s", room, room == 1 ? "y" : "ies"));
	for (int code = 0; code < MP_N_REASON; code++) {
		free(b.detail[code]);
		mp_strv_free(b.refs[code], b.n_refs[code]);
	}
}

void pl_case_reasons(pl_ctx *P, pl_state *S, int ci, mp_unassigned *u)
{
	case_level(P, ci, u);
	int first_exclusion = u->n_reasons;
	exclusions(P, ci, u);
	int first_limit = u->n_reasons;
	limits(P, S, ci, u);
	pl_mark_decisive(P, ci, u, first_exclusion, first_limit);
}

static void unassigned(pl_ctx *P, mp_plan *out, pl_state *S)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		const pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_FREE || pc->sol_itin >= 0)
			continue;
		mp_unassigned *u = mp_plan_add_unassigned(out);
		u->case_id = mp_xstrdup(pc->c->id);
		pl_case_reasons(P, S, ci, u);
	}
}

void pl_fill_plan(pl_ctx *P, mp_plan *out)
{
	pl_state *S = pl_final_state(P);
	double pinned_w1;
	objective(P, out, &pinned_w1);
	out->status = P->optimal ? MP_PLAN_OPTIMAL : MP_PLAN_FEASIBLE;
	double value = out->objective.weighted_persons;
	double bound = P->bound + pinned_w1;
	if (P->optimal || bound < value)
		bound = value;
	out->bound = bound;
	out->gap = (bound - value) / (bound > 1 || bound < -1 ? (bound < 0 ? -bound : bound) : 1);
	assignments(P, out);
	link_conflicts(P, out);
	unassigned(P, out, S);
	flights(P, out, S);
	quotas(P, out);
	clinics(P, out);
	escort_trips(P, out);
	pl_state_free_esc(P, S);
}
