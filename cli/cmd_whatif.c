/*
 * cmd_whatif.c - `movplan whatif CASE`: the smallest changes of the data
 * (seats, an assistance limit, a quota, clinic capacity, an escort's
 * availability, the case's own dates) that would each put the case in
 * the plan, each checked by a full re-plan, ranked by what it costs the
 * rest of the plan (SPEC 4; docs/decisions.md).  Ids only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../io/json.h"
#include "../planner/decide.h"

static void list(const char *what, char **v, int n, int *said)
{
	if (n == 0)
		return;
	printf("%s%s", (*said)++ ? "; " : "", what);
	for (int i = 0; i < n && i < 8; i++)
		printf("%s%s", i ? ", " : " ", v[i]);
	if (n > 8)
		printf(" and %d more", n - 8);
}

static void text_option(const mp_whatif_option *o, int k)
{
	char a[MP_DATETIME_BUF], b[MP_DATETIME_BUF];
	for (int i = 0; i < o->n_changes; i++) {
		char *t = mp_change_text(&o->changes[i]);
		if (i == 0)
			printf("  %2d. %s\n", k, t);
		else
			printf("      and %s\n", t);
		free(t);
	}
	if (o->n_changes == 0)
		printf("  %2d. no change: a re-plan books it as the data stands\n", k);
	if (o->note)
		printf("      (%s)\n", o->note);
	if (!o->confirmed) {
		int said = 0;
		printf("      not confirmed: a re-plan with %s does not book the case (",
		       o->n_changes > 1 ? "them" : "it");
		list("it books", o->added, o->n_added, &said);
		printf("%s)\n", said ? "" : "level 1 the same");
		return;
	}
	mp_datetime_format(o->departs, a);
	mp_datetime_format(o->arrives, b);
	printf("      confirmed by a re-plan: booked on");
	for (int i = 0; i < o->n_flights; i++)
		printf("%s%s", i ? " + " : " ", o->flights[i]);
	printf(" (departs %s, arrives %s); level 1 %+g\n      ", a, b, o->gain);
	int said = 0;
	list("drops", o->dropped, o->n_dropped, &said);
	list("moves", o->moved, o->n_moved, &said);
	list("also books", o->added, o->n_added, &said);
	printf("%s\n", said ? "" : "nobody else moves");
}

static void text(const mp_whatif *w)
{
	printf("whatif %s: ", w->c->id);
	if (w->status == MP_WI_BOOKED) {
		printf("the case is booked in the plan already (`movplan explain %s`)\n", w->c->id);
		return;
	}
	if (w->status == MP_WI_HISTORY) {
		printf("the case has travelled or departed: it is not planned\n");
		return;
	}
	if (w->status == MP_WI_NONE) {
		printf("%s\n", w->note ? w->note : "no change found");
		return;
	}
	int confirmed = 0;
	for (int i = 0; i < w->n_options; i++)
		confirmed += w->options[i].confirmed;
	printf("%d change%s, each enough alone (%d confirmed by %d full re-plan%s), cheapest for "
	       "the rest of the plan first:\n", w->n_options, w->n_options == 1 ? "" : "s", confirmed,
	       w->n_replans, w->n_replans == 1 ? "" : "s");
	for (int i = 0; i < w->n_options; i++)
		text_option(&w->options[i], i + 1);
}

/* ---- JSON ---- */

static mp_node *change_node(const mp_change *c)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("kind", mp_change_kind_names[c->kind]));
	mp_node_append(n, mp_node_str("id", c->id));
	mp_node_append(n, mp_node_str("case", c->case_id));
	if (c->kind == MP_CH_SSR)
		mp_node_append(n, mp_node_str("code", mp_ssr_names[c->ssr]));
	if (c->kind <= MP_CH_CLINIC) {
		mp_node_append(n, mp_node_num("amount", c->amount));
		mp_node_append(n, mp_node_num("from", c->was == MP_ABSENT ? 0 : c->was));
		mp_node_append(n, mp_node_num("to", (c->was == MP_ABSENT ? 0 : c->was) + c->amount));
	}
	mp_node_append(n, mp_node_date(c->kind == MP_CH_CLINIC ? "day" : "date", c->date));
	mp_node_append(n, mp_node_date("was", c->was_date));
	char *t = mp_change_text(c);
	mp_node_append(n, mp_node_str("text", t));
	free(t);
	return n;
}

static mp_node *option_node(const mp_whatif_option *o)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node *ch = mp_node_arr("changes");
	for (int i = 0; i < o->n_changes; i++)
		mp_node_append(ch, change_node(&o->changes[i]));
	mp_node_append(n, ch);
	mp_node_append(n, mp_node_bool("confirmed", o->confirmed));
	if (o->confirmed) {
		mp_node_append(n, mp_node_str_array("flights", o->flights, o->n_flights));
		mp_node_append(n, mp_node_datetime("departs", o->departs));
		mp_node_append(n, mp_node_datetime("arrives", o->arrives));
	}
	mp_node_append(n, mp_node_num("level1_gain", o->gain));
	mp_node_append(n, mp_node_str_array("dropped", o->dropped, o->n_dropped));
	mp_node_append(n, mp_node_str_array("moved", o->moved, o->n_moved));
	mp_node_append(n, mp_node_str_array("added", o->added, o->n_added));
	mp_node_append(n, mp_node_num("size", o->size));
	mp_node_append(n, mp_node_str("note", o->note));
	return n;
}

static void json(const mp_whatif *w)
{
	mp_node *root = mp_node_obj(NULL);
	mp_node_append(root, mp_node_num("movplan", 1));
	mp_node *x = mp_node_obj("whatif");
	mp_node_append(x, mp_node_str("case", w->c->id));
	mp_node_append(x, mp_node_str("status", mp_whatif_status_names[w->status]));
	mp_node_append(x, mp_node_str("note", w->note));
	mp_node_append(x, mp_node_num("replans", w->n_replans));
	mp_node *opts = mp_node_arr("options");
	for (int i = 0; i < w->n_options; i++)
		mp_node_append(opts, option_node(&w->options[i]));
	mp_node_append(x, opts);
	mp_node_append(root, x);
	char *t = mp_json_write(root);
	fputs(t, stdout);
	free(t);
	mp_node_free(root);
}

struct whatif_opts {
	const char *scenario;
	long max;
	double time_limit;
	double effort;
};

static int run(mp_ctx *ctx)
{
	const struct whatif_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_whatif w;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	memset(&w, 0, sizeof w);
	int rc = cli_load_with_plan(ctx, o->scenario, &ds, &plan, ctx->argv[0], NULL);
	mp_decide_request dr;
	mp_decide_request_init(&dr, &ds, &plan);
	dr.max_answers = (int)o->max;
	/* as `plan` takes them: either alone is the only bound (SPEC 2) */
	if (o->time_limit > 0) {
		dr.options.time_limit = o->time_limit;
		dr.options.effort = o->effort;
	} else if (o->effort > 0) {
		dr.options.effort = o->effort;
		dr.options.time_limit = 0;
	}
	dr.log = cli_log_line;
	dr.log_ctx = ctx;
	if (rc == MP_OK) {
		cli_progress(ctx, "whatif %s: elastic model, then a full re-plan per change", ctx->argv[0]);
		rc = mp_whatif_case(&dr, ctx->argv[0], &w, &ctx->errs);
	}
	if (rc == MP_OK)
		ctx->json ? json(&w) : text(&w);
	mp_whatif_release(&w);
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_whatif = {
	.name = "whatif",
	.usage = "CASE [--max N] [--effort N] [--time-limit SEC] [--scenario S]",
	.summary = "the smallest changes of data that would each put a case in the plan",
	.help = "For a case the latest plan leaves out: the few smallest changes - more seats\n"
		"on a flight, a higher assistance limit, more quota places, clinic capacity, an\n"
		"escort available on other dates, the case's own visa, document, medical or\n"
		"ready date - each alone enough to book it without unpinning any confirmed\n"
		"booking.  An elastic model of the case's part of the plan (GLPK: a penalised\n"
		"slack on every limit the case touches, its own dates free to move at a cost,\n"
		"the case forced in, every other booked case kept booked) proposes them; each\n"
		"is then checked by a full re-plan, which says where the case would fly and\n"
		"which other cases would move.  Confirmed changes come first, cheapest for the\n"
		"rest of the plan first.  Takes one re-plan per change (--effort and\n"
		"--time-limit each, as `plan` takes them; default the plan's own).  See\n"
		"docs/decisions.md.",
	.min_args = 1,
	.max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_DB_READ,
	CLI_OPTS(struct whatif_opts, .scenario = "baseline", .max = 5),
	.opts = {
		OPT_STR(struct whatif_opts, scenario, "scenario", "the scenario (default baseline)"),
		OPT_INT(struct whatif_opts, max, "max", 1, 50, "a number of changes (1-50)",
			"at most N changes (default 5)"),
		OPT_NUM_ABOVE(struct whatif_opts, time_limit, "time-limit", 0, 86400, "seconds (more than 0, at most 86400)",
			      "seconds for each re-plan, a hard stop (default: the plan's)"),
		OPT_NUM_ABOVE(struct whatif_opts, effort, "effort", 0, 1e6,
			      "million work units (more than 0, at most 1000000)",
			      "work for each re-plan: the same effort, the same re-plan (default: the plan's)"),
	},
	.run = run,
};
