/*
 * summary.c - the plan summary `plan` and `demo` print: persons and
 * cases moved by destination and priority, flights used, status, bound
 * and gap.  Cases by id and counts only: no personal data (SPEC 5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../models/strmap.h"
#include "../reports/changes.h"

typedef struct dest_row {
	char key[16];                /* "CA YYZ" */
	int persons[MP_N_PRIO], cases[MP_N_PRIO];
} dest_row;

static int find_row(dest_row **rows, int *n, const char *key)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*rows)[i].key, key) == 0)
			return i;
	*rows = mp_xrealloc(*rows, (size_t)(*n + 1) * sizeof **rows);
	memset(&(*rows)[*n], 0, sizeof **rows);
	snprintf((*rows)[*n].key, sizeof (*rows)[*n].key, "%s", key);
	return (*n)++;
}

static int cmp_row(const void *a, const void *b)
{
	return strcmp(((const dest_row *)a)->key, ((const dest_row *)b)->key);
}

typedef struct totals {
	dest_row *rows;
	int n_rows;
	int persons, cases, flights_used, seats_used, seats;
	/* SPEC 1 kinds: moved and waiting, per kind of movement */
	int kind_persons[MP_N_KIND], kind_cases[MP_N_KIND];
	int wait_persons[MP_N_KIND], wait_cases[MP_N_KIND];
	bool kinds;                  /* some case is not a resettlement */
} totals;

static void tally(const mp_dataset *ds, const mp_plan *plan, totals *t)
{
	mp_strmap idx;
	mp_strmap_init(&idx);
	memset(t, 0, sizeof *t);
	for (int i = 0; i < ds->n_cases; i++)
		mp_strmap_put(&idx, ds->cases[i].id, i);
	for (int i = 0; i < plan->n_assignments; i++) {
		int ci = mp_strmap_get(&idx, plan->assignments[i].case_id);
		if (ci < 0)
			continue;
		const mp_case *c = &ds->cases[ci];
		const mp_flight *last = mp_dataset_flight(ds, plan->assignments[i].flights
					   [plan->assignments[i].n_flights - 1]);
		char key[16];
		snprintf(key, sizeof key, "%s %s", c->dest_country,
			 last ? last->to : (c->dest_airport ? c->dest_airport : "-"));
		int r = find_row(&t->rows, &t->n_rows, key);
		t->rows[r].persons[c->priority] += c->n_members;
		t->rows[r].cases[c->priority]++;
		t->persons += c->n_members;
		t->cases++;
		t->kind_persons[c->kind] += c->n_members;
		t->kind_cases[c->kind]++;
	}
	for (int i = 0; i < plan->n_unassigned; i++) {
		int ci = mp_strmap_get(&idx, plan->unassigned[i].case_id);
		if (ci < 0)
			continue;
		t->wait_persons[ds->cases[ci].kind] += ds->cases[ci].n_members;
		t->wait_cases[ds->cases[ci].kind]++;
	}
	for (int i = 0; i < ds->n_cases; i++)
		t->kinds |= ds->cases[i].kind != MP_KIND_RESETTLEMENT;
	qsort(t->rows, (size_t)t->n_rows, sizeof *t->rows, cmp_row);
	for (int i = 0; i < plan->n_flights; i++) {
		t->seats += plan->flights[i].seats;
		t->seats_used += plan->flights[i].used;
		t->flights_used += plan->flights[i].used > 0;
	}
	mp_strmap_release(&idx);
}

/* SPEC 2: unassigned cases counted by their decisive reason. */
static void count_decisive(const mp_plan *p, int count[MP_N_REASON])
{
	memset(count, 0, MP_N_REASON * sizeof *count);
	for (int i = 0; i < p->n_unassigned; i++) {
		const mp_reason *r = mp_unassigned_decisive(&p->unassigned[i]);
		if (r && (unsigned)r->code < MP_N_REASON)
			count[r->code]++;
	}
}

static void print_json(const mp_dataset *ds, const mp_plan *p, const totals *t,
		       const mp_changes *ch)
{
	printf("{\"plan\": \"%s\", \"scenario\": \"%s\", \"status\": \"%s\", "
	       "\"objective\": {\"weighted_persons\": %.10g, \"changes\": %.10g, "
	       "\"waiting\": %.10g, \"cost\": %.10g}, \"bound\": %.10g, \"gap\": %.6g, "
	       "\"cases\": %d, \"assigned_cases\": %d, \"assigned_persons\": %d, "
	       "\"unassigned_cases\": %d, \"conflicts\": %d, \"flights_used\": %d, "
	       "\"seats_used\": %d, \"wall_seconds\": %.3f, \"work\": %.6g, \"time_cut\": %s, "
	       "\"levels\": [\"%s\", \"%s\", \"%s\", \"%s\"], \"by_destination\": [",
	       p->id ? p->id : "", p->scenario ? p->scenario : "", mp_plan_status_names[p->status],
	       p->objective.weighted_persons, p->objective.changes, p->objective.waiting,
	       p->objective.cost, p->bound, p->gap, ds->n_cases, t->cases, t->persons,
	       p->n_unassigned, p->n_conflicts, t->flights_used, t->seats_used, p->wall_seconds,
	       p->work, p->time_cut ? "true" : "false", mp_level_status_names[p->levels[0]],
	       mp_level_status_names[p->levels[1]], mp_level_status_names[p->levels[2]],
	       mp_level_status_names[p->levels[3]]);
	for (int i = 0; i < t->n_rows; i++) {
		printf("%s{\"destination\": \"%s\"", i ? ", " : "", t->rows[i].key);
		for (int k = 0; k < MP_N_PRIO; k++)
			printf(", \"%s\": {\"persons\": %d, \"cases\": %d}", mp_priority_names[k],
			       t->rows[i].persons[k], t->rows[i].cases[k]);
		printf("}");
	}
	int count[MP_N_REASON];
	count_decisive(p, count);
	printf("], \"unassigned_by_reason\": {");
	for (int r = 0, n = 0; r < MP_N_REASON; r++)
		if (count[r])
			printf("%s\"%s\": %d", n++ ? ", " : "", mp_reason_names[r], count[r]);
	printf("}, \"by_kind\": {");
	for (int k = 0; k < MP_N_KIND; k++)
		printf("%s\"%s\": {\"persons\": %d, \"cases\": %d, \"unassigned_persons\": %d, "
		       "\"unassigned_cases\": %d}", k ? ", " : "", mp_case_kind_names[k], t->kind_persons[k],
		       t->kind_cases[k], t->wait_persons[k], t->wait_cases[k]);
	printf("}");
	if (ch) {
		char *text = mp_changes_json(ch);
		printf(", \"changes\": %s", text);
		free(text);
	}
	printf("}\n");
}

/* SPEC 1 kinds, when the mission runs more than resettlement. */
static void print_kinds(const totals *t)
{
	if (!t->kinds)
		return;
	printf("by kind of movement, persons (cases) moved / waiting:");
	for (int k = 0; k < MP_N_KIND; k++)
		printf("%s %s %d (%d) / %d (%d)", k ? ";" : "", mp_case_kind_names[k], t->kind_persons[k],
		       t->kind_cases[k], t->wait_persons[k], t->wait_cases[k]);
	printf("\n");
}

static void print_reasons(const mp_plan *p)
{
	int count[MP_N_REASON];
	count_decisive(p, count);
	printf("unassigned by decisive reason:");
	for (int r = 0; r < MP_N_REASON; r++)
		if (count[r])
			printf(" %s %d", mp_reason_names[r], count[r]);
	printf("\n");
}

/* "level 1 optimal; levels 3-4 stopped by the effort budget" (SPEC 2):
 * runs of levels with the same status, in words. */
static void print_levels(const mp_plan *p)
{
	static const char *const words[] = {"optimal", "stopped by the effort budget",
					    "stopped at the time limit"};
	printf("search:");
	for (int l = 0; l < 4;) {
		int e = l;
		while (e + 1 < 4 && p->levels[e + 1] == p->levels[l])
			e++;
		if (e == l)
			printf("%s level %d %s", l ? ";" : "", l + 1, words[p->levels[l]]);
		else
			printf("%s levels %d-%d %s", l ? ";" : "", l + 1, e + 1, words[p->levels[l]]);
		l = e + 1;
	}
	/* without --time-limit only GLPK's backstop (planner/work.c) cuts */
	printf(" (%.3g M work units%s)\n", p->work,
	       !p->time_cut ? ""
	       : p->options.time_limit > 0 ? "; the time limit cut the search: another run may differ"
	       : "; a solver call ran past its time backstop and was stopped: another run may differ");
}

void cli_print_plan_summary(const mp_ctx *ctx, const mp_dataset *ds, const mp_plan *p)
{
	cli_print_plan_summary_with(ctx, ds, p, NULL);
}

void cli_print_plan_summary_with(const mp_ctx *ctx, const mp_dataset *ds, const mp_plan *p,
				 const mp_changes *ch)
{
	totals t;
	tally(ds, p, &t);
	if (ctx->json) {
		print_json(ds, p, &t, ch);
		free(t.rows);
		return;
	}
	char asof[MP_DATE_BUF];
	mp_date_format(p->as_of, asof);
	printf("plan %s (scenario %s, as of %s): %s, level 1 %.10g, bound %.10g, gap %.2f%%\n",
	       p->id ? p->id : "-", p->scenario ? p->scenario : "baseline", asof,
	       mp_plan_status_names[p->status], p->objective.weighted_persons, p->bound,
	       100 * p->gap);
	print_levels(p);
	printf("moved %d persons in %d of %d cases; %d cases unassigned; %d conflicts\n",
	       t.persons, t.cases, ds->n_cases, p->n_unassigned, p->n_conflicts);
	printf("\n  %-10s %14s %14s %14s %14s\n", "to", "emergency", "urgent", "normal",
	       "total");
	for (int i = 0; i < t.n_rows; i++) {
		const dest_row *r = &t.rows[i];
		char cell[MP_N_PRIO + 1][32];
		int tp = 0, tc = 0;
		for (int k = 0; k < MP_N_PRIO; k++) {
			snprintf(cell[k], sizeof cell[k], "%d (%d)", r->persons[k], r->cases[k]);
			tp += r->persons[k];
			tc += r->cases[k];
		}
		snprintf(cell[MP_N_PRIO], sizeof cell[MP_N_PRIO], "%d (%d)", tp, tc);
		printf("  %-10s %14s %14s %14s %14s\n", r->key, cell[0], cell[1], cell[2], cell[3]);
	}
	printf("  (persons (cases) moved per destination and priority)\n");
	print_kinds(&t);
	printf("\n");
	printf("flights used: %d of %d; seats used %d of %d held\n", t.flights_used,
	       p->n_flights, t.seats_used, t.seats);
	printf("objective: weighted persons %.10g, changes %.10g, waiting %.10g, cost %.10g\n",
	       p->objective.weighted_persons, p->objective.changes, p->objective.waiting,
	       p->objective.cost);
	if (p->n_unassigned)
		print_reasons(p);
	if (!ch) /* else the change list shows them first */
		for (int i = 0; i < p->n_conflicts; i++)
			printf("conflict: case '%s': rule %s: %s%s%s\n", p->conflicts[i].case_id,
			       p->conflicts[i].rule ? p->conflicts[i].rule : "-",
			       mp_reason_names[p->conflicts[i].code],
			       p->conflicts[i].detail ? ": " : "",
			       p->conflicts[i].detail ? p->conflicts[i].detail : "");
	free(t.rows);
	if (ch) {
		printf("\n");
		fflush(stdout);
		mp_errors ignored; /* a write error shows when main flushes stdout */
		mp_errors_init(&ignored);
		mp_changes_write(stdout, ch, false, &ignored);
		mp_errors_release(&ignored);
	}
}

void cli_report_conflicts(const mp_ctx *ctx, const mp_plan *p)
{
	(void)ctx; /* even under --quiet: a conflict needs a person (SPEC 4) */
	for (int i = 0; i < p->n_conflicts; i++)
		fprintf(stderr, "movplan: conflict: case '%s': rule %s: %s%s%s\n",
			p->conflicts[i].case_id, p->conflicts[i].rule ? p->conflicts[i].rule : "-",
			mp_reason_names[p->conflicts[i].code], p->conflicts[i].detail ? ": " : "",
			p->conflicts[i].detail ? p->conflicts[i].detail : "");
}
