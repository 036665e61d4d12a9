/*
 * store_plans.c - plans and the run history: a plan is saved with its
 * run record only if the data it was solved from is unchanged (SPEC 5),
 * and read back as the latest plan of a scenario (see store.h).
 */
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
	int rc = st_step_done(st, s, errs);
	if (!rc) {
		s = st->q[Q_INS_RUN];
		st_bind_str(s, 1, p->created);
		st_bind_str(s, 2, p->scenario);
		st_bind_str(s, 3, options);
		st_bind_str(s, 4, p->input_digest);
		bind_outcome(s, 5, p);
		st_bind_str(s, 13, p->id);
		rc = st_step_done(st, s, errs);
	}
	free(body);
	free(options);
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
	const char *body = (const char *)sqlite3_column_text(s, 0);
	size_t len = (size_t)sqlite3_column_bytes(s, 0);
	mp_node *root = mp_json_parse(st->path, body ? body : "", body ? len : 0, errs);
	st_done(s);
	if (!root)
		return MP_EINTERNAL;
	rc = mp_plan_decode(root, st->path, out, errs);
	mp_node_free(root);
	return rc ? MP_EINTERNAL : MP_OK;
}

