/*
 * store_scenarios.c - scenarios: a name, a base and layers, stored as
 * the JSON text of each layer tree and read back base first (see
 * store.h).
 */
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

bool st_is_baseline(const char *name)
{
	return !name || strcmp(name, "baseline") == 0;
}

/* Whether scenario name exists; its base (malloc'd, NULL for the
 * imported dataset) in *base when base is not NULL. */
int st_scenario_get(mp_store *st, const char *name, bool *found, char **base,
			mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_SCN_GET];
	st_bind_str(s, 1, name);
	int rc = st_step_row(st, s, found, errs);
	if (rc)
		return rc;
	if (base)
		*base = *found ? st_col_str(s, 0) : NULL;
	st_done(s);
	return MP_OK;
}

static int unknown_scenario(mp_store *st, const char *name, mp_errors *errs)
{
	st_err(errs, MP_EDATA, st->path, "scenario '%s' does not exist", name);
	return MP_EDATA;
}

static int scenario_insert(mp_store *st, const char *name, const char *base,
			   const char *const *layer_json, const char *const *layer_names,
			   int n_layers, mp_errors *errs)
{
	char *created = st_now_utc();
	sqlite3_stmt *s = st->q[Q_SCN_INS];
	st_bind_str(s, 1, name);
	st_bind_str(s, 2, st_is_baseline(base) ? NULL : base);
	st_bind_str(s, 3, created);
	free(created);
	int rc = st_step_done(st, s, errs);
	for (int i = 0; !rc && i < n_layers; i++) {
		s = st->q[Q_SCN_INS_LAYER];
		st_bind_str(s, 1, name);
		sqlite3_bind_int(s, 2, i);
		st_bind_str(s, 3, layer_names ? layer_names[i] : NULL);
		st_bind_str(s, 4, layer_json[i] ? layer_json[i] : "{}");
		rc = st_step_done(st, s, errs);
	}
	return rc;
}

static int scenario_create_locked(mp_store *st, const char *name, const char *base,
				  const char *const *layer_json,
				  const char *const *layer_names, int n_layers,
				  mp_errors *errs)
{
	bool found = false;
	if (st_is_baseline(name) || !mp_id_valid(name)) {
		st_err(errs, MP_EDATA, st->path, "scenario name '%s' is not allowed",
			name ? name : "");
		return MP_EDATA;
	}
	int rc = st_scenario_get(st, name, &found, NULL, errs);
	if (!rc && found) {
		st_err(errs, MP_EDATA, st->path, "scenario '%s' already exists", name);
		return MP_EDATA;
	}
	if (!rc && !st_is_baseline(base)) {
		rc = st_scenario_get(st, base, &found, NULL, errs);
		if (!rc && !found)
			return unknown_scenario(st, base, errs);
	}
	return rc ? rc : scenario_insert(st, name, base, layer_json, layer_names, n_layers, errs);
}

int mp_store_scenario_create(mp_store *st, const char *name, const char *base,
			     const char *const *layer_json, const char *const *layer_names,
			     int n_layers, mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	rc = scenario_create_locked(st, name, base, layer_json, layer_names, n_layers, errs);
	return st_finish(st, rc, errs);
}

static int scenario_drop_locked(mp_store *st, const char *name, mp_errors *errs)
{
	bool found = false;
	if (st_is_baseline(name)) {
		st_err(errs, MP_EDATA, st->path, "scenario 'baseline' cannot be dropped");
		return MP_EDATA;
	}
	int rc = st_scenario_get(st, name, &found, NULL, errs);
	if (rc || !found)
		return rc ? rc : unknown_scenario(st, name, errs);
	/* a scenario others build on cannot go: their chain would break */
	sqlite3_stmt *s = st->q[Q_SCN_CHILD];
	st_bind_str(s, 1, name);
	if ((rc = st_step_row(st, s, &found, errs)))
		return rc;
	if (found) {
		st_err(errs, MP_EDATA, st->path, "scenario '%s' is the base of scenario '%s'",
			name, (const char *)sqlite3_column_text(s, 0));
		st_done(s);
		return MP_EDATA;
	}
	st_done(s);
	if ((rc = st_run1(st, Q_SCN_DEL_PLANS, name, errs)))
		return rc;
	return st_run1(st, Q_SCN_DEL, name, errs);
}

int mp_store_scenario_drop(mp_store *st, const char *name, mp_errors *errs)
{
	int rc = st_begin_write(st, errs);
	if (rc)
		return rc;
	return st_finish(st, scenario_drop_locked(st, name, errs), errs);
}

/* Appends the layers of one scenario (in order) to the vectors. */
static int scenario_own_layers(mp_store *st, const char *name, char ***json, char ***names,
			       int *n, mp_errors *errs)
{
	sqlite3_stmt *s = st->q[Q_SCN_LAYERS];
	st_bind_str(s, 1, name);
	int rc, nn = *n;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		mp_strv_push(names, &nn, (const char *)sqlite3_column_text(s, 0));
		mp_strv_push(json, n, (const char *)sqlite3_column_text(s, 1));
	}
	int r = rc == SQLITE_DONE ? MP_OK : st_fail(st, rc, errs);
	st_done(s);
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
			rc = st_damaged(st, "scenarios", errs);
			break;
		}
		rc = st_scenario_get(st, cur, &found, &base, errs);
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
	if (st_is_baseline(name))
		return MP_OK;
	int rc = st_begin_read(st, errs);
	if (rc)
		return rc;
	rc = scenario_layers_read(st, name, layer_json, layer_names, n_layers, errs);
	rc = st_finish(st, rc, errs);
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
	st_bind_str(st->q[Q_HAS_PLAN], 1, "baseline");
	int rc = st_step_row(st, st->q[Q_HAS_PLAN], &found, errs);
	if (rc)
		return rc;
	si->has_plan = found && sqlite3_column_int(st->q[Q_HAS_PLAN], 0);
	st_done(st->q[Q_HAS_PLAN]);
	sqlite3_stmt *s = st->q[Q_SCN_LIST];
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		si = add_info(list, n);
		si->name = st_col_str(s, 0);
		si->base = st_col_str(s, 1);
		si->created = st_col_str(s, 2);
		si->n_layers = sqlite3_column_int(s, 3);
		si->has_plan = sqlite3_column_int(s, 4) != 0;
	}
	int r = rc == SQLITE_DONE ? MP_OK : st_fail(st, rc, errs);
	st_done(s);
	return r;
}

int mp_store_scenario_list(mp_store *st, mp_scenario_info **list, int *n, mp_errors *errs)
{
	*list = NULL;
	*n = 0;
	int rc = st_begin_read(st, errs);
	if (rc)
		return rc;
	rc = st_finish(st, scenario_list_read(st, list, n, errs), errs);
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
