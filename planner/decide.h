/*
 * decide.h - decision support over a stored plan: the data changes that
 * would each put an unassigned case in the plan (`whatif`), and what one
 * more unit of a binding limit is worth (`bottlenecks`).  How each answer
 * is computed: docs/decisions.md.
 *
 * Both read a validated, defaulted dataset and the plan built from it
 * (the latest stored plan: the reference of every re-plan), and answer
 * with numbers a full re-plan (mp_plan_build) measured: the GLPK models
 * here only choose what to measure.  Nothing here prints; personal data
 * never appears (ids, codes, counts and dates of cases only).
 */
#ifndef MP_DECIDE_H
#define MP_DECIDE_H

#include "planner.h"
#include "../models/decide.h"

/* ---- the request both answer ---- */

typedef struct mp_decide_request {
	const mp_dataset *ds;        /* validated and defaulted */
	const mp_plan *plan;         /* the plan built from ds */
	const char *scenario;
	mp_plan_options options;     /* of every re-plan: the plan's own */
	int max_answers;             /* whatif: proposals (default 5);
				      * bottlenecks: limits measured (default 10) */
	int max_steps;               /* bottlenecks: units per curve (default 30) */
	void (*log)(void *ctx, const char *line); /* progress; may be NULL */
	void *log_ctx;
} mp_decide_request;

void mp_decide_request_init(mp_decide_request *r, const mp_dataset *ds, const mp_plan *plan);

/* ---- whatif (whatif.c) ---- */

/* The few smallest changes each alone enough to book case_id, ranked by
 * what they cost the rest of the plan (dropped cases' level 1, then
 * moves, then the size of the change); confirmed bookings stay pinned.
 * MP_EDATA when the case does not exist, MP_EINTERNAL when GLPK fails. */
int mp_whatif_case(const mp_decide_request *req, const char *case_id, mp_whatif *out,
		   mp_errors *errs);

/* ---- bottlenecks (bottleneck.c) ---- */

/* The binding limits and what more of each is worth on level 1: ranked
 * by the LP relaxation's duals, the top max_answers measured by re-plans.
 * MP_EINTERNAL when GLPK fails. */
int mp_bottlenecks_find(const mp_decide_request *req, mp_bottlenecks *out, mp_errors *errs);

#endif
