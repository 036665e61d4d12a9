/*
 * rins.c - searches driven by the LP relaxation, for one objective level
 * of an exact component (solve.c calls them between glp_simplex and
 * glp_intopt).
 *
 * Why: on the small preset the LP bound of level 1 is often attained,
 * but GLPK's branch and bound does not find such a plan in minutes: the
 * last persons must fill clinic days, quotas and seats exactly, a
 * subset-sum that the LP splits freely and that branching on single
 * columns rarely completes.  The searches below each work on a copy of
 * the model (the model keeps its LP basis for the branch and bound that
 * may follow).
 *
 * The face problem.  With an integral objective and LP value z, no plan
 * beats B = floor(z) (maximising; ceil minimising), and a plan worth
 * T <= B loses at most s = z - T against the LP.  So in the copy
 *   - the objective becomes a row "objective >= T";
 *   - reduced-cost fixing: a nonbasic column whose reduced cost exceeds
 *     s in magnitude is fixed at its bound (moving it by one - it is
 *     integer - would lose more than s);
 *   - the same for rows: a nonbasic row whose dual exceeds s, whose
 *     bound is integral and whose activity is integral in every integer
 *     solution (integer coefficients on integer columns) is fixed at
 *     that bound: at T = z every limit with a price must be full.
 * Any solution of it is worth >= T, optimal when T = B; a proof that
 * it has none makes B - 1 the bound, and the searches go on there.
 *
 * Relax and fix (the workhorse).  The columns are cut into windows of
 * departure dates; window by window, in date order, the window's
 * columns are integer, the earlier windows fixed at what they got, the
 * later ones relaxed (continuous), and GLPK (presolver on) takes the
 * first solution.  Each window is a small problem, and the relaxed
 * future keeps it honest: the objective row holds, so the later windows
 * can still make the target in the LP.  A window with no solution (or
 * none within WINDOW_NODES) merges with the one before and both are
 * solved again; merged back to the first window nothing is fixed, so no
 * solution there proves that the face problem has none.  Runs are
 * cheap (0.2-0.5 s on the small preset) and their luck varies, so they
 * are repeated with other window sizes and column orders (the order
 * changes GLPK's branching).  Optimising instead of taking the first
 * solution, with a target halfway between the incumbent and the last
 * target that failed, the same method gives good plans when the bound
 * is out of reach (small preset seeds 5, 9, 10: within 2 of the
 * optimum).
 *
 * Face search.  GLPK's branch and bound on the whole face problem,
 * restarted with shuffled column orders and node budgets from the Luby
 * sequence (unit, unit, 2 unit, unit, unit, 2 unit, 4 unit ...): its
 * run time is heavy-tailed, and now and then a run proves the bound out
 * of reach.
 *
 * RINS (relaxation induced neighbourhood search, Danna, Rothberg and
 * Le Pape 2005).  The columns where the LP solution and the incumbent
 * agree are fixed, the plan must beat the incumbent (by one when the
 * objective is integral) and GLPK optimises the rest.  Levels 2-4 far
 * from their bound only use this.
 *
 * Escort neighbourhood.  Every unit needing an escort free, with every
 * escort trip; the other units held where they are or dropped.  Escort
 * trips pair families weeks apart onto one itinerary, a move across the
 * horizon that the windows and RINS do not make.  Once per value of
 * level 1 (same input, same answer).
 *
 * Determinism: budgets are counted in branch-and-bound nodes and work
 * units (work.c: simplex iterations and nodes, counted), never in
 * seconds, and the orders come from a fixed generator, so the same
 * input and budget give the same sequence of searches and the same
 * plan.  The time limit only cuts a search short (the level then ends
 * unproven and says so).
 *
 * Memory: everything allocated here lives in GLPK's allocator
 * (glp_alloc): after a GLPK error the error hook leaves by longjmp and
 * solve.c calls glp_free_env, which frees every problem object and
 * every block glp_alloc handed out, so nothing here can leak.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define LUBY_UNIT 200   /* nodes per face-search attempt, times luby(k) */
#define RINS_NODES 600  /* nodes per RINS sub-problem */
#define RF_NODES 800    /* nodes per relax-and-fix run at the bound */
#define WINDOW_NODES 150 /* nodes per window before it merges */
#define IMPROVE_NODES 2000 /* nodes per relax-and-fix run optimising */
#define ESC_NODES 2000  /* nodes per escort neighbourhood */

struct pl_lpsol {
	int m, n;
	int dir;            /* GLP_MAX or GLP_MIN */
	double z;           /* LP objective */
	double *x, *cd;     /* per column: value, reduced cost */
	char *cfix;         /* per column: integer and nonbasic */
	double *ra, *rd;    /* per row: activity, dual */
	char *rfix;         /* per row: nonbasic, integral bound and activity */
};

static void *galloc(int n, int size)
{
	void *p = glp_alloc(n, size);
	memset(p, 0, (size_t)n * (size_t)size);
	return p;
}

static bool is_int(double v)
{
	return fabs(v - floor(v + 0.5)) < 1e-9;
}

/* The row's activity is integral in every integer solution. */
static bool row_integral(glp_prob *lp, int i, int *ind, double *val)
{
	int len = glp_get_mat_row(lp, i, ind, val);
	for (int k = 1; k <= len; k++)
		if (!is_int(val[k]) || glp_get_col_kind(lp, ind[k]) == GLP_CV)
			return false;
	return true;
}

static void take_rows(pl_lpsol *L, glp_prob *lp)
{
	int *ind = galloc(L->n + 1, sizeof(int));
	double *val = galloc(L->n + 1, sizeof(double));
	for (int i = 1; i <= L->m; i++) {
		int st = glp_get_row_stat(lp, i);
		L->ra[i] = glp_get_row_prim(lp, i);
		L->rd[i] = glp_get_row_dual(lp, i);
		L->rfix[i] = (st == GLP_NL || st == GLP_NU) && is_int(L->ra[i]) &&
			     row_integral(lp, i, ind, val);
	}
	glp_free(ind);
	glp_free(val);
}

pl_lpsol *pl_lpsol_take(const pl_model *M)
{
	glp_prob *lp = M->lp;
	pl_lpsol *L = galloc(1, sizeof *L);
	L->m = glp_get_num_rows(lp);
	L->n = glp_get_num_cols(lp);
	L->dir = glp_get_obj_dir(lp);
	L->z = glp_get_obj_val(lp);
	L->x = galloc(L->n + 1, sizeof(double));
	L->cd = galloc(L->n + 1, sizeof(double));
	L->cfix = galloc(L->n + 1, 1);
	L->ra = galloc(L->m + 1, sizeof(double));
	L->rd = galloc(L->m + 1, sizeof(double));
	L->rfix = galloc(L->m + 1, 1);
	for (int j = 1; j <= L->n; j++) {
		int st = glp_get_col_stat(lp, j);
		L->x[j] = glp_get_col_prim(lp, j);
		L->cd[j] = glp_get_col_dual(lp, j);
		L->cfix[j] = (st == GLP_NL || st == GLP_NU) && glp_get_col_kind(lp, j) != GLP_CV;
	}
	take_rows(L, lp);
	return L;
}

double pl_lpsol_z(const pl_lpsol *L)
{
	return L->z;
}

void pl_lpsol_free(pl_lpsol *L)
{
	if (!L)
		return;
	glp_free(L->x), glp_free(L->cd), glp_free(L->cfix);
	glp_free(L->ra), glp_free(L->rd), glp_free(L->rfix);
	glp_free(L);
}

double pl_round_bound(int dir, double z, bool integral)
{
	if (!integral)
		return z;
	return dir == GLP_MAX ? floor(z + 1e-6) : ceil(z - 1e-6);
}

/* ---- sub-problems ---- */

/* Column order of a face-search attempt: attempt 0 the model's own,
 * then a shuffle from a fixed generator (splitmix64). */
static void shuffle(int *perm, int n, int attempt)
{
	for (int j = 1; j <= n; j++)
		perm[j] = j;
	uint64_t s = (uint64_t)attempt * 0x9e3779b97f4a7c15ull;
	for (int j = n; attempt > 0 && j > 1; j--) {
		uint64_t z = (s += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		int k = 1 + (int)((z ^ (z >> 31)) % (uint64_t)j);
		int t = perm[j];
		perm[j] = perm[k];
		perm[k] = t;
	}
}

/* A copy of the model with its columns in the order perm (column jj
 * of the copy is column perm[jj] of the model); ind/val: scratch of
 * m + n + 1 entries. */
static glp_prob *copy_perm(glp_prob *lp, const int *perm, int *ind, double *val)
{
	int m = glp_get_num_rows(lp), n = glp_get_num_cols(lp);
	glp_prob *sub = glp_create_prob();
	glp_set_obj_dir(sub, glp_get_obj_dir(lp));
	if (m > 0)
		glp_add_rows(sub, m);
	if (n > 0)
		glp_add_cols(sub, n);
	for (int i = 1; i <= m; i++)
		glp_set_row_bnds(sub, i, glp_get_row_type(lp, i), glp_get_row_lb(lp, i),
				 glp_get_row_ub(lp, i));
	for (int jj = 1; jj <= n; jj++) {
		int j = perm[jj];
		glp_set_col_kind(sub, jj, glp_get_col_kind(lp, j));
		glp_set_col_bnds(sub, jj, glp_get_col_type(lp, j), glp_get_col_lb(lp, j),
				 glp_get_col_ub(lp, j));
		glp_set_obj_coef(sub, jj, glp_get_obj_coef(lp, j));
		int len = glp_get_mat_col(lp, j, ind, val);
		glp_set_mat_col(sub, jj, len, ind, val);
	}
	return sub;
}

/* Adds the row "objective >= lo" (maximising) or "<= hi" (minimising). */
static void objective_row(glp_prob *sub, double lo, double hi, int *ind, double *val)
{
	int n = glp_get_num_cols(sub), len = 0;
	for (int j = 1; j <= n; j++) {
		double c = glp_get_obj_coef(sub, j);
		if (c != 0) {
			ind[++len] = j;
			val[len] = c;
		}
	}
	int i = glp_add_rows(sub, 1);
	if (len > 0)
		glp_set_mat_row(sub, i, len, ind, val);
	if (glp_get_obj_dir(sub) == GLP_MAX)
		glp_set_row_bnds(sub, i, GLP_LO, lo, 0);
	else
		glp_set_row_bnds(sub, i, GLP_UP, 0, hi);
}

typedef struct subcb {
	int nodes, limit;
	bool first;         /* stop at the first solution */
	pl_ctx *P;
	const pl_budget *b;
	double work;        /* the work seen by the last callback */
	double node_work;   /* the nodes' own work (pl_node_work) */
	int it0;            /* the problem's iterations before this solve */
	bool cuts;          /* GLPK's cut generators on (pl_rins_prob) */
} subcb;

static subcb sub_cb(pl_ctx *P, const pl_budget *b, int limit, bool first)
{
	return (subcb){0, limit, first, P, b, 0, 0, 0, false};
}

/* The sub-problem's work so far in this solve: nodes and simplex
 * iterations (of the problem GLPK solves: with the presolver on, its
 * transformed one, whose count goes on from the problem's - so a
 * relax-and-fix problem, solved window after window, was charged every
 * earlier window's iterations again: 9.2 M work units for a run of
 * nine windows that took 0.75 s on small tight seed 6, the whole of
 * level 1's budget at effort 30). */
static double sub_work(const subcb *c, glp_prob *sub)
{
	return c->node_work + PL_WORK_ITERS(glp_get_it_cnt(sub) - c->it0, glp_get_num_rows(sub));
}

static void sub_callback(glp_tree *T, void *info)
{
	subcb *c = info;
	int r = glp_ios_reason(T);
	if (r == GLP_ISELECT)
		c->node_work += pl_node_work(T);
	if (r == GLP_ICUTGEN && c->cuts) /* GLPK's cut generators at this node */
		c->node_work += pl_cut_node_work(glp_ios_get_prob(T));
	if (r == GLP_ISELECT && ++c->nodes > c->limit)
		glp_ios_terminate(T);
	else if (r == GLP_IBINGO && c->first)
		glp_ios_terminate(T);
	else if (c->P->work + (c->work = fmax(c->work, sub_work(c, glp_ios_get_prob(T)))) >=
		 pl_work_end(c->P, c->b))
		glp_ios_terminate(T);
	else if (pl_time_up(c->P, c->b))
		glp_ios_terminate(T);
}

/* Solves a sub-problem within budget b (its work counted); a solution
 * goes to x in the model's column order (perm as in copy_perm). */
static pl_found sub_solve(glp_prob *sub, const int *perm, int br, subcb *cb, double *x)
{
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = GLP_MSG_OFF;
	iocp.presolve = GLP_ON;
	iocp.br_tech = br;
	if (cb->cuts) {
		pl_cuts_on(&iocp);
		iocp.gmi_cuts = GLP_ON;
	}
	iocp.tm_lim = pl_ms_left(cb->P, cb->b);
	iocp.cb_func = sub_callback;
	iocp.cb_info = cb;
	if (pl_debug_glpk_fail == 2) {
		pl_debug_glpk_fail = 0;
		glp_set_col_kind(sub, glp_get_num_cols(sub) + 7, GLP_BV); /* GLPK error */
	}
	cb->it0 = glp_get_it_cnt(sub); /* a relax-and-fix problem is solved again and again */
	int ret = glp_intopt(sub, &iocp);
	double own = sub_work(cb, sub);
	pl_work(cb->P, fmax(cb->work, own));
	if (ret == GLP_ETMLIM)
		cb->P->time_cut = true;
	int st = glp_mip_status(sub);
	if (st == GLP_OPT || st == GLP_FEAS) {
		int n = glp_get_num_cols(sub);
		for (int jj = 1; jj <= n; jj++) {
			double v = glp_mip_col_val(sub, jj);
			x[perm ? perm[jj] : jj] = glp_get_col_kind(sub, jj) == GLP_CV ? v : floor(v + 0.5);
		}
		return PL_FOUND;
	}
	/* the whole tree searched, or the LP relaxation infeasible */
	if ((ret == 0 || ret == GLP_ENOPFS) && st == GLP_NOFEAS)
		return PL_NONE;
	return PL_LIMIT;
}

/* ---- face search ---- */

/* Reduced-cost fixing of columns and rows for a loss of at most s
 * (perm as in copy_perm, NULL: the model's order). */
static void face_fix(glp_prob *sub, const pl_lpsol *L, const int *perm, double s)
{
	for (int jj = 1; jj <= L->n; jj++) {
		int j = perm ? perm[jj] : jj;
		if (L->cfix[j] && fabs(L->cd[j]) > s + 1e-6) {
			double v = floor(L->x[j] + 0.5);
			glp_set_col_bnds(sub, jj, GLP_FX, v, v);
		}
	}
	for (int i = 1; i <= L->m; i++)
		if (L->rfix[i] && fabs(L->rd[i]) > s + 1e-6) {
			double v = floor(L->ra[i] + 0.5);
			glp_set_row_bnds(sub, i, GLP_FX, v, v);
		}
}

pl_found pl_face_search(pl_model *M, const pl_lpsol *L, double target, int attempt, int nodes,
			const pl_budget *b, double *x)
{
	int m = L->m, n = L->n;
	int *perm = galloc(n + 1, sizeof(int));
	int *ind = galloc(m + n + 2, sizeof(int));
	double *val = galloc(m + n + 2, sizeof(double));
	shuffle(perm, n, attempt);
	glp_prob *sub = copy_perm(M->lp, perm, ind, val);
	face_fix(sub, L, perm, fabs(L->z - target));
	/* integral objective: within 0.5 of the target is the target */
	objective_row(sub, target - 0.5, target + 0.5, ind, val);
	subcb cb = sub_cb(M->P, b, nodes, true);
	pl_found r = sub_solve(sub, perm, GLP_BR_FFV, &cb, x);
	glp_delete_prob(sub);
	glp_free(perm), glp_free(ind), glp_free(val);
	return r;
}

/* ---- relax and fix ---- */

/* Departure date of a column: its itinerary's, the check day's
 * departure for z, the trip's for e. */
static mp_date col_date(const pl_model *M, int j)
{
	const pl_ctx *P = M->P;
	switch (M->kind[j]) {
	case 'x':
		return P->itins[P->cols[M->ref[j]].itin].dep_date;
	case 'z':
		return M->z[M->ref[j]].dep;
	case 'e':
		return P->itins[M->e[M->ref[j]].itin].dep_date;
	default:
		return 0;
	}
}

static int cmp_date(const void *a, const void *b, void *arg)
{
	const mp_date *date = arg;
	int i = *(const int *)a, j = *(const int *)b;
	if (date[i] != date[j])
		return date[i] < date[j] ? -1 : 1;
	return i - j;
}

/* Windows of departure dates in date order, each holding at least
 * min_cols columns (whole dates); win[j] per column; returns how many. */
static int windows(const pl_model *M, int *win, int min_cols)
{
	int n = M->n, nw = 0, in_win = 0;
	mp_date *date = galloc(n + 1, sizeof(mp_date));
	int *order = galloc(n + 1, sizeof(int));
	for (int j = 1; j <= n; j++) {
		date[j] = col_date(M, j);
		order[j - 1] = j;
	}
	qsort_r(order, (size_t)n, sizeof(int), cmp_date, date);
	for (int k = 0; k < n; k++) {
		int j = order[k];
		if (k > 0 && date[j] != date[order[k - 1]] && in_win >= min_cols) {
			nw++;
			in_win = 0;
		}
		win[j] = nw;
		in_win++;
	}
	glp_free(date);
	glp_free(order);
	return n > 0 ? nw + 1 : 0;
}

typedef struct rfcols {
	const int *perm;       /* as in copy_perm */
	int *win;              /* per column of the copy */
	char *kind;            /* the model's column kinds */
	int *type;             /* bounds after reduced-cost fixing */
	double *lb, *ub;
} rfcols;

/* Windows before lo stay fixed; lo..hi integer within their bounds;
 * the later ones continuous (their LP relaxation). */
static void set_windows(glp_prob *sub, const rfcols *c, int n, int lo, int hi)
{
	for (int j = 1; j <= n; j++) {
		if (c->win[j] < lo)
			continue;
		glp_set_col_kind(sub, j, c->win[j] <= hi ? c->kind[j] : GLP_CV);
		glp_set_col_bnds(sub, j, c->type[j], c->lb[j], c->ub[j]);
	}
}

static void fix_windows(glp_prob *sub, const rfcols *c, int n, int lo, int hi, const double *x)
{
	for (int j = 1; j <= n; j++)
		if (c->win[j] >= lo && c->win[j] <= hi)
			glp_set_col_bnds(sub, j, GLP_FX, x[c->perm[j]], x[c->perm[j]]);
}

static void rf_save(glp_prob *sub, rfcols *c, int n)
{
	c->kind = galloc(n + 1, 1);
	c->type = galloc(n + 1, sizeof(int));
	c->lb = galloc(n + 1, sizeof(double));
	c->ub = galloc(n + 1, sizeof(double));
	for (int j = 1; j <= n; j++) {
		c->kind[j] = (char)glp_get_col_kind(sub, j);
		c->type[j] = glp_get_col_type(sub, j);
		c->lb[j] = glp_get_col_lb(sub, j);
		c->ub[j] = glp_get_col_ub(sub, j);
	}
}

static void rf_free(rfcols *c)
{
	glp_free(c->win), glp_free(c->kind), glp_free(c->type);
	glp_free(c->lb), glp_free(c->ub);
}

/* The windows in turn on the face problem: a window that has no
 * solution, or finds none within WINDOW_NODES, merges with the one
 * before and both are solved again.  Once merged back to the first
 * window nothing is fixed any more, so no solution there means none at
 * all (the later windows were only relaxed). */
static pl_found rf_run(const pl_model *M, glp_prob *sub, const rfcols *c, int n, int nw, int nodes,
		       bool optimise, const pl_budget *b, double *x)
{
	pl_found r = PL_LIMIT;
	int lo = 0, hi = 0;
	while (hi < nw && nodes > 0) {
		set_windows(sub, c, n, lo, hi);
		subcb cb = sub_cb(M->P, b, nodes < WINDOW_NODES ? nodes : WINDOW_NODES, !optimise);
		r = sub_solve(sub, c->perm, GLP_BR_FFV, &cb, x);
		nodes -= cb.nodes + 1;
		if (r == PL_FOUND) {
			fix_windows(sub, c, n, lo, hi, x);
			lo = ++hi;
			continue;
		}
		if (lo == 0 || pl_spent(M->P, b))
			return lo == 0 ? r : PL_LIMIT;
		lo--;
	}
	return hi == nw ? PL_FOUND : PL_LIMIT;
}

pl_found pl_relax_fix(pl_model *M, const pl_lpsol *L, double target, double tol, int variant,
		      bool optimise, int nodes, const pl_budget *b, double *x)
{
	/* windows of one date, of 150 columns, of 400 (whole dates) */
	static const int min_cols[3] = {1, 150, 400};
	int m = L->m, n = L->n;
	int *ind = galloc(m + n + 2, sizeof(int));
	double *val = galloc(m + n + 2, sizeof(double));
	int *perm = galloc(n + 1, sizeof(int)), *win = galloc(n + 1, sizeof(int));
	rfcols c = {.perm = perm, .win = galloc(n + 1, sizeof(int))};
	int nw = windows(M, win, min_cols[variant % 3]);
	shuffle(perm, n, variant / 3);
	for (int jj = 1; jj <= n; jj++)
		c.win[jj] = win[perm[jj]];
	glp_prob *sub = copy_perm(M->lp, perm, ind, val);
	face_fix(sub, L, perm, fabs(L->z - target));
	objective_row(sub, target - tol, target + tol, ind, val);
	rf_save(sub, &c, n);
	pl_found r = rf_run(M, sub, &c, n, nw, nodes, optimise, b, x);
	glp_delete_prob(sub);
	rf_free(&c);
	glp_free(ind), glp_free(val), glp_free(perm), glp_free(win);
	return r;
}

/* ---- RINS ---- */

pl_found pl_rins(pl_model *M, const pl_lpsol *L, double *x, bool integral, int nodes,
		 const pl_budget *b)
{
	return pl_rins_prob(M->P, M->lp, L->x, x, pl_model_value(M, M->level, x), integral, false, nodes, b);
}

/* Optimises sub (a copy of the model with n_free columns left free)
 * with the objective at least lo (maximising; at most hi minimising),
 * within nodes and b, GLPK's cut generators on when asked; a solution
 * goes to x.  Deletes sub. */
static pl_found beat(pl_ctx *P, glp_prob *sub, double lo, double hi, bool cuts, int n_free, int nodes,
		     const pl_budget *b, double *x)
{
	int m = glp_get_num_rows(sub), n = glp_get_num_cols(sub);
	double *sol = galloc(n + 1, sizeof(double));
	int *ind = galloc(m + n + 2, sizeof(int));
	double *val = galloc(m + n + 2, sizeof(double));
	objective_row(sub, lo, hi, ind, val);
	subcb cb = sub_cb(P, b, nodes, false);
	cb.cuts = cuts;
	pl_found r = n_free == 0 ? PL_NONE : sub_solve(sub, NULL, GLP_BR_MFV, &cb, sol);
	if (r == PL_FOUND)
		memcpy(x + 1, sol + 1, (size_t)n * sizeof *x);
	glp_delete_prob(sub);
	glp_free(sol), glp_free(ind), glp_free(val);
	return r;
}

pl_found pl_rins_prob(pl_ctx *P, glp_prob *lp, const double *xlp, double *x, double v, bool integral,
		      bool all_int, int nodes, const pl_budget *b)
{
	int n = glp_get_num_cols(lp), n_free = 0;
	double step = integral ? 0.5 : 1e-6 * fmax(1, fabs(v));
	glp_prob *sub = glp_create_prob();
	glp_copy_prob(sub, lp, GLP_OFF);
	for (int j = 1; j <= n; j++) {
		if (all_int)
			glp_set_col_kind(sub, j, GLP_IV);
		if (glp_get_col_kind(sub, j) != GLP_CV && fabs(xlp[j] - x[j]) < 1e-6)
			glp_set_col_bnds(sub, j, GLP_FX, x[j], x[j]);
		else
			n_free++;
	}
	/* strictly better than the incumbent: by one when integral */
	return beat(P, sub, v + step, v - step, all_int, n_free, nodes, b, x);
}

/* ---- the escort neighbourhood ---- */

/* Whether the model has escort trips to choose. */
static bool has_trips(const pl_model *M)
{
	for (int j = 1; j <= M->n; j++)
		if (M->kind[j] == 'e')
			return true;
	return false;
}

/* The escort neighbourhood of incumbent x: every unit needing an escort
 * free on all its itineraries, every escort trip and check day free,
 * every other unit held to its place or dropped (its copies may only
 * go down), and the plan must beat x.  Escorts pair the units they
 * cover on one itinerary, so a better plan often moves two escorted
 * families weeks apart onto one trip and gives the trip saved to a
 * third, taking seats from families that travel without one: moves
 * across the horizon that windows of a few days, and RINS (which fixes
 * what the LP and x agree on), do not make.  GLPK's cut generators
 * on: without them it found nothing in 1,000 nodes on small tight seed 1
 * reshaped `escorts` (shapes.py), with them 5,551 -> 5,559, the
 * neighbourhood's optimum, in 27 nodes (CBC's plan, 5,576, pairs two
 * emergencies on one trip so). */
pl_found pl_escort_nbh(pl_model *M, double *x, int nodes, const pl_budget *b)
{
	pl_ctx *P = M->P;
	glp_prob *lp = M->lp;
	int n = glp_get_num_cols(lp), n_free = 0;
	double v = pl_model_value(M, M->level, x);
	glp_prob *sub = glp_create_prob();
	glp_copy_prob(sub, lp, GLP_OFF);
	for (int j = 1; j <= n; j++) {
		bool open;
		if (M->kind[j] == 'e')
			open = true;
		else if (M->kind[j] == 'z')
			open = P->units[P->cases[M->z[M->ref[j]].pcase].unit].escort;
		else if (M->kind[j] == 'x')
			open = P->units[P->cols[M->ref[j]].unit].escort;
		else
			continue; /* pinned: fixed already */
		if (open)
			n_free++;
		else if (x[j] < 0.5)
			glp_set_col_bnds(sub, j, GLP_FX, 0, 0);
		else /* held, or dropped (its check day with it) */
			glp_set_col_bnds(sub, j, GLP_DB, 0, x[j]);
	}
	return beat(P, sub, v + 0.5, v - 0.5, true, n_free, nodes, b, x);
}

/* ---- the search of one level ---- */

/* Luby's universal restart sequence: 1 1 2 1 1 2 4 1 1 2 1 1 2 4 8 ... */
static int luby(int i)
{
	for (int k = 1; k < 31; k++) {
		if (i == (1 << k) - 1)
			return 1 << (k - 1);
		if (i < (1 << k) - 1)
			return luby(i - (1 << (k - 1)) + 1);
	}
	return 1 << 30;
}

static bool better(int dir, double a, double b)
{
	double tol = 1e-9 * fmax(1, fabs(b));
	return dir == GLP_MAX ? a > b + tol : a < b - tol;
}

/* After a search: a solution at the bound settles the level; none
 * proves the bound one lower.  True when the level is settled. */
static bool face_result(pl_model *M, const pl_lpsol *L, pl_found r, const double *sol, double *x,
			pl_search *out)
{
	if (r == PL_FOUND) {
		memcpy(x + 1, sol + 1, (size_t)L->n * sizeof *x);
		return true;
	}
	if (r == PL_NONE) {
		out->bound += L->dir == GLP_MAX ? -1 : 1;
		out->bound_steps++;
	}
	return !better(L->dir, out->bound, pl_model_value(M, M->level, x));
}

/* Not worth searching on: at the bound, or within the requested gap. */
static bool settled(const pl_model *M, const pl_lpsol *L, const double *x, double bound, double gap)
{
	double v = pl_model_value(M, M->level, x);
	return !better(L->dir, bound, v) || (gap > 0 && fabs(bound - v) <= gap * fmax(1, fabs(bound)));
}

/* Relax and fix for a better plan, when the bound is out of reach:
 * each window optimises the level (not just any plan at the bound).
 * The plan must reach a target halfway between the incumbent and the
 * lowest target that failed so far (*try_hi, at first the bound): the
 * higher the target, the more columns the reduced costs fix, which
 * keeps the windows' choices close to the LP's. */
static void improve(pl_model *M, const pl_lpsol *L, double *x, double *sol, const pl_budget *b,
		    double *try_hi, pl_search *out)
{
	double v = pl_model_value(M, M->level, x), sign = L->dir == GLP_MAX ? 1 : -1;
	/* a failed target proves nothing: a later plan may pass it */
	if (better(L->dir, *try_hi, out->bound) || !better(L->dir, *try_hi, v))
		*try_hi = out->bound;
	double step = ceil(fabs(*try_hi - v) / 2);
	if (step < 1)
		return;
	double target = v + sign * step;
	pl_found r = pl_relax_fix(M, L, target, 0.5, out->below++, true, IMPROVE_NODES,
				  b, sol);
	if (r == PL_FOUND && better(L->dir, pl_model_value(M, M->level, sol), v)) {
		memcpy(x + 1, sol + 1, (size_t)L->n * sizeof *x);
		out->below_better++;
		return;
	}
	*try_hi = target;
	if (r == PL_NONE && better(L->dir, out->bound, target - sign)) {
		out->bound = target - sign; /* nothing at the target or beyond */
		out->bound_steps++;
	}
}

/* The escort neighbourhood of x, once per value of level 1; true when
 * it found a better plan (in x). */
static bool escort_round(pl_model *M, double *x, const pl_budget *b, bool *rins_stale, pl_search *out)
{
	double v = pl_model_value(M, M->level, x);
	if (M->level != 0 || out->esc_tried == v || !has_trips(M))
		return false;
	out->esc_tried = v;
	out->escnbh++;
	if (pl_escort_nbh(M, x, ESC_NODES, b) != PL_FOUND)
		return false;
	out->escnbh_better++;
	*rins_stale = false;
	return true;
}

/* Round k of the searches, in cycles of four: relax and fix optimising
 * for a better plan, the escort neighbourhood (once per value of the
 * plan) then a restart of the plain face search or RINS, in
 * turn, then relax and fix at the bound twice (new windows and column
 * orders each time: runs are short and their luck varies).  Optimising
 * comes first: where the bound is out of reach the runs at the bound
 * only spend the budget, and a plan far below the bound (small default
 * seed 1 reshaped `urgent`, 3.4 % below it at effort 10) rose 2.8 % by
 * the first run optimising; where the bound is reached, one run more
 * before it changed no plan at effort 30 (docs/optimisation.md 7). */
static bool face_round(pl_model *M, const pl_lpsol *L, double *x, double *sol, int k,
		       const pl_budget *b, double *try_hi, bool *rins_stale, pl_search *out)
{
	pl_found r;
	switch (k % 4) {
	case 0:
		improve(M, L, x, sol, b, try_hi, out);
		*rins_stale = false;
		return !better(L->dir, out->bound, pl_model_value(M, M->level, x));
	case 1:
		if (escort_round(M, x, b, rins_stale, out))
			return !better(L->dir, out->bound, pl_model_value(M, M->level, x));
		if (k % 8 == 1 || *rins_stale) {
			r = pl_face_search(M, L, out->bound, out->faces,
					   LUBY_UNIT * luby(out->faces + 1), b, sol);
			out->faces++;
			return face_result(M, L, r, sol, x, out);
		}
		out->rins++;
		r = pl_rins(M, L, x, true, RINS_NODES, b);
		out->rins_better += r == PL_FOUND;
		*rins_stale = r != PL_FOUND; /* the same input gives the same answer */
		return false;
	default:
		r = pl_relax_fix(M, L, out->bound, 0.5, out->relax_fix++, false, RF_NODES, b, sol);
		return face_result(M, L, r, sol, x, out);
	}
}

void pl_lp_search_on(pl_model *M, const pl_lpsol *L, double *x, bool integral, bool face,
		     const pl_budget *b, double gap, pl_search *out)
{
	double *sol = galloc(L->n + 1, sizeof(double));
	for (; !settled(M, L, x, out->bound, gap) && !pl_spent(M->P, b); out->k++) {
		if (face && integral) {
			if (face_round(M, L, x, sol, out->k, b, &out->try_hi, &out->rins_stale, out))
				break;
			continue;
		}
		/* without face searches (levels 2-4 far from their bound):
		 * RINS while it finds better plans.  (Relax and fix was
		 * tried here too: with level 1 held at its optimum every
		 * window must keep the exact fill, and it rarely helped.) */
		out->rins++;
		pl_found r = pl_rins(M, L, x, integral, RINS_NODES, b);
		out->rins_better += r == PL_FOUND;
		if (r != PL_FOUND)
			break;
	}
	out->optimal = !better(L->dir, out->bound, pl_model_value(M, M->level, x));
	glp_free(sol);
}
