/*
 * store_int.h - what the parts of the store share (private to io/store*.c).
 *
 * The store is one module (store.h is its contract) in files of one
 * concern each:
 *   store.c            schema, migrations, prepared statements, open and
 *                      close, the revision and the stored mission id
 *   store_sql.c        errors, binding, stepping and column reading
 *   store_write.c      import and bookings (every dataset write)
 *   store_load.c       the dataset read back in one snapshot
 *   store_plans.c      plans saved with their run record, output digests
 *                      and the journeys their calendars publish
 *   store_runs.c       the run history read back: runs, a run's plan, the
 *                      plan before, digests, journeys, pruning
 *   store_scenarios.c  scenarios and their layers
 *
 * Every statement is prepared once at open (st->q[Q_...], texts in
 * store.c) and reset after use.  Every write is one BEGIN IMMEDIATE
 * transaction (st_begin_write ... st_finish).  Helpers that fail record
 * the error in errs and return its status (models/error.h).
 */
#ifndef MP_STORE_INT_H
#define MP_STORE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <sqlite3.h>
#include "store.h"

/* The prepared statements, by what they do. */
enum q {
	Q_REVISION, Q_BUMP,
	Q_MISSION_ID, Q_DEL_MISSION, Q_INS_MISSION,
	Q_DEL_AIRPORT, Q_INS_AIRPORT,
	Q_DEL_FLIGHT, Q_INS_FLIGHT, Q_INS_LIMIT,
	Q_DEL_QUOTA, Q_INS_QUOTA,
	Q_DEL_ARULE, Q_INS_ARULE, Q_INS_BLACKOUT, Q_INS_EXEMPT,
	Q_DEL_TRULE, Q_INS_TRULE, Q_INS_NATIONALITY, Q_INS_VISA,
	Q_DEL_CLINIC, Q_INS_CLINIC, Q_INS_CLOSED,
	Q_DEL_ESCORT, Q_INS_ESCORT,
	Q_DEL_CASE, Q_INS_CASE, Q_INS_MEMBER, Q_INS_SSR,
	Q_DEL_BOOKING, Q_INS_BOOKING, Q_INS_BFLIGHT, Q_INS_BESCORT,
	Q_GET_MISSION, Q_GET_AIRPORTS, Q_GET_FLIGHTS, Q_GET_LIMITS, Q_GET_QUOTAS,
	Q_GET_ARULES, Q_GET_BLACKOUTS, Q_GET_EXEMPT, Q_GET_TRULES,
	Q_GET_NATIONALITIES, Q_GET_VISAS, Q_GET_CLINICS, Q_GET_CLOSED,
	Q_GET_ESCORTS, Q_GET_CASES, Q_GET_MEMBERS, Q_GET_BOOKINGS,
	Q_GET_BFLIGHTS, Q_GET_BESCORTS,
	Q_PLAN_EXISTS, Q_INS_PLAN, Q_INS_RUN, Q_LATEST_PLAN,
	Q_INS_OUTPUTS, Q_GET_OUTPUTS, Q_PUT_JOURNEY, Q_SEED_JOURNEY, Q_BUMP_JOURNEY,
	Q_GET_JOURNEY,
	Q_RUNS, Q_RUN_PLAN_ID, Q_PLAN_BODY, Q_PREV_PLAN, Q_PLAN_IDS,
	Q_PRUNE_PLANS, Q_PRUNE_RUNS,
	Q_SCN_GET, Q_SCN_INS, Q_SCN_INS_LAYER, Q_SCN_DEL, Q_SCN_DEL_PLANS,
	Q_SCN_CHILD, Q_SCN_LAYERS, Q_SCN_LIST, Q_HAS_PLAN,
	Q_N
};

struct mp_store {
	sqlite3 *db;
	char *path;
	bool read_only;          /* opened MP_STORE_READ */
	bool held;               /* inside mp_store_lock */
	sqlite3_stmt *q[Q_N];
};

/* ---- errors (store_sql.c) ---- */

/* Records an error with status about file (no line). */
void st_err(mp_errors *errs, int status, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Records the failure of the SQLite call that just returned rc (call it
 * before any other SQLite call so the message is still the right one):
 * SQLITE_BUSY is MP_EBUSY; SQLITE_NOTADB, a damaged or truncated file
 * and one SQLite cannot open MP_ENOINPUT; a full disk and a read-only
 * file (for a write) MP_ECANTCREAT; anything else MP_EINTERNAL.
 * Returns the status. */
int st_fail(mp_store *st, int rc, mp_errors *errs);
/* MP_EINTERNAL: a stored value in table is not valid. */
int st_damaged(mp_store *st, const char *table, mp_errors *errs);

/* ---- transactions and statements (store_sql.c) ---- */

/* Runs SQL text that returns no row. */
int st_exec(mp_store *st, const char *sql, mp_errors *errs);
/* BEGIN IMMEDIATE: takes the write lock (MP_EBUSY past the timeout).
 * Under mp_store_lock (st->held) both begins and st_finish do nothing:
 * the held transaction is ended by mp_store_unlock. */
int st_begin_write(mp_store *st, mp_errors *errs);
/* BEGIN: a read transaction, one snapshot for what follows. */
int st_begin_read(mp_store *st, mp_errors *errs);
/* Ends the transaction: COMMIT when rc is MP_OK (a failing COMMIT
 * becomes the result), else ROLLBACK.  Returns the result. */
int st_finish(mp_store *st, int rc, mp_errors *errs);
/* Steps a statement that returns no row, then resets it. */
int st_step_done(mp_store *st, sqlite3_stmt *s, mp_errors *errs);
/* Runs statement q with one text parameter (NULL: none). */
int st_run1(mp_store *st, enum q q, const char *key, mp_errors *errs);
/* Steps a one-row query; *found says whether it gave a row.  The
 * statement stays positioned on the row; the caller calls st_done. */
int st_step_row(mp_store *st, sqlite3_stmt *s, bool *found, mp_errors *errs);
/* Resets a statement and clears its bindings. */
void st_done(sqlite3_stmt *s);

/* ---- binding: NULL, MP_ABSENT, MP_NODATE, MP_NOTIME, an absent
 * date-time and sex 0 bind SQL NULL (store_sql.c) ---- */

void st_bind_str(sqlite3_stmt *s, int i, const char *v);
void st_bind_count(sqlite3_stmt *s, int i, int v);
void st_bind_date(sqlite3_stmt *s, int i, mp_date d);
void st_bind_datetime(sqlite3_stmt *s, int i, mp_datetime dt);
void st_bind_tod(sqlite3_stmt *s, int i, mp_tod t);
void st_bind_sex(sqlite3_stmt *s, int i, char sex);

/* ---- column reading: SQL NULL reads as the absent value; a text that
 * does not parse sets *ok false (store_sql.c) ---- */

/* A malloc'd copy of the text, NULL for SQL NULL. */
char *st_col_str(sqlite3_stmt *s, int i);
int st_col_count(sqlite3_stmt *s, int i);
mp_date st_col_date(sqlite3_stmt *s, int i, bool *ok);
mp_datetime st_col_datetime(sqlite3_stmt *s, int i, bool *ok);
mp_tod st_col_tod(sqlite3_stmt *s, int i, bool *ok);
/* Index of the text in names[0..n) (NULL entries skipped); def when
 * NULL; def and !*ok when unknown. */
int st_col_enum(sqlite3_stmt *s, int i, const char *const *names, int n, int def, bool *ok);
/* The first character, 0 for NULL. */
char st_col_sex(sqlite3_stmt *s, int i);

/* ---- shared queries ---- */

/* The data revision (store.c); 0 when not yet set. */
int st_read_revision(mp_store *st, int64_t *rev, mp_errors *errs);
/* The stored mission id (malloc'd) or NULL in *id (store.c). */
int st_stored_mission(mp_store *st, char **id, mp_errors *errs);
/* The current UTC time "YYYY-MM-DDTHH:MM:SSZ", malloc'd (store_plans.c). */
char *st_now_utc(void);
/* Decodes the plan JSON in column 0 of the row s is on into out
 * (mp_plan_init'ed here), then st_done(s) (store_plans.c). */
int st_plan_from_row(mp_store *st, sqlite3_stmt *s, mp_plan *out, mp_errors *errs);
/* Inserts the record of a run that stored no plan (store_plans.c). */
int st_insert_run(mp_store *st, const mp_run *run, mp_errors *errs);
/* NULL or "baseline": the imported dataset (store_scenarios.c). */
bool st_is_baseline(const char *name);
/* Whether scenario name exists; its base (malloc'd, NULL for the
 * imported dataset) in *base when base is not NULL (store_scenarios.c). */
int st_scenario_get(mp_store *st, const char *name, bool *found, char **base,
		    mp_errors *errs);

#endif
