/*
 * decide.h - the answers of decision support, as data: a change of the
 * data (applied to a dataset for a re-plan, written for people), the
 * proposals of `whatif` and the limits of `bottlenecks`.  The planner
 * computes them (planner/decide.h), the CLI and the report show them.
 * Ids, codes, counts and the cases' own dates only: no personal data.
 */
#ifndef MP_MODELS_DECIDE_H
#define MP_MODELS_DECIDE_H

#include <stdbool.h>
#include "dataset.h"
#include "error.h"

/* ---- a change of the data ---- */

enum mp_change_kind {
	MP_CH_SEATS,           /* flight `id`: seats + amount */
	MP_CH_SSR,             /* flight `id`: limits[ssr] + amount */
	MP_CH_QUOTA_PERSONS,   /* quota `id`: max_persons + amount */
	MP_CH_QUOTA_CASES,     /* quota `id`: max_cases + amount */
	MP_CH_CLINIC,          /* clinic `id`: capacity_per_day + amount (the slot is
				* needed on `date`) */
	MP_CH_ESCORT_FROM,     /* escort `id`: available_from = date */
	MP_CH_ESCORT_TO,       /* escort `id`: available_to = date */
	MP_CH_VISA,            /* case `id`: visa_expires = date */
	MP_CH_DOCUMENT,        /* member `id` of case `case_id`: document expires = date */
	MP_CH_MEDICAL_VALID,   /* case `id`: medical valid_until = date */
	MP_CH_MEDICAL_CLEARED, /* case `id`: medical pending -> cleared */
	MP_CH_MEDICAL_DEFERRED,/* case `id`: medical deferred_until = date */
	MP_CH_READY,           /* case `id`: ready = date */
	MP_N_CHANGE
};
extern const char *const mp_change_kind_names[MP_N_CHANGE];

typedef struct mp_change {
	enum mp_change_kind kind;
	char *id;          /* flight, quota, clinic, escort, case or member id */
	char *case_id;     /* MP_CH_DOCUMENT: the member's case; else NULL */
	int ssr;           /* MP_CH_SSR: the code (enum mp_ssr) */
	int amount;        /* counts: units added */
	int was;           /* counts: the value before (MP_ABSENT: no limit) */
	mp_date date;      /* dates: the new date; MP_CH_CLINIC: the day needed */
	mp_date was_date;  /* dates: the date before (MP_NODATE: none) */
} mp_change;

void mp_change_release(mp_change *c);
void mp_change_copy(mp_change *dst, const mp_change *src);
/* Applies c to ds in place.  MP_EDATA with a record when its id is
 * unknown. */
int mp_change_apply(mp_dataset *ds, const mp_change *c, mp_errors *errs);
/* For people: "+3 seats on TK1074/2026-12-14 (20 -> 23)".  malloc'd. */
char *mp_change_text(const mp_change *c);

/* ---- whatif's answer ---- */

/* One proposal: changes that together are one request to one party (a
 * seat block on one flight's legs, one quota, the case's own dates). */
typedef struct mp_whatif_option {
	mp_change *changes; int n_changes;
	bool confirmed;             /* a full re-plan with them books the case */
	char **flights; int n_flights; /* where that re-plan books it */
	mp_datetime departs, arrives;
	double gain;                /* the re-plan's level 1 less the plan's */
	char **moved; int n_moved;     /* other cases the re-plan books elsewhere */
	char **dropped; int n_dropped; /* other cases it no longer books */
	char **added; int n_added;     /* other cases it books that were waiting */
	double size;                /* the elastic model's cost of the change */
	char *note;                 /* for people: why an amount was raised; NULL */
} mp_whatif_option;

enum mp_whatif_status {
	MP_WI_BOOKED,    /* the case is in the plan already */
	MP_WI_HISTORY,   /* travelled or departed: not planned */
	MP_WI_OPTIONS,   /* proposals (some may be unconfirmed) */
	MP_WI_NONE       /* no change of the kinds above puts it in */
};
extern const char *const mp_whatif_status_names[4];

typedef struct mp_whatif {
	const mp_case *c;                  /* borrowed */
	enum mp_whatif_status status;
	mp_whatif_option *options; int n_options; /* confirmed first, by what they
						   * cost the rest of the plan */
	int n_replans;                     /* full re-plans run */
	char *note;                        /* for people: why none, or NULL */
} mp_whatif;

void mp_whatif_option_release(mp_whatif_option *o);
void mp_whatif_release(mp_whatif *w);

/* ---- bottlenecks' answer ---- */

typedef struct mp_bottleneck_step {
	int units;          /* units added to the limit */
	double gain;        /* level 1 gained by a full re-plan */
	int persons;        /* persons gained */
} mp_bottleneck_step;

typedef struct mp_bottleneck {
	enum mp_change_kind kind;   /* SEATS, SSR, QUOTA_PERSONS, QUOTA_CASES, CLINIC */
	char *id;                   /* flight, quota or clinic */
	int ssr;                    /* MP_CH_SSR */
	mp_date date;               /* MP_CH_CLINIC: the day */
	int limit, used;            /* the data's limit, the plan's use */
	double dual;                /* the LP's shadow price: what chose it */
	mp_bottleneck_step *steps; int n_steps; /* where the gain rises, in
						 * order; the last is where
						 * it stops */
	bool measured;              /* among the top ones: steps re-planned */
	double per_unit;            /* best gain per unit over the steps */
	bool stops;                 /* the gain stopped within max_steps */
} mp_bottleneck;

typedef struct mp_bottlenecks {
	mp_bottleneck *v; int n;    /* by per_unit, highest first */
	int n_binding;              /* limits the LP found binding */
	int n_replans;
} mp_bottlenecks;

void mp_bottlenecks_release(mp_bottlenecks *b);

#endif
