/*
 * store_runs.c - the run history read back (see store.h): the runs, the
 * plan of a run and the plan before it, the digests stored with a plan,
 * what a case's calendar was published with, the record of a run that
 * stored no plan, and pruning the history to its latest runs.
 */
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

static double col_num(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? 0 : sqlite3_column_double(s, i);
}

static void read_run(sqlite3_stmt *s, mp_run *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	r->started = st_col_str(s, 1);
	r->scenario = st_col_str(s, 2);
	r->command = st_col_str(s, 3);
	if (!r->command)
		r->command = mp_xstrdup("plan"); /* runs before schema 3 */
	r->outcome = sqlite3_column_int(s, 4); /* NULL reads 0: those stored a plan */
	r->message = st_col_str(s, 5);
	r->status = st_col_str(s, 6);
	r->levels = st_col_str(s, 7);
	r->weighted_persons = col_num(s, 8);
	r->changes = col_num(s, 9);
	r->waiting = col_num(s, 10);
	r->cost = col_num(s, 11);
	r->bound = col_num(s, 12);
	r->gap = col_num(s, 13);
	r->wall_seconds = col_num(s, 14);
	r->input_digest = st_col_str(s, 15);
	r->plan_id = st_col_str(s, 16);
	r->has_plan = sqlite3_column_int(s, 17) != 0;
}

static int runs_read(mp_store *st, const char *scenario, mp_run **runs, int *n,
		     mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_RUNS];
	st_bind_str(s, 1, scenario);
	int rc, cap = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		MP_GROW(*runs, *n, cap);
		read_run(s, &(*runs)[(*n)++]);
	}
	int r = rc == SQLITE_DONE ? MP_OK : st_fail(st, rc, errs);
	st_done(s);
	return r;
}

int mp_store_runs(mp_store *st, const char *scenario, mp_run **runs, int *n, mp_errors *errs)
{
	*runs = NULL;
	*n = 0;
	int rc = st_exec(st, "BEGIN", errs);
	if (rc)
		return rc;
	rc = st_finish(st, runs_read(st, scenario, runs, n, errs), errs);
	if (rc) {
		mp_runs_free(*runs, *n);
		*runs = NULL;
		*n = 0;
	}
	return rc;
}

void mp_runs_free(mp_run *runs, int n)
{
	for (int i = 0; runs && i < n; i++) {
		mp_run *r = &runs[i];
		free(r->started);
		free(r->scenario);
		free(r->command);
		free(r->message);
		free(r->status);
		free(r->levels);
		free(r->input_digest);
		free(r->plan_id);
	}
	free(runs);
}

int mp_store_record_run(mp_store *st, const mp_run *run, mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	return st_finish(st, st_insert_run(st, run, errs), errs);
}

/* The plan whose id is bound to statement s (one row, the body). */
static int plan_row(mp_store *st, sqlite3_stmt *s, const char *what, mp_plan *out,
		    mp_errors *errs)
{
	bool found;
	int rc = st_step_row(st, s, &found, errs);
	if (rc)
		return rc;
	if (!found) {
		st_done(s);
		st_err(errs, MP_ENOPLAN, st->path, "%s", what);
		return MP_ENOPLAN;
	}
	return st_plan_from_row(st, s, out, errs);
}

static bool all_digits(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The plan id of run number run (malloc'd; NULL when it stored none). */
static int run_plan_id(mp_store *st, const char *run, char **plan_id, mp_errors *errs)
{
	bool found;
	sqlite3_stmt *s = st->q[Q_RUN_PLAN_ID];
	sqlite3_bind_int64(s, 1, strtoll(run, NULL, 10));
	int rc = st_step_row(st, s, &found, errs);
	if (rc)
		return rc;
	*plan_id = found ? st_col_str(s, 0) : NULL;
	st_done(s);
	if (!found) {
		st_err(errs, MP_EDATA, st->path, "no run '%s' (see `movplan runs`)", run);
		return MP_EDATA;
	}
	if (!*plan_id) {
		st_err(errs, MP_ENOPLAN, st->path, "run %s stored no plan", run);
		return MP_ENOPLAN;
	}
	return MP_OK;
}

int mp_store_plan_by_run(mp_store *st, const char *run, mp_plan *out, mp_errors *errs)
{
	char *plan_id = NULL;
	mp_plan_init(out);
	int rc = all_digits(run) && strlen(run) < 18 ? run_plan_id(st, run, &plan_id, errs) : MP_OK;
	if (rc)
		return rc;
	const char *id = plan_id ? plan_id : run;
	sqlite3_stmt *s = st->q[Q_PLAN_BODY];
	st_bind_str(s, 1, id);
	char *what = plan_id ? mp_xasprintf("the plan of run %s (%s) was pruned", run, id)
			     : mp_xasprintf("no run or plan '%s' (see `movplan runs`)", run);
	rc = plan_row(st, s, what, out, errs);
	if (rc == MP_ENOPLAN && !plan_id) { /* neither a run nor a plan: a bad id */
		errs->v[errs->n - 1].status = MP_EDATA;
		rc = MP_EDATA;
	}
	free(what);
	free(plan_id);
	return rc;
}

int mp_store_previous_plan(mp_store *st, const char *plan_id, mp_plan *out, mp_errors *errs)
{
	mp_plan_init(out);
	sqlite3_stmt *s = st->q[Q_PREV_PLAN];
	st_bind_str(s, 1, plan_id);
	char *what = mp_xasprintf("no plan before '%s' in its scenario", plan_id);
	int rc = plan_row(st, s, what, out, errs);
	free(what);
	return rc;
}

int mp_store_plan_ids(mp_store *st, const char *scenario, char ***ids, int *n, mp_errors *errs)
{
	*ids = NULL;
	*n = 0;
	sqlite3_stmt *s = st->q[Q_PLAN_IDS];
	st_bind_str(s, 1, scenario);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		mp_strv_push(ids, n, (const char *)sqlite3_column_text(s, 0));
	int r = rc == SQLITE_DONE ? MP_OK : st_fail(st, rc, errs);
	st_done(s);
	return r;
}

int mp_store_plan_outputs(mp_store *st, const char *plan_id, mp_outputs *out, mp_errors *errs)
{
	bool found;
	mp_outputs_init(out);
	sqlite3_stmt *s = st->q[Q_GET_OUTPUTS];
	st_bind_str(s, 1, plan_id);
	int rc = st_step_row(st, s, &found, errs);
	if (rc)
		return rc;
	if (!found) {
		st_done(s);
		st_err(errs, MP_ENOPLAN, st->path, "plan '%s' has no stored output digests",
		       plan_id);
		return MP_ENOPLAN;
	}
	bool ok = mp_outputs_parse((const char *)sqlite3_column_text(s, 0), out);
	st_done(s);
	if (!ok) {
		mp_outputs_release(out);
		return st_damaged(st, "plan_outputs", errs);
	}
	return MP_OK;
}

int mp_store_journey(mp_store *st, const char *scenario, const char *case_id, mp_journey *out,
		     bool *found, mp_errors *errs)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *s = st->q[Q_GET_JOURNEY];
	st_bind_str(s, 1, scenario);
	st_bind_str(s, 2, case_id);
	int rc = st_step_row(st, s, found, errs);
	if (rc)
		return rc;
	if (*found) {
		out->sequence = sqlite3_column_int(s, 0);
		out->legs = sqlite3_column_int(s, 1);
		out->ftt = sqlite3_column_int(s, 2) != 0;
	}
	st_done(s);
	return MP_OK;
}

static int prune_locked(mp_store *st, int keep, int *plans, int *runs, mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_PRUNE_PLANS];
	sqlite3_bind_int(s, 1, keep);
	int rc = st_step_done(st, s, errs);
	*plans = rc ? 0 : sqlite3_changes(st->db);
	if (rc)
		return rc;
	s = st->q[Q_PRUNE_RUNS];
	sqlite3_bind_int(s, 1, keep);
	rc = st_step_done(st, s, errs);
	*runs = rc ? 0 : sqlite3_changes(st->db);
	return rc;
}

int mp_store_prune_runs(mp_store *st, int keep, int *plans_deleted, int *runs_deleted,
			mp_errors *errs)
{
	*plans_deleted = *runs_deleted = 0;
	if (keep < 1) {
		st_err(errs, MP_EUSAGE, NULL, "runs prune: --keep must be 1 or more");
		return MP_EUSAGE;
	}
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	return st_finish(st, prune_locked(st, keep, plans_deleted, runs_deleted, errs), errs);
}
