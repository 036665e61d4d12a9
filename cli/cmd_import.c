/*
 * cmd_import.c - `movplan import FILE...`: validate the files together
 * with the database, then import them in one transaction: all files or
 * none; items with an existing key replace it (SPEC 3, 4).
 */
#include <stdio.h>
#include "cli.h"

static int run(mp_ctx *ctx)
{
	mp_dataset incoming, combined;
	mp_dataset_init(&incoming);
	mp_dataset_init(&combined);
	/* SPEC 4: a rejected import leaves the database as it was, and where
	 * there was none it leaves none: main opens no store when the file is
	 * missing, and it is created only once the files are valid. */
	int rc = cli_read_and_validate(ctx, ctx->store, &incoming, &combined);
	if (rc == MP_OK && !ctx->store) {
		rc = mp_store_open(ctx->db_path, ctx->busy_timeout, MP_STORE_CREATE, &ctx->store,
				   &ctx->errs);
		if (rc == MP_OK) { /* another import may have filled it meanwhile */
			mp_dataset_release(&combined);
			mp_dataset_init(&combined);
			rc = cli_validate_over(ctx, ctx->store, &incoming, &combined, MP_OK);
		}
	}
	if (rc == MP_OK)
		rc = mp_store_import(ctx->store, &incoming, &ctx->errs);
	if (rc == MP_OK) {
		int items = incoming.n_airports + incoming.n_flights + incoming.n_quotas +
			    incoming.n_arrival_rules + incoming.n_transit_rules +
			    incoming.n_clinics + incoming.n_escorts + incoming.n_cases +
			    incoming.n_bookings + (incoming.mission.present ? 1 : 0);
		if (!ctx->quiet)
			printf("imported %d items from %d file%s into %s (mission '%s': %d cases, "
			       "%d flights)\n", items, ctx->argc, ctx->argc == 1 ? "" : "s",
			       ctx->db_path, combined.mission.id ? combined.mission.id : "-",
			       combined.n_cases, combined.n_flights);
	}
	mp_dataset_release(&incoming);
	mp_dataset_release(&combined);
	return rc;
}

const mp_cmd mp_cmd_import = {
	.name = "import",
	.usage = "FILE...",
	.summary = "validate files, then import them in one transaction (all or none)",
	.help = "Files are JSON or XML (sniffed) and are read as one dataset; a key given twice\n"
		"among them is a duplicate. Items whose key the database already holds replace\n"
		"the stored item whole. Nothing is imported when any file has a problem.",
	.min_args = 1,
	.max_args = -1,
	.flags = CMD_NEEDS_DB | CMD_DB_CREATE,
	.run = run,
};
