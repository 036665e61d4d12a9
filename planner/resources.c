/*
 * resources.c - the limits every plan shares, and which of them bind.
 *
 * A resource is a limit several units share: seats and assistance
 * limits per flight (SPEC 2.5, 2.6), quota persons and cases (2.7),
 * clinic capacity per day (2.10).  Its room is the limit minus what
 * pinned (and, for quotas, history) bookings already use; where they
 * alone exceed it, the room is 0 (SPEC 2.12: the limit is taken as
 * their use).  Resources are created as columns meet them and found
 * again by a key of (kind, a, b).
 *
 * A resource that can never be exceeded - the most all units could put
 * on it together, escorts' seats included, is within its room - needs
 * no row in any model: it is "not binding" (pl_res_mark_binding).
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
	return mp_u64map_get(&P->res_ix, res_key(kind, a, b));
}

int pl_res_get(pl_ctx *P, enum pl_rkind kind, int a, int b)
{
	uint64_t key = res_key(kind, a, b);
	int r = mp_u64map_get(&P->res_ix, key);
	if (r >= 0)
		return r;
	MP_GROW(P->res, P->n_res, P->cap_res);
	pl_res *x = &P->res[P->n_res];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->a = a;
	x->b = b;
	x->limit = res_limit(P, kind, a, b);
	mp_u64map_put(&P->res_ix, key, P->n_res);
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
		if (!mp_quota_counts(&P->ds->quotas[it->quotas[k]], col->kind))
			continue; /* SPEC 1: not a kind this quota counts */
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

/* ---- binding resources ---- */

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
	pl_each_col(P, ui, col_max, m);
	flush_max(P, m, P->units[ui].count);
	/* a case checks once: its clinic days count its persons once each */
	for (int i = 0; i < P->units[ui].n_cases; i++) {
		m->ucase = P->units[ui].cases[i];
		if (P->cases[m->ucase].clinic < 0)
			continue;
		pl_each_col(P, ui, col_clinic_max, m);
		flush_max(P, m, 1);
	}
}

typedef struct escmax {
	mp_u64map ix;
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
	int k = mp_u64map_get(&E->ix, key);
	mp_date d = P->itins[it].dep_date;
	if (k < 0) {
		mp_u64map_put(&E->ix, key, E->cnt.n);
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
	mp_u64map_init(&E.ix);
	E.need = mp_xcalloc((size_t)P->n_itins + 1, sizeof *E.need);
	for (int u = 0; u < P->n_units; u++)
		if (P->units[u].escort)
			pl_each_col(P, u, col_need, &E);
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
	mp_u64map_release(&E.ix);
	free(E.cnt.v), free(E.lo.v), free(E.hi.v), free(E.key_s.v), free(E.key_f.v);
	free(E.need);
}

void pl_res_mark_binding(pl_ctx *P)
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
