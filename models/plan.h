/*
 * plan.h - a movement plan, SPEC 2 and the plan JSON of SPEC 3.
 *
 * An mp_plan owns all its strings and arrays; mp_plan_release() frees
 * them.  The planner fills one (planner/), the store keeps it
 * (io/store.h), io/plan_json.h reads and writes it, reports read it.
 * Arrays are sorted: assignments and unassigned by case id, conflicts
 * by case then code, flights by id, quotas by id, clinics by (clinic,
 * date), escort trips by (escort, departs).
 */
#ifndef MP_PLAN_H
#define MP_PLAN_H

#include <stdbool.h>
#include "dataset.h"

enum mp_plan_status { MP_PLAN_OPTIMAL, MP_PLAN_FEASIBLE };
extern const char *const mp_plan_status_names[2];

/* How the search of one objective level ended: proven optimal; stopped
 * when the --effort budget was spent (the same on every run); or cut by
 * --time-limit (a later run may differ). */
enum mp_level_status { MP_LEVEL_OPTIMAL, MP_LEVEL_EFFORT, MP_LEVEL_TIME };
extern const char *const mp_level_status_names[3];

/* Reason codes of SPEC 2, plus VOID_BOOKING for conflicts. */
enum mp_reason_code {
	MP_R_NO_ROUTE, MP_R_HORIZON, MP_R_NOT_READY, MP_R_VISA_EXPIRY,
	MP_R_DOCUMENT_EXPIRY, MP_R_MEDICAL_PENDING, MP_R_MEDICAL_EXPIRED,
	MP_R_MEDICAL_DEFERRED, MP_R_PREGNANCY, MP_R_ARRIVAL_RULE,
	MP_R_TRANSIT_VISA, MP_R_NO_ESCORT, MP_R_LINKED_CASE, MP_R_CAPACITY,
	MP_R_ASSISTANCE_LIMIT, MP_R_QUOTA, MP_R_CLINIC, MP_R_NOT_SELECTED,
	MP_R_VOID_BOOKING,
	MP_N_REASON
};
extern const char *const mp_reason_names[MP_N_REASON];
int mp_reason_lookup(const char *name); /* -1 when unknown */

typedef struct mp_assignment {
	char *case_id;
	char **flights;  int n_flights;   /* leg ids in order */
	mp_datetime departs, arrives;     /* first departure, last arrival */
	mp_date ftt_date;                 /* MP_NODATE when the case has no clinic */
	char **escorts;  int n_escorts;   /* every escort on its itinerary */
	enum mp_booking_status status;    /* MP_BOOK_CONFIRMED or MP_BOOK_PROPOSED */
} mp_assignment;

typedef struct mp_reason {
	enum mp_reason_code code;
	int count;        /* itineraries it excludes; 0 when it holds for the case */
	char *detail;     /* human detail, no personal data; may be NULL */
	char **refs; int n_refs; /* ids of the full limits (flights, quotas, clinics, escorts) */
	bool decisive;    /* SPEC 2: the one reason that actually holds the case */
} mp_reason;

typedef struct mp_unassigned {
	char *case_id;
	mp_reason *reasons; int n_reasons;
} mp_unassigned;

typedef struct mp_conflict {
	char *case_id;
	char *rule;   /* "2.5" */
	enum mp_reason_code code;
	char *detail;
} mp_conflict;

typedef struct mp_flight_use {
	char *id;
	int seats, used;
	int limits[MP_N_SSR]; /* MP_ABSENT when the flight has none */
	int ssr[MP_N_SSR];    /* members with each code on board */
} mp_flight_use;

typedef struct mp_quota_use {
	char *id;
	int max_persons, persons;
	int max_cases, cases; /* max_cases MP_ABSENT when not given */
} mp_quota_use;

typedef struct mp_clinic_day {
	char *clinic;
	mp_date date;
	int persons, capacity;
} mp_clinic_day;

typedef struct mp_escort_trip {
	char *escort;
	char **flights; int n_flights;
	mp_datetime departs;
	char **cases; int n_cases;
} mp_escort_trip;

typedef struct mp_plan_options {
	double weights[MP_N_PRIO]; /* default 100, 10, 1 */
	double time_limit;         /* seconds for the whole run, a hard stop;
				    * 0: none (default 60) */
	double effort;             /* the search's work budget in millions of
				    * work units (about a second of this
				    * machine's work each); 0: none, the
				    * time limit alone (default 30) */
	double gap;                /* relative gap accepted, default 0 */
} mp_plan_options;

typedef struct mp_plan {
	char *id;
	char *scenario;
	mp_date as_of;
	enum mp_plan_status status;
	mp_plan_options options;
	struct {
		double weighted_persons;
		double changes;
		double waiting;
		double cost;
	} objective;
	double bound, gap;
	enum mp_level_status levels[4]; /* how each level's search ended */

	mp_assignment *assignments; int n_assignments, cap_assignments;
	mp_unassigned *unassigned;  int n_unassigned, cap_unassigned;
	mp_conflict *conflicts;     int n_conflicts, cap_conflicts;
	mp_flight_use *flights;     int n_flights, cap_flights;
	mp_quota_use *quotas;       int n_quotas, cap_quotas;
	mp_clinic_day *clinics;     int n_clinics, cap_clinics;
	mp_escort_trip *escort_trips; int n_escort_trips, cap_escort_trips;

	/* run record, not part of the plan JSON's required keys */
	char *created;       /* UTC date-time text of the run */
	char *input_digest;  /* hex digest of the dataset the plan was built from */
	double wall_seconds;
	int tries;           /* plans made to store this one (plan --retries); 0: not known */
	struct mp_outputs *outputs; /* digests of its outputs (outputs.h), owned;
				     * stored with the plan; may be NULL */
	double work;         /* work units the search did (millions) */
	bool time_cut;       /* --time-limit stopped a search */
} mp_plan;

void mp_plan_init(mp_plan *p);
void mp_plan_options_init(mp_plan_options *o);
/* Frees everything; accepts NULL. */
void mp_plan_release(mp_plan *p);

mp_assignment *mp_plan_add_assignment(mp_plan *p);
mp_unassigned *mp_plan_add_unassigned(mp_plan *p);
mp_reason *mp_unassigned_add_reason(mp_unassigned *u);
mp_conflict *mp_plan_add_conflict(mp_plan *p);
mp_flight_use *mp_plan_add_flight(mp_plan *p);
mp_quota_use *mp_plan_add_quota(mp_plan *p);
mp_clinic_day *mp_plan_add_clinic_day(mp_plan *p);
mp_escort_trip *mp_plan_add_escort_trip(mp_plan *p);

/* Sorts every array into the documented order. */
void mp_plan_sort(mp_plan *p);

mp_assignment *mp_plan_assignment(const mp_plan *p, const char *case_id);
/* The same flights in the same order (NULL: not booked; two NULLs are
 * the same). */
bool mp_assignment_same_flights(const mp_assignment *a, const mp_assignment *b);
mp_unassigned *mp_plan_unassigned_case(const mp_plan *p, const char *case_id);
/* The decisive reason of an unassigned case (SPEC 2); the first reason
 * for a plan stored before reasons were marked; NULL without reasons. */
const mp_reason *mp_unassigned_decisive(const mp_unassigned *u);

/* Appends a string to a malloc'd vector (ownership of a copy moves in). */
void mp_strv_push(char ***v, int *n, const char *s);
void mp_strv_free(char **v, int n);
/* The same strings in the same order. */
bool mp_strv_equal(char *const *a, int na, char *const *b, int nb);

#endif
