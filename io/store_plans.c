/*
 * store_plans.c - plans and the run history: a plan is saved with its
 * run record, the digests of its outputs and its cases' journeys, only
 * if the data it was solved from is unchanged (SPEC 5), and read back as
 * the latest plan of a scenario (see store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store_int.h"
#include "json.h"
#include "plan_json.h"

char *st_now_utc(void)
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
		st_bind_str(st->q[Q_PLAN_EXISTS], 1, cand);
		int rc = st_step_row(st, st->q[Q_PLAN_EXISTS], &found, errs);
		st_done(st->q[Q_PLAN_EXISTS]);
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
	st_bind_str(s, i, mp_plan_status_names[p->status]);
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

/* A run record: the plan's (with its options JSON), or run's alone. */
static int insert_run(mp_store *st, const mp_run *run, const mp_plan *p, const char *options,
		      mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_INS_RUN];
	char *now = p || run->started ? NULL : st_now_utc();
	st_bind_str(s, 1, p ? p->created : run->started ? run->started : now);
	free(now); /* bound with SQLITE_TRANSIENT: copied */
	st_bind_str(s, 2, p ? p->scenario : run->scenario ? run->scenario : "baseline");
	st_bind_str(s, 3, options);
	st_bind_str(s, 4, p ? p->input_digest : run->input_digest);
	if (p) {
		bind_outcome(s, 5, p);
		st_bind_str(s, 13, p->id);
	} else if (run->wall_seconds > 0) {
		sqlite3_bind_double(s, 12, run->wall_seconds);
	}
	st_bind_str(s, 14, run->command ? run->command : "plan");
	sqlite3_bind_int(s, 15, run->outcome);
	st_bind_str(s, 16, run->message);
	st_bind_str(s, 17, run->levels);
	return st_step_done(st, s, errs);
}

int st_insert_run(mp_store *st, const mp_run *run, mp_errors *errs)
{
	return insert_run(st, run, NULL, NULL, errs);
}

/* Each itinerary digest of o as the journey of its case in scenario:
 * q is Q_PUT_JOURNEY (a new version when the digest differs) or
 * Q_SEED_JOURNEY (only where the case has none). */
static int put_journeys(mp_store *st, enum q q, const char *scenario, const mp_outputs *o,
			mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; !rc && i < o->n; i++) {
		const mp_output_digest *d = &o->v[i];
		if (d->kind != MP_OUT_ITINERARY)
			continue;
		char hex[24];
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)d->digest);
		sqlite3_stmt *s = st->q[q];
		st_bind_str(s, 1, scenario);
		st_bind_str(s, 2, d->key);
		st_bind_str(s, 3, hex);
		sqlite3_bind_int(s, 4, d->legs);
		sqlite3_bind_int(s, 5, d->ftt);
		rc = st_step_done(st, s, errs);
	}
	return rc;
}

int mp_store_seed_journeys(mp_store *st, const char *scenario, const mp_outputs *o,
			   mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	return st_finish(st, put_journeys(st, Q_SEED_JOURNEY, scenario, o, errs), errs);
}

/* The digests of the plan's outputs, and each case's journey. */
static int insert_outputs(mp_store *st, const mp_plan *p, mp_errors *errs)
{
	if (!p->outputs)
		return MP_OK;
	char *text = mp_outputs_format(p->outputs);
	sqlite3_stmt *s = st->q[Q_INS_OUTPUTS];
	st_bind_str(s, 1, p->id);
	st_bind_str(s, 2, text);
	free(text);
	int rc = st_step_done(st, s, errs);
	return rc ? rc : put_journeys(st, Q_PUT_JOURNEY, p->scenario, p->outputs, errs);
}

static int insert_plan(mp_store *st, const mp_plan *p, mp_errors *errs)
{
	char *body = NULL, *options = NULL;
	plan_texts(p, &body, &options);
	sqlite3_stmt *s = st->q[Q_INS_PLAN];
	st_bind_str(s, 1, p->id);
	st_bind_str(s, 2, p->scenario);
	st_bind_str(s, 3, p->created);
	bind_outcome(s, 4, p);
	st_bind_str(s, 12, p->input_digest);
	st_bind_str(s, 13, body);
	free(body);
	int rc = st_step_done(st, s, errs);
	mp_run run = {.command = "plan", .outcome = MP_OK};
	if (!rc)
		rc = insert_run(st, &run, p, options, errs);
	free(options);
	if (!rc)
		rc = insert_outputs(st, p, errs);
	return rc;
}

/* SPEC 5: a plan commits only if the data it read is unchanged. */
static int save_plan_locked(mp_store *st, mp_plan *plan, int64_t revision, mp_errors *errs)
{
	int64_t now_rev = 0;
	int rc = st_read_revision(st, &now_rev, errs);
	if (rc)
		return rc;
	if (now_rev != revision) {
		st_err(errs, MP_EBUSY, st->path,
			"the data changed while the plan was being solved; plan again");
		return MP_EBUSY;
	}
	bool found = true;
	if (!st_is_baseline(plan->scenario) &&
	    (rc = st_scenario_get(st, plan->scenario, &found, NULL, errs)))
		return rc;
	if (!found) { /* dropped meanwhile */
		st_err(errs, MP_EBUSY, st->path, "scenario '%s' changed while the plan was"
			" being solved; plan again", plan->scenario);
		return MP_EBUSY;
	}
	if (!plan->created)
		plan->created = st_now_utc();
	if (!plan->id && (rc = new_plan_id(st, plan->created, &plan->id, errs)))
		return rc;
	st_bind_str(st->q[Q_PLAN_EXISTS], 1, plan->id);
	rc = st_step_row(st, st->q[Q_PLAN_EXISTS], &found, errs);
	st_done(st->q[Q_PLAN_EXISTS]);
	if (!rc && found) {
		st_err(errs, MP_EDATA, st->path, "plan '%s' already exists", plan->id);
		rc = MP_EDATA;
	}
	return rc ? rc : insert_plan(st, plan, errs);
}

int mp_store_save_plan(mp_store *st, mp_plan *plan, int64_t revision, mp_errors *errs)
{
	bool had_id = plan->id != NULL, had_created = plan->created != NULL;
	if (!plan->scenario)
		plan->scenario = mp_xstrdup("baseline");
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	rc = st_finish(st, save_plan_locked(st, plan, revision, errs), errs);
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

int st_plan_from_row(mp_store *st, sqlite3_stmt *s, mp_plan *out, mp_errors *errs)
{
	mp_plan_init(out);
	const char *body = (const char *)sqlite3_column_text(s, 0);
	size_t len = (size_t)sqlite3_column_bytes(s, 0);
	mp_node *root = mp_json_parse(st->path, body ? body : "", body ? len : 0, errs);
	st_done(s);
	if (!root)
		return MP_EINTERNAL;
	int rc = mp_plan_decode(root, st->path, out, errs);
	mp_node_free(root);
	return rc ? MP_EINTERNAL : MP_OK;
}

int mp_store_latest_plan(mp_store *st, const char *scenario, mp_plan *out, mp_errors *errs)
{
	mp_plan_init(out);
	bool found;
	sqlite3_stmt *s = st->q[Q_LATEST_PLAN];
	st_bind_str(s, 1, scenario);
	int rc = st_step_row(st, s, &found, errs);
	if (rc)
		return rc;
	if (!found) {
		st_done(s);
		st_err(errs, MP_ENOPLAN, st->path,
			"no plan for scenario '%s'; run `movplan plan` first", scenario);
		return MP_ENOPLAN;
	}
	return st_plan_from_row(st, s, out, errs);
}

