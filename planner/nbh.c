/*
 * nbh.c - the model around a case or a limit, for decision support
 * (whatif.c, bottleneck.c), and the re-plans that measure an answer.
 *
 * pl_nbh_open builds the planner's context on a dataset with the stored
 * plan as the reference (so every column knows whether it is the plan's
 * choice for its cases), with no aggregation and no dominance: every
 * case its own unit (linked ones together), every column materialised,
 * every limit a row.  pl_nbh_model builds the complete integer program
 * of one component (model.c with every row; confirmed bookings as fixed
 * columns), which the callers then restrict, relax and solve.
 *
 * GLPK's errors longjmp to the caller's guard (pl_guard_*): the caller
 * frees the context with pl_nbh_close(N, false) and reports the error.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decide_int.h"

/* ---- GLPK guard ---- */

static int term_hook(void *info, const char *s)
{
	pl_guard *g = info;
	for (; *s; s++) {
		if (*s != '\n' && g->len < (int)sizeof g->line - 1) {
			g->line[g->len++] = *s;
			continue;
		}
		g->line[g->len] = '\0';
		if (g->len > 0) {
			memcpy(g->last[0], g->last[1], sizeof g->last[0]);
			memcpy(g->last[1], g->line, sizeof g->last[1]);
		}
		g->len = 0;
	}
	return 1; /* handled: GLPK prints nothing itself */
}

static void error_hook(void *info)
{
	longjmp(((pl_guard *)info)->jb, 1);
}

void pl_guard_on(pl_guard *g)
{
	memset(g->last, 0, sizeof g->last);
	g->len = 0;
	glp_term_hook(term_hook, g);
	g->prev_out = glp_term_out(GLP_OFF);
	glp_error_hook(error_hook, g);
}

void pl_guard_off(pl_guard *g)
{
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	glp_term_out(g->prev_out);
}

int pl_guard_failed(pl_guard *g, mp_errors *errs)
{
	glp_free_env();
	pl_guard_off(g);
	mp_errors_addf(errs, MP_EINTERNAL, "glpk failed: %s%s%s", g->last[0],
		       g->last[0][0] ? "; " : "", g->last[1]);
	return MP_EINTERNAL;
}

/* ---- the context ---- */

int pl_nbh_open(pl_nbh *N, const mp_dataset *ds, const mp_decide_request *dr, mp_errors *errs)
{
	memset(N, 0, sizeof *N);
	mp_plan_request_init(&N->req, ds);
	N->req.options = dr->options;
	N->req.reference = dr->plan;
	N->req.scenario = dr->scenario;
	int rc = pl_ctx_init(&N->P, ds, &N->req, errs);
	if (rc != MP_OK)
		return rc;
	pl_ctx *P = &N->P;
	pl_pinned_prepare(P, NULL);
	pl_eligibility(P);
	pl_units_build(P, false);
	pl_decompose(P, false, 1e18);
	N->open = true;
	return MP_OK;
}

void pl_nbh_close(pl_nbh *N, bool glpk_alive)
{
	if (!N || !N->open)
		return;
	if (N->M)
		pl_model_free(N->M, glpk_alive);
	N->M = NULL;
	pl_ctx_release(&N->P);
	N->open = false;
}

int pl_nbh_comp_of_case(const pl_nbh *N, int ci)
{
	int u = N->P.cases[ci].unit;
	return u < 0 ? -1 : N->P.units[u].comp;
}

pl_model *pl_nbh_model(pl_nbh *N, int comp)
{
	if (N->M)
		pl_model_free(N->M, true);
	const pl_comp *C = &N->P.comps[comp];
	N->M = pl_model_build(&N->P, C->units, C->n_units, PL_BUILD_FULL);
	return N->M;
}

/* Copies of unit u the reference plan books (each case on its unit's
 * column counts; a linked group counts once). */
int pl_nbh_booked(const pl_ctx *P, int u)
{
	const pl_unit *un = &P->units[u];
	int booked = 0;
	for (int t = 0; t < un->n_cols; t++)
		booked += (int)P->cols[un->cols[t]].ref;
	return un->aggregated ? booked : (booked > 0);
}

/* ---- re-plans ---- */

/* An answer rests on level 1 being optimal: a re-plan whose budget
 * stopped it short of the bound is run again with four times the effort
 * (at most 120 M) and three times the time limit if one was given (at
 * most 180 s) before it is believed, when the stored plan was proven
 * optimal itself. */
#define REPLAN_MAX_EFFORT 120.0
#define REPLAN_MAX_SECONDS 180.0
int pl_replan(const mp_decide_request *dr, const mp_dataset *ds, mp_plan *out, mp_errors *errs)
{
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	req.options = dr->options;
	req.reference = dr->plan;
	req.scenario = dr->scenario;
	mp_plan_init(out);
	int rc = mp_plan_build(&req, out, errs);
	mp_plan_options *o = &req.options;
	bool more = false;
	if (o->effort > 0 && o->effort < REPLAN_MAX_EFFORT) {
		o->effort = fmin(4 * o->effort, REPLAN_MAX_EFFORT);
		more = true;
	}
	if (o->time_limit > 0 && o->time_limit < REPLAN_MAX_SECONDS) {
		o->time_limit = fmin(3 * o->time_limit, REPLAN_MAX_SECONDS);
		more = true;
	}
	/* only where the stored plan was proven: else the re-plan will not be
	 * either, and the second run only quadruples the wait (small tight
	 * seed 1, whose plan is 0.5 % from its bound: bottlenecks had
	 * measured 2 of its 10 limits after 15 minutes) */
	if (rc == MP_OK && out->levels[0] != MP_LEVEL_OPTIMAL && more &&
	    dr->plan->levels[0] == MP_LEVEL_OPTIMAL) {
		pl_decide_log(dr, "re-plan: level 1 not proven (gap %g); once more with effort %g, "
			      "time limit %g s", out->gap, o->effort, o->time_limit);
		mp_plan_release(out);
		mp_plan_init(out);
		rc = mp_plan_build(&req, out, errs);
	}
	return rc;
}

double pl_plan_persons(const mp_dataset *ds, const mp_plan *p)
{
	double n = 0;
	for (int i = 0; i < p->n_assignments; i++) {
		const mp_case *c = mp_dataset_case(ds, p->assignments[i].case_id);
		n += c ? c->n_members : 0;
	}
	return n;
}

void pl_decide_log(const mp_decide_request *dr, const char *fmt, ...)
{
	if (!dr->log)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) >= 0)
		dr->log(dr->log_ctx, s);
	va_end(ap);
	free(s);
}

void mp_decide_request_init(mp_decide_request *r, const mp_dataset *ds, const mp_plan *plan)
{
	memset(r, 0, sizeof *r);
	r->ds = ds;
	r->plan = plan;
	r->scenario = plan && plan->scenario ? plan->scenario : "baseline";
	if (plan)
		r->options = plan->options;
	else
		mp_plan_options_init(&r->options);
	r->max_answers = 0;
	r->max_steps = 0;
}

/* ---- solving ---- */

/* The reference plan as a solution of N->M (1-based, every column):
 * booked columns, their check days, the plan's escort trips, confirmed
 * bookings; added columns 0. */
double *pl_nbh_plan_vector(pl_nbh *N)
{
	pl_ctx *P = &N->P;
	pl_model *M = N->M;
	const mp_plan *ref = N->req.reference;
	int n = glp_get_num_cols(M->lp);
	double *x = mp_xcalloc((size_t)n + 1, sizeof *x);
	for (int j = 1; j <= M->n; j++) {
		if (M->kind[j] == 'x') {
			x[j] = P->cols[M->ref[j]].ref > 0;
		} else if (M->kind[j] == 'z') {
			const pl_zvar *z = &M->z[M->ref[j]];
			const pl_case *pc = &P->cases[z->pcase];
			x[j] = pc->ref_itin >= 0 && P->itins[pc->ref_itin].dep_date == z->dep &&
			       pc->ref_ftt == z->day;
		} else if (M->kind[j] == 'e') {
			const pl_trip *e = &M->e[M->ref[j]];
			for (int t = 0; ref && t < ref->n_escort_trips && !x[j]; t++) {
				const mp_escort_trip *tr = &ref->escort_trips[t];
				x[j] = strcmp(tr->escort, P->ds->escorts[e->escort].id) == 0 &&
				       pl_itin_lookup(P, tr->flights, tr->n_flights) == e->itin;
			}
		} else {
			x[j] = 1; /* confirmed bookings and trips: fixed */
		}
	}
	return x;
}

typedef struct cbinfo {
	const double *inc;
	bool injected;
	bool integral;
} cbinfo;

static void callback(glp_tree *T, void *info)
{
	cbinfo *s = info;
	if (glp_ios_reason(T) == GLP_IHEUR && s->inc && !s->injected) {
		s->injected = true;
		glp_ios_heur_sol(T, s->inc);
	}
	/* an integral objective: an incumbent within 1 of the best bound is
	 * optimal (GLPK would go on until no node is) */
	int p = glp_ios_best_node(T);
	glp_prob *lp = glp_ios_get_prob(T);
	if (!s->integral || p <= 0 || glp_mip_status(lp) != GLP_FEAS)
		return;
	double bound = glp_ios_node_bound(T, p), v = glp_mip_obj_val(lp);
	bool max = glp_get_obj_dir(lp) == GLP_MAX;
	if (max ? floor(bound + 1e-6) <= v + 1e-6 : ceil(bound - 1e-6) >= v - 1e-6)
		glp_ios_terminate(T);
}

static bool integral_obj(glp_prob *lp)
{
	int n = glp_get_num_cols(lp);
	for (int j = 1; j <= n; j++) {
		double c = glp_get_obj_coef(lp, j);
		if (c != floor(c))
			return false;
	}
	return true;
}

bool pl_nbh_solve(pl_model *M, const double *inc, int ms, double *obj)
{
	glp_smcp sp;
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	sp.tm_lim = ms;
	/* warm: the basis of the last solve of this problem, when there is one */
	if (glp_simplex(M->lp, &sp) != 0 || glp_get_status(M->lp) != GLP_OPT)
		return false;
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = ms;
	cbinfo cb = {inc, false, integral_obj(M->lp)};
	parm.cb_func = callback;
	parm.cb_info = &cb;
	int rc = glp_intopt(M->lp, &parm);
	int st = glp_mip_status(M->lp);
	*obj = glp_mip_obj_val(M->lp);
	return (rc == 0 || rc == GLP_ETMLIM || rc == GLP_ESTOP) && (st == GLP_OPT || st == GLP_FEAS);
}
