/*
 * cmd_itinerary.c - `movplan itinerary CASE`: one case's journey from
 * the latest plan, as a printable page, JSON or an iCalendar file.
 */
#include "cli.h"
#include "../reports/reports.h"

struct itinerary_opts {
	const char *scenario, *out;
	int format; /* enum mp_itinerary_format */
};

static const char *const formats[] = {"text", "json", "ics", NULL};

static int run(mp_ctx *ctx)
{
	const struct itinerary_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_plan(ctx, o->scenario, &ds, &plan, ctx->argv[0], NULL);
	mp_outfile *out = rc == MP_OK ? cli_open_output(ctx, o->out) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		rc = mp_itinerary_write(mp_out_stream(out), &ds, &plan, ctx->argv[0],
					(enum mp_itinerary_format)o->format, &ctx->errs);
		rc = cli_close_output(ctx, out, rc);
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
	CLI_OPTS(struct itinerary_opts, .scenario = "baseline", .format = MP_ITIN_TEXT),
	.opts = {
		OPT_CHOICE(struct itinerary_opts, format, "format", formats,
			   "text (default), json or ics"),
		OPT_STR(struct itinerary_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct itinerary_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
