/*
 * columns.c - units, their columns, the shared limits (resources) and
 * the decomposition into independent components.
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
 * four objective coefficients.
 *
 * A resource is a limit several units share: seats and assistance
 * limits per flight, quota persons and cases, clinic capacity per day.
 * Its room is the limit minus what pinned (and, for quotas, history)
 * bookings already use; where they alone exceed it, the room is 0
 * (SPEC 2.12: the limit is taken as their use).
 *
 * Decomposition: a resource that can never be exceeded - the most all
 * units could put on it is within its room - needs no row ("not
 * binding").  Units that share no binding resource and no escort are
 * independent, and each group of linked units (a component) is solved
 * on its own.  Within a unit, two columns that touch the same binding
 * resources with the same coefficients are interchangeable for every
 * constraint, so only the better one for the objective is kept
 * (dominance).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define RES_TOL 1e-9

static uint64_t res_key(enum pl_rkind kind, int a, int b)
{
	return ((uint64_t)kind << 58) | ((uint64_t)(uint32_t)a << 29) | (uint64_t)(uint32_t)(b & 0x1FFFFFFF);
}

static double res_limit(const pl_ctx *P, enum pl_rkind kind, int a, int b)
{
	const mp_dataset *ds = P->ds;
	switch (kind) {
	case RK_SEATS: return ds->flights[a].seats;
	case RK_SSR: return ds->flights[a].limits[b];
	case RK_QPERS: return ds->quotas[a].max_persons;
	case RK_QCASES: return ds->quotas[a].max_cases;
	case RK_CLINIC: return ds->clinics[a].capacity_per_day;
	default: return 0;
	}
}

int pl_res_find(const pl_ctx *P, enum pl_rkind kind, int a, int b)
{
	return pl_imap_get(&P->res_ix, res_key(kind, a, b));
}

int pl_res_get(pl_ctx *P, enum pl_rkind kind, int a, int b)
{
	uint64_t key = res_key(kind, a, b);
	int r = pl_imap_get(&P->res_ix, key);
	if (r >= 0)
		return r;
	MP_GROW(P->res, P->n_res, P->cap_res);
	pl_res *x = &P->res[P->n_res];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->a = a;
	x->b = b;
	x->limit = res_limit(P, kind, a, b);
	pl_imap_put(&P->res_ix, key, P->n_res);
	return P->n_res++;
}

double pl_res_room(const pl_res *r)
{
	return r->fixed > r->limit ? 0 : r->limit - r->fixed;
}

int pl_seats_on(const pl_ctx *P, const pl_col *col, int flight)
{
	return col->plain + col->stretch * P->ds->flights[flight].stretcher_seats;
}

const int *pl_itin_res(pl_ctx *P, int i)
{
	if (P->itins[i].rix)
		return P->itins[i].rix;
	const pl_itin *it = &P->itins[i];
	int n = it->n_legs * PL_RIX_LEG + 2 * it->n_quotas;
	int *rix = mp_xcalloc((size_t)n + 1, sizeof(int));
	for (int l = 0; l < it->n_legs; l++) {
		int f = it->legs[l];
		rix[l * PL_RIX_LEG] = pl_res_get(P, RK_SEATS, f, 0);
		for (int k = 0; k < MP_N_SSR; k++)
			rix[l * PL_RIX_LEG + 1 + k] = P->ds->flights[f].limits[k] == MP_ABSENT
							      ? -1 : pl_res_get(P, RK_SSR, f, k);
	}
	int *q = rix + it->n_legs * PL_RIX_LEG;
	for (int k = 0; k < it->n_quotas; k++) {
		int qi = it->quotas[k];
		q[2 * k] = pl_res_get(P, RK_QPERS, qi, 0);
		q[2 * k + 1] = P->ds->quotas[qi].max_cases == MP_ABSENT ? -1 : pl_res_get(P, RK_QCASES, qi, 0);
	}
	P->itins[i].rix = rix;
	return rix;
}

void pl_col_res(pl_ctx *P, const pl_col *col, void (*fn)(void *, int, double), void *arg)
{
	const int *rix = pl_itin_res(P, col->itin);
	const pl_itin *it = &P->itins[col->itin];
	for (int l = 0; l < it->n_legs; l++) {
		const int *lr = rix + l * PL_RIX_LEG;
		fn(arg, lr[0], pl_seats_on(P, col, it->legs[l]));
		for (int k = 0; k < MP_N_SSR; k++)
			if (lr[1 + k] >= 0 && col->ssr[k] > 0)
				fn(arg, lr[1 + k], col->ssr[k]);
	}
	const int *q = rix + it->n_legs * PL_RIX_LEG;
	for (int k = 0; k < it->n_quotas; k++) {
		fn(arg, q[2 * k], col->persons);
		if (q[2 * k + 1] >= 0)
			fn(arg, q[2 * k + 1], col->ncases);
	}
}

int pl_check_res(pl_ctx *P, int clinic, mp_date dep, int res[3])
{
	if (!P->cday) {
		P->cday_base = P->as_of - 1;
		P->cday_days = P->horizon_end - P->cday_base + 2;
		size_t n = (size_t)P->ds->n_clinics * (size_t)P->cday_days * 4;
		P->cday = mp_xcalloc(n + 1, sizeof(int));
		for (size_t i = 0; i < n; i++)
			P->cday[i] = -2; /* not computed */
	}
	int off = dep - P->cday_base;
	int *slot = off >= 0 && off < P->cday_days
		    ? &P->cday[((size_t)clinic * (size_t)P->cday_days + (size_t)off) * 4] : NULL;
	if (slot && slot[0] != -2) {
		memcpy(res, slot + 1, 3 * sizeof(int));
		return slot[0];
	}
	mp_date days[3];
	int n = pl_check_days(P, clinic, dep, days);
	for (int d = 0; d < n; d++)
		res[d] = pl_res_get(P, RK_CLINIC, clinic, days[d]);
	if (slot) {
		slot[0] = n;
		memcpy(slot + 1, res, (size_t)n * sizeof(int));
	}
	return n;
}

/* ---- columns ---- */

void pl_col_fill(pl_ctx *P, pl_col *col, const int *cases, int n_cases, int it)
{
	memset(col, 0, sizeof *col);
	col->itin = it;
	col->unit = col->pos = -1;
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

static uint64_t mix(uint64_t h, double v)
{
	uint64_t x;
	memcpy(&x, &v, sizeof x);
	return (h ^ x) * 1099511628211ull;
}

/* Interchangeable single cases: the same eligible itineraries, the same
 * profiles, priority and ready date (so the same waiting), and nothing
 * that tells them apart (clinic, escort need, reference, link). */
static uint64_t unit_hash(const pl_ctx *P, const pl_unit *u)
{
	const mp_case *c = P->cases[u->cases[0]].c;
	uint64_t h = mix(mix(1469598103934665603ull, c->ready), u->wait_none);
	for (int k = 0; k < u->n_elig; k++)
		h = mix(h, u->elig[k]);
	for (int k = 0; k < u->n_prof; k++) {
		h = mix(mix(h, u->prof_from[k]), u->prof[k].w1);
		h = mix(mix(h, u->prof[k].plain), u->prof[k].stretch);
		for (int s = 0; s < MP_N_SSR; s++)
			h = mix(h, u->prof[k].ssr[s]);
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
	pl_imap first;   /* hash -> unit */
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
	int head = pl_imap_get(&A->first, h);
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
	pl_imap_put(&A->first, h, ui);
}

void pl_units_build(pl_ctx *P, bool aggregate)
{
	agg A;
	memset(&A, 0, sizeof A);
	pl_imap_init(&A.first);
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
	pl_imap_release(&A.first);
	free(A.next.v);
}

void pl_units_release(pl_ctx *P)
{
	for (int u = 0; u < P->n_units; u++)
		unit_release(&P->units[u]);
	free(P->units);
}

/* ---- binding resources ---- */

/* Calls fn(arg, column) for each column of unit u: its materialised,
 * undominated ones when it has every column, else every eligible pair
 * (as a temporary column). */
static void each_col(pl_ctx *P, int ui, void (*fn)(pl_ctx *, void *, const pl_col *), void *arg)
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

typedef struct maxacc {
	double *mx;      /* per resource: this unit's largest coefficient */
	pl_ivec touched;
	int cap;
	int ucase;       /* the case whose clinic days are being collected */
} maxacc;

static void acc_max(void *arg, int r, double v)
{
	maxacc *m = arg;
	if (r >= m->cap) { /* resources are created as they are met */
		int cap = 2 * (r + 16);
		m->mx = mp_xrealloc(m->mx, (size_t)cap * sizeof *m->mx);
		memset(m->mx + m->cap, 0, (size_t)(cap - m->cap) * sizeof *m->mx);
		m->cap = cap;
	}
	if (m->mx[r] == 0 && v > 0)
		pl_ivec_push(&m->touched, r);
	if (v > m->mx[r])
		m->mx[r] = v;
}

static void col_max(pl_ctx *P, void *arg, const pl_col *c)
{
	pl_col_res(P, c, acc_max, arg);
}

static void col_clinic_max(pl_ctx *P, void *arg, const pl_col *c)
{
	maxacc *m = arg;
	const pl_case *pc = &P->cases[m->ucase];
	mp_date days[3];
	int n = pl_check_days(P, pc->clinic, P->itins[c->itin].dep_date, days);
	for (int d = 0; d < n; d++)
		acc_max(m, pl_res_get(P, RK_CLINIC, pc->clinic, days[d]), pc->persons);
}

static void flush_max(pl_ctx *P, maxacc *m, double times)
{
	for (int t = 0; t < m->touched.n; t++) {
		int r = m->touched.v[t];
		P->res[r].maxuse += m->mx[r] * times;
		m->mx[r] = 0;
	}
	m->touched.n = 0;
}

static void unit_max(pl_ctx *P, int ui, maxacc *m)
{
	each_col(P, ui, col_max, m);
	flush_max(P, m, P->units[ui].count);
	/* a case checks once: its clinic days count its persons once each */
	for (int i = 0; i < P->units[ui].n_cases; i++) {
		m->ucase = P->units[ui].cases[i];
		if (P->cases[m->ucase].clinic < 0)
			continue;
		each_col(P, ui, col_clinic_max, m);
		flush_max(P, m, 1);
	}
}

typedef struct escmax {
	pl_imap ix;
	pl_ivec cnt, lo, hi, key_s, key_f;
	bool *need;
} escmax;

static void col_need(pl_ctx *P, void *arg, const pl_col *c)
{
	(void)P;
	if (c->need > 0)
		((escmax *)arg)->need[c->itin] = true;
}

static void escort_leg(pl_ctx *P, escmax *E, int s, int it, int f)
{
	uint64_t key = ((uint64_t)s << 32) | (uint32_t)f;
	int k = pl_imap_get(&E->ix, key);
	mp_date d = P->itins[it].dep_date;
	if (k < 0) {
		pl_imap_put(&E->ix, key, E->cnt.n);
		pl_ivec_push(&E->cnt, 1), pl_ivec_push(&E->lo, d), pl_ivec_push(&E->hi, d);
		pl_ivec_push(&E->key_s, s), pl_ivec_push(&E->key_f, f);
		return;
	}
	E->cnt.v[k]++;
	E->lo.v[k] = d < E->lo.v[k] ? d : E->lo.v[k];
	E->hi.v[k] = d > E->hi.v[k] ? d : E->hi.v[k];
}

/* Escorts take a seat on every leg: at most one trip per escort through
 * a flight when its candidate itineraries there depart within its
 * turnaround, else one per candidate. */
static void escort_seats_max(pl_ctx *P)
{
	escmax E;
	memset(&E, 0, sizeof E);
	pl_imap_init(&E.ix);
	E.need = mp_xcalloc((size_t)P->n_itins + 1, sizeof *E.need);
	for (int u = 0; u < P->n_units; u++)
		if (P->units[u].escort)
			each_col(P, u, col_need, &E);
	for (int it = 0; it < P->n_itins; it++) {
		if (!E.need[it])
			continue;
		for (int s = 0; s < P->ds->n_escorts; s++)
			if (pl_escort_free(P, s, it))
				for (int l = 0; l < P->itins[it].n_legs; l++)
					escort_leg(P, &E, s, it, P->itins[it].legs[l]);
	}
	for (int k = 0; k < E.cnt.n; k++) {
		int t = P->ds->escorts[E.key_s.v[k]].turnaround_days;
		int once = E.hi.v[k] - E.lo.v[k] < (t > 1 ? t : 1);
		P->res[pl_res_get(P, RK_SEATS, E.key_f.v[k], 0)].maxuse += once ? 1 : E.cnt.v[k];
	}
	pl_imap_release(&E.ix);
	free(E.cnt.v), free(E.lo.v), free(E.hi.v), free(E.key_s.v), free(E.key_f.v);
	free(E.need);
}

static void compute_binding(pl_ctx *P)
{
	maxacc m;
	memset(&m, 0, sizeof m);
	for (int r = 0; r < P->n_res; r++)
		P->res[r].maxuse = 0;
	for (int u = 0; u < P->n_units; u++)
		unit_max(P, u, &m);
	escort_seats_max(P);
	for (int r = 0; r < P->n_res; r++)
		P->res[r].binding = P->res[r].maxuse > pl_res_room(&P->res[r]) + RES_TOL;
	free(m.mx);
	free(m.touched.v);
}

/* ---- dominance ---- */

typedef struct sig {
	const pl_ctx *P;
	pl_ivec res;
	double *coef;
	int n, cap;
} sig;

static void sig_add(void *arg, int r, double v)
{
	sig *s = arg;
	if (!s->P->res[r].binding)
		return;
	pl_ivec_push(&s->res, r);
	MP_GROW(s->coef, s->n, s->cap);
	s->coef[s->n++] = v;
}

static uint64_t col_sig(pl_ctx *P, const pl_unit *u, const pl_col *c, sig *s)
{
	s->res.n = s->n = 0;
	s->P = P;
	pl_col_res(P, c, sig_add, s);
	/* sort entries by resource (insertion sort: a handful) */
	for (int i = 1; i < s->n; i++)
		for (int k = i; k > 0 && s->res.v[k - 1] > s->res.v[k]; k--) {
			int t = s->res.v[k];
			s->res.v[k] = s->res.v[k - 1], s->res.v[k - 1] = t;
			double d = s->coef[k];
			s->coef[k] = s->coef[k - 1], s->coef[k - 1] = d;
		}
	uint64_t h = 1469598103934665603ull;
	for (int i = 0; i < s->n; i++)
		h = mix(mix(h, s->res.v[i]), s->coef[i]);
	if (u->clinic)
		h = mix(h, P->itins[c->itin].dep_date);
	return h;
}

/* True when a is better than b on levels 1-4, then lower index. */
static bool col_better(const pl_col *a, int ia, const pl_col *b, int ib)
{
	if (a->w1 != b->w1)
		return a->w1 > b->w1;
	if (a->ref != b->ref)
		return a->ref > b->ref;
	if (a->wait != b->wait)
		return a->wait < b->wait;
	if (a->cost != b->cost)
		return a->cost < b->cost;
	return ia < ib;
}

typedef struct sigent {
	uint64_t h;
	int col;
} sigent;

static int cmp_sigent(const void *a, const void *b)
{
	const sigent *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->col - y->col;
}

static bool sig_equal(pl_ctx *P, const pl_unit *u, int a, int b, sig *sa, sig *sb)
{
	col_sig(P, u, &P->cols[a], sa);
	col_sig(P, u, &P->cols[b], sb);
	if (sa->n != sb->n)
		return false;
	if (u->clinic && P->itins[P->cols[a].itin].dep_date != P->itins[P->cols[b].itin].dep_date)
		return false;
	for (int i = 0; i < sa->n; i++)
		if (sa->res.v[i] != sb->res.v[i] || sa->coef[i] != sb->coef[i])
			return false;
	return true;
}

/* Two columns of one unit touching the same binding resources with the
 * same coefficients are interchangeable for every constraint: keep the
 * better one for the objective (exact, for materialised units). */
static void dominate_unit(pl_ctx *P, pl_unit *u, sig *sa, sig *sb)
{
	if (u->escort || u->n_cols < 2)
		return;
	sigent *v = mp_xcalloc((size_t)u->n_cols, sizeof *v);
	for (int j = 0; j < u->n_cols; j++)
		v[j] = (sigent){col_sig(P, u, &P->cols[u->cols[j]], sa), u->cols[j]};
	qsort(v, (size_t)u->n_cols, sizeof *v, cmp_sigent);
	for (int i = 0; i < u->n_cols;) {
		int e = i + 1;
		while (e < u->n_cols && v[e].h == v[i].h)
			e++;
		for (int a = i; a < e; a++)
			for (int b = a + 1; b < e && !P->cols[v[a].col].dropped; b++) {
				int ca = v[a].col, cb = v[b].col;
				if (P->cols[cb].dropped || !sig_equal(P, u, ca, cb, sa, sb))
					continue;
				if (col_better(&P->cols[ca], ca, &P->cols[cb], cb))
					P->cols[cb].dropped = true;
				else
					P->cols[ca].dropped = true;
			}
		i = e;
	}
	free(v);
}

/* ---- components ---- */

static int uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static void uf_union(int *p, int a, int b)
{
	a = uf_find(p, a);
	b = uf_find(p, b);
	if (a != b) {
		if (a < b)
			p[b] = a;
		else
			p[a] = b;
	}
}

typedef struct linker {
	int *parent;
	int *first;      /* per resource: first unit seen, -1 */
	int *esc_first;  /* per escort */
	int *it_first;   /* per itinerary with escort needs */
	int unit;
	bool touched_binding;
} linker;

static void link_res(pl_ctx *P, linker *L, int r)
{
	if (!P->res[r].binding)
		return;
	L->touched_binding = true;
	if (L->first[r] < 0)
		L->first[r] = L->unit;
	else
		uf_union(L->parent, L->first[r], L->unit);
}

typedef struct linkacc {
	pl_ctx *P;
	linker *L;
} linkacc;

static void link_res_cb(void *arg, int r, double v)
{
	linkacc *a = arg;
	(void)v;
	link_res(a->P, a->L, r);
}

/* Units with escort needs on one itinerary share its coverage rows;
 * units that could use one escort share its turnaround. */
static void link_escorts(pl_ctx *P, linker *L, const pl_col *c)
{
	int u = L->unit;
	if (L->it_first[c->itin] < 0)
		L->it_first[c->itin] = u;
	else
		uf_union(L->parent, L->it_first[c->itin], u);
	for (int s = 0; s < P->ds->n_escorts; s++) {
		if (!pl_escort_free(P, s, c->itin))
			continue;
		if (L->esc_first[s] < 0)
			L->esc_first[s] = u;
		else
			uf_union(L->parent, L->esc_first[s], u);
	}
}

static void link_col(pl_ctx *P, void *arg, const pl_col *c)
{
	linker *L = arg;
	linkacc a = {P, L};
	pl_col_res(P, c, link_res_cb, &a);
	const pl_unit *un = &P->units[L->unit];
	for (int i = 0; i < un->n_cases; i++) {
		const pl_case *pc = &P->cases[un->cases[i]];
		mp_date days[3];
		int n = pc->clinic < 0 ? 0 : pl_check_days(P, pc->clinic, P->itins[c->itin].dep_date, days);
		for (int d = 0; d < n; d++)
			link_res(P, L, pl_res_get(P, RK_CLINIC, pc->clinic, days[d]));
	}
	if (c->need > 0)
		link_escorts(P, L, c);
}

static void build_comps(pl_ctx *P, int *parent, const bool *binding_touch)
{
	int *comp_of = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	for (int u = 0; u < P->n_units; u++)
		comp_of[u] = -1;
	for (int u = 0; u < P->n_units; u++) {
		if (P->units[u].n_elig == 0)
			continue;
		int root = uf_find(parent, u);
		if (comp_of[root] < 0) {
			comp_of[root] = P->n_comps++;
			P->comps = mp_xrealloc(P->comps, (size_t)P->n_comps * sizeof *P->comps);
			memset(&P->comps[comp_of[root]], 0, sizeof *P->comps);
		}
		pl_comp *k = &P->comps[comp_of[root]];
		k->units = mp_xrealloc(k->units, (size_t)(k->n_units + 1) * sizeof(int));
		k->units[k->n_units++] = u;
		k->size += P->units[u].n_elig;
		P->units[u].comp = comp_of[root];
	}
	for (int c = 0; c < P->n_comps; c++) {
		pl_comp *k = &P->comps[c];
		const pl_unit *u = &P->units[k->units[0]];
		k->trivial = k->n_units == 1 && !u->escort &&
			     (u->count == 1 || !binding_touch[k->units[0]]);
	}
	free(comp_of);
}

static void link_all(pl_ctx *P)
{
	int nu = P->n_units;
	linker L;
	L.parent = mp_xcalloc((size_t)nu + 1, sizeof(int));
	L.first = mp_xcalloc((size_t)P->n_res + 1, sizeof(int));
	L.esc_first = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(int));
	L.it_first = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	bool *touch = mp_xcalloc((size_t)nu + 1, sizeof(bool));
	for (int u = 0; u < nu; u++)
		L.parent[u] = u;
	for (int r = 0; r < P->n_res; r++)
		L.first[r] = -1;
	for (int s = 0; s < P->ds->n_escorts; s++)
		L.esc_first[s] = -1;
	for (int i = 0; i < P->n_itins; i++)
		L.it_first[i] = -1;
	for (int u = 0; u < nu; u++) {
		L.unit = u;
		L.touched_binding = false;
		each_col(P, u, link_col, &L);
		touch[u] = L.touched_binding;
	}
	build_comps(P, L.parent, touch);
	free(L.parent), free(L.first), free(L.esc_first), free(L.it_first), free(touch);
}

void pl_decompose(pl_ctx *P, bool reduce, double full_limit)
{
	compute_binding(P);
	if (!reduce)
		for (int r = 0; r < P->n_res; r++)
			P->res[r].binding = true;
	link_all(P);
	sig sa = {0}, sb = {0};
	for (int c = 0; c < P->n_comps; c++) {
		pl_comp *k = &P->comps[c];
		k->full = !k->trivial && k->size <= full_limit;
		if (!k->full)
			continue;
		for (int i = 0; i < k->n_units; i++) {
			pl_unit_materialize(P, k->units[i]);
			if (reduce)
				dominate_unit(P, &P->units[k->units[i]], &sa, &sb);
		}
	}
	free(sa.res.v), free(sa.coef), free(sb.res.v), free(sb.coef);
}
