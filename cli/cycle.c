/*
 * cycle.c - what the daily cycle shares between commands: the reference
 * plan of level 2 (SPEC 2), booking status read from the store, and the
 * scenario chain a plan falls back along.
 *
 * The reference of a plan is the latest plan of its scenario, else the
 * latest plan of its base (up the chain to the baseline), plus the
 * stored proposed bookings of the cases that plan does not mention.
 * Confirmed, void and travelled bookings are the planner's own business
 * (SPEC 2.12); they reach it through the dataset.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../models/strmap.h"

/* The base of scenario name (malloc'd; "baseline" for the imported
 * data), or NULL when name is the baseline or unknown. */
static char *scenario_base(mp_ctx *ctx, const char *name)
{
	mp_scenario_info *list = NULL;
	int n = 0;
	char *base = NULL;
	if (strcmp(name, "baseline") == 0 ||
	    mp_store_scenario_list(ctx->store, &list, &n, &ctx->errs) != MP_OK)
		return NULL;
	for (int i = 0; i < n && !base; i++)
		if (strcmp(list[i].name, name) == 0)
			base = mp_xstrdup(list[i].base ? list[i].base : "baseline");
	mp_scenario_info_free(list, n);
	return base;
}

/* The latest plan along the chain scenario, its base, ..., baseline. */
static bool latest_along_chain(mp_ctx *ctx, const char *scenario, mp_plan *ref)
{
	char *cur = mp_xstrdup(scenario);
	bool found = false;
	for (int depth = 0; cur && !found && depth < 1000; depth++) {
		mp_errors quiet;
		mp_errors_init(&quiet);
		found = mp_store_latest_plan(ctx->store, cur, ref, &quiet) == MP_OK;
		mp_errors_release(&quiet);
		if (!found) {
			mp_plan_release(ref);
			char *next = scenario_base(ctx, cur);
			free(cur);
			cur = next;
		}
	}
	free(cur);
	return found;
}

/* Adds the dataset's proposed bookings of cases the plan names nowhere
 * (new cases, or bookings imported for cases it never saw). */
static void add_proposed(const mp_dataset *ds, mp_plan *ref)
{
	mp_strmap seen;
	mp_strmap_init(&seen);
	for (int i = 0; i < ref->n_assignments; i++)
		mp_strmap_put(&seen, ref->assignments[i].case_id, i);
	for (int i = 0; i < ref->n_unassigned; i++)
		mp_strmap_put(&seen, ref->unassigned[i].case_id, i);
	int n_before = ref->n_assignments;
	for (int b = 0; b < ds->n_bookings; b++) {
		const mp_booking *bk = &ds->bookings[b];
		if (bk->status != MP_BOOK_PROPOSED || mp_strmap_get(&seen, bk->case_id) >= 0)
			continue;
		mp_assignment *a = mp_plan_add_assignment(ref);
		a->case_id = mp_xstrdup(bk->case_id);
		for (int k = 0; k < bk->n_flights; k++)
			mp_strv_push(&a->flights, &a->n_flights, bk->flights[k]);
		a->ftt_date = bk->ftt_date;
		a->status = MP_BOOK_PROPOSED;
	}
	mp_strmap_release(&seen);
	if (ref->n_assignments > n_before)
		mp_plan_sort(ref);
}

bool cli_reference_plan(mp_ctx *ctx, const mp_dataset *ds, const char *scenario, mp_plan *ref)
{
	mp_plan_init(ref);
	bool stored = latest_along_chain(ctx, scenario, ref);
	add_proposed(ds, ref); /* without a plan: the proposed bookings alone */
	return stored;
}

/* True when booking b holds exactly the assignment's flights. */
static bool same_legs(const mp_booking *b, const mp_assignment *a)
{
	return mp_strv_equal(b->flights, b->n_flights, a->flights, a->n_flights);
}

void cli_booking_status(const mp_dataset *ds, mp_plan *plan)
{
	mp_strmap ix;
	mp_strmap_init(&ix);
	for (int b = 0; b < ds->n_bookings; b++)
		mp_strmap_put(&ix, ds->bookings[b].case_id, b);
	for (int i = 0; i < plan->n_assignments; i++) {
		mp_assignment *a = &plan->assignments[i];
		int b = mp_strmap_get(&ix, a->case_id);
		/* SPEC 2.12: confirmed means an officer pinned these very flights */
		bool pinned = b >= 0 && ds->bookings[b].status == MP_BOOK_CONFIRMED &&
			      same_legs(&ds->bookings[b], a);
		a->status = pinned ? MP_BOOK_CONFIRMED : MP_BOOK_PROPOSED;
	}
	mp_strmap_release(&ix);
}

/* ---- plans by run, by scenario ---- */

int cli_load_with_run(mp_ctx *ctx, const char *scenario, const char *run, mp_dataset *ds,
		      mp_plan *plan, const char *case_id, const char *flight_id)
{
	if (!run)
		return cli_load_with_plan(ctx, scenario, ds, plan, case_id, flight_id);
	/* an older plan over today's data of its scenario, as it was stored:
	 * its booking statuses are the plan's, not today's */
	int rc = mp_store_plan_by_run(ctx->store, run, plan, &ctx->errs);
	if (rc == MP_OK)
		rc = cli_load_scenario(ctx, plan->scenario ? plan->scenario : "baseline", ds, NULL);
	if (rc == MP_OK)
		rc = cli_known(ctx, ds, case_id, flight_id);
	return rc;
}

/* True when name is the baseline or a stored scenario. */
static bool is_scenario(mp_ctx *ctx, const char *name)
{
	mp_scenario_info *list = NULL;
	int n = 0;
	bool found = false;
	mp_errors quiet;
	mp_errors_init(&quiet);
	if (mp_store_scenario_list(ctx->store, &list, &n, &quiet) == MP_OK)
		for (int i = 0; i < n && !found; i++)
			found = strcmp(list[i].name, name) == 0;
	mp_scenario_info_free(list, n);
	mp_errors_release(&quiet);
	return found;
}

int cli_load_run_or_scenario(mp_ctx *ctx, const char *what, mp_dataset *ds, mp_plan *plan)
{
	if (is_scenario(ctx, what))
		return cli_load_with_plan(ctx, what, ds, plan, NULL, NULL);
	return cli_load_with_run(ctx, NULL, what, ds, plan, NULL, NULL);
}

/* ---- a cancelled flight's manifest ---- */

/* Persons on flight_id in plan. */
static int persons_on(const mp_dataset *ds, const mp_plan *plan, const char *flight_id)
{
	int n = 0;
	for (int i = 0; i < plan->n_assignments; i++) {
		const mp_assignment *a = &plan->assignments[i];
		const mp_case *c = mp_dataset_case(ds, a->case_id);
		for (int k = 0; c && k < a->n_flights; k++)
			if (strcmp(a->flights[k], flight_id) == 0)
				n += c->n_members;
	}
	return n;
}

/* The persons the latest of the scenario's plans that had any on the
 * flight put there (the last 30 plans are looked at). */
static int persons_before(mp_ctx *ctx, const mp_dataset *ds, const char *scenario,
			  const char *flight_id)
{
	char **ids = NULL;
	int n = 0, persons = 0;
	mp_errors quiet;
	mp_errors_init(&quiet);
	mp_store_plan_ids(ctx->store, scenario, &ids, &n, &quiet);
	for (int i = 0; i < n && i < 30 && persons == 0; i++) {
		mp_plan p;
		if (mp_store_plan_by_run(ctx->store, ids[i], &p, &quiet) == MP_OK)
			persons = persons_on(ds, &p, flight_id);
		mp_plan_release(&p);
	}
	mp_strv_free(ids, n);
	mp_errors_release(&quiet);
	return persons;
}

int cli_refuse_cancelled(mp_ctx *ctx, const mp_dataset *ds, const char *scenario,
			 const char *flight_id)
{
	const mp_flight *f = mp_dataset_flight(ds, flight_id);
	if (!f || !f->cancelled)
		return MP_OK;
	int n = persons_before(ctx, ds, scenario, flight_id);
	if (n > 0)
		mp_errors_addf(&ctx->errs, MP_EDATA, "flight %s is cancelled; %d passenger%s "
			       "re-planned, see `movplan changes`", flight_id, n,
			       n == 1 ? " was" : "s were");
	else
		mp_errors_addf(&ctx->errs, MP_EDATA, "flight %s is cancelled; no plan had "
			       "passengers on it", flight_id);
	return MP_EDATA;
}
