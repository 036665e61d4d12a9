/*
 * columns.c - units and their columns.
 *
 * A unit is what the model assigns (SPEC 2.1, 2.2): a case, or all
 * free cases of a link group, which may only take the itineraries
 * every member may take (the intersection).  With aggregation on,
 * single cases that are interchangeable - the very same columns down
 * to every coefficient, no clinic, no escort need, no reference
 * booking, no link - become one unit whose variables count how many of
 * them take each itinerary.
 *
 * A column is one (unit, itinerary) pair with everything the model
 * needs: seats per leg, assistance codes, persons, escort needs and the
 * four objective coefficients.  The shared limits they use are in
 * resources.c, the reductions in dominance.c and components.c.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

uint64_t pl_hash_mix(uint64_t h, double v)
{
	uint64_t x;
	memcpy(&x, &v, sizeof x);
	return (h ^ x) * 1099511628211ull;
}

/* ---- columns ---- */

void pl_col_fill(pl_ctx *P, pl_col *col, const int *cases, int n_cases, int it)
{
	memset(col, 0, sizeof *col);
	col->itin = it;
	col->unit = col->pos = -1;
	col->kind = n_cases > 0 ? (int)P->cases[cases[0]].c->kind : MP_KIND_RESETTLEMENT;
	mp_date dep = P->itins[it].dep_date;
	for (int i = 0; i < n_cases; i++) {
		const pl_case *pc = &P->cases[cases[i]];
		const mp_case_facts *f = pl_facts(P, cases[i], dep);
		col->plain += f->plain_seats;
		col->stretch += f->stretchers;
		col->persons += f->persons;
		col->ncases++;
		for (int k = 0; k < MP_N_SSR; k++)
			col->ssr[k] += f->ssr[k];
		col->need += f->need_escort;
		col->need_med += f->need_medical;
		col->w1 += pc->weight * f->persons;
		col->ref += pc->ref_itin == it;
		double w = (double)(dep - pc->c->ready);
		col->wait += f->persons * w * w; /* SPEC 2, objective level 3 */
	}
	const pl_itin *iti = &P->itins[it];
	for (int l = 0; l < iti->n_legs; l++) {
		const mp_flight *fl = &P->ds->flights[iti->legs[l]];
		col->cost += fl->fare * pl_seats_on(P, col, iti->legs[l]);
	}
}

static const pl_prof *unit_prof(const pl_unit *u, mp_date dep)
{
	int k = 0;
	while (k + 1 < u->n_prof && u->prof_from[k + 1] <= dep)
		k++;
	return &u->prof[k];
}

void pl_col_make(const pl_ctx *P, int ui, int pos, pl_col *col)
{
	const pl_unit *u = &P->units[ui];
	int it = u->elig[pos];
	const pl_itin *iti = &P->itins[it];
	const pl_prof *pr = unit_prof(u, iti->dep_date);
	memset(col, 0, sizeof *col);
	col->unit = ui;
	col->itin = it;
	col->pos = pos;
	col->plain = pr->plain;
	col->stretch = pr->stretch;
	col->persons = pr->persons;
	col->ncases = pr->ncases;
	memcpy(col->ssr, pr->ssr, sizeof col->ssr);
	col->need = pr->need;
	col->need_med = pr->need_med;
	col->kind = pr->kind;
	col->w1 = pr->w1;
	/* an aggregated unit's copies are identical: one case stands for all */
	int n = u->aggregated ? 1 : u->n_cases;
	for (int i = 0; i < n; i++) {
		const pl_case *pc = &P->cases[u->cases[i]];
		col->ref += pc->ref_itin == it;
		double w = (double)(iti->dep_date - pc->c->ready);
		col->wait += pc->persons * w * w; /* SPEC 2, objective level 3 */
	}
	for (int l = 0; l < iti->n_legs; l++) {
		const mp_flight *fl = &P->ds->flights[iti->legs[l]];
		col->cost += fl->fare * (col->plain + col->stretch * fl->stretcher_seats);
	}
}

int pl_col_get(pl_ctx *P, int ui, int pos)
{
	pl_unit *u = &P->units[ui];
	if (u->col_at[pos] >= 0)
		return u->col_at[pos];
	MP_GROW(P->cols, P->n_cols, P->cap_cols);
	pl_col_make(P, ui, pos, &P->cols[P->n_cols]);
	MP_GROW(u->cols, u->n_cols, u->cap_cols);
	u->cols[u->n_cols++] = P->n_cols;
	u->col_at[pos] = P->n_cols;
	return P->n_cols++;
}

void pl_unit_materialize(pl_ctx *P, int ui)
{
	for (int k = 0; k < P->units[ui].n_elig; k++)
		pl_col_get(P, ui, k);
}

bool pl_eligible(const pl_ctx *P, int pcase, int pos)
{
	const pl_case *pc = &P->cases[pcase];
	return pc->mask && pc->mask[pos] == 0 && pc->c->medical != MP_MED_PENDING;
}

/* Position of itinerary it in the case's route, -1. */
int pl_route_pos(const pl_ctx *P, int pcase, int it)
{
	const pl_case *pc = &P->cases[pcase];
	if (pc->route < 0)
		return -1;
	const pl_route *r = &P->routes[pc->route];
	int lo = 0, hi = r->n_itins;
	const pl_itin *x = &P->itins[it];
	/* routes are sorted by departure: narrow by time, then scan */
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (P->itins[r->itins[mid]].dep_utc < x->dep_utc)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < r->n_itins && P->itins[r->itins[i]].dep_utc == x->dep_utc; i++)
		if (r->itins[i] == it)
			return i;
	return -1;
}

static bool eligible_on(const pl_ctx *P, int pcase, int it)
{
	int pos = pl_route_pos(P, pcase, it);
	return pos >= 0 && pl_eligible(P, pcase, pos);
}

/* ---- units ---- */

static pl_unit *new_unit(pl_ctx *P, const int *cases, int n)
{
	MP_GROW(P->units, P->n_units, P->cap_units);
	pl_unit *u = &P->units[P->n_units];
	memset(u, 0, sizeof *u);
	u->cases = mp_xcalloc((size_t)n + 1, sizeof *u->cases);
	memcpy(u->cases, cases, (size_t)n * sizeof *cases);
	u->n_cases = n;
	u->count = 1;
	u->pin_itin = -1;
	u->comp = -1;
	for (int i = 0; i < n; i++) {
		pl_case *pc = &P->cases[cases[i]];
		pc->unit = P->n_units;
		u->clinic |= pc->clinic >= 0;
		double w = (double)(P->horizon_end + 1 - pc->c->ready);
		u->wait_none += pc->persons * w * w;
	}
	return &P->units[P->n_units++];
}

static void push_elig(pl_unit *u, int it)
{
	if ((u->n_elig & (u->n_elig - 1)) == 0)
		u->elig = mp_xrealloc(u->elig, (size_t)(u->n_elig ? 2 * u->n_elig : 1) * sizeof(int));
	u->elig[u->n_elig++] = it;
}

static void prof_of(pl_ctx *P, const int *cases, int n, mp_date dep, pl_prof *pr)
{
	memset(pr, 0, sizeof *pr);
	pr->kind = n > 0 ? (int)P->cases[cases[0]].c->kind : MP_KIND_RESETTLEMENT;
	for (int i = 0; i < n; i++) {
		const mp_case_facts *f = pl_facts(P, cases[i], dep);
		pr->plain += f->plain_seats;
		pr->stretch += f->stretchers;
		pr->persons += f->persons;
		pr->ncases++;
		for (int k = 0; k < MP_N_SSR; k++)
			pr->ssr[k] += f->ssr[k];
		pr->need += f->need_escort;
		pr->need_med += f->need_medical;
		pr->w1 += P->cases[cases[i]].weight * f->persons;
	}
}

/* Profiles over the unit's departure dates, and its column table. */
static void finish_unit(pl_ctx *P, pl_unit *u)
{
	mp_date last = MP_NODATE;
	for (int k = 0; k < u->n_elig; k++) {
		mp_date dep = P->itins[u->elig[k]].dep_date;
		if (dep == last)
			continue;
		last = dep;
		pl_prof pr;
		prof_of(P, u->cases, u->n_cases, dep, &pr);
		if (u->n_prof > 0 && memcmp(&pr, &u->prof[u->n_prof - 1], sizeof pr) == 0)
			continue;
		u->prof = mp_xrealloc(u->prof, (size_t)(u->n_prof + 1) * sizeof *u->prof);
		u->prof_from = mp_xrealloc(u->prof_from, (size_t)(u->n_prof + 1) * sizeof *u->prof_from);
		u->prof[u->n_prof] = pr;
		u->prof_from[u->n_prof++] = dep;
		u->escort |= pr.need > 0;
	}
	u->col_at = mp_xcalloc((size_t)u->n_elig + 1, sizeof(int));
	for (int k = 0; k < u->n_elig; k++)
		u->col_at[k] = -1;
}

/* Itineraries every free member of a link group may take; a pinned
 * member fixes the group's itinerary (SPEC 2.2, 2.12). */
static void group_unit(pl_ctx *P, const pl_group *g)
{
	int *free_cases = mp_xcalloc((size_t)g->n_cases + 1, sizeof(int));
	int n = 0;
	for (int i = 0; i < g->n_cases; i++)
		if (P->cases[g->cases[i]].kind == PK_FREE)
			free_cases[n++] = g->cases[i];
	if (n == 0)
		goto out;
	pl_unit *u = new_unit(P, free_cases, n);
	u->pin_itin = g->pin_itin;
	const pl_case *first = &P->cases[free_cases[0]];
	if (g->pin_itin >= 0) {
		bool ok = true;
		for (int i = 0; i < n; i++)
			ok &= eligible_on(P, free_cases[i], g->pin_itin);
		if (ok)
			push_elig(u, g->pin_itin);
	} else if (first->route >= 0) {
		const pl_route *r = &P->routes[first->route];
		for (int p = 0; p < r->n_itins; p++) {
			if (!pl_eligible(P, free_cases[0], p))
				continue;
			bool ok = true;
			for (int i = 1; i < n && ok; i++)
				ok = eligible_on(P, free_cases[i], r->itins[p]);
			if (ok)
				push_elig(u, r->itins[p]);
		}
	}
	finish_unit(P, u);
out:
	free(free_cases);
}


/* Interchangeable single cases: the same eligible itineraries, the same
 * profiles, priority and ready date (so the same waiting), and nothing
 * that tells them apart (clinic, escort need, reference, link). */
static uint64_t unit_hash(const pl_ctx *P, const pl_unit *u)
{
	const mp_case *c = P->cases[u->cases[0]].c;
	uint64_t h = pl_hash_mix(pl_hash_mix(1469598103934665603ull, c->ready), u->wait_none);
	for (int k = 0; k < u->n_elig; k++)
		h = pl_hash_mix(h, u->elig[k]);
	for (int k = 0; k < u->n_prof; k++) {
		h = pl_hash_mix(pl_hash_mix(h, u->prof_from[k]), u->prof[k].w1);
		h = pl_hash_mix(pl_hash_mix(h, u->prof[k].plain), u->prof[k].stretch);
		for (int s = 0; s < MP_N_SSR; s++)
			h = pl_hash_mix(h, u->prof[k].ssr[s]);
	}
	return h;
}

static bool same_units(const pl_ctx *P, const pl_unit *a, const pl_unit *b)
{
	if (a->n_elig != b->n_elig || a->n_prof != b->n_prof || a->wait_none != b->wait_none ||
	    P->cases[a->cases[0]].c->ready != P->cases[b->cases[0]].c->ready)
		return false;
	if (memcmp(a->elig, b->elig, (size_t)a->n_elig * sizeof(int)) != 0 ||
	    memcmp(a->prof_from, b->prof_from, (size_t)a->n_prof * sizeof(mp_date)) != 0)
		return false;
	for (int k = 0; k < a->n_prof; k++)
		if (memcmp(&a->prof[k], &b->prof[k], sizeof a->prof[k]) != 0)
			return false;
	return true;
}

static bool aggregatable(const pl_ctx *P, const pl_unit *u)
{
	if (u->n_cases != 1 || u->clinic || u->escort || u->n_elig == 0)
		return false;
	const pl_case *pc = &P->cases[u->cases[0]];
	return pc->group < 0 && !pc->has_ref;
}

typedef struct agg {
	mp_u64map first;   /* hash -> unit */
	pl_ivec next;    /* per unit: next unit with the same hash */
} agg;

static void unit_release(pl_unit *u)
{
	free(u->cases), free(u->elig), free(u->col_at), free(u->cols);
	free(u->prof), free(u->prof_from);
}

/* Folds the last unit into an identical earlier one, if any. */
static void try_aggregate(pl_ctx *P, agg *A)
{
	int ui = P->n_units - 1;
	while (A->next.n <= ui)
		pl_ivec_push(&A->next, -1);
	pl_unit *u = &P->units[ui];
	if (!aggregatable(P, u))
		return;
	uint64_t h = unit_hash(P, u);
	int head = mp_u64map_get(&A->first, h);
	for (int v = head; v >= 0; v = A->next.v[v]) {
		pl_unit *w = &P->units[v];
		if (!same_units(P, w, u))
			continue;
		w->cases = mp_xrealloc(w->cases, (size_t)(w->n_cases + 1) * sizeof(int));
		w->cases[w->n_cases++] = u->cases[0];
		w->count = w->n_cases;
		w->aggregated = true;
		P->cases[u->cases[0]].unit = v;
		unit_release(u);
		P->n_units--;
		return;
	}
	A->next.v[ui] = head;
	mp_u64map_put(&A->first, h, ui);
}

void pl_units_build(pl_ctx *P, bool aggregate)
{
	agg A;
	memset(&A, 0, sizeof A);
	mp_u64map_init(&A.first);
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_FREE || pc->unit >= 0)
			continue;
		if (pc->group >= 0) {
			group_unit(P, &P->groups[pc->group]);
			continue;
		}
		pl_unit *u = new_unit(P, &ci, 1);
		if (pc->route >= 0) {
			const pl_route *r = &P->routes[pc->route];
			for (int p = 0; p < r->n_itins; p++)
				if (pl_eligible(P, ci, p))
					push_elig(u, r->itins[p]);
		}
		finish_unit(P, u);
		if (aggregate)
			try_aggregate(P, &A);
	}
	mp_u64map_release(&A.first);
	free(A.next.v);
}

void pl_units_release(pl_ctx *P)
{
	for (int u = 0; u < P->n_units; u++)
		unit_release(&P->units[u]);
	free(P->units);
}

/* Calls fn(arg, column) for each column of unit u: its materialised,
 * undominated ones when it has every column, else every eligible pair
 * (as a temporary column). */
void pl_each_col(pl_ctx *P, int ui, void (*fn)(pl_ctx *, void *, const pl_col *), void *arg)
{
	const pl_unit *u = &P->units[ui];
	if (u->n_cols == u->n_elig && u->n_elig > 0) {
		for (int t = 0; t < u->n_cols; t++) {
			const pl_col *c = &P->cols[u->cols[t]];
			if (!c->dropped)
				fn(P, arg, c);
			u = &P->units[ui];
		}
		return;
	}
	pl_col col;
	for (int k = 0; k < u->n_elig; k++) {
		pl_col_make(P, ui, k, &col);
		fn(P, arg, &col);
		u = &P->units[ui];
	}
}
