/*
 * lagr.c - the volume algorithm on the Lagrangian function of a large
 * component's level 1 (price.h): fast multipliers, a valid bound, and
 * prices for plans, before column generation (cg.c) solves the LP.
 *
 * Plain subgradient steps zigzag: they left the medium preset's bound
 * 0.6 % above the LP bound after 1 400 steps and got no better with
 * more.  The volume algorithm (Barahona and Anbil, Math. Programming 87,
 * 2000) keeps
 *   - a centre: the multipliers of the smallest L found so far; every
 *     step starts from it ("serious" steps move it, "null" steps not);
 *   - the direction gbar = alpha g + (1 - alpha) gbar, an average of the
 *     subgradients, i.e. the room left by an averaged primal solution -
 *     which tends to the LP optimum, so the direction stops zigzagging
 *     as it does; alpha minimises |gbar| within [0.01, 0.1];
 *   - the step theta (L(centre) - best plan) / |gbar|^2 (Polyak's), with
 *     theta from THETA0, grown 10 % after an improving step that a
 *     longer step would have helped (g . gbar >= 0) and cut by a third
 *     after 20 steps without improvement.
 * Its multipliers seed column generation with the columns that matter
 * (each unit's best at the centre), which is what makes the LP fast.
 *
 * Every step is counted in work units (the pairs priced), never timed,
 * so the same input and budget give the same multipliers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lagr.h"

/* Above this many eligible pairs, only every FULL_EVERY-th iteration
 * prices every pair (and counts for the bound); the others price each
 * unit's best candidates of the last full pricing. */
#define PARTIAL_PAIRS 1e6
#define FULL_EVERY 2
/* The first step's theta.  From 1 (Barahona and Anbil's choice) twenty
 * steps without improvement cut it to 0.5 within the first 100 steps
 * on the large preset; from 0.1 the bound is at 452 500 in 28 s instead
 * of 455 700. */
#define THETA0 0.1
#define THETA_MIN 1e-5  /* below this the method has stalled */

struct pl_vol {
	pl_price *F;
	pl_ctx *P;
	const pl_comp *C;
	double *center;    /* multipliers of the best L found */
	double *gbar;      /* averaged subgradient */
	double *next;      /* the multipliers the next step evaluates (the
			    * function's may be moved meanwhile: cg.c) */
	double ub;         /* L at the centre (a valid bound) */
	double theta, amax;
	int red;           /* steps without improvement */
	int it;            /* iterations so far */
	bool stalled;
};

static void average(pl_vol *V, double alpha)
{
	const pl_price *F = V->F;
	for (int r = 0; r < F->n_dual; r++)
		V->gbar[r] = alpha * F->g[r] + (1 - alpha) * V->gbar[r];
}

/* The alpha minimising |alpha g + (1 - alpha) gbar| (Barahona and
 * Anbil), kept within [amax / 10, amax]. */
static double best_alpha(const pl_vol *V)
{
	const pl_price *F = V->F;
	double num = 0, den = 0;
	for (int r = 0; r < F->n_dual; r++) {
		if (!F->active[r])
			continue;
		double d = V->gbar[r] - F->g[r];
		num += V->gbar[r] * d;
		den += d * d;
	}
	double a = den > 0 ? num / den : V->amax;
	return fmin(V->amax, fmax(V->amax / 10, a));
}

/* |gbar|^2 projected at the centre: a row whose multiplier is 0 and
 * which has slack cannot move. */
static double norm2(const pl_vol *V)
{
	const pl_price *F = V->F;
	double n = 0;
	for (int r = 0; r < F->n_dual; r++)
		if (F->active[r] && !(V->center[r] <= 0 && V->gbar[r] > 0))
			n += V->gbar[r] * V->gbar[r];
	return n;
}

/* lambda <- max(0, centre - t gbar) on the rows. */
static void step(pl_vol *V, double t)
{
	pl_price *F = V->F;
	for (int r = 0; r < F->n_dual; r++)
		F->lam[r] = F->active[r] ? fmax(0, V->center[r] - t * V->gbar[r]) : 0;
}

/* g . gbar: >= 0 when a longer step along gbar would have helped. */
static double dot_g_gbar(const pl_vol *V)
{
	const pl_price *F = V->F;
	double d = 0;
	for (int r = 0; r < F->n_dual; r++)
		if (F->active[r])
			d += F->g[r] * V->gbar[r];
	return d;
}

pl_vol *pl_vol_new(pl_ctx *P, const pl_comp *C, pl_price *F)
{
	pl_vol *V = mp_xcalloc(1, sizeof *V);
	V->F = F;
	V->P = P;
	V->C = C;
	V->center = mp_xcalloc((size_t)F->n_dual, sizeof(double));
	V->gbar = mp_xcalloc((size_t)F->n_dual, sizeof(double));
	V->next = mp_xcalloc((size_t)F->n_dual, sizeof(double));
	memcpy(V->next, F->lam, (size_t)F->n_dual * sizeof *F->lam);
	V->ub = INFINITY;
	V->theta = THETA0;
	V->amax = 0.1;
	return V;
}

void pl_vol_free(pl_vol *V)
{
	if (!V)
		return;
	free(V->center), free(V->gbar), free(V->next);
	free(V);
}

void pl_vol_release(pl_ctx *P, void *p)
{
	(void)P;
	pl_vol_free(p);
}

bool pl_vol_run(pl_vol *V, double lb, double gap, const pl_budget *b)
{
	pl_ctx *P = V->P;
	pl_price *F = V->F;
	int every = V->C->size > PARTIAL_PAIRS ? FULL_EVERY : 1;
	double want = fmax(gap, 1e-9);
	memcpy(F->lam, V->next, (size_t)F->n_dual * sizeof *F->lam);
	while (!V->stalled && !pl_spent(P, b)) {
		bool full = V->it % every == 0;
		double pairs0 = F->pairs;
		double v = pl_price_eval(F, full);
		pl_work(P, (F->pairs - pairs0) * PL_WORK_PAIR + F->n_dual * PL_WORK_DUAL);
		double alpha = V->it == 0 ? 1 : best_alpha(V);
		average(V, alpha);
		if (full && (isinf(V->ub) || v < V->ub - 1e-9 * fmax(1, fabs(V->ub)))) {
			/* a serious step: the centre moves here */
			bool green = dot_g_gbar(V) >= 0;
			V->ub = v;
			memcpy(V->center, F->lam, (size_t)F->n_dual * sizeof *F->lam);
			V->red = 0;
			if (green)
				V->theta = fmin(2, V->theta * 1.1);
		} else if (full && ++V->red >= 20) {
			V->theta *= 0.66;
			V->red = 0;
		}
		V->it++;
		double n2 = norm2(V);
		if (n2 <= 0 || V->ub - lb <= want * fmax(1, fabs(V->ub)) || V->theta < THETA_MIN) {
			V->stalled = true; /* the requested gap is reached, or no progress */
			break;
		}
		step(V, V->theta * (V->ub - lb) / n2);
		memcpy(V->next, F->lam, (size_t)F->n_dual * sizeof *F->lam);
	}
	return V->stalled;
}

double pl_vol_bound(const pl_vol *V)
{
	return V->ub;
}

int pl_vol_iterations(const pl_vol *V)
{
	return V->it;
}

void pl_vol_at_centre(pl_vol *V)
{
	pl_price *F = V->F;
	memcpy(F->lam, V->center, (size_t)F->n_dual * sizeof *F->lam);
	double pairs0 = F->pairs;
	pl_price_eval(F, true);
	pl_work(V->P, (F->pairs - pairs0) * PL_WORK_PAIR);
}
