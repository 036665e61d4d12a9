/*
 * work.c - the planner's work clock (SPEC 2: the same data, options and
 * --effort give the same plan, whatever the machine's load).
 *
 * Every search counts what it does in work units - about a microsecond
 * of this machine's time each: pairs priced, simplex iterations (by the
 * problem's rows), branch-and-bound nodes, placements tried - and stops
 * when its budget of work is spent, never on a clock reading.  So a run
 * with a given --effort (millions of work units) does the same work in
 * the same order on any machine under any load.  --time-limit stays a
 * hard stop on top: a search it cuts short says so (pl_ctx.time_cut)
 * and that run may differ from the next.
 */
#include <math.h>
#include "internal.h"

void pl_work(pl_ctx *P, double units)
{
	P->work += units;
}

double pl_node_work(glp_tree *T)
{
	int open, live, total;
	glp_ios_tree_size(T, &open, &live, &total);
	glp_prob *lp = glp_ios_get_prob(T);
	return PL_WORK_NODE + PL_WORK_NODE_VAR * (glp_get_num_rows(lp) + glp_get_num_cols(lp)) +
	       PL_WORK_NODE_OPEN * open;
}

bool pl_spent(pl_ctx *P, const pl_budget *b)
{
	return P->work >= pl_work_end(P, b) || pl_time_up(P, b);
}

bool pl_time_up(pl_ctx *P, const pl_budget *b)
{
	double now = pl_now();
	if (now >= b->time_end) {
		P->time_cut = true;
		return true;
	}
	if (now >= P->prog.next)
		pl_progress(P); /* a line for people; it decides nothing */
	return false;
}

pl_budget pl_budget_share(pl_ctx *P, const pl_budget *b, double share)
{
	pl_budget s = *b;
	if (isfinite(b->work_end))
		s.work_end = P->work + fmax(0, b->work_end - P->work) * share;
	if (isfinite(b->time_end)) {
		double now = pl_now();
		s.time_end = now + fmax(0, b->time_end - now) * share;
	}
	return s;
}

pl_budget pl_budget_work(pl_ctx *P, const pl_budget *b, double work)
{
	pl_budget s = *b;
	s.work_end = fmin(b->work_end, P->work + work);
	return s;
}

double pl_work_left(const pl_ctx *P, const pl_budget *b)
{
	return fmax(0, b->work_end - P->work);
}

double pl_work_end(const pl_ctx *P, const pl_budget *b)
{
	return P->hard_stop ? fmin(b->work_end, P->work_stop) : b->work_end;
}

/* Work left before the search must stop (the hard stop included). */
static double stop_left(const pl_ctx *P, const pl_budget *b)
{
	return fmax(0, pl_work_end(P, b) - P->work);
}

int pl_iter_limit(const pl_ctx *P, const pl_budget *b, double cost)
{
	double left = stop_left(P, b) / fmax(cost, 1e-9);
	return left > 2e9 ? 2000000000 : left < 1 ? 1 : (int)left;
}

/* GLPK's time limit for one call: the budget's time, and under a work
 * budget a backstop of BACKSTOP_S seconds plus BACKSTOP_US per work unit
 * left (twenty times the calibration).  GLPK checks only its own clock
 * inside a solve, and a solve can fail to end: on a window of medium
 * tight seed 2 cut to 15 % of its cases, GLPK's primal simplex at a
 * branch-and-bound node, after "excessive numerical instability" in
 * the dual, went on for 30 minutes at the same point.  A call the
 * backstop stops marks the run cut (time_cut: another run may differ;
 * the summary names the backstop when there was no --time-limit); one
 * that ends on its own is never near it. */
#define BACKSTOP_S 10.0
#define BACKSTOP_US 20.0
int pl_ms_left(const pl_ctx *P, const pl_budget *b)
{
	double end = b->time_end;
	if (isfinite(pl_work_end(P, b)))
		end = fmin(end, pl_now() + BACKSTOP_S + stop_left(P, b) * BACKSTOP_US * 1e-6);
	if (!isfinite(end))
		return 2000000000;
	double ms = (end - pl_now()) * 1000;
	return ms > 2e9 ? 2000000000 : ms < 1 ? 1 : (int)ms;
}

void pl_work_call(pl_ctx *P, const pl_budget *b, double units, int ret)
{
	if (ret == GLP_ETMLIM) {
		P->time_cut = true;
		if (!isfinite(b->time_end))
			units = fmin(units, stop_left(P, b));
	}
	pl_work(P, units);
}
