/*
 * store_sql.c - the SQLite helpers every part of the store uses:
 * errors, transactions, binding, stepping and reading columns (see
 * store_int.h for the contracts).
 *
 * Values: dates 'YYYY-MM-DD', date-times as written (local time and
 * offset), times of day HH:MM[:SS], enums by their SPEC name, counts as
 * integers with NULL for MP_ABSENT, booleans 0/1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

/* ---- errors ---- */

void st_err(mp_errors *errs, int status, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(errs, status, file, 0, 0, NULL, NULL, fmt, ap);
	va_end(ap);
}

/* Records the failure of the SQLite call that just returned rc; must be
 * called before any other SQLite call so the message is still the
 * right one.  Returns the status. */
int st_fail(mp_store *st, int rc, mp_errors *errs)
{
	if ((rc & 0xff) == SQLITE_BUSY) {
		st_err(errs, MP_EBUSY, st->path,
			"database is busy (another movplan is writing); try again");
		return MP_EBUSY;
	}
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		st_err(errs, MP_ENOINPUT, st->path, "not a movplan database");
		return MP_ENOINPUT;
	case SQLITE_CORRUPT:
		st_err(errs, MP_ENOINPUT, st->path, "the database file is damaged");
		return MP_ENOINPUT;
	case SQLITE_CANTOPEN:
		st_err(errs, MP_ENOINPUT, st->path, "cannot open the database");
		return MP_ENOINPUT;
	case SQLITE_FULL:
		st_err(errs, MP_ECANTCREAT, st->path, "cannot write the database: disk full");
		return MP_ECANTCREAT;
	case SQLITE_READONLY:
		st_err(errs, MP_ECANTCREAT, st->path, "cannot write the database: read-only");
		return MP_ECANTCREAT;
	}
	if (rc == SQLITE_IOERR_SHORT_READ) {
		st_err(errs, MP_ENOINPUT, st->path, "the database file is damaged (truncated)");
		return MP_ENOINPUT;
	}
	st_err(errs, MP_EINTERNAL, st->path, "database: %s",
		st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	return MP_EINTERNAL;
}

int st_damaged(mp_store *st, const char *table, mp_errors *errs)
{
	st_err(errs, MP_EINTERNAL, st->path, "database: %s: a stored value is not valid", table);
	return MP_EINTERNAL;
}

int st_exec(mp_store *st, const char *sql, mp_errors *errs)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? MP_OK : st_fail(st, rc, errs);
}

int st_begin_write(mp_store *st, mp_errors *errs)
{
	return st->held ? MP_OK : st_exec(st, "BEGIN IMMEDIATE", errs);
}

int st_begin_read(mp_store *st, mp_errors *errs)
{
	return st->held ? MP_OK : st_exec(st, "BEGIN", errs);
}

/* Ends the transaction: COMMIT when rc is MP_OK (a failing COMMIT
 * becomes the result), else ROLLBACK. */
int st_finish(mp_store *st, int rc, mp_errors *errs)
{
	if (st->held)
		return rc; /* mp_store_unlock ends it */
	if (rc == MP_OK)
		rc = st_exec(st, "COMMIT", errs);
	if (rc != MP_OK && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- binding and stepping ---- */

void st_bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void st_bind_count(sqlite3_stmt *s, int i, int v)
{
	if (v == MP_ABSENT)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, v);
}

void st_bind_date(sqlite3_stmt *s, int i, mp_date d)
{
	char buf[MP_DATE_BUF];
	mp_date_format(d, buf);
	st_bind_str(s, i, d == MP_NODATE ? NULL : buf);
}

void st_bind_datetime(sqlite3_stmt *s, int i, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	mp_datetime_format(dt, buf);
	st_bind_str(s, i, dt.present ? buf : NULL);
}

void st_bind_tod(sqlite3_stmt *s, int i, mp_tod t)
{
	char buf[MP_TOD_BUF];
	mp_tod_format(t, buf);
	st_bind_str(s, i, t == MP_NOTIME ? NULL : buf);
}

void st_bind_sex(sqlite3_stmt *s, int i, char sex)
{
	char buf[2] = {sex, '\0'};
	st_bind_str(s, i, sex ? buf : NULL);
}

/* Steps a statement that returns no row, then resets it. */
int st_step_done(mp_store *st, sqlite3_stmt *s, mp_errors *errs)
{
	int rc = sqlite3_step(s);
	int r = rc == SQLITE_DONE ? MP_OK : st_fail(st, rc, errs);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

/* Runs statement q with one text parameter (NULL: none). */
int st_run1(mp_store *st, enum q q, const char *key, mp_errors *errs)
{
	if (key)
		st_bind_str(st->q[q], 1, key);
	return st_step_done(st, st->q[q], errs);
}

/* Steps a one-row query; *found says whether it gave a row.  The
 * statement stays positioned on the row; the caller resets it. */
int st_step_row(mp_store *st, sqlite3_stmt *s, bool *found, mp_errors *errs)
{
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return MP_OK;
	int r = st_fail(st, rc, errs);
	sqlite3_reset(s);
	return r;
}

void st_done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* ---- column reading (load) ---- */

char *st_col_str(sqlite3_stmt *s, int i)
{
	return mp_xstrdup((const char *)sqlite3_column_text(s, i));
}

int st_col_count(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? MP_ABSENT : sqlite3_column_int(s, i);
}

mp_date st_col_date(sqlite3_stmt *s, int i, bool *ok)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	mp_date d = MP_NODATE;
	if (t && !mp_date_parse(t, &d)) {
		*ok = false;
		d = MP_NODATE;
	}
	return d;
}

mp_datetime st_col_datetime(sqlite3_stmt *s, int i, bool *ok)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	mp_datetime dt = {0, 0, false};
	if (!t)
		return dt;
	if (!mp_datetime_parse(t, &dt)) {
		*ok = false;
		dt.utc = dt.offset_min = 0;
		dt.present = false;
		return dt;
	}
	dt.present = true;
	return dt;
}

mp_tod st_col_tod(sqlite3_stmt *s, int i, bool *ok)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	mp_tod v = MP_NOTIME;
	if (t && !mp_tod_parse(t, &v)) {
		*ok = false;
		v = MP_NOTIME;
	}
	return v;
}

/* Index of a name in names[0..n) (NULL entries skipped); def when the
 * column is NULL; -1 (and !*ok) when unknown. */
int st_col_enum(sqlite3_stmt *s, int i, const char *const *names, int n, int def, bool *ok)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	if (!t)
		return def;
	for (int k = 0; k < n; k++)
		if (names[k] && strcmp(names[k], t) == 0)
			return k;
	*ok = false;
	return def;
}

char st_col_sex(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t[0] : 0;
}

