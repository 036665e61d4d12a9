/*
 * cmd_manifest.c - `movplan manifest FLIGHT`: the passenger list of one
 * flight leg from the latest plan (CSV, JSON, XML or UN/EDIFACT PAXLST).
 * Carries names and documents (SPEC 5).
 */
#include "cli.h"
#include "../reports/reports.h"

static int run(mp_ctx *ctx)
{
	static const char *const names[] = {"csv", "json", "xml", "paxlst"};
	mp_manifest_options o = {.format = MP_MANIFEST_CSV};
	int fmt = MP_MANIFEST_CSV;
	if (cli_pick_format(ctx, names, 4, &fmt) != MP_OK)
		return MP_EUSAGE;
	o.format = (enum mp_manifest_format)fmt;
	o.sender = cli_opt(ctx, "sender");
	o.recipient = cli_opt(ctx, "recipient");
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_plan(ctx, &ds, &plan, NULL, ctx->argv[0]);
	mp_outfile *out = rc == MP_OK ? cli_open_output(ctx, cli_opt(ctx, "out")) : NULL;
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
	.opts = {
		{"format", true, "csv (default), json, xml or paxlst"},
		{"sender", true, "PAXLST interchange sender id"},
		{"recipient", true, "PAXLST interchange recipient id"},
		{"scenario", true, "the scenario (default baseline)"},
		{"out", true, "write to FILE instead of standard output"},
	},
	.run = run,
};
