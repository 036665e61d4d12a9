/*
 * cmd_compare.c - `movplan compare A B`: two plans side by side, each a
 * scenario's latest or a stored run's.
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
		rc = cli_load_run_or_scenario(ctx, ctx->argv[i], &ds[i], &plan[i]);
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
	.usage = "RUN_OR_SCENARIO RUN_OR_SCENARIO",
	.summary = "two plans side by side (scenarios' latest, or stored runs)",
	.help = "Persons moved by destination and priority, cases that move with why each\n"
		"moved (what refuses it its place of the first plan in the second: a\n"
		"cancelled flight, a rule of its own, a full flight or quota naming the cases\n"
		"that took the room, or \"not forced\"), flights that fill. Each argument is a\n"
		"scenario (its latest plan; `baseline` is the imported data) or a run number\n"
		"or plan id from `movplan runs`; the second plan's data explains the moves.",
	.min_args = 2,
	.max_args = 2,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	.run = run,
};
