/*
 * cmd_itinerary.c - `movplan itinerary CASE`: one case's journey from
 * the latest plan, in the family's language, as a printable page, HTML,
 * JSON or an iCalendar file.
 */
#include "cli.h"
#include "../reports/reports.h"

struct itinerary_opts {
	const char *scenario, *out, *lang;
	int format; /* enum mp_itinerary_format */
};

static const char *const formats[] = {"text", "json", "ics", "html", NULL};

/* A language with no catalog is written in English: said on stderr. */
static void note_language(const mp_ctx *ctx, const mp_dataset *ds, const char *case_id,
			  const char *lang)
{
	const mp_case *c = mp_dataset_case(ds, case_id);
	const char *tag = lang ? lang : c ? c->language : NULL;
	if (!mp_itinerary_language_known(tag))
		cli_note(ctx, "no message catalog for language '%.35s' (there are en, fa-AF and "
			      "ps); the itinerary is in English", tag);
}

/* The calendar that follows the plan: SEQUENCE and what to cancel from
 * what the case's calendar was published with (io/store.h). */
static int write_ics(mp_ctx *ctx, const char *scenario, const char *lang,
		     const mp_dataset *ds, const mp_plan *plan, mp_outfile *out)
{
	mp_journey j;
	bool found = false;
	int rc = mp_store_journey(ctx->store, scenario, ctx->argv[0], &j, &found, &ctx->errs);
	if (rc == MP_OK)
		rc = mp_itinerary_write_ics(mp_out_stream(out), ds, plan, ctx->argv[0], lang,
					    found ? &j : NULL, &ctx->errs);
	return rc;
}

static int run(mp_ctx *ctx)
{
	const struct itinerary_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_plan(ctx, o->scenario, &ds, &plan, ctx->argv[0], NULL);
	mp_outfile *out = rc == MP_OK ? cli_open_output(ctx, o->out) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		note_language(ctx, &ds, ctx->argv[0], o->lang);
		if (o->format == MP_ITIN_ICS)
			rc = write_ics(ctx, o->scenario, o->lang, &ds, &plan, out);
		else
			rc = mp_itinerary_write_lang(mp_out_stream(out), &ds, &plan, ctx->argv[0],
						     (enum mp_itinerary_format)o->format, o->lang,
						     &ctx->errs);
		rc = cli_close_output(ctx, out, rc);
	}
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_itinerary = {
	.name = "itinerary",
	.usage = "CASE [--format text|json|ics|html] [--lang TAG]",
	.summary = "one case's journey for the family, in its language",
	.help = "In the family's language: the case's `language` (BCP 47; en when absent),\n"
		"or --lang. Catalogs: en, fa-AF (Dari; also fa, prs) and ps (Pashto; also\n"
		"pbt, pbu); another language is written in English, with a note.\n\n"
		"text is a page to print or send; html the same page printable on A4, right to\n"
		"left for Dari and Pashto; json for programs; ics imports into a calendar and\n"
		"follows the plan: one event for the journey (UID CASE.journey@MISSION), one\n"
		"per leg by its position (CASE.leg1@MISSION ...) and one for the\n"
		"fit-to-travel check, so a re-plan updates the same events; SEQUENCE rises\n"
		"with every plan that changes the journey and every confirm or release; a leg\n"
		"or check that is gone is sent as cancelled, and a case that lost its booking\n"
		"gets METHOD:CANCEL for every event it had. Booking status is read from the\n"
		"stored bookings. Needs are in plain words, with the fit-to-travel check, when and\n"
		"where to meet (three hours before the first flight), every connection and\n"
		"its wait (an overnight one flagged), the escort and what to bring. A family\n"
		"not booked reads only that it is not yet booked and that its caseworker will\n"
		"contact it (officers: `movplan explain CASE`). Carries names: handle it as\n"
		"personal data.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct itinerary_opts, .scenario = "baseline", .format = MP_ITIN_TEXT),
	.opts = {
		OPT_CHOICE(struct itinerary_opts, format, "format", formats,
			   "text (default), json, ics or html"),
		OPT_STR(struct itinerary_opts, lang, "lang",
			"BCP 47 language (default: the case's; en, fa-AF or ps)"),
		OPT_STR(struct itinerary_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct itinerary_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
