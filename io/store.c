/*
 * store.c - the SQLite database (see store.h; SPEC 4, SPEC 5).
 *
 * Layout: one table per dataset part, child tables (with an ordinal
 * where order matters) for every list inside an item, each child
 * referencing its parent ON DELETE CASCADE so deleting an item's row
 * removes it whole.  Cross-item references (case -> clinic, booking ->
 * flight ...) carry no foreign key: import replaces items one by one
 * and the references were validated in C before the store saw them.
 *
 * Values: dates 'YYYY-MM-DD', date-times as written (local time and
 * offset), times of day HH:MM[:SS], enums by their SPEC name, counts as
 * integers with NULL for MP_ABSENT, booleans 0/1.
 *
 * Every SQL statement is prepared once at open (after migration) and
 * reused; every write is one BEGIN IMMEDIATE transaction that ends in
 * COMMIT or ROLLBACK.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "store.h"
#include "json.h"
#include "plan_json.h"

/* ---- schema and migrations ---- */

static const char schema_v1[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value);"
	"INSERT INTO meta (key, value) VALUES ('revision', 0);"
	"CREATE TABLE mission (slot INTEGER PRIMARY KEY CHECK (slot = 1),"
	" id TEXT NOT NULL, origin TEXT NOT NULL, as_of TEXT, horizon_days INTEGER,"
	" sender TEXT, recipient TEXT);"
	"CREATE TABLE airports (code TEXT PRIMARY KEY, country TEXT NOT NULL,"
	" mct_minutes INTEGER, max_connection_minutes INTEGER);"
	"CREATE TABLE flights (id TEXT PRIMARY KEY, from_airport TEXT NOT NULL,"
	" to_airport TEXT NOT NULL, departs TEXT NOT NULL, arrives TEXT NOT NULL,"
	" seats INTEGER, carrier TEXT, number TEXT, stretcher_seats INTEGER,"
	" fare REAL NOT NULL DEFAULT 0, currency TEXT, cancelled INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE flight_limits (flight TEXT NOT NULL REFERENCES flights(id) ON DELETE CASCADE,"
	" code TEXT NOT NULL, max INTEGER NOT NULL, PRIMARY KEY (flight, code));"
	"CREATE TABLE quotas (id TEXT PRIMARY KEY, country TEXT NOT NULL, airport TEXT,"
	" date_from TEXT, date_to TEXT, max_persons INTEGER, max_cases INTEGER);"
	"CREATE TABLE arrival_rules (country TEXT PRIMARY KEY, no_weekend INTEGER NOT NULL DEFAULT 0,"
	" earliest_arrival TEXT, latest_arrival TEXT, notice_working_days INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE arrival_rule_blackouts (country TEXT NOT NULL"
	" REFERENCES arrival_rules(country) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, date TEXT NOT NULL, PRIMARY KEY (country, ordinal));"
	"CREATE TABLE arrival_rule_exempt (country TEXT NOT NULL"
	" REFERENCES arrival_rules(country) ON DELETE CASCADE,"
	" priority TEXT NOT NULL, PRIMARY KEY (country, priority));"
	"CREATE TABLE transit_rules (country TEXT PRIMARY KEY);"
	"CREATE TABLE transit_rule_nationalities (country TEXT NOT NULL"
	" REFERENCES transit_rules(country) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, nationality TEXT NOT NULL, PRIMARY KEY (country, ordinal));"
	"CREATE TABLE transit_rule_exempt_visas (country TEXT NOT NULL"
	" REFERENCES transit_rules(country) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, visa_country TEXT NOT NULL, PRIMARY KEY (country, ordinal));"
	"CREATE TABLE clinics (id TEXT PRIMARY KEY, capacity_per_day INTEGER);"
	"CREATE TABLE clinic_closed (clinic TEXT NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, date TEXT NOT NULL, PRIMARY KEY (clinic, ordinal));"
	"CREATE TABLE escorts (id TEXT PRIMARY KEY, kind TEXT, available_from TEXT,"
	" available_to TEXT, covers INTEGER, turnaround_days INTEGER, family_name TEXT,"
	" given_names TEXT, sex TEXT, birth_date TEXT, nationality TEXT,"
	" document INTEGER NOT NULL DEFAULT 0, doc_type TEXT, doc_number TEXT,"
	" doc_issuer TEXT, doc_expires TEXT);"
	"CREATE TABLE cases (id TEXT PRIMARY KEY, dest_country TEXT NOT NULL, dest_airport TEXT,"
	" priority TEXT NOT NULL, ready TEXT, visa_expires TEXT, medical TEXT NOT NULL,"
	" medical_valid_until TEXT, medical_deferred_until TEXT, clinic TEXT, link TEXT,"
	" origin TEXT);"
	"CREATE TABLE members (case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, id TEXT NOT NULL, family_name TEXT, given_names TEXT,"
	" sex TEXT, birth_date TEXT, nationality TEXT,"
	" document INTEGER NOT NULL DEFAULT 0, doc_type TEXT, doc_number TEXT,"
	" doc_issuer TEXT, doc_expires TEXT, escort TEXT,"
	" pregnancy INTEGER NOT NULL DEFAULT 0, pregnancy_weeks INTEGER, pregnancy_on TEXT,"
	" pregnancy_multiple INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (case_id, ordinal));"
	"CREATE TABLE member_ssr (case_id TEXT NOT NULL, ordinal INTEGER NOT NULL,"
	" code TEXT NOT NULL, PRIMARY KEY (case_id, ordinal, code),"
	" FOREIGN KEY (case_id, ordinal) REFERENCES members(case_id, ordinal) ON DELETE CASCADE);"
	"CREATE TABLE bookings (case_id TEXT PRIMARY KEY, status TEXT NOT NULL, ftt_date TEXT);"
	"CREATE TABLE booking_flights (case_id TEXT NOT NULL"
	" REFERENCES bookings(case_id) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, flight TEXT NOT NULL, PRIMARY KEY (case_id, ordinal));"
	"CREATE TABLE booking_escorts (case_id TEXT NOT NULL"
	" REFERENCES bookings(case_id) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, escort TEXT NOT NULL, PRIMARY KEY (case_id, ordinal));"
	"CREATE TABLE scenarios (name TEXT PRIMARY KEY, base TEXT, created TEXT NOT NULL);"
	"CREATE TABLE scenario_layers (scenario TEXT NOT NULL"
	" REFERENCES scenarios(name) ON DELETE CASCADE,"
	" ordinal INTEGER NOT NULL, name TEXT, body TEXT NOT NULL,"
	" PRIMARY KEY (scenario, ordinal));"
	"CREATE TABLE plans (id TEXT PRIMARY KEY, scenario TEXT NOT NULL, created TEXT NOT NULL,"
	" status TEXT NOT NULL, weighted_persons REAL, changes REAL, waiting REAL, cost REAL,"
	" bound REAL, gap REAL, wall_seconds REAL, input_digest TEXT, body TEXT NOT NULL);"
	"CREATE INDEX plans_by_scenario ON plans (scenario, created);"
	"CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, scenario TEXT NOT NULL,"
	" options TEXT, input_digest TEXT, status TEXT, weighted_persons REAL, changes REAL,"
	" waiting REAL, cost REAL, bound REAL, gap REAL, wall_seconds REAL, plan_id TEXT);";

/* PRAGMA application_id of a movplan database ("MOVP"). */
#define MP_APP_ID 0x4d4f5650

/* migrations[i] takes the schema from user_version i to i + 1. */
static const char *const migrations[] = {schema_v1};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* ---- prepared statements ---- */

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
	Q_SCN_GET, Q_SCN_INS, Q_SCN_INS_LAYER, Q_SCN_DEL, Q_SCN_DEL_PLANS,
	Q_SCN_CHILD, Q_SCN_LAYERS, Q_SCN_LIST, Q_HAS_PLAN,
	Q_N
};

static const char *const sql_text[Q_N] = {
	[Q_REVISION] = "SELECT value FROM meta WHERE key = 'revision'",
	[Q_BUMP] = "UPDATE meta SET value = value + 1 WHERE key = 'revision'",
	[Q_MISSION_ID] = "SELECT id FROM mission",
	[Q_DEL_MISSION] = "DELETE FROM mission",
	[Q_INS_MISSION] = "INSERT INTO mission (slot, id, origin, as_of, horizon_days,"
		" sender, recipient) VALUES (1, ?, ?, ?, ?, ?, ?)",
	[Q_DEL_AIRPORT] = "DELETE FROM airports WHERE code = ?",
	[Q_INS_AIRPORT] = "INSERT INTO airports VALUES (?, ?, ?, ?)",
	[Q_DEL_FLIGHT] = "DELETE FROM flights WHERE id = ?",
	[Q_INS_FLIGHT] = "INSERT INTO flights VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_INS_LIMIT] = "INSERT INTO flight_limits VALUES (?, ?, ?)",
	[Q_DEL_QUOTA] = "DELETE FROM quotas WHERE id = ?",
	[Q_INS_QUOTA] = "INSERT INTO quotas VALUES (?, ?, ?, ?, ?, ?, ?)",
	[Q_DEL_ARULE] = "DELETE FROM arrival_rules WHERE country = ?",
	[Q_INS_ARULE] = "INSERT INTO arrival_rules VALUES (?, ?, ?, ?, ?)",
	[Q_INS_BLACKOUT] = "INSERT INTO arrival_rule_blackouts VALUES (?, ?, ?)",
	[Q_INS_EXEMPT] = "INSERT INTO arrival_rule_exempt VALUES (?, ?)",
	[Q_DEL_TRULE] = "DELETE FROM transit_rules WHERE country = ?",
	[Q_INS_TRULE] = "INSERT INTO transit_rules VALUES (?)",
	[Q_INS_NATIONALITY] = "INSERT INTO transit_rule_nationalities VALUES (?, ?, ?)",
	[Q_INS_VISA] = "INSERT INTO transit_rule_exempt_visas VALUES (?, ?, ?)",
	[Q_DEL_CLINIC] = "DELETE FROM clinics WHERE id = ?",
	[Q_INS_CLINIC] = "INSERT INTO clinics VALUES (?, ?)",
	[Q_INS_CLOSED] = "INSERT INTO clinic_closed VALUES (?, ?, ?)",
	[Q_DEL_ESCORT] = "DELETE FROM escorts WHERE id = ?",
	[Q_INS_ESCORT] = "INSERT INTO escorts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?)",
	[Q_DEL_CASE] = "DELETE FROM cases WHERE id = ?",
	[Q_INS_CASE] = "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_INS_MEMBER] = "INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_INS_SSR] = "INSERT INTO member_ssr VALUES (?, ?, ?)",
	[Q_DEL_BOOKING] = "DELETE FROM bookings WHERE case_id = ?",
	[Q_INS_BOOKING] = "INSERT INTO bookings VALUES (?, ?, ?)",
	[Q_INS_BFLIGHT] = "INSERT INTO booking_flights VALUES (?, ?, ?)",
	[Q_INS_BESCORT] = "INSERT INTO booking_escorts VALUES (?, ?, ?)",
	[Q_GET_MISSION] = "SELECT id, origin, as_of, horizon_days, sender, recipient FROM mission",
	[Q_GET_AIRPORTS] = "SELECT * FROM airports ORDER BY code",
	[Q_GET_FLIGHTS] = "SELECT * FROM flights ORDER BY id",
	[Q_GET_LIMITS] = "SELECT flight, code, max FROM flight_limits",
	[Q_GET_QUOTAS] = "SELECT * FROM quotas ORDER BY id",
	[Q_GET_ARULES] = "SELECT * FROM arrival_rules ORDER BY country",
	[Q_GET_BLACKOUTS] = "SELECT country, date FROM arrival_rule_blackouts"
		" ORDER BY country, ordinal",
	[Q_GET_EXEMPT] = "SELECT country, priority FROM arrival_rule_exempt",
	[Q_GET_TRULES] = "SELECT country FROM transit_rules ORDER BY country",
	[Q_GET_NATIONALITIES] = "SELECT country, nationality FROM transit_rule_nationalities"
		" ORDER BY country, ordinal",
	[Q_GET_VISAS] = "SELECT country, visa_country FROM transit_rule_exempt_visas"
		" ORDER BY country, ordinal",
	[Q_GET_CLINICS] = "SELECT * FROM clinics ORDER BY id",
	[Q_GET_CLOSED] = "SELECT clinic, date FROM clinic_closed ORDER BY clinic, ordinal",
	[Q_GET_ESCORTS] = "SELECT * FROM escorts ORDER BY id",
	[Q_GET_CASES] = "SELECT * FROM cases ORDER BY id",
	[Q_GET_MEMBERS] = "SELECT m.*, (SELECT group_concat(s.code) FROM member_ssr s"
		" WHERE s.case_id = m.case_id AND s.ordinal = m.ordinal)"
		" FROM members m ORDER BY m.case_id, m.ordinal",
	[Q_GET_BOOKINGS] = "SELECT * FROM bookings ORDER BY case_id",
	[Q_GET_BFLIGHTS] = "SELECT case_id, flight FROM booking_flights ORDER BY case_id, ordinal",
	[Q_GET_BESCORTS] = "SELECT case_id, escort FROM booking_escorts ORDER BY case_id, ordinal",
	[Q_PLAN_EXISTS] = "SELECT 1 FROM plans WHERE id = ?",
	[Q_INS_PLAN] = "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_INS_RUN] = "INSERT INTO runs (started, scenario, options, input_digest, status,"
		" weighted_persons, changes, waiting, cost, bound, gap, wall_seconds, plan_id)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_LATEST_PLAN] = "SELECT body FROM plans WHERE scenario = ?"
		" ORDER BY created DESC, rowid DESC LIMIT 1",
	[Q_SCN_GET] = "SELECT base FROM scenarios WHERE name = ?",
	[Q_SCN_INS] = "INSERT INTO scenarios VALUES (?, ?, ?)",
	[Q_SCN_INS_LAYER] = "INSERT INTO scenario_layers VALUES (?, ?, ?, ?)",
	[Q_SCN_DEL] = "DELETE FROM scenarios WHERE name = ?",
	[Q_SCN_DEL_PLANS] = "DELETE FROM plans WHERE scenario = ?",
	[Q_SCN_CHILD] = "SELECT name FROM scenarios WHERE base = ? ORDER BY name LIMIT 1",
	[Q_SCN_LAYERS] = "SELECT name, body FROM scenario_layers WHERE scenario = ?"
		" ORDER BY ordinal",
	[Q_SCN_LIST] = "SELECT s.name, s.base, s.created,"
		" (SELECT count(*) FROM scenario_layers l WHERE l.scenario = s.name),"
		" EXISTS (SELECT 1 FROM plans p WHERE p.scenario = s.name)"
		" FROM scenarios s ORDER BY s.name",
	[Q_HAS_PLAN] = "SELECT EXISTS (SELECT 1 FROM plans WHERE scenario = ?)",
};

struct mp_store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *q[Q_N];
};

/* ---- errors ---- */

static void add_err(mp_errors *errs, int status, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add_err(mp_errors *errs, int status, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(errs, status, file, 0, 0, NULL, NULL, fmt, ap);
	va_end(ap);
}

/* Records the failure of the SQLite call that just returned rc; must be
 * called before any other SQLite call so the message is still the
 * right one.  Returns the status. */
static int fail(mp_store *st, int rc, mp_errors *errs)
{
	if ((rc & 0xff) == SQLITE_BUSY) {
		add_err(errs, MP_EBUSY, st->path,
			"database is busy (another movplan is writing); try again");
		return MP_EBUSY;
	}
	if ((rc & 0xff) == SQLITE_NOTADB) {
		add_err(errs, MP_ENOINPUT, st->path, "not a movplan database");
		return MP_ENOINPUT;
	}
	add_err(errs, MP_EINTERNAL, st->path, "database: %s",
		st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	return MP_EINTERNAL;
}

static int damaged(mp_store *st, const char *table, mp_errors *errs)
{
	add_err(errs, MP_EINTERNAL, st->path, "database: %s: a stored value is not valid", table);
	return MP_EINTERNAL;
}

static int exec(mp_store *st, const char *sql, mp_errors *errs)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? MP_OK : fail(st, rc, errs);
}

static int begin_write(mp_store *st, mp_errors *errs)
{
	return exec(st, "BEGIN IMMEDIATE", errs);
}

/* Ends the transaction: COMMIT when rc is MP_OK (a failing COMMIT
 * becomes the result), else ROLLBACK. */
static int finish(mp_store *st, int rc, mp_errors *errs)
{
	if (rc == MP_OK)
		rc = exec(st, "COMMIT", errs);
	if (rc != MP_OK && !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* ---- binding and stepping ---- */

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_count(sqlite3_stmt *s, int i, int v)
{
	if (v == MP_ABSENT)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int(s, i, v);
}

static void bind_date(sqlite3_stmt *s, int i, mp_date d)
{
	char buf[MP_DATE_BUF];
	mp_date_format(d, buf);
	bind_str(s, i, d == MP_NODATE ? NULL : buf);
}

static void bind_datetime(sqlite3_stmt *s, int i, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	mp_datetime_format(dt, buf);
	bind_str(s, i, dt.present ? buf : NULL);
}

static void bind_tod(sqlite3_stmt *s, int i, mp_tod t)
{
	char buf[MP_TOD_BUF];
	mp_tod_format(t, buf);
	bind_str(s, i, t == MP_NOTIME ? NULL : buf);
}

static void bind_sex(sqlite3_stmt *s, int i, char sex)
{
	char buf[2] = {sex, '\0'};
	bind_str(s, i, sex ? buf : NULL);
}

/* Steps a statement that returns no row, then resets it. */
static int step_done(mp_store *st, sqlite3_stmt *s, mp_errors *errs)
{
	int rc = sqlite3_step(s);
	int r = rc == SQLITE_DONE ? MP_OK : fail(st, rc, errs);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return r;
}

/* Runs statement q with one text parameter (NULL: none). */
static int run1(mp_store *st, enum q q, const char *key, mp_errors *errs)
{
	if (key)
		bind_str(st->q[q], 1, key);
	return step_done(st, st->q[q], errs);
}

/* Steps a one-row query; *found says whether it gave a row.  The
 * statement stays positioned on the row; the caller resets it. */
static int step_row(mp_store *st, sqlite3_stmt *s, bool *found, mp_errors *errs)
{
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return MP_OK;
	int r = fail(st, rc, errs);
	sqlite3_reset(s);
	return r;
}

static void done(sqlite3_stmt *s)
{
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
}

/* ---- column reading (load) ---- */

static char *col_str(sqlite3_stmt *s, int i)
{
	return mp_xstrdup((const char *)sqlite3_column_text(s, i));
}

static int col_count(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? MP_ABSENT : sqlite3_column_int(s, i);
}

static mp_date col_date(sqlite3_stmt *s, int i, bool *ok)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	mp_date d = MP_NODATE;
	if (t && !mp_date_parse(t, &d)) {
		*ok = false;
		d = MP_NODATE;
	}
	return d;
}

static mp_datetime col_datetime(sqlite3_stmt *s, int i, bool *ok)
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

static mp_tod col_tod(sqlite3_stmt *s, int i, bool *ok)
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
static int col_enum(sqlite3_stmt *s, int i, const char *const *names, int n, int def, bool *ok)
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

static char col_sex(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? t[0] : 0;
}

/* ---- open, migrate, close ---- */

/* Creates the database file mode 0600 whatever the umask (SPEC 5);
 * SQLite then gives -wal and -shm the mode of the database. */
static int ensure_file(const char *path, bool create, mp_errors *errs)
{
	struct stat sb;
	if (stat(path, &sb) == 0)
		return MP_OK;
	if (errno != ENOENT || !create) {
		add_err(errs, MP_ENOINPUT, path, "%s", errno == ENOENT ?
			"database does not exist" : strerror(errno));
		return MP_ENOINPUT;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return MP_OK; /* another process created it first */
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		add_err(errs, MP_ECANTCREAT, path, "cannot create the database: %s",
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return MP_ECANTCREAT;
	}
	close(fd);
	return MP_OK;
}

/* The integer a one-row, one-column statement gives. */
static int pragma_int(mp_store *st, const char *sql, int *v, mp_errors *errs)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	int r = rc == SQLITE_ROW ? MP_OK : fail(st, rc, errs);
	if (r == MP_OK)
		*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return r;
}

static int user_version(mp_store *st, int *v, mp_errors *errs)
{
	return pragma_int(st, "PRAGMA user_version", v, errs);
}

/* Refuses a SQLite file another program made: ours carry MP_APP_ID,
 * and a file at version 0 must be empty before we migrate it. */
static int check_ours(mp_store *st, int v, mp_errors *errs)
{
	int id = 0, n_objects = 0;
	int rc = v > 0 ? pragma_int(st, "PRAGMA application_id", &id, errs)
		       : pragma_int(st, "SELECT count(*) FROM sqlite_master", &n_objects, errs);
	if (rc)
		return rc;
	if ((v > 0 && id != MP_APP_ID) || (v == 0 && n_objects > 0)) {
		add_err(errs, MP_ENOINPUT, st->path, "not a movplan database");
		return MP_ENOINPUT;
	}
	return MP_OK;
}

/* Applies the missing migrations inside the write lock, re-reading the
 * version there: another process may have migrated meanwhile. */
static int migrate(mp_store *st, mp_errors *errs)
{
	int v = 0;
	int rc = user_version(st, &v, errs);
	if (!rc)
		rc = check_ours(st, v, errs);
	if (rc || v >= N_MIGRATIONS)
		goto check;
	if ((rc = begin_write(st, errs)))
		return rc;
	rc = user_version(st, &v, errs);
	if (!rc)
		rc = check_ours(st, v, errs);
	for (int i = v; !rc && i < N_MIGRATIONS; i++)
		rc = exec(st, migrations[i], errs);
	if (!rc && v < N_MIGRATIONS) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 N_MIGRATIONS, MP_APP_ID);
		rc = exec(st, sql, errs);
	}
	rc = finish(st, rc, errs);
check:
	if (!rc && v > N_MIGRATIONS) {
		add_err(errs, MP_EDATA, st->path,
			"database schema %d is newer than this movplan (%d)", v, N_MIGRATIONS);
		rc = MP_EDATA;
	}
	return rc;
}

static int set_wal(mp_store *st, mp_errors *errs)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	int r = rc == SQLITE_ROW ? MP_OK : fail(st, rc, errs);
	const char *mode = r ? NULL : (const char *)sqlite3_column_text(s, 0);
	if (!r && (!mode || strcmp(mode, "wal") != 0)) {
		add_err(errs, MP_EINTERNAL, st->path, "database: cannot switch to WAL mode");
		r = MP_EINTERNAL;
	}
	sqlite3_finalize(s);
	return r;
}

static int prepare_all(mp_store *st, mp_errors *errs)
{
	for (int i = 0; i < Q_N; i++) {
		int rc = sqlite3_prepare_v3(st->db, sql_text[i], -1, SQLITE_PREPARE_PERSISTENT,
					    &st->q[i], NULL);
		if (rc != SQLITE_OK)
			return fail(st, rc, errs);
	}
	return MP_OK;
}

static int busy_ms(double seconds)
{
	if (!(seconds > 0))
		return 0;
	if (seconds > INT_MAX / 1000.0)
		return INT_MAX;
	return (int)(seconds * 1000.0 + 0.5);
}

int mp_store_open(const char *path, double busy_timeout, bool create,
		  mp_store **out, mp_errors *errs)
{
	*out = NULL;
	int rc = ensure_file(path, create, errs);
	if (rc)
		return rc;
	mp_store *st = mp_xcalloc(1, sizeof *st);
	st->path = mp_xstrdup(path);
	/* no SQLITE_OPEN_CREATE: the file exists, created 0600 above */
	int src = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE, NULL);
	if (src != SQLITE_OK) {
		rc = fail(st, src, errs);
		goto out;
	}
	sqlite3_busy_timeout(st->db, busy_ms(busy_timeout));
	/* both pragmas are no-ops inside a transaction: set them first */
	if ((rc = exec(st, "PRAGMA foreign_keys = ON", errs)))
		goto out;
	if ((rc = set_wal(st, errs)))
		goto out;
	if ((rc = migrate(st, errs)))
		goto out;
	rc = prepare_all(st, errs);
out:
	if (rc) {
		mp_store_close(st); /* closes the handle even when opening failed */
		return rc;
	}
	*out = st;
	return MP_OK;
}

void mp_store_close(mp_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < Q_N; i++)
		sqlite3_finalize(st->q[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ---- revision and mission ---- */

static int read_revision(mp_store *st, int64_t *rev, mp_errors *errs)
{
	bool found;
	sqlite3_stmt *s = st->q[Q_REVISION];
	int rc = step_row(st, s, &found, errs);
	if (rc)
		return rc;
	*rev = found ? sqlite3_column_int64(s, 0) : 0;
	done(s);
	return MP_OK;
}

int mp_store_revision(mp_store *st, int64_t *revision, mp_errors *errs)
{
	return read_revision(st, revision, errs);
}

/* The stored mission id (malloc'd) or NULL in *id. */
static int stored_mission(mp_store *st, char **id, mp_errors *errs)
{
	bool found;
	*id = NULL;
	int rc = step_row(st, st->q[Q_MISSION_ID], &found, errs);
	if (rc)
		return rc;
	if (found)
		*id = col_str(st->q[Q_MISSION_ID], 0);
	done(st->q[Q_MISSION_ID]);
	return MP_OK;
}

bool mp_store_empty(mp_store *st)
{
	mp_errors errs;
	char *id = NULL;
	mp_errors_init(&errs);
	int rc = stored_mission(st, &id, &errs);
	bool empty = rc == MP_OK && id == NULL;
	free(id);
	mp_errors_release(&errs);
	return empty;
}

/* SPEC 1: a database holds one mission. */
static int put_mission(mp_store *st, const mp_mission *m, mp_errors *errs)
{
	char *id = NULL;
	int rc = stored_mission(st, &id, errs);
	if (rc || !m->present)
		goto out;
	if (id && strcmp(id, m->id ? m->id : "") != 0) {
		add_err(errs, MP_EDATA, st->path,
			"database holds mission '%s'; cannot import mission '%s'",
			id, m->id ? m->id : "");
		rc = MP_EDATA;
		goto out;
	}
	if ((rc = run1(st, Q_DEL_MISSION, NULL, errs)))
		goto out;
	sqlite3_stmt *s = st->q[Q_INS_MISSION];
	bind_str(s, 1, m->id);
	bind_str(s, 2, m->origin);
	bind_date(s, 3, m->as_of);
	bind_count(s, 4, m->horizon_days);
	bind_str(s, 5, m->sender);
	bind_str(s, 6, m->recipient);
	rc = step_done(st, s, errs);
out:
	free(id);
	return rc;
}

/* ---- writing items ---- */

/* Inserts (parent, ordinal, value) rows for a list of strings. */
static int put_strv(mp_store *st, enum q q, const char *parent, char *const *v, int n,
		    mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; !rc && i < n; i++) {
		bind_str(st->q[q], 1, parent);
		sqlite3_bind_int(st->q[q], 2, i);
		bind_str(st->q[q], 3, v[i]);
		rc = step_done(st, st->q[q], errs);
	}
	return rc;
}

static int put_dates(mp_store *st, enum q q, const char *parent, const mp_date *v, int n,
		     mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; !rc && i < n; i++) {
		bind_str(st->q[q], 1, parent);
		sqlite3_bind_int(st->q[q], 2, i);
		bind_date(st->q[q], 3, v[i]);
		rc = step_done(st, st->q[q], errs);
	}
	return rc;
}

static int put_airport(mp_store *st, const mp_airport *a, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_AIRPORT, a->code, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_AIRPORT];
	bind_str(s, 1, a->code);
	bind_str(s, 2, a->country);
	bind_count(s, 3, a->mct_minutes);
	bind_count(s, 4, a->max_connection_minutes);
	return step_done(st, s, errs);
}

static int put_limits(mp_store *st, const mp_flight *f, mp_errors *errs)
{
	int rc = MP_OK;
	sqlite3_stmt *s = st->q[Q_INS_LIMIT];
	for (int k = 0; !rc && k < MP_N_SSR; k++) {
		if (f->limits[k] == MP_ABSENT)
			continue;
		bind_str(s, 1, f->id);
		bind_str(s, 2, mp_ssr_names[k]);
		sqlite3_bind_int(s, 3, f->limits[k]);
		rc = step_done(st, s, errs);
	}
	return rc;
}

static int put_flight(mp_store *st, const mp_flight *f, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_FLIGHT, f->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_FLIGHT];
	bind_str(s, 1, f->id);
	bind_str(s, 2, f->from);
	bind_str(s, 3, f->to);
	bind_datetime(s, 4, f->departs);
	bind_datetime(s, 5, f->arrives);
	bind_count(s, 6, f->seats);
	bind_str(s, 7, f->carrier);
	bind_str(s, 8, f->number);
	bind_count(s, 9, f->stretcher_seats);
	sqlite3_bind_double(s, 10, f->fare);
	bind_str(s, 11, f->currency);
	sqlite3_bind_int(s, 12, f->cancelled);
	if ((rc = step_done(st, s, errs)))
		return rc;
	return put_limits(st, f, errs);
}

static int put_quota(mp_store *st, const mp_quota *qu, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_QUOTA, qu->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_QUOTA];
	bind_str(s, 1, qu->id);
	bind_str(s, 2, qu->country);
	bind_str(s, 3, qu->airport);
	bind_date(s, 4, qu->from);
	bind_date(s, 5, qu->to);
	bind_count(s, 6, qu->max_persons);
	bind_count(s, 7, qu->max_cases);
	return step_done(st, s, errs);
}

static int put_exempt(mp_store *st, const mp_arrival_rule *r, mp_errors *errs)
{
	int rc = MP_OK;
	sqlite3_stmt *s = st->q[Q_INS_EXEMPT];
	for (int p = 0; !rc && p < MP_N_PRIO; p++) {
		if (!(r->exempt_priorities & (1u << p)))
			continue;
		bind_str(s, 1, r->country);
		bind_str(s, 2, mp_priority_names[p]);
		rc = step_done(st, s, errs);
	}
	return rc;
}

static int put_arrival_rule(mp_store *st, const mp_arrival_rule *r, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_ARULE, r->country, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_ARULE];
	bind_str(s, 1, r->country);
	sqlite3_bind_int(s, 2, r->no_weekend);
	bind_tod(s, 3, r->earliest_arrival);
	bind_tod(s, 4, r->latest_arrival);
	sqlite3_bind_int(s, 5, r->notice_working_days);
	if ((rc = step_done(st, s, errs)))
		return rc;
	if ((rc = put_dates(st, Q_INS_BLACKOUT, r->country, r->blackout, r->n_blackout, errs)))
		return rc;
	return put_exempt(st, r, errs);
}

static int put_transit_rule(mp_store *st, const mp_transit_rule *r, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_TRULE, r->country, errs);
	if (!rc)
		rc = run1(st, Q_INS_TRULE, r->country, errs);
	if (!rc)
		rc = put_strv(st, Q_INS_NATIONALITY, r->country, r->nationalities,
			      r->n_nationalities, errs);
	if (!rc)
		rc = put_strv(st, Q_INS_VISA, r->country, r->exempt_if_visa_for,
			      r->n_exempt_if_visa_for, errs);
	return rc;
}

static int put_clinic(mp_store *st, const mp_clinic *c, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_CLINIC, c->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_CLINIC];
	bind_str(s, 1, c->id);
	bind_count(s, 2, c->capacity_per_day);
	if ((rc = step_done(st, s, errs)))
		return rc;
	return put_dates(st, Q_INS_CLOSED, c->id, c->closed, c->n_closed, errs);
}

/* Binds a document's five columns from index i. */
static void bind_document(sqlite3_stmt *s, int i, const mp_document *d)
{
	sqlite3_bind_int(s, i, d->present);
	bind_str(s, i + 1, d->type);
	bind_str(s, i + 2, d->number);
	bind_str(s, i + 3, d->issuer);
	bind_date(s, i + 4, d->expires);
}

static int put_escort(mp_store *st, const mp_escort *e, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_ESCORT, e->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_ESCORT];
	bind_str(s, 1, e->id);
	bind_str(s, 2, mp_escort_kind_names[e->kind]);
	bind_date(s, 3, e->available_from);
	bind_date(s, 4, e->available_to);
	bind_count(s, 5, e->covers);
	bind_count(s, 6, e->turnaround_days);
	bind_str(s, 7, e->family_name);
	bind_str(s, 8, e->given_names);
	bind_sex(s, 9, e->sex);
	bind_date(s, 10, e->birth_date);
	bind_str(s, 11, e->nationality);
	bind_document(s, 12, &e->document);
	return step_done(st, s, errs);
}

static int put_ssr(mp_store *st, const char *case_id, int ordinal, unsigned ssr,
		   mp_errors *errs)
{
	int rc = MP_OK;
	sqlite3_stmt *s = st->q[Q_INS_SSR];
	for (int k = 0; !rc && k < MP_N_SSR; k++) {
		if (!(ssr & (1u << k)))
			continue;
		bind_str(s, 1, case_id);
		sqlite3_bind_int(s, 2, ordinal);
		bind_str(s, 3, mp_ssr_names[k]);
		rc = step_done(st, s, errs);
	}
	return rc;
}

static int put_member(mp_store *st, const mp_case *c, int ordinal, mp_errors *errs)
{
	const mp_member *m = &c->members[ordinal];
	sqlite3_stmt *s = st->q[Q_INS_MEMBER];
	bind_str(s, 1, c->id);
	sqlite3_bind_int(s, 2, ordinal);
	bind_str(s, 3, m->id);
	bind_str(s, 4, m->family_name);
	bind_str(s, 5, m->given_names);
	bind_sex(s, 6, m->sex);
	bind_date(s, 7, m->birth_date);
	bind_str(s, 8, m->nationality);
	bind_document(s, 9, &m->document);
	bind_str(s, 14, mp_escort_kind_names[m->escort]);
	sqlite3_bind_int(s, 15, m->pregnancy.present);
	bind_count(s, 16, m->pregnancy.present ? m->pregnancy.weeks : MP_ABSENT);
	bind_date(s, 17, m->pregnancy.present ? m->pregnancy.on : MP_NODATE);
	sqlite3_bind_int(s, 18, m->pregnancy.present && m->pregnancy.multiple);
	int rc = step_done(st, s, errs);
	return rc ? rc : put_ssr(st, c->id, ordinal, m->ssr, errs);
}

static int put_case(mp_store *st, const mp_case *c, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_CASE, c->id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_CASE];
	bind_str(s, 1, c->id);
	bind_str(s, 2, c->dest_country);
	bind_str(s, 3, c->dest_airport);
	bind_str(s, 4, mp_priority_names[c->priority]);
	bind_date(s, 5, c->ready);
	bind_date(s, 6, c->visa_expires);
	bind_str(s, 7, mp_medical_names[c->medical]);
	bind_date(s, 8, c->medical_valid_until);
	bind_date(s, 9, c->medical_deferred_until);
	bind_str(s, 10, c->clinic);
	bind_str(s, 11, c->link);
	bind_str(s, 12, c->origin);
	rc = step_done(st, s, errs);
	for (int i = 0; !rc && i < c->n_members; i++)
		rc = put_member(st, c, i, errs);
	return rc;
}

static int put_booking(mp_store *st, const mp_booking *b, mp_errors *errs)
{
	int rc = run1(st, Q_DEL_BOOKING, b->case_id, errs);
	if (rc)
		return rc;
	sqlite3_stmt *s = st->q[Q_INS_BOOKING];
	bind_str(s, 1, b->case_id);
	bind_str(s, 2, mp_booking_status_names[b->status]);
	bind_date(s, 3, b->ftt_date);
	if ((rc = step_done(st, s, errs)))
		return rc;
	if ((rc = put_strv(st, Q_INS_BFLIGHT, b->case_id, b->flights, b->n_flights, errs)))
		return rc;
	return put_strv(st, Q_INS_BESCORT, b->case_id, b->escorts, b->n_escorts, errs);
}

static int import_parts(mp_store *st, const mp_dataset *ds, mp_errors *errs)
{
	int rc = put_mission(st, &ds->mission, errs);
#define EACH(arr, n, fn) for (int i = 0; !rc && i < ds->n; i++) rc = fn(st, &ds->arr[i], errs)
	EACH(airports, n_airports, put_airport);
	EACH(flights, n_flights, put_flight);
	EACH(quotas, n_quotas, put_quota);
	EACH(arrival_rules, n_arrival_rules, put_arrival_rule);
	EACH(transit_rules, n_transit_rules, put_transit_rule);
	EACH(clinics, n_clinics, put_clinic);
	EACH(escorts, n_escorts, put_escort);
	EACH(cases, n_cases, put_case);
	EACH(bookings, n_bookings, put_booking);
#undef EACH
	return rc;
}

int mp_store_import(mp_store *st, const mp_dataset *ds, mp_errors *errs)
{
	int rc = begin_write(st, errs);
	if (rc)
		return rc;
	rc = import_parts(st, ds, errs);
	if (!rc)
		rc = run1(st, Q_BUMP, NULL, errs);
	return finish(st, rc, errs);
}

int mp_store_put_booking(mp_store *st, const mp_booking *b, mp_errors *errs)
{
	int rc = begin_write(st, errs);
	if (rc)
		return rc;
	rc = put_booking(st, b, errs);
	if (!rc)
		rc = run1(st, Q_BUMP, NULL, errs);
	return finish(st, rc, errs);
}

int mp_store_delete_booking(mp_store *st, const char *case_id, mp_errors *errs)
{
	int rc = begin_write(st, errs);
	if (rc)
		return rc;
	rc = run1(st, Q_DEL_BOOKING, case_id, errs);
	if (!rc && sqlite3_changes(st->db) == 0) {
		add_err(errs, MP_EDATA, st->path, "case '%s' has no booking", case_id);
		rc = MP_EDATA;
	}
	if (!rc)
		rc = run1(st, Q_BUMP, NULL, errs);
	return finish(st, rc, errs);
}

/* ---- loading ---- */

/* Finds the item whose string key (at byte offset off) equals key in an
 * array sorted by that key; NULL when absent. */
static void *find_sorted(void *base, int n, size_t size, size_t off, const char *key)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		char *item = (char *)base + (size_t)mid * size;
		const char *k = *(char **)(item + off);
		int c = strcmp(k ? k : "", key ? key : "");
		if (c == 0)
			return item;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

#define FIND(ds, arr, n, type, field, key) \
	((type *)find_sorted((ds)->arr, (ds)->n, sizeof(type), offsetof(type, field), (key)))

typedef bool (*row_fn)(sqlite3_stmt *s, mp_dataset *ds);

/* Runs query q and hands each row to fn; a row fn returning false
 * means the stored data is damaged. */
static int each_row(mp_store *st, enum q q, row_fn fn, mp_dataset *ds, const char *table,
		    mp_errors *errs)
{
	sqlite3_stmt *s = st->q[q];
	int rc, r = MP_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (!fn(s, ds)) {
			r = damaged(st, table, errs);
			break;
		}
	if (!r && rc != SQLITE_DONE)
		r = fail(st, rc, errs);
	done(s);
	return r;
}

static bool row_mission(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_mission *m = &ds->mission;
	m->present = true;
	m->id = col_str(s, 0);
	m->origin = col_str(s, 1);
	m->as_of = col_date(s, 2, &ok);
	m->horizon_days = col_count(s, 3);
	m->sender = col_str(s, 4);
	m->recipient = col_str(s, 5);
	m->loc.file = -1;
	return ok;
}

static bool row_airport(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = col_str(s, 0);
	a->country = col_str(s, 1);
	a->mct_minutes = col_count(s, 2);
	a->max_connection_minutes = col_count(s, 3);
	return true;
}

static bool row_flight(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = col_str(s, 0);
	f->from = col_str(s, 1);
	f->to = col_str(s, 2);
	f->departs = col_datetime(s, 3, &ok);
	f->arrives = col_datetime(s, 4, &ok);
	f->seats = col_count(s, 5);
	f->carrier = col_str(s, 6);
	f->number = col_str(s, 7);
	f->stretcher_seats = col_count(s, 8);
	f->fare = sqlite3_column_double(s, 9);
	f->currency = col_str(s, 10);
	f->cancelled = sqlite3_column_int(s, 11) != 0;
	return ok;
}

static bool row_limit(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_flight *f = FIND(ds, flights, n_flights, mp_flight, id,
			    (const char *)sqlite3_column_text(s, 0));
	int code = mp_ssr_lookup((const char *)sqlite3_column_text(s, 1));
	if (!f || code < 0)
		return false;
	f->limits[code] = sqlite3_column_int(s, 2);
	return true;
}

static bool row_quota(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = col_str(s, 0);
	q->country = col_str(s, 1);
	q->airport = col_str(s, 2);
	q->from = col_date(s, 3, &ok);
	q->to = col_date(s, 4, &ok);
	q->max_persons = col_count(s, 5);
	q->max_cases = col_count(s, 6);
	return ok;
}

static bool row_arrival_rule(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(ds);
	r->country = col_str(s, 0);
	r->no_weekend = sqlite3_column_int(s, 1) != 0;
	r->earliest_arrival = col_tod(s, 2, &ok);
	r->latest_arrival = col_tod(s, 3, &ok);
	r->notice_working_days = sqlite3_column_int(s, 4);
	return ok;
}

static bool row_blackout(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_arrival_rule *r = FIND(ds, arrival_rules, n_arrival_rules, mp_arrival_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	if (!r)
		return false;
	r->blackout = mp_xrealloc(r->blackout, (size_t)(r->n_blackout + 1) * sizeof *r->blackout);
	r->blackout[r->n_blackout++] = col_date(s, 1, &ok);
	return ok;
}

static bool row_exempt(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_arrival_rule *r = FIND(ds, arrival_rules, n_arrival_rules, mp_arrival_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	int p = col_enum(s, 1, mp_priority_names, MP_N_PRIO, -1, &ok);
	if (!r || p < 0)
		return false;
	r->exempt_priorities |= 1u << p;
	return ok;
}

static bool row_transit_rule(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_transit_rule *r = mp_dataset_add_transit_rule(ds);
	r->country = col_str(s, 0);
	return true;
}

static bool row_nationality(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_transit_rule *r = FIND(ds, transit_rules, n_transit_rules, mp_transit_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	if (!r)
		return false;
	mp_strv_push(&r->nationalities, &r->n_nationalities,
		     (const char *)sqlite3_column_text(s, 1));
	return true;
}

static bool row_visa(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_transit_rule *r = FIND(ds, transit_rules, n_transit_rules, mp_transit_rule, country,
				  (const char *)sqlite3_column_text(s, 0));
	if (!r)
		return false;
	mp_strv_push(&r->exempt_if_visa_for, &r->n_exempt_if_visa_for,
		     (const char *)sqlite3_column_text(s, 1));
	return true;
}

static bool row_clinic(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_clinic *c = mp_dataset_add_clinic(ds);
	c->id = col_str(s, 0);
	c->capacity_per_day = col_count(s, 1);
	return true;
}

static bool row_closed(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_clinic *c = FIND(ds, clinics, n_clinics, mp_clinic, id,
			    (const char *)sqlite3_column_text(s, 0));
	if (!c)
		return false;
	c->closed = mp_xrealloc(c->closed, (size_t)(c->n_closed + 1) * sizeof *c->closed);
	c->closed[c->n_closed++] = col_date(s, 1, &ok);
	return ok;
}

/* Reads a document from its five columns at index i. */
static void col_document(sqlite3_stmt *s, int i, mp_document *d, bool *ok)
{
	d->present = sqlite3_column_int(s, i) != 0;
	d->type = col_str(s, i + 1);
	d->number = col_str(s, i + 2);
	d->issuer = col_str(s, i + 3);
	d->expires = col_date(s, i + 4, ok);
}

static bool row_escort(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = col_str(s, 0);
	e->kind = col_enum(s, 1, mp_escort_kind_names, 3, MP_ESC_NONE, &ok);
	e->available_from = col_date(s, 2, &ok);
	e->available_to = col_date(s, 3, &ok);
	e->covers = col_count(s, 4);
	e->turnaround_days = col_count(s, 5);
	e->family_name = col_str(s, 6);
	e->given_names = col_str(s, 7);
	e->sex = col_sex(s, 8);
	e->birth_date = col_date(s, 9, &ok);
	e->nationality = col_str(s, 10);
	col_document(s, 11, &e->document, &ok);
	return ok;
}

static bool row_case(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_case *c = mp_dataset_add_case(ds);
	c->id = col_str(s, 0);
	c->dest_country = col_str(s, 1);
	c->dest_airport = col_str(s, 2);
	c->priority = col_enum(s, 3, mp_priority_names, MP_N_PRIO, MP_PRIO_NORMAL, &ok);
	c->ready = col_date(s, 4, &ok);
	c->visa_expires = col_date(s, 5, &ok);
	c->medical = col_enum(s, 6, mp_medical_names, 3, MP_MED_CLEARED, &ok);
	c->medical_valid_until = col_date(s, 7, &ok);
	c->medical_deferred_until = col_date(s, 8, &ok);
	c->clinic = col_str(s, 9);
	c->link = col_str(s, 10);
	c->origin = col_str(s, 11);
	return ok;
}

/* Parses the comma-separated SSR codes of a member. */
static bool parse_ssr(const char *list, unsigned *ssr)
{
	char buf[16];
	while (list && *list) {
		size_t len = strcspn(list, ",");
		if (len >= sizeof buf)
			return false;
		memcpy(buf, list, len);
		buf[len] = '\0';
		int k = mp_ssr_lookup(buf);
		if (k < 0)
			return false;
		*ssr |= 1u << k;
		list += len + (list[len] == ',');
	}
	return true;
}

static bool row_member(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_case *c = FIND(ds, cases, n_cases, mp_case, id, (const char *)sqlite3_column_text(s, 0));
	if (!c)
		return false;
	mp_member *m = mp_case_add_member(c);
	m->id = col_str(s, 2);
	m->family_name = col_str(s, 3);
	m->given_names = col_str(s, 4);
	m->sex = col_sex(s, 5);
	m->birth_date = col_date(s, 6, &ok);
	m->nationality = col_str(s, 7);
	col_document(s, 8, &m->document, &ok);
	m->escort = col_enum(s, 13, mp_escort_kind_names, 3, MP_ESC_NONE, &ok);
	m->pregnancy.present = sqlite3_column_int(s, 14) != 0;
	if (m->pregnancy.present) {
		m->pregnancy.weeks = col_count(s, 15);
		m->pregnancy.on = col_date(s, 16, &ok);
		m->pregnancy.multiple = sqlite3_column_int(s, 17) != 0;
	}
	return parse_ssr((const char *)sqlite3_column_text(s, 18), &m->ssr) && ok;
}

static bool row_booking(sqlite3_stmt *s, mp_dataset *ds)
{
	bool ok = true;
	mp_booking *b = mp_dataset_add_booking(ds);
	b->case_id = col_str(s, 0);
	b->status = col_enum(s, 1, mp_booking_status_names, 3, MP_BOOK_CONFIRMED, &ok);
	b->ftt_date = col_date(s, 2, &ok);
	return ok;
}

static bool row_bflight(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_booking *b = FIND(ds, bookings, n_bookings, mp_booking, case_id,
			     (const char *)sqlite3_column_text(s, 0));
	if (!b)
		return false;
	mp_strv_push(&b->flights, &b->n_flights, (const char *)sqlite3_column_text(s, 1));
	return true;
}

static bool row_bescort(sqlite3_stmt *s, mp_dataset *ds)
{
	mp_booking *b = FIND(ds, bookings, n_bookings, mp_booking, case_id,
			     (const char *)sqlite3_column_text(s, 0));
	if (!b)
		return false;
	mp_strv_push(&b->escorts, &b->n_escorts, (const char *)sqlite3_column_text(s, 1));
	return true;
}

/* Parents are read in key order before their children, which find
 * their parent by binary search. */
static const struct {
	enum q q;
	row_fn fn;
	const char *table;
} loaders[] = {
	{Q_GET_MISSION, row_mission, "mission"},
	{Q_GET_AIRPORTS, row_airport, "airports"},
	{Q_GET_FLIGHTS, row_flight, "flights"},
	{Q_GET_LIMITS, row_limit, "flight_limits"},
	{Q_GET_QUOTAS, row_quota, "quotas"},
	{Q_GET_ARULES, row_arrival_rule, "arrival_rules"},
	{Q_GET_BLACKOUTS, row_blackout, "arrival_rule_blackouts"},
	{Q_GET_EXEMPT, row_exempt, "arrival_rule_exempt"},
	{Q_GET_TRULES, row_transit_rule, "transit_rules"},
	{Q_GET_NATIONALITIES, row_nationality, "transit_rule_nationalities"},
	{Q_GET_VISAS, row_visa, "transit_rule_exempt_visas"},
	{Q_GET_CLINICS, row_clinic, "clinics"},
	{Q_GET_CLOSED, row_closed, "clinic_closed"},
	{Q_GET_ESCORTS, row_escort, "escorts"},
	{Q_GET_CASES, row_case, "cases"},
	{Q_GET_MEMBERS, row_member, "members"},
	{Q_GET_BOOKINGS, row_booking, "bookings"},
	{Q_GET_BFLIGHTS, row_bflight, "booking_flights"},
	{Q_GET_BESCORTS, row_bescort, "booking_escorts"},
};

int mp_store_load(mp_store *st, mp_dataset *ds, int64_t *revision, mp_errors *errs)
{
	mp_dataset_init(ds);
	/* one read transaction: the revision and the rows are one snapshot */
	int rc = exec(st, "BEGIN", errs);
	if (rc)
		return rc;
	rc = read_revision(st, revision, errs);
	for (size_t i = 0; !rc && i < sizeof loaders / sizeof loaders[0]; i++)
		rc = each_row(st, loaders[i].q, loaders[i].fn, ds, loaders[i].table, errs);
	rc = finish(st, rc, errs);
	if (rc)
		mp_dataset_release(ds);
	else
		mp_dataset_sort(ds);
	return rc;
}

/* ---- plans ---- */

static bool is_baseline(const char *name);
static int scenario_get(mp_store *st, const char *name, bool *found, char **base,
			mp_errors *errs);

static char *now_utc(void)
{
	mp_datetime now = {(int64_t)time(NULL), 0, true};
	char buf[MP_DATETIME_BUF];
	mp_datetime_format_utc(now, buf);
	return mp_xstrdup(buf);
}

/* "P" + the UTC timestamp of created, digits only, + "-" + the first
 * counter that makes it unique. */
static int new_plan_id(mp_store *st, const char *created, char **id, mp_errors *errs)
{
	char stamp[32];
	size_t k = 0;
	for (const char *c = created; *c && k < sizeof stamp - 1; c++)
		if (*c != '-' && *c != ':')
			stamp[k++] = *c;
	stamp[k] = '\0';
	for (int n = 1;; n++) {
		char *cand = mp_xasprintf("P%s-%d", stamp, n);
		bool found;
		bind_str(st->q[Q_PLAN_EXISTS], 1, cand);
		int rc = step_row(st, st->q[Q_PLAN_EXISTS], &found, errs);
		done(st->q[Q_PLAN_EXISTS]);
		if (rc || !found) {
			*id = rc ? NULL : cand;
			if (rc)
				free(cand);
			return rc;
		}
		free(cand);
	}
}

/* Binds status, objective, bound, gap, wall seconds from index i. */
static void bind_outcome(sqlite3_stmt *s, int i, const mp_plan *p)
{
	bind_str(s, i, mp_plan_status_names[p->status]);
	sqlite3_bind_double(s, i + 1, p->objective.weighted_persons);
	sqlite3_bind_double(s, i + 2, p->objective.changes);
	sqlite3_bind_double(s, i + 3, p->objective.waiting);
	sqlite3_bind_double(s, i + 4, p->objective.cost);
	sqlite3_bind_double(s, i + 5, p->bound);
	sqlite3_bind_double(s, i + 6, p->gap);
	sqlite3_bind_double(s, i + 7, p->wall_seconds);
}

/* The plan JSON and, separately, its options object as JSON. */
static void plan_texts(const mp_plan *p, char **body, char **options)
{
	mp_node *root = mp_plan_encode(p);
	*body = mp_json_write(root);
	mp_node *opts = mp_node_detach(mp_node_get(root, "plan"), "options");
	free(opts->key);
	opts->key = NULL;
	*options = mp_json_write(opts);
	mp_node_free(opts);
	mp_node_free(root);
}

static int insert_plan(mp_store *st, const mp_plan *p, mp_errors *errs)
{
	char *body = NULL, *options = NULL;
	plan_texts(p, &body, &options);
	sqlite3_stmt *s = st->q[Q_INS_PLAN];
	bind_str(s, 1, p->id);
	bind_str(s, 2, p->scenario);
	bind_str(s, 3, p->created);
	bind_outcome(s, 4, p);
	bind_str(s, 12, p->input_digest);
	bind_str(s, 13, body);
	int rc = step_done(st, s, errs);
	if (!rc) {
		s = st->q[Q_INS_RUN];
		bind_str(s, 1, p->created);
		bind_str(s, 2, p->scenario);
		bind_str(s, 3, options);
		bind_str(s, 4, p->input_digest);
		bind_outcome(s, 5, p);
		bind_str(s, 13, p->id);
		rc = step_done(st, s, errs);
	}
	free(body);
	free(options);
	return rc;
}

/* SPEC 5: a plan commits only if the data it read is unchanged. */
static int save_plan_locked(mp_store *st, mp_plan *plan, int64_t revision, mp_errors *errs)
{
	int64_t now_rev = 0;
	int rc = read_revision(st, &now_rev, errs);
	if (rc)
		return rc;
	if (now_rev != revision) {
		add_err(errs, MP_EBUSY, st->path,
			"the data changed while the plan was being solved; plan again");
		return MP_EBUSY;
	}
	bool found = true;
	if (!is_baseline(plan->scenario) &&
	    (rc = scenario_get(st, plan->scenario, &found, NULL, errs)))
		return rc;
	if (!found) { /* dropped meanwhile */
		add_err(errs, MP_EBUSY, st->path, "scenario '%s' changed while the plan was"
			" being solved; plan again", plan->scenario);
		return MP_EBUSY;
	}
	if (!plan->created)
		plan->created = now_utc();
	if (!plan->id && (rc = new_plan_id(st, plan->created, &plan->id, errs)))
		return rc;
	bind_str(st->q[Q_PLAN_EXISTS], 1, plan->id);
	rc = step_row(st, st->q[Q_PLAN_EXISTS], &found, errs);
	done(st->q[Q_PLAN_EXISTS]);
	if (!rc && found) {
		add_err(errs, MP_EDATA, st->path, "plan '%s' already exists", plan->id);
		rc = MP_EDATA;
	}
	return rc ? rc : insert_plan(st, plan, errs);
}

int mp_store_save_plan(mp_store *st, mp_plan *plan, int64_t revision, mp_errors *errs)
{
	bool had_id = plan->id != NULL, had_created = plan->created != NULL;
	if (!plan->scenario)
		plan->scenario = mp_xstrdup("baseline");
	int rc = begin_write(st, errs);
	if (rc)
		return rc;
	rc = finish(st, save_plan_locked(st, plan, revision, errs), errs);
	if (rc && !had_id) {
		free(plan->id);
		plan->id = NULL;
	}
	if (rc && !had_created) {
		free(plan->created);
		plan->created = NULL;
	}
	return rc;
}

int mp_store_latest_plan(mp_store *st, const char *scenario, mp_plan *out, mp_errors *errs)
{
	mp_plan_init(out);
	bool found;
	sqlite3_stmt *s = st->q[Q_LATEST_PLAN];
	bind_str(s, 1, scenario);
	int rc = step_row(st, s, &found, errs);
	if (rc)
		return rc;
	if (!found) {
		done(s);
		add_err(errs, MP_ENOPLAN, st->path,
			"no plan for scenario '%s'; run `movplan plan` first", scenario);
		return MP_ENOPLAN;
	}
	const char *body = (const char *)sqlite3_column_text(s, 0);
	size_t len = (size_t)sqlite3_column_bytes(s, 0);
	mp_node *root = mp_json_parse(st->path, body ? body : "", body ? len : 0, errs);
	done(s);
	if (!root)
		return MP_EINTERNAL;
	rc = mp_plan_decode(root, st->path, out, errs);
	mp_node_free(root);
	return rc ? MP_EINTERNAL : MP_OK;
}

/* ---- scenarios ---- */

static bool is_baseline(const char *name)
{
	return !name || strcmp(name, "baseline") == 0;
}

/* Whether scenario name exists; its base (malloc'd, NULL for the
 * imported dataset) in *base when base is not NULL. */
static int scenario_get(mp_store *st, const char *name, bool *found, char **base,
			mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_SCN_GET];
	bind_str(s, 1, name);
	int rc = step_row(st, s, found, errs);
	if (rc)
		return rc;
	if (base)
		*base = *found ? col_str(s, 0) : NULL;
	done(s);
	return MP_OK;
}

static int unknown_scenario(mp_store *st, const char *name, mp_errors *errs)
{
	add_err(errs, MP_EDATA, st->path, "scenario '%s' does not exist", name);
	return MP_EDATA;
}

static int scenario_insert(mp_store *st, const char *name, const char *base,
			   const char *const *layer_json, const char *const *layer_names,
			   int n_layers, mp_errors *errs)
{
	char *created = now_utc();
	sqlite3_stmt *s = st->q[Q_SCN_INS];
	bind_str(s, 1, name);
	bind_str(s, 2, is_baseline(base) ? NULL : base);
	bind_str(s, 3, created);
	free(created);
	int rc = step_done(st, s, errs);
	for (int i = 0; !rc && i < n_layers; i++) {
		s = st->q[Q_SCN_INS_LAYER];
		bind_str(s, 1, name);
		sqlite3_bind_int(s, 2, i);
		bind_str(s, 3, layer_names ? layer_names[i] : NULL);
		bind_str(s, 4, layer_json[i] ? layer_json[i] : "{}");
		rc = step_done(st, s, errs);
	}
	return rc;
}

static int scenario_create_locked(mp_store *st, const char *name, const char *base,
				  const char *const *layer_json,
				  const char *const *layer_names, int n_layers,
				  mp_errors *errs)
{
	bool found = false;
	if (is_baseline(name) || !mp_id_valid(name)) {
		add_err(errs, MP_EDATA, st->path, "scenario name '%s' is not allowed",
			name ? name : "");
		return MP_EDATA;
	}
	int rc = scenario_get(st, name, &found, NULL, errs);
	if (!rc && found) {
		add_err(errs, MP_EDATA, st->path, "scenario '%s' already exists", name);
		return MP_EDATA;
	}
	if (!rc && !is_baseline(base)) {
		rc = scenario_get(st, base, &found, NULL, errs);
		if (!rc && !found)
			return unknown_scenario(st, base, errs);
	}
	return rc ? rc : scenario_insert(st, name, base, layer_json, layer_names, n_layers, errs);
}

int mp_store_scenario_create(mp_store *st, const char *name, const char *base,
			     const char *const *layer_json, const char *const *layer_names,
			     int n_layers, mp_errors *errs)
{
	int rc = begin_write(st, errs);
	if (rc)
		return rc;
	rc = scenario_create_locked(st, name, base, layer_json, layer_names, n_layers, errs);
	return finish(st, rc, errs);
}

static int scenario_drop_locked(mp_store *st, const char *name, mp_errors *errs)
{
	bool found = false;
	if (is_baseline(name)) {
		add_err(errs, MP_EDATA, st->path, "scenario 'baseline' cannot be dropped");
		return MP_EDATA;
	}
	int rc = scenario_get(st, name, &found, NULL, errs);
	if (rc || !found)
		return rc ? rc : unknown_scenario(st, name, errs);
	/* a scenario others build on cannot go: their chain would break */
	sqlite3_stmt *s = st->q[Q_SCN_CHILD];
	bind_str(s, 1, name);
	if ((rc = step_row(st, s, &found, errs)))
		return rc;
	if (found) {
		add_err(errs, MP_EDATA, st->path, "scenario '%s' is the base of scenario '%s'",
			name, (const char *)sqlite3_column_text(s, 0));
		done(s);
		return MP_EDATA;
	}
	done(s);
	if ((rc = run1(st, Q_SCN_DEL_PLANS, name, errs)))
		return rc;
	return run1(st, Q_SCN_DEL, name, errs);
}

int mp_store_scenario_drop(mp_store *st, const char *name, mp_errors *errs)
{
	int rc = begin_write(st, errs);
	if (rc)
		return rc;
	return finish(st, scenario_drop_locked(st, name, errs), errs);
}

/* Appends the layers of one scenario (in order) to the vectors. */
static int scenario_own_layers(mp_store *st, const char *name, char ***json, char ***names,
			       int *n, mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_SCN_LAYERS];
	bind_str(s, 1, name);
	int rc, nn = *n;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		mp_strv_push(names, &nn, (const char *)sqlite3_column_text(s, 0));
		mp_strv_push(json, n, (const char *)sqlite3_column_text(s, 1));
	}
	int r = rc == SQLITE_DONE ? MP_OK : fail(st, rc, errs);
	done(s);
	return r;
}

/* The chain from name down to the imported dataset: chain[0] = name. */
static int scenario_chain(mp_store *st, const char *name, char ***chain, int *n,
			  mp_errors *errs)
{
	char *cur = mp_xstrdup(name);
	int rc = MP_OK;
	while (!rc && cur) {
		bool found = false;
		char *base = NULL;
		if (*n > 1000) { /* a cycle cannot be built through the API */
			rc = damaged(st, "scenarios", errs);
			break;
		}
		rc = scenario_get(st, cur, &found, &base, errs);
		if (!rc && !found)
			rc = unknown_scenario(st, cur, errs);
		if (!rc)
			mp_strv_push(chain, n, cur);
		free(cur);
		cur = base;
	}
	free(cur);
	return rc;
}

static int scenario_layers_read(mp_store *st, const char *name, char ***json, char ***names,
				int *n, mp_errors *errs)
{
	char **chain = NULL;
	int n_chain = 0;
	int rc = scenario_chain(st, name, &chain, &n_chain, errs);
	for (int i = n_chain - 1; !rc && i >= 0; i--) /* outermost base first */
		rc = scenario_own_layers(st, chain[i], json, names, n, errs);
	mp_strv_free(chain, n_chain);
	return rc;
}

int mp_store_scenario_layers(mp_store *st, const char *name, char ***layer_json,
			     char ***layer_names, int *n_layers, mp_errors *errs)
{
	*layer_json = *layer_names = NULL;
	*n_layers = 0;
	if (is_baseline(name))
		return MP_OK;
	int rc = exec(st, "BEGIN", errs);
	if (rc)
		return rc;
	rc = scenario_layers_read(st, name, layer_json, layer_names, n_layers, errs);
	rc = finish(st, rc, errs);
	if (rc) {
		mp_strv_free(*layer_json, *n_layers);
		mp_strv_free(*layer_names, *n_layers);
		*layer_json = *layer_names = NULL;
		*n_layers = 0;
	}
	return rc;
}

static mp_scenario_info *add_info(mp_scenario_info **list, int *n)
{
	*list = mp_xrealloc(*list, (size_t)(*n + 1) * sizeof **list);
	mp_scenario_info *si = &(*list)[(*n)++];
	memset(si, 0, sizeof *si);
	return si;
}

static int scenario_list_read(mp_store *st, mp_scenario_info **list, int *n, mp_errors *errs)
{
	bool found;
	mp_scenario_info *si = add_info(list, n);
	si->name = mp_xstrdup("baseline");
	bind_str(st->q[Q_HAS_PLAN], 1, "baseline");
	int rc = step_row(st, st->q[Q_HAS_PLAN], &found, errs);
	if (rc)
		return rc;
	si->has_plan = found && sqlite3_column_int(st->q[Q_HAS_PLAN], 0);
	done(st->q[Q_HAS_PLAN]);
	sqlite3_stmt *s = st->q[Q_SCN_LIST];
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		si = add_info(list, n);
		si->name = col_str(s, 0);
		si->base = col_str(s, 1);
		si->created = col_str(s, 2);
		si->n_layers = sqlite3_column_int(s, 3);
		si->has_plan = sqlite3_column_int(s, 4) != 0;
	}
	int r = rc == SQLITE_DONE ? MP_OK : fail(st, rc, errs);
	done(s);
	return r;
}

int mp_store_scenario_list(mp_store *st, mp_scenario_info **list, int *n, mp_errors *errs)
{
	*list = NULL;
	*n = 0;
	int rc = exec(st, "BEGIN", errs);
	if (rc)
		return rc;
	rc = finish(st, scenario_list_read(st, list, n, errs), errs);
	if (rc) {
		mp_scenario_info_free(*list, *n);
		*list = NULL;
		*n = 0;
	}
	return rc;
}

void mp_scenario_info_free(mp_scenario_info *list, int n)
{
	for (int i = 0; list && i < n; i++) {
		free(list[i].name);
		free(list[i].base);
		free(list[i].created);
	}
	free(list);
}
