/*
 * compare.c - two scenarios' plans side by side: persons moved by
 * destination country and priority (each and the difference), the cases
 * that move (booked in one and not the other, or on other flights) with
 * why each moved (changes.h: what refuses it its first place in the
 * second plan), and the flights that fill (full in either, or used
 * differently).  Text for people, or JSON.  Cases by id only (SPEC 5).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "rp.h"
#include "reports.h"
#include "../models/strsearch.h"
#include "changes.h"

typedef struct side {
	const char *name;
	const mp_dataset *ds;
	const mp_plan *p;
	rp_index ix;
	/* by id, for binary search: a global caseload has 20,000 cases */
	const mp_assignment **asg;
	const mp_unassigned **una;
	const mp_flight_use **use;
} side;

static int cmp_asg(const void *a, const void *b)
{
	return strcmp((*(const mp_assignment *const *)a)->case_id,
		      (*(const mp_assignment *const *)b)->case_id);
}

static int cmp_una(const void *a, const void *b)
{
	return strcmp((*(const mp_unassigned *const *)a)->case_id,
		      (*(const mp_unassigned *const *)b)->case_id);
}

static int cmp_use(const void *a, const void *b)
{
	return strcmp((*(const mp_flight_use *const *)a)->id, (*(const mp_flight_use *const *)b)->id);
}

#define SORTED(dst, arr, n, cmp)                                        \
	do {                                                            \
		dst = mp_xcalloc((size_t)(n) + 1, sizeof *dst);         \
		for (int i_ = 0; i_ < (n); i_++)                        \
			dst[i_] = &(arr)[i_];                           \
		if ((n) > 1)                                            \
			qsort(dst, (size_t)(n), sizeof *dst, cmp);      \
	} while (0)

static void side_init(side *s, const char *name, const mp_dataset *ds, const mp_plan *p)
{
	memset(s, 0, sizeof *s);
	s->name = name;
	s->ds = ds;
	s->p = p;
	rp_index_init(&s->ix, ds);
	SORTED(s->asg, p->assignments, p->n_assignments, cmp_asg);
	SORTED(s->una, p->unassigned, p->n_unassigned, cmp_una);
	SORTED(s->use, p->flights, p->n_flights, cmp_use);
}

static void side_release(side *s)
{
	rp_index_release(&s->ix);
	free(s->asg);
	free(s->una);
	free(s->use);
}

/* The item whose key (a string at offset off) is key, or NULL. */
static const void *lookup(const void *const *v, int n, size_t off, const char *key)
{
	int i = mp_strsearch_ptr(v, n, off, key);
	return i < 0 ? NULL : v[i];
}

static const mp_assignment *assignment(const side *s, const char *id)
{
	return lookup((const void *const *)s->asg, s->p->n_assignments,
		      offsetof(mp_assignment, case_id), id);
}

static const mp_unassigned *unassigned(const side *s, const char *id)
{
	return lookup((const void *const *)s->una, s->p->n_unassigned,
		      offsetof(mp_unassigned, case_id), id);
}

static const mp_flight_use *flight_use(const side *s, const char *id)
{
	return lookup((const void *const *)s->use, s->p->n_flights, offsetof(mp_flight_use, id), id);
}

/* --- sorted unions of ids --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts v and removes duplicates; returns the new count. */
static int uniq(const char **v, int n)
{
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_str);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (m == 0 || strcmp(v[m - 1], v[i]) != 0)
			v[m++] = v[i];
	return m;
}

static int case_ids(const side *s, const char ***v)
{
	const mp_plan *p = s[0].p, *q = s[1].p;
	int n = 0, cap = p->n_assignments + p->n_unassigned + q->n_assignments + q->n_unassigned;
	*v = mp_xcalloc((size_t)cap + 1, sizeof **v);
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < s[k].p->n_assignments; i++)
			(*v)[n++] = s[k].p->assignments[i].case_id;
		for (int i = 0; i < s[k].p->n_unassigned; i++)
			(*v)[n++] = s[k].p->unassigned[i].case_id;
	}
	return uniq(*v, n);
}

static int flight_ids(const side *s, const char ***v)
{
	int n = 0;
	*v = mp_xcalloc((size_t)(s[0].p->n_flights + s[1].p->n_flights) + 1, sizeof **v);
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < s[k].p->n_flights; i++)
			(*v)[n++] = s[k].p->flights[i].id;
	return uniq(*v, n);
}

/* --- persons by destination and priority --- */

typedef struct dest {
	const char *country;
	int prio;
	int persons[2];
} dest;

static int cmp_dest(const void *a, const void *b)
{
	const dest *x = a, *y = b;
	int c = strcmp(x->country, y->country);
	return c ? c : x->prio - y->prio;
}

static int destinations(const side *s, dest **out)
{
	dest *v = NULL;
	int n = 0;
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < s[k].p->n_assignments; i++) {
			const mp_case *c = rp_case(&s[k].ix, s[k].p->assignments[i].case_id);
			const char *country = c && c->dest_country ? c->dest_country : "?";
			int prio = c ? (int)c->priority : MP_PRIO_NORMAL, j;
			for (j = 0; j < n; j++)
				if (v[j].prio == prio && strcmp(v[j].country, country) == 0)
					break;
			if (j == n) {
				v = mp_xrealloc(v, (size_t)(n + 1) * sizeof *v);
				v[n++] = (dest){country, prio, {0, 0}};
			}
			v[j].persons[k] += c ? c->n_members : 0;
		}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_dest);
	*out = v;
	return n;
}

/* --- a case's place in one plan --- */

/* "TK1074/2026-12-14 TK17/2026-12-14", "not booked (QUOTA CAPACITY)"
 * or "not in plan", into b. */
static void place(rp_buf *b, const side *s, const char *case_id)
{
	const mp_assignment *a = assignment(s, case_id);
	const mp_unassigned *u = a ? NULL : unassigned(s, case_id);
	if (a) {
		for (int i = 0; i < a->n_flights; i++)
			rp_buf_printf(b, "%s%s", i ? " " : "", a->flights[i]);
	} else if (u) {
		rp_buf_puts(b, "not booked (");
		for (int i = 0; i < u->n_reasons; i++)
			rp_buf_printf(b, "%s%s", i ? " " : "", mp_reason_names[u->reasons[i].code]);
		rp_buf_putc(b, ')');
	} else {
		rp_buf_puts(b, "not in plan");
	}
}

static bool case_moves(const side *s, const char *id)
{
	return !mp_assignment_same_flights(assignment(&s[0], id), assignment(&s[1], id));
}

static bool flight_fills(const side *s, const char *id)
{
	const mp_flight_use *a = flight_use(&s[0], id), *b = flight_use(&s[1], id);
	bool full = (a && a->seats > 0 && a->used >= a->seats) ||
		    (b && b->seats > 0 && b->used >= b->seats);
	return full || (a ? a->used : 0) != (b ? b->used : 0);
}

/* --- text --- */

static void text_dest(rp_buf *b, const side *s)
{
	dest *v;
	int n = destinations(s, &v), tot[2] = {0, 0};
	rp_buf_printf(b, "\nPersons moved by destination and priority\n%-8s %-10s %12.12s %12.12s %10s\n",
		      "country", "priority", s[0].name, s[1].name, "difference");
	for (int i = 0; i < n; i++) {
		rp_buf_printf(b, "%-8s %-10s %12d %12d %+10d\n", v[i].country,
			      mp_priority_names[v[i].prio], v[i].persons[0], v[i].persons[1],
			      v[i].persons[1] - v[i].persons[0]);
		tot[0] += v[i].persons[0];
		tot[1] += v[i].persons[1];
	}
	rp_buf_printf(b, "%-19s %12d %12d %+10d\n", "total", tot[0], tot[1], tot[1] - tot[0]);
	free(v);
}

/* Why a case's place in the second plan differs from the first's. */
static void text_why(rp_buf *b, const mp_changes *why, const char *id)
{
	const mp_case_change *ch = mp_changes_find(why, id);
	if (ch && ch->kind != MP_CHG_ADDED)
		rp_buf_printf(b, "  %-14s why: %s\n", "", ch->detail);
}

static void text_cases(rp_buf *b, const side *s, const mp_changes *why)
{
	const char **ids;
	int n = case_ids(s, &ids), moved = 0;
	rp_buf body = {0};
	for (int i = 0; i < n; i++) {
		if (!case_moves(s, ids[i]))
			continue;
		rp_buf pa = {0}, pb = {0};
		place(&pa, &s[0], ids[i]);
		place(&pb, &s[1], ids[i]);
		rp_buf_printf(&body, "  %-14s %s: %s\n  %-14s %s: %s\n", ids[i], s[0].name, pa.s,
			      "", s[1].name, pb.s);
		text_why(&body, why, ids[i]);
		rp_buf_release(&pa);
		rp_buf_release(&pb);
		moved++;
	}
	rp_buf_printf(b, "\nCases that move (%d)\n", moved);
	rp_buf_puts(b, body.s ? body.s : "  none\n");
	rp_buf_release(&body);
	free(ids);
}

static void fill_cell(rp_buf *b, const mp_flight_use *u)
{
	char cell[32] = "-";
	if (u)
		snprintf(cell, sizeof cell, "%d/%d%s", u->used, u->seats,
			 u->seats > 0 && u->used >= u->seats ? " full" : "");
	rp_buf_printf(b, " %14s", cell);
}

static void text_flights(rp_buf *b, const side *s)
{
	const char **ids;
	int n = flight_ids(s, &ids), shown = 0;
	rp_buf_printf(b, "\nFlights that fill (used/seats)\n%-24s %14.14s %14.14s\n", "flight",
		      s[0].name, s[1].name);
	for (int i = 0; i < n; i++) {
		if (!flight_fills(s, ids[i]))
			continue;
		rp_buf_printf(b, "%-24s", ids[i]);
		fill_cell(b, flight_use(&s[0], ids[i]));
		fill_cell(b, flight_use(&s[1], ids[i]));
		rp_buf_putc(b, '\n');
		shown++;
	}
	if (!shown)
		rp_buf_puts(b, "  none\n");
	free(ids);
}

static void text(rp_buf *b, const side *s, const mp_changes *why)
{
	rp_buf_printf(b, "Comparing %s (plan %s, %s) with %s (plan %s, %s)\n", s[0].name,
		      s[0].p->id ? s[0].p->id : "-", mp_plan_status_names[s[0].p->status],
		      s[1].name, s[1].p->id ? s[1].p->id : "-", mp_plan_status_names[s[1].p->status]);
	text_dest(b, s);
	text_cases(b, s, why);
	if (why->n_unforced)
		rp_buf_printf(b, "  (%d moved without being forced)\n", why->n_unforced);
	text_flights(b, s);
}

/* --- JSON --- */

static cJSON *pair(int a, int b)
{
	int v[2] = {a, b};
	return cJSON_CreateIntArray(v, 2);
}

static cJSON *json_dest(const side *s)
{
	dest *v;
	int n = destinations(s, &v);
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "country", v[i].country);
		cJSON_AddStringToObject(o, "priority", mp_priority_names[v[i].prio]);
		cJSON_AddItemToObject(o, "persons", pair(v[i].persons[0], v[i].persons[1]));
		cJSON_AddNumberToObject(o, "difference", v[i].persons[1] - v[i].persons[0]);
		cJSON_AddItemToArray(arr, o);
	}
	free(v);
	return arr;
}

static cJSON *json_place(const side *s, const char *id)
{
	const mp_assignment *a = assignment(s, id);
	const mp_unassigned *u = a ? NULL : unassigned(s, id);
	cJSON *o = cJSON_CreateObject();
	if (a) {
		cJSON_AddStringToObject(o, "status", "booked");
		cJSON_AddItemToObject(o, "flights", cJSON_CreateStringArray(
			(const char *const *)a->flights, a->n_flights));
	} else if (u) {
		cJSON_AddStringToObject(o, "status", "unassigned");
		cJSON *r = cJSON_AddArrayToObject(o, "reasons");
		for (int i = 0; i < u->n_reasons; i++)
			cJSON_AddItemToArray(r, cJSON_CreateString(mp_reason_names[u->reasons[i].code]));
	} else {
		cJSON_AddStringToObject(o, "status", "not_in_plan");
	}
	return o;
}

static cJSON *json_cases(const side *s, const mp_changes *why)
{
	const char **ids;
	int n = case_ids(s, &ids);
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		if (!case_moves(s, ids[i]))
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "case", ids[i]);
		cJSON *pl = cJSON_AddArrayToObject(o, "plans");
		cJSON_AddItemToArray(pl, json_place(&s[0], ids[i]));
		cJSON_AddItemToArray(pl, json_place(&s[1], ids[i]));
		const mp_case_change *ch = mp_changes_find(why, ids[i]);
		if (ch) {
			cJSON_AddStringToObject(o, "cause", mp_change_cause_names[ch->cause]);
			cJSON_AddBoolToObject(o, "forced", ch->cause != MP_CAUSE_UNFORCED);
			cJSON_AddStringToObject(o, "why", ch->detail);
		}
		cJSON_AddItemToArray(arr, o);
	}
	free(ids);
	return arr;
}

static cJSON *json_flights(const side *s)
{
	const char **ids;
	int n = flight_ids(s, &ids);
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		if (!flight_fills(s, ids[i]))
			continue;
		const mp_flight_use *a = flight_use(&s[0], ids[i]), *b = flight_use(&s[1], ids[i]);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "flight", ids[i]);
		cJSON_AddItemToObject(o, "used", pair(a ? a->used : 0, b ? b->used : 0));
		cJSON_AddItemToObject(o, "seats", pair(a ? a->seats : 0, b ? b->seats : 0));
		cJSON_AddItemToArray(arr, o);
	}
	free(ids);
	return arr;
}

static int json(rp_buf *b, const side *s, const mp_changes *why, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "compare");
	cJSON *sc = cJSON_AddArrayToObject(o, "scenarios");
	for (int k = 0; k < 2; k++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddStringToObject(x, "name", s[k].name);
		if (s[k].p->id)
			cJSON_AddStringToObject(x, "plan", s[k].p->id);
		cJSON_AddStringToObject(x, "status", mp_plan_status_names[s[k].p->status]);
		cJSON_AddItemToArray(sc, x);
	}
	cJSON_AddItemToObject(o, "destinations", json_dest(s));
	cJSON_AddItemToObject(o, "cases", json_cases(s, why));
	cJSON_AddItemToObject(o, "flights", json_flights(s));
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

int mp_compare_write(FILE *out, const char *name1, const mp_dataset *ds1, const mp_plan *p1,
		     const char *name2, const mp_dataset *ds2, const mp_plan *p2,
		     int as_json, mp_errors *errs)
{
	if (!p1 || !p2) {
		mp_errors_addf(errs, MP_ENOPLAN, "no plan for scenario '%s'",
			       !p1 ? (name1 ? name1 : "") : (name2 ? name2 : ""));
		return MP_ENOPLAN;
	}
	side s[2];
	side_init(&s[0], name1 ? name1 : "first", ds1, p1);
	side_init(&s[1], name2 ? name2 : "second", ds2, p2);
	rp_buf b = {0};
	int rc = MP_OK;
	mp_changes why; /* the second against the first, over the second's data */
	mp_changes_compute(ds2, p1, p2, NULL, NULL, &why);
	if (as_json)
		rc = json(&b, s, &why, errs);
	else
		text(&b, s, &why);
	mp_changes_release(&why);
	if (rc == MP_OK)
		rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	side_release(&s[0]);
	side_release(&s[1]);
	return rc;
}
