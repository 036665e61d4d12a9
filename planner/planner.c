/*
 * planner.c - the public entry points of planner.h: one planning run
 * from dataset to plan, and the full model export.
 *
 * The run, in order (each step in its own file):
 *   prep.c         indexes, bookings (history / pinned / void / reference)
 *   itinerary.c    itineraries per (origin, destination)
 *   pinned.c       pinned use of every limit, their conflicts
 *   eligibility.c  every rule excluding an itinerary for a case
 *   columns.c      units, columns, binding limits, components
 *   solve.c        GLPK, level by level, component by component
 *   result.c       the mp_plan
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"
#include "../io/files.h"

double pl_full_limit = PL_FULL_LIMIT;

void mp_plan_request_init(mp_plan_request *r, const mp_dataset *ds)
{
	memset(r, 0, sizeof *r);
	r->ds = ds;
	r->scenario = "baseline";
	mp_plan_options_init(&r->options);
}

/* The request's stop flag, for pl_now (one plan at a time per process). */
static volatile int *stop_flag;

double pl_now(void)
{
	if (stop_flag && *stop_flag)
		return INFINITY; /* stopped: every time budget, even none, is spent */
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void pl_hold(pl_ctx *P, void *p, pl_release_fn *release)
{
	if (!p)
		return;
	MP_GROW(P->held, P->n_held, P->cap_held);
	P->held[P->n_held++] = (pl_held){p, release};
}

void pl_unhold(pl_ctx *P, void *p)
{
	for (int i = P->n_held - 1; i >= 0; i--)
		if (P->held[i].p == p) {
			memmove(&P->held[i], &P->held[i + 1], (size_t)(P->n_held - i - 1) * sizeof *P->held);
			P->n_held--;
			return;
		}
}

void pl_free_held(pl_ctx *P)
{
	while (P->n_held > 0) {
		pl_held h = P->held[--P->n_held];
		h.release(P, h.p);
	}
	free(P->held);
	P->held = NULL;
	P->cap_held = 0;
}

void pl_release_mem(pl_ctx *P, void *p)
{
	(void)P;
	free(p);
}

void pl_release_state(pl_ctx *P, void *p)
{
	pl_state_free_esc(P, p);
}

void pl_release_model(pl_ctx *P, void *p)
{
	(void)P;
	pl_model_free(p, false);
}

double pl_progress_every = 1;

/* Level 1 of an exact component under way (P->prog.model): its plan is
 * the incumbent its searches improve in place, not the columns' values,
 * which are set only when the level ends (solve.c mip_level1). */
static void model_progress(pl_ctx *P)
{
	const pl_model *M = P->prog.model;
	double v = 0;
	int persons = 0;
	for (int j = 1; j <= M->n; j++) {
		if (M->kind[j] != 'x')
			continue;
		const pl_col *c = &P->cols[M->ref[j]];
		double n = floor(M->inc[j] + 0.5);
		v += n * c->w1;
		persons += (int)(n * c->persons + 0.5);
	}
	P->prog.cur_value = v;
	P->prog.cur_persons = persons;
}

void pl_progress(pl_ctx *P)
{
	const mp_plan_request *req = P->req;
	double now = pl_now();
	if (!req || !req->progress || now < P->prog.next)
		return;
	P->prog.next = now + pl_progress_every;
	double cur_bound = P->prog.cur_bound;
	if (P->prog.model) {
		model_progress(P);
		cur_bound = fmin(cur_bound, P->prog.model_bound);
	}
	mp_plan_progress p = {
		.elapsed = now - P->t0,
		.work = P->work / 1e6,
		.level1 = P->prog.value + P->prog.cur_value,
		.persons = P->prog.persons + P->prog.cur_persons,
		.bound = P->prog.bound + cur_bound,
		.comps_done = P->prog.done,
		.comps = P->n_comps,
	};
	/* the components not reached yet: every unit on its best column */
	p.bound += P->prog.rest;
	req->progress(req->progress_ctx, &p);
}

void pl_progress_comp(pl_ctx *P, const pl_comp *C, double bound)
{
	double v = 0;
	int persons = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++) {
			const pl_col *c = &P->cols[u->cols[t]];
			v += c->val * c->w1;
			persons += (int)(c->val * c->persons + 0.5);
		}
	}
	P->prog.cur_value = v;
	P->prog.cur_persons = persons;
	P->prog.cur_bound = bound;
	pl_progress(P);
}

void pl_progress_done(pl_ctx *P)
{
	P->prog.value += P->prog.cur_value;
	P->prog.persons += P->prog.cur_persons;
	P->prog.bound += P->prog.cur_bound;
	P->prog.cur_value = P->prog.cur_bound = 0;
	P->prog.cur_persons = 0;
	P->prog.done++;
}

void pl_log(const mp_plan_request *req, const char *fmt, ...)
{
	if (!req || !req->log)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) >= 0)
		req->log(req->log_ctx, s);
	va_end(ap);
	free(s);
}

/* Everything up to the model: eligibility, units, components. */
static void prepare(pl_ctx *P, mp_plan *out, bool reduce)
{
	pl_pinned_prepare(P, out);
	pl_void_conflicts(P, out);
	pl_eligibility(P);
	pl_units_build(P, reduce);
	pl_decompose(P, reduce, reduce ? pl_full_limit : 1e18);
}

/* The full model is built from its own run: no aggregation, no
 * dominance, every row - the integer program of SPEC 2 as it is. */
/* Whether an LP file ends as a whole one does ("End" on the last line):
 * glp_write_lp does not see a write that fails when it closes the file
 * (the last buffer, on a full disk). */
static bool lp_whole(const char *name)
{
	char tail[4] = {0};
	FILE *f = fopen(name, "rb");
	bool ok = f && fseek(f, -4, SEEK_END) == 0 && fread(tail, 1, 4, f) == 4 &&
		  memcmp(tail, "End\n", 4) == 0;
	if (f)
		fclose(f);
	return ok;
}

static int write_full_model(const mp_plan_request *req, mp_errors *errs)
{
	/* SPEC 5: written as every output is (io/files.h: 0600, atomic);
	 * GLPK writes by name, into the temporary */
	mp_outfile *out = mp_out_open(req->write_model, errs);
	if (!out)
		return MP_ECANTCREAT;
	pl_ctx E;
	pl_ctx_init(&E, req->ds, req, errs);
	prepare(&E, NULL, false);
	int rc = pl_write_model(&E, mp_out_name(out));
	pl_ctx_release(&E);
	if (rc == MP_OK && !lp_whole(mp_out_name(out))) {
		mp_errors_addf(errs, MP_ECANTCREAT, "%s: cannot write the model (disk full?)",
			       req->write_model);
		rc = MP_ECANTCREAT;
	}
	if (rc == MP_OK)
		return mp_out_commit(out, errs);
	mp_out_abort(out);
	return rc;
}


static long count_pairs(const pl_ctx *P)
{
	long n = 0;
	for (int u = 0; u < P->n_units; u++)
		n += P->units[u].n_elig;
	return n;
}

/* The run's budget.  Work (--effort, millions of work units) decides
 * where every search stops, so the same input and effort give the same
 * plan.  Time (--time-limit) is a hard stop for the whole run: what
 * preparing took, and what filling the plan and writing the model will
 * take (measured per eligible pair), come off it; the solve keeps at
 * least a quarter of it. */
static pl_budget run_budget(const mp_plan_request *req, const pl_ctx *P, double t0)
{
	pl_budget b = {INFINITY, INFINITY};
	if (req->options.effort > 0)
		b.work_end = P->work + req->options.effort * 1e6;
	double limit = req->options.time_limit;
	if (limit > 0) {
		double pairs = (double)count_pairs(P);
		double after = 1.5e-6 * pairs;
		if (req->write_model)
			after += (pairs > pl_stream_pairs ? 8e-6 : 25e-6) * pairs + 0.03 * limit;
		double left = 0.97 * limit - (pl_now() - t0) - after;
		b.time_end = pl_now() + fmax(left, 0.25 * limit);
	}
	return b;
}

int mp_plan_build(const mp_plan_request *req, mp_plan *out, mp_errors *errs)
{
	stop_flag = req->stop;
	double t0 = pl_now();
	pl_ctx P;
	pl_ctx_init(&P, req->ds, req, errs);
	free(out->scenario);
	out->scenario = mp_xstrdup(req->scenario ? req->scenario : "baseline");
	out->as_of = P.as_of;
	out->options = req->options;
	prepare(&P, out, true);
	P.budget = run_budget(req, &P, t0);
	P.t0 = t0;
	pl_log(req, "planner: %d cases, %d itineraries, %d units, %ld eligible pairs, %d columns, %d components",
		 req->ds->n_cases, P.n_itins, P.n_units, count_pairs(&P), P.n_cols, P.n_comps);
	int rc = pl_solve_all(&P);
	if (rc == MP_OK) {
		pl_disaggregate(&P);
		pl_fill_plan(&P, out);
		memcpy(out->levels, P.levels, sizeof out->levels);
		out->work = P.work / 1e6;
		out->time_cut = P.time_cut;
		pl_log(req, "planner: %d solved directly, %d with glpk; level 1 = %g, bound %g, %s",
			 P.n_trivial, P.n_mip, out->objective.weighted_persons, out->bound,
			 mp_plan_status_names[out->status]);
	}
	pl_ctx_release(&P);
	if (rc == MP_OK && req->write_model)
		rc = write_full_model(req, errs);
	out->wall_seconds = pl_now() - t0;
	mp_plan_sort(out);
	return rc;
}
