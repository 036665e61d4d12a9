/*
 * cmd_manifest.c - `movplan manifest FLIGHT`: the passenger list of one
 * flight leg from the latest plan (CSV, JSON, XML or UN/EDIFACT PAXLST).
 * Carries names and documents (SPEC 5).
 */
#include "cli.h"
#include "../reports/reports.h"

struct manifest_opts {
	const char *sender, *recipient, *scenario, *out;
	int format; /* enum mp_manifest_format */
};

static const char *const formats[] = {"csv", "json", "xml", "paxlst", NULL};

static int run(mp_ctx *ctx)
{
	const struct manifest_opts *mo = ctx->opts;
	mp_manifest_options o = {
		.format = (enum mp_manifest_format)mo->format,
		.sender = mo->sender,
		.recipient = mo->recipient,
	};
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_plan(ctx, mo->scenario, &ds, &plan, NULL, ctx->argv[0]);
	mp_outfile *out = rc == MP_OK ? cli_open_output(ctx, mo->out) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		rc = mp_manifest_write(mp_out_stream(out), &ds, &plan, ctx->argv[0], &o, &ctx->errs);
		rc = cli_close_output(ctx, out, rc);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_manifest = {
	.name = "manifest",
	.usage = "FLIGHT [--format csv|json|xml|paxlst] [--sender ID] [--recipient ID]",
	.summary = "the passenger list of one flight, with SSR codes, escorts and documents",
	.help = "From the latest plan of the scenario. paxlst writes a UN/EDIFACT D02B PAXLST\n"
		"message for advance passenger information; its sender and recipient default\n"
		"to the mission's. The output carries names and documents: handle it as\n"
		"personal data (--out creates the file mode 0600).",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	CLI_OPTS(struct manifest_opts, .scenario = "baseline", .format = MP_MANIFEST_CSV),
	.opts = {
		OPT_CHOICE(struct manifest_opts, format, "format", formats,
			   "csv (default), json, xml or paxlst"),
		OPT_STR(struct manifest_opts, sender, "sender", "PAXLST interchange sender id"),
		OPT_STR(struct manifest_opts, recipient, "recipient", "PAXLST interchange recipient id"),
		OPT_STR(struct manifest_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct manifest_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
