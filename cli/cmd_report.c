/*
 * cmd_report.c - `movplan report`: the plan's report (flight fill,
 * quota use, unassigned cases by reason, waiting times) in HTML with
 * charts, JSON or CSV; with --out every format into a folder.  Names
 * cases by id only (SPEC 5).
 */
#include "cli.h"
#include "../reports/reports.h"

static int run(mp_ctx *ctx)
{
	static const char *const names[] = {"html", "json", "csv"};
	int f = MP_REPORT_HTML;
	const char *dir = cli_opt(ctx, "out");
	if (cli_pick_format(ctx, names, 3, &f) != MP_OK)
		return MP_EUSAGE;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_plan(ctx, &ds, &plan, NULL, NULL);
	if (rc == MP_OK && dir) {
		rc = mp_report_write_dir(dir, &ds, &plan, &ctx->errs);
		if (rc == MP_OK)
			cli_note(ctx, "report written to %s/index.html", dir);
	} else if (rc == MP_OK) {
		rc = mp_report_write(stdout, &ds, &plan, (enum mp_report_format)f, &ctx->errs);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_report = {
	.name = "report",
	.usage = "[--format html|json|csv] [--out DIR]",
	.summary = "the plan's report: flight fill, quotas, unassigned cases, waiting",
	.help = "One self-contained HTML page with charts (opens offline, prints well), or\n"
		"its figures as JSON or CSV. With --out DIR: index.html, plan.json and one CSV\n"
		"per table. Cases are named by id only.",
	.max_args = 0,
	.flags = CMD_NEEDS_DB,
	.opts = {
		{"format", true, "html (default), json or csv, to standard output"},
		{"out", true, "write every format into DIR"},
		{"scenario", true, "the scenario (default baseline)"},
	},
	.run = run,
};
