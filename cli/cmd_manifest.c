/*
 * cmd_manifest.c - `movplan manifest FLIGHT`: the passenger list of one
 * flight leg from the latest plan (CSV, JSON, XML or UN/EDIFACT PAXLST).
 * Carries names and documents (SPEC 5).
 */
#include <string.h>
#include "cli.h"
#include "../reports/reports.h"

static int run(mp_ctx *ctx)
{
	static const char *const names[] = {"csv", "json", "xml", "paxlst"};
	mp_manifest_options o = {.format = MP_MANIFEST_CSV};
	const char *fmt = cli_opt(ctx, "format");
	if (fmt) {
		int k = -1;
		for (int i = 0; i < 4; i++)
			if (strcmp(fmt, names[i]) == 0)
				k = i;
		if (k < 0)
			return cli_usage(ctx, "--format: expected csv, json, xml or paxlst");
		o.format = (enum mp_manifest_format)k;
	}
	o.sender = cli_opt(ctx, "sender");
	o.recipient = cli_opt(ctx, "recipient");
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	const char *scenario = cli_scenario(ctx);
	int rc = cli_load_scenario(ctx, scenario, &ds, NULL);
	if (rc == MP_OK && !mp_dataset_flight(&ds, ctx->argv[0])) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "unknown flight '%.64s'", ctx->argv[0]);
		rc = MP_EDATA;
	}
	if (rc == MP_OK)
		rc = cli_latest_plan(ctx, scenario, &plan);
	FILE *out = rc == MP_OK ? cli_open_output(ctx, cli_opt(ctx, "out")) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		rc = mp_manifest_write(out, &ds, &plan, ctx->argv[0], &o, &ctx->errs);
		int crc = cli_close_output(ctx, out, cli_opt(ctx, "out"));
		if (rc == MP_OK)
			rc = crc;
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
