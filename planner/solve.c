/*
 * solve.c - the lexicographic solve, component by component, within
 * the run's budget of work (work.c) and time.
 *
 * Components (components.c) come in three kinds, each with its
 * searches, in this order:
 *
 *   trivial  one unit that shares no binding limit: each copy takes its
 *            best column that fits, level by level - exact, no GLPK
 *            (greedy.c, pl_direct);
 *   exact    up to pl_full_limit eligible pairs, and pairs x units up to
 *            PL_FULL_UNITS times that (components.c): the integer program of
 *            model.c with every column, its first incumbent from the
 *            greedy (greedy.c) - or, with EXACT_LARGE_UNITS units and
 *            EXACT_LARGE_PAIRS pairs or more, from a short run of the
 *            large path below - then level by level:
 *              1. the LP relaxation (glp_simplex);
 *              2. level 1 only: GLPK's cuts at the root, whose value is
 *                 the level's bound from then on (cuts.c);
 *              3. the searches driven by the LP (rins.c): relax and fix
 *                 on the LP's optimal face, face searches, RINS;
 *              4. GLPK's branch and bound (glp_intopt; level 1 with the
 *                 cut generators on), when they stop before the level's
 *                 budget;
 *            level 1 of a big one alternates the large path and the
 *            searches 3 in phases of doubling work (LEVEL1_SHARE), with
 *            a phase of 4 (pseudocost branching) between them on small
 *            models near their bound (bnb_phase);
 *   large    bigger: large.c - escort trips packed first (escplan.c),
 *            the greedy, then rounds of the volume algorithm (lagr.c),
 *            the LP by column generation (cg.c), plans from prices and
 *            from the LP, the ejection search (ls.c) and windows of a
 *            few days solved by GLPK with every level (lns.c).
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
 * With an integral objective every bound is rounded down (up when
 * minimising): a plan at the rounded bound is optimal.
 *
 * GLPK's MIP presolver is left off on purpose: with it on, the callback
 * sees the presolver's transformed problem (glp_ios_get_prob), whose
 * columns are not ours, so our incumbent could not be handed over with
 * glp_ios_heur_sol.  The reductions we need are done before GLPK sees
 * the model (non-binding rows left out, dominated columns dropped,
 * identical cases aggregated, independent components split).  The
 * callback (a) injects the incumbent at the first GLP_IHEUR, (b) records
 * the best bound of the open nodes at every call, so when a search is
 * cut the reported bound is the true one, (c) stops once the incumbent
 * reaches that bound rounded, and (d) stops when the level's work is
 * spent (simplex iterations and nodes, counted) or its time is up.
 *
 * Budgets: the run's work (--effort) and time (--time-limit) go to the
 * components in proportion to their eligible pairs, small components
 * first (what they leave flows to the big ones), in two passes: level
 * 1 of every component, then levels 2-4 of the exact ones (their share
 * kept for them in the first pass).  Within an exact component level 1
 * ends at LEVEL1_SHARE of its budget, in phases of fixed work, and
 * levels 2-4 share the rest as LEVEL_SHARE says (what a level leaves
 * flows to the next).  So a larger budget only lets level 1's searches
 * go on longer: more effort never gives a worse level 1 (SPEC 2,
 * issue 11).  Only work decides where a search stops, so the same
 * input and effort give the same plan; time is a hard stop on top, and
 * a level it cuts says so (mp_plan.levels).
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ---- thresholds and shares, in one place ---- */

/* Level 1's share of an exact component's budget, its first plan
 * included (level 1 decides the status and the gap): it ends there
 * whatever it found, so a larger budget only lets it go on longer.
 * Levels 2-4 share the rest, with what level 1 leaves, as LEVEL_SHARE
 * says (what a level leaves flows to the next; [0] is not used). */
#define LEVEL1_SHARE 0.79
static const double LEVEL_SHARE[4] = {0.7, 0.1, 0.1, 0.1};
/* In the windows of lns.c each level gets at most this share of the
 * window's nominal work, and what it leaves is not passed on: a window
 * whose level 1 is settled early ends early, so more windows fit in a
 * budget (on the tight medium preset level 1 is where they gain). */
static const double WINDOW_LEVEL_CAP[4] = {0.8, 0.1, 0.05, 0.05};
/* Exact components this big first get their incumbent from the large
 * path: on the small preset (1 000 pairs) that path took 1.5 s for a
 * plan 0.3 % short, which the searches of rins.c, started from the
 * greedy, beat in a fraction of that.  Under a work budget level 1
 * then goes in phases of fixed work, whatever the budget: the large
 * path (from the greedy) for pl_large_phase, the searches of rins.c
 * for pl_rins_phase, the large path again, from the best plan, for
 * twice its phase, the searches, going on where they stopped, for
 * twice theirs, and so on, until level 1's share is spent.  A budget
 * only says where that sequence stops (solve.c lp_search).  3 M work
 * is what the large path had at effort 10 on the small preset under
 * the shares these phases replaced (30 % of the component's work to
 * the large path, 70 % of the rest to level 1's searches); searches of
 * 3 M rather than those shares' 4.9 M let the second large phase, the
 * first with room to dive, start sooner (docs/optimisation.md 7).
 * Under a time limit alone the same phases run, the limit cutting them
 * where it falls, so a longer limit only adds to the sequence.  (Until
 * 7 December the large path had 30 % of the time there, with unbounded
 * work to dive, and the searches the rest: over 25 small missions at
 * 5, 10 and 20 s one fell, from 26,536 to 26,507.  In phases none
 * falls; against the shares, 6 higher and 1 lower at 10 s, 4 and 3 at
 * 20 s, 4 and 5 at 5 s: docs/optimisation.md 7.) */
#define EXACT_LARGE_UNITS 50
#define EXACT_LARGE_PAIRS 500.0
double pl_large_phase = 3e6;
double pl_rins_phase = 3e6;
double pl_bnb_phase = 3e6;
/* Levels 2-4 of an exact component: GLPK's branch and bound, after the
 * searches of rins.c, ends once its incumbent has gone unimproved for
 * as much work as it took to find it, and at least STALL_WORK.  Their
 * LP bounds are far off (waiting and fares: 1-10 %) and never proven
 * on the small preset, so they used to spend all their share: the
 * example mission (67 cases) took the whole default effort, 30 M work
 * units and 17 s, of which levels 3-4 were 29 M, for the plan they had
 * after 2 M (the same waiting and cost at efforts 2 to 30); now 3 M,
 * 1.5 s.  Over 57 small missions at effort 30 it changed levels 1-2 of
 * none and levels 3-4 of one (small tight seed 4: waiting +0.6 %, a
 * better plan its search had found late; docs/optimisation.md 7).
 * Level 1 never stops so (its branch and bound is the proof), nor do
 * the windows of lns.c (their levels are capped by WINDOW_LEVEL_CAP).
 * It depends on work alone, so the same effort gives the same plan,
 * and more effort the same or more search. */
#define STALL_WORK 1e6
/* Levels 2-4 try face searches only this close to their bound: their
 * LP bounds are rarely attained, and each search that finds nothing
 * moves the bound by one. */
#define FACE_GAP 2.0
/* Work below which a level does not start GLPK's branch and bound. */
#define MIN_BNB_WORK 5e4
/* A strong-branching probe of pseudocost branching (count_probes): a
 * copy of the problem, per row, column and nonzero, and its iterations. */
#define PROBE_COPY_WORK 0.3
#define PROBE_ITERS 30
/* Exact models up to this many columns put a phase of the branch and
 * bound with pseudocost branching after each phase of the searches. */
#define BNB_PHASE_COLS 3000
/* ... when the plan is this close to the bound (a share of it): a proof
 * is then within the branch and bound's reach, and further off its
 * phases only took work from the searches (small default seed 2
 * reshaped `bigfam`, 0.6 % off: 11,784 → 11,722 at effort 30). */
#define BNB_NEAR 0.001

int pl_debug_glpk_fail;
int pl_warm_lps;
int pl_debug_no_cuts;

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

/* ---- helpers of the levels ---- */

static bool better(int dir, double a, double b)
{
	double tol = 1e-9 * fmax(1, fabs(b));
	return dir == GLP_MAX ? a > b + tol : a < b - tol;
}

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

static bool within_gap(double gap, double bound, double v)
{
	return gap > 0 && fabs(bound - v) <= gap * fmax(1, fabs(bound));
}

/* ---- one level of one component ---- */

typedef struct cbinfo {
	pl_ctx *P;
	const pl_budget *b;
	const double *inc;  /* incumbent to inject, 1-based */
	bool injected;
	bool have_bound;
	double bound;       /* best bound of the open nodes (rounded) */
	int dir;            /* GLP_MAX or GLP_MIN */
	bool integral;      /* integral objective: bounds round */
	double known;       /* bound proven before the search (rounded) */
	int it0, rows;      /* simplex iterations at the start; rows */
	double work0;       /* the work clock at the start */
	int nodes;
	double node_work;   /* the nodes' own work (pl_node_work) */
	bool stall;         /* stop once the incumbent has stalled (STALL_WORK) */
	bool have_inc;
	double inc_val;     /* the incumbent's value, and the work when found */
	double inc_work;
	char *seen;         /* pseudocost branching: candidates met so far */
	double eval_work;   /* ... and the work of one strong-branching probe */
} cbinfo;

/* The branch and bound's work so far: its nodes and simplex iterations. */
static double bnb_work(const cbinfo *s, glp_prob *lp)
{
	return s->node_work + PL_WORK_ITERS(glp_get_it_cnt(lp) - s->it0, s->rows);
}

/* Pseudocost branching (GLP_BR_PCH) starts each candidate's pseudocost
 * in each direction by a probe: a copy of the node's problem with the
 * column fixed, up to 30 dual simplex iterations (GLPK's glpios09.c).
 * Those iterations are not the tree's, so they are counted here: at
 * each branching, every candidate not met before costs two probes
 * (GLPK may stop early at a branch it finds infeasible; the count
 * depends only on the tree, so it is the same on every run). */
static void count_probes(glp_tree *T, cbinfo *s)
{
	glp_prob *lp = glp_ios_get_prob(T);
	int n = glp_get_num_cols(lp);
	for (int j = 1; j <= n; j++)
		if (!s->seen[j] && glp_ios_can_branch(T, j)) {
			s->seen[j] = 1;
			s->node_work += 2 * s->eval_work;
		}
}

static void callback(glp_tree *T, void *info)
{
	cbinfo *s = info;
	int reason = glp_ios_reason(T);
	if (reason == GLP_IHEUR && !s->injected) {
		s->injected = true;
		glp_ios_heur_sol(T, s->inc);
	}
	if (reason == GLP_ISELECT) {
		s->nodes++;
		s->node_work += pl_node_work(T);
	}
	if (reason == GLP_ICUTGEN) /* GLPK's cut generators at this node */
		s->node_work += pl_cut_node_work(glp_ios_get_prob(T));
	if (reason == GLP_IBRANCH && s->seen)
		count_probes(T, s);
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
	/* levels 2-4: a search that has stalled ends (STALL_WORK) */
	if (s->stall && glp_mip_status(lp) == GLP_FEAS) {
		double v = glp_mip_obj_val(lp), w = bnb_work(s, lp);
		if (!s->have_inc || better(s->dir, v, s->inc_val)) {
			s->have_inc = true;
			s->inc_val = v;
			s->inc_work = w;
		} else if (w - s->inc_work > fmax(STALL_WORK, s->inc_work)) {
			glp_ios_terminate(T);
		}
	}
	/* the level's work, counted the same way on every run */
	if (s->work0 + bnb_work(s, lp) >= pl_work_end(s->P, s->b))
		glp_ios_terminate(T);
	else if (pl_time_up(s->P, s->b))
		glp_ios_terminate(T);
}

/* A trivial upper bound on level 1: every unit on its best column. */
double pl_comp_trivial_bound(const pl_ctx *P, const pl_comp *C)
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

bool pl_comp_integral(const pl_ctx *P, const pl_comp *C)
{
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_prof; t++)
			if (u->prof[t].w1 != floor(u->prof[t].w1))
				return false;
	}
	return true;
}

/* Level 1 of an exact component: its budget, and its component when
 * its search alternates with the large path (pl_large_phase). */
typedef struct l1phase {
	const pl_comp *C;
	const pl_budget *b1;
	bool large;
} l1phase;

typedef struct levelres {
	bool optimal;
	double bound;       /* level 1 only */
} levelres;

static void clear_comp(pl_ctx *P, const pl_comp *C);
static void log_large(pl_ctx *P, const pl_comp *C, const pl_large_result *r, double w0);

/* The large path on C within lb ahead of the exact model's searches,
 * from `seed` if given, with a hard stop at `stop` (pl_ctx.work_stop):
 * its work is its own, not a share of level 1's, and a smaller level-1
 * budget only cuts the same run sooner.  Logged. */
static pl_state *large_stopped(pl_ctx *P, const pl_comp *C, const pl_budget *lb, double stop,
			       const pl_large_seed *seed, pl_large_result *r)
{
	double w0 = P->work;
	P->hard_stop = true;
	P->work_stop = stop;
	pl_state *L = pl_large_solve(P, C, lb, true, seed, r);
	P->hard_stop = false;
	log_large(P, C, r, w0);
	return L;
}

/* The large path for `work` more, from plan x (into x if it finds a
 * better one); b's end is a hard stop on it.  True when x changed. */
static bool large_phase(pl_ctx *P, const pl_comp *C, pl_model *M, double *x, const pl_budget *b,
			double work)
{
	pl_trip *trips;
	int nt;
	clear_comp(P, C);
	pl_model_seed(M, x, &trips, &nt);
	pl_hold(P, trips, pl_release_mem);
	pl_large_seed seed = {trips, nt};
	pl_budget lb = *b;
	lb.work_end = P->work + work;
	pl_large_result r;
	pl_state *L = large_stopped(P, C, &lb, b->work_end, &seed, &r);
	pl_model_vector(M, L, M->sol);
	pl_unhold(P, L);
	pl_state_free_esc(P, L);
	pl_unhold(P, trips);
	free(trips);
	clear_comp(P, C);
	if (!improves(0, pl_model_value(M, 0, M->sol), pl_model_value(M, 0, x)))
		return false;
	memcpy(x + 1, M->sol + 1, (size_t)M->n * sizeof *x);
	return true;
}

static bool solve_lp(pl_ctx *P, pl_model *M, const pl_budget *b);
static bool branch_and_bound(pl_ctx *P, pl_model *M, int level, double *x, bool integ,
			     bool cuts, bool pch, bool stall, const pl_budget *b, double *bound);

/* Level 1's bound so far, for the progress line while the searches
 * of mip_level1 improve its plan, and the line if it is due
 * (pl_progress; windows' models and the other levels are not the
 * component's level 1). */
static void progress_bound(pl_ctx *P, const pl_model *M, int level, double bound)
{
	if (level != 0 || M != P->prog.model)
		return;
	P->prog.model_bound = fmin(P->prog.model_bound, bound);
	pl_progress(P);
}

/* Level 1's plan worth v is within BNB_NEAR of its bound. */
static bool near_bound(double bound, double v)
{
	return bound - v <= BNB_NEAR * fmax(1, fabs(bound));
}

/* A phase of GLPK's branch and bound with pseudocost branching, `work`
 * long, from incumbent x (improved in place); the searches' bound
 * tightens to its own. */
static void bnb_phase(pl_ctx *P, pl_model *M, double *x, bool integ, const pl_budget *b, double work,
		      pl_search *sr)
{
	pl_budget bb = pl_budget_work(P, b, work);
	double v0 = pl_model_value(M, 0, x);
	/* the root's cuts and the last phase leave another node's LP */
	if (!solve_lp(P, M, &bb))
		return;
	double bound = sr->bound;
	bool proven = branch_and_bound(P, M, 0, x, integ, true, true, false, &bb, &bound);
	double v = pl_model_value(M, 0, x);
	sr->bnb++;
	sr->bound = fmin(sr->bound, bound);
	if (improves(0, v0, v)) {
		sr->bnb_better++;
		sr->rins_stale = false;
	}
	sr->optimal = proven || !improves(0, sr->bound, v);
}

/* Level 1's phases stop: proven, within the requested gap, or b spent
 * (the progress line's bound brought up to date first). */
static bool phases_done(pl_ctx *P, pl_model *M, const pl_search *sr, double v, double gap,
			const pl_budget *b)
{
	progress_bound(P, M, 0, sr->bound);
	return sr->optimal || within_gap(gap, sr->bound, v) || pl_spent(P, b);
}

/* GLPK's integer solution into x when it is at least as good (M->sol
 * its scratch); returns glp_mip_status. */
static int take_mip(pl_model *M, int level, double *x)
{
	int st = glp_mip_status(M->lp);
	if (st != GLP_OPT && st != GLP_FEAS)
		return st;
	for (int j = 1; j <= M->n; j++)
		M->sol[j] = glp_mip_col_val(M->lp, j);
	if (!improves(level, pl_model_value(M, level, x), pl_model_value(M, level, M->sol)))
		memcpy(x + 1, M->sol + 1, (size_t)M->n * sizeof *x);
	return st;
}

/* Level 1's bounds from GLPK's cuts at the root (cuts.c). */
typedef struct rootcx {
	pl_ctx *P;
	pl_model *M;
	int level;
	bool integ;
	double lpz;            /* the LP's value */
	const pl_budget *b;
} rootcx;

/* GLPK's root with its cuts (with gmi Gomory's as well) from incumbent
 * x, improved in place if GLPK finds better; *bound tightens to the
 * root's value rounded.  True when the root settled the level. */
static bool root_cuts(rootcx *g, double *x, bool gmi, double *bound)
{
	pl_ctx *P = g->P;
	pl_model *M = g->M;
	pl_cuts cu;
	double w0 = P->work;
	pl_root_cuts(M, x, g->b, gmi, &cu);
	take_mip(M, g->level, x);
	pl_log(P->req, "planner: level 1: LP %.10g; %d cuts%s in %d rounds at the root, %s%.10g%s "
	       "(%.3g M work)", g->lpz, cu.cuts, gmi ? " with Gomory's" : "", cu.rounds,
	       cu.reached ? "bound " : "not reached ", cu.root, cu.solved ? ", solved" : "",
	       (P->work - w0) / 1e6);
	/* with an incumbent, GLPK's root fixes columns by reduced cost: its
	 * value bounds only the plans better than x, so the level's bound
	 * is the larger of the two */
	double vx = pl_model_value(M, g->level, x);
	if (cu.solved)
		*bound = vx;
	else if (cu.reached)
		*bound = fmax(vx, fmin(*bound, pl_round_bound(GLP_MAX, cu.root, g->integ)));
	progress_bound(P, M, g->level, *bound);
	return cu.solved;
}

/* The root again, with Gomory's cuts, once level 1's plan is better
 * than when it last ran (*root_at): GLPK's root fixes columns by
 * reduced cost against the incumbent, so a better plan can let it prove
 * the level or tighten the bound.  It runs after each large phase of
 * lp_search, a fixed place in the sequence.  On small tight seed 31
 * reshaped `bigfam` then `weekly` (shapes.py) the first roots had 6,148
 * and gave the bound 6,168; the plan reached 6,150 and stayed there,
 * unproven, at effort 30, where the root run again from 6,150 proves it
 * in 0.7 M work.  Over 57 small missions at effort 30: two more proven
 * optimal, one bound 1 lower, no plan changed (docs/optimisation.md 7).
 * True when the level is settled. */
static bool root_again(rootcx *g, double *x, double *root_at, pl_search *sr)
{
	double v = pl_model_value(g->M, 0, x);
	if (!improves(0, v, *root_at) || !improves(0, sr->bound, v) || pl_spent(g->P, g->b))
		return false;
	*root_at = v;
	bool solved = root_cuts(g, x, true, &sr->bound); /* never raises it */
	sr->roots++;
	if (solved || !improves(0, sr->bound, pl_model_value(g->M, 0, x)))
		sr->optimal = true;
	return sr->optimal;
}

/* The searches of rins.c between the LP (its solution L) and the
 * branch and bound; returns the proven bound (rounded), x improved in
 * place.  Level 1 of
 * a component with ph->large: in phases with the large path between
 * (pl_large_phase), and the root of g (NULL: none ran) again after each
 * large phase that left a better plan (root_again). */
static double lp_search(pl_ctx *P, pl_model *M, int level, double *x, const pl_lpsol *L, double lpb,
			bool integ, const pl_budget *b, const l1phase *ph, rootcx *g, bool *optimal)
{
	double v0 = pl_model_value(M, level, x), w0 = P->work, gap = P->req->options.gap;
	pl_search sr = {.bound = lpb, .try_hi = lpb};
	bool face = level == 0 || fabs(lpb - v0) <= FACE_GAP;
	if (!ph || !ph->large || !face || !integ) {
		pl_lp_search_on(M, L, x, integ, face, b, gap, &sr);
	} else {
		double rw = pl_rins_phase, lw = 2 * pl_large_phase, bw = pl_bnb_phase, root_at = v0;
		bool bnb = M->n <= BNB_PHASE_COLS;
		for (;;) {
			pl_budget rb = pl_budget_work(P, b, rw);
			pl_lp_search_on(M, L, x, integ, face, &rb, gap, &sr);
			if (phases_done(P, M, &sr, pl_model_value(M, level, x), gap, b))
				break;
			if (bnb && near_bound(sr.bound, pl_model_value(M, level, x))) {
				bnb_phase(P, M, x, integ, b, bw, &sr);
				if (phases_done(P, M, &sr, pl_model_value(M, level, x), gap, b))
					break;
			}
			if (large_phase(P, ph->C, M, x, b, lw))
				sr.rins_stale = false;
			if (g && root_again(g, x, &root_at, &sr))
				break;
			rw *= 2, lw *= 2, bw *= 2;
		}
	}
	progress_bound(P, M, level, sr.bound);
	pl_log(P->req, "planner: level %d: LP %.10g, bound %.10g, incumbent %.10g -> %.10g; "
	       "relax and fix %d at the bound, %d of %d below it found a plan, %d face searches "
	       "(%d bound steps), %d of %d RINS improved, %d of %d escort neighbourhoods, %d of %d branch and bound, %d roots again%s (%.3g M work)", level + 1,
	       pl_lpsol_z(L), sr.bound, v0, pl_model_value(M, level, x), sr.relax_fix,
	       sr.below_better, sr.below, sr.faces, sr.bound_steps, sr.rins_better, sr.rins,
	       sr.escnbh_better, sr.escnbh, sr.bnb_better, sr.bnb, sr.roots,
	       sr.optimal ? ", optimal" : "", (P->work - w0) / 1e6);
	*optimal = sr.optimal;
	return sr.bound;
}

/* GLPK's branch and bound from incumbent x (improved in place); *bound
 * (rounded) tightens to the search's; true when it ends proven. */
static bool branch_and_bound(pl_ctx *P, pl_model *M, int level, double *x, bool integ,
			     bool cuts, bool pch, bool stall, const pl_budget *b, double *bound)
{
	cbinfo s = {.P = P, .b = b, .inc = x, .dir = glp_get_obj_dir(M->lp), .integral = integ,
		    .known = *bound, .it0 = glp_get_it_cnt(M->lp), .rows = glp_get_num_rows(M->lp),
		    .work0 = P->work, .stall = stall};
	if (pch) {
		int rows = glp_get_num_rows(M->lp);
		s.seen = glp_alloc(M->n + 1, 1);
		memset(s.seen, 0, (size_t)M->n + 1);
		s.eval_work = PROBE_COPY_WORK * (rows + M->n + glp_get_num_nz(M->lp)) +
			      PL_WORK_ITERS(PROBE_ITERS, rows);
	}
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = P->req->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp.presolve = GLP_OFF; /* see the file comment */
	iocp.tm_lim = pl_ms_left(P, b);
	iocp.mip_gap = P->req->options.gap;
	iocp.cb_func = callback;
	iocp.cb_info = &s;
	/* most fractional variable: Driebeck-Tomlin's default evaluates
	 * tableau rows, which dominates the time on our larger models */
	iocp.br_tech = pch ? GLP_BR_PCH : GLP_BR_MFV;
	if (cuts)
		pl_cuts_on(&iocp);
	int ret = glp_intopt(M->lp, &iocp);
	pl_work_call(P, b, bnb_work(&s, M->lp), ret);
	if (s.seen)
		glp_free(s.seen);
	int st = take_mip(M, level, x);
	double vx = pl_model_value(M, level, x);
	if (ret == 0 && st == GLP_OPT)
		*bound = vx;
	else if (s.have_bound && better(s.dir, *bound, s.bound))
		*bound = s.bound;
	return (ret == 0 && st == GLP_OPT) || !improves(level, *bound, vx);
}

/* The model's optimal basis, for the next level to start from. */
static void keep_basis(pl_model *M)
{
	int m = glp_get_num_rows(M->lp), n = glp_get_num_cols(M->lp);
	M->bas = mp_xrealloc(M->bas, (size_t)m + n + 1);
	M->bas_m = m, M->bas_n = n;
	for (int i = 1; i <= m; i++)
		M->bas[i] = (char)glp_get_row_stat(M->lp, i);
	for (int j = 1; j <= n; j++)
		M->bas[m + j] = (char)glp_get_col_stat(M->lp, j);
}

/* Levels 2-4: the level before's optimal basis back in the model; false
 * when there is none to start from.  That basis stays primal feasible:
 * the row fixing the level before (fix_level) holds at its LP optimum,
 * its slack basic. */
static bool warm_basis(pl_model *M)
{
	if (!M->warm || !M->bas || M->level == 0 || glp_get_num_cols(M->lp) != M->bas_n)
		return false;
	int m = glp_get_num_rows(M->lp);
	for (int i = 1; i <= m; i++)
		glp_set_row_stat(M->lp, i, i <= M->bas_m ? M->bas[i] : GLP_BS);
	for (int j = 1; j <= M->bas_n; j++)
		glp_set_col_stat(M->lp, j, M->bas[M->bas_m + j]);
	return true;
}

/* One glp_simplex within b, its iterations counted; true at an optimum. */
static bool simplex(pl_ctx *P, pl_model *M, const pl_budget *b, int meth, int presolve)
{
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = P->req->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	smcp.meth = meth;
	smcp.presolve = presolve;
	int rows = glp_get_num_rows(M->lp);
	smcp.it_lim = pl_iter_limit(P, b, PL_WORK_ITERS(1, rows));
	smcp.tm_lim = pl_ms_left(P, b);
	int it0 = glp_get_it_cnt(M->lp);
	int ret = glp_simplex(M->lp, &smcp);
	pl_work_call(P, b, PL_WORK_ITERS(glp_get_it_cnt(M->lp) - it0, rows), ret);
	return ret == 0 && glp_get_status(M->lp) == GLP_OPT;
}

/* The LP relaxation of the model's level; false when GLPK could not
 * solve it within the budget.  Levels 2-4 of an exact component start
 * from the level before's basis by the primal simplex without the
 * presolver (which would discard it), and only when that ends without
 * an optimum from scratch. */
static bool solve_lp(pl_ctx *P, pl_model *M, const pl_budget *b)
{
	bool ok;
	if (warm_basis(M) && simplex(P, M, b, GLP_PRIMAL, GLP_OFF)) {
		pl_warm_lps++;
		ok = true;
	} else {
		ok = simplex(P, M, b, GLP_DUALP, GLP_ON);
	}
	if (ok && M->warm)
		keep_basis(M);
	return ok;
}

/* Solves one level within b; x holds the incumbent on entry and the
 * best known solution on return.  `search`: the LP-driven searches of
 * rins.c first (exact components; the windows of lns.c go without). */
static levelres solve_level(pl_ctx *P, const pl_comp *C, pl_model *M, int level, double *x,
			    const pl_budget *b, bool search, const l1phase *ph)
{
	levelres res = {false, 0};
	double vx = pl_model_value(M, level, x);
	set_objective(M, level);
	if (pl_debug_glpk_fail == 1) {
		pl_debug_glpk_fail = 0;
		glp_set_col_kind(M->lp, M->n + 7, GLP_BV); /* out of range: GLPK error */
	}
	if (!solve_lp(P, M, b)) {
		res.bound = level == 0 ? pl_comp_trivial_bound(P, C) : 0;
		return res;
	}
	/* an integral objective: no plan beats the LP value rounded */
	bool integ = integral(M, level);
	double bound = pl_round_bound(glp_get_obj_dir(M->lp), glp_get_obj_val(M->lp), integ);
	progress_bound(P, M, level, bound);
	/* level 1: the cut generators on in the branch and bound (cuts.c);
	 * in exact components first a bound from the cuts at the root.  (In
	 * the windows of lns.c, effort 30: tight medium seeds 1 and 2 from
	 * 100,308 to 100,431 and 94,630 to 94,799, default medium 114,534
	 * to 114,547, tight small seed 5 from 6,674 to 6,871, seed 1 from
	 * 5,578 to 5,542, eight other small seeds within 1.) */
	bool cuts = level == 0 && !pl_debug_no_cuts, relaxed = true;
	pl_lpsol *L = NULL;
	rootcx g = {P, M, level, integ, glp_get_obj_val(M->lp), b}, *root = NULL;
	if (cuts && search && improves(level, bound, vx) && !within_gap(P->req->options.gap, bound, vx)) {
		/* the LP's solution for rins.c, taken before the cuts: their
		 * glp_intopt leaves its last node's LP in the model, and
		 * solving the relaxation again cost as much as the first
		 * time (small tight seed 3 reshaped `manyflights`: 24,566
		 * simplex iterations on 5,313 rows, 10 M work, where that
		 * second solve ran out of level 1's work and no search ran) */
		L = pl_lpsol_take(M);
		relaxed = false;
		root = &g;
		/* Gomory's cuts as well, in a second pass: they cost three
		 * to six times the others' (dense rows, rows of the tableau
		 * computed), and on the small tight seeds they take the
		 * bound from 3,698 to 3,681 (seed 6), 5,387 to 5,379 (seed
		 * 7), and prove seeds 3 and 8; but with them GLPK's loop
		 * may stop sooner (seed 2: 4,637 against 4,632), so both
		 * passes run and the level takes the smaller bound */
		bool solved = root_cuts(&g, x, false, &bound);
		vx = pl_model_value(M, level, x);
		if (!solved && improves(level, bound, vx) && !within_gap(P->req->options.gap, bound, vx) &&
		    !pl_spent(P, b)) {
			solved = root_cuts(&g, x, true, &bound);
			vx = pl_model_value(M, level, x);
		}
	}
	if (search && improves(level, bound, vx) && !within_gap(P->req->options.gap, bound, vx)) {
		if (!L)
			L = pl_lpsol_take(M);
		bound = lp_search(P, M, level, x, L, bound, integ, b, level == 0 ? ph : NULL, root,
				  &res.optimal);
	}
	pl_lpsol_free(L);
	vx = pl_model_value(M, level, x);
	if (!improves(level, bound, vx))
		res.optimal = true;
	else if (!within_gap(P->req->options.gap, bound, vx) &&
		 (!search || pl_work_left(P, b) > MIN_BNB_WORK) && !pl_spent(P, b) &&
		 (relaxed || solve_lp(P, M, b))) /* after the cuts: the root's LP again */
		res.optimal = branch_and_bound(P, M, level, x, integ, cuts, false,
					       search && level > 0, b, &bound);
	vx = pl_model_value(M, level, x);
	res.bound = level == 0 ? fmax(bound, vx) : 0;
	return res;
}

/* ---- levels and their status ---- */

/* How a level's search ended, into the run's status of that level: the
 * worst over the components (time over effort over proven). */
static void level_end(pl_ctx *P, int level, bool proven)
{
	enum mp_level_status st = proven ? MP_LEVEL_OPTIMAL
				  : P->time_cut ? MP_LEVEL_TIME : MP_LEVEL_EFFORT;
	if (st > P->levels[level])
		P->levels[level] = st;
}

/* Level `level`'s budget: in exact components its share of what is
 * left of b (what the levels before left flows down); in windows
 * (nominal > 0) at most its cap of the window's nominal work, within b. */
static pl_budget level_budget(pl_ctx *P, const pl_budget *b, int level, double nominal)
{
	if (nominal > 0) {
		pl_budget lb = *b;
		lb.work_end = fmin(b->work_end, P->work + WINDOW_LEVEL_CAP[level] * nominal);
		return lb;
	}
	double rest = 0;
	for (int l = level; l < 4; l++)
		rest += LEVEL_SHARE[l];
	return pl_budget_share(P, b, LEVEL_SHARE[level] / rest);
}

/* Levels lo..hi of the model from incumbent x; level 1 as ph says when
 * given, the others within level_budget. */
static void solve_levels(pl_ctx *P, const pl_comp *C, pl_model *M, double *x, const pl_budget *b,
			 double nominal, const l1phase *ph, int lo, int hi, pl_levels *out)
{
	bool search = nominal <= 0;
	if (out && lo == 0) {
		out->optimal = true;
		out->bound = INFINITY;
	}
	for (int level = lo; level <= hi; level++) {
		if (level > 0)
			fix_level(M, level - 1, pl_model_value(M, level - 1, x));
		pl_budget lb = level == 0 && ph ? *ph->b1 : level_budget(P, b, level, nominal);
		levelres r = solve_level(P, C, M, level, x, &lb, search, ph);
		if (!out)
			continue;
		out->optimal &= r.optimal;
		if (search)
			level_end(P, level, r.optimal);
		if (level == 0)
			out->bound = r.bound;
	}
}

void pl_solve_levels(pl_ctx *P, const pl_comp *C, pl_model *M, double *x, const pl_budget *b,
		     double nominal, pl_levels *out)
{
	solve_levels(P, C, M, x, b, nominal, NULL, 0, 3, out);
}

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

/* The exact model's first incumbent: the greedy's plan, or the
 * reference plan refilled by the greedy when that is at least as good
 * (a re-plan starts from the last plan; large.c does the same). */
static void first_plan(pl_ctx *P, pl_state *S, const pl_comp *C)
{
	pl_greedy(P, S, C->units, C->n_units);
	double g = pl_comp_value(P, C);
	clear_comp(P, C);
	pl_state_reset(P, S);
	if (pl_greedy_refs(P, S, C->units, C->n_units) > 0) {
		pl_greedy(P, S, C->units, C->n_units);
		if (pl_comp_value(P, C) >= g - 1e-9 * fmax(1, fabs(g)))
			return;
		clear_comp(P, C);
		pl_state_reset(P, S);
	}
	pl_greedy(P, S, C->units, C->n_units);
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

static int cmp_size(const void *a, const void *b, void *arg)
{
	const pl_ctx *P = arg;
	double x = P->comps[*(const int *)a].size, y = P->comps[*(const int *)b].size;
	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

/* ---- components ---- */

/* The large path's plan (columns' val; check days and escort trips in
 * S) as the component's solution: days on the cases, trips in P. */
static void take_large_plan(pl_ctx *P, const pl_comp *C, pl_state *S)
{
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
}

static void log_large(pl_ctx *P, const pl_comp *C, const pl_large_result *r, double w0)
{
	pl_log(P->req, "planner: component of %d units: greedy %.10g, plan %.10g, bound %.10g%s; "
	       "%d rounds, %d volume steps, %d ejections, %d windows (%d improved), %.3g M work",
	       C->n_units, r->greedy, r->value, r->bound, r->lp_optimal ? " (the LP's)" : "",
	       r->rounds, r->iterations, r->moves, r->windows, r->improved, (P->work - w0) / 1e6);
}

/* An exact component between the two passes (solve_components): its
 * model with level 1 solved, the incumbent in M->inc. */
typedef struct pending {
	const pl_comp *C;
	pl_model *M;
	pl_levels lv;
	double lbound;      /* the large path's bound on level 1 */
} pending;

/* The exact model, level 1: the incumbent from the large path (big
 * components) or the greedy, then GLPK with the searches of rins.c
 * before the branch and bound.  Level 1 ends at LEVEL1_SHARE of b and
 * the first plan's work does not depend on b, so a larger b only lets
 * the same searches go on longer (docs/optimisation.md 7). */
static void mip_level1(pl_ctx *P, pl_state *S, const pl_comp *C, const pl_budget *b, pending *out)
{
	pl_state *L = NULL;
	out->C = C;
	out->lbound = INFINITY;
	clear_comp(P, C);
	pl_budget b1 = pl_budget_share(P, b, LEVEL1_SHARE);
	bool big = C->n_units >= EXACT_LARGE_UNITS && C->size >= EXACT_LARGE_PAIRS;
	/* phases, under a work budget or a time limit alone */
	l1phase ph = {C, &b1, big};
	if (big) {
		pl_budget lb = b1;
		lb.work_end = P->work + pl_large_phase;
		pl_large_result r;
		L = large_stopped(P, C, &lb, b1.work_end, NULL, &r);
		out->lbound = r.bound;
	} else {
		first_plan(P, S, C);
	}
	pl_model *M = pl_model_build(P, C->units, C->n_units, PL_BUILD_EXACT);
	pl_hold(P, M, pl_release_model);
	pl_model_incumbent(M, L ? L : S);
	pl_unhold(P, L);
	pl_state_free_esc(P, L);
	M->sol = mp_xcalloc((size_t)M->n + 1, sizeof(double));
	/* the progress line follows the searches' plan (pl_progress) */
	P->prog.model = M;
	P->prog.model_bound = INFINITY;
	solve_levels(P, C, M, M->inc, b, 0, &ph, 0, 0, &out->lv);
	P->prog.model = NULL;
	out->M = M;
	double v = pl_model_value(M, 0, M->inc);
	pl_model_apply_cols(M, M->inc);
	pl_progress_comp(P, C, fmax(v, pl_round_bound(GLP_MAX, fmin(out->lv.bound, out->lbound),
						     integral(M, 0))));
}

/* Levels 2-4 of an exact component within b, and its plan. */
static void mip_levels_after(pl_ctx *P, pending *pd, const pl_budget *b)
{
	pl_model *M = pd->M;
	solve_levels(P, pd->C, M, M->inc, b, 0, NULL, 1, 3, &pd->lv);
	double v = pl_model_value(M, 0, M->inc);
	double bound = fmax(v, pl_round_bound(GLP_MAX, fmin(pd->lv.bound, pd->lbound), integral(M, 0)));
	P->optimal &= pd->lv.optimal || v >= bound - 1e-6 * fmax(1, fabs(bound));
	P->bound += bound;
	clear_comp(P, pd->C);
	pl_model_apply(M, M->inc);
	pl_unhold(P, M);
	pl_model_free(M, true);
	pd->M = NULL;
	P->n_mip++;
}

/* A component too large for one integer program (large.c). */
static void solve_large(pl_ctx *P, const pl_comp *C, const pl_budget *b)
{
	double w0 = P->work;
	clear_comp(P, C);
	pl_large_result r;
	pl_state *S = pl_large_solve(P, C, b, false, NULL, &r);
	log_large(P, C, &r, w0);
	take_large_plan(P, C, S);
	pl_unhold(P, S);
	pl_state_free_esc(P, S);
	double bound = pl_round_bound(GLP_MAX, r.bound, r.integral);
	bool proven = r.value >= bound - 1e-6 * fmax(1, fabs(bound));
	P->bound += fmax(r.value, bound);
	pl_progress_comp(P, C, fmax(r.value, bound));
	/* levels 2-4 are not proved at this size: optimal only at gap 0 */
	P->optimal &= proven;
	level_end(P, 0, proven);
	for (int l = 1; l < 4; l++)
		level_end(P, l, false);
}

/* The work and time budget of the components not solved yet in the
 * first pass: the run's, less what exact components keep for their
 * levels 2-4. */
static pl_budget pool(const pl_ctx *P, const double reserve[2])
{
	pl_budget b = P->budget;
	b.work_end -= reserve[0];
	b.time_end -= reserve[1];
	return b;
}

/* Two passes.  The first solves level 1 of every component, small ones
 * first (what they leave goes to big ones), large components whole; an
 * exact component keeps 1 - LEVEL1_SHARE of its budget for levels 2-4
 * out of what later components share.  The second solves levels 2-4 of
 * the exact components with what is left.  So a component's level-1
 * budget grows with the run's: what the components before it use is
 * either all their level-1 budget or what a proof took, whatever their
 * levels 2-4 do. */
static void solve_components(pl_ctx *P)
{
	pl_state *S = pl_state_new(P);
	pl_hold(P, S, pl_release_state);
	double size_left = 0, reserve[2] = {0, 0};
	int *order = mp_xcalloc((size_t)P->n_comps + 1, sizeof(int));
	pl_hold(P, order, pl_release_mem);
	pending *pend = mp_xcalloc((size_t)P->n_comps + 1, sizeof *pend);
	pl_hold(P, pend, pl_release_mem);
	int n_pend = 0;
	for (int k = 0; k < P->n_comps; k++) {
		order[k] = k;
		if (!P->comps[k].trivial)
			size_left += P->comps[k].size;
		P->prog.rest += pl_comp_trivial_bound(P, &P->comps[k]);
	}
	/* small components first: what they leave goes to big ones */
	qsort_r(order, (size_t)P->n_comps, sizeof(int), cmp_size, P);
	for (int i = 0; i < P->n_comps; i++) {
		const pl_comp *C = &P->comps[order[i]];
		double tb = pl_comp_trivial_bound(P, C);
		P->prog.rest -= tb;
		if (C->trivial) {
			solve_trivial(P, S, C);
			pl_progress_comp(P, C, tb);
			pl_progress_done(P);
			continue;
		}
		pl_progress_comp(P, C, tb);
		pl_budget all = pool(P, reserve);
		pl_budget b = pl_budget_share(P, &all, size_left > 0 ? C->size / size_left : 1);
		if (C->full) {
			if (isfinite(b.work_end))
				reserve[0] += (1 - LEVEL1_SHARE) * pl_work_left(P, &b);
			if (isfinite(b.time_end))
				reserve[1] += (1 - LEVEL1_SHARE) * fmax(0, b.time_end - pl_now());
			mip_level1(P, S, C, &b, &pend[n_pend++]);
		} else {
			solve_large(P, C, &b);
		}
		size_left -= C->size;
		pl_progress_done(P);
	}
	double pend_left = 0;
	for (int k = 0; k < n_pend; k++)
		pend_left += pend[k].C->size;
	for (int k = 0; k < n_pend; k++) {
		pl_budget b = pl_budget_share(P, &P->budget, pend_left > 0 ? pend[k].C->size / pend_left : 1);
		mip_levels_after(P, &pend[k], &b);
		pend_left -= pend[k].C->size;
	}
	pl_unhold(P, pend);
	free(pend);
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
	P->prog.model = NULL; /* freed with the rest */
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
	for (int l = 0; l < 4; l++)
		P->levels[l] = MP_LEVEL_OPTIMAL;
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
	pl_model *M = pl_model_build(P, units, n, PL_BUILD_FULL);
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
