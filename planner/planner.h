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
#include "../models/facts.h"

/* Where a run stands, for a progress line (SPEC 4: on a terminal). */
typedef struct mp_plan_progress {
	double elapsed;             /* seconds since the run began */
	double work;                /* millions of work units done */
	double level1;              /* the best plan's level 1 so far */
	int persons;                /* persons it moves */
	double bound;               /* the best bound on level 1 so far */
	int comps_done, comps;      /* components solved, and in all */
} mp_plan_progress;

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
	/* May be NULL; once *stop is non-zero (a signal handler sets it: a
	 * volatile sig_atomic_t, which is int where movplan builds) the
	 * search ends as if its time were up and the plan is of no use. */
	volatile int *stop;
	/* Called about once a second while the search runs (never more
	 * often; the search does not depend on it); may be NULL. */
	void (*progress)(void *ctx, const mp_plan_progress *p);
	void *progress_ctx;
} mp_plan_request;

void mp_plan_request_init(mp_plan_request *r, const mp_dataset *ds);

/* Builds the plan into *out (initialised by the caller with
 * mp_plan_init).  Returns MP_OK, or MP_EINTERNAL with a record when
 * GLPK fails, or MP_ECANTCREAT when write_model cannot be written. */
int mp_plan_build(const mp_plan_request *req, mp_plan *out, mp_errors *errs);

/* ---- explain (explain.c) ---- */

/* One itinerary of the case, as explain shows it. */
enum mp_explain_role {
	MP_EX_BOOKED,     /* the plan's itinerary for the case */
	MP_EX_COMPETING,  /* passes every rule of the case; limits kept it out (or room remained) */
	MP_EX_EXCLUDED    /* a rule of the case (or of a linked case) excludes it */
};
extern const char *const mp_explain_role_names[3];

typedef struct mp_explain_itin {
	char **flights; int n_flights;   /* leg ids in order */
	mp_datetime departs, arrives;    /* first departure, final leg's arrival */
	enum mp_explain_role role;
	unsigned codes;                  /* bit (1u << mp_reason_code) per code excluding it */
	int n_full;                      /* competing: limits full for the case there */
	char *note;                      /* for people: what excludes it or what is full */
} mp_explain_itin;

enum mp_explain_status { MP_EX_NO_PLAN, MP_EX_ASSIGNED, MP_EX_UNASSIGNED, MP_EX_HISTORY };
extern const char *const mp_explain_status_names[4];

/* Why a case is or is not booked (SPEC 4 `explain`).  Pointers into the
 * dataset and the plan are borrowed; the rest is owned and freed by
 * mp_explanation_release.  No personal data: ids, codes, counts and the
 * case's own dates only. */
typedef struct mp_explanation {
	const mp_case *c;
	const mp_plan *plan;             /* NULL when none is stored */
	const mp_booking *booking;       /* NULL when none */
	bool void_booking;
	mp_date facts_on;                /* the date the derived facts are for */
	mp_case_facts facts;
	enum mp_explain_status status;
	const mp_assignment *assignment; /* MP_EX_ASSIGNED */
	const mp_unassigned *unassigned; /* MP_EX_UNASSIGNED */
	int n_within;                    /* itineraries within the horizon */
	bool beyond;                     /* none within, some beyond it (HORIZON) */
	int n_role[3];                   /* itineraries per role */
	mp_explain_itin *itins; int n_itins; /* booked, then competing (fewest
					      * full limits first), then
					      * excluded, each by departure;
					      * without `all` cut to a few */
	int excluded_by[MP_N_REASON];    /* per reason code, over all excluded itineraries */
} mp_explanation;

/* Explains case_id against plan (NULL: none stored).  all: every
 * itinerary, else the booked one, ten competing and five excluded.
 * MP_EDATA with a record when the case does not exist. */
int mp_explain_case(const mp_dataset *ds, const mp_plan *plan, const char *case_id, bool all,
		    mp_explanation *out, mp_errors *errs);
void mp_explanation_release(mp_explanation *e);
/* The explanation as text for people: malloc'd. */
char *mp_explanation_text(const mp_explanation *e);

/* Why a case is or is not booked, rule by rule, as text for people
 * (no personal data: ids and codes only).  Returns a malloc'd string;
 * MP_EDATA with a record when the case does not exist. */
int mp_explain(const mp_dataset *ds, const mp_plan *plan, const char *case_id,
	       char **text, mp_errors *errs);

#endif
