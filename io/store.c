/*
 * store.c - the SQLite database: schema, migrations, the prepared
 * statements, open and close (see store.h; SPEC 4, SPEC 5).  The other
 * parts of the store are listed in store_int.h.
 *
 * Layout: one table per dataset part, child tables (with an ordinal
 * where order matters) for every list inside an item, each child
 * referencing its parent ON DELETE CASCADE so deleting an item's row
 * removes it whole.  Cross-item references (case -> clinic, booking ->
 * flight ...) carry no foreign key: import replaces items one by one
 * and the references were validated in C before the store saw them.
 *
 * Every SQL statement is prepared once at open (after migration) and
 * reused; every write is one BEGIN IMMEDIATE transaction that ends in
 * COMMIT or ROLLBACK.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include "store_int.h"
#include "files.h"

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

/* v2: the names of a document's machine-readable zone (members and
 * escorts) and the language of a case's documents (SPEC 1). */
static const char schema_v2[] =
	"ALTER TABLE members ADD COLUMN doc_mrz_family_name TEXT;"
	"ALTER TABLE members ADD COLUMN doc_mrz_given_names TEXT;"
	"ALTER TABLE escorts ADD COLUMN doc_mrz_family_name TEXT;"
	"ALTER TABLE escorts ADD COLUMN doc_mrz_given_names TEXT;"
	"ALTER TABLE cases ADD COLUMN language TEXT;";

/* v3: the run history of the daily cycle: every run's command and exit
 * status (a run that stored no plan too: 75, 70), the status of each
 * objective level; the digests of each plan's outputs (what to send
 * again); what each case's calendar was last published with. */
static const char schema_v3[] =
	"ALTER TABLE runs ADD COLUMN command TEXT;"
	"ALTER TABLE runs ADD COLUMN outcome INTEGER;"
	"ALTER TABLE runs ADD COLUMN message TEXT;"
	"ALTER TABLE runs ADD COLUMN levels TEXT;"
	"CREATE INDEX runs_by_scenario ON runs (scenario, id);"
	"CREATE TABLE plan_outputs (plan_id TEXT PRIMARY KEY"
	" REFERENCES plans(id) ON DELETE CASCADE, body TEXT NOT NULL);"
	"CREATE TABLE journeys (scenario TEXT NOT NULL, case_id TEXT NOT NULL,"
	" digest TEXT NOT NULL, sequence INTEGER NOT NULL, legs INTEGER NOT NULL,"
	" ftt INTEGER NOT NULL, PRIMARY KEY (scenario, case_id));";

/* PRAGMA application_id of a movplan database ("MOVP"). */
#define MP_APP_ID 0x4d4f5650

/* v4: the kind of a case's movement and the kinds a quota counts
 * (SPEC 1); kinds space-separated, NULL for every kind. */
static const char schema_v4[] =
	"ALTER TABLE cases ADD COLUMN kind TEXT;"
	"ALTER TABLE quotas ADD COLUMN kinds TEXT;";

/* migrations[i] takes the schema from user_version i to i + 1. */
static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* ---- prepared statements (enum q in store_int.h) ---- */

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
	[Q_INS_QUOTA] = "INSERT INTO quotas VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
		" ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_DEL_CASE] = "DELETE FROM cases WHERE id = ?",
	[Q_INS_CASE] = "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_INS_MEMBER] = "INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		" ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
		" weighted_persons, changes, waiting, cost, bound, gap, wall_seconds, plan_id,"
		" command, outcome, message, levels)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[Q_INS_OUTPUTS] = "INSERT INTO plan_outputs VALUES (?, ?)",
	[Q_GET_OUTPUTS] = "SELECT body FROM plan_outputs WHERE plan_id = ?",
	[Q_PUT_JOURNEY] = "INSERT INTO journeys VALUES (?1, ?2, ?3, 0, ?4, ?5)"
		" ON CONFLICT (scenario, case_id) DO UPDATE SET"
		" sequence = sequence + (digest <> excluded.digest),"
		" legs = max(legs, excluded.legs), ftt = max(ftt, excluded.ftt),"
		" digest = excluded.digest",
	[Q_SEED_JOURNEY] = "INSERT OR IGNORE INTO journeys VALUES (?1, ?2, ?3, 0, ?4, ?5)",
	[Q_BUMP_JOURNEY] = "UPDATE journeys SET sequence = sequence + 1 WHERE case_id = ?",
	[Q_GET_JOURNEY] = "SELECT sequence, legs, ftt FROM journeys"
		" WHERE scenario = ? AND case_id = ?",
	[Q_RUNS] = "SELECT r.id, r.started, r.scenario, r.command, r.outcome, r.message,"
		" r.status, r.levels, r.weighted_persons, r.changes, r.waiting, r.cost, r.bound,"
		" r.gap, r.wall_seconds, r.input_digest, r.plan_id,"
		" EXISTS (SELECT 1 FROM plans p WHERE p.id = r.plan_id)"
		" FROM runs r WHERE ?1 IS NULL OR r.scenario = ?1 ORDER BY r.id",
	[Q_RUN_PLAN_ID] = "SELECT plan_id FROM runs WHERE id = ?",
	[Q_PLAN_BODY] = "SELECT body FROM plans WHERE id = ?",
	[Q_PREV_PLAN] = "SELECT p.body FROM plans p, plans q WHERE q.id = ?1"
		" AND p.scenario = q.scenario AND (p.created < q.created"
		" OR (p.created = q.created AND p.rowid < q.rowid))"
		" ORDER BY p.created DESC, p.rowid DESC LIMIT 1",
	[Q_PLAN_IDS] = "SELECT id FROM plans WHERE scenario = ?"
		" ORDER BY created DESC, rowid DESC",
	/* runs beyond the keep latest of their scenario, and their plans,
	 * but never a scenario's latest plan (the reference of level 2) */
	[Q_PRUNE_PLANS] = "DELETE FROM plans WHERE id IN (SELECT r.plan_id FROM runs r"
		" WHERE r.plan_id IS NOT NULL AND (SELECT count(*) FROM runs n"
		" WHERE n.scenario = r.scenario AND n.id > r.id) >= ?1)"
		" AND id NOT IN (SELECT (SELECT x.id FROM plans x WHERE x.scenario = s.scenario"
		" ORDER BY x.created DESC, x.rowid DESC LIMIT 1)"
		" FROM (SELECT DISTINCT scenario FROM plans) s)",
	[Q_PRUNE_RUNS] = "DELETE FROM runs WHERE (SELECT count(*) FROM runs n"
		" WHERE n.scenario = runs.scenario AND n.id > runs.id) >= ?1"
		" AND (plan_id IS NULL OR plan_id NOT IN (SELECT id FROM plans))",
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

/* ---- open, migrate, close ---- */

/* The integer a one-row, one-column statement gives. */
static int pragma_int(mp_store *st, const char *sql, int *v, mp_errors *errs)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(s);
	int r = rc == SQLITE_ROW ? MP_OK : st_fail(st, rc, errs);
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
		st_err(errs, MP_ENOINPUT, st->path, "not a movplan database");
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
	if ((rc = st_begin_write(st, errs)))
		return rc;
	rc = user_version(st, &v, errs);
	if (!rc)
		rc = check_ours(st, v, errs);
	for (int i = v; !rc && i < N_MIGRATIONS; i++)
		rc = st_exec(st, migrations[i], errs);
	if (!rc && v < N_MIGRATIONS) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 N_MIGRATIONS, MP_APP_ID);
		rc = st_exec(st, sql, errs);
	}
	rc = st_finish(st, rc, errs);
check:
	if (!rc && v > N_MIGRATIONS) {
		st_err(errs, MP_EDATA, st->path,
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
	int r = rc == SQLITE_ROW ? MP_OK : st_fail(st, rc, errs);
	const char *mode = r ? NULL : (const char *)sqlite3_column_text(s, 0);
	if (!r && (!mode || strcmp(mode, "wal") != 0)) {
		st_err(errs, MP_EINTERNAL, st->path, "database: cannot switch to WAL mode");
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
			return st_fail(st, rc, errs);
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

/* ---- the file ---- */

/* A new database appears whole: made in a temporary beside it (mode
 * 0600 from mkostemp, whatever the umask: SPEC 5; SQLite gives -wal and
 * -shm the database's mode), its schema written, then linked in under
 * its name, which never replaces a file another process made first.
 * So a database file is never empty, and an empty file is not ours. */
static int create_db(const char *path, mp_errors *errs)
{
	char *tmp = mp_out_tmpname(path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0) {
		st_err(errs, MP_ECANTCREAT, path, "cannot create the database: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return MP_ECANTCREAT;
	}
	close(fd);
	mp_store st = {.path = (char *)path};
	int rc = sqlite3_open_v2(tmp, &st.db, SQLITE_OPEN_READWRITE, NULL);
	rc = rc == SQLITE_OK ? MP_OK : st_fail(&st, rc, errs);
	if (!rc)
		rc = set_wal(&st, errs);
	if (!rc)
		rc = migrate(&st, errs);
	if (sqlite3_close(st.db) != SQLITE_OK && !rc)
		rc = st_fail(&st, SQLITE_IOERR, errs);
	if (!rc && link(tmp, path) != 0 && errno != EEXIST &&
	    renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) != 0 && errno != EEXIST) {
		st_err(errs, MP_ECANTCREAT, path, "cannot create the database: %s", strerror(errno));
		rc = MP_ECANTCREAT;
	}
	unlink(tmp); /* after link; a no-op after renameat2 */
	if (!rc)
		mp_sync_parent(path);
	free(tmp);
	return rc;
}

/* What is at path may be opened as a database (SPEC 4): a missing file
 * is created only in MP_STORE_CREATE mode. */
static int check_file(const char *path, enum mp_store_mode mode, mp_errors *errs)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT && mode == MP_STORE_CREATE)
			return create_db(path, errs);
		if (errno == ENOENT)
			st_err(errs, MP_ENOINPUT, NULL, "no such database: %s (import data first)",
			       path);
		else
			st_err(errs, MP_ENOINPUT, path, "cannot open the database: %s",
			       strerror(errno));
		return MP_ENOINPUT;
	}
	if (S_ISDIR(sb.st_mode) || !S_ISREG(sb.st_mode) || sb.st_size == 0) {
		st_err(errs, MP_ENOINPUT, path, "not a movplan database%s",
		       S_ISDIR(sb.st_mode) ? " (a directory)" : sb.st_size == 0 &&
		       S_ISREG(sb.st_mode) ? " (an empty file)" : " (not a regular file)");
		return MP_ENOINPUT;
	}
	return MP_OK;
}

/* "file:PATH?immutable=1" with PATH percent-encoded (RFC 3986). */
static char *immutable_uri(const char *path)
{
	size_t n = strlen(path);
	char *u = mp_xmalloc(3 * n + 32), *p = u;
	p += sprintf(p, "file:");
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr("/._-~", *s))
			*p++ = (char)*s;
		else
			p += sprintf(p, "%%%02X", *s);
	}
	strcpy(p, "?immutable=1");
	return u;
}

static int open_handle(mp_store *st, int flags, bool immutable, double busy_timeout,
		       mp_errors *errs)
{
	char *uri = immutable ? immutable_uri(st->path) : NULL;
	int rc = sqlite3_open_v2(uri ? uri : st->path, &st->db, flags | (uri ? SQLITE_OPEN_URI : 0),
				 NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return st_fail(st, rc, errs);
	sqlite3_busy_timeout(st->db, busy_ms(busy_timeout));
	return MP_OK;
}

/* Whether a read-only connection cannot set up WAL's shared index: no
 * -shm file and no right to create one (a user without write permission
 * on the folder). */
static bool cannot_share(mp_store *st)
{
	int rc = sqlite3_exec(st->db, "PRAGMA user_version", NULL, NULL, NULL);
	return (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN;
}

/* Whether the -wal file holds frames not yet in the database file. */
static bool wal_pending(const char *path)
{
	char *w = mp_xasprintf("%s-wal", path);
	struct stat sb;
	bool pending = stat(w, &sb) == 0 && sb.st_size > 0;
	free(w);
	return pending;
}

/* The connection.  MP_STORE_READ: SQLITE_OPEN_READONLY, and immutable
 * where nothing can change the file and SQLite could not make the -shm
 * file WAL needs: on a read-only mount, or for a user who may not write
 * the folder when no other process has the database open (no -wal
 * frames).  Never SQLITE_OPEN_CREATE.  A write mode on a file this
 * process may not write is MP_ECANTCREAT. */
static int db_connect(mp_store *st, enum mp_store_mode mode, double busy_timeout, mp_errors *errs)
{
	struct statvfs fs;
	if (mode != MP_STORE_READ) {
		int rc = open_handle(st, SQLITE_OPEN_READWRITE, false, busy_timeout, errs);
		if (!rc && sqlite3_db_readonly(st->db, "main") == 1) {
			st_err(errs, MP_ECANTCREAT, st->path, "cannot write the database: read-only");
			rc = MP_ECANTCREAT;
		}
		return rc;
	}
	bool ro_mount = statvfs(st->path, &fs) == 0 && (fs.f_flag & ST_RDONLY);
	int rc = open_handle(st, SQLITE_OPEN_READONLY, ro_mount, busy_timeout, errs);
	if (!rc && !ro_mount && cannot_share(st) && !wal_pending(st->path)) {
		sqlite3_close(st->db);
		st->db = NULL;
		rc = open_handle(st, SQLITE_OPEN_READONLY, true, busy_timeout, errs);
	}
	return rc;
}

/* Before anything writes to the file (journal mode included): it is a
 * movplan database, of a schema this version opens.  *v its version. */
static int check_schema(mp_store *st, int *v, mp_errors *errs)
{
	int rc = user_version(st, v, errs);
	if (!rc)
		rc = check_ours(st, *v, errs);
	if (!rc && *v > N_MIGRATIONS) {
		st_err(errs, MP_EDATA, st->path,
		       "database schema %d is newer than this movplan (%d)", *v, N_MIGRATIONS);
		rc = MP_EDATA;
	}
	return rc;
}

/* A read-only open of a database of an older schema: upgraded once
 * through a read-write connection (the first open of a new movplan). */
static int upgrade(mp_store *st, double busy_timeout, mp_errors *errs)
{
	mp_store w = {.path = st->path};
	mp_errors quiet;
	mp_errors_init(&quiet);
	int rc = db_connect(&w, MP_STORE_WRITE, busy_timeout, &quiet);
	if (!rc)
		rc = set_wal(&w, &quiet);
	if (!rc)
		rc = migrate(&w, &quiet);
	sqlite3_close(w.db);
	if (rc == MP_EBUSY)
		mp_errors_addf(errs, MP_EBUSY, "%s: database is busy (another movplan is writing);"
			       " try again", st->path);
	else if (rc)
		st_err(errs, MP_ENOINPUT, st->path, "the database's schema is older than this"
		       " movplan's (%d) and cannot be upgraded here (read-only)", N_MIGRATIONS);
	mp_errors_release(&quiet);
	return rc ? (rc == MP_EBUSY ? MP_EBUSY : MP_ENOINPUT) : MP_OK;
}

/* Opens the connection and brings the schema up to date. */
static int open_conn(mp_store *st, enum mp_store_mode mode, double busy_timeout,
		     mp_errors *errs)
{
	int v = 0, rc = db_connect(st, mode, busy_timeout, errs);
	if (!rc)
		rc = check_schema(st, &v, errs);
	if (!rc && mode == MP_STORE_READ && v < N_MIGRATIONS) {
		sqlite3_close(st->db);
		st->db = NULL;
		rc = upgrade(st, busy_timeout, errs);
		if (!rc)
			rc = db_connect(st, mode, busy_timeout, errs);
		return rc;
	}
	if (rc || mode == MP_STORE_READ)
		return rc;
	/* both pragmas are no-ops inside a transaction: set them first */
	if ((rc = st_exec(st, "PRAGMA foreign_keys = ON", errs)))
		return rc;
	if ((rc = set_wal(st, errs)))
		return rc;
	return migrate(st, errs);
}

int mp_store_open(const char *path, double busy_timeout, enum mp_store_mode mode,
		  mp_store **out, mp_errors *errs)
{
	*out = NULL;
	int rc = check_file(path, mode, errs);
	if (rc)
		return rc;
	mp_store *st = mp_xcalloc(1, sizeof *st);
	st->path = mp_xstrdup(path);
	st->read_only = mode == MP_STORE_READ;
	rc = open_conn(st, mode, busy_timeout, errs);
	if (!rc)
		rc = prepare_all(st, errs);
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

int mp_store_lock(mp_store *st, mp_errors *errs)
{
	if (st->read_only) {
		st_err(errs, MP_EINTERNAL, st->path, "database: opened read-only");
		return MP_EINTERNAL;
	}
	int rc = st->held ? MP_OK : st_begin_write(st, errs);
	st->held = rc == MP_OK;
	return rc;
}

int mp_store_unlock(mp_store *st, bool commit, mp_errors *errs)
{
	if (!st->held)
		return MP_OK;
	st->held = false;
	if (commit)
		return st_finish(st, MP_OK, errs);
	st_finish(st, MP_EINTERNAL, errs); /* not MP_OK: rolls back, records nothing */
	return MP_OK;
}

/* ---- revision and mission ---- */

int st_read_revision(mp_store *st, int64_t *rev, mp_errors *errs)
{
	bool found;
	sqlite3_stmt *s = st->q[Q_REVISION];
	int rc = st_step_row(st, s, &found, errs);
	if (rc)
		return rc;
	*rev = found ? sqlite3_column_int64(s, 0) : 0;
	st_done(s);
	return MP_OK;
}

int mp_store_revision(mp_store *st, int64_t *revision, mp_errors *errs)
{
	return st_read_revision(st, revision, errs);
}

/* The stored mission id (malloc'd) or NULL in *id. */
int st_stored_mission(mp_store *st, char **id, mp_errors *errs)
{
	bool found;
	*id = NULL;
	int rc = st_step_row(st, st->q[Q_MISSION_ID], &found, errs);
	if (rc)
		return rc;
	if (found)
		*id = st_col_str(st->q[Q_MISSION_ID], 0);
	st_done(st->q[Q_MISSION_ID]);
	return MP_OK;
}

bool mp_store_empty(mp_store *st)
{
	mp_errors errs;
	char *id = NULL;
	mp_errors_init(&errs);
	int rc = st_stored_mission(st, &id, &errs);
	bool empty = rc == MP_OK && id == NULL;
	free(id);
	mp_errors_release(&errs);
	return empty;
}

