/*
 * cmd_itinerary.c - `movplan itinerary CASE`: one case's journey from
 * the latest plan, as a printable page, JSON or an iCalendar file.
 */
#include <string.h>
#include "cli.h"
#include "../reports/reports.h"

static int run(mp_ctx *ctx)
{
	static const char *const names[] = {"text", "json", "ics"};
	enum mp_itinerary_format f = MP_ITIN_TEXT;
	const char *fmt = cli_opt(ctx, "format");
	if (fmt) {
		int k = -1;
		for (int i = 0; i < 3; i++)
			if (strcmp(fmt, names[i]) == 0)
				k = i;
		if (k < 0)
			return cli_usage(ctx, "--format: expected text, json or ics");
		f = (enum mp_itinerary_format)k;
	}
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	const char *scenario = cli_scenario(ctx);
	int rc = cli_load_scenario(ctx, scenario, &ds, NULL);
	if (rc == MP_OK && !mp_dataset_case(&ds, ctx->argv[0])) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "unknown case '%.64s'", ctx->argv[0]);
		rc = MP_EDATA;
	}
	if (rc == MP_OK)
		rc = cli_latest_plan(ctx, scenario, &plan);
	FILE *out = rc == MP_OK ? cli_open_output(ctx, cli_opt(ctx, "out")) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		rc = mp_itinerary_write(out, &ds, &plan, ctx->argv[0], f, &ctx->errs);
		int crc = cli_close_output(ctx, out, cli_opt(ctx, "out"));
		if (rc == MP_OK)
			rc = crc;
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_itinerary = {
	.name = "itinerary",
	.usage = "CASE [--format text|json|ics]",
	.summary = "one case's journey: check date and legs",
	.help = "text is a printable page for the family; ics imports into a calendar (one\n"
		"event per leg and one for the fit-to-travel check; a re-plan updates the\n"
		"same events). Carries names: handle it as personal data.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	.opts = {
		{"format", true, "text (default), json or ics"},
		{"scenario", true, "the scenario (default baseline)"},
		{"out", true, "write to FILE instead of standard output"},
	},
	.run = run,
};
