/*
 * store.h - the SQLite database (SPEC 4, SPEC 5).
 *
 * One database holds one mission: its dataset in a table per part
 * (members, limits and other lists in child tables), scenarios with
 * their layers, plans per scenario, and a run history.  The schema is
 * migrated by PRAGMA user_version inside the write lock; the database
 * runs in WAL mode with foreign_keys on (set outside any transaction)
 * and a busy timeout; every write is one BEGIN IMMEDIATE transaction,
 * so a killed process leaves it as it was before the write.  The file
 * and its -wal/-shm are created mode 0600 whatever the umask.
 *
 * Revision: every change to the dataset or bookings bumps a revision
 * number.  A plan reads the revision with the data, solves outside the
 * lock, and mp_store_save_plan() commits only if the revision is
 * unchanged (else MP_EBUSY: "data changed while planning, try again").
 *
 * Errors: MP_EBUSY when the lock stays taken past the busy timeout;
 * MP_EDATA for data the store refuses (another mission id); MP_ENOPLAN
 * when no plan is stored; MP_ENOINPUT for a database that is missing
 * (without MP_STORE_CREATE), not ours, damaged or truncated;
 * MP_ECANTCREAT for a write that fails on a full disk or a read-only
 * file; MP_EINTERNAL for other SQLite failures (message copied from
 * sqlite3_errmsg before the next call).
 */
#ifndef MP_STORE_H
#define MP_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "../models/dataset.h"
#include "../models/plan.h"
#include "../models/outputs.h"
#include "../models/error.h"

typedef struct mp_store mp_store;

/* How a command uses the database (SPEC 4). */
enum mp_store_mode {
	/* read only: SQLITE_OPEN_READONLY (immutable on a read-only mount);
	 * the file is never created, never written (but a database of an
	 * older schema is upgraded once, through a read-write connection) */
	MP_STORE_READ = 0,
	/* read and write; a missing file is created (import, demo) */
	MP_STORE_CREATE = 1,
	/* read and write; the file must exist */
	MP_STORE_WRITE = 2,
};

/* Opens the database at path in mode and migrates its schema if older.
 * busy_timeout in seconds.  *out is NULL on failure.  A missing file
 * (but in MP_STORE_CREATE mode) is MP_ENOINPUT "no such database: PATH
 * (import data first)"; a directory, an empty file, a file that is not
 * SQLite or another program's SQLite database is MP_ENOINPUT "not a
 * movplan database", and nothing is written to it (not even the journal
 * mode); a schema newer than this build is MP_EDATA.  A new database is
 * created whole (never an empty file) and mode 0600. */
int mp_store_open(const char *path, double busy_timeout, enum mp_store_mode mode,
		  mp_store **out, mp_errors *errs);
/* Holds the write lock (BEGIN IMMEDIATE) across several calls: loads,
 * scenario reads and mp_store_save_plan then run inside one transaction,
 * so nothing can change between them (plan --retries' last try).  Other
 * writers wait, up to their busy timeout.  MP_EBUSY when the lock stays
 * taken past ours.  mp_store_unlock commits (commit true; a failing
 * COMMIT is its error) or rolls back. */
int mp_store_lock(mp_store *st, mp_errors *errs);
int mp_store_unlock(mp_store *st, bool commit, mp_errors *errs);

/* Closes; accepts NULL. */
void mp_store_close(mp_store *st);

/* Imports a validated dataset in one transaction: items replace those
 * with the same key; the mission (if given) must have the stored id or
 * the store must be empty.  All or nothing. */
int mp_store_import(mp_store *st, const mp_dataset *ds, mp_errors *errs);

/* Loads the whole dataset (canonical order, mp_dataset_sort) and the
 * revision it was read at, in one read transaction.  ds is initialised
 * here (mp_dataset_init; earlier contents are not freed) and left empty
 * on failure.  Items have loc file -1, line 0; members come in the
 * order they were imported. */
int mp_store_load(mp_store *st, mp_dataset *ds, int64_t *revision, mp_errors *errs);

/* True when the store holds no mission yet. */
bool mp_store_empty(mp_store *st);

/* The current data revision (bumped by import and booking changes). */
int mp_store_revision(mp_store *st, int64_t *revision, mp_errors *errs);

/* Saves a plan and its run record if the dataset is still at
 * `revision`; sets plan->id ("P" + UTC timestamp + "-" + counter) and
 * created (UTC "YYYY-MM-DDTHH:MM:SSZ") when NULL, and scenario to
 * "baseline" when NULL.  MP_EBUSY "the data changed while the plan was
 * being solved; plan again" when the revision moved; MP_EDATA when a
 * given id exists.  Does not bump the revision. */
int mp_store_save_plan(mp_store *st, mp_plan *plan, int64_t revision, mp_errors *errs);

/* The latest plan of a scenario (by created, then insertion), decoded
 * into out (mp_plan_init'ed here; the caller releases it).  MP_ENOPLAN
 * when none. */
int mp_store_latest_plan(mp_store *st, const char *scenario, mp_plan *out, mp_errors *errs);

/* ---- the run history (SPEC 4 `movplan runs`) ----
 *
 * Every `plan` leaves a run record: the plan's (saved in the same
 * transaction as the plan), or one with no plan when the run ended
 * otherwise (exit 75: the data kept changing; 70: an internal error).
 * mp_store_save_plan also stores plan->outputs (the digests of the
 * plan's manifests and itineraries) and, per case, the journey its
 * calendar publishes: the digest, a SEQUENCE raised when the digest
 * changes, and the most legs and whether a check date were ever
 * published.  A confirm or release raises the case's SEQUENCE in every
 * scenario.  Nothing is deleted but by mp_store_prune_runs (and a
 * scenario's plans by its drop). */
typedef struct mp_run {
	int64_t id;              /* 1, 2, ... in the order runs ended */
	char *started;           /* when it ended (the plan saved, or the run
				  * failed), UTC "YYYY-MM-DDTHH:MM:SSZ" */
	char *scenario;
	char *command;           /* "plan" */
	int outcome;             /* exit status (SPEC 4): 0, 75, 70 ... */
	char *message;           /* why it ended so; ids only, NULL when 0 */
	char *status;            /* the plan's status, NULL without a plan */
	char *levels;            /* each level's search, NULL when unknown */
	double weighted_persons, changes, waiting, cost, bound, gap, wall_seconds;
	char *input_digest;
	char *plan_id;           /* NULL when the run stored no plan */
	bool has_plan;           /* the plan is still stored (not pruned) */
} mp_run;

/* The runs of a scenario (NULL: all), oldest first.  The caller frees
 * them with mp_runs_free. */
int mp_store_runs(mp_store *st, const char *scenario, mp_run **runs, int *n, mp_errors *errs);
void mp_runs_free(mp_run *runs, int n);
/* Records a run that stored no plan (its plan_id is ignored). */
int mp_store_record_run(mp_store *st, const mp_run *run, mp_errors *errs);
/* The plan of a run: run is a run number ("12") or a plan id.  MP_EDATA
 * "no run 'X'" when neither; MP_ENOPLAN when the run stored no plan or
 * its plan was pruned. */
int mp_store_plan_by_run(mp_store *st, const char *run, mp_plan *out, mp_errors *errs);
/* The plan saved before plan_id in its scenario; MP_ENOPLAN when none. */
int mp_store_previous_plan(mp_store *st, const char *plan_id, mp_plan *out, mp_errors *errs);
/* The ids of a scenario's plans, newest first (mp_strv_free). */
int mp_store_plan_ids(mp_store *st, const char *scenario, char ***ids, int *n, mp_errors *errs);
/* The output digests stored with a plan into out (initialised here);
 * MP_ENOPLAN when none were stored. */
int mp_store_plan_outputs(mp_store *st, const char *plan_id, mp_outputs *out, mp_errors *errs);
/* What a case's calendar was last published with in a scenario; *found
 * false (and out zeroed) when never. */
int mp_store_journey(mp_store *st, const char *scenario, const char *case_id, mp_journey *out,
		     bool *found, mp_errors *errs);
/* Records o's itineraries as the journeys of their cases in scenario
 * where the store has none yet (INSERT OR IGNORE): before a plan is
 * saved, its reference's outputs stand for what was published before
 * the store kept journeys (a database from before schema 3, bookings
 * imported as proposed), so a family they booked and the new plan does
 * not gets its calendar cancelled. */
int mp_store_seed_journeys(mp_store *st, const char *scenario, const mp_outputs *o,
			   mp_errors *errs);
/* Keeps the keep (>= 1) latest runs of each scenario: deletes the older
 * run records and their plans, never a scenario's latest plan (a run
 * whose plan stays keeps its record).  Counts what went. */
int mp_store_prune_runs(mp_store *st, int keep, int *plans_deleted, int *runs_deleted,
			mp_errors *errs);

/* Sets or replaces one booking (confirm / release), bumping the
 * revision and the case's calendar SEQUENCE; bookings are keyed by case. */
int mp_store_put_booking(mp_store *st, const mp_booking *b, mp_errors *errs);
/* Deletes the booking of a case, bumping the revision; MP_EDATA when
 * the case has none. */
int mp_store_delete_booking(mp_store *st, const char *case_id, mp_errors *errs);

/* Scenarios: a name, a base scenario (NULL or "baseline": the imported
 * dataset) and layers, each the JSON text of a layer tree, applied in
 * order (layer_names may be NULL).  create: MP_EDATA when the name is
 * "baseline", not an id, or taken, or the base is unknown.  drop:
 * MP_EDATA when unknown, "baseline", or the base of another scenario;
 * its plans go with it (the run history stays). */
int mp_store_scenario_create(mp_store *st, const char *name, const char *base,
			     const char *const *layer_json, const char *const *layer_names,
			     int n_layers, mp_errors *errs);
int mp_store_scenario_drop(mp_store *st, const char *name, mp_errors *errs);
/* Layers of a scenario and of its bases, outermost base first; the
 * caller frees each string and the arrays with mp_strv_free.  For
 * "baseline" (implicit) returns 0 layers.  MP_EDATA if unknown. */
int mp_store_scenario_layers(mp_store *st, const char *name, char ***layer_json,
			     char ***layer_names, int *n_layers, mp_errors *errs);
/* list: an implicit "baseline" entry first (base and created NULL, 0
 * layers), then every scenario by name; base NULL means the imported
 * dataset; n_layers counts its own layers only. */
typedef struct mp_scenario_info {
	char *name, *base, *created;
	int n_layers;
	bool has_plan;
} mp_scenario_info;
int mp_store_scenario_list(mp_store *st, mp_scenario_info **list, int *n, mp_errors *errs);
void mp_scenario_info_free(mp_scenario_info *list, int n);

#endif
