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
 * when no plan is stored; MP_ENOINPUT when opening without create and
 * the file does not exist; MP_EINTERNAL for SQLite failures (message
 * copied from sqlite3_errmsg before the next call).
 */
#ifndef MP_STORE_H
#define MP_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "../models/dataset.h"
#include "../models/plan.h"
#include "../models/error.h"

typedef struct mp_store mp_store;

/* Opens (and with create, creates and migrates) the database at path.
 * busy_timeout in seconds.  *out is NULL on failure. */
int mp_store_open(const char *path, double busy_timeout, bool create,
		  mp_store **out, mp_errors *errs);
/* Closes; accepts NULL. */
void mp_store_close(mp_store *st);

/* Imports a validated dataset in one transaction: items replace those
 * with the same key; the mission (if given) must have the stored id or
 * the store must be empty.  All or nothing. */
int mp_store_import(mp_store *st, const mp_dataset *ds, mp_errors *errs);

/* Loads the whole dataset (canonical order, mp_dataset_sort) and the
 * revision it was read at, in one read transaction. */
int mp_store_load(mp_store *st, mp_dataset *ds, int64_t *revision, mp_errors *errs);

/* True when the store holds no mission yet. */
bool mp_store_empty(mp_store *st);

/* Saves a plan and its run record if the dataset is still at
 * `revision`; sets plan->id (and created) when NULL.  MP_EBUSY when the
 * revision moved. */
int mp_store_save_plan(mp_store *st, mp_plan *plan, int64_t revision, mp_errors *errs);

/* The latest plan of a scenario (MP_ENOPLAN when none). */
int mp_store_latest_plan(mp_store *st, const char *scenario, mp_plan *out, mp_errors *errs);

/* Sets or replaces one booking (confirm / release), bumping the
 * revision; bookings are keyed by case. */
int mp_store_put_booking(mp_store *st, const mp_booking *b, mp_errors *errs);

/* Scenarios: a name, a base scenario (NULL: the imported dataset) and
 * layers, each the JSON text of a layer tree, applied in order. */
int mp_store_scenario_create(mp_store *st, const char *name, const char *base,
			     const char *const *layer_json, const char *const *layer_names,
			     int n_layers, mp_errors *errs);
int mp_store_scenario_drop(mp_store *st, const char *name, mp_errors *errs);
/* Layers of a scenario and of its bases, outermost base first; the
 * caller frees each string and the arrays with mp_strv_free.  For
 * "baseline" (implicit) returns 0 layers.  MP_EDATA if unknown. */
int mp_store_scenario_layers(mp_store *st, const char *name, char ***layer_json,
			     char ***layer_names, int *n_layers, mp_errors *errs);
typedef struct mp_scenario_info {
	char *name, *base, *created;
	int n_layers;
	bool has_plan;
} mp_scenario_info;
int mp_store_scenario_list(mp_store *st, mp_scenario_info **list, int *n, mp_errors *errs);
void mp_scenario_info_free(mp_scenario_info *list, int n);

#endif
