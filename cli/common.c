/*
 * common.c - what several commands share: option access, messages,
 * loading a scenario's dataset, outputs, running the planner.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../io/decode.h"
#include "../io/files.h"
#include "../io/json.h"
#include "../io/xml.h"
#include "../models/validate.h"
#include "../planner/planner.h"

int cli_usage(mp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(&ctx->errs, MP_EUSAGE, NULL, 0, 0, NULL, NULL, fmt, ap);
	va_end(ap);
	return MP_EUSAGE;
}

/* "movplan: <message>" and a newline on stderr. */
__attribute__((format(printf, 1, 0))) static void say(const char *fmt, va_list ap)
{
	fputs("movplan: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_progress(const mp_ctx *ctx, const char *fmt, ...)
{
	if (!ctx->progress)
		return;
	va_list ap;
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

void cli_note(const mp_ctx *ctx, const char *fmt, ...)
{
	if (ctx->quiet)
		return;
	va_list ap;
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

int cli_read_files(mp_ctx *ctx, char **files, int n, mp_dataset *ds)
{
	int before = ctx->errs.n;
	mp_read_dataset((const char *const *)files, n, ds, &ctx->errs);
	mp_validate_keys(ds, &ctx->errs);
	return ctx->errs.n > before ? mp_errors_status(&ctx->errs) : MP_OK;
}

/* Puts the scenario's layers on the imported dataset (SPEC 3). */
static int apply_layers(mp_ctx *ctx, const char *scenario, mp_dataset *ds)
{
	char **layers = NULL, **names = NULL;
	int n = 0, rc = MP_OK;
	mp_node *tree = NULL;
	if (mp_store_scenario_layers(ctx->store, scenario, &layers, &names, &n, &ctx->errs))
		return mp_errors_status(&ctx->errs);
	if (n == 0)
		goto out;
	tree = mp_encode(ds);
	for (int i = 0; i < n && rc == MP_OK; i++) {
		/* layers are stored as the bytes of the file given, JSON or XML */
		mp_node *layer = mp_parse_bytes(names[i], layers[i], strlen(layers[i]), &ctx->errs);
		if (!layer || mp_layer_apply(tree, layer, names[i], &ctx->errs))
			rc = MP_EDATA;
		mp_node_free(layer);
	}
	if (rc == MP_OK) {
		mp_dataset fresh;
		mp_dataset_init(&fresh);
		if (mp_decode(tree, scenario, &fresh, &ctx->errs)) {
			rc = MP_EDATA;
			mp_dataset_release(&fresh);
		} else {
			mp_dataset_release(ds);
			*ds = fresh;
		}
	}
out:
	mp_node_free(tree);
	mp_strv_free(layers, n);
	mp_strv_free(names, n);
	return rc;
}

int cli_load_scenario(mp_ctx *ctx, const char *scenario, mp_dataset *ds, int64_t *revision)
{
	int64_t rev = 0;
	int rc = mp_store_load(ctx->store, ds, &rev, &ctx->errs);
	if (rc != MP_OK)
		return rc;
	if (!ds->mission.present) {
		mp_errors_addf(&ctx->errs, MP_EDATA,
			       "the database holds no mission yet; run `movplan import FILE...` first");
		return MP_EDATA;
	}
	if (strcmp(scenario, "baseline") != 0 && (rc = apply_layers(ctx, scenario, ds)) != MP_OK)
		return rc;
	mp_dataset_defaults(ds);
	mp_dataset_sort(ds);
	if (mp_validate(ds, &ctx->errs))
		return MP_EDATA;
	if (revision)
		*revision = rev;
	return MP_OK;
}

int cli_latest_plan(mp_ctx *ctx, const char *scenario, mp_plan *plan)
{
	return mp_store_latest_plan(ctx->store, scenario, plan, &ctx->errs);
}

int cli_write_output(mp_ctx *ctx, const char *path, const char *text, size_t len)
{
	return mp_write_file(path ? path : "-", text, len, &ctx->errs);
}

mp_outfile *cli_open_output(mp_ctx *ctx, const char *path)
{
	return mp_out_open(path, &ctx->errs);
}

int cli_close_output(mp_ctx *ctx, mp_outfile *out, int rc)
{
	if (!out)
		return rc == MP_OK ? MP_ECANTCREAT : rc;
	if (rc != MP_OK) {
		mp_out_abort(out);
		return rc;
	}
	return mp_out_commit(out, &ctx->errs);
}

char *cli_dataset_digest(const mp_dataset *ds)
{
	/* FNV-1a 64 over the canonical JSON: a change detector for the run
	 * history, not a security hash. */
	mp_node *tree = mp_encode(ds);
	char *text = mp_json_write(tree);
	uint64_t h = 1469598103934665603ull;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	mp_node_free(tree);
	free(text);
	return mp_xasprintf("%016llx", (unsigned long long)h);
}

/* ---- planning shared by plan, plan --stateless and demo ---- */

static int parse_weights(mp_ctx *ctx, const char *s, mp_plan_options *o)
{
	char *copy = mp_xstrdup(s), *save = NULL;
	int rc = MP_OK;
	for (char *tok = strtok_r(copy, ",", &save); tok && rc == MP_OK;
	     tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		int p = -1;
		if (eq) {
			*eq = '\0';
			p = mp_priority_lookup(tok);
		}
		char *end = NULL;
		double w = eq ? strtod(eq + 1, &end) : -1;
		if (p < 0 || !end || *end || end == eq + 1 || w < 0 || w > 1e6)
			rc = cli_usage(ctx, "--weights: expected emergency=N,urgent=N,normal=N");
		else
			o->weights[p] = w;
	}
	free(copy);
	return rc;
}

int cli_plan_options(mp_ctx *ctx, const cli_solve_opts *so, mp_plan_options *o)
{
	mp_plan_options_init(o);
	/* SPEC 2: --effort decides where the search stops, --time-limit is
	 * a hard stop; one given alone is the only bound */
	if (so->time_limit > 0) {
		o->time_limit = so->time_limit;
		o->effort = so->effort > 0 ? so->effort : 0;
	} else if (so->effort > 0) {
		o->effort = so->effort;
		o->time_limit = 0;
	}
	o->gap = so->gap;
	return so->weights ? parse_weights(ctx, so->weights, o) : MP_OK;
}

void cli_log_line(void *arg, const char *line)
{
	const mp_ctx *ctx = arg;
	if (ctx->verbose)
		fprintf(stderr, "%s%s%s", ctx->progress ? "\r\033[K" : "", line,
			line[0] && line[strlen(line) - 1] == '\n' ? "" : "\n");
}

/* 12345678 -> "12,345,678" (whole numbers). */
static const char *thousands(double v, char buf[32])
{
	char raw[32];
	snprintf(raw, sizeof raw, "%.0f", v);
	int n = (int)strlen(raw), k = 0, lead = raw[0] == '-';
	for (int i = 0; i < n; i++) {
		buf[k++] = raw[i];
		int left = n - 1 - i;
		if (i >= lead && left > 0 && left % 3 == 0)
			buf[k++] = ',';
	}
	buf[k] = '\0';
	return buf;
}

/* SPEC 4: on a terminal, one line redrawn about once a second. */
static void progress_line(void *arg, const mp_plan_progress *p)
{
	(void)arg;
	char a[32], b[32], c[32], g[32] = "-";
	if (isfinite(p->bound) && p->bound > 0)
		snprintf(g, sizeof g, "%.2f %%", 100 * fmax(0, p->bound - p->level1) / p->bound);
	fprintf(stderr, "\r\033[Kplanning: %.0f s, %s persons (weighted %s), bound %s, gap %s",
		p->elapsed, thousands(p->persons, a), thousands(p->level1, b),
		isfinite(p->bound) ? thousands(p->bound, c) : "-", g);
	fflush(stderr);
}

int cli_run_planner(mp_ctx *ctx, const cli_solve_opts *so, const mp_dataset *ds,
		    const char *scenario, const mp_plan *reference, mp_plan *plan)
{
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	int rc = cli_plan_options(ctx, so, &req.options);
	if (rc != MP_OK)
		return rc;
	req.scenario = scenario;
	req.reference = reference;
	req.write_model = so->write_model;
	req.verbose = ctx->verbose;
	req.log = cli_log_line;
	req.log_ctx = ctx;
	req.stop = ctx->stop;
	if (ctx->progress) {
		req.progress = progress_line;
		req.progress_ctx = ctx;
	}
	cli_progress(ctx, "planning %d cases on %d flights (scenario '%s')", ds->n_cases,
		     ds->n_flights, scenario);
	rc = mp_plan_build(&req, plan, &ctx->errs);
	if (ctx->progress)
		fputs("\r\033[K", stderr); /* the summary follows */
	if (rc == MP_OK && !plan->input_digest)
		plan->input_digest = cli_dataset_digest(ds);
	return rc;
}

int cli_known(mp_ctx *ctx, const mp_dataset *ds, const char *case_id, const char *flight_id)
{
	if (case_id && !mp_dataset_case(ds, case_id)) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "unknown case '%.64s'", case_id);
		return MP_EDATA;
	}
	if (flight_id && !mp_dataset_flight(ds, flight_id)) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "unknown flight '%.64s'", flight_id);
		return MP_EDATA;
	}
	return MP_OK;
}

int cli_load_with_plan(mp_ctx *ctx, const char *scenario, mp_dataset *ds, mp_plan *plan,
		       const char *case_id, const char *flight_id)
{
	int rc = cli_load_scenario(ctx, scenario, ds, NULL);
	if (rc == MP_OK)
		rc = cli_known(ctx, ds, case_id, flight_id);
	if (rc == MP_OK)
		rc = cli_latest_plan(ctx, scenario, plan);
	if (rc == MP_OK)
		cli_booking_status(ds, plan); /* confirm reaches every output at once */
	return rc;
}

const char *const cli_dataset_formats[] = {"json", "xml", NULL};

int cli_write_dataset(mp_ctx *ctx, const mp_dataset *ds, bool xml, const char *path)
{
	mp_node *tree = mp_encode(ds);
	char *text = xml ? mp_xml_write(tree) : mp_json_write(tree);
	int rc = cli_write_output(ctx, path, text, strlen(text));
	free(text);
	mp_node_free(tree);
	return rc;
}
