/*
 * cmd_confirm.c - `movplan confirm CASE` pins the case's booking from
 * the latest plan (SPEC 2.12: the next plan keeps it exactly);
 * `movplan release CASE` unpins it (it stays as the proposed booking).
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

struct confirm_opts {
	const char *scenario;
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

static int run_confirm(mp_ctx *ctx)
{
	const struct confirm_opts *o = ctx->opts;
	const char *id = ctx->argv[0];
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_scenario(ctx, "baseline", &ds, NULL);
	if (rc == MP_OK && !mp_dataset_case(&ds, id)) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "unknown case '%.64s'", id);
		rc = MP_EDATA;
	}
	if (rc == MP_OK)
		rc = cli_latest_plan(ctx, o->scenario, &plan);
	const mp_assignment *a = rc == MP_OK ? mp_plan_assignment(&plan, id) : NULL;
	if (rc == MP_OK && !a) {
		mp_errors_addf(&ctx->errs, MP_EDATA,
			       "case '%.64s' is not booked in the latest plan; see `movplan explain %.64s`",
			       id, id);
		rc = MP_EDATA;
	}
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
	int rc = mp_store_load(ctx->store, &ds, &rev, &ctx->errs);
	mp_booking *b = rc == MP_OK ? mp_dataset_booking(&ds, id) : NULL;
	if (rc == MP_OK && !mp_dataset_case(&ds, id)) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "unknown case '%.64s'", id);
		rc = MP_EDATA;
	} else if (rc == MP_OK && (!b || b->status != MP_BOOK_CONFIRMED)) {
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
	.usage = "CASE [--scenario S]",
	.summary = "pin a case's booking from the latest plan",
	.help = "Stores the case's flights, check date and escorts from the latest plan as a\n"
		"confirmed booking: every later plan keeps it exactly, and lists it as a\n"
		"conflict if it ever breaks a rule.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	CLI_OPTS(struct confirm_opts, .scenario = "baseline"),
	.opts = {OPT_STR(struct confirm_opts, scenario, "scenario",
			 "take the booking from this scenario's plan")},
	.run = run_confirm,
};

const mp_cmd mp_cmd_release = {
	.name = "release",
	.usage = "CASE",
	.summary = "unpin a confirmed booking",
	.help = "The booking becomes a proposed one: the next plan may move the case, and\n"
		"counts a move as a change.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB,
	.run = run_release,
};
