/*
 * cmd_changes.c - `movplan changes [--since RUN]`: what changed between
 * a scenario's latest plan and its previous one (or the plan of RUN):
 * the confirmed bookings the data broke, cases moved, dropped and added
 * with why, and the manifests and itineraries to send again (SPEC 4;
 * reports/changes.h).  Cases by id only: a cron job mails it.
 */
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"
#include "../reports/changes.h"

struct changes_opts {
	const char *scenario, *since;
};

/* The plan the changes start from: RUN's, else the one before latest
 * (*have false when the latest is the scenario's first). */
static int old_plan(mp_ctx *ctx, const char *since, const mp_plan *latest, mp_plan *old,
		    bool *have)
{
	*have = false;
	if (since) {
		int rc = mp_store_plan_by_run(ctx->store, since, old, &ctx->errs);
		*have = rc == MP_OK;
		return rc;
	}
	mp_errors quiet;
	mp_errors_init(&quiet);
	int rc = mp_store_previous_plan(ctx->store, latest->id, old, &quiet);
	mp_errors_release(&quiet);
	*have = rc == MP_OK;
	return rc == MP_OK || rc == MP_ENOPLAN ? MP_OK : rc;
}

/* Compares the outputs as they are now (today's data, the latest plan,
 * today's booking statuses) with the digests stored with the old plan;
 * plans stored before digests were kept compare on the plans alone. */
static void compute(mp_ctx *ctx, const mp_dataset *ds, const mp_plan *old, bool have_old,
		    const mp_plan *latest, mp_changes *ch)
{
	mp_outputs was, now;
	mp_errors quiet;
	mp_errors_init(&quiet);
	bool known = have_old && mp_store_plan_outputs(ctx->store, old->id, &was, &quiet) == MP_OK;
	if (known)
		mp_outputs_compute(ds, latest, &now);
	mp_changes_compute(ds, have_old ? old : NULL, latest, known ? &was : NULL,
			   known ? &now : NULL, ch);
	if (known) {
		mp_outputs_release(&was);
		mp_outputs_release(&now);
	}
	mp_errors_release(&quiet);
}

static int run(mp_ctx *ctx)
{
	const struct changes_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan latest, old;
	mp_changes ch;
	bool have_old = false;
	mp_dataset_init(&ds);
	mp_plan_init(&latest);
	mp_plan_init(&old);
	const char *scenario = o->scenario;
	int rc = MP_OK;
	if (o->since && !scenario) { /* the scenario of the run given */
		rc = mp_store_plan_by_run(ctx->store, o->since, &old, &ctx->errs);
		scenario = rc == MP_OK && old.scenario ? old.scenario : "baseline";
	}
	if (rc == MP_OK)
		rc = cli_load_with_plan(ctx, scenario ? scenario : "baseline", &ds, &latest, NULL,
					NULL);
	mp_plan_release(&old);
	if (rc == MP_OK)
		rc = old_plan(ctx, o->since, &latest, &old, &have_old);
	if (rc != MP_OK)
		goto out;
	compute(ctx, &ds, &old, have_old, &latest, &ch);
	rc = mp_changes_write(stdout, &ch, ctx->json, &ctx->errs);
	mp_changes_release(&ch);
out:
	mp_plan_release(&latest);
	mp_plan_release(&old);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_changes = {
	.name = "changes",
	.usage = "[--since RUN] [--scenario S]",
	.summary = "what changed since the previous plan: what to send again",
	.help = "Between the scenario's latest plan and the one before it (or the plan of\n"
		"RUN, a run number or plan id from `movplan runs`): first the confirmed\n"
		"bookings the data broke, with their conflict; then every case moved, dropped\n"
		"or added, with its old and new flights and why it moved (a cancelled flight,\n"
		"a rule of its own, a full flight or quota naming who took the room, a linked\n"
		"case, or \"not forced\"); then \"re-send these\": the flights whose manifest\n"
		"and the cases whose itinerary differ from what the old plan gave, today's\n"
		"booking statuses included (a confirm since then counts). Cases by id only, so\n"
		"a cron job can mail it; --json for a program.",
	.max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct changes_opts, .scenario = NULL, .since = NULL),
	.opts = {
		OPT_STR(struct changes_opts, since, "since", "from the plan of this run (or plan id)"),
		OPT_STR(struct changes_opts, scenario, "scenario",
			"the scenario (default: the run's, else baseline)"),
	},
	.run = run,
};
