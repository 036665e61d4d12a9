/*
 * cmd_report.c - `movplan report`: the plan's report (flight fill,
 * quota use, unassigned cases by reason, waiting times) in HTML with
 * charts, JSON or CSV; with --out every format into a folder.  Names
 * cases by id only (SPEC 5).
 */
#include "cli.h"
#include "../reports/reports.h"

struct report_opts {
	const char *out, *scenario, *run;
	int format; /* enum mp_report_format */
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
	int rc = cli_load_with_run(ctx, o->scenario, o->run, &ds, &plan, NULL, NULL);
	if (rc == MP_OK && dir) {
		rc = mp_report_write_dir(dir, &ds, &plan, &ctx->errs);
		if (rc == MP_OK)
			cli_note(ctx, "report written to %s/index.html", dir);
	} else if (rc == MP_OK) {
		rc = mp_report_write(stdout, &ds, &plan, (enum mp_report_format)o->format, &ctx->errs);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_report = {
	.name = "report",
	.usage = "[--format html|json|csv] [--out DIR] [--run RUN]",
	.summary = "the plan's report: flight fill, quotas, unassigned cases, waiting",
	.help = "One self-contained HTML page with charts (opens offline, prints well), or\n"
		"its figures as JSON or CSV. With --out DIR: index.html, plan.json and one CSV\n"
		"per table. Cases are named by id only. --run RUN reports an older plan\n"
		"(`movplan runs`) as it was stored, over today's data.",
	.max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct report_opts, .scenario = "baseline", .format = MP_REPORT_HTML),
	.opts = {
		OPT_CHOICE(struct report_opts, format, "format", formats,
			   "html (default), json or csv, to standard output"),
		OPT_STR(struct report_opts, out, "out", "write every format into DIR"),
		OPT_STR(struct report_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct report_opts, run, "run",
			"the plan of this run (`movplan runs`) instead of the latest"),
	},
	.run = run,
};
