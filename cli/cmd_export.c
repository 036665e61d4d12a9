/*
 * cmd_export.c - `movplan export`: the whole dataset as JSON or XML,
 * readable again by import.  Carries personal data (SPEC 5): the file
 * is created 0600.
 */
#include <string.h>
#include "cli.h"

struct export_opts {
	const char *out;
	int format; /* index in cli_dataset_formats */
};

static int run(mp_ctx *ctx)
{
	const struct export_opts *o = ctx->opts;
	mp_dataset ds;
	int64_t rev;
	mp_dataset_init(&ds);
	int rc = mp_store_load(ctx->store, &ds, &rev, &ctx->errs);
	if (rc == MP_OK)
		rc = cli_write_dataset(ctx, &ds, o->format == 1, o->out);
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
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct export_opts, .format = 0),
	.opts = {
		OPT_CHOICE(struct export_opts, format, "format", cli_dataset_formats,
			   "json (default) or xml"),
		OPT_STR(struct export_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
