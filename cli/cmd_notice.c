/*
 * cmd_notice.c - `movplan notice COUNTRY`: the arrival notice for a
 * receiving country from the latest plan (SPEC 4): per arrival date and
 * airport, who arrives, with which needs and escorts, on which flight
 * at which local time; CSV, JSON, XML or a printable HTML page.  Names
 * only with --with-names (SPEC 5).
 */
#include <string.h>
#include "cli.h"
#include "../reports/reports.h"

struct notice_opts {
	const char *scenario, *out, *from, *to;
	int format; /* enum mp_notice_format */
	bool with_names;
};

static const char *const formats[] = {"csv", "json", "xml", "html", NULL};

/* --from/--to: a calendar date or absent; 64 otherwise. */
static int date_opt(mp_ctx *ctx, const char *name, const char *text, mp_date *out)
{
	*out = MP_NODATE;
	if (text && !mp_date_parse(text, out)) {
		mp_errors_addf(&ctx->errs, MP_EUSAGE, "--%s: expected a date YYYY-MM-DD", name);
		return MP_EUSAGE;
	}
	return MP_OK;
}

static int options(mp_ctx *ctx, const struct notice_opts *no, mp_notice_options *o)
{
	const char *c = ctx->argv[0];
	o->format = (enum mp_notice_format)no->format;
	o->country = c;
	o->with_names = no->with_names;
	if (strlen(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z') {
		mp_errors_addf(&ctx->errs, MP_EUSAGE, "COUNTRY: expected two capital letters "
						      "(ISO 3166-1, e.g. CA)");
		return MP_EUSAGE;
	}
	if (date_opt(ctx, "from", no->from, &o->from) || date_opt(ctx, "to", no->to, &o->to))
		return MP_EUSAGE;
	if (o->from != MP_NODATE && o->to != MP_NODATE && o->to < o->from) {
		mp_errors_addf(&ctx->errs, MP_EUSAGE, "--to is before --from");
		return MP_EUSAGE;
	}
	return MP_OK;
}

static int run(mp_ctx *ctx)
{
	const struct notice_opts *no = ctx->opts;
	mp_notice_options o = {0};
	int rc = options(ctx, no, &o);
	if (rc != MP_OK)
		return rc;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	rc = cli_load_with_plan(ctx, no->scenario, &ds, &plan, NULL, NULL);
	mp_outfile *out = rc == MP_OK ? cli_open_output(ctx, no->out) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		rc = mp_notice_write(mp_out_stream(out), &ds, &plan, &o, &ctx->errs);
		rc = cli_close_output(ctx, out, rc);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_notice = {
	.name = "notice",
	.usage = "COUNTRY [--from DATE --to DATE] [--format csv|json|xml|html] [--with-names]",
	.summary = "the arrival notice for a receiving country",
	.help = "From the latest plan of the scenario: the cases arriving in COUNTRY (ISO\n"
		"3166-1, e.g. CA), per local arrival date and airport: case ids, family size,\n"
		"persons per age group (0-1, 2-11, 12-17, 18-59, 60+ on the arrival date),\n"
		"special needs in words (wheelchair, stretcher, medical escort, unaccompanied\n"
		"minors ...), escorts, the flight that lands and its local arrival time, and\n"
		"whether the booking is confirmed; a cover summary first. --from/--to bound the\n"
		"arrival dates. Cases are named by id only; --with-names adds the members'\n"
		"names (as their passports' machine-readable zone reads them), sex and birth\n"
		"dates, for the authority that needs them: then handle the notice as personal\n"
		"data. Send it again when `movplan changes` says the arrivals changed: its\n"
		"reference is the plan's id.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct notice_opts, .scenario = "baseline", .format = MP_NOTICE_CSV),
	.opts = {
		OPT_CHOICE(struct notice_opts, format, "format", formats,
			   "csv (default), json, xml or html"),
		OPT_STR(struct notice_opts, from, "from", "first local arrival date (YYYY-MM-DD)"),
		OPT_STR(struct notice_opts, to, "to", "last local arrival date (YYYY-MM-DD)"),
		OPT_FLAG(struct notice_opts, with_names, "with-names",
			 "add members' names, sex and birth dates"),
		OPT_STR(struct notice_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct notice_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
