/*
 * cmd_bottlenecks.c - `movplan bottlenecks`: the limits that bind and
 * what one more unit of each is worth on level 1, measured by re-plans
 * (SPEC 4; docs/decisions.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../planner/decide.h"
#include "../reports/reports.h"

struct bottlenecks_opts {
	const char *scenario;
	long top, max_steps;
	double time_limit;
	int format;
};

static const char *const formats[] = {"text", "json", "csv", NULL};

int cli_find_bottlenecks(mp_ctx *ctx, const mp_dataset *ds, const mp_plan *plan, int top,
			 int max_steps, double time_limit, mp_bottlenecks *bn)
{
	mp_decide_request dr;
	mp_decide_request_init(&dr, ds, plan);
	dr.max_answers = top;
	dr.max_steps = max_steps;
	if (time_limit > 0)
		dr.options.time_limit = time_limit;
	dr.log = cli_log_line;
	dr.log_ctx = ctx;
	cli_progress(ctx, "bottlenecks: LP duals, then re-plans for the top %d", top);
	return mp_bottlenecks_find(&dr, bn, &ctx->errs);
}

static int run(mp_ctx *ctx)
{
	const struct bottlenecks_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_bottlenecks bn;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	memset(&bn, 0, sizeof bn);
	int rc = cli_load_with_plan(ctx, o->scenario, &ds, &plan, NULL, NULL);
	if (rc == MP_OK)
		rc = cli_find_bottlenecks(ctx, &ds, &plan, (int)o->top, (int)o->max_steps, o->time_limit,
					  &bn);
	int f = ctx->json ? MP_BN_JSON : o->format;
	if (rc == MP_OK)
		rc = mp_bottlenecks_write(stdout, &ds, &plan, &bn, (enum mp_bn_format)f, &ctx->errs);
	mp_bottlenecks_release(&bn);
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_bottlenecks = {
	.name = "bottlenecks",
	.usage = "[--top N] [--max-steps N] [--format text|json|csv] [--time-limit SEC] [--scenario S]",
	.summary = "the binding limits and what one more unit of each is worth on level 1",
	.help = "For the latest plan: the limits that bind - seats on a flight, an assistance\n"
		"limit, a quota's persons or cases, a clinic's daily capacity - ranked by their\n"
		"dual value in the LP relaxation; for the top N, the gain in level 1 (and\n"
		"persons) of each step of one more unit, up to where the gain stops, each step\n"
		"measured by a full re-plan of the data with the limit raised (--time-limit\n"
		"each; default the plan's).  Sorted by gain per unit.  `movplan report\n"
		"--bottlenecks` adds them to the report.  See docs/decisions.md.\n\n"
		"The LP is the mission's complete program, solved from scratch within\n"
		"--time-limit (default 60 s): on a mission of thousands of cases it does not\n"
		"solve in that time, and the command says so (exit 75). It is made for\n"
		"missions of up to a few hundred cases, whose plans are proven optimal.",
	.min_args = 0,
	.max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct bottlenecks_opts, .scenario = "baseline", .top = 10, .max_steps = 30),
	.opts = {
		OPT_STR(struct bottlenecks_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_INT(struct bottlenecks_opts, top, "top", 1, 100, "a number of limits (1-100)",
			"measure the N limits with the highest dual (default 10)"),
		OPT_INT(struct bottlenecks_opts, max_steps, "max-steps", 1, 500, "a number of units (1-500)",
			"follow each gain up to N units (default 30)"),
		OPT_CHOICE(struct bottlenecks_opts, format, "format", formats, "text (default), json or csv"),
		OPT_NUM_ABOVE(struct bottlenecks_opts, time_limit, "time-limit", 0, 86400, "seconds (more than 0, at most 86400)",
			      "seconds for the LP and each re-plan (default: 60 s and the plan's)"),
	},
	.run = run,
};
