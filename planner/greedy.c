/*
 * greedy.c - a feasible plan built one unit at a time, and the
 * bookkeeping (pl_state) it shares with the direct solve of trivial
 * components.
 *
 * The greedy takes units by priority (highest weight first), the
 * longest waiting first (earliest ready), then id; each takes its
 * reference itinerary if it still fits, else the earliest departure
 * that fits every limit: seats (escorts included), assistance limits,
 * quotas, a clinic day with room, and escorts - those already on the
 * itinerary with covers to spare, else free ones (medical first for
 * medical needs, largest covers first).  Its plan is handed to GLPK as
 * the first incumbent, so the branch and bound starts from a good
 * solution and a time-limited solve is never worse than the greedy.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define TOL 1e-9

struct pl_state {
	double *use;       /* per resource: free units' use */
	int cap;
	int *cov, *med;    /* per itinerary: covers of escorts on it */
	int *need, *mneed; /* per itinerary: persons needing them */
	pl_ivec *esc;      /* per escort: itineraries of its new trips */
	pl_trip *trips;    /* new trips in order */
	int n_trips, cap_trips;
	mp_date *day;      /* per case: chosen check day */
	const mp_date *wish; /* per case: the day to pick first, or NULL */
};

static void ensure_res(pl_state *S, int n)
{
	if (n <= S->cap)
		return;
	int cap = S->cap ? S->cap : 64;
	while (cap < n)
		cap *= 2;
	S->use = mp_xrealloc(S->use, (size_t)cap * sizeof *S->use);
	memset(S->use + S->cap, 0, (size_t)(cap - S->cap) * sizeof *S->use);
	S->cap = cap;
}

void pl_state_reset(pl_ctx *P, pl_state *S)
{
	ensure_res(S, P->n_res);
	if (S->cap > 0)
		memset(S->use, 0, (size_t)S->cap * sizeof *S->use);
	for (int i = 0; i < P->n_itins; i++) {
		S->need[i] = P->pin_need[i];
		S->mneed[i] = P->pin_med[i];
		S->cov[i] = S->med[i] = 0;
	}
	for (int s = 0; s < P->ds->n_escorts; s++) {
		S->esc[s].n = 0;
		const pl_escort *e = &P->escorts[s];
		for (int j = 0; j < e->n_pin; j++) {
			S->cov[e->pin_itins[j]] += e->e->covers;
			if (e->e->kind == MP_ESC_MEDICAL)
				S->med[e->pin_itins[j]] += e->e->covers;
		}
	}
	S->n_trips = 0;
	for (int c = 0; c < P->ds->n_cases; c++)
		S->day[c] = MP_NODATE;
}

pl_state *pl_state_new(pl_ctx *P)
{
	pl_state *S = mp_xcalloc(1, sizeof *S);
	size_t ni = (size_t)P->n_itins + 1;
	S->cov = mp_xcalloc(ni, sizeof(int));
	S->med = mp_xcalloc(ni, sizeof(int));
	S->need = mp_xcalloc(ni, sizeof(int));
	S->mneed = mp_xcalloc(ni, sizeof(int));
	S->esc = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof *S->esc);
	S->day = mp_xcalloc((size_t)P->ds->n_cases + 1, sizeof *S->day);
	pl_state_reset(P, S);
	return S;
}

static void state_free(pl_state *S)
{
	if (!S)
		return;
	free(S->use);
	free(S->cov), free(S->med), free(S->need), free(S->mneed);
	free(S->esc); /* vectors freed by pl_state_free_esc */
	free(S->trips);
	free(S->day);
	free(S);
}

void pl_state_free_esc(pl_ctx *P, pl_state *S)
{
	if (!S)
		return;
	for (int s = 0; s < P->ds->n_escorts; s++)
		free(S->esc[s].v);
	state_free(S);
}

const pl_trip *pl_state_trips(const pl_state *S, int *n)
{
	*n = S->n_trips;
	return S->trips;
}

mp_date pl_state_day(const pl_state *S, int pcase)
{
	return S->day[pcase];
}

double pl_state_use(pl_state *S, int r)
{
	return r < S->cap ? S->use[r] : 0;
}

/* ---- escorts ---- */

/* Day d is clear of escort s's trips in S by its turnaround. */
static bool trips_clear(const pl_ctx *P, const pl_state *S, int s, mp_date d)
{
	int t = pl_turnaround(P->escorts[s].e);
	for (int j = 0; j < S->esc[s].n; j++) {
		int g = d - P->itins[S->esc[s].v[j]].dep_date;
		if ((g < 0 ? -g : g) < t)
			return false;
	}
	return true;
}

/* A trip of s on it would fall within the turnaround of one in S (the
 * same itinerary included: its date is the trip's). */
static bool busy_new(const pl_ctx *P, const pl_state *S, int s, int it)
{
	return !trips_clear(P, S, s, P->itins[it].dep_date);
}

bool pl_state_escort_day_free(const pl_ctx *P, const pl_state *S, int s, mp_date d)
{
	const pl_escort *e = &P->escorts[s];
	int t = pl_turnaround(e->e);
	for (int j = 0; j < e->n_busy; j++) {
		int g = d - e->busy[j];
		if ((g < 0 ? -g : g) < t)
			return false;
	}
	return trips_clear(P, S, s, d);
}

bool pl_state_escort_free(const pl_ctx *P, const pl_state *S, int s, int it)
{
	return pl_escort_free(P, s, it) && !busy_new(P, S, s, it);
}

/* Escorts to add on it so covers reach need/mneed; -1 if impossible. */
static int pick_escorts(const pl_ctx *P, const pl_state *S, int it, int need, int mneed, int *picks)
{
	int cov = S->cov[it], med = S->med[it], n = 0;
	for (int pass = 0; pass < 3; pass++) {
		for (;;) {
			bool short_now = pass == 0 ? med < mneed : cov < need;
			if (!short_now)
				break;
			int best = -1;
			for (int s = 0; s < P->ds->n_escorts; s++) {
				const mp_escort *e = &P->ds->escorts[s];
				bool want = pass == 0 ? e->kind == MP_ESC_MEDICAL
					    : pass == 1 ? e->kind == MP_ESC_OPERATIONAL : true;
				bool taken = false;
				for (int k = 0; k < n; k++)
					taken |= picks[k] == s;
				if (!want || taken || !pl_escort_free(P, s, it) || busy_new(P, S, s, it))
					continue;
				if (best < 0 || e->covers > P->ds->escorts[best].covers)
					best = s;
			}
			if (best < 0)
				break;
			picks[n++] = best;
			cov += P->ds->escorts[best].covers;
			if (P->ds->escorts[best].kind == MP_ESC_MEDICAL)
				med += P->ds->escorts[best].covers;
		}
	}
	return (cov >= need && med >= mneed) ? n : -1;
}

void pl_state_add_trip(pl_ctx *P, pl_state *S, int s, int it)
{
	pl_ivec_push(&S->esc[s], it);
	S->cov[it] += P->ds->escorts[s].covers;
	if (P->ds->escorts[s].kind == MP_ESC_MEDICAL)
		S->med[it] += P->ds->escorts[s].covers;
	MP_GROW(S->trips, S->n_trips, S->cap_trips);
	S->trips[S->n_trips++] = (pl_trip){s, it, false};
	const pl_itin *iti = &P->itins[it];
	for (int l = 0; l < iti->n_legs; l++) {
		int r = pl_res_get(P, RK_SEATS, iti->legs[l], 0);
		ensure_res(S, r + 1);
		S->use[r] += 1;
	}
}

void pl_state_drop_trip(pl_ctx *P, pl_state *S, int k)
{
	pl_trip t = S->trips[k];
	memmove(S->trips + k, S->trips + k + 1, (size_t)(S->n_trips - k - 1) * sizeof *S->trips);
	S->n_trips--;
	pl_ivec *v = &S->esc[t.escort];
	for (int i = 0; i < v->n; i++)
		if (v->v[i] == t.itin) {
			memmove(v->v + i, v->v + i + 1, (size_t)(v->n - i - 1) * sizeof *v->v);
			v->n--;
			break;
		}
	S->cov[t.itin] -= P->ds->escorts[t.escort].covers;
	if (P->ds->escorts[t.escort].kind == MP_ESC_MEDICAL)
		S->med[t.itin] -= P->ds->escorts[t.escort].covers;
	const pl_itin *iti = &P->itins[t.itin];
	for (int l = 0; l < iti->n_legs; l++)
		S->use[pl_res_get(P, RK_SEATS, iti->legs[l], 0)] -= 1;
}

/* ---- limits ---- */

typedef struct fitacc {
	pl_ctx *P;
	pl_state *S;
	int extra;      /* new escorts: one seat each on every leg */
	double sign;    /* +1 check, or apply with this sign */
	bool apply;
	bool ok;
} fitacc;

static void fit_res(void *arg, int r, double v)
{
	fitacc *a = arg;
	ensure_res(a->S, r + 1);
	if (a->apply) {
		a->S->use[r] += a->sign * v;
		return;
	}
	double extra = a->P->res[r].kind == RK_SEATS ? a->extra : 0;
	if (a->S->use[r] + v + extra > pl_res_room(&a->P->res[r]) + TOL)
		a->ok = false;
}

/* The check day for a case: its reference date while allowed and with
 * room, else the latest allowed day with room (SPEC 2); MP_NODATE. */
/* Whether clinic day d has room left for case pc's persons. */
static bool day_room(pl_ctx *P, pl_state *S, const pl_case *pc, mp_date d)
{
	int r = pl_res_get(P, RK_CLINIC, pc->clinic, d);
	ensure_res(S, r + 1);
	return S->use[r] + pc->persons <= pl_res_room(&P->res[r]) + TOL;
}

mp_date pl_pick_day(pl_ctx *P, pl_state *S, int pcase, mp_date dep)
{
	const pl_case *pc = &P->cases[pcase];
	mp_date days[3];
	int n = pl_check_days(P, pc->clinic, dep, days);
	mp_date best = MP_NODATE;
	if (S->wish && S->wish[pcase] != MP_NODATE)
		for (int k = 0; k < n; k++)
			if (days[k] == S->wish[pcase] && day_room(P, S, pc, days[k]))
				return days[k];
	for (int i = n - 1; i >= -1; i--) {
		mp_date d = i < 0 ? pc->ref_ftt : days[i];
		bool allowed = false;
		for (int k = 0; k < n; k++)
			allowed |= days[k] == d;
		if (allowed && day_room(P, S, pc, d))
			best = d;
	}
	return best;
}

void pl_state_wish(pl_state *S, const mp_date *days)
{
	S->wish = days;
}

static void clinic_apply(pl_ctx *P, pl_state *S, const pl_unit *u, double sign)
{
	for (int i = 0; i < u->n_cases; i++) {
		int ci = u->cases[i];
		if (P->cases[ci].clinic < 0 || S->day[ci] == MP_NODATE)
			continue;
		int r = pl_res_get(P, RK_CLINIC, P->cases[ci].clinic, S->day[ci]);
		ensure_res(S, r + 1);
		S->use[r] += sign * P->cases[ci].persons;
		if (sign < 0)
			S->day[ci] = MP_NODATE;
	}
}

/* Picks a day for every member with a clinic (kept in S on success). */
static bool clinic_fit(pl_ctx *P, pl_state *S, const pl_unit *u, mp_date dep)
{
	for (int i = 0; i < u->n_cases; i++) {
		int ci = u->cases[i];
		if (P->cases[ci].clinic < 0)
			continue;
		mp_date d = pl_pick_day(P, S, ci, dep);
		if (d == MP_NODATE) {
			clinic_apply(P, S, u, -1);
			return false;
		}
		S->day[ci] = d;
		int r = pl_res_get(P, RK_CLINIC, P->cases[ci].clinic, d);
		S->use[r] += P->cases[ci].persons;
	}
	return true;
}

bool pl_try(pl_ctx *P, pl_state *S, int ui, int pos, bool commit)
{
	pl_work(P, PL_WORK_TRY);
	pl_col tmp, *col = &tmp;
	pl_col_make(P, ui, pos, col);
	const pl_unit *u = &P->units[ui];
	int it = col->itin;
	int *picks = NULL, n_picks = 0;
	bool ok = false;
	if (col->need > 0) {
		picks = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof *picks);
		n_picks = pick_escorts(P, S, it, S->need[it] + col->need, S->mneed[it] + col->need_med, picks);
		if (n_picks < 0)
			goto out;
	}
	fitacc a = {P, S, n_picks, 1, false, true};
	pl_col_res(P, col, fit_res, &a);
	if (!a.ok)
		goto out;
	bool clinic = u->clinic && !u->aggregated;
	if (clinic && !clinic_fit(P, S, u, P->itins[it].dep_date))
		goto out;
	ok = true;
	if (!commit) {
		if (clinic)
			clinic_apply(P, S, &P->units[ui], -1);
		goto out;
	}
	a.apply = true;
	pl_col_res(P, col, fit_res, &a);
	for (int k = 0; k < n_picks; k++)
		pl_state_add_trip(P, S, picks[k], it);
	S->need[it] += col->need;
	S->mneed[it] += col->need_med;
	int c = pl_col_get(P, ui, pos); /* may move P->cols */
	P->cols[c].val += 1;
out:
	free(picks);
	return ok;
}

void pl_unplace(pl_ctx *P, pl_state *S, int c)
{
	const pl_col *col = &P->cols[c];
	const pl_unit *u = &P->units[col->unit];
	fitacc a = {P, S, 0, -1, true, true};
	pl_col_res(P, col, fit_res, &a);
	S->need[col->itin] -= col->need;
	S->mneed[col->itin] -= col->need_med;
	if (!u->aggregated && u->clinic)
		clinic_apply(P, S, u, -1);
	P->cols[c].val -= 1;
}

void pl_state_apply_col(pl_ctx *P, pl_state *S, const pl_col *col)
{
	fitacc a = {P, S, 0, 1, true, true};
	pl_col_res(P, col, fit_res, &a);
	S->need[col->itin] += col->need;
	S->mneed[col->itin] += col->need_med;
}

void pl_state_set_day(pl_ctx *P, pl_state *S, int pcase, mp_date day)
{
	const pl_case *pc = &P->cases[pcase];
	if (pc->clinic < 0 || day == MP_NODATE)
		return;
	if (S->day[pcase] != MP_NODATE) {
		int old = pl_res_get(P, RK_CLINIC, pc->clinic, S->day[pcase]);
		ensure_res(S, old + 1);
		S->use[old] -= pc->persons;
	}
	int r = pl_res_get(P, RK_CLINIC, pc->clinic, day);
	ensure_res(S, r + 1);
	S->use[r] += pc->persons;
	S->day[pcase] = day;
}

void pl_state_cover(const pl_state *S, int it, int *cov, int *med, int *need, int *mneed)
{
	*cov = S->cov[it];
	*med = S->med[it];
	*need = S->need[it];
	*mneed = S->mneed[it];
}

int pl_state_pick_escorts(const pl_ctx *P, const pl_state *S, int it, int need, int mneed, int *picks)
{
	return pick_escorts(P, S, it, need, mneed, picks);
}

/* Adds (sign 1) or removes (-1) what unit u's placed copies use:
 * resources, escort needs, and its members' check days in S. */
void pl_state_unit(pl_ctx *P, pl_state *S, int ui, double sign)
{
	const pl_unit *u = &P->units[ui];
	for (int t = 0; t < u->n_cols; t++) {
		const pl_col *col = &P->cols[u->cols[t]];
		if (col->val <= 0)
			continue;
		fitacc a = {P, S, 0, sign * col->val, true, true};
		pl_col_res(P, col, fit_res, &a);
		S->need[col->itin] += (int)(sign * col->val * col->need);
		S->mneed[col->itin] += (int)(sign * col->val * col->need_med);
		u = &P->units[ui];
	}
	if (!u->aggregated && u->clinic)
		clinic_apply(P, S, u, sign);
}

void pl_state_put_day(pl_state *S, int pcase, mp_date day)
{
	S->day[pcase] = day;
}

/* ---- the greedy ---- */

typedef struct gkey {
	double weight;
	mp_date ready;
	int unit;
} gkey;

static int cmp_gkey(const void *a, const void *b)
{
	const gkey *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->ready != y->ready)
		return x->ready < y->ready ? -1 : 1;
	return x->unit - y->unit;
}

static bool usable(const pl_ctx *P, const pl_unit *u, int k)
{
	return u->col_at[k] < 0 || !P->cols[u->col_at[k]].dropped;
}

bool pl_is_ref(const pl_ctx *P, const pl_unit *u, int k)
{
	for (int i = 0; i < u->n_cases; i++)
		if (P->cases[u->cases[i]].ref_itin == u->elig[k])
			return true;
	return false;
}

int pl_unit_placed(const pl_ctx *P, int ui)
{
	const pl_unit *u = &P->units[ui];
	double n = 0;
	for (int t = 0; t < u->n_cols; t++)
		n += P->cols[u->cols[t]].val;
	return (int)(n + 0.5);
}

int pl_place_on_refs(pl_ctx *P, pl_state *S, int ui, int max, bool dominated)
{
	int placed = 0;
	/* each reference in turn while copies fit (one that did not fit
	 * will not after more are placed) */
	for (int k = 0; k < P->units[ui].n_elig; k++)
		while (placed < max && (dominated || usable(P, &P->units[ui], k)) &&
		       pl_is_ref(P, &P->units[ui], k) && pl_try(P, S, ui, k, true))
			placed++;
	return placed;
}

static void greedy_unit(pl_ctx *P, pl_state *S, int ui)
{
	int count = P->units[ui].count - pl_unit_placed(P, ui);
	for (int copy = 0; copy < count; copy++) {
		/* the reference itinerary first (level 2), then by departure */
		bool placed = pl_place_on_refs(P, S, ui, 1, false) > 0;
		const pl_unit *u = &P->units[ui];
		for (int k = 0; k < u->n_elig && !placed; k++) {
			if (usable(P, u, k))
				placed = pl_try(P, S, ui, k, true);
			u = &P->units[ui];
		}
		if (!placed)
			return; /* identical copies would not fit either */
	}
}

/* The units in the greedy's order (priority weight, then readiness). */
static gkey *greedy_order(const pl_ctx *P, const int *units, int n_units)
{
	gkey *k = mp_xcalloc((size_t)n_units + 1, sizeof *k);
	for (int i = 0; i < n_units; i++) {
		const pl_unit *u = &P->units[units[i]];
		k[i].unit = units[i];
		k[i].ready = MP_NODATE;
		for (int c = 0; c < u->n_cases; c++) {
			const pl_case *pc = &P->cases[u->cases[c]];
			if (pc->weight > k[i].weight)
				k[i].weight = pc->weight;
			if (k[i].ready == MP_NODATE || pc->c->ready < k[i].ready)
				k[i].ready = pc->c->ready;
		}
	}
	qsort(k, (size_t)n_units, sizeof *k, cmp_gkey);
	return k;
}

void pl_greedy(pl_ctx *P, pl_state *S, const int *units, int n_units)
{
	gkey *k = greedy_order(P, units, n_units);
	for (int i = 0; i < n_units; i++)
		greedy_unit(P, S, k[i].unit);
	free(k);
}

/* Whether one of the units needs an escort and has its reference on
 * itinerary it. */
static bool ref_need_on(const pl_ctx *P, const int *units, int n_units, int it)
{
	for (int i = 0; i < n_units; i++) {
		const pl_unit *u = &P->units[units[i]];
		for (int c = 0; u->escort && c < u->n_cases; c++)
			if (P->cases[u->cases[c]].ref_itin == it)
				return true;
	}
	return false;
}

/* The reference plan's escort trips where the units' references need
 * them, when still free: the units put back below then fly with their
 * own escorts, not with those pl_try would pick one unit at a time (on
 * the medium preset, 15 of the units needing an escort found none left
 * that way, level 1 of the refilled reference 114,491 where the
 * reference had 114,617).  Returns the index of the first trip added. */
static int ref_trips(pl_ctx *P, pl_state *S, const int *units, int n_units)
{
	const mp_plan *ref = P->req ? P->req->reference : NULL;
	int first = S->n_trips;
	for (int t = 0; ref && t < ref->n_escort_trips; t++) {
		const mp_escort_trip *et = &ref->escort_trips[t];
		int s = mp_strmap_get(&P->escort_ix, et->escort);
		int it = s < 0 ? -1 : pl_itin_lookup(P, et->flights, et->n_flights);
		if (it >= 0 && pl_state_escort_free(P, S, s, it) && ref_need_on(P, units, n_units, it))
			pl_state_add_trip(P, S, s, it);
	}
	return first;
}

/* Every unit's copies on its reference itineraries where they fit, in
 * the greedy's order, with the reference's escort trips; returns how
 * many were placed.  The reference plan as far as today's data allows
 * (a re-plan starts from it). */
int pl_greedy_refs(pl_ctx *P, pl_state *S, const int *units, int n_units)
{
	gkey *k = greedy_order(P, units, n_units);
	int placed = 0, first = ref_trips(P, S, units, n_units);
	for (int i = 0; i < n_units; i++) {
		int ui = k[i].unit;
		placed += pl_place_on_refs(P, S, ui, P->units[ui].count - pl_unit_placed(P, ui), false);
	}
	free(k);
	/* a trip whose units did not come back escorts nobody */
	for (int t = S->n_trips - 1; t >= first; t--)
		if (S->need[S->trips[t].itin] == 0)
			pl_state_drop_trip(P, S, t);
	return placed;
}

/* ---- direct solve of a trivial component ---- */

static bool better(const pl_col *a, const pl_col *b)
{
	if (a->w1 != b->w1)
		return a->w1 > b->w1;
	if (a->ref != b->ref)
		return a->ref > b->ref;
	if (a->wait != b->wait)
		return a->wait < b->wait;
	return a->cost < b->cost; /* ties: the earlier column */
}

/* One unit with no shared binding limit: each copy takes its best
 * column (levels 1-4 in order) that fits; exact. */
void pl_direct(pl_ctx *P, pl_state *S, int ui)
{
	int count = P->units[ui].count;
	for (int copy = 0; copy < count; copy++) {
		int best = -1;
		pl_col bc, c;
		for (int k = 0; k < P->units[ui].n_elig; k++) {
			if (!usable(P, &P->units[ui], k))
				continue;
			pl_col_make(P, ui, k, &c);
			if (best >= 0 && !better(&c, &bc))
				continue;
			if (pl_try(P, S, ui, k, false)) {
				best = k;
				bc = c;
			}
		}
		pl_col none;
		memset(&none, 0, sizeof none);
		none.wait = P->units[ui].wait_none;
		if (best < 0 || !better(&bc, &none))
			return; /* leaving it out is no worse */
		pl_try(P, S, ui, best, true);
	}
}
