/*
 * changes.h - what changed between two plans, and why: the list a
 * night's re-plan gives the morning (`movplan changes`, the end of every
 * `plan` summary, the reasons in `compare`).
 *
 * Cases added (booked now, not before), dropped (booked before, not
 * now) and moved (booked on other flights), each with the cause that
 * moved it off its old itinerary; the conflicts of the new plan (the
 * confirmed bookings the new data broke), first; the flights whose
 * manifest and the cases whose itinerary must be sent again, from the
 * two plans' output digests (models/outputs.h).
 *
 * The cause is found by putting the case back on its old itinerary in
 * the new plan, everything else kept: the first thing that refuses it
 * is the cause - the case left the data or travelled, an officer
 * confirmed it elsewhere, a flight of it was cancelled or removed, a
 * rule of the case's own excludes it now (readiness, documents,
 * medical, pregnancy, arrival rule, transit visa, horizon, as_of
 * passed), it travels with a linked case that moved, or a limit of the
 * new plan is full there (seats, an assistance limit, a quota, the
 * clinic's days before departure, escorts' cover).  When nothing
 * refuses it the move was not forced (MP_CAUSE_UNFORCED): it could have
 * stayed.  Taken one case at a time: two cases that swapped seats are
 * each refused by the other.
 *
 * Cases by id only, never persons (SPEC 5): this list goes to mail.
 */
#ifndef MP_CHANGES_H
#define MP_CHANGES_H

#include <stdbool.h>
#include <stdio.h>
#include "../models/dataset.h"
#include "../models/outputs.h"
#include "../models/plan.h"
#include "../models/error.h"

enum mp_case_change_kind { MP_CHG_ADDED, MP_CHG_DROPPED, MP_CHG_MOVED };
extern const char *const mp_case_change_names[3];

enum mp_change_cause {
	MP_CAUSE_NEW,          /* added: booked where the old plan had it not */
	MP_CAUSE_CASE_GONE,    /* the case is no longer in the data */
	MP_CAUSE_HISTORY,      /* travelled, or departed on a confirmed booking */
	MP_CAUSE_CONFIRMED,    /* an officer confirmed other flights */
	MP_CAUSE_CANCELLED,    /* a flight of the old itinerary is cancelled */
	MP_CAUSE_FLIGHT_GONE,  /* ... is no longer in the data (scenario removed it) */
	MP_CAUSE_RULE,         /* a rule of the case's own excludes it (code) */
	MP_CAUSE_LINKED,       /* travels with a linked case that moved */
	MP_CAUSE_SEATS,        /* a flight of it is full */
	MP_CAUSE_ASSISTANCE,   /* an assistance limit of a flight is reached */
	MP_CAUSE_QUOTA,        /* a quota is full at its arrival date */
	MP_CAUSE_CLINIC,       /* no check day with room before it */
	MP_CAUSE_ESCORT,       /* no escort with room travels it */
	MP_CAUSE_UNFORCED,     /* nothing refuses it: it could have stayed */
	MP_N_CAUSE
};
extern const char *const mp_change_cause_names[MP_N_CAUSE];

typedef struct mp_case_change {
	char *case_id;
	enum mp_case_change_kind kind;
	char **old_flights; int n_old;   /* empty when added */
	char **new_flights; int n_new;   /* empty when dropped */
	enum mp_change_cause cause;
	int code;                        /* mp_reason_code of a RULE cause, or of a
					  * dropped case's decisive reason; -1 none */
	char *detail;                    /* for people: ids, codes, dates */
	char **refs; int n_refs;         /* flights, quotas, clinics, escorts, cases */
} mp_case_change;

typedef struct mp_broken {
	char *case_id;
	int code;                        /* mp_reason_code */
	char *rule, *detail;
	bool is_new;                     /* not a conflict of the old plan */
} mp_broken;

typedef struct mp_changes {
	char *scenario;
	bool has_old;                    /* an old plan was given */
	char *old_id, *old_created;      /* NULL when there is no old plan, or it
					  * is the proposed bookings (no id) */
	char *old_scenario;              /* the old plan's (another's for a first plan) */
	char *new_id, *new_created;
	mp_broken *broken;  int n_broken;
	mp_case_change *v;       int n;       /* by kind (moved, dropped, added), then case id */
	int n_kind[3];
	int n_unforced;
	char **manifests;   int n_manifests;   /* flight ids, sorted */
	char **itineraries; int n_itineraries; /* case ids, sorted */
	bool outputs_known;              /* both digest sets were given */
} mp_changes;

/* The changes from old to new over ds, the data new was planned from.
 * old may be NULL (everything booked is added); an old plan without an
 * id stands for the imported proposed bookings.  old_out / new_out are
 * the two plans' output digests; either NULL: the manifests and
 * itineraries are compared on the plans alone (legs, check date,
 * escorts, status), as if the data had not changed.  out is initialised
 * here; release it with mp_changes_release. */
void mp_changes_compute(const mp_dataset *ds, const mp_plan *old, const mp_plan *new_plan,
			const mp_outputs *old_out, const mp_outputs *new_out, mp_changes *out);
void mp_changes_release(mp_changes *c);

/* What would refuse case_id on these flights (1-3 leg ids) in plan over
 * ds, everything else kept: every refusal into *out (the cause of the
 * first, the details of all "; "-separated, the refs of all), or
 * MP_CAUSE_UNFORCED "nothing refuses it: it fits".  out is a change of
 * kind MP_CHG_MOVED from those flights to the case's flights in plan;
 * release it with mp_case_change_release.  For `confirm --from-scenario`:
 * what a booking taken from a what-if displaces in the baseline. */
void mp_changes_try(const mp_dataset *ds, const mp_plan *plan, const char *case_id,
		    char *const *flights, int n_flights, mp_case_change *out);
void mp_case_change_release(mp_case_change *ch);

/* The change of one case, or NULL. */
const mp_case_change *mp_changes_find(const mp_changes *c, const char *case_id);

/* Writes the change list: text for people (ending "re-send these"), or
 * JSON ({"movplan": 1, "changes": {...}}).  MP_ECANTCREAT on a write
 * error. */
int mp_changes_write(FILE *out, const mp_changes *c, bool json, mp_errors *errs);
/* The inner JSON object alone (malloc'd), to embed in another document. */
char *mp_changes_json(const mp_changes *c);

#endif
