/*
 * cmd_export.c - `movplan export`: the whole dataset as JSON or XML,
 * readable again by import.  Carries personal data (SPEC 5): the file
 * is created 0600.
 */
#include <string.h>
#include "cli.h"

static int run(mp_ctx *ctx)
{
	const char *fmt = cli_opt(ctx, "format");
	if (fmt && strcmp(fmt, "json") != 0 && strcmp(fmt, "xml") != 0)
		return cli_usage(ctx, "--format: expected json or xml");
	mp_dataset ds;
	int64_t rev;
	mp_dataset_init(&ds);
	int rc = mp_store_load(ctx->store, &ds, &rev, &ctx->errs);
	if (rc == MP_OK)
		rc = cli_write_dataset(ctx, &ds, fmt && strcmp(fmt, "xml") == 0, cli_opt(ctx, "out"));
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_export = {
	.name = "export",
	.usage = "[--format json|xml] [--out FILE]",
	.summary = "write the whole dataset, readable again by import",
	.help = "Writes what was imported (defaults are not filled in), with names and\n"
		"documents: treat the file as personal data. --out creates it mode 0600.",
	.max_args = 0,
	.flags = CMD_NEEDS_DB,
	.opts = {
		{"format", true, "json (default) or xml"},
		{"out", true, "write to FILE instead of standard output"},
	},
	.run = run,
};
