/*
 * cmd_demo.c - `movplan demo`: import the shipped example mission into a
 * scratch database, plan it, print the summary and write the report.
 */
#include <dirent.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "../io/files.h"
#include "../reports/reports.h"

struct demo_opts {
	const char *out;
	cli_solve_opts solve;
};

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The example mission: $MOVPLAN_EXAMPLES, ./examples/tirana, beside the
 * binary, or the installed share folder. */
static char *find_examples(void)
{
	const char *env = getenv("MOVPLAN_EXAMPLES");
	if (env && is_dir(env))
		return mp_xstrdup(env);
	if (is_dir("examples/tirana"))
		return mp_xstrdup("examples/tirana");
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *dir = dirname(exe);
	const char *tries[] = {"/examples/tirana", "/../../examples/tirana",
			       "/../share/movplan/examples/tirana"};
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		char *p = mp_xasprintf("%s%s", dir, tries[i]);
		if (is_dir(p))
			return p;
		free(p);
	}
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The JSON files of the example folder, sorted. */
static char **example_files(const char *dir, int *n)
{
	DIR *d = opendir(dir);
	char **v = NULL;
	*n = 0;
	if (!d)
		return NULL;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0) {
			char *path = mp_xasprintf("%s/%s", dir, e->d_name);
			mp_strv_push(&v, n, path); /* pushes a copy */
			free(path);
		}
	}
	closedir(d);
	qsort(v, (size_t)*n, sizeof *v, cmp_str);
	return v;
}

static int trailing_slashes(const char *s)
{
	int n = 0;
	for (size_t len = strlen(s); len > 1 && s[len - 1] == '/'; len--)
		n++;
	return n;
}

static void remove_db(const char *db)
{
	const char *suffix[] = {"", "-wal", "-shm", "-journal"};
	for (int i = 0; i < 4; i++) {
		char *p = mp_xasprintf("%s%s", db, suffix[i]);
		unlink(p);
		free(p);
	}
}

static int import_examples(mp_ctx *ctx, char **files, int n)
{
	mp_dataset incoming, combined;
	mp_dataset_init(&incoming);
	mp_dataset_init(&combined);
	ctx->argv = files; /* cli_read_and_validate reads ctx->argv */
	ctx->argc = n;
	int rc = cli_read_and_validate(ctx, ctx->store, &incoming, &combined);
	if (rc == MP_OK)
		rc = mp_store_import(ctx->store, &incoming, &ctx->errs);
	mp_dataset_release(&incoming);
	mp_dataset_release(&combined);
	return rc;
}

static int plan_and_report(mp_ctx *ctx, const char *out, const char *db)
{
	const struct demo_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	int64_t rev;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_scenario(ctx, "baseline", &ds, &rev);
	if (rc == MP_OK)
		rc = cli_run_planner(ctx, &o->solve, &ds, "baseline", NULL, &plan);
	if (rc == MP_OK)
		rc = mp_store_save_plan(ctx->store, &plan, rev, &ctx->errs);
	if (rc == MP_OK)
		cli_print_plan_summary(ctx, &ds, &plan);
	if (rc == MP_OK)
		rc = mp_report_write_dir(out, &ds, &plan, NULL, &ctx->errs);
	if (rc == MP_OK && !ctx->json) {
		printf("\nreport: %s/index.html (also plan.json and CSV tables)\n", out);
		printf("database: %s; try:\n", db);
		printf("  movplan --db %s explain %s\n", db,
		       plan.n_unassigned ? plan.unassigned[0].case_id
		       : plan.n_assignments ? plan.assignments[0].case_id : "CASE");
		if (plan.n_assignments)
			printf("  movplan --db %s itinerary %s\n  movplan --db %s manifest %s\n", db,
			       plan.assignments[0].case_id, db, plan.assignments[0].flights[0]);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

static int run(mp_ctx *ctx)
{
	const struct demo_opts *o = ctx->opts;
	const char *out = o->out;
	char *dir = find_examples(), *db = NULL;
	char **files = NULL;
	int n = 0, rc;
	if (!dir) {
		mp_errors_addf(&ctx->errs, MP_ENOINPUT,
			       "cannot find the example mission (examples/tirana); set MOVPLAN_EXAMPLES");
		return MP_ENOINPUT;
	}
	files = example_files(dir, &n);
	if (n == 0) {
		mp_errors_addf(&ctx->errs, MP_ENOINPUT, "%s: no example files", dir);
		rc = MP_ENOINPUT;
		goto out;
	}
	/* the database beside the report folder: the folder is replaced whole */
	db = mp_xasprintf("%.*s.db", (int)strlen(out) - trailing_slashes(out), out);
	char *slash = strrchr(db, '/');
	if (slash && slash != db) {
		*slash = '\0';
		rc = mp_mkdir_p(db, &ctx->errs);
		*slash = '/';
		if (rc != MP_OK)
			goto out;
	}
	remove_db(db); /* a scratch database, new every run */
	if ((rc = mp_store_open(db, ctx->busy_timeout, MP_STORE_CREATE, &ctx->store, &ctx->errs)) != MP_OK)
		goto out;
	cli_note(ctx, "importing the example mission from %s (%d files)", dir, n);
	if ((rc = import_examples(ctx, files, n)) == MP_OK)
		rc = plan_and_report(ctx, out, db);
out:
	ctx->argc = 0;
	ctx->argv = NULL;
	mp_strv_free(files, n);
	free(dir);
	free(db);
	return rc;
}

const mp_cmd mp_cmd_demo = {
	.name = "demo",
	.usage = "[--out DIR] [--time-limit SEC]",
	.summary = "plan the shipped example mission in a scratch database and write its report",
	.help = "Imports examples/tirana into DIR.db (new every run), plans it, prints the\n"
		"summary and writes the report to DIR (default ./movplan-demo).",
	.max_args = 0,
	/* a demo answers in seconds; `movplan plan` keeps SPEC's 60 s */
	CLI_OPTS(struct demo_opts, .out = "movplan-demo", .solve.time_limit = 10),
	.opts = {
		OPT_STR(struct demo_opts, out, "out",
			"the report folder (default movplan-demo); the scratch database is DIR.db"),
		CLI_SOLVE_OPTS(struct demo_opts, solve, "seconds per solve (default 10)"),
	},
	.run = run,
};
