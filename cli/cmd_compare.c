/*
 * cmd_compare.c - `movplan compare S1 S2`: two scenarios' latest plans
 * side by side.
 */
#include <stdio.h>
#include "cli.h"
#include "../reports/reports.h"

static int run(mp_ctx *ctx)
{
	mp_dataset ds[2];
	mp_plan plan[2];
	int rc = MP_OK;
	for (int i = 0; i < 2; i++) {
		mp_dataset_init(&ds[i]);
		mp_plan_init(&plan[i]);
	}
	for (int i = 0; i < 2 && rc == MP_OK; i++) {
		rc = cli_load_scenario(ctx, ctx->argv[i], &ds[i], NULL);
		if (rc == MP_OK)
			rc = cli_latest_plan(ctx, ctx->argv[i], &plan[i]);
	}
	if (rc == MP_OK)
		rc = mp_compare_write(stdout, ctx->argv[0], &ds[0], &plan[0], ctx->argv[1], &ds[1],
				      &plan[1], ctx->json, &ctx->errs);
	for (int i = 0; i < 2; i++) {
		mp_dataset_release(&ds[i]);
		mp_plan_release(&plan[i]);
	}
	return rc;
}

const mp_cmd mp_cmd_compare = {
	.name = "compare",
	.usage = "S1 S2",
	.summary = "two scenarios' plans side by side",
	.help = "Persons moved by destination and priority, cases that move, flights that\n"
		"fill, from the latest plan of each scenario (`baseline` is the imported data).",
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	.run = run,
};
