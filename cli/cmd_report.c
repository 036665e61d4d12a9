/*
 * cmd_report.c - `movplan report`: the plan's report (flight fill,
 * quota use, unassigned cases by reason, waiting times) in HTML with
 * charts, JSON or CSV; with --out every format into a folder.  Names
 * cases by id only (SPEC 5).
 */
#include <string.h>
#include "cli.h"
#include "../reports/reports.h"

struct report_opts {
	const char *out, *scenario, *run;
	int format; /* enum mp_report_format */
	bool bottlenecks;
	long top;
	double time_limit;
};

static const char *const formats[] = {"html", "json", "csv", NULL};

static int run(mp_ctx *ctx)
{
	const struct report_opts *o = ctx->opts;
	const char *dir = o->out;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	mp_bottlenecks bn;
	memset(&bn, 0, sizeof bn);
	int rc = cli_load_with_run(ctx, o->scenario, o->run, &ds, &plan, NULL, NULL);
	if (rc == MP_OK && o->bottlenecks)
		rc = cli_find_bottlenecks(ctx, &ds, &plan, (int)o->top, 0, o->time_limit, &bn);
	const mp_bottlenecks *b = o->bottlenecks ? &bn : NULL;
	if (rc == MP_OK && dir) {
		rc = mp_report_write_dir(dir, &ds, &plan, b, &ctx->errs);
		if (rc == MP_OK)
			cli_note(ctx, "report written to %s/index.html", dir);
	} else if (rc == MP_OK) {
		rc = mp_report_write(stdout, &ds, &plan, b, (enum mp_report_format)o->format, &ctx->errs);
	}
	mp_bottlenecks_release(&bn);
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_report = {
	.name = "report",
	.usage = "[--format html|json|csv] [--out DIR] [--run RUN] [--bottlenecks [--top N] [--time-limit SEC]]",
	.summary = "the plan's report: flight fill, quotas, unassigned cases, waiting",
	.help = "One self-contained HTML page with charts (opens offline, prints well), or\n"
		"its figures as JSON or CSV. With --out DIR: index.html, plan.json and one CSV\n"
		"per table. Cases are named by id only. --run RUN reports an older plan\n"
		"(`movplan runs`) as it was stored, over today's data.  --bottlenecks adds what\n"
		"one more seat, quota place or clinic slot is worth, the ten most valuable charted\n"
		"(measured by re-plans: see `movplan bottlenecks --help`).",
	.max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct report_opts, .scenario = "baseline", .format = MP_REPORT_HTML, .top = 10),
	.opts = {
		OPT_CHOICE(struct report_opts, format, "format", formats,
			   "html (default), json or csv, to standard output"),
		OPT_STR(struct report_opts, out, "out", "write every format into DIR"),
		OPT_STR(struct report_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct report_opts, run, "run",
			"the plan of this run (`movplan runs`) instead of the latest"),
		OPT_FLAG(struct report_opts, bottlenecks, "bottlenecks",
			 "add the binding limits and what more of each is worth"),
		OPT_INT(struct report_opts, top, "top", 1, 100, "a number of limits (1-100)",
			"with --bottlenecks: measure the N of highest dual (default 10)"),
		OPT_NUM_ABOVE(struct report_opts, time_limit, "time-limit", 0, 86400, "seconds (more than 0, at most 86400)",
			      "with --bottlenecks: seconds for each re-plan (default: the plan's)"),
	},
	.run = run,
};
