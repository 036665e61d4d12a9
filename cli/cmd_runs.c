/*
 * cmd_runs.c - `movplan runs`: the run history (every plan run, the ones
 * that ended 75 or 70 included), and `movplan runs prune --keep N`, the
 * only way runs and their plans are deleted (SPEC 4).
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

struct runs_opts {
	const char *scenario;
	long keep;
};

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static void print_text(const mp_run *r, int n)
{
	printf("%4s  %-20s  %-12s %-7s %4s  %-9s %12s %8s %12s %12s %8s %7s  %-16s  %s\n", "run",
	       "when (UTC)", "scenario", "command", "exit", "status", "level 1", "changes",
	       "waiting", "cost", "gap", "wall s", "input digest", "plan");
	for (int i = 0; i < n; i++) {
		const mp_run *x = &r[i];
		bool planned = x->status != NULL;
		printf("%4lld  %-20s  %-12s %-7s %4d  %-9s", (long long)x->id, or_dash(x->started),
		       or_dash(x->scenario), or_dash(x->command), x->outcome, or_dash(x->status));
		if (planned)
			printf(" %12.10g %8.10g %12.10g %12.10g %7.2f%% %7.1f", x->weighted_persons,
			       x->changes, x->waiting, x->cost, 100 * x->gap, x->wall_seconds);
		else
			printf(" %12s %8s %12s %12s %8s %7s", "-", "-", "-", "-", "-", "-");
		printf("  %-16s  %s%s\n", or_dash(x->input_digest),
		       planned ? or_dash(x->plan_id) : "-",
		       planned && !x->has_plan ? " (pruned)" : "");
		if (x->levels)
			printf("      levels: %s\n", x->levels);
		if (x->message)
			printf("      %s\n", x->message);
	}
	if (n == 0)
		printf("no runs yet; `movplan plan` makes one\n");
}

/* A JSON string (ids and messages: no control characters expected,
 * escaped all the same). */
static void json_str(const char *s)
{
	if (!s) {
		printf("null");
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_json(const mp_run *r, int n)
{
	printf("{\"movplan\": 1, \"runs\": [");
	for (int i = 0; i < n; i++) {
		const mp_run *x = &r[i];
		printf("%s{\"run\": %lld, \"when\": ", i ? ", " : "", (long long)x->id);
		json_str(x->started);
		printf(", \"scenario\": ");
		json_str(x->scenario);
		printf(", \"command\": ");
		json_str(x->command);
		printf(", \"exit\": %d, \"status\": ", x->outcome);
		json_str(x->status);
		printf(", \"levels\": ");
		json_str(x->levels);
		if (x->status)
			printf(", \"objective\": {\"weighted_persons\": %.10g, \"changes\": %.10g, "
			       "\"waiting\": %.10g, \"cost\": %.10g}, \"bound\": %.10g, "
			       "\"gap\": %.6g, \"wall_seconds\": %.3f", x->weighted_persons,
			       x->changes, x->waiting, x->cost, x->bound, x->gap, x->wall_seconds);
		printf(", \"input_digest\": ");
		json_str(x->input_digest);
		printf(", \"plan\": ");
		json_str(x->plan_id);
		printf(", \"plan_stored\": %s, \"message\": ", x->has_plan ? "true" : "false");
		json_str(x->message);
		printf("}");
	}
	printf("]}\n");
}

static int prune(mp_ctx *ctx, long keep)
{
	int plans = 0, runs = 0;
	if (keep < 1)
		return cli_usage(ctx, "runs prune needs --keep N (N >= 1): the runs to keep per "
			       "scenario");
	int rc = mp_store_prune_runs(ctx->store, (int)keep, &plans, &runs, &ctx->errs);
	if (rc == MP_OK && !ctx->quiet)
		printf("pruned %d run%s and %d plan%s; kept the %ld latest run%s of each scenario "
		       "and every scenario's latest plan\n", runs, runs == 1 ? "" : "s", plans,
		       plans == 1 ? "" : "s", keep, keep == 1 ? "" : "s");
	return rc;
}

static int run(mp_ctx *ctx)
{
	const struct runs_opts *o = ctx->opts;
	if (ctx->argc == 1 && strcmp(ctx->argv[0], "prune") == 0)
		return prune(ctx, o->keep);
	if (ctx->argc > 0)
		return cli_usage(ctx, "usage: movplan runs [--scenario S] | runs prune --keep N");
	if (o->keep)
		return cli_usage(ctx, "--keep goes with `movplan runs prune`");
	mp_run *runs = NULL;
	int n = 0;
	int rc = mp_store_runs(ctx->store, o->scenario, &runs, &n, &ctx->errs);
	if (rc == MP_OK && ctx->json)
		print_json(runs, n);
	else if (rc == MP_OK)
		print_text(runs, n);
	mp_runs_free(runs, n);
	return rc;
}

const mp_cmd mp_cmd_runs = {
	.name = "runs",
	.usage = "[--scenario S] | prune --keep N",
	.summary = "the run history; `runs prune --keep N` deletes older runs",
	.help = "Every `plan` leaves a run: its number, when it ended (UTC), the scenario,\n"
		"the command, its exit status (0; 75 when the data kept changing or the\n"
		"database stayed busy; 70 on an internal error, with the message), the plan's\n"
		"status and the search of each level where known, the level values (weighted\n"
		"persons, changes, waiting, cost), gap, wall time, the digest of the data it\n"
		"read, and the plan it stored. `report --run`, `manifest --run`, `compare` and\n"
		"`changes --since` take a run number or plan id.\n\n"
		"Nothing is deleted by itself: `runs prune --keep N` keeps the N latest runs\n"
		"of each scenario (and always each scenario's latest plan, the reference of\n"
		"the next) and deletes the older runs and their plans, saying how many.",
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	CLI_OPTS(struct runs_opts, .scenario = NULL, .keep = 0),
	.opts = {
		OPT_STR(struct runs_opts, scenario, "scenario", "only this scenario's runs"),
		OPT_INT(struct runs_opts, keep, "keep", 1, 1000000, "a number of runs (1 or more)",
			"with prune: the runs to keep per scenario"),
	},
	.run = run,
};
