/*
 * cmd_explain.c - `movplan explain CASE`: why a case is or is not
 * booked in the latest plan, rule by rule (ids only, no personal data).
 */
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"
#include "../planner/planner.h"

static int run(mp_ctx *ctx)
{
	mp_dataset ds;
	mp_plan plan;
	char *text = NULL;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_plan(ctx, &ds, &plan, ctx->argv[0], NULL);
	if (rc == MP_OK)
		rc = mp_explain(&ds, &plan, ctx->argv[0], &text, &ctx->errs);
	if (rc == MP_OK)
		fputs(text, stdout);
	free(text);
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_explain = {
	.name = "explain",
	.usage = "CASE [--scenario S]",
	.summary = "why a case is or is not booked, rule by rule",
	.help = "Reads the latest plan of the scenario (run `movplan plan` first) and tells,\n"
		"for each itinerary the case could take, which rule excludes it, or which full\n"
		"flight, quota, clinic day or escort took its place.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	.opts = {{"scenario", true, "the scenario (default baseline)"}},
	.run = run,
};
