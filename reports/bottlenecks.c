/*
 * bottlenecks.c - the binding limits and what more of each is worth
 * (models/decide.h's mp_bottlenecks, computed by planner/bottleneck.c):
 * as text for people, JSON, CSV (one row per measured step), and the
 * table and chart of the report's section.  Ids and counts only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rp_report.h"

void rp_bottleneck_label(rp_buf *b, const mp_bottleneck *x)
{
	switch (x->kind) {
	case MP_CH_SEATS: rp_buf_printf(b, "seats on %s", x->id); break;
	case MP_CH_SSR: rp_buf_printf(b, "%s limit on %s", mp_ssr_names[x->ssr], x->id); break;
	case MP_CH_QUOTA_PERSONS: rp_buf_printf(b, "quota %s, persons", x->id); break;
	case MP_CH_QUOTA_CASES: rp_buf_printf(b, "quota %s, cases", x->id); break;
	default: rp_buf_printf(b, "clinic %s, persons a day", x->id); break;
	}
}

static const char *unit_name(const mp_bottleneck *x, int n)
{
	switch (x->kind) {
	case MP_CH_SEATS: return n == 1 ? "seat" : "seats";
	case MP_CH_SSR: return n == 1 ? "member" : "members";
	case MP_CH_QUOTA_CASES: return n == 1 ? "case" : "cases";
	default: return n == 1 ? "person" : "persons";
	}
}

/* "+1 seat: +10 (1 person); +4 seats: +40 (4 persons), no more after" */
void rp_bottleneck_steps(rp_buf *b, const mp_bottleneck *x)
{
	for (int i = 0; i < x->n_steps; i++) {
		const mp_bottleneck_step *s = &x->steps[i];
		rp_buf_printf(b, "%s+%d %s: level 1 %+g (%+d person%s)", i ? "; " : "", s->units,
			      unit_name(x, s->units), s->gain, s->persons,
			      s->persons == 1 || s->persons == -1 ? "" : "s");
	}
	if (x->n_steps)
		rp_buf_printf(b, "%s", x->stops ? ", no more after" : ", still rising");
}

/* Where the gain stops: the last step's units, 0 when it does not. */
static int stops_at(const mp_bottleneck *x)
{
	return x->stops && x->n_steps ? x->steps[x->n_steps - 1].units : 0;
}

static const char *const cols_bottlenecks[] = {
	"rank", "limit", "kind", "id", "code", "day", "used", "max", "dual", "first_units",
	"first_gain", "best_gain", "per_unit", "stops_at", "steps"};

void rp_bottleneck_table(rp_table *t, const mp_bottlenecks *bn)
{
	rp_table_init(t, "bottlenecks", "What one more unit of a limit is worth (level 1, measured by re-plans)",
		      cols_bottlenecks, (int)(sizeof cols_bottlenecks / sizeof *cols_bottlenecks),
		      0x3fc1);
	for (int i = 0; bn && i < bn->n; i++) {
		const mp_bottleneck *x = &bn->v[i];
		if (!x->measured)
			continue;
		rp_buf label = {0}, steps = {0};
		rp_bottleneck_label(&label, x);
		rp_bottleneck_steps(&steps, x);
		rp_cell_int(t, i + 1);
		rp_cell(t, label.s);
		rp_cell(t, mp_change_kind_names[x->kind]);
		rp_cell(t, x->id);
		rp_cell(t, x->kind == MP_CH_SSR ? mp_ssr_names[x->ssr] : NULL);
		rp_cell_date(t, x->kind == MP_CH_CLINIC ? x->date : MP_NODATE);
		rp_cell_int(t, x->used);
		rp_cell_int(t, x->limit);
		rp_cell_num(t, x->dual, 3);
		double best = 0;
		for (int k = 0; k < x->n_steps; k++)
			best = x->steps[k].gain > best ? x->steps[k].gain : best;
		rp_cell_int(t, x->n_steps ? x->steps[0].units : 0);
		rp_cell_num(t, x->n_steps ? x->steps[0].gain : 0, 2);
		rp_cell_num(t, best, 2);
		rp_cell_num(t, x->per_unit, 2);
		if (stops_at(x))
			rp_cell_int(t, stops_at(x));
		else
			rp_cell(t, NULL);
		rp_cell(t, steps.s);
		rp_buf_release(&label);
		rp_buf_release(&steps);
	}
}

static int cmp_bar(const void *a, const void *b)
{
	const rp_bar *x = a, *y = b;
	return x->value > y->value ? -1 : x->value < y->value;
}

int rp_bottleneck_bars(rp_bar **bars, const mp_bottlenecks *bn)
{
	int n = 0;
	*bars = mp_xcalloc((size_t)(bn ? bn->n : 0) + 1, sizeof **bars);
	for (int i = 0; bn && i < bn->n; i++) {
		const mp_bottleneck *x = &bn->v[i];
		if (!x->measured || x->per_unit <= 0)
			continue;
		rp_buf label = {0};
		rp_bottleneck_label(&label, x);
		(*bars)[n++] = (rp_bar){label.s, x->per_unit, -1}; /* label's memory to the bar */
	}
	qsort(*bars, (size_t)n, sizeof **bars, cmp_bar);
	for (int i = 10; i < n; i++)
		free((*bars)[i].label);
	return n < 10 ? n : 10;
}

/* ---- `movplan bottlenecks` ---- */

static void text(rp_buf *b, const mp_plan *plan, const mp_bottlenecks *bn)
{
	int measured = 0;
	for (int i = 0; i < bn->n; i++)
		measured += bn->v[i].measured;
	rp_buf_printf(b, "bottlenecks of plan %s (level 1 %g): %d limit%s in the LP relaxation; "
			 "the %d with the highest dual measured by %d full re-plan%s, best gain per unit first\n",
		      plan->id ? plan->id : "-", plan->objective.weighted_persons, bn->n_binding,
		      bn->n_binding == 1 ? " binds" : "s bind", measured, bn->n_replans, bn->n_replans == 1 ? "" : "s");
	for (int i = 0; i < bn->n; i++) {
		const mp_bottleneck *x = &bn->v[i];
		rp_buf_printf(b, "%3d. ", i + 1);
		rp_bottleneck_label(b, x);
		rp_buf_printf(b, ": %d of %d used, dual %.3g", x->used, x->limit, x->dual);
		if (!x->measured) {
			rp_buf_puts(b, " (not measured: --top)\n");
			continue;
		}
		rp_buf_printf(b, "; best %.3g a %s\n      ", x->per_unit, unit_name(x, 1));
		rp_bottleneck_steps(b, x);
		rp_buf_puts(b, "\n");
	}
}

static void csv(rp_buf *b, const mp_bottlenecks *bn)
{
	static const char *const head[] = {"rank", "kind", "id", "code", "day", "used", "max", "dual",
					   "units", "gain", "persons", "per_unit", "stops"};
	for (size_t i = 0; i < sizeof head / sizeof *head; i++) {
		if (i)
			rp_buf_putc(b, ',');
		rp_csv_field(b, head[i]);
	}
	rp_csv_end(b);
	for (int i = 0; i < bn->n; i++) {
		const mp_bottleneck *x = &bn->v[i];
		char d[MP_DATE_BUF];
		for (int k = 0; k < (x->n_steps ? x->n_steps : 1); k++) {
			const mp_bottleneck_step *s = x->n_steps ? &x->steps[k] : NULL;
			rp_buf_printf(b, "%d,", i + 1);
			rp_csv_field(b, mp_change_kind_names[x->kind]);
			rp_buf_putc(b, ',');
			rp_csv_field(b, x->id);
			rp_buf_printf(b, ",%s,%s,%d,%d,%.6g,", x->kind == MP_CH_SSR ? mp_ssr_names[x->ssr] : "",
				      x->kind == MP_CH_CLINIC ? rp_date(x->date, d) : "", x->used, x->limit,
				      x->dual);
			if (s)
				rp_buf_printf(b, "%d,%.10g,%d,%.6g,%s", s->units, s->gain, s->persons,
					      x->per_unit, x->stops ? "true" : "false");
			else
				rp_buf_puts(b, ",,,,");
			rp_csv_end(b);
		}
	}
}

static cJSON *json_limit(const mp_bottleneck *x, int rank)
{
	cJSON *o = cJSON_CreateObject();
	char d[MP_DATE_BUF];
	rp_buf label = {0};
	rp_bottleneck_label(&label, x);
	cJSON_AddNumberToObject(o, "rank", rank);
	cJSON_AddStringToObject(o, "limit", label.s);
	cJSON_AddStringToObject(o, "kind", mp_change_kind_names[x->kind]);
	cJSON_AddStringToObject(o, "id", x->id);
	if (x->kind == MP_CH_SSR)
		cJSON_AddStringToObject(o, "code", mp_ssr_names[x->ssr]);
	if (x->kind == MP_CH_CLINIC)
		cJSON_AddStringToObject(o, "day", rp_date(x->date, d));
	cJSON_AddNumberToObject(o, "used", x->used);
	cJSON_AddNumberToObject(o, "max", x->limit);
	cJSON_AddNumberToObject(o, "dual", x->dual);
	cJSON_AddBoolToObject(o, "measured", x->measured);
	if (x->measured) {
		cJSON_AddNumberToObject(o, "per_unit", x->per_unit);
		cJSON_AddBoolToObject(o, "stops", x->stops);
		cJSON *steps = cJSON_AddArrayToObject(o, "steps");
		for (int k = 0; k < x->n_steps; k++) {
			cJSON *s = cJSON_CreateObject();
			cJSON_AddNumberToObject(s, "units", x->steps[k].units);
			cJSON_AddNumberToObject(s, "gain", x->steps[k].gain);
			cJSON_AddNumberToObject(s, "persons", x->steps[k].persons);
			cJSON_AddItemToArray(steps, s); /* ownership to steps */
		}
	}
	rp_buf_release(&label);
	return o;
}

static void json(rp_buf *b, const mp_plan *plan, const mp_bottlenecks *bn)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "bottlenecks");
	cJSON_AddStringToObject(o, "plan", plan->id ? plan->id : "");
	cJSON_AddNumberToObject(o, "level1", plan->objective.weighted_persons);
	cJSON_AddNumberToObject(o, "binding", bn->n_binding);
	cJSON_AddNumberToObject(o, "replans", bn->n_replans);
	cJSON *limits = cJSON_AddArrayToObject(o, "limits");
	for (int i = 0; i < bn->n; i++)
		cJSON_AddItemToArray(limits, json_limit(&bn->v[i], i + 1)); /* ownership to limits */
	rp_json_emit(b, root); /* frees root */
}

int mp_bottlenecks_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			 const mp_bottlenecks *bn, enum mp_bn_format f, mp_errors *errs)
{
	(void)ds;
	rp_buf b = {0};
	if (f == MP_BN_JSON)
		json(&b, plan, bn);
	else if (f == MP_BN_CSV)
		csv(&b, bn);
	else
		text(&b, plan, bn);
	int rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	return rc;
}
