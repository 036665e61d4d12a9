/*
 * test_store.c - the SQLite store: file modes, import/load round trip
 * of every field, replacement on re-import, one mission per database,
 * revisions, plans and runs, scenarios, a writer killed mid-transaction
 * and a writer that meets a held lock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "io/store.h"
#include "builders.h"

/* ---- scratch folder ---- */

typedef struct scratch {
	char dir[64];
	char db[96];
} scratch;

static int setup(void **state)
{
	scratch *s = calloc(1, sizeof *s);
	snprintf(s->dir, sizeof s->dir, "/tmp/mp_store_XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->db, sizeof s->db, "%s/m.db", s->dir);
	*state = s;
	return 0;
}

static void remove_db(const char *db)
{
	char p[128];
	unlink(db);
	snprintf(p, sizeof p, "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", db);
	unlink(p);
}

static int teardown(void **state)
{
	scratch *s = *state;
	remove_db(s->db);
	rmdir(s->dir);
	free(s);
	return 0;
}

static bool has_msg(const mp_errors *errs, int status, const char *msg)
{
	for (int i = 0; i < errs->n; i++)
		if (errs->v[i].status == status && strstr(errs->v[i].msg, msg))
			return true;
	return false;
}

static mp_store *open_ok(const char *path, double busy)
{
	mp_store *st = NULL;
	mp_errors errs;
	mp_errors_init(&errs);
	int rc = mp_store_open(path, busy, MP_STORE_CREATE, &st, &errs);
	if (rc)
		for (int i = 0; i < errs.n; i++)
			fprintf(stderr, "%s\n", errs.v[i].msg);
	assert_int_equal(rc, MP_OK);
	assert_non_null(st);
	mp_errors_release(&errs);
	return st;
}

static void import_ok(mp_store *st, const mp_dataset *ds)
{
	mp_errors errs;
	mp_errors_init(&errs);
	int rc = mp_store_import(st, ds, &errs);
	if (rc)
		for (int i = 0; i < errs.n; i++)
			fprintf(stderr, "%s\n", errs.v[i].msg);
	assert_int_equal(rc, MP_OK);
	mp_errors_release(&errs);
}

static int64_t load_ok(mp_store *st, mp_dataset *ds)
{
	int64_t rev = -1;
	mp_errors errs;
	mp_errors_init(&errs);
	int rc = mp_store_load(st, ds, &rev, &errs);
	if (rc)
		for (int i = 0; i < errs.n; i++)
			fprintf(stderr, "%s\n", errs.v[i].msg);
	assert_int_equal(rc, MP_OK);
	mp_errors_release(&errs);
	return rev;
}

/* A digest of a file's bytes (FNV-1a), for "unchanged" checks. */
static uint64_t file_digest(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	uint64_t h = 1469598103934665603ull;
	unsigned char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		for (size_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211ull;
	fclose(f);
	return h;
}

/* ---- raw SQL for checks the API does not expose ---- */

static int64_t sql_int(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static char *sql_text(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	char *v = mp_xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

/* ---- tests ---- */

static void mode_0600_whatever_umask(void **state)
{
	scratch *s = *state;
	mode_t old = umask(0);
	mp_store *st = open_ok(s->db, 1);
	mp_dataset ds;
	tb_full_dataset(&ds);
	import_ok(st, &ds); /* the -wal exists while the connection is open */
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char p[128];
		struct stat sb;
		snprintf(p, sizeof p, "%s%s", s->db, suffix[i]);
		assert_int_equal(stat(p, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
	}
	umask(old);
	assert_int_equal(sql_int(s->db, "PRAGMA user_version"), 4);
	assert_int_equal(sql_int(s->db, "PRAGMA application_id"), 0x4d4f5650);
	char *mode = sql_text(s->db, "PRAGMA journal_mode");
	assert_string_equal(mode, "wal");
	free(mode);
	mp_store_close(st);
	mp_dataset_release(&ds);
}

static void missing_without_create(void **state)
{
	scratch *s = *state;
	mp_store *st = (mp_store *)1;
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_store_open(s->db, 1, MP_STORE_READ, &st, &errs), MP_ENOINPUT);
	assert_null(st);
	assert_true(has_msg(&errs, MP_ENOINPUT, "no such database"));
	assert_int_equal(access(s->db, F_OK), -1); /* never created */
	mp_errors_release(&errs);

	/* a file that is not a database */
	FILE *f = fopen(s->db, "w");
	fputs("this is not sqlite, not at all, just some text to fill a page\n", f);
	fclose(f);
	mp_errors_init(&errs);
	assert_int_equal(mp_store_open(s->db, 1, MP_STORE_READ, &st, &errs), MP_ENOINPUT);
	assert_true(has_msg(&errs, MP_ENOINPUT, "not a movplan database"));
	mp_errors_release(&errs);
	remove_db(s->db);

	/* another program's SQLite database is left alone: not even its
	 * journal mode changes, in any mode */
	sqlite3 *h;
	assert_int_equal(sqlite3_open(s->db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	uint64_t before = file_digest(s->db);
	for (int mode = MP_STORE_READ; mode <= MP_STORE_WRITE; mode++) {
		mp_errors_init(&errs);
		assert_int_equal(mp_store_open(s->db, 1, (enum mp_store_mode)mode, &st, &errs),
				 MP_ENOINPUT);
		assert_true(has_msg(&errs, MP_ENOINPUT, "not a movplan database"));
		mp_errors_release(&errs);
		assert_true(file_digest(s->db) == before);
	}
	char *jm = sql_text(s->db, "PRAGMA journal_mode");
	assert_string_equal(jm, "delete");
	free(jm);
	remove_db(s->db);

	/* an empty file and a directory are not databases either */
	fclose(fopen(s->db, "w"));
	mp_errors_init(&errs);
	assert_int_equal(mp_store_open(s->db, 1, MP_STORE_CREATE, &st, &errs), MP_ENOINPUT);
	assert_true(has_msg(&errs, MP_ENOINPUT, "not a movplan database (an empty file)"));
	mp_errors_release(&errs);
	remove_db(s->db);
	assert_int_equal(mkdir(s->db, 0700), 0);
	mp_errors_init(&errs);
	assert_int_equal(mp_store_open(s->db, 1, MP_STORE_READ, &st, &errs), MP_ENOINPUT);
	assert_true(has_msg(&errs, MP_ENOINPUT, "not a movplan database (a directory)"));
	mp_errors_release(&errs);
	rmdir(s->db);

	/* without create, a missing file stays missing in write mode too */
	mp_errors_init(&errs);
	assert_int_equal(mp_store_open(s->db, 1, MP_STORE_WRITE, &st, &errs), MP_ENOINPUT);
	assert_int_equal(access(s->db, F_OK), -1);
	mp_errors_release(&errs);

	/* a schema from a future movplan is refused, and left as it is */
	st = open_ok(s->db, 1);
	mp_store_close(st);
	sqlite3 *fh;
	assert_int_equal(sqlite3_open(s->db, &fh), SQLITE_OK);
	assert_int_equal(sqlite3_exec(fh, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(fh);
	uint64_t future = file_digest(s->db);
	for (int mode = MP_STORE_READ; mode <= MP_STORE_WRITE; mode++) {
		mp_errors_init(&errs);
		assert_int_equal(mp_store_open(s->db, 1, (enum mp_store_mode)mode, &st, &errs),
				 MP_EDATA);
		assert_true(has_msg(&errs, MP_EDATA, "schema 999 is newer"));
		mp_errors_release(&errs);
		assert_true(file_digest(s->db) == future);
	}
	remove_db(s->db);

	/* created once, it opens without create too, and reopening keeps it */
	st = open_ok(s->db, 1);
	assert_true(mp_store_empty(st));
	mp_store_close(st);
	mp_errors_init(&errs);
	assert_int_equal(mp_store_open(s->db, 1, MP_STORE_READ, &st, &errs), MP_OK);
	assert_true(mp_store_empty(st));
	mp_store_close(st);
	mp_errors_release(&errs);
}

static void round_trip_every_field(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_dataset ds, want, got;
	tb_full_dataset(&ds);
	mp_dataset_copy(&want, &ds);
	mp_dataset_sort(&want);
	import_ok(st, &ds);
	assert_false(mp_store_empty(st));
	int64_t rev = load_ok(st, &got);
	assert_int_equal(rev, 1);
	tb_dataset_eq(&want, &got, true);
	/* the family's order, not the id order */
	assert_string_equal(got.cases[1].members[2].id, "C2-00");
	mp_dataset_release(&got);

	/* a second connection sees the same */
	mp_store_close(st);
	st = open_ok(s->db, 1);
	load_ok(st, &got);
	tb_dataset_eq(&want, &got, true);
	mp_dataset_release(&got);
	mp_store_close(st);
	mp_dataset_release(&ds);
	mp_dataset_release(&want);
}

/* Runs statements on a database outside the store. */
static void sql_exec(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/* A database of schema v1 (made by taking v2's columns away) opens,
 * migrates to v2 and keeps its data; the new fields then store. */
static void migrates_from_v1(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_dataset ds, want, got;
	tb_full_dataset(&ds);
	mp_dataset_copy(&want, &ds);
	mp_dataset_sort(&want);
	import_ok(st, &ds);
	mp_store_close(st);
	sql_exec(s->db, "ALTER TABLE members DROP COLUMN doc_mrz_family_name;"
			"ALTER TABLE members DROP COLUMN doc_mrz_given_names;"
			"ALTER TABLE escorts DROP COLUMN doc_mrz_family_name;"
			"ALTER TABLE escorts DROP COLUMN doc_mrz_given_names;"
			"ALTER TABLE cases DROP COLUMN language;"
			"ALTER TABLE cases DROP COLUMN kind; ALTER TABLE quotas DROP COLUMN kinds;"
			"DROP INDEX runs_by_scenario; DROP TABLE plan_outputs; DROP TABLE journeys;"
			"ALTER TABLE runs DROP COLUMN command; ALTER TABLE runs DROP COLUMN outcome;"
			"ALTER TABLE runs DROP COLUMN message; ALTER TABLE runs DROP COLUMN levels;"
			"PRAGMA user_version = 1;");
	st = open_ok(s->db, 0);
	assert_int_equal(sql_int(s->db, "PRAGMA user_version"), 4);
	load_ok(st, &got);
	assert_int_equal(got.n_cases, want.n_cases);
	assert_null(got.cases[1].language);
	assert_null(got.cases[1].members[0].document.mrz_family_name);
	assert_string_equal(got.cases[1].members[0].document.number, "P0000001");
	mp_dataset_release(&got);
	mp_dataset_release(&ds);
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	load_ok(st, &got);
	tb_dataset_eq(&want, &got, true);
	mp_dataset_release(&got);
	mp_store_close(st);
	mp_dataset_release(&ds);
	mp_dataset_release(&want);
}

/* A database of schema v2 (without the run history and the kinds) opens,
 * migrates to v4:
 * every case a resettlement, every quota for every kind; then the kinds
 * store. */
static void migrates_from_v2(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_dataset ds, want, got;
	tb_full_dataset(&ds);
	mp_dataset_copy(&want, &ds);
	mp_dataset_sort(&want);
	import_ok(st, &ds);
	mp_store_close(st);
	sql_exec(s->db, "ALTER TABLE cases DROP COLUMN kind; ALTER TABLE quotas DROP COLUMN kinds;"
			"DROP INDEX runs_by_scenario; DROP TABLE plan_outputs; DROP TABLE journeys;"
			"ALTER TABLE runs DROP COLUMN command; ALTER TABLE runs DROP COLUMN outcome;"
			"ALTER TABLE runs DROP COLUMN message; ALTER TABLE runs DROP COLUMN levels;"
			"PRAGMA user_version = 2;");
	st = open_ok(s->db, 0);
	assert_int_equal(sql_int(s->db, "PRAGMA user_version"), 4);
	load_ok(st, &got);
	for (int i = 0; i < got.n_cases; i++)
		assert_int_equal(got.cases[i].kind, MP_KIND_RESETTLEMENT);
	for (int i = 0; i < got.n_quotas; i++)
		assert_int_equal(got.quotas[i].kinds, 0);
	mp_dataset_release(&got);
	mp_dataset_release(&ds);
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	load_ok(st, &got);
	tb_dataset_eq(&want, &got, true);
	mp_dataset_release(&got);
	mp_store_close(st);
	mp_dataset_release(&ds);
	mp_dataset_release(&want);
}

static void reimport_replaces_whole(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_dataset ds, upd, got;
	tb_full_dataset(&ds);
	import_ok(st, &ds);

	/* C2 again with two members, F2 without limits, CA rule without
	 * blackouts, C2's booking with one flight; no mission given */
	mp_dataset_init(&upd);
	mp_case *c = mp_dataset_add_case(&upd);
	c->id = mp_xstrdup("C2");
	c->dest_country = mp_xstrdup("CA");
	c->priority = MP_PRIO_URGENT;
	c->ready = tb_date("2026-12-05");
	c->origin = mp_xstrdup("KBL");
	for (int i = 0; i < 2; i++) {
		mp_member *m = mp_case_add_member(c);
		m->id = mp_xasprintf("C2-1%d", i);
		m->given_names = mp_xstrdup("X");
		m->sex = 'M';
		m->birth_date = tb_date("2000-01-01");
		m->nationality = mp_xstrdup("AFG");
	}
	mp_flight *f = mp_dataset_add_flight(&upd);
	f->id = mp_xstrdup("F2");
	f->from = mp_xstrdup("KBL");
	f->to = mp_xstrdup("YYZ");
	f->departs = tb_datetime("2026-12-20T08:00+04:30");
	f->arrives = tb_datetime("2026-12-20T20:00-05:00");
	f->seats = 12;
	f->stretcher_seats = 6;
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(&upd);
	r->country = mp_xstrdup("CA");
	mp_booking *b = mp_dataset_add_booking(&upd);
	b->case_id = mp_xstrdup("C2");
	mp_strv_push(&b->flights, &b->n_flights, "F2");
	b->status = MP_BOOK_PROPOSED;
	import_ok(st, &upd);

	assert_int_equal(load_ok(st, &got), 2);
	const mp_case *gc = mp_dataset_case(&got, "C2");
	assert_int_equal(gc->n_members, 2);
	assert_string_equal(gc->members[0].id, "C2-10");
	assert_null(gc->clinic);             /* replaced whole, not merged */
	assert_int_equal(gc->priority, MP_PRIO_URGENT);
	const mp_flight *gf = mp_dataset_flight(&got, "F2");
	for (int k = 0; k < MP_N_SSR; k++)
		assert_int_equal(gf->limits[k], MP_ABSENT);
	assert_null(gf->carrier);
	assert_int_equal(mp_dataset_arrival_rule(&got, "CA")->n_blackout, 0);
	assert_int_equal(mp_dataset_arrival_rule(&got, "CA")->exempt_priorities, 0);
	const mp_booking *gb = mp_dataset_booking(&got, "C2");
	assert_int_equal(gb->n_flights, 1);
	assert_int_equal(gb->n_escorts, 0);
	/* everything else untouched */
	assert_int_equal(got.n_cases, 3);
	assert_int_equal(mp_dataset_case(&got, "C1")->n_members, 1);
	assert_string_equal(got.mission.id, "M-AFG-2026");
	assert_int_equal(got.n_escorts, 2);
	/* no orphan child rows */
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM members"), 4);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM member_ssr"), 0);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM flight_limits"), 0);
	mp_dataset_release(&got);
	mp_dataset_release(&upd);
	mp_dataset_release(&ds);
	mp_store_close(st);
}

static void other_mission_rejected(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_dataset ds, other, got, want;
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	mp_dataset_copy(&want, &ds);
	mp_dataset_sort(&want);

	tb_full_dataset(&other);
	free(other.mission.id);
	other.mission.id = mp_xstrdup("M-SYR-2027");
	free(other.cases[0].dest_country);
	other.cases[0].dest_country = mp_xstrdup("US");
	mp_case *c = mp_dataset_add_case(&other);
	c->id = mp_xstrdup("C9");
	c->dest_country = mp_xstrdup("US");
	c->origin = mp_xstrdup("KBL");
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_store_import(st, &other, &errs), MP_EDATA);
	assert_true(has_msg(&errs, MP_EDATA,
			    "database holds mission 'M-AFG-2026'; cannot import mission 'M-SYR-2027'"));
	mp_errors_release(&errs);
	assert_int_equal(load_ok(st, &got), 1); /* revision unchanged */
	tb_dataset_eq(&want, &got, true);
	mp_dataset_release(&got);

	/* the same id replaces the mission row */
	free(other.mission.id);
	other.mission.id = mp_xstrdup("M-AFG-2026");
	free(other.mission.sender);
	other.mission.sender = NULL;
	other.mission.horizon_days = 30;
	import_ok(st, &other);
	assert_int_equal(load_ok(st, &got), 2);
	assert_null(got.mission.sender);
	assert_int_equal(got.mission.horizon_days, 30);
	assert_int_equal(got.n_cases, 4);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM mission"), 1);
	mp_dataset_release(&got);
	mp_dataset_release(&other);
	mp_dataset_release(&want);
	mp_dataset_release(&ds);
	mp_store_close(st);
}

static void revisions_and_bookings(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_errors errs;
	mp_errors_init(&errs);
	int64_t rev = -1;
	assert_int_equal(mp_store_revision(st, &rev, &errs), MP_OK);
	assert_int_equal(rev, 0);
	/* an empty store takes a dataset without a mission */
	mp_dataset ds, got;
	mp_dataset_init(&ds);
	mp_airport *a = mp_dataset_add_airport(&ds);
	a->code = mp_xstrdup("KBL");
	a->country = mp_xstrdup("AF");
	import_ok(st, &ds);
	assert_true(mp_store_empty(st));
	mp_dataset_release(&ds);
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	assert_int_equal(mp_store_revision(st, &rev, &errs), MP_OK);
	assert_int_equal(rev, 2);

	mp_booking b = {0};
	b.case_id = "C1";
	char *fl[] = {"F2", "F1"};
	b.flights = fl;
	b.n_flights = 2;
	b.status = MP_BOOK_CONFIRMED;
	b.ftt_date = tb_date("2026-12-11");
	assert_int_equal(mp_store_put_booking(st, &b, &errs), MP_OK);
	assert_int_equal(load_ok(st, &got), 3);
	const mp_booking *gb = mp_dataset_booking(&got, "C1");
	assert_int_equal(gb->status, MP_BOOK_CONFIRMED);
	assert_int_equal(gb->n_flights, 2);
	assert_string_equal(gb->flights[1], "F1");
	assert_int_equal(gb->ftt_date, tb_date("2026-12-11"));
	mp_dataset_release(&got);

	assert_int_equal(mp_store_delete_booking(st, "C1", &errs), MP_OK);
	assert_int_equal(mp_store_delete_booking(st, "C1", &errs), MP_EDATA);
	assert_true(has_msg(&errs, MP_EDATA, "case 'C1' has no booking"));
	assert_int_equal(load_ok(st, &got), 4);
	assert_null(mp_dataset_booking(&got, "C1"));
	assert_int_equal(got.n_bookings, 2);
	mp_dataset_release(&got);
	mp_dataset_release(&ds);
	mp_errors_release(&errs);
	mp_store_close(st);
}

static void small_plan(mp_plan *p, const char *scenario, double persons)
{
	mp_plan_init(p);
	p->scenario = mp_xstrdup(scenario);
	p->as_of = tb_date("2026-12-01");
	p->status = MP_PLAN_OPTIMAL;
	p->objective.weighted_persons = persons;
	p->bound = persons;
	p->input_digest = mp_xstrdup("abc123");
	p->wall_seconds = 1.5;
	mp_assignment *a = mp_plan_add_assignment(p);
	a->case_id = mp_xstrdup("C1");
	mp_strv_push(&a->flights, &a->n_flights, "F2");
	a->departs = tb_datetime("2026-12-14T06:15+04:30");
	a->arrives = tb_datetime("2026-12-14T09:40:30+03:00");
	mp_quota_use *q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("Q1");
	q->max_persons = 120;
	q->persons = 1;
	q->max_cases = MP_ABSENT;
}

static void plans_and_runs(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_errors errs;
	mp_errors_init(&errs);
	mp_dataset ds, got;
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	int64_t rev = load_ok(st, &got);
	mp_dataset_release(&got);

	mp_plan p, q, r;
	assert_int_equal(mp_store_latest_plan(st, "baseline", &r, &errs), MP_ENOPLAN);
	assert_true(has_msg(&errs, MP_ENOPLAN,
			    "no plan for scenario 'baseline'; run `movplan plan` first"));

	/* the data moves while a plan solves: nothing saved */
	small_plan(&p, "baseline", 1);
	import_ok(st, &ds);
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_EBUSY);
	assert_true(has_msg(&errs, MP_EBUSY,
			    "the data changed while the plan was being solved; plan again"));
	assert_null(p.id);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM plans"), 0);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM runs"), 0);

	assert_int_equal(mp_store_revision(st, &rev, &errs), MP_OK);
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_OK);
	assert_non_null(p.id);
	assert_true(p.id[0] == 'P' && strchr(p.id, '-'));
	assert_true(mp_id_valid(p.id));
	assert_non_null(p.created);
	small_plan(&q, "baseline", 2);
	assert_int_equal(mp_store_save_plan(st, &q, rev, &errs), MP_OK);
	assert_string_not_equal(p.id, q.id); /* unique within one second too */
	int64_t rev2 = -1;
	assert_int_equal(mp_store_revision(st, &rev2, &errs), MP_OK);
	assert_int_equal(rev2, rev); /* plans do not bump the revision */

	assert_int_equal(mp_store_latest_plan(st, "baseline", &r, &errs), MP_OK);
	assert_string_equal(r.id, q.id);
	assert_true(r.objective.weighted_persons == 2);
	assert_string_equal(r.created, q.created);
	assert_string_equal(r.input_digest, "abc123");
	assert_true(r.wall_seconds == 1.5);
	assert_int_equal(r.n_assignments, 1);
	assert_int_equal(r.assignments[0].departs.utc, q.assignments[0].departs.utc);
	assert_int_equal(r.assignments[0].arrives.offset_min, 180);
	assert_int_equal(r.quotas[0].max_cases, MP_ABSENT);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM runs"), 2);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM runs r JOIN plans p"
				 " ON p.id = r.plan_id WHERE r.weighted_persons = 2"), 1);
	assert_int_equal(sql_int(s->db, "SELECT json_extract(options, '$.weights.urgent')"
				 " FROM runs LIMIT 1"), 10);
	mp_plan_release(&r);
	assert_int_equal(mp_store_latest_plan(st, "other", &r, &errs), MP_ENOPLAN);

	/* an id given twice */
	mp_plan_release(&q);
	small_plan(&q, "baseline", 3);
	q.id = mp_xstrdup(p.id);
	assert_int_equal(mp_store_save_plan(st, &q, rev, &errs), MP_EDATA);
	mp_plan_release(&q);
	mp_plan_release(&p);
	mp_dataset_release(&ds);
	mp_errors_release(&errs);
	mp_store_close(st);
}

/* A plan of small_plan's shape whose C1 itinerary digest is d. */
static void plan_with_digest(mp_plan *p, double persons, uint64_t d, int legs)
{
	small_plan(p, "baseline", persons);
	p->outputs = mp_xcalloc(1, sizeof *p->outputs);
	p->outputs->v = mp_xcalloc(2, sizeof *p->outputs->v);
	p->outputs->n = 2;
	p->outputs->v[0] = (mp_output_digest){MP_OUT_ITINERARY, mp_xstrdup("C1"), d, legs, true};
	p->outputs->v[1] = (mp_output_digest){MP_OUT_MANIFEST, mp_xstrdup("F2"), d + 1, 0, false};
}

static int journey_seq(mp_store *st, const char *case_id, mp_journey *j)
{
	bool found = false;
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_store_journey(st, "baseline", case_id, j, &found, &errs), MP_OK);
	mp_errors_release(&errs);
	return found ? j->sequence : -1;
}

/* The run history: runs with and without plans, a run's plan and the
 * one before, digests back, journeys' SEQUENCE, pruning. */
static void run_history(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_errors errs;
	mp_errors_init(&errs);
	mp_dataset ds, got;
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	int64_t rev = load_ok(st, &got);
	mp_dataset_release(&got);
	mp_plan p[3], r;
	mp_journey j;
	plan_with_digest(&p[0], 1, 100, 2);
	assert_int_equal(mp_store_save_plan(st, &p[0], rev, &errs), MP_OK);
	assert_int_equal(journey_seq(st, "C1", &j), 0);
	assert_true(j.legs == 2 && j.ftt);
	mp_run failed = {.scenario = "baseline", .command = "plan", .outcome = MP_EBUSY,
			 .message = "the data changed while the plan was being solved"};
	assert_int_equal(mp_store_record_run(st, &failed, &errs), MP_OK);
	plan_with_digest(&p[1], 2, 100, 2); /* same journey: same SEQUENCE */
	assert_int_equal(mp_store_save_plan(st, &p[1], rev, &errs), MP_OK);
	assert_int_equal(journey_seq(st, "C1", &j), 0);
	plan_with_digest(&p[2], 3, 200, 1); /* changed, one leg less */
	assert_int_equal(mp_store_save_plan(st, &p[2], rev, &errs), MP_OK);
	assert_int_equal(journey_seq(st, "C1", &j), 1);
	assert_int_equal(j.legs, 2); /* the most ever published: leg 2 to cancel */
	mp_booking b = {.case_id = "C1", .flights = (char *[]){"F2"}, .n_flights = 1,
			.status = MP_BOOK_CONFIRMED, .ftt_date = MP_NODATE};
	assert_int_equal(mp_store_put_booking(st, &b, &errs), MP_OK);
	assert_int_equal(journey_seq(st, "C1", &j), 2); /* a confirm: a new version */
	assert_int_equal(journey_seq(st, "C9", &j), -1);

	mp_run *runs = NULL;
	int n = 0;
	assert_int_equal(mp_store_runs(st, NULL, &runs, &n, &errs), MP_OK);
	assert_int_equal(n, 4);
	assert_true(runs[1].outcome == MP_EBUSY && !runs[1].plan_id && !runs[1].status);
	assert_string_equal(runs[1].message, failed.message);
	assert_true(runs[2].outcome == 0 && runs[2].has_plan && runs[2].weighted_persons == 2);
	assert_string_equal(runs[3].plan_id, p[2].id);
	mp_runs_free(runs, n);

	assert_int_equal(mp_store_plan_by_run(st, "2", &r, &errs), MP_ENOPLAN);
	mp_plan_release(&r);
	assert_int_equal(mp_store_plan_by_run(st, "3", &r, &errs), MP_OK);
	assert_string_equal(r.id, p[1].id);
	mp_plan_release(&r);
	assert_int_equal(mp_store_plan_by_run(st, p[0].id, &r, &errs), MP_OK);
	assert_true(r.objective.weighted_persons == 1);
	mp_plan_release(&r);
	assert_int_equal(mp_store_plan_by_run(st, "nope", &r, &errs), MP_EDATA);
	mp_plan_release(&r);
	assert_int_equal(mp_store_previous_plan(st, p[2].id, &r, &errs), MP_OK);
	assert_string_equal(r.id, p[1].id);
	mp_plan_release(&r);
	assert_int_equal(mp_store_previous_plan(st, p[0].id, &r, &errs), MP_ENOPLAN);
	mp_plan_release(&r);
	mp_outputs out;
	assert_int_equal(mp_store_plan_outputs(st, p[2].id, &out, &errs), MP_OK);
	assert_int_equal(out.n, 2);
	assert_true(mp_outputs_find(&out, MP_OUT_ITINERARY, "C1")->digest == 200);
	mp_outputs_release(&out);

	/* keep 2: runs 1 and 2 go (1's plan with it), the latest plan stays */
	int plans = 0, gone = 0;
	assert_int_equal(mp_store_prune_runs(st, 0, &plans, &gone, &errs), MP_EUSAGE);
	assert_int_equal(mp_store_prune_runs(st, 2, &plans, &gone, &errs), MP_OK);
	assert_int_equal(plans, 1);
	assert_int_equal(gone, 2);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM plan_outputs"), 2);
	assert_int_equal(mp_store_prune_runs(st, 1, &plans, &gone, &errs), MP_OK);
	assert_int_equal(plans, 1);
	assert_int_equal(mp_store_latest_plan(st, "baseline", &r, &errs), MP_OK);
	assert_string_equal(r.id, p[2].id);
	mp_plan_release(&r);
	assert_int_equal(journey_seq(st, "C1", &j), 2); /* journeys outlive pruning */
	for (int i = 0; i < 3; i++)
		mp_plan_release(&p[i]);
	mp_dataset_release(&ds);
	mp_errors_release(&errs);
	mp_store_close(st);
}

static void scenarios(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 1);
	mp_errors errs;
	mp_errors_init(&errs);
	const char *la[] = {"{\"flights\": [{\"id\": \"F1\", \"remove\": true}]}", "{\"quotas\": []}"};
	const char *na[] = {"cancel.json", "quota.json"};
	const char *lb[] = {"{\"mission\": {\"horizon_days\": 30}}"};
	assert_int_equal(mp_store_scenario_create(st, "a", NULL, la, na, 2, &errs), MP_OK);
	assert_int_equal(mp_store_scenario_create(st, "b", "a", lb, NULL, 1, &errs), MP_OK);
	assert_int_equal(mp_store_scenario_create(st, "c", "baseline", NULL, NULL, 0, &errs), MP_OK);
	assert_int_equal(mp_store_scenario_create(st, "a", NULL, lb, NULL, 1, &errs), MP_EDATA);
	assert_true(has_msg(&errs, MP_EDATA, "scenario 'a' already exists"));
	assert_int_equal(mp_store_scenario_create(st, "baseline", NULL, lb, NULL, 1, &errs),
			 MP_EDATA);
	assert_int_equal(mp_store_scenario_create(st, "d", "nope", lb, NULL, 1, &errs), MP_EDATA);
	assert_true(has_msg(&errs, MP_EDATA, "scenario 'nope' does not exist"));

	char **json = NULL, **names = NULL;
	int n = -1;
	assert_int_equal(mp_store_scenario_layers(st, "b", &json, &names, &n, &errs), MP_OK);
	assert_int_equal(n, 3); /* a's two, then b's own */
	assert_string_equal(json[0], la[0]);
	assert_string_equal(json[1], la[1]);
	assert_string_equal(json[2], lb[0]);
	assert_string_equal(names[0], "cancel.json");
	assert_null(names[2]);
	mp_strv_free(json, n);
	mp_strv_free(names, n);
	assert_int_equal(mp_store_scenario_layers(st, "baseline", &json, &names, &n, &errs), MP_OK);
	assert_int_equal(n, 0);
	assert_int_equal(mp_store_scenario_layers(st, "zz", &json, &names, &n, &errs), MP_EDATA);
	assert_int_equal(n, 0);

	/* a plan for b and one for baseline */
	mp_dataset ds;
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	int64_t rev;
	assert_int_equal(mp_store_revision(st, &rev, &errs), MP_OK);
	mp_plan p;
	small_plan(&p, "b", 1);
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_OK);
	mp_plan_release(&p);
	small_plan(&p, "gone", 1); /* a scenario dropped while its plan solved */
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_EBUSY);
	mp_plan_release(&p);
	small_plan(&p, "baseline", 1);
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_OK);
	mp_plan_release(&p);

	mp_scenario_info *list = NULL;
	assert_int_equal(mp_store_scenario_list(st, &list, &n, &errs), MP_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[0].name, "baseline");
	assert_true(list[0].has_plan);
	assert_string_equal(list[1].name, "a");
	assert_int_equal(list[1].n_layers, 2);
	assert_null(list[1].base);
	assert_false(list[1].has_plan);
	assert_non_null(list[1].created);
	assert_string_equal(list[2].name, "b");
	assert_string_equal(list[2].base, "a");
	assert_true(list[2].has_plan);
	assert_null(list[3].base); /* "baseline" base stored as the imported data */
	mp_scenario_info_free(list, n);

	assert_int_equal(mp_store_scenario_drop(st, "a", &errs), MP_EDATA);
	assert_true(has_msg(&errs, MP_EDATA, "scenario 'a' is the base of scenario 'b'"));
	assert_int_equal(mp_store_scenario_drop(st, "zz", &errs), MP_EDATA);
	assert_int_equal(mp_store_scenario_drop(st, "baseline", &errs), MP_EDATA);
	assert_int_equal(mp_store_scenario_drop(st, "b", &errs), MP_OK);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM plans WHERE scenario = 'b'"), 0);
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM runs"), 2); /* history stays */
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM scenario_layers"), 2);
	assert_int_equal(mp_store_scenario_drop(st, "a", &errs), MP_OK);
	assert_int_equal(mp_store_scenario_list(st, &list, &n, &errs), MP_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[1].name, "c");
	mp_scenario_info_free(list, n);
	mp_dataset_release(&ds);
	mp_errors_release(&errs);
	mp_store_close(st);
}

/* ---- a writer killed mid-transaction ---- */

#define OLD_CASES 100
#define BIG_CASES 20000

static void big_dataset(mp_dataset *ds, int n_cases, int n_members, const char *family)
{
	mp_dataset_init(ds);
	ds->mission.present = true;
	ds->mission.id = mp_xstrdup("M1");
	ds->mission.origin = mp_xstrdup("KBL");
	ds->mission.horizon_days = 90;
	for (int i = 0; i < n_cases; i++) {
		mp_case *c = mp_dataset_add_case(ds);
		c->id = mp_xasprintf("C%05d", i);
		c->dest_country = mp_xstrdup("CA");
		c->ready = tb_date("2026-12-01");
		c->origin = mp_xstrdup("KBL");
		for (int j = 0; j < n_members; j++) {
			mp_member *m = mp_case_add_member(c);
			m->id = mp_xasprintf("C%05d-%d", i, j);
			m->family_name = mp_xstrdup(family);
			m->sex = j % 2 ? 'M' : 'F';
			m->birth_date = tb_date("1990-01-01") + i % 5000;
			m->nationality = mp_xstrdup("AFG");
			m->ssr = j == 2 ? 1u << MP_SSR_WCHR : 0;
			tb_document(&m->document, "P", "N1", "AFG", "2030-01-01");
		}
	}
}

/* 'o' old, 'n' new complete, '?' anything else. */
static char db_state(const char *path)
{
	mp_store *st = open_ok(path, 5);
	mp_dataset got;
	int64_t rev = load_ok(st, &got);
	mp_store_close(st);
	bool old = rev == 1 && got.n_cases == OLD_CASES;
	bool fresh = rev == 2 && got.n_cases == BIG_CASES;
	for (int i = 0; i < got.n_cases && (old || fresh); i++) {
		const mp_case *c = &got.cases[i];
		int want = old ? 2 : 3;
		if (c->n_members != want ||
		    strcmp(c->members[0].family_name, old ? "old" : "new") != 0)
			old = fresh = false;
	}
	mp_dataset_release(&got);
	return old ? 'o' : fresh ? 'n' : '?';
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Forks a child that imports big and is killed delay seconds after it
 * starts the import (never when delay < 0); returns the seconds from
 * the start of the import to the child's end. */
static double run_child(const char *path, const mp_dataset *big, double delay)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		mp_errors errs;
		mp_store *st = NULL;
		mp_errors_init(&errs);
		close(fds[0]);
		if (mp_store_open(path, 5, MP_STORE_CREATE, &st, &errs))
			_exit(3);
		if (write(fds[1], "x", 1) != 1)
			_exit(4);
		int rc = mp_store_import(st, big, &errs);
		mp_store_close(st);
		_exit(rc ? 1 : 0);
	}
	close(fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 1);
	double t0 = now_s();
	if (delay >= 0) {
		struct timespec ts = {(time_t)delay, (long)((delay - (time_t)delay) * 1e9)};
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	double t = now_s() - t0;
	close(fds[0]);
	if (delay < 0) {
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	return t;
}

static void fresh_old_db(const char *path)
{
	remove_db(path);
	mp_dataset old;
	big_dataset(&old, OLD_CASES, 2, "old");
	mp_store *st = open_ok(path, 5);
	import_ok(st, &old);
	mp_store_close(st);
	mp_dataset_release(&old);
}

static void killed_writer(void **state)
{
	scratch *s = *state;
	mp_dataset big;
	big_dataset(&big, BIG_CASES, 3, "new");
	/* calibrate: an import left to finish */
	fresh_old_db(s->db);
	double t_import = run_child(s->db, &big, -1);
	assert_int_equal(db_state(s->db), 'n');
	unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	int n_old = 0;
	for (int i = 0; i < 3; i++) {
		fresh_old_db(s->db);
		double delay = t_import * (0.05 + 0.55 * (rand_r(&seed) / (double)RAND_MAX));
		run_child(s->db, &big, delay);
		sqlite3 *h;
		sqlite3_stmt *q;
		assert_int_equal(sqlite3_open(s->db, &h), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
		sqlite3_finalize(q);
		sqlite3_close(h);
		char state_c = db_state(s->db);
		assert_true(state_c == 'o' || state_c == 'n');
		n_old += state_c == 'o';
	}
	print_message("killed writer: import %.2f s, %d of 3 kills left the old data\n",
		      t_import, n_old);
	assert_true(n_old >= 1); /* at least one kill landed inside the transaction */
	mp_dataset_release(&big);
}

/* ---- a writer that meets a held lock ---- */

static void busy_writer(void **state)
{
	scratch *s = *state;
	mp_store *st = open_ok(s->db, 0.2);
	mp_dataset ds, other, got, want;
	tb_full_dataset(&ds);
	import_ok(st, &ds);
	mp_dataset_copy(&want, &ds);
	mp_dataset_sort(&want);
	big_dataset(&other, 5, 1, "x");
	free(other.mission.id);
	other.mission.id = mp_xstrdup("M-AFG-2026");

	/* a reader does not block a writer (WAL) */
	sqlite3 *h;
	assert_int_equal(sqlite3_open(s->db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN; SELECT count(*) FROM cases;", NULL, NULL, NULL),
			 SQLITE_OK);
	mp_booking b = {0};
	b.case_id = "C3";
	b.status = MP_BOOK_PROPOSED;
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_store_put_booking(st, &b, &errs), MP_OK);
	assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	int64_t rev = load_ok(st, &got);
	mp_dataset_release(&got);

	/* a writer does */
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	double t0 = now_s();
	assert_int_equal(mp_store_import(st, &other, &errs), MP_EBUSY);
	double waited = now_s() - t0;
	assert_true(has_msg(&errs, MP_EBUSY,
			    "database is busy (another movplan is writing); try again"));
	assert_true(waited >= 0.15 && waited < 5);
	mp_plan p;
	small_plan(&p, "baseline", 1);
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_EBUSY);
	assert_int_equal(mp_store_scenario_create(st, "x", NULL, NULL, NULL, 0, &errs), MP_EBUSY);
	/* reads still work while the lock is held */
	assert_int_equal(load_ok(st, &got), rev);
	mp_dataset_release(&got);
	assert_int_equal(sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	assert_int_equal(load_ok(st, &got), rev); /* nothing changed */
	assert_int_equal(got.n_cases, 3);
	assert_null(mp_dataset_case(&got, "C00000"));
	assert_int_equal(sql_int(s->db, "SELECT count(*) FROM plans"), 0);
	mp_dataset_release(&got);
	/* and once the lock is gone the same calls succeed */
	assert_int_equal(mp_store_save_plan(st, &p, rev, &errs), MP_OK);
	import_ok(st, &other);
	mp_plan_release(&p);
	mp_dataset_release(&ds);
	mp_dataset_release(&other);
	mp_dataset_release(&want);
	mp_errors_release(&errs);
	mp_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(mode_0600_whatever_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(round_trip_every_field, setup, teardown),
		cmocka_unit_test_setup_teardown(migrates_from_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(migrates_from_v2, setup, teardown),
		cmocka_unit_test_setup_teardown(reimport_replaces_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(other_mission_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(revisions_and_bookings, setup, teardown),
		cmocka_unit_test_setup_teardown(plans_and_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(run_history, setup, teardown),
		cmocka_unit_test_setup_teardown(scenarios, setup, teardown),
		cmocka_unit_test_setup_teardown(killed_writer, setup, teardown),
		cmocka_unit_test_setup_teardown(busy_writer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
