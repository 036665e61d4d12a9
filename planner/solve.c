/*
 * solve.c - the lexicographic solve, component by component.
 *
 * Components (columns.c) come in three kinds:
 *   trivial  one unit that shares no binding limit: each copy takes its
 *            best column that fits (levels 1-4 in order) - exact, no GLPK;
 *   exact    up to PL_FULL_LIMIT eligible pairs: the integer program of
 *            model.c with every column, solved level by level by the
 *            searches of rins.c and GLPK; with PL_LNS_UNITS units and
 *            LNS_PAIRS eligible pairs or more, its first incumbent comes
 *            from the Lagrangian relaxation and the window search, else
 *            from the greedy;
 *   large    the Lagrangian relaxation gives the bound and a plan
 *            (lagr.c), which windows of a few days, each an integer
 *            program solved by GLPK with the same four levels, improve
 *            (lns.c).
 *
 * Objective levels (SPEC 2), solved one after the other - never one
 * sum with huge weights, which would lose precision and make GLPK's
 * gaps meaningless:
 *   1 maximise persons x priority weight,
 *   2 maximise reference matches (= minimise changes),
 *   3 minimise waiting (persons x w^2),
 *   4 minimise fare x seats.
 * After level k is solved with value v, the row "objective k >= v"
 * (<= for minimisations) is added and level k+1 solved; the solution of
 * level k is level k+1's first incumbent, so no level makes it worse.
 *
 * Each level: the LP relaxation with glp_simplex (LP presolver on); in
 * exact components the searches of rins.c driven by the LP (relax and
 * fix on the LP's optimal face, face searches, RINS); then, while the
 * level is not proven, glp_intopt's branch and bound.  With an integral
 * objective every bound is rounded down (up when minimising): a plan
 * at the rounded bound is optimal.  GLPK's MIP presolver is left off
 * on purpose: with it on, the callback sees the presolver's transformed
 * problem (glp_ios_get_prob), whose columns are not ours, so our
 * incumbent could not be handed over with glp_ios_heur_sol.  The
 * reductions we need are done before GLPK sees the model (columns.c:
 * non-binding rows left out, dominated columns dropped, identical cases
 * aggregated, independent components split).
 *
 * The callback (a) injects the incumbent at the first GLP_IHEUR,
 * (b) records the best bound of the open nodes at every call, so when
 * the time limit stops the search the reported bound is the true one,
 * and (c) stops the search once the incumbent reaches that bound
 * rounded.
 *
 * GLPK aborts the process on internal errors unless an error hook
 * leaves by longjmp (GLPK manual, glp_error_hook); we do, free GLPK's
 * environment with glp_free_env, and report MP_EINTERNAL.  Everything
 * allocated meanwhile is held by the context (pl_hold) so the error
 * path can free it; the searches of rins.c take their memory from
 * glp_alloc, which glp_free_env frees.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cg.h"

int pl_debug_glpk_fail;

/* ---- GLPK's terminal output and errors ---- */

typedef struct termcap {
	const mp_plan_request *req;
	char line[512];
	int len;
	char last[2][512];  /* the last two lines: GLPK's error message */
} termcap;

static int term_hook(void *info, const char *s)
{
	termcap *t = info;
	for (; *s; s++) {
		if (*s != '\n' && t->len < (int)sizeof t->line - 1) {
			t->line[t->len++] = *s;
			continue;
		}
		t->line[t->len] = '\0';
		if (t->len > 0) {
			memcpy(t->last[0], t->last[1], sizeof t->last[0]);
			memcpy(t->last[1], t->line, sizeof t->last[1]);
			if (t->req && t->req->verbose && t->req->log)
				t->req->log(t->req->log_ctx, t->line);
		}
		t->len = 0;
	}
	return 1; /* handled: GLPK prints nothing itself */
}

static void error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* ---- one level of one component ---- */

typedef struct cbinfo {
	const double *inc;  /* incumbent to inject, 1-based */
	bool injected;
	bool have_bound;
	double bound;       /* best bound of the open nodes (rounded) */
	int dir;            /* GLP_MAX or GLP_MIN */
	bool integral;      /* integral objective: bounds round */
	double known;       /* bound proven before the search (rounded) */
} cbinfo;

static bool better(int dir, double a, double b)
{
	double tol = 1e-9 * fmax(1, fabs(b));
	return dir == GLP_MAX ? a > b + tol : a < b - tol;
}

static void callback(glp_tree *T, void *info)
{
	cbinfo *s = info;
	if (glp_ios_reason(T) == GLP_IHEUR && !s->injected) {
		s->injected = true;
		glp_ios_heur_sol(T, s->inc);
	}
	int p = glp_ios_best_node(T);
	if (p > 0) {
		s->bound = pl_round_bound(s->dir, glp_ios_node_bound(T, p), s->integral);
		s->have_bound = true;
	}
	/* with an integral objective, an incumbent at the rounded bound is
	 * optimal: stop (GLPK would go on until no node is within 1) */
	glp_prob *lp = glp_ios_get_prob(T);
	double b = s->have_bound && better(s->dir, s->known, s->bound) ? s->bound : s->known;
	if (glp_mip_status(lp) == GLP_FEAS && !better(s->dir, b, glp_mip_obj_val(lp)))
		glp_ios_terminate(T);
}

/* The time of the whole solve is shared by the components in
 * proportion to their size (small ones first, so what they leave goes
 * to the big ones), and within a component by the levels: level 1 the
 * most, what a level leaves goes to the next. */
typedef struct budget {
	double left;        /* seconds for the components not solved yet */
	double size_left;   /* their sizes */
} budget;

/* Shares of the levels in the windows of lns.c, and in exact
 * components, where level 1 (which decides the status and the gap)
 * gets more: what it leaves when proven early flows to the others. */
static const double level_share[2][4] = {{0.55, 0.15, 0.15, 0.15}, {0.7, 0.1, 0.1, 0.1}};

static bool integral(const pl_model *M, int level)
{
	for (int j = 1; j <= M->n; j++)
		if (M->obj[level][j] != floor(M->obj[level][j]))
			return false;
	return true;
}

/* Fixes level `level` at value v before the next level (SPEC 2:
 * a lower level never trades against a higher one). */
static void fix_level(pl_model *M, int level, double v)
{
	int *ind = mp_xcalloc((size_t)M->n + 1, sizeof(int));
	double *val = mp_xcalloc((size_t)M->n + 1, sizeof(double));
	int len = 0;
	for (int j = 1; j <= M->n; j++)
		if (M->obj[level][j] != 0) {
			ind[++len] = j;
			val[len] = M->obj[level][j];
		}
	/* integral coefficients: any value within 0.5 is the value itself */
	double tol = integral(M, level) ? 0.5 : 1e-6 * fmax(1, fabs(v));
	static const char *const names[4] = {"level1", "level2", "level3", "level4"};
	int i = glp_add_rows(M->lp, 1);
	glp_set_row_name(M->lp, i, names[level]);
	if (len > 0)
		glp_set_mat_row(M->lp, i, len, ind, val);
	if (level <= 1)
		glp_set_row_bnds(M->lp, i, GLP_LO, v - tol, 0);
	else
		glp_set_row_bnds(M->lp, i, GLP_UP, 0, v + tol);
	free(ind);
	free(val);
}

static void set_objective(pl_model *M, int level)
{
	M->level = level;
	glp_set_obj_dir(M->lp, level <= 1 ? GLP_MAX : GLP_MIN);
	glp_set_obj_coef(M->lp, 0, 0);
	for (int j = 1; j <= M->n; j++)
		glp_set_obj_coef(M->lp, j, M->obj[level][j]);
}

static bool improves(int level, double a, double b)
{
	double tol = 1e-9 * fmax(1, fabs(b));
	return level <= 1 ? a > b + tol : a < b - tol;
}

/* A trivial upper bound on level 1: every unit on its best column. */
static double trivial_bound(const pl_ctx *P, const pl_comp *C)
{
	double b = 0;
	if (!C)
		return INFINITY;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		double best = 0;
		for (int t = 0; t < u->n_prof; t++)
			best = fmax(best, u->prof[t].w1);
		b += best * u->count;
	}
	return b;
}

typedef struct levelres {
	bool optimal;
	double bound;       /* level 1 only */
} levelres;

static int ms(double seconds)
{
	double v = seconds * 1000;
	return v < 100 ? 100 : v > 2e9 ? 2000000000 : (int)v;
}

/* Levels 2-4 try face searches only this close to their bound: their
 * LP bounds are rarely attained, and each search that finds nothing
 * moves the bound by one. */
#define FACE_GAP 2.0

static bool within_gap(double gap, double bound, double v)
{
	return gap > 0 && fabs(bound - v) <= gap * fmax(1, fabs(bound));
}

/* The searches of rins.c between the LP and the branch and bound;
 * returns the proven bound (rounded), x improved in place. */
static double lp_search(pl_ctx *P, pl_model *M, int level, double *x, double lpb, bool integ,
			double deadline, bool *optimal)
{
	double v0 = pl_model_value(M, level, x), t0 = pl_now();
	pl_lpsol *L = pl_lpsol_take(M);
	pl_search sr;
	bool face = level == 0 || fabs(lpb - v0) <= FACE_GAP;
	pl_lp_search(M, L, x, integ, face, deadline, P->req->options.gap, &sr);
	pl_lpsol_free(L);
	pl_log(P->req, "planner: level %d: LP %.10g, bound %.10g, incumbent %.10g -> %.10g; "
		 "relax and fix %d at the bound, %d of %d below it found a plan, %d face searches "
		 "(%d bound steps), %d of %d RINS improved%s (%.2f s)", level + 1,
		 glp_get_obj_val(M->lp), sr.bound, v0, pl_model_value(M, level, x), sr.relax_fix,
		 sr.below_better, sr.below, sr.faces, sr.bound_steps, sr.rins_better, sr.rins,
		 sr.optimal ? ", optimal" : "", pl_now() - t0);
	*optimal = sr.optimal;
	return sr.bound;
}

/* GLPK's branch and bound from incumbent x (improved in place); *bound
 * (rounded) tightens to the search's; true when it ends proven. */
static bool branch_and_bound(pl_ctx *P, pl_model *M, int level, double *x, bool integ,
			     double seconds, double *bound)
{
	cbinfo s = {.inc = x, .dir = glp_get_obj_dir(M->lp), .integral = integ, .known = *bound};
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = P->req->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp.presolve = GLP_OFF; /* see the file comment */
	iocp.tm_lim = ms(seconds);
	iocp.mip_gap = P->req->options.gap;
	iocp.cb_func = callback;
	iocp.cb_info = &s;
	/* most fractional variable: Driebeck-Tomlin's default evaluates
	 * tableau rows, which dominates the time on our larger models */
	iocp.br_tech = GLP_BR_MFV;
	int ret = glp_intopt(M->lp, &iocp);
	int st = glp_mip_status(M->lp);
	double vx = pl_model_value(M, level, x);
	if (st == GLP_OPT || st == GLP_FEAS) {
		for (int j = 1; j <= M->n; j++)
			M->sol[j] = glp_mip_col_val(M->lp, j);
		double vs = pl_model_value(M, level, M->sol);
		if (!improves(level, vx, vs)) {
			memcpy(x + 1, M->sol + 1, (size_t)M->n * sizeof *x);
			vx = vs;
		}
	}
	if (ret == 0 && st == GLP_OPT)
		*bound = vx;
	else if (s.have_bound && better(s.dir, *bound, s.bound))
		*bound = s.bound;
	return (ret == 0 && st == GLP_OPT) || !improves(level, *bound, vx);
}

/* Solves one level; x holds the incumbent on entry and the best known
 * solution on return.  `search`: the LP-driven searches of rins.c
 * first (exact components; the windows of lns.c go without). */
static levelres solve_level(pl_ctx *P, const pl_comp *C, pl_model *M, int level, double *x,
			    double seconds, bool search)
{
	levelres res = {false, 0};
	double t0 = pl_now();
	double vx = pl_model_value(M, level, x);
	set_objective(M, level);
	if (pl_debug_glpk_fail == 1) {
		pl_debug_glpk_fail = 0;
		glp_set_col_kind(M->lp, M->n + 7, GLP_BV); /* out of range: GLPK error */
	}
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = P->req->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	smcp.meth = GLP_DUALP;
	smcp.presolve = GLP_ON;
	smcp.tm_lim = ms(seconds);
	int ret = glp_simplex(M->lp, &smcp);
	bool lp_ok = ret == 0 && glp_get_status(M->lp) == GLP_OPT;
	if (!lp_ok) {
		res.bound = level == 0 ? trivial_bound(P, C) : 0;
		return res;
	}
	/* an integral objective: no plan beats the LP value rounded */
	bool integ = integral(M, level);
	double bound = pl_round_bound(glp_get_obj_dir(M->lp), glp_get_obj_val(M->lp), integ);
	if (search && improves(level, bound, vx) && !within_gap(P->req->options.gap, bound, vx))
		bound = lp_search(P, M, level, x, bound, integ, t0 + seconds, &res.optimal);
	vx = pl_model_value(M, level, x);
	if (!improves(level, bound, vx))
		res.optimal = true;
	else if (!within_gap(P->req->options.gap, bound, vx) &&
		 (!search || seconds - (pl_now() - t0) > 0.05))
		res.optimal = branch_and_bound(P, M, level, x, integ, seconds - (pl_now() - t0), &bound);
	vx = pl_model_value(M, level, x);
	res.bound = level == 0 ? fmax(bound, vx) : 0;
	return res;
}

/* ---- components ---- */

static void clear_comp(pl_ctx *P, const pl_comp *C)
{
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			P->cols[u->cols[t]].val = 0;
		for (int i = 0; i < u->n_cases; i++)
			P->cases[u->cases[i]].sol_ftt = MP_NODATE;
	}
}

static void solve_trivial(pl_ctx *P, pl_state *S, const pl_comp *C)
{
	int ui = C->units[0];
	pl_direct(P, S, ui);
	const pl_unit *u = &P->units[ui];
	for (int i = 0; i < u->n_cases; i++)
		P->cases[u->cases[i]].sol_ftt = pl_state_day(S, u->cases[i]);
	for (int t = 0; t < u->n_cols; t++)
		P->bound += P->cols[u->cols[t]].w1 * P->cols[u->cols[t]].val;
	P->n_trivial++;
}

static void solve_levels(pl_ctx *P, const pl_comp *C, pl_model *M, double *x, double seconds,
			 bool search, pl_levels *out)
{
	double t0 = pl_now();
	if (out) {
		out->optimal = true;
		out->bound = INFINITY;
	}
	for (int level = 0; level < 4; level++) {
		if (level > 0)
			fix_level(M, level - 1, pl_model_value(M, level - 1, x));
		double used = pl_now() - t0, share = 0;
		for (int l = 0; l <= level; l++)
			share += level_share[search][l];
		double give = seconds * share - used; /* leftovers flow down */
		levelres r = solve_level(P, C, M, level, x, fmax(give, 0.2), search);
		if (!out)
			continue;
		out->optimal &= r.optimal;
		if (level == 0)
			out->bound = r.bound;
	}
}

/* Levels 1-4 on the model, from incumbent x (the best solution on
 * return); out (may be NULL) gets level 1's bound and whether every
 * level was proved optimal.  (The windows of lns.c: no searches.) */
void pl_solve_levels(pl_ctx *P, const pl_comp *C, pl_model *M, double *x, double seconds,
		     pl_levels *out)
{
	solve_levels(P, C, M, x, seconds, false, out);
}

double pl_comp_value(const pl_ctx *P, const pl_comp *C)
{
	double v = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			v += P->cols[u->cols[t]].val * P->cols[u->cols[t]].w1;
	}
	return v;
}

/* Lagrangian relaxation (bound, a plan) then the plan improved window
 * by window with GLPK (lns.c).  The plan is left in the columns' val
 * and in the returned state (check days, escort trips); P->trips is
 * as before.  *bound gets the Lagrangian bound on level 1. */
static pl_state *lagr_lns(pl_ctx *P, const pl_comp *C, double seconds, double lagr_share,
			  double *bound)
{
	double t0 = pl_now();
	int trips0 = P->n_trips;
	pl_lagr_result r;
	pl_lagr_solve(P, C, seconds * lagr_share, &r);
	*bound = r.bound;

	pl_state *S = pl_state_new(P);
	pl_hold(P, S, pl_release_state);
	for (int i = 0; i < C->n_units; i++) {
		const pl_unit *u = &P->units[C->units[i]];
		for (int c = 0; c < u->n_cases; c++)
			pl_state_put_day(S, u->cases[c], P->cases[u->cases[c]].sol_ftt);
		pl_state_unit(P, S, C->units[i], 1);
	}
	for (int t = trips0; t < P->n_trips; t++)
		pl_state_add_trip(P, S, P->trips[t].escort, P->trips[t].itin);
	P->n_trips = trips0;
	if (getenv("MP_CG_EXPERIMENT")) {
		double t1 = pl_now();
		pl_price F;
		pl_price_init(&F, P, C);
		pl_cg *G = pl_cg_new(P, C, &F);
		int per = atoi(getenv("MP_CG_EXPERIMENT"));
		pl_cg_seed_plan(G, S);
		pl_cg_seed(G, r.best, PL_KEEP, per);
		pl_budget b = {INFINITY, t1 + 600};
		int rc = pl_cg_run(G, &b);
		pl_log(P->req, "cg: rc %d, %s, value %.3f, bound %.3f, %d rounds, %d iterations, %d columns, %d rows, %.2f s",
		       rc, pl_cg_optimal(G) ? "optimal" : "not optimal", pl_cg_value(G), pl_cg_bound(G),
		       pl_cg_rounds(G), pl_cg_iterations(G), pl_cg_columns(G), pl_cg_rows(G), pl_now() - t1);
		pl_cg_free(G);
		pl_price_release(&F);
	}
	pl_ls_result ls;
	pl_ls(P, C, S, r.best, r.best_value, 0.1 * seconds, &ls);
	free(r.best);
	free(r.best_value);
	double after_ls = pl_comp_value(P, C);
	pl_lns_result lr;
	pl_lns(P, C, S, seconds - (pl_now() - t0), r.bound, &lr);
	pl_log(P->req, "planner: component of %d units: Lagrangian %d iterations, greedy %.6g, "
		 "its plan %.6g; ejection search %d moves: %.6g; %d windows, %d improved by glpk: "
		 "%.6g; bound %.6g", C->n_units, r.iterations, r.greedy, r.value, ls.moves, after_ls,
		 lr.windows, lr.improved, pl_comp_value(P, C), r.bound);
	return S;
}

/* Exact components from this many eligible pairs first get their
 * incumbent from the Lagrangian relaxation and the window search; below,
 * from the greedy: on the small preset (1 000 pairs) the Lagrangian and
 * windows took 1.5 s for a plan 0.3 % short, which the searches of
 * rins.c, started from the LP, beat in a fraction of that time. */
#define LNS_PAIRS 10000.0

/* The exact model: the incumbent from the Lagrangian and windows (or
 * the greedy for small components), then GLPK level by level, each
 * level with the searches of rins.c before the branch and bound. */
static void solve_mip(pl_ctx *P, pl_state *S, int k, budget *B)
{
	const pl_comp *C = &P->comps[k];
	double t0 = pl_now();
	double seconds = B->left * (B->size_left > 0 ? C->size / B->size_left : 1);
	double lbound = INFINITY;
	pl_state *L = NULL;
	clear_comp(P, C);
	if (C->n_units >= PL_LNS_UNITS && C->size >= LNS_PAIRS)
		L = lagr_lns(P, C, seconds * 0.3, 0.3, &lbound);
	else
		pl_greedy(P, S, C->units, C->n_units);
	pl_model *M = pl_model_build(P, C->units, C->n_units, false);
	pl_hold(P, M, pl_release_model);
	pl_model_incumbent(M, L ? L : S);
	pl_unhold(P, L);
	pl_state_free_esc(P, L);
	M->sol = mp_xcalloc((size_t)M->n + 1, sizeof(double));
	pl_levels lv;
	solve_levels(P, C, M, M->inc, seconds - (pl_now() - t0), true, &lv);
	double v = pl_model_value(M, 0, M->inc);
	double bound = fmax(v, pl_round_bound(GLP_MAX, fmin(lv.bound, lbound), integral(M, 0)));
	P->optimal &= lv.optimal || v >= bound - 1e-6 * fmax(1, fabs(bound));
	P->bound += bound;
	clear_comp(P, C);
	pl_model_apply(M, M->inc);
	pl_unhold(P, M);
	pl_model_free(M, true);
	P->n_mip++;
	B->left -= pl_now() - t0;
	B->size_left -= C->size;
}

/* A component too large for one integer program: Lagrangian bound,
 * and a plan improved window by window with GLPK. */
static void solve_large(pl_ctx *P, int k, budget *B)
{
	const pl_comp *C = &P->comps[k];
	double t0 = pl_now();
	double seconds = B->left * (B->size_left > 0 ? C->size / B->size_left : 1);
	double bound;
	clear_comp(P, C);
	pl_state *S = lagr_lns(P, C, seconds, 0.75, &bound);
	double v = pl_comp_value(P, C);
	for (int i = 0; i < C->n_units; i++) {
		const pl_unit *u = &P->units[C->units[i]];
		for (int c = 0; c < u->n_cases; c++)
			P->cases[u->cases[c]].sol_ftt = pl_state_day(S, u->cases[c]);
	}
	int nt;
	const pl_trip *tr = pl_state_trips(S, &nt);
	for (int t = 0; t < nt; t++) {
		MP_GROW(P->trips, P->n_trips, P->cap_trips);
		P->trips[P->n_trips++] = tr[t];
	}
	pl_unhold(P, S);
	pl_state_free_esc(P, S);
	P->bound += fmax(v, bound);
	/* levels 2-4 are not proved at this size: optimal only at gap 0 */
	P->optimal &= v >= bound - 1e-6 * fmax(1, fabs(bound));
	B->left -= pl_now() - t0;
	B->size_left -= C->size;
}

static int cmp_size(const void *a, const void *b, void *arg)
{
	const pl_ctx *P = arg;
	double x = P->comps[*(const int *)a].size, y = P->comps[*(const int *)b].size;
	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static void solve_components(pl_ctx *P)
{
	pl_state *S = pl_state_new(P);
	pl_hold(P, S, pl_release_state);
	budget B = {fmax(P->deadline - pl_now(), 0.5), 0};
	int *order = mp_xcalloc((size_t)P->n_comps + 1, sizeof(int));
	pl_hold(P, order, pl_release_mem);
	for (int k = 0; k < P->n_comps; k++) {
		order[k] = k;
		if (!P->comps[k].trivial)
			B.size_left += P->comps[k].size;
	}
	/* small components first: the time they leave goes to big ones */
	qsort_r(order, (size_t)P->n_comps, sizeof(int), cmp_size, P);
	for (int i = 0; i < P->n_comps; i++) {
		int k = order[i];
		if (P->comps[k].trivial)
			solve_trivial(P, S, &P->comps[k]);
		else if (P->comps[k].full)
			solve_mip(P, S, k, &B);
		else
			solve_large(P, k, &B);
	}
	pl_unhold(P, order);
	free(order);
	pl_unhold(P, S);
	pl_state_free_esc(P, S);
}

typedef struct guard {
	jmp_buf jb;
	termcap tc;
	int prev_out;
} guard;

static void guard_on(guard *g, const mp_plan_request *req)
{
	memset(&g->tc, 0, sizeof g->tc);
	g->tc.req = req;
	glp_term_hook(term_hook, &g->tc);
	g->prev_out = glp_term_out(req && req->verbose ? GLP_ON : GLP_OFF);
	glp_error_hook(error_hook, &g->jb);
}

static void guard_off(guard *g)
{
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	glp_term_out(g->prev_out);
}

/* After a longjmp from GLPK: its environment (every problem object
 * included) is unusable; free it and our own memory, record the error. */
static int glpk_failed(pl_ctx *P, guard *g)
{
	glp_free_env();
	pl_free_held(P);
	P->glpk_failed = true;
	mp_errors_addf(P->errs, MP_EINTERNAL, "glpk failed: %s%s%s", g->tc.last[0],
		       g->tc.last[0][0] ? "; " : "", g->tc.last[1]);
	return MP_EINTERNAL;
}

int pl_solve_all(pl_ctx *P)
{
	guard *g = mp_xcalloc(1, sizeof *g);
	int rc = MP_OK;
	P->optimal = true;
	P->bound = 0;
	guard_on(g, P->req);
	if (setjmp(g->jb)) {
		rc = glpk_failed(P, g);
		goto out;
	}
	solve_components(P);
	guard_off(g);
out:
	free(g);
	return rc;
}

long pl_stream_pairs = 300000;

int pl_write_model(pl_ctx *P, const char *file)
{
	long pairs = 0;
	for (int u = 0; u < P->n_units; u++)
		pairs += P->units[u].n_elig;
	if (pairs > pl_stream_pairs)
		return pl_write_model_stream(P, file);
	guard *g = mp_xcalloc(1, sizeof *g);
	volatile int rc = MP_OK;
	int *units = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	int n = 0;
	for (int u = 0; u < P->n_units; u++)
		if (P->units[u].n_elig > 0) {
			pl_unit_materialize(P, u);
			units[n++] = u;
		}
	guard_on(g, P->req);
	if (setjmp(g->jb)) {
		rc = glpk_failed(P, g);
		goto out;
	}
	pl_model *M = pl_model_build(P, units, n, true);
	pl_hold(P, M, pl_release_model);
	set_objective(M, 0);
	if (glp_write_lp(M->lp, NULL, file) != 0) {
		mp_errors_addf(P->errs, MP_ECANTCREAT, "%s: cannot write the model",
			       P->req->write_model);
		rc = MP_ECANTCREAT;
	}
	pl_unhold(P, M);
	pl_model_free(M, true);
	guard_off(g);
out:
	free(units);
	free(g);
	return rc;
}
