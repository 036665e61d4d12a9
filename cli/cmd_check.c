/*
 * cmd_check.c - `movplan check FILE...`: validate files as one dataset
 * (with an explicit --db, together with that database, which it never
 * creates); print every problem; change nothing (SPEC 4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../models/mrz.h"
#include "../models/validate.h"

/* Shared with import: reads the files and, when a store is open, puts
 * them over a copy of the stored dataset; validates the result. */
static void count_line(const mp_dataset *ds, int n_files)
{
	int persons = 0;
	for (int i = 0; i < ds->n_cases; i++)
		persons += ds->cases[i].n_members;
	printf("ok: %d file%s: %s%d airports, %d flights, %d quotas, %d arrival rules, "
	       "%d transit rules, %d clinics, %d escorts, %d cases (%d persons), %d bookings\n",
	       n_files, n_files == 1 ? "" : "s", ds->mission.present ? "mission, " : "",
	       ds->n_airports, ds->n_flights, ds->n_quotas, ds->n_arrival_rules,
	       ds->n_transit_rules, ds->n_clinics, ds->n_escorts, ds->n_cases, persons,
	       ds->n_bookings);
}

static int check_mission_id(mp_ctx *ctx, const mp_dataset *stored, const mp_dataset *in)
{
	if (!stored->mission.present || !in->mission.present || !stored->mission.id ||
	    !in->mission.id || strcmp(stored->mission.id, in->mission.id) == 0)
		return MP_OK;
	mp_errors_add(&ctx->errs, mp_dataset_file(in, in->mission.loc), in->mission.loc.line,
		      in->mission.loc.col, "mission", "id",
		      "the database holds mission '%s'; a database holds one mission",
		      stored->mission.id);
	return MP_EDATA;
}

int cli_read_and_validate(mp_ctx *ctx, mp_store *store, mp_dataset *incoming,
			  mp_dataset *combined)
{
	int rc = cli_read_files(ctx, ctx->argv, ctx->argc, incoming);
	if (rc == MP_ENOINPUT || (rc != MP_OK && ctx->errs.n > 0 &&
				  mp_errors_status(&ctx->errs) != MP_EDATA))
		return rc;
	return cli_validate_over(ctx, store, incoming, combined, rc);
}

int cli_validate_over(mp_ctx *ctx, mp_store *store, const mp_dataset *incoming,
		      mp_dataset *combined, int rc)
{
	if (store) {
		int64_t rev;
		int lrc = mp_store_load(store, combined, &rev, &ctx->errs);
		if (lrc != MP_OK)
			return lrc;
		if (check_mission_id(ctx, combined, incoming) != MP_OK)
			rc = MP_EDATA;
	}
	if (rc != MP_OK)
		return rc; /* decode problems: references would only add noise */
	mp_dataset copy;
	mp_dataset_copy(&copy, incoming);
	mp_dataset_merge(combined, &copy); /* consumes copy */
	mp_dataset_defaults(combined);
	if (mp_validate(combined, &ctx->errs))
		return MP_EDATA;
	return MP_OK;
}

/* Names that manifests would transliterate: warnings, exit 0. */
static void warn_names(const mp_ctx *ctx, const mp_dataset *ds)
{
	mp_errors w;
	mp_errors_init(&w);
	int n = mp_mrz_warnings(ds, &w);
	for (int i = 0; i < w.n && !ctx->quiet; i++) {
		char *line = mp_error_format(&w.v[i]);
		fprintf(stderr, "movplan: warning: %s\n", line);
		free(line);
	}
	if (n && !ctx->quiet)
		fprintf(stderr, "movplan: %d name%s without a machine-readable form (warning%s, "
				"not errors)\n", n, n == 1 ? "" : "s", n == 1 ? "" : "s");
	mp_errors_release(&w);
}

static int run(mp_ctx *ctx)
{
	mp_dataset incoming, combined;
	mp_store *store = NULL;
	int rc;
	mp_dataset_init(&incoming);
	mp_dataset_init(&combined);
	if (ctx->db_flag) { /* SPEC 4: only an explicit --db */
		rc = mp_store_open(ctx->db_path, ctx->busy_timeout, MP_STORE_READ, &store, &ctx->errs);
		if (rc != MP_OK)
			goto out;
	}
	rc = cli_read_and_validate(ctx, store, &incoming, &combined);
	if (rc == MP_OK) {
		warn_names(ctx, &incoming);
		count_line(&incoming, ctx->argc);
	}
out:
	mp_store_close(store);
	mp_dataset_release(&incoming);
	mp_dataset_release(&combined);
	return rc;
}

const mp_cmd mp_cmd_check = {
	.name = "check",
	.usage = "FILE...",
	.summary = "validate files as one dataset and list every problem; change nothing",
	.help = "Reads JSON and XML files (the form is sniffed) as one dataset and checks every\n"
		"rule of the data model. With an explicit --db the files are checked together\n"
		"with that database (which check never creates). Problems are printed as\n"
		"file:line:col: item: field: message. Exit 0 when valid, 65 on bad data,\n"
		"66 when a file cannot be read.\n\n"
		"Warnings (exit 0): a member whose name is not in Latin script and whose\n"
		"document has no mrz_family_name/mrz_given_names; manifests would transliterate\n"
		"it by ICAO Doc 9303, so record the passport's machine-readable name.",
	.min_args = 1,
	.max_args = -1,
	.run = run,
};
