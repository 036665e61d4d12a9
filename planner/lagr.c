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
#include "price.h"

#define KEEP PL_PRICE_KEEP
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

/* The volume algorithm's state over the Lagrangian function. */
typedef struct lagr {
	pl_price F;        /* the function, its multipliers and subgradient */
	pl_ctx *P;
	const pl_comp *C;
	int n_dual;
	double *lam, *g;   /* F's */
	double *center;    /* multipliers of the best L found */
	double *gbar;      /* averaged subgradient: room less the use of
			    * the averaged (LP-like) primal solution */
	bool *active;      /* F's */
	int *best;         /* F's */
	double *bestv;     /* F's */
	int *order;        /* units by value, for the heuristic */
	pl_escplan esc;    /* escort trips every plan starts from */
} lagr;

static double evaluate(lagr *L, bool full)
{
	return pl_price_eval(&L->F, full);
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
	pl_price_init(&L->F, P, C);
	L->P = P;
	L->C = C;
	L->n_dual = L->F.n_dual;
	L->lam = L->F.lam;
	L->g = L->F.g;
	L->active = L->F.active;
	L->best = L->F.best;
	L->bestv = L->F.bestv;
	L->center = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->gbar = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->order = mp_xcalloc((size_t)C->n_units + 1, sizeof(int));
}

static void lagr_free(lagr *L)
{
	free(L->center), free(L->gbar), free(L->order);
	pl_price_release(&L->F);
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
