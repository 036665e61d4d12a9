/*
 * cmd_explain.c - `movplan explain CASE [--all]`: why a case is or is
 * not booked in the latest plan, rule by rule, the decisive reason
 * first (SPEC 4); text for people or, with --json, the same as JSON.
 * Ids, codes and the case's own dates only: no personal data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../io/json.h"
#include "../io/plan_json.h"
#include "../planner/planner.h"

struct explain_opts {
	const char *scenario;
	bool all;
};

static mp_node *facts_node(const mp_explanation *e)
{
	const mp_case *c = e->c;
	const mp_case_facts *fc = &e->facts;
	mp_node *n = mp_node_obj("case");
	mp_node_append(n, mp_node_str("id", c->id));
	mp_node_append(n, mp_node_str("priority", mp_priority_names[c->priority]));
	mp_node_append(n, mp_node_date("ready", c->ready));
	mp_node_append(n, mp_node_str("origin", c->origin));
	mp_node_append(n, mp_node_str("country", c->dest_country));
	mp_node_append(n, mp_node_str("airport", c->dest_airport));
	mp_node_append(n, mp_node_date("facts_on", e->facts_on));
	mp_node_append(n, mp_node_num("persons", fc->persons));
	mp_node_append(n, mp_node_num("lap_infants", fc->lap_infants));
	mp_node_append(n, mp_node_num("stretchers", fc->stretchers));
	mp_node *ssr = mp_node_obj("ssr");
	for (int k = 0; k < MP_N_SSR; k++)
		if (fc->ssr[k])
			mp_node_append(ssr, mp_node_num(mp_ssr_names[k], fc->ssr[k]));
	mp_node_append(n, ssr);
	mp_node_append(n, mp_node_num("need_escort", fc->need_escort));
	mp_node_append(n, mp_node_num("need_medical_escort", fc->need_medical));
	mp_node_append(n, mp_node_str("clinic", c->clinic));
	mp_node_append(n, mp_node_str("link", c->link));
	mp_node_append(n, mp_node_str("medical", mp_medical_names[c->medical]));
	mp_node_append(n, mp_node_date("medical_valid_until", c->medical_valid_until));
	mp_node_append(n, mp_node_date("medical_deferred_until", c->medical_deferred_until));
	mp_node_append(n, mp_node_date("visa_expires", c->visa_expires));
	return n;
}

static mp_node *booking_node(const mp_explanation *e)
{
	if (!e->booking)
		return NULL;
	mp_node *n = mp_node_obj("booking");
	mp_node_append(n, mp_node_str("status", mp_booking_status_names[e->booking->status]));
	mp_node_append(n, mp_node_str_array("flights", e->booking->flights, e->booking->n_flights));
	if (e->void_booking)
		mp_node_append(n, mp_node_bool("void", true));
	return n;
}

/* The reasons, the decisive one first. */
static mp_node *reasons_node(const mp_unassigned *u)
{
	mp_node *a = mp_node_arr("reasons");
	const mp_reason *d = mp_unassigned_decisive(u);
	if (d)
		mp_node_append(a, mp_plan_reason_node(d));
	for (int i = 0; i < u->n_reasons; i++)
		if (&u->reasons[i] != d)
			mp_node_append(a, mp_plan_reason_node(&u->reasons[i]));
	return a;
}

static mp_node *itin_node(const mp_explain_itin *x)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str_array("flights", x->flights, x->n_flights));
	mp_node_append(n, mp_node_datetime("departs", x->departs));
	mp_node_append(n, mp_node_datetime("arrives", x->arrives));
	mp_node_append(n, mp_node_str("role", mp_explain_role_names[x->role]));
	if (x->codes) {
		mp_node *codes = mp_node_arr("codes");
		for (int k = 0; k < MP_N_REASON; k++)
			if ((x->codes >> k) & 1u)
				mp_node_append(codes, mp_node_str(NULL, mp_reason_names[k]));
		mp_node_append(n, codes);
	}
	if (x->role == MP_EX_COMPETING)
		mp_node_append(n, mp_node_num("full_limits", x->n_full));
	mp_node_append(n, mp_node_str("note", x->note));
	return n;
}

static mp_node *itineraries_node(const mp_explanation *e)
{
	mp_node *n = mp_node_obj("itineraries");
	mp_node_append(n, mp_node_num("within_horizon", e->n_within));
	if (e->beyond)
		mp_node_append(n, mp_node_bool("beyond_horizon_only", true));
	for (int r = 0; r < 3; r++)
		mp_node_append(n, mp_node_num(mp_explain_role_names[r], e->n_role[r]));
	mp_node *by = mp_node_obj("excluded_by");
	for (int k = 0; k < MP_N_REASON; k++)
		if (e->excluded_by[k])
			mp_node_append(by, mp_node_num(mp_reason_names[k], e->excluded_by[k]));
	mp_node_append(n, by);
	mp_node *list = mp_node_arr("shown");
	for (int i = 0; i < e->n_itins; i++)
		mp_node_append(list, itin_node(&e->itins[i]));
	mp_node_append(n, list);
	return n;
}

static char *explanation_json(const mp_explanation *e)
{
	mp_node *root = mp_node_obj(NULL);
	mp_node_append(root, mp_node_num("movplan", 1));
	mp_node *x = mp_node_obj("explain");
	mp_node_append(x, facts_node(e));
	mp_node_append(x, booking_node(e));
	mp_node_append(x, mp_node_str("status", mp_explain_status_names[e->status]));
	if (e->assignment) {
		mp_node *a = mp_plan_assignment_node(e->assignment);
		a->key = mp_xstrdup("assignment"); /* an array element made a member */
		mp_node_append(x, a);
	}
	if (e->unassigned)
		mp_node_append(x, reasons_node(e->unassigned));
	mp_node *conf = mp_node_arr("conflicts");
	for (int i = 0; e->plan && i < e->plan->n_conflicts; i++)
		if (strcmp(e->plan->conflicts[i].case_id, e->c->id) == 0)
			mp_node_append(conf, mp_node_str(NULL, e->plan->conflicts[i].detail));
	mp_node_append(x, conf);
	if (e->status != MP_EX_HISTORY)
		mp_node_append(x, itineraries_node(e));
	mp_node_append(root, x);
	char *text = mp_json_write(root);
	mp_node_free(root);
	return text;
}

static int run(mp_ctx *ctx)
{
	const struct explain_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_explanation e;
	char *text = NULL;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	memset(&e, 0, sizeof e);
	int rc = cli_load_with_plan(ctx, o->scenario, &ds, &plan, ctx->argv[0], NULL);
	if (rc == MP_OK)
		rc = mp_explain_case(&ds, &plan, ctx->argv[0], o->all, &e, &ctx->errs);
	if (rc == MP_OK) {
		text = ctx->json ? explanation_json(&e) : mp_explanation_text(&e);
		fputs(text, stdout);
	}
	free(text);
	mp_explanation_release(&e);
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_explain = {
	.name = "explain",
	.usage = "CASE [--all] [--scenario S]",
	.summary = "why a case is or is not booked, rule by rule, the decisive reason first",
	.help = "Reads the latest plan of the scenario (run `movplan plan` first) and tells why\n"
		"the case is or is not booked: its reasons, the decisive one first (marked *:\n"
		"the limit full on the itineraries the case may take, else its own rule that\n"
		"ends latest), then its itineraries - the booked one, the competing ones (every\n"
		"rule of the case holds; fewest full limits first, with what was full) and those\n"
		"a rule excludes, each with its first departure and its final arrival.\n"
		"Without --all: ten competing and five excluded, the rest counted.  --json\n"
		"writes the same as JSON.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct explain_opts, .scenario = "baseline"),
	.opts = {
		OPT_STR(struct explain_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_FLAG(struct explain_opts, all, "all", "every itinerary, not only the first ones"),
	},
	.run = run,
};
