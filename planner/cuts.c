/*
 * cuts.c - a bound from GLPK's cutting planes at the root (exact
 * components, level 1).
 *
 * Where seats, quotas and clinic days are full, the LP relaxation is
 * weak: it fills every limit to the last seat with fractions of
 * families, which whole families of 3, 4 and 5 cannot do.  On the small
 * preset's tight profile (seed 1) the LP gives 5,662 and the optimum is
 * 5,620 (CBC proved it in 47 s).  GLPK's cut generators - mixed integer
 * rounding, mixed cover and clique cuts - bring the root to 5,631 in
 * about a second (singly: 5,640, 5,659 and 5,659; with Gomory's cuts as
 * well, no better on that seed).
 *
 * On other seeds Gomory's mixed integer cuts do pay, though not always
 * with the others in one loop: GLPK's loop then stops sooner (seed 2:
 * 4,637 with them, 4,632 without).  So solve.c asks for two roots, the
 * second (`gmi`) with Gomory's cuts as well, when the first leaves the
 * level open, and keeps the smaller bound: on the tight seeds 3 and 8
 * the second proves the plan optimal, on seeds 6 and 7 it takes the
 * bound from 3,698 to 3,681 and 5,387 to 5,379.  (CBC's root, with its
 * probing, Gomory, knapsack and two-step MIR cuts, reaches 3,672 on
 * seed 6.)  Only at the root: in the branch and bound they made the
 * plans worse (seed 1 at effort 30: 5,554 against 5,602).
 *
 * So one glp_intopt runs with the generators on, our incumbent handed
 * over at the first GLP_IHEUR, and stops at the root's first branching
 * (GLP_IBRANCH at level 0): the root's LP value with its cuts is a bound
 * on the level, GLPK's own, as trustworthy as the node bounds of
 * solve.c's branch and bound.  With our incumbent GLPK also fixes
 * columns by reduced cost at the root, so the value bounds the plans
 * better than the incumbent: the level's bound is the larger of the two
 * (on the example mission the root ends at 1,215 under the incumbent's
 * 1,235, which proves the incumbent optimal at once).  The searches of
 * rins.c then aim at that bound instead of the LP's, and the branch and
 * bound keeps the cut generators on.
 *
 * Why the cuts are not kept as rows of the model for rins.c: tried, the
 * bound was right but the searches were not - MIR and cover cuts made
 * the bases ill-conditioned (condition numbers of 1e13), GLPK's
 * presolver, which the face problems use, then declared feasible
 * problems infeasible, and relax and fix "proved" a bound of 5,573
 * under the optimum of 5,620.  Inside its own branch and bound GLPK
 * handles them (it drops inactive cuts, solves warm).
 *
 * Work: the root's simplex iterations as everywhere (work.c), and for
 * each round of cuts a pass over the problem (CUT_ROUND_WORK per row,
 * column and nonzero: GLPK's generators read each candidate's row), so
 * the pass stops at the same point on every run.
 */
#include <string.h>
#include "internal.h"

/* Work of one round of cut generation, per row, column and nonzero of
 * the problem: on the small tight preset (2,800 rows, 8,700 columns,
 * 30,000 nonzeros) 17 rounds took 0.3 s beyond their iterations. */
#define CUT_ROUND_WORK 0.4
/* With Gomory's cuts: each round computes rows of the simplex tableau
 * and adds dense rows to the LP; on eight small tight seeds (45,000-
 * 76,000 rows, columns and nonzeros) a round took 1.2-3.0 work units
 * per row, column and nonzero beyond its iterations. */
#define CUT_ROUND_WORK_GMI 2.4

/* In the branch and bound GLPK calls its generators at every node,
 * where they mostly find little: on the tight medium preset's windows
 * 5,700 calls cost about 2 s in all, 0.025 per row, column and nonzero. */
#define CUT_NODE_WORK 0.025

static double size_of(glp_prob *lp)
{
	return glp_get_num_rows(lp) + glp_get_num_cols(lp) + glp_get_num_nz(lp);
}

void pl_cuts_on(glp_iocp *iocp)
{
	iocp->mir_cuts = iocp->cov_cuts = iocp->clq_cuts = GLP_ON;
}

double pl_cut_node_work(glp_prob *lp)
{
	return CUT_NODE_WORK * size_of(lp);
}

typedef struct cutcb {
	pl_ctx *P;
	const pl_budget *b;
	const double *inc;
	bool injected;
	int it0, nodes, rounds, cuts;
	double work0, round_work, work;
	bool reached;
	double root;         /* the root's LP value with its cuts */
} cutcb;

static void at_root(cutcb *s, glp_tree *T)
{
	glp_prob *lp = glp_ios_get_prob(T);
	int m = glp_get_num_rows(lp);
	s->cuts = 0;
	for (int i = 1; i <= m; i++) {
		glp_attr attr;
		glp_ios_row_attr(T, i, &attr);
		s->cuts += attr.origin == GLP_RF_CUT;
	}
	s->root = glp_get_obj_val(lp);
	s->reached = true;
}

static void cut_callback(glp_tree *T, void *info)
{
	cutcb *s = info;
	int reason = glp_ios_reason(T);
	glp_prob *lp = glp_ios_get_prob(T);
	int cur = glp_ios_curr_node(T);
	if (reason == GLP_IHEUR) {
		s->rounds++; /* the root's LP, solved again after each round */
		if (!s->injected) {
			s->injected = true;
			glp_ios_heur_sol(T, s->inc);
		}
	}
	if (reason == GLP_ISELECT && ++s->nodes > 1) {
		glp_ios_terminate(T); /* past the root: it was pruned */
		return;
	}
	if (reason == GLP_IBRANCH && cur > 0 && glp_ios_node_level(T, cur) == 0) {
		at_root(s, T);
		glp_ios_terminate(T);
		return;
	}
	s->work = s->rounds * s->round_work +
		  PL_WORK_ITERS(glp_get_it_cnt(lp) - s->it0, glp_get_num_rows(lp));
	if (s->work0 + s->work >= pl_work_end(s->P, s->b))
		glp_ios_terminate(T);
	else if (pl_time_up(s->P, s->b))
		glp_ios_terminate(T);
}

void pl_root_cuts(pl_model *M, double *x, const pl_budget *b, bool gmi, pl_cuts *out)
{
	pl_ctx *P = M->P;
	glp_prob *lp = M->lp;
	memset(out, 0, sizeof *out);
	cutcb s = {.P = P, .b = b, .inc = x, .it0 = glp_get_it_cnt(lp), .work0 = P->work,
		   .round_work = (gmi ? CUT_ROUND_WORK_GMI : CUT_ROUND_WORK) * size_of(lp)};
	glp_iocp iocp;
	glp_init_iocp(&iocp);
	iocp.msg_lev = P->req->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp.presolve = GLP_OFF; /* the tree's columns must be the model's */
	iocp.br_tech = GLP_BR_MFV;
	pl_cuts_on(&iocp);
	if (gmi)
		iocp.gmi_cuts = GLP_ON;
	iocp.tm_lim = pl_ms_left(P, b);
	iocp.cb_func = cut_callback;
	iocp.cb_info = &s;
	int ret = glp_intopt(lp, &iocp);
	pl_work_call(P, b, s.work, ret);
	/* the whole tree searched at the root: GLPK's solution is optimal */
	out->solved = ret == 0 && glp_mip_status(lp) == GLP_OPT;
	out->reached = s.reached;
	out->root = s.root;
	out->cuts = s.cuts;
	out->rounds = s.rounds;
}
