/*
 * planner.h - builds the best feasible plan of SPEC 2 with GLPK.
 *
 * The planner reads a validated, defaulted dataset and returns a plan:
 * assignments, reasons for every unassigned case, conflicts, and the
 * use of every limit.  It never parses or prints; progress and the
 * solver's log go through the callbacks in the request.
 *
 * See docs/optimisation.md for the model and the decomposition.
 */
#ifndef MP_PLANNER_H
#define MP_PLANNER_H

#include <stdbool.h>
#include "../models/dataset.h"
#include "../models/plan.h"
#include "../models/error.h"

typedef struct mp_plan_request {
	const mp_dataset *ds;       /* validated and defaulted */
	const char *scenario;       /* "baseline" by default */
	mp_plan_options options;
	/* The reference plan for level 2 (SPEC 2): the latest stored plan
	 * of the scenario, or NULL to use the dataset's proposed bookings. */
	const mp_plan *reference;
	const char *write_model;    /* write the full model (CPLEX LP) here, or NULL */
	bool verbose;               /* pass GLPK's log to `log` */
	void (*log)(void *ctx, const char *line); /* progress and solver log; may be NULL */
	void *log_ctx;
} mp_plan_request;

void mp_plan_request_init(mp_plan_request *r, const mp_dataset *ds);

/* Builds the plan into *out (initialised by the caller with
 * mp_plan_init).  Returns MP_OK, or MP_EINTERNAL with a record when
 * GLPK fails, or MP_ECANTCREAT when write_model cannot be written. */
int mp_plan_build(const mp_plan_request *req, mp_plan *out, mp_errors *errs);

/* Why a case is or is not booked, rule by rule, as text for people
 * (no personal data: ids and codes only).  Returns a malloc'd string;
 * MP_EDATA with a record when the case does not exist. */
int mp_explain(const mp_dataset *ds, const mp_plan *plan, const char *case_id,
	       char **text, mp_errors *errs);

#endif
