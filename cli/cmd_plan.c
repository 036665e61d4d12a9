/*
 * cmd_plan.c - `movplan plan`: build the best plan of a scenario, store
 * it (only if the data did not change meanwhile: SPEC 5), print a
 * summary, write the plan JSON.  `--stateless FILE...` plans files
 * without a database.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../io/json.h"
#include "../io/plan_json.h"
#include "../models/validate.h"
#include "../reports/changes.h"

struct plan_opts {
	const char *scenario, *out;
	bool stateless;
	cli_solve_opts solve;
};

/* A test hook (git's GIT_TEST_* habit): $MOVPLAN_TEST_SAVE_FIFO names
 * a FIFO; once solved, before saving, the plan writes "solved" to it and
 * waits for a line back, so a test changes the data while the plan
 * "solves" without sleeping. */
static void test_hook_before_save(void)
{
	const char *fifo = getenv("MOVPLAN_TEST_SAVE_FIFO");
	char line[16];
	if (!fifo)
		return;
	FILE *f = fopen(fifo, "w");
	if (f) {
		fputs("solved\n", f);
		fclose(f);
	}
	f = fopen(fifo, "r");
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		fclose(f);
	}
}

static int write_plan_json(mp_ctx *ctx, const mp_plan *plan, const char *path)
{
	mp_node *tree = mp_plan_encode(plan);
	char *text = mp_json_write(tree);
	int rc = cli_write_output(ctx, path, text, strlen(text));
	free(text);
	mp_node_free(tree);
	return rc;
}

/* The summary and what changed since the reference (SPEC 4), unless
 * --quiet; conflicts to stderr always (cron mails what it prints). */
static void print_outcome(mp_ctx *ctx, const mp_dataset *ds, const mp_plan *ref,
			  const mp_plan *plan)
{
	if (!(ctx->quiet && !ctx->json)) {
		mp_changes ch;
		mp_changes_compute(ds, ref, plan, NULL, NULL, &ch);
		cli_print_plan_summary_with(ctx, ds, plan, &ch);
		mp_changes_release(&ch);
	}
	cli_report_conflicts(ctx, plan);
}

static int run_stateless(mp_ctx *ctx)
{
	const struct plan_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_read_files(ctx, ctx->argv, ctx->argc, &ds);
	if (rc != MP_OK)
		goto out;
	mp_dataset_defaults(&ds);
	mp_dataset_sort(&ds);
	if (mp_validate(&ds, &ctx->errs)) {
		rc = MP_EDATA;
		goto out;
	}
	if (!ds.mission.present) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "no mission in the files given");
		rc = MP_EDATA;
		goto out;
	}
	rc = cli_run_planner(ctx, &o->solve, &ds, o->scenario, NULL, &plan);
	if (rc != MP_OK)
		goto out;
	rc = write_plan_json(ctx, &plan, o->out);
	if (rc == MP_OK && o->out && strcmp(o->out, "-") != 0 && !ctx->quiet)
		cli_print_plan_summary(ctx, &ds, &plan);
out:
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

static int run(mp_ctx *ctx)
{
	const struct plan_opts *o = ctx->opts;
	if (o->stateless) {
		if (ctx->argc == 0)
			return cli_usage(ctx, "plan --stateless needs the dataset's files");
		return run_stateless(ctx);
	}
	if (ctx->argc > 0)
		return cli_usage(ctx, "plan takes files only with --stateless");
	int rc;
	const char *scenario = o->scenario;
	mp_store *store = NULL;
	mp_dataset ds;
	mp_plan plan, ref;
	int64_t rev = 0;
	bool have_ref = false;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	mp_plan_init(&ref);
	rc = mp_store_open(ctx->db_path, ctx->busy_timeout, MP_STORE_WRITE, &store, &ctx->errs);
	if (rc != MP_OK)
		goto out;
	ctx->store = store;
	rc = cli_load_scenario(ctx, scenario, &ds, &rev);
	if (rc != MP_OK)
		goto out;
	/* SPEC 2 level 2: the scenario's latest plan, else its base's */
	have_ref = cli_reference_plan(ctx, &ds, scenario, &ref);
	rc = cli_run_planner(ctx, &o->solve, &ds, scenario, have_ref ? &ref : NULL, &plan);
	if (rc != MP_OK)
		goto out;
	test_hook_before_save();
	rc = mp_store_save_plan(store, &plan, rev, &ctx->errs);
	if (rc != MP_OK)
		goto out;
	if (o->out)
		rc = write_plan_json(ctx, &plan, o->out);
	if (rc == MP_OK)
		print_outcome(ctx, &ds, &ref, &plan);
out:
	ctx->store = NULL;
	mp_store_close(store);
	mp_plan_release(&plan);
	mp_plan_release(&ref);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_plan = {
	.name = "plan",
	.usage = "[--scenario S] [--time-limit SEC] [--gap G] [--weights ...] [--out FILE] "
		 "[--write-model FILE] | --stateless FILE... [--out FILE]",
	.summary = "build the best plan, store it, print a summary",
	.help = "Solves the integer program of every planning rule with GLPK, level by level:\n"
		"1 persons moved weighted by priority, 2 changes against the last plan,\n"
		"3 waiting, 4 fare cost. The plan is stored only if the data did not change\n"
		"while it was solved (else exit 75: plan again). Level 2's reference is the\n"
		"scenario's latest plan, else (its first) its base's, up to the baseline's,\n"
		"plus the proposed bookings. The summary ends with what changed since that\n"
		"reference: confirmed bookings the data broke first, then cases moved, dropped\n"
		"and added with why, then the manifests and itineraries to send again. In a\n"
		"cron job it prints the same; --quiet prints nothing when all is well, and\n"
		"conflicts go to standard error always. --stateless plans files\n"
		"without a database and writes the plan JSON to --out (or standard output).",
	.max_args = -1,
	CLI_OPTS(struct plan_opts, .scenario = "baseline"),
	.opts = {
		OPT_STR(struct plan_opts, scenario, "scenario", "the scenario to plan (default baseline)"),
		CLI_SOLVE_OPTS(struct plan_opts, solve, "seconds per solve (default 60)"),
		OPT_STR(struct plan_opts, out, "out", "write the plan JSON to FILE"),
		OPT_STR(struct plan_opts, solve.write_model, "write-model",
			"write the full integer program (CPLEX LP) to FILE"),
		OPT_FLAG(struct plan_opts, stateless, "stateless", "plan the files given, no database"),
	},
	.run = run,
};
