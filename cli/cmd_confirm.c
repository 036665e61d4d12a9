/*
 * cmd_confirm.c - `movplan confirm CASE` pins the case's booking from
 * the latest plan (SPEC 2.12: the next plan keeps it exactly);
 * `movplan release CASE` unpins it (it stays as the proposed booking).
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "../reports/changes.h"

struct confirm_opts {
	const char *scenario;
	bool from_scenario;
};

static void print_booking(const mp_ctx *ctx, const char *verb, const mp_booking *b)
{
	if (ctx->quiet)
		return;
	printf("%s '%s':", verb, b->case_id);
	for (int i = 0; i < b->n_flights; i++)
		printf(" %s", b->flights[i]);
	if (b->ftt_date != MP_NODATE) {
		char d[MP_DATE_BUF];
		mp_date_format(b->ftt_date, d);
		printf("; check %s", d);
	}
	for (int i = 0; i < b->n_escorts; i++)
		printf("%s%s", i ? ", " : "; escorts ", b->escorts[i]);
	printf("\n");
}

/* SPEC 2.12: bookings are real; a what-if's plan may only propose one. */
static int refuse_scenario(mp_ctx *ctx, const char *verb)
{
	const struct confirm_opts *o = ctx->opts;
	const char *s = o->scenario;
	if (o->from_scenario && !s)
		return cli_usage(ctx, "--from-scenario needs --scenario S");
	if (!s || strcmp(s, "baseline") == 0 || o->from_scenario)
		return MP_OK;
	return cli_usage(ctx, "bookings are real: %s in the baseline (or add --from-scenario to "
			 "%s the booking scenario '%.64s' proposes, checked against the baseline)",
			 verb, verb, s);
}

/* --from-scenario: the booking the scenario proposes, checked against
 * the baseline's latest plan; prints what it displaces there. */
static int check_in_baseline(mp_ctx *ctx, const mp_assignment *a)
{
	mp_dataset ds;
	mp_plan base;
	mp_case_change ch;
	mp_dataset_init(&ds);
	mp_plan_init(&base);
	int rc = cli_load_scenario(ctx, "baseline", &ds, NULL);
	if (rc == MP_OK)
		rc = cli_latest_plan(ctx, "baseline", &base);
	if (rc == MP_OK)
		cli_booking_status(&ds, &base);
	for (int i = 0; rc == MP_OK && i < a->n_flights; i++)
		if (!mp_dataset_flight(&ds, a->flights[i])) {
			mp_errors_addf(&ctx->errs, MP_EDATA, "flight '%.64s' exists only in scenario "
				       "'%.64s'; import it before confirming", a->flights[i],
				       ((const struct confirm_opts *)ctx->opts)->scenario);
			rc = MP_EDATA;
		}
	if (rc == MP_OK) {
		mp_changes_try(&ds, &base, a->case_id, a->flights, a->n_flights, &ch);
		if (ch.cause == MP_CAUSE_UNFORCED)
			cli_note(ctx, "case '%s' fits the baseline's plan %s as it is", a->case_id,
				 base.id ? base.id : "-");
		else /* to stderr even under --quiet: the officer must know */
			fprintf(stderr, "movplan: confirming '%s' displaces in the baseline's plan "
				"%s: %s\n", a->case_id, base.id ? base.id : "-", ch.detail);
		mp_case_change_release(&ch);
	}
	mp_plan_release(&base);
	mp_dataset_release(&ds);
	return rc;
}

static int run_confirm(mp_ctx *ctx)
{
	const struct confirm_opts *o = ctx->opts;
	const char *id = ctx->argv[0];
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = refuse_scenario(ctx, "confirm");
	if (rc == MP_OK)
		rc = cli_load_scenario(ctx, "baseline", &ds, NULL);
	if (rc == MP_OK)
		rc = cli_known(ctx, &ds, id, NULL);
	if (rc == MP_OK)
		rc = cli_latest_plan(ctx, o->scenario ? o->scenario : "baseline", &plan);
	const mp_assignment *a = rc == MP_OK ? mp_plan_assignment(&plan, id) : NULL;
	if (rc == MP_OK && !a) {
		mp_errors_addf(&ctx->errs, MP_EDATA,
			       "case '%.64s' is not booked in the latest plan; see `movplan explain %.64s`",
			       id, id);
		rc = MP_EDATA;
	}
	if (rc == MP_OK && o->from_scenario)
		rc = check_in_baseline(ctx, a);
	if (rc == MP_OK) {
		/* ownership: b borrows the assignment's strings; the store copies */
		mp_booking b = {
			.case_id = (char *)id, .flights = a->flights, .n_flights = a->n_flights,
			.status = MP_BOOK_CONFIRMED, .ftt_date = a->ftt_date,
			.escorts = a->escorts, .n_escorts = a->n_escorts,
		};
		rc = mp_store_put_booking(ctx->store, &b, &ctx->errs);
		if (rc == MP_OK)
			print_booking(ctx, "confirmed", &b);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

static int run_release(mp_ctx *ctx)
{
	const char *id = ctx->argv[0];
	mp_dataset ds;
	int64_t rev;
	mp_dataset_init(&ds);
	int rc = refuse_scenario(ctx, "release");
	if (rc != MP_OK)
		return rc;
	rc = mp_store_load(ctx->store, &ds, &rev, &ctx->errs);
	mp_booking *b = rc == MP_OK ? mp_dataset_booking(&ds, id) : NULL;
	if (rc == MP_OK)
		rc = cli_known(ctx, &ds, id, NULL);
	if (rc == MP_OK && (!b || b->status != MP_BOOK_CONFIRMED)) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "case '%.64s' has no confirmed booking", id);
		rc = MP_EDATA;
	}
	if (rc == MP_OK) {
		b->status = MP_BOOK_PROPOSED; /* stays the reference for level 2 */
		rc = mp_store_put_booking(ctx->store, b, &ctx->errs);
		if (rc == MP_OK)
			print_booking(ctx, "released", b);
	}
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_confirm = {
	.name = "confirm",
	.usage = "CASE [--scenario S --from-scenario]",
	.summary = "pin a case's booking from the latest plan",
	.help = "Stores the case's flights, check date and escorts from the baseline's latest\n"
		"plan as a confirmed booking: every later plan keeps it exactly, and lists it\n"
		"as a conflict if it ever breaks a rule. Manifests, itineraries and calendars\n"
		"show it confirmed at once. Bookings are real: on a scenario's plan confirm is\n"
		"refused (exit 64) unless --from-scenario is given, which takes the booking the\n"
		"scenario proposes, checks it against the baseline's latest plan and says what\n"
		"it displaces there (on stderr) before writing it.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	CLI_OPTS(struct confirm_opts, .scenario = NULL),
	.opts = {
		OPT_STR(struct confirm_opts, scenario, "scenario",
			"the scenario whose plan proposes the booking"),
		OPT_FLAG(struct confirm_opts, from_scenario, "from-scenario",
			 "confirm the scenario's booking in the baseline"),
	},
	.run = run_confirm,
};

const mp_cmd mp_cmd_release = {
	.name = "release",
	.usage = "CASE",
	.summary = "unpin a confirmed booking",
	.help = "The booking becomes a proposed one: the next plan may move the case, and\n"
		"counts a move as a change. Outputs show it proposed at once. Bookings are the\n"
		"baseline's: --scenario is refused (exit 64) unless --from-scenario is given.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	CLI_OPTS(struct confirm_opts, .scenario = NULL),
	.opts = {
		OPT_STR(struct confirm_opts, scenario, "scenario",
			"refused without --from-scenario: bookings are the baseline's"),
		OPT_FLAG(struct confirm_opts, from_scenario, "from-scenario",
			 "release the baseline's booking all the same"),
	},
	.run = run_release,
};
