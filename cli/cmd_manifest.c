/*
 * cmd_manifest.c - `movplan manifest FLIGHT`: the passenger list of one
 * flight leg from the latest plan (CSV, JSON, XML or UN/EDIFACT PAXLST).
 * Carries names and documents (SPEC 5).
 */
#include "cli.h"
#include "../reports/reports.h"

struct manifest_opts {
	const char *sender, *recipient, *scenario, *out, *run;
	int format; /* enum mp_manifest_format */
	bool confirmed_only;
};

static const char *const formats[] = {"csv", "json", "xml", "paxlst", NULL};

/* Names a table transliterated are for the officer to check against
 * the documents: listed by id and field on stderr (never the names). */
static void note_transliterated(const mp_ctx *ctx, const mp_name_notes *n)
{
	if (n->n == 0)
		return;
	cli_note(ctx, "%d traveller%s named by ICAO Doc 9303 transliteration, not by the "
		      "document's own MRZ names; check them against the documents (or record "
		      "document.mrz_family_name and mrz_given_names):", n->n, n->n == 1 ? "" : "s");
	for (int i = 0; i < n->n; i++)
		cli_note(ctx, "  %s", n->v[i]);
}

static int run(mp_ctx *ctx)
{
	const struct manifest_opts *mo = ctx->opts;
	mp_manifest_options o = {
		.format = (enum mp_manifest_format)mo->format,
		.sender = mo->sender,
		.recipient = mo->recipient,
		.confirmed_only = mo->confirmed_only,
	};
	mp_name_notes notes = {0};
	o.transliterated = &notes;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_load_with_run(ctx, mo->scenario, mo->run, &ds, &plan, NULL, ctx->argv[0]);
	if (rc == MP_OK && !mo->run) /* no empty manifest for a cancelled flight */
		rc = cli_refuse_cancelled(ctx, &ds, mo->scenario, ctx->argv[0]);
	mp_outfile *out = rc == MP_OK ? cli_open_output(ctx, mo->out) : NULL;
	if (rc == MP_OK && !out)
		rc = MP_ECANTCREAT;
	if (rc == MP_OK) {
		rc = mp_manifest_write(mp_out_stream(out), &ds, &plan, ctx->argv[0], &o, &ctx->errs);
		rc = cli_close_output(ctx, out, rc);
	}
	if (rc == MP_OK)
		note_transliterated(ctx, &notes);
	mp_strv_free(notes.v, notes.n);
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_manifest = {
	.name = "manifest",
	.usage = "FLIGHT [--format csv|json|xml|paxlst] [--confirmed-only] [--run RUN] "
		 "[--sender ID] [--recipient ID]",
	.summary = "the passenger list of one flight, with SSR codes, escorts and documents",
	.help = "From the latest plan of the scenario. csv is the airline group desk's name\n"
		"list: one row per seated traveller with the leg (local date and time, route),\n"
		"the journey, booking reference and status, names as the travel document's\n"
		"machine-readable zone reads them, document, SSR codes, the escorts of the\n"
		"members who need one, a lap infant on the row of the adult who carries it,\n"
		"then totals against the flight's limits. paxlst writes a UN/EDIFACT D02B\n"
		"PAXLST message for advance passenger information; its sender and recipient\n"
		"default to the mission's.\n\n"
		"Names are the document's mrz_family_name/mrz_given_names where recorded, else\n"
		"ICAO Doc 9303's transliteration; every transliterated traveller is listed on\n"
		"standard error (and in the json form) to check. A name no table can write\n"
		"(a digit, a symbol, a script without a table) is an error (exit 65) naming the\n"
		"member and field. The output carries names and documents: handle it as\n"
		"personal data (--out creates the file mode 0600).\n\n"
		"Booking status is read from the stored bookings: a confirm shows at once.\n"
		"--run RUN prints the manifest of an older plan (`movplan runs`) as it was\n"
		"stored, over today's data. A cancelled flight has no manifest: exit 65 with\n"
		"how many passengers were re-planned (see `movplan changes`).",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct manifest_opts, .scenario = "baseline", .format = MP_MANIFEST_CSV),
	.opts = {
		OPT_CHOICE(struct manifest_opts, format, "format", formats,
			   "csv (default), json, xml or paxlst"),
		OPT_FLAG(struct manifest_opts, confirmed_only, "confirmed-only",
			 "only confirmed bookings (and their escorts)"),
		OPT_STR(struct manifest_opts, sender, "sender", "PAXLST interchange sender id"),
		OPT_STR(struct manifest_opts, recipient, "recipient", "PAXLST interchange recipient id"),
		OPT_STR(struct manifest_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_STR(struct manifest_opts, run, "run",
			"the plan of this run (`movplan runs`) instead of the latest"),
		OPT_STR(struct manifest_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
