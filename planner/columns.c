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

void pl_col_res(pl_ctx *P, const pl_col *col, void (*fn)(void *, int, double), void *arg)
{
	const pl_itin *it = &P->itins[col->itin];
	for (int l = 0; l < it->n_legs; l++) {
		int f = it->legs[l];
		fn(arg, pl_res_get(P, RK_SEATS, f, 0), pl_seats_on(P, col, f));
		const mp_flight *fl = &P->ds->flights[f];
		for (int k = 0; k < MP_N_SSR; k++)
			if (fl->limits[k] != MP_ABSENT && col->ssr[k] > 0)
				fn(arg, pl_res_get(P, RK_SSR, f, k), col->ssr[k]);
	}
	for (int q = 0; q < it->n_quotas; q++) {
		int qi = it->quotas[q];
		fn(arg, pl_res_get(P, RK_QPERS, qi, 0), col->persons);
		if (P->ds->quotas[qi].max_cases != MP_ABSENT)
			fn(arg, pl_res_get(P, RK_QCASES, qi, 0), col->ncases);
	}
}

/* ---- columns ---- */

void pl_col_fill(pl_ctx *P, pl_col *col, const int *cases, int n_cases, int it)
{
	memset(col, 0, sizeof *col);
	col->itin = it;
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

static pl_unit *new_unit(pl_ctx *P, const int *cases, int n)
{
	MP_GROW(P->units, P->n_units, P->cap_units);
	pl_unit *u = &P->units[P->n_units];
	memset(u, 0, sizeof *u);
	u->cases = mp_xcalloc((size_t)n + 1, sizeof *u->cases);
	memcpy(u->cases, cases, (size_t)n * sizeof *cases);
	u->n_cases = n;
	u->count = 1;
	u->col0 = P->n_cols;
	u->pin_itin = -1;
	for (int i = 0; i < n; i++) {
		pl_case *pc = &P->cases[cases[i]];
		pc->unit = P->n_units;
		u->clinic |= pc->clinic >= 0;
		double w = (double)(P->horizon_end + 1 - pc->c->ready);
		u->wait_none += pc->persons * w * w;
	}
	return &P->units[P->n_units++];
}

static void add_col(pl_ctx *P, pl_unit *u, int it)
{
	MP_GROW(P->cols, P->n_cols, P->cap_cols);
	pl_col *col = &P->cols[P->n_cols];
	pl_col_fill(P, col, u->cases, u->n_cases, it);
	col->unit = (int)(u - P->units);
	u->escort |= col->need > 0;
	u->n_cols++;
	P->n_cols++;
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
			add_col(P, u, g->pin_itin);
		goto out;
	}
	if (first->route < 0)
		goto out;
	const pl_route *r = &P->routes[first->route];
	for (int p = 0; p < r->n_itins; p++) {
		if (!pl_eligible(P, free_cases[0], p))
			continue;
		bool ok = true;
		for (int i = 1; i < n && ok; i++)
			ok = eligible_on(P, free_cases[i], r->itins[p]);
		if (ok)
			add_col(P, u, r->itins[p]);
		u = &P->units[P->n_units - 1];
	}
out:
	free(free_cases);
}

static uint64_t mix(uint64_t h, double v)
{
	uint64_t x;
	memcpy(&x, &v, sizeof x);
	return (h ^ x) * 1099511628211ull;
}

static uint64_t unit_hash(const pl_ctx *P, const pl_unit *u)
{
	uint64_t h = mix(1469598103934665603ull, u->wait_none);
	for (int j = 0; j < u->n_cols; j++) {
		const pl_col *c = &P->cols[u->col0 + j];
		double v[] = {c->itin, c->plain, c->stretch, c->persons, c->w1, c->wait, c->cost};
		for (size_t k = 0; k < sizeof v / sizeof *v; k++)
			h = mix(h, v[k]);
		for (int k = 0; k < MP_N_SSR; k++)
			h = mix(h, c->ssr[k]);
	}
	return h;
}

static bool same_col(const pl_col *x, const pl_col *y)
{
	if (x->itin != y->itin || x->plain != y->plain || x->stretch != y->stretch ||
	    x->persons != y->persons || x->ncases != y->ncases || x->need != y->need ||
	    x->need_med != y->need_med || x->w1 != y->w1 || x->ref != y->ref ||
	    x->wait != y->wait || x->cost != y->cost)
		return false;
	return memcmp(x->ssr, y->ssr, sizeof x->ssr) == 0;
}

static bool same_cols(const pl_ctx *P, const pl_unit *a, const pl_unit *b)
{
	if (a->n_cols != b->n_cols || a->wait_none != b->wait_none)
		return false;
	for (int j = 0; j < a->n_cols; j++)
		if (!same_col(&P->cols[a->col0 + j], &P->cols[b->col0 + j]))
			return false;
	return true;
}

static bool aggregatable(const pl_ctx *P, const pl_unit *u)
{
	if (u->n_cases != 1 || u->clinic || u->escort || u->n_cols == 0)
		return false;
	const pl_case *pc = &P->cases[u->cases[0]];
	return pc->group < 0 && !pc->has_ref;
}

typedef struct agg {
	pl_imap first;   /* hash -> unit */
	pl_ivec next;    /* per unit: next unit with the same hash */
} agg;

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
		if (!same_cols(P, w, u))
			continue;
		w->cases = mp_xrealloc(w->cases, (size_t)(w->n_cases + 1) * sizeof(int));
		w->cases[w->n_cases++] = u->cases[0];
		w->count = w->n_cases;
		w->aggregated = true;
		P->cases[u->cases[0]].unit = v;
		P->n_cols -= u->n_cols;
		free(u->cases);
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
				if (pl_eligible(P, ci, p)) {
					add_col(P, u, r->itins[p]);
					u = &P->units[P->n_units - 1];
				}
		}
		if (aggregate)
			try_aggregate(P, &A);
	}
	pl_imap_release(&A.first);
	free(A.next.v);
}

/* ---- binding resources ---- */

typedef struct maxacc {
	double *mx;      /* per resource: this unit's largest coefficient */
	pl_ivec touched;
} maxacc;

static void acc_max(void *arg, int r, double v)
{
	maxacc *m = arg;
	if (m->mx[r] == 0 && v > 0)
		pl_ivec_push(&m->touched, r);
	if (v > m->mx[r])
		m->mx[r] = v;
}

static void noop(void *arg, int r, double v)
{
	(void)arg, (void)r, (void)v;
}

/* Clinic-day resources a case may use over its unit's columns. */
static void clinic_days(pl_ctx *P, const pl_unit *u, int pcase, maxacc *m)
{
	const pl_case *pc = &P->cases[pcase];
	if (pc->clinic < 0)
		return;
	for (int j = 0; j < u->n_cols; j++) {
		const pl_col *c = &P->cols[u->col0 + j];
		if (c->dropped)
			continue;
		mp_date days[3];
		int n = pl_check_days(P, pc->clinic, P->itins[c->itin].dep_date, days);
		for (int d = 0; d < n; d++)
			acc_max(m, pl_res_get(P, RK_CLINIC, pc->clinic, days[d]), pc->persons);
	}
}

static void unit_max(pl_ctx *P, const pl_unit *u, maxacc *m)
{
	for (int j = 0; j < u->n_cols; j++)
		if (!P->cols[u->col0 + j].dropped)
			pl_col_res(P, &P->cols[u->col0 + j], acc_max, m);
	for (int i = 0; i < u->n_cases; i++) {
		clinic_days(P, u, u->cases[i], m);
		/* clinic days accumulate per case: flush them one by one */
		for (int t = 0; t < m->touched.n; t++) {
			int r = m->touched.v[t];
			if (P->res[r].kind == RK_CLINIC && m->mx[r] > 0) {
				P->res[r].maxuse += m->mx[r];
				m->mx[r] = 0;
			}
		}
	}
	for (int t = 0; t < m->touched.n; t++) {
		int r = m->touched.v[t];
		P->res[r].maxuse += m->mx[r] * u->count;
		m->mx[r] = 0;
	}
	m->touched.n = 0;
}

/* Escorts take a seat on every leg: at most one trip per escort through
 * a flight when its candidate itineraries there depart within its
 * turnaround, else one per candidate. */
static void escort_seats_max(pl_ctx *P)
{
	int n_it = P->n_itins;
	bool *need = mp_xcalloc((size_t)n_it + 1, sizeof *need);
	for (int j = 0; j < P->n_cols; j++)
		if (!P->cols[j].dropped && P->cols[j].need > 0)
			need[P->cols[j].itin] = true;
	pl_imap ix;
	pl_imap_init(&ix);
	pl_ivec cnt = {0}, lo = {0}, hi = {0}, key_s = {0}, key_f = {0};
	for (int it = 0; it < n_it; it++) {
		if (!need[it])
			continue;
		for (int s = 0; s < P->ds->n_escorts; s++) {
			if (!pl_escort_free(P, s, it))
				continue;
			for (int l = 0; l < P->itins[it].n_legs; l++) {
				int f = P->itins[it].legs[l];
				uint64_t key = ((uint64_t)s << 32) | (uint32_t)f;
				int k = pl_imap_get(&ix, key);
				mp_date d = P->itins[it].dep_date;
				if (k < 0) {
					pl_imap_put(&ix, key, cnt.n);
					pl_ivec_push(&cnt, 1), pl_ivec_push(&lo, d), pl_ivec_push(&hi, d);
					pl_ivec_push(&key_s, s), pl_ivec_push(&key_f, f);
					continue;
				}
				cnt.v[k]++;
				lo.v[k] = d < lo.v[k] ? d : lo.v[k];
				hi.v[k] = d > hi.v[k] ? d : hi.v[k];
			}
		}
	}
	for (int k = 0; k < cnt.n; k++) {
		int t = P->ds->escorts[key_s.v[k]].turnaround_days;
		int once = hi.v[k] - lo.v[k] < (t > 1 ? t : 1);
		P->res[pl_res_get(P, RK_SEATS, key_f.v[k], 0)].maxuse += once ? 1 : cnt.v[k];
	}
	pl_imap_release(&ix);
	free(cnt.v), free(lo.v), free(hi.v), free(key_s.v), free(key_f.v);
	free(need);
}

static void compute_binding(pl_ctx *P)
{
	/* create every resource first so the scratch array is big enough */
	for (int j = 0; j < P->n_cols; j++)
		pl_col_res(P, &P->cols[j], noop, NULL);
	maxacc m = {0};
	m.mx = mp_xcalloc((size_t)P->n_res + 4096, sizeof *m.mx);
	int cap = P->n_res + 4096;
	for (int r = 0; r < P->n_res; r++)
		P->res[r].maxuse = 0;
	for (int u = 0; u < P->n_units; u++) {
		if (P->n_res + 64 > cap) { /* clinic days are created as we go */
			m.mx = mp_xrealloc(m.mx, (size_t)(2 * cap) * sizeof *m.mx);
			memset(m.mx + cap, 0, (size_t)cap * sizeof *m.mx);
			cap *= 2;
		}
		unit_max(P, &P->units[u], &m);
	}
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

/* True when a is better than b on levels 2-4, then lower index. */
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

static int dominate_unit(pl_ctx *P, pl_unit *u, sig *sa, sig *sb)
{
	if (u->escort || u->n_cols < 2)
		return 0;
	sigent *v = mp_xcalloc((size_t)u->n_cols, sizeof *v);
	for (int j = 0; j < u->n_cols; j++)
		v[j] = (sigent){col_sig(P, u, &P->cols[u->col0 + j], sa), u->col0 + j};
	qsort(v, (size_t)u->n_cols, sizeof *v, cmp_sigent);
	int dropped = 0;
	for (int i = 0; i < u->n_cols;) {
		int e = i + 1;
		while (e < u->n_cols && v[e].h == v[i].h)
			e++;
		for (int a = i; a < e; a++) {
			if (P->cols[v[a].col].dropped)
				continue;
			for (int b = a + 1; b < e; b++) {
				int ca = v[a].col, cb = v[b].col;
				if (P->cols[cb].dropped || !sig_equal(P, u, ca, cb, sa, sb))
					continue;
				if (col_better(&P->cols[ca], ca, &P->cols[cb], cb)) {
					P->cols[cb].dropped = true;
				} else {
					P->cols[ca].dropped = true;
					dropped++;
					break;
				}
				dropped++;
			}
		}
		i = e;
	}
	free(v);
	return dropped;
}

static void dominance(pl_ctx *P)
{
	sig sa = {0}, sb = {0};
	for (int u = 0; u < P->n_units; u++)
		dominate_unit(P, &P->units[u], &sa, &sb);
	free(sa.res.v), free(sa.coef), free(sb.res.v), free(sb.coef);
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
	int unit;
	bool touched_binding;
	pl_ctx *P;
} linker;

static void link_res(void *arg, int r, double v)
{
	linker *L = arg;
	(void)v;
	if (!L->P->res[r].binding)
		return;
	L->touched_binding = true;
	if (L->first[r] < 0)
		L->first[r] = L->unit;
	else
		uf_union(L->parent, L->first[r], L->unit);
}

/* Units with escort needs on one itinerary share its coverage rows;
 * units that could use one escort share its turnaround. */
static void link_escorts(pl_ctx *P, linker *L, int *esc_first, int *it_first, const pl_col *c)
{
	int u = L->unit;
	if (it_first[c->itin] < 0)
		it_first[c->itin] = u;
	else
		uf_union(L->parent, it_first[c->itin], u);
	for (int s = 0; s < P->ds->n_escorts; s++) {
		if (!pl_escort_free(P, s, c->itin))
			continue;
		if (esc_first[s] < 0)
			esc_first[s] = u;
		else
			uf_union(L->parent, esc_first[s], u);
	}
}

static void link_unit(pl_ctx *P, linker *L, int *esc_first, int *it_first, int u)
{
	const pl_unit *un = &P->units[u];
	L->unit = u;
	for (int j = 0; j < un->n_cols; j++) {
		const pl_col *c = &P->cols[un->col0 + j];
		if (c->dropped)
			continue;
		pl_col_res(P, c, link_res, L);
		for (int i = 0; i < un->n_cases; i++) {
			const pl_case *pc = &P->cases[un->cases[i]];
			mp_date days[3];
			int n = pc->clinic < 0 ? 0 : pl_check_days(P, pc->clinic, P->itins[c->itin].dep_date, days);
			for (int d = 0; d < n; d++)
				link_res(L, pl_res_get(P, RK_CLINIC, pc->clinic, days[d]), 0);
		}
		if (c->need > 0)
			link_escorts(P, L, esc_first, it_first, c);
	}
}

static void build_comps(pl_ctx *P, int *parent, bool *binding_touch)
{
	int *comp_of = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	for (int u = 0; u < P->n_units; u++)
		comp_of[u] = -1;
	for (int u = 0; u < P->n_units; u++) {
		if (P->units[u].n_cols == 0) {
			P->units[u].comp = -1;
			continue;
		}
		int root = uf_find(parent, u);
		if (comp_of[root] < 0) {
			comp_of[root] = P->n_comps++;
			P->comps = mp_xrealloc(P->comps, (size_t)P->n_comps * sizeof *P->comps);
			memset(&P->comps[comp_of[root]], 0, sizeof *P->comps);
		}
		pl_comp *k = &P->comps[comp_of[root]];
		k->units = mp_xrealloc(k->units, (size_t)(k->n_units + 1) * sizeof(int));
		k->units[k->n_units++] = u;
		k->size += P->units[u].n_cols;
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

void pl_decompose(pl_ctx *P, bool reduce)
{
	compute_binding(P);
	if (reduce) {
		dominance(P);
		compute_binding(P);
	} else {
		for (int r = 0; r < P->n_res; r++)
			P->res[r].binding = true;
	}
	int *parent = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	int *first = mp_xcalloc((size_t)P->n_res + 1, sizeof(int));
	int *esc_first = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(int));
	bool *touch = mp_xcalloc((size_t)P->n_units + 1, sizeof(bool));
	int *it_first = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	for (int i = 0; i < P->n_itins; i++)
		it_first[i] = -1;
	for (int u = 0; u < P->n_units; u++)
		parent[u] = u;
	for (int r = 0; r < P->n_res; r++)
		first[r] = -1;
	for (int s = 0; s < P->ds->n_escorts; s++)
		esc_first[s] = -1;
	linker L = {.parent = parent, .first = first, .P = P};
	for (int u = 0; u < P->n_units; u++) {
		L.touched_binding = false;
		link_unit(P, &L, esc_first, it_first, u);
		touch[u] = L.touched_binding;
	}
	build_comps(P, parent, touch);
	free(parent), free(first), free(esc_first), free(touch), free(it_first);
}
