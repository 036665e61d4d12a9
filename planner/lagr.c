/*
 * lagr.c - Lagrangian relaxation of level 1 for large components: a
 * valid bound, and plans built from the multipliers.
 *
 * GLPK's simplex needs minutes for the LP of a component with
 * thousands of units (every unit is a row), so for large components the
 * bound comes from relaxing the shared limits instead.  With
 * multipliers lambda >= 0 on every shared row - seats (escorts
 * included), assistance limits, quotas, clinic days, escort coverage -
 *
 *   L(lambda) = sum_r lambda_r room_r
 *             + sum_u count_u max(0, max_i [w1_u - lambda . a_ui])
 *             + sum_s (best set of trips of escort s under its turnaround)
 *
 * is an upper bound on level 1 for every lambda (weak duality), and its
 * minimum equals the LP bound.  The inner maximisation splits: each
 * unit takes its best column (with the cheapest allowed check day for
 * members with a clinic), each escort its best trips (weighted interval
 * scheduling, a small dynamic programme).
 *
 * The multipliers move by the volume algorithm (Barahona and Anbil,
 * Math. Programming 87, 2000), not plain subgradient steps, which
 * zigzag: the plain method left the medium preset's bound 0.6 % above
 * the LP bound after 1 400 steps and got no better with more time.
 *   - a centre: the multipliers of the smallest L found so far; every
 *     step starts from it ("serious" steps move it, "null" steps not);
 *   - the direction gbar = alpha g + (1 - alpha) gbar, an average of the
 *     subgradients, i.e. the room left by an averaged primal solution -
 *     which tends to the LP optimum, so the direction stops zigzagging
 *     as it does; alpha minimises |gbar| within [0.01, 0.1];
 *   - the step theta (L(centre) - best plan) / |gbar|^2 (Polyak's), with
 *     theta from THETA0, grown 10 % after an improving step that a longer step would
 *     have helped (g . gbar >= 0) and cut by a third after 20 steps
 *     without improvement.
 * On the medium preset this reaches 0.2 % above the LP bound in 20 s.
 *
 * Plans: every few iterations the units are placed greedily in the
 * order of their Lagrangian value, each on its columns of best
 * Lagrangian value that still fit (pl_try checks every limit), then the
 * rest by the plain greedy.  Prices steer the plan to what the LP would
 * do; the best plan is kept.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

#define KEEP PL_KEEP   /* best columns remembered per unit */
/* Above this many eligible pairs, only every FULL_EVERY-th iteration
 * prices every pair (and counts for the bound); the others price each
 * unit's best candidates of the last full pricing. */
#define PARTIAL_PAIRS 1e6
#define FULL_EVERY 2
#define HEURISTICS 20  /* plans built over the time given (0.1-0.5 s each) */
/* The first step's theta.  From 1 (Barahona and Anbil's choice) twenty
 * steps without improvement cut it to 0.5 within the first 100 steps
 * on the large preset; from 0.1 the bound is at 452 500 in 28 s instead
 * of 455 700, and reaches the level where the method stalls (about
 * 451 800) with time to spare. */
#define THETA0 0.1

typedef struct itsum {
	double plain, stretch, cover, med;
	double persons[MP_N_KIND], ncases[MP_N_KIND]; /* per case kind (SPEC 1 quota kinds) */
	double ssr[MP_N_SSR];
	double seats;    /* an escort's seats over the legs */
} itsum;

typedef struct lagr {
	pl_ctx *P;
	const pl_comp *C;
	double *lam;       /* per resource */
	double *pi, *rho;  /* per itinerary: cover and medical cover rows */
	double *g;         /* subgradient per resource */
	double *gpi, *grho;
	/* The volume algorithm's state (see pl_lagr_solve).  Every
	 * multiplier and subgradient lives in one flat vector of n_dual
	 * entries: lam (per resource), pi and rho (per itinerary). */
	int n_dual;
	double *center;    /* multipliers of the best L found */
	double *gbar;      /* averaged subgradient: room less the use of
			    * the averaged (LP-like) primal solution */
	bool *active;      /* entries that are rows (binding resources) */
	/* Per unit and eligible position: dominated (col->dropped), copied
	 * once - reading it from the columns was a cache miss per pair and
	 * a third of the time.  Flags do not change during the solve. */
	unsigned char *skip;
	size_t *skip_at;   /* per unit: its first position in skip */
	itsum *S;          /* per itinerary sums of multipliers */
	bool *want;        /* itineraries of the component */
	int *cov0, *med0;  /* per itinerary: spare pinned covers (rhs) */
	int *best;         /* per unit x KEEP: best positions */
	int *cand;         /* per unit x KEEP: candidates of partial pricing */
	double *bestv;     /* per unit: best Lagrangian value */
	int *order;        /* units by value, for the heuristic */
	pl_escplan esc;    /* escort trips every plan starts from */
	double *dayprice;  /* per clinic and departure date: cheapest check
			    * day's multiplier per person (this iteration) */
	int *dayres;       /* ... and that day's resource */
} lagr;

/* ---- multipliers summed per itinerary ---- */

static void sums(lagr *L)
{
	pl_ctx *P = L->P;
	for (int i = 0; i < P->n_itins; i++) {
		if (!L->want[i])
			continue;
		itsum *d = &L->S[i];
		memset(d, 0, sizeof *d);
		const int *rix = pl_itin_res(P, i);
		const pl_itin *it = &P->itins[i];
		for (int l = 0; l < it->n_legs; l++) {
			const int *lr = rix + l * PL_RIX_LEG;
			double y = L->lam[lr[0]];
			d->plain += y;
			d->seats += y;
			d->stretch += y * P->ds->flights[it->legs[l]].stretcher_seats;
			for (int k = 0; k < MP_N_SSR; k++)
				if (lr[1 + k] >= 0)
					d->ssr[k] += L->lam[lr[1 + k]];
		}
		const int *q = rix + it->n_legs * PL_RIX_LEG;
		for (int k = 0; k < it->n_quotas; k++)
			for (int kind = 0; kind < MP_N_KIND; kind++) {
				if (!mp_quota_counts(&P->ds->quotas[it->quotas[k]], (enum mp_case_kind)kind))
					continue;
				d->persons[kind] += L->lam[q[2 * k]];
				d->ncases[kind] += q[2 * k + 1] >= 0 ? L->lam[q[2 * k + 1]] : 0;
			}
		d->cover = L->pi[i];
		d->med = L->rho[i];
	}
}

/* The cheapest allowed check day per clinic and departure date, once
 * per iteration. */
static void day_prices(lagr *L)
{
	pl_ctx *P = L->P;
	for (int c = 0; c < P->ds->n_clinics && P->cday; c++)
		for (int d = 0; d < P->cday_days; d++) {
			int res[3], n = pl_check_res(P, c, P->cday_base + d, res), best = -1;
			double price = 0;
			for (int k = 0; k < n; k++)
				if (best < 0 || L->lam[res[k]] < price) {
					best = res[k];
					price = L->lam[res[k]];
				}
			L->dayprice[c * P->cday_days + d] = price;
			L->dayres[c * P->cday_days + d] = best;
		}
}

/* The cheapest allowed check day of a case under the multipliers. */
static int cheapest_day(const lagr *L, int ci, mp_date dep, double *price)
{
	const pl_ctx *P = L->P;
	const pl_case *pc = &P->cases[ci];
	int off = dep - P->cday_base;
	if (off < 0 || off >= P->cday_days) {
		*price = 0;
		return -1;
	}
	int i = pc->clinic * P->cday_days + off;
	*price = L->dayprice[i] * pc->persons;
	return L->dayres[i];
}

/* Lagrangian value of a unit's column: its level-1 weight less the
 * multipliers of what it uses (profile . sums of the itinerary). */
static double col_value(const itsum *d, const pl_prof *pr, const int *ssr_nz, int n_nz, double clinic)
{
	double v = pr->w1 - pr->plain * d->plain - pr->persons * d->persons[pr->kind] -
		   pr->ncases * d->ncases[pr->kind] - clinic;
	if (pr->stretch)
		v -= pr->stretch * d->stretch;
	if (pr->need)
		v -= pr->need * d->cover + pr->need_med * d->med;
	for (int i = 0; i < n_nz; i++)
		v -= pr->ssr[ssr_nz[i]] * d->ssr[ssr_nz[i]];
	return v;
}

static double unit_clinic(const lagr *L, const pl_unit *u, mp_date dep)
{
	double total = 0, p;
	for (int i = 0; i < u->n_cases && !u->aggregated; i++)
		if (L->P->cases[u->cases[i]].clinic >= 0) {
			cheapest_day(L, u->cases[i], dep, &p);
			total += p;
		}
	return total;
}

/* Codes a profile carries (most carry none). */
static int ssr_codes(const pl_prof *pr, int nz[MP_N_SSR])
{
	int n = 0;
	for (int s = 0; s < MP_N_SSR; s++)
		if (pr->ssr[s])
			nz[n++] = s;
	return n;
}

/* Best columns of one unit; returns the best value (may be < 0).
 * Partial pricing looks only at the candidates of the last full one. */
static double unit_best(lagr *L, int slot, bool full)
{
	const pl_ctx *P = L->P;
	const pl_unit *u = &P->units[L->C->units[slot]];
	int *best = &L->best[slot * KEEP];
	double bv[KEEP];
	for (int b = 0; b < KEEP; b++)
		best[b] = -1, bv[b] = -INFINITY;
	mp_date cdep = MP_NODATE;
	double clinic = 0;
	int pi = 0, nz[MP_N_SSR];
	int n_nz = ssr_codes(&u->prof[0], nz);
	const int *cand = &L->cand[slot * KEEP];
	const unsigned char *skip = L->skip + L->skip_at[slot];
	int n = full ? u->n_elig : KEEP;
	for (int j = 0; j < n; j++) {
		int k = full ? j : cand[j];
		if (k < 0)
			break;
		if (skip[k])
			continue;
		if (!full) {
			pi = 0;
			while (pi + 1 < u->n_prof && u->prof_from[pi + 1] <= P->itins[u->elig[k]].dep_date)
				pi++;
			n_nz = ssr_codes(&u->prof[pi], nz);
		}
		int it = u->elig[k];
		mp_date dep = P->itins[it].dep_date;
		if (full && pi + 1 < u->n_prof && u->prof_from[pi + 1] <= dep) {
			while (pi + 1 < u->n_prof && u->prof_from[pi + 1] <= dep)
				pi++; /* eligible itineraries come by departure */
			n_nz = ssr_codes(&u->prof[pi], nz);
		}
		if (u->clinic && dep != cdep) {
			clinic = unit_clinic(L, u, dep);
			cdep = dep;
		}
		double v = col_value(&L->S[it], &u->prof[pi], nz, n_nz, clinic);
		if (v <= bv[KEEP - 1])
			continue;
		for (int b = 0; b < KEEP; b++)
			if (v > bv[b]) {
				memmove(&bv[b + 1], &bv[b], (size_t)(KEEP - b - 1) * sizeof *bv);
				memmove(&best[b + 1], &best[b], (size_t)(KEEP - b - 1) * sizeof *best);
				bv[b] = v;
				best[b] = k;
				break;
			}
	}
	L->bestv[slot] = bv[0];
	if (full)
		memcpy(&L->cand[slot * KEEP], best, KEEP * sizeof *best);
	return bv[0];
}

/* ---- escorts: best trips under the turnaround ---- */

typedef struct trip {
	mp_date d;
	double v;
	int it;
} trip;

static int cmp_trip(const void *a, const void *b)
{
	const trip *x = a, *y = b;
	return x->d != y->d ? (x->d < y->d ? -1 : 1) : x->it - y->it;
}

/* Weighted interval scheduling: trips at least t days apart. */
static double escort_best(lagr *L, int s, bool sub)
{
	pl_ctx *P = L->P;
	const mp_escort *e = &P->ds->escorts[s];
	trip *v = NULL;
	int n = 0;
	for (int i = 0; i < P->n_itins; i++) {
		if (!L->want[i] || !pl_escort_free(P, s, i))
			continue;
		const itsum *d = &L->S[i];
		double val = e->covers * (d->cover + (e->kind == MP_ESC_MEDICAL ? d->med : 0)) - d->seats;
		if (val <= 0)
			continue;
		v = mp_xrealloc(v, (size_t)(n + 1) * sizeof *v);
		v[n++] = (trip){P->itins[i].dep_date, val, i};
	}
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_trip);
	int t = e->turnaround_days > 1 ? e->turnaround_days : 1;
	double *f = mp_xcalloc((size_t)n + 1, sizeof *f);
	int *prev = mp_xcalloc((size_t)n + 1, sizeof *prev);
	for (int k = 0; k < n; k++) {
		int p = k - 1;
		while (p >= 0 && v[p].d > v[k].d - t)
			p--;
		prev[k] = p;
		double take = v[k].v + (p >= 0 ? f[p] : 0);
		f[k] = fmax(k > 0 ? f[k - 1] : 0, take);
	}
	double best = f[n - 1];
	/* the subgradient: walk back the chosen trips */
	for (int k = n - 1; sub && k >= 0;) {
		double take = v[k].v + (prev[k] >= 0 ? f[prev[k]] : 0);
		if (take >= f[k] - 1e-12 && (k == 0 || take >= f[k - 1])) {
			const pl_itin *it = &P->itins[v[k].it];
			for (int l = 0; l < it->n_legs; l++) {
				int r = pl_res_find(P, RK_SEATS, it->legs[l], 0);
				if (r >= 0)
					L->g[r] -= 1;
			}
			L->gpi[v[k].it] += e->covers;
			if (e->kind == MP_ESC_MEDICAL)
				L->grho[v[k].it] += e->covers;
			k = prev[k];
		} else {
			k--;
		}
	}
	free(f);
	free(prev);
	free(v);
	return best;
}

/* ---- one evaluation of L and its subgradient ---- */

typedef struct subacc {
	lagr *L;
	double times;
} subacc;

static void sub_res(void *arg, int r, double v)
{
	subacc *a = arg;
	a->L->g[r] -= v * a->times;
}

static void unit_subgradient(lagr *L, int slot)
{
	pl_ctx *P = L->P;
	int ui = L->C->units[slot];
	const pl_unit *u = &P->units[ui];
	int k = L->best[slot * KEEP];
	pl_col col;
	pl_col_make(P, ui, k, &col);
	subacc a = {L, u->count};
	pl_col_res(P, &col, sub_res, &a);
	L->gpi[col.itin] -= col.need * u->count;
	L->grho[col.itin] -= col.need_med * u->count;
	mp_date dep = P->itins[col.itin].dep_date;
	for (int i = 0; i < u->n_cases && !u->aggregated; i++) {
		double p;
		if (P->cases[u->cases[i]].clinic < 0)
			continue;
		int r = cheapest_day(L, u->cases[i], dep, &p);
		if (r >= 0)
			L->g[r] -= P->cases[u->cases[i]].persons;
	}
}

/* Pricing - every unit's best columns - is nearly all of an
 * iteration's time and reads only the multipliers' sums: the units are
 * split into contiguous slices of about equal eligible pairs, one per
 * core (at most PRICE_THREADS), each priced by its own thread.  What
 * depends on the order (L's value, the subgradient) is then summed in
 * unit order by the calling thread, so the result does not depend on
 * the number of threads. */
#define PRICE_THREADS 4
double pl_price_pairs = 20000; /* components smaller are priced by one thread */

typedef struct slice {
	lagr *L;
	int from, to;
	bool full;
} slice;

static void *price_slice(void *arg)
{
	slice *sl = arg;
	for (int k = sl->from; k < sl->to; k++)
		unit_best(sl->L, k, sl->full);
	return NULL;
}

static int price_threads(const lagr *L)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1 || L->C->size < pl_price_pairs) /* small: not worth a thread */
		return 1;
	return n > PRICE_THREADS ? PRICE_THREADS : (int)n;
}

static void price_all(lagr *L, bool full)
{
	int nt = price_threads(L), n = L->C->n_units;
	slice sl[PRICE_THREADS];
	pthread_t th[PRICE_THREADS];
	bool started[PRICE_THREADS] = {false};
	double per = L->C->size / nt, acc = 0;
	int k = 0;
	for (int t = 0; t < nt; t++) {
		sl[t] = (slice){L, k, n, full};
		if (t < nt - 1) {
			while (k < n && acc < per * (t + 1))
				acc += L->P->units[L->C->units[k++]].n_elig;
			sl[t].to = k;
		}
	}
	for (int t = 1; t < nt; t++)
		started[t] = pthread_create(&th[t], NULL, price_slice, &sl[t]) == 0;
	price_slice(&sl[0]);
	for (int t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			price_slice(&sl[t]); /* no thread: price it here */
	}
}

/* L(lambda) with its subgradient; only a full pricing gives a bound. */
static double evaluate(lagr *L, bool full)
{
	pl_ctx *P = L->P;
	sums(L);
	day_prices(L);
	double val = 0;
	for (int r = 0; r < P->n_res; r++) {
		L->g[r] = P->res[r].binding ? pl_res_room(&P->res[r]) : 0;
		val += L->lam[r] * L->g[r];
	}
	for (int i = 0; i < P->n_itins; i++) {
		L->gpi[i] = L->cov0[i];
		L->grho[i] = L->med0[i];
		val += L->pi[i] * L->cov0[i] + L->rho[i] * L->med0[i];
	}
	price_all(L, full);
	for (int k = 0; k < L->C->n_units; k++) {
		double v = L->bestv[k];
		if (v > 0 && L->best[k * KEEP] >= 0) {
			val += v * P->units[L->C->units[k]].count;
			unit_subgradient(L, k);
		}
	}
	for (int s = 0; s < P->ds->n_escorts; s++)
		val += escort_best(L, s, true);
	return val;
}

/* ---- the volume algorithm ---- */

/* gbar <- alpha g + (1 - alpha) gbar: the subgradient of the averaged
 * primal solution (on the first call, g itself). */
static void average(lagr *L, double alpha)
{
	for (int r = 0; r < L->n_dual; r++)
		L->gbar[r] = alpha * L->g[r] + (1 - alpha) * L->gbar[r];
}

/* The alpha minimising |alpha g + (1 - alpha) gbar| (Barahona and
 * Anbil), kept within [amax / 10, amax]. */
static double best_alpha(const lagr *L, double amax)
{
	double num = 0, den = 0;
	for (int r = 0; r < L->n_dual; r++) {
		if (!L->active[r])
			continue;
		double d = L->gbar[r] - L->g[r];
		num += L->gbar[r] * d;
		den += d * d;
	}
	double a = den > 0 ? num / den : amax;
	return fmin(amax, fmax(amax / 10, a));
}

/* |gbar|^2 projected at the centre: a row whose multiplier is 0 and
 * which has slack cannot move. */
static double norm2(const lagr *L)
{
	double n = 0;
	for (int r = 0; r < L->n_dual; r++)
		if (L->active[r] && !(L->center[r] <= 0 && L->gbar[r] > 0))
			n += L->gbar[r] * L->gbar[r];
	return n;
}

/* lambda <- max(0, centre - t gbar) on the rows. */
static void step(lagr *L, double t)
{
	for (int r = 0; r < L->n_dual; r++)
		L->lam[r] = L->active[r] ? fmax(0, L->center[r] - t * L->gbar[r]) : 0;
}

/* g . gbar: >= 0 when a longer step along gbar would have helped. */
static double dot_g_gbar(const lagr *L)
{
	double d = 0;
	for (int r = 0; r < L->n_dual; r++)
		if (L->active[r])
			d += L->g[r] * L->gbar[r];
	return d;
}

/* ---- plans from the multipliers ---- */

static int cmp_order(const void *a, const void *b, void *arg)
{
	const lagr *L = arg;
	int x = *(const int *)a, y = *(const int *)b;
	double vx = L->bestv[x], vy = L->bestv[y];
	/* per copy and person: the value density of the unit */
	const pl_unit *ux = &L->P->units[L->C->units[x]], *uy = &L->P->units[L->C->units[y]];
	vx /= fmax(1, ux->prof[0].persons);
	vy /= fmax(1, uy->prof[0].persons);
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return x - y;
}

static void clear_vals(pl_ctx *P, const pl_comp *C)
{
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			P->cols[u->cols[t]].val = 0;
	}
}

/* Places every unit, in the order of its Lagrangian value per person,
 * on the first of its best-priced columns that fits; returns the
 * plan's level-1 value (in vals and S). */
static double heuristic(lagr *L, pl_state *S)
{
	pl_ctx *P = L->P;
	const pl_comp *C = L->C;
	pl_state_reset(P, S);
	clear_vals(P, C);
	pl_escplan_apply(P, S, &L->esc);
	for (int k = 0; k < C->n_units; k++)
		L->order[k] = k;
	qsort_r(L->order, (size_t)C->n_units, sizeof(int), cmp_order, L);
	for (int o = 0; o < C->n_units; o++) {
		int slot = L->order[o];
		int ui = C->units[slot];
		for (int b = 0; b < KEEP && pl_unit_placed(P, ui) < P->units[ui].count; b++) {
			int pos = L->best[slot * KEEP + b];
			if (pos < 0)
				break;
			while (pl_unit_placed(P, ui) < P->units[ui].count && pl_try(P, S, ui, pos, true))
				;
		}
	}
	/* the rest by the plain greedy: it fills what the prices left */
	pl_greedy(P, S, C->units, C->n_units);
	return pl_comp_value(P, C);
}

/* ---- the driver ---- */

static void lagr_init(lagr *L, pl_ctx *P, const pl_comp *C)
{
	memset(L, 0, sizeof *L);
	L->P = P;
	L->C = C;
	/* every check-day resource exists before the arrays are sized */
	int res[3];
	for (int c = 0; c < P->ds->n_clinics; c++)
		for (mp_date d = P->as_of - 1; d <= P->horizon_end; d++)
			pl_check_res(P, c, d, res);
	size_t nr = (size_t)P->n_res + 1, ni = (size_t)P->n_itins + 1, nu = (size_t)C->n_units + 1;
	/* one flat vector each: [resources | pi per itinerary | rho per itinerary] */
	L->n_dual = (int)(nr + 2 * ni);
	L->lam = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->pi = L->lam + nr;
	L->rho = L->pi + ni;
	L->g = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->gpi = L->g + nr;
	L->grho = L->gpi + ni;
	L->center = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->gbar = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->active = mp_xcalloc((size_t)L->n_dual, sizeof(bool));
	for (size_t r = 0; r < nr + 2 * ni; r++)
		L->active[r] = r >= nr || ((int)r < P->n_res && P->res[r].binding);
	L->S = mp_xcalloc(ni, sizeof(itsum));
	L->want = mp_xcalloc(ni, sizeof(bool));
	L->cov0 = mp_xcalloc(ni, sizeof(int));
	L->med0 = mp_xcalloc(ni, sizeof(int));
	L->best = mp_xcalloc(nu * KEEP, sizeof(int));
	L->skip_at = mp_xcalloc(nu, sizeof(size_t));
	size_t npos = 0;
	for (int k = 0; k < C->n_units; k++) {
		L->skip_at[k] = npos;
		npos += (size_t)P->units[C->units[k]].n_elig;
	}
	L->skip = mp_xcalloc(npos + 1, 1);
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int j = 0; j < u->n_elig; j++)
			L->skip[L->skip_at[k] + (size_t)j] = u->col_at[j] >= 0 && P->cols[u->col_at[j]].dropped;
	}
	L->cand = mp_xcalloc(nu * KEEP, sizeof(int));
	L->bestv = mp_xcalloc(nu, sizeof(double));
	L->order = mp_xcalloc(nu, sizeof(int));
	size_t nd = (size_t)P->ds->n_clinics * (size_t)P->cday_days + 1;
	L->dayprice = mp_xcalloc(nd, sizeof(double));
	L->dayres = mp_xcalloc(nd, sizeof(int));
	for (int k = 0; k < C->n_units; k++)
		for (int p = 0; p < P->units[C->units[k]].n_elig; p++)
			L->want[P->units[C->units[k]].elig[p]] = true;
	for (int i = 0; i < P->n_itins; i++) {
		int cov = 0, med = 0;
		for (int s = 0; s < P->ds->n_escorts; s++)
			if (pl_escort_on(P, s, i)) {
				cov += P->ds->escorts[s].covers;
				med += P->ds->escorts[s].kind == MP_ESC_MEDICAL ? P->ds->escorts[s].covers : 0;
			}
		L->cov0[i] = cov > P->pin_need[i] ? cov - P->pin_need[i] : 0;
		L->med0[i] = med > P->pin_med[i] ? med - P->pin_med[i] : 0;
	}
}

static void lagr_free(lagr *L)
{
	free(L->lam), free(L->g), free(L->center), free(L->gbar), free(L->active);
	free(L->S), free(L->want), free(L->cov0), free(L->med0);
	free(L->best), free(L->cand), free(L->skip), free(L->skip_at), free(L->bestv), free(L->order);
	free(L->dayprice), free(L->dayres);
	pl_escplan_free(&L->esc);
}

typedef struct keep {
	int *col;
	double *val;
	int n;
	pl_trip *trips;
	int n_trips;
	mp_date *day;   /* per case of the component, in unit order */
} keep;

static void keep_plan(pl_ctx *P, const pl_comp *C, pl_state *S, keep *K)
{
	free(K->col), free(K->val), free(K->trips), free(K->day);
	memset(K, 0, sizeof *K);
	int nc = 0;
	for (int k = 0; k < C->n_units; k++)
		nc += P->units[C->units[k]].n_cases;
	K->day = mp_xcalloc((size_t)nc + 1, sizeof(mp_date));
	nc = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			if (P->cols[u->cols[t]].val > 0) {
				K->col = mp_xrealloc(K->col, (size_t)(K->n + 1) * sizeof(int));
				K->val = mp_xrealloc(K->val, (size_t)(K->n + 1) * sizeof(double));
				K->col[K->n] = u->cols[t];
				K->val[K->n++] = P->cols[u->cols[t]].val;
			}
		for (int i = 0; i < u->n_cases; i++)
			K->day[nc++] = pl_state_day(S, u->cases[i]);
	}
	int nt;
	const pl_trip *tr = pl_state_trips(S, &nt);
	K->trips = mp_xcalloc((size_t)nt + 1, sizeof *K->trips);
	if (nt > 0)
		memcpy(K->trips, tr, (size_t)nt * sizeof *tr);
	K->n_trips = nt;
}

/* Writes the kept plan as the component's solution. */
static void apply_plan(pl_ctx *P, const pl_comp *C, const keep *K)
{
	clear_vals(P, C);
	for (int i = 0; i < K->n; i++)
		P->cols[K->col[i]].val = K->val[i];
	int nc = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int i = 0; i < u->n_cases; i++)
			P->cases[u->cases[i]].sol_ftt = K->day[nc++];
	}
	for (int t = 0; t < K->n_trips; t++) {
		MP_GROW(P->trips, P->n_trips, P->cap_trips);
		P->trips[P->n_trips++] = K->trips[t];
	}
}

/* A plan at the centre's multipliers, kept in K when better than lb;
 * returns the best level 1.  Leaves L priced at the centre. */
static double plan_at_centre(lagr *L, pl_state *S, double lb, keep *K)
{
	memcpy(L->lam, L->center, (size_t)L->n_dual * sizeof *L->lam);
	evaluate(L, true);
	double h = heuristic(L, S);
	if (h <= lb)
		return lb;
	keep_plan(L->P, L->C, S, K);
	return h;
}

void pl_lagr_solve(pl_ctx *P, const pl_comp *C, double seconds, pl_lagr_result *out)
{
	double t0 = pl_now();
	lagr L;
	lagr_init(&L, P, C);
	pl_state *S = pl_state_new(P);
	pl_hold(P, S, pl_release_state);
	keep K;
	memset(&K, 0, sizeof K);
	/* escort trips first: every plan starts from them */
	pl_escort_plan(P, C, &L.esc);
	/* the plain greedy first: a plan, and the target for the steps */
	clear_vals(P, C);
	pl_greedy(P, S, C->units, C->n_units);
	double lb = pl_comp_value(P, C);
	out->greedy = lb;
	keep_plan(P, C, S, &K);
	double ub = INFINITY, theta = THETA0, amax = 0.1;
	int red = 0, it = 0;
	int every = C->size > PARTIAL_PAIRS ? FULL_EVERY : 1;
	double next_plan = t0 + seconds / HEURISTICS;
	double want = fmax(P->req ? P->req->options.gap : 0, 1e-9);
	while (pl_now() - t0 < seconds) {
		bool full = it % every == 0;
		double v = evaluate(&L, full);
		double alpha = it == 0 ? 1 : best_alpha(&L, amax);
		average(&L, alpha);
		if (full && (isinf(ub) || v < ub - 1e-9 * fmax(1, fabs(ub)))) {
			/* a serious step: the centre moves here */
			bool green = dot_g_gbar(&L) >= 0;
			ub = v;
			memcpy(L.center, L.lam, (size_t)L.n_dual * sizeof *L.lam);
			red = 0;
			if (green)
				theta = fmin(2, theta * 1.1);
		} else if (full && ++red >= 20) {
			theta *= 0.66;
			red = 0;
		}
		if (full && pl_now() >= next_plan) {
			next_plan = pl_now() + seconds / HEURISTICS;
			/* plans from the centre's prices (the best L so
			 * far), not the last trial point's; the next step
			 * starts from the centre anyway */
			lb = plan_at_centre(&L, S, lb, &K);
		}
		it++;
		double n2 = norm2(&L);
		if (n2 <= 0 || ub - lb <= want * fmax(1, fabs(ub)) || theta < 1e-5)
			break; /* the requested gap is reached, or no progress */
		step(&L, theta * (ub - lb) / n2);
	}
	/* the centre's best columns, for the searches after (ls.c), and a
	 * last plan from them (a run that stops early has made none) */
	lb = plan_at_centre(&L, S, lb, &K);
	out->best = mp_xcalloc((size_t)C->n_units * KEEP + 1, sizeof(int));
	out->best_value = mp_xcalloc((size_t)C->n_units + 1, sizeof(double));
	memcpy(out->best, L.best, (size_t)C->n_units * KEEP * sizeof(int));
	memcpy(out->best_value, L.bestv, (size_t)C->n_units * sizeof(double));
	apply_plan(P, C, &K);
	out->bound = fmax(ub, lb);
	out->value = lb;
	out->iterations = it;
	pl_unhold(P, S);
	pl_state_free_esc(P, S);
	free(K.col), free(K.val), free(K.trips), free(K.day);
	lagr_free(&L);
}
