/*
 * bottleneck.c - `movplan bottlenecks` (decide.h): the limits that bind
 * and what more of each is worth on level 1 (docs/decisions.md, 4).
 *
 *  1. The LP relaxation (level 1) of every component's complete program
 *     (nbh.c: every column, every limit a row) gives each limit's dual
 *     value: what level 1 would gain, in the relaxation, per unit more.
 *     The days of a clinic fold into the clinic (the data holds one
 *     capacity a day).  Limits with a positive dual bind; they are
 *     ranked by it.
 *  2. For the top ones, the restricted model - every case the plan
 *     books stays booked (it may move), every waiting case may enter -
 *     is solved with the limit raised by k = 1, 2, ... units: its
 *     level-1 gain rises in steps and stops where raising the limit
 *     without any bound would gain no more.
 *  3. Each step is measured by a full re-plan of the data with the limit
 *     raised (mp_plan_build, the stored plan as reference): those gains,
 *     in level 1 and persons, are what is reported.  The dual and the
 *     restricted model only choose what to measure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decide_int.h"

#define MAX_MEASURED_STEPS 3
#define UNBOUNDED 99999.0
#define SOLVE_MS 20000
#define DIRECT_MS 5000  /* each solve breaking a tie */

typedef struct cand {
	enum mp_change_kind kind;
	int a, b;          /* flight and code, quota, clinic and its busiest day */
	int comp;
	double dual;
	double direct;     /* the restricted model's gain with no bound: breaks ties */
	bool tie;          /* tied with the last measured: direct is computed */
	int *res; int n_res;  /* the resources raised together */
} cand;

typedef struct bctx {
	const mp_decide_request *dr;
	pl_nbh N;
	cand *c; int n, cap;
	int m_comp;           /* the component whose model B->N.M is, -1 */
	int lp_rows, lp_cols; /* > 0: this LP did not solve within lp_seconds() */
} bctx;

/* The complete program's LP is solved by the simplex from scratch: on a
 * mission of thousands of cases (the medium tight preset: 107,136 rows,
 * 440,498 columns) that takes far longer than the plan (17 s there), which
 * goes by column generation; the command ran for over 15 minutes without
 * a word.  A limit (--time-limit when given) makes it say so instead. */
#define LP_SECONDS 60.0

static double lp_seconds(const bctx *B)
{
	return B->dr->options.time_limit > 0 ? B->dr->options.time_limit : LP_SECONDS;
}

/* The complete program of component comp, built once for the duals and
 * the ties. */
static pl_model *comp_model(bctx *B, int comp)
{
	if (B->m_comp != comp || !B->N.M) {
		pl_nbh_model(&B->N, comp);
		B->m_comp = comp;
	}
	return B->N.M;
}

static enum mp_change_kind kind_of(enum pl_rkind k)
{
	static const enum mp_change_kind kinds[RK_N] = {
		MP_CH_SEATS, MP_CH_SSR, MP_CH_QUOTA_PERSONS, MP_CH_QUOTA_CASES, MP_CH_CLINIC};
	return kinds[k];
}

static void set_level1(pl_model *M)
{
	for (int j = 1; j <= M->n; j++)
		glp_set_obj_coef(M->lp, j, M->obj[0][j]);
	glp_set_obj_dir(M->lp, GLP_MAX);
}

static void restrict_units(bctx *B, pl_model *M, int comp);
static void raise_rows(pl_model *M, const pl_ctx *P, const cand *c, const double *ub, double k);
static void clinic_days(bctx *B, cand *c);
static int cmp_dual(const void *a, const void *b);

/* ---- 1. duals ---- */

static cand *cand_for(bctx *B, const pl_res *x, int comp)
{
	for (int i = 0; x->kind == RK_CLINIC && i < B->n; i++)
		if (B->c[i].kind == MP_CH_CLINIC && B->c[i].a == x->a && B->c[i].comp == comp)
			return &B->c[i];
	MP_GROW(B->c, B->n, B->cap);
	cand *c = &B->c[B->n++];
	memset(c, 0, sizeof *c);
	c->kind = kind_of(x->kind);
	c->a = x->a;
	c->b = x->b;
	c->comp = comp;
	return c;
}

/* What each tied candidate of the component (c->tie) gains in the
 * restricted model with no bound at all: ranks candidates of equal
 * dual where they straddle the top N.  Only there: it changes which
 * limits are measured, nothing else (the answer is sorted by what the
 * re-plans measure), and each solve may take DIRECT_MS twice (LP and
 * MIP): on a 750-case mission 44 limits bound and, each tie-broken
 * within 20 s, the command spent many minutes on it. */
static void direct_gains(bctx *B, int comp)
{
	pl_ctx *P = &B->N.P;
	pl_model *M = comp_model(B, comp);
	restrict_units(B, M, comp);
	double *inc = pl_nbh_plan_vector(&B->N), base = 0, v = 0;
	if (!pl_nbh_solve(M, inc, SOLVE_MS, &base))
		base = -1;
	for (int i = 0; base >= 0 && i < B->n; i++) {
		cand *c = &B->c[i];
		if (c->comp != comp || !c->tie)
			continue;
		if (c->kind == MP_CH_CLINIC)
			clinic_days(B, c);
		double *ub = mp_xcalloc((size_t)c->n_res + 1, sizeof(double));
		for (int k = 0; k < c->n_res; k++)
			ub[k] = glp_get_row_ub(M->lp, P->res[c->res[k]].row);
		raise_rows(M, P, c, ub, UNBOUNDED);
		if (pl_nbh_solve(M, inc, DIRECT_MS, &v))
			c->direct = v - base;
		raise_rows(M, P, c, ub, 0);
		free(ub);
	}
	free(inc);
}

static void comp_duals(bctx *B, int comp)
{
	pl_ctx *P = &B->N.P;
	pl_model *M = comp_model(B, comp);
	if (M->res_rows.n == 0)
		return;
	set_level1(M);
	glp_smcp parm;
	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_OFF; /* keeps the duals of every row */
	parm.tm_lim = (int)fmin(lp_seconds(B) * 1000, 86400000);
	pl_decide_log(B->dr, "bottlenecks: the LP of component %d (%d rows, %d columns)", comp,
		      glp_get_num_rows(M->lp), glp_get_num_cols(M->lp));
	int st = glp_simplex(M->lp, &parm);
	if (st == GLP_ETMLIM) {
		B->lp_rows = glp_get_num_rows(M->lp);
		B->lp_cols = glp_get_num_cols(M->lp);
		return;
	}
	if (st != 0 || glp_get_status(M->lp) != GLP_OPT)
		return;
	double best_day = 0;
	for (int k = 0; k < M->res_rows.n; k++) {
		int r = M->res_rows.v[k];
		const pl_res *x = &P->res[r];
		double d = glp_get_row_dual(M->lp, x->row);
		if (d <= 1e-7)
			continue;
		cand *c = cand_for(B, x, comp);
		if (x->kind == RK_CLINIC && d > best_day)
			best_day = d, c->b = x->b;
		c->dual += d;
		c->res = mp_xrealloc(c->res, (size_t)(c->n_res + 1) * sizeof(int));
		c->res[c->n_res++] = r;
	}
}

/* The candidates tied by their dual with the last of the top `upto`,
 * when the tie straddles it: their direct gains decide which are
 * measured.  Sorted again. */
static void break_ties(bctx *B, int upto)
{
	qsort(B->c, (size_t)B->n, sizeof *B->c, cmp_dual);
	if (upto <= 0 || upto >= B->n || fabs(B->c[upto].dual - B->c[upto - 1].dual) > 1e-9)
		return;
	double d = B->c[upto - 1].dual;
	int n_tie = 0;
	for (int i = 0; i < B->n; i++)
		n_tie += B->c[i].tie = fabs(B->c[i].dual - d) <= 1e-9;
	pl_decide_log(B->dr, "bottlenecks: %d limits bind, %d tied at the %d-th's dual", B->n, n_tie,
		      upto);
	for (int comp = 0; comp < B->N.P.n_comps; comp++) {
		bool any = false;
		for (int i = 0; i < B->n && !any; i++)
			any = B->c[i].tie && B->c[i].comp == comp;
		if (any)
			direct_gains(B, comp);
	}
	qsort(B->c, (size_t)B->n, sizeof *B->c, cmp_dual);
}

/* A clinic is raised on every day of the component, not only those with
 * a dual: the data's capacity is one for all days. */
static void clinic_days(bctx *B, cand *c)
{
	pl_ctx *P = &B->N.P;
	c->n_res = 0;
	for (int r = 0; r < P->n_res; r++)
		if (P->res[r].kind == RK_CLINIC && P->res[r].a == c->a && P->res[r].row > 0) {
			c->res = mp_xrealloc(c->res, (size_t)(c->n_res + 1) * sizeof(int));
			c->res[c->n_res++] = r;
		}
}

static int cmp_dual(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (fabs(x->dual - y->dual) > 1e-9)
		return x->dual > y->dual ? -1 : 1;
	if (fabs(x->direct - y->direct) > 1e-9)
		return x->direct > y->direct ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return x->a != y->a ? x->a - y->a : x->b - y->b;
}

/* ---- 2. the restricted curve ---- */

/* Booked cases fixed on the plan's itineraries (their check days and
 * the escorts' trips free), waiting cases free: the cases that could
 * take new room directly.  Gains that need a booked case to move show
 * only in the re-plans. */
static void restrict_units(bctx *B, pl_model *M, int comp)
{
	pl_ctx *P = &B->N.P;
	const pl_comp *C = &P->comps[comp];
	for (int k = 0; k < C->n_units; k++) {
		int u = C->units[k];
		int booked = pl_nbh_booked(P, u);
		if (booked > 0)
			glp_set_row_bnds(M->lp, M->unit_row[u], GLP_FX, booked, booked);
	}
	for (int j = 1; j <= M->n; j++) {
		if (M->kind[j] != 'x')
			continue;
		const pl_col *col = &P->cols[M->ref[j]];
		if (pl_nbh_booked(P, col->unit) > 0)
			glp_set_col_bnds(M->lp, j, GLP_FX, col->ref > 0, col->ref > 0);
	}
	set_level1(M);
}

static void raise_rows(pl_model *M, const pl_ctx *P, const cand *c, const double *ub, double k)
{
	for (int i = 0; i < c->n_res; i++)
		glp_set_row_bnds(M->lp, P->res[c->res[i]].row, GLP_UP, 0, ub[i] + k);
}

typedef struct gcurve {
	bctx *B;
	pl_model *M;
	const cand *c;
	const double *ub;
	const double *inc;     /* the plan: feasible at every k >= 0 */
	int solves;
	bool ok;
} gcurve;

/* Level 1 of the restricted model with the limit raised by k. */
static double g_at(gcurve *G, double k)
{
	double v = 0;
	raise_rows(G->M, &G->B->N.P, G->c, G->ub, k);
	G->solves++;
	if (!pl_nbh_solve(G->M, G->inc, SOLVE_MS, &v))
		G->ok = false;
	return v;
}

/* The units in (lo, hi] where g rises, by bisection: g is a step
 * function, so a flat interval holds none. */
static void rises(gcurve *G, int lo, double glo, int hi, double ghi, int *steps, int *n)
{
	if (!G->ok || ghi <= glo + 1e-9)
		return;
	if (hi == lo + 1) {
		steps[(*n)++] = hi;
		return;
	}
	int mid = lo + (hi - lo) / 2;
	double gm = g_at(G, mid);
	rises(G, lo, glo, mid, gm, steps, n);
	rises(G, mid, gm, hi, ghi, steps, n);
}

/* Units where the restricted gain rises, into steps (up to max_steps
 * units); true when it reached the gain of an unbounded limit. */
static bool curve(bctx *B, pl_model *M, const cand *c, int max_steps, int *steps, int *n_steps)
{
	pl_ctx *P = &B->N.P;
	double *ub = mp_xcalloc((size_t)c->n_res + 1, sizeof(double));
	for (int i = 0; i < c->n_res; i++)
		ub[i] = glp_get_row_ub(M->lp, P->res[c->res[i]].row);
	double *inc = pl_nbh_plan_vector(&B->N);
	gcurve G = {B, M, c, ub, inc, 0, true};
	double base = g_at(&G, 0), top = g_at(&G, UNBOUNDED), last = g_at(&G, max_steps);
	*n_steps = 0;
	rises(&G, 0, base, max_steps, last, steps, n_steps);
	raise_rows(M, P, c, ub, 0);
	free(ub);
	free(inc);
	return G.ok && last >= top - 1e-9;
}

/* ---- 3. measured by re-plans ---- */

static mp_change change_of(const bctx *B, const cand *c, int units)
{
	const mp_dataset *ds = B->dr->ds;
	mp_change ch;
	memset(&ch, 0, sizeof ch);
	ch.kind = c->kind;
	ch.amount = units;
	ch.date = ch.was_date = MP_NODATE;
	switch (c->kind) {
	case MP_CH_SEATS: ch.id = ds->flights[c->a].id; ch.was = ds->flights[c->a].seats; break;
	case MP_CH_SSR: ch.id = ds->flights[c->a].id; ch.ssr = c->b; ch.was = ds->flights[c->a].limits[c->b]; break;
	case MP_CH_QUOTA_PERSONS: ch.id = ds->quotas[c->a].id; ch.was = ds->quotas[c->a].max_persons; break;
	case MP_CH_QUOTA_CASES: ch.id = ds->quotas[c->a].id; ch.was = ds->quotas[c->a].max_cases; break;
	default: ch.id = ds->clinics[c->a].id; ch.was = ds->clinics[c->a].capacity_per_day; ch.date = c->b; break;
	}
	return ch; /* id borrowed from the dataset */
}

static int measure(bctx *B, const cand *c, int units, mp_bottleneck_step *st, int *replans,
		   mp_errors *errs)
{
	mp_dataset ds;
	mp_dataset_copy(&ds, B->dr->ds);
	mp_change ch = change_of(B, c, units);
	int rc = mp_change_apply(&ds, &ch, errs);
	mp_plan p;
	mp_plan_init(&p);
	if (rc == MP_OK)
		rc = pl_replan(B->dr, &ds, &p, errs);
	(*replans)++;
	if (rc == MP_OK) {
		st->units = units;
		st->gain = p.objective.weighted_persons - B->dr->plan->objective.weighted_persons;
		st->persons = (int)lround(pl_plan_persons(&ds, &p) - pl_plan_persons(B->dr->ds, B->dr->plan));
	}
	mp_plan_release(&p);
	mp_dataset_release(&ds);
	return rc;
}

/* The steps to measure: the first few and the last. */
static int pick_steps(const int *steps, int n, int *pick)
{
	if (n <= MAX_MEASURED_STEPS) {
		memcpy(pick, steps, (size_t)n * sizeof *pick);
		return n;
	}
	memcpy(pick, steps, (MAX_MEASURED_STEPS - 1) * sizeof *pick);
	pick[MAX_MEASURED_STEPS - 1] = steps[n - 1];
	return MAX_MEASURED_STEPS;
}

static void fill(const bctx *B, const cand *c, mp_bottleneck *b)
{
	mp_change ch = change_of(B, c, 0);
	b->kind = c->kind;
	b->id = mp_xstrdup(ch.id);
	b->ssr = c->kind == MP_CH_SSR ? c->b : 0;
	b->date = c->kind == MP_CH_CLINIC ? c->b : MP_NODATE;
	b->limit = ch.was;
	b->dual = c->dual;
	const mp_plan *p = B->dr->plan;
	for (int i = 0; i < p->n_flights && c->kind <= MP_CH_SSR; i++)
		if (strcmp(p->flights[i].id, b->id) == 0)
			b->used = c->kind == MP_CH_SEATS ? p->flights[i].used : p->flights[i].ssr[c->b];
	for (int i = 0; i < p->n_quotas && (c->kind == MP_CH_QUOTA_PERSONS || c->kind == MP_CH_QUOTA_CASES); i++)
		if (strcmp(p->quotas[i].id, b->id) == 0)
			b->used = c->kind == MP_CH_QUOTA_PERSONS ? p->quotas[i].persons : p->quotas[i].cases;
	for (int i = 0; i < p->n_clinics && c->kind == MP_CH_CLINIC; i++)
		if (strcmp(p->clinics[i].clinic, b->id) == 0 && p->clinics[i].date == c->b)
			b->used = p->clinics[i].persons;
}

/* Curves of the candidates of one component (its model built once). */
static void curves(bctx *B, int comp, int upto, int max_steps, int **steps, int *n_steps, bool *stops)
{
	pl_model *M = pl_nbh_model(&B->N, comp); /* afresh: no warm basis from the ties */
	B->m_comp = comp;
	restrict_units(B, M, comp);
	for (int i = 0; i < upto; i++) {
		if (B->c[i].comp != comp)
			continue;
		if (B->c[i].kind == MP_CH_CLINIC)
			clinic_days(B, &B->c[i]);
		steps[i] = mp_xcalloc((size_t)max_steps + 1, sizeof(int));
		stops[i] = curve(B, M, &B->c[i], max_steps, steps[i], &n_steps[i]);
		pl_decide_log(B->dr, "bottlenecks: %s %d: restricted gain rises at %d unit(s)%s",
			      mp_change_kind_names[B->c[i].kind], B->c[i].a, n_steps[i],
			      stops[i] ? "" : " (still rising)");
	}
}

/* Steps 1-2 inside the GLPK guard: duals of every component, then the
 * curves of the top `upto`. */
static int model_work(bctx *B, int want, int max_steps, int **steps, int *n_steps, bool *stops,
		      mp_errors *errs)
{
	volatile int upto = want;
	pl_guard g;
	pl_guard_on(&g);
	if (setjmp(g.jb)) {
		pl_nbh_close(&B->N, false);
		return pl_guard_failed(&g, errs);
	}
	for (int comp = 0; comp < B->N.P.n_comps && !B->lp_cols; comp++)
		comp_duals(B, comp);
	if (B->lp_cols) {
		pl_guard_off(&g);
		mp_errors_addf(errs, MP_EBUSY, "bottlenecks: the LP relaxation of the mission's"
			       " program (%d rows, %d columns) did not solve within %g s: this"
			       " mission is too large to measure its limits this way; give more"
			       " with --time-limit, or ask of a scenario of fewer cases (`movplan"
			       " whatif CASE` answers for one case)", B->lp_rows, B->lp_cols,
			       lp_seconds(B));
		return MP_EBUSY;
	}
	break_ties(B, upto);
	if (upto > B->n)
		upto = B->n;
	for (int comp = 0; comp < B->N.P.n_comps; comp++) {
		bool any = false;
		for (int i = 0; i < upto && !any; i++)
			any = B->c[i].comp == comp;
		if (any)
			curves(B, comp, upto, max_steps, steps, n_steps, stops);
	}
	pl_guard_off(&g);
	return MP_OK;
}

static int cmp_value(const void *a, const void *b)
{
	const mp_bottleneck *x = a, *y = b;
	if (x->n_steps > 0 && y->n_steps == 0)
		return -1;
	if (y->n_steps > 0 && x->n_steps == 0)
		return 1;
	if (fabs(x->per_unit - y->per_unit) > 1e-9)
		return x->per_unit > y->per_unit ? -1 : 1;
	if (fabs(x->dual - y->dual) > 1e-9)
		return x->dual > y->dual ? -1 : 1;
	double gx = x->n_steps ? x->steps[x->n_steps - 1].gain : 0;
	double gy = y->n_steps ? y->steps[y->n_steps - 1].gain : 0;
	if (fabs(gx - gy) > 1e-9)
		return gx > gy ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->id, y->id);
}

/* Re-plans at the picked steps, then at max_steps: the gain there tells
 * exactly whether it stops within max_steps. */
static void add_step(mp_bottleneck *b, const mp_bottleneck_step *st)
{
	b->steps[b->n_steps++] = *st;
	if (st->units > 0 && st->gain / st->units > b->per_unit)
		b->per_unit = st->gain / st->units;
}

/* The gain at max_steps is above the last step measured: the smallest
 * units in (lo, max_steps] that reach it, by re-plans (bisection). */
static int last_rise(bctx *B, const cand *c, int lo, const mp_bottleneck_step *top,
		     mp_bottleneck_step *out, int *replans, mp_errors *errs)
{
	int hi = top->units;
	*out = *top;
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;
		mp_bottleneck_step st;
		int rc = measure(B, c, mid, &st, replans, errs);
		if (rc != MP_OK)
			return rc;
		if (st.gain >= top->gain - 1e-9)
			hi = mid, *out = st;
		else
			lo = mid;
	}
	return MP_OK;
}

/* Re-plans at the restricted model's first steps and at max_steps; when
 * the gain still rose after the last of them, bisection finds where it
 * reaches its value at max_steps.  So every step shown is measured, and
 * the last one is where the gain stops (within max_steps). */
static int measure_one(bctx *B, const cand *c, const int *steps, int n_steps, int max_steps,
		       mp_bottleneck *b, int *replans, mp_errors *errs)
{
	int pick[MAX_MEASURED_STEPS + 2], n = pick_steps(steps, n_steps, pick);
	if (n == 0 && max_steps > 1)
		pick[n++] = 1;
	if (n == 0 || pick[n - 1] != max_steps)
		pick[n++] = max_steps;
	b->measured = true;
	b->stops = true;
	b->steps = mp_xcalloc((size_t)n + 1, sizeof *b->steps);
	for (int k = 0; k < n; k++) {
		mp_bottleneck_step st;
		int rc = measure(B, c, pick[k], &st, replans, errs);
		if (rc != MP_OK)
			return rc;
		double last = b->n_steps ? b->steps[b->n_steps - 1].gain : 0;
		int lo = b->n_steps ? b->steps[b->n_steps - 1].units : 0;
		if (b->n_steps && st.gain <= last + 1e-9)
			continue; /* no rise since the step before */
		if (k == n - 1 && b->n_steps && pick[k] - lo > 1) {
			mp_bottleneck_step at;
			if ((rc = last_rise(B, c, lo, &st, &at, replans, errs)) != MP_OK)
				return rc;
			st = at;
		}
		add_step(b, &st);
	}
	return MP_OK;
}

static int measure_all(bctx *B, int upto, int max_steps, int **steps, const int *n_steps,
		       mp_bottlenecks *out, mp_errors *errs)
{
	int rc = MP_OK;
	out->v = mp_xcalloc((size_t)B->n + 1, sizeof *out->v);
	for (int i = 0; i < B->n && rc == MP_OK; i++) {
		mp_bottleneck *b = &out->v[out->n++];
		fill(B, &B->c[i], b);
		if (i >= upto)
			continue;
		rc = measure_one(B, &B->c[i], steps[i], n_steps[i], max_steps, b, &out->n_replans, errs);
		pl_decide_log(B->dr, "bottlenecks: %d of %d measured", i + 1, upto);
	}
	if (rc == MP_OK)
		qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_value);
	return rc;
}

int mp_bottlenecks_find(const mp_decide_request *dr, mp_bottlenecks *out, mp_errors *errs)
{
	memset(out, 0, sizeof *out);
	bctx B;
	memset(&B, 0, sizeof B);
	B.dr = dr;
	B.m_comp = -1;
	int upto = dr->max_answers > 0 ? dr->max_answers : 10;
	int max_steps = dr->max_steps > 0 ? dr->max_steps : 30;
	int rc = pl_nbh_open(&B.N, dr->ds, dr, errs);
	int **steps = mp_xcalloc((size_t)upto + 1, sizeof *steps);
	int *n_steps = mp_xcalloc((size_t)upto + 1, sizeof *n_steps);
	bool *stops = mp_xcalloc((size_t)upto + 1, sizeof *stops);
	if (rc == MP_OK)
		rc = model_work(&B, upto, max_steps, steps, n_steps, stops, errs);
	out->n_binding = B.n;
	if (upto > B.n)
		upto = B.n;
	if (rc == MP_OK)
		rc = measure_all(&B, upto, max_steps, steps, n_steps, out, errs);
	for (int i = 0; i < upto; i++)
		free(steps[i]);
	free(steps);
	free(n_steps);
	free(stops);
	for (int i = 0; i < B.n; i++)
		free(B.c[i].res);
	free(B.c);
	pl_nbh_close(&B.N, true);
	return rc;
}
