/*
 * test_plan_json.c - the plan JSON of SPEC 3: encode/decode round trips
 * (tree and text), key order, omitted optionals, decoding errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "io/plan_json.h"
#include "io/json.h"

static mp_datetime dt(const char *s)
{
	mp_datetime v;
	assert_true(mp_datetime_parse(s, &v));
	return v;
}

static mp_date d(const char *s)
{
	mp_date v;
	assert_true(mp_date_parse(s, &v));
	return v;
}

/* A plan that uses every field, optionals both given and absent. */
static void full_plan(mp_plan *p)
{
	mp_plan_init(p);
	p->id = mp_xstrdup("P20261201T101500Z-1");
	p->scenario = mp_xstrdup("canada-up");
	p->as_of = d("2026-12-01");
	p->status = MP_PLAN_FEASIBLE;
	p->options.weights[MP_PRIO_EMERGENCY] = 200;
	p->options.weights[MP_PRIO_URGENT] = 12.5;
	p->options.weights[MP_PRIO_NORMAL] = 1;
	p->options.time_limit = 30;
	p->options.gap = 0.01;
	p->objective.weighted_persons = 1234;
	p->objective.changes = 3;
	p->objective.waiting = 98765.5;
	p->objective.cost = 4321.25;
	p->bound = 1300;
	p->gap = 0.0507692307692308;

	mp_assignment *a = mp_plan_add_assignment(p);
	a->case_id = mp_xstrdup("AFG-0001");
	mp_strv_push(&a->flights, &a->n_flights, "F1");
	mp_strv_push(&a->flights, &a->n_flights, "F2");
	a->departs = dt("2026-12-14T06:15+04:30");
	a->arrives = dt("2026-12-14T22:40:30-05:00");
	a->ftt_date = d("2026-12-12");
	mp_strv_push(&a->escorts, &a->n_escorts, "ESC-1");
	a->status = MP_BOOK_CONFIRMED;
	a = mp_plan_add_assignment(p); /* no ftt_date, no escorts */
	a->case_id = mp_xstrdup("AFG-0002");
	mp_strv_push(&a->flights, &a->n_flights, "F3");
	a->departs = dt("2026-12-15T10:00Z");
	a->arrives = dt("2026-12-15T14:00+01:00");

	mp_unassigned *u = mp_plan_add_unassigned(p);
	u->case_id = mp_xstrdup("AFG-0003");
	mp_reason *r = mp_unassigned_add_reason(u);
	r->code = MP_R_QUOTA;
	r->count = 3;
	r->detail = mp_xstrdup("quota full in december");
	mp_strv_push(&r->refs, &r->n_refs, "Q-CA-DEC");
	mp_strv_push(&r->refs, &r->n_refs, "Q-YYZ-W50");
	r = mp_unassigned_add_reason(u); /* count 0, no detail, no refs */
	r->code = MP_R_MEDICAL_PENDING;
	u = mp_plan_add_unassigned(p); /* no reasons at all */
	u->case_id = mp_xstrdup("AFG-0004");

	mp_conflict *c = mp_plan_add_conflict(p);
	c->case_id = mp_xstrdup("AFG-0005");
	c->rule = mp_xstrdup("2.5");
	c->code = MP_R_CAPACITY;
	c->detail = mp_xstrdup("flight F1 over by 2 seats");
	c = mp_plan_add_conflict(p);
	c->case_id = mp_xstrdup("AFG-0006");
	c->rule = mp_xstrdup("2.12");
	c->code = MP_R_VOID_BOOKING;

	mp_flight_use *f = mp_plan_add_flight(p);
	f->id = mp_xstrdup("F1");
	f->seats = 40;
	f->used = 38;
	f->limits[MP_SSR_WCHC] = 2;
	f->limits[MP_SSR_INFT] = 6;
	f->ssr[MP_SSR_WCHC] = 2;     /* limit and count */
	f->ssr[MP_SSR_BLND] = 1;     /* count without limit */
	f = mp_plan_add_flight(p);   /* no limits, no ssr */
	f->id = mp_xstrdup("F2");
	f->seats = 10;

	mp_quota_use *q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("Q-CA-DEC");
	q->max_persons = 120;
	q->persons = 120;
	q->max_cases = 30;
	q->cases = 28;
	q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("Q-YYZ-W50");
	q->max_persons = 40;
	q->persons = 12;
	q->max_cases = MP_ABSENT;
	q->cases = 4;

	mp_clinic_day *cd = mp_plan_add_clinic_day(p);
	cd->clinic = mp_xstrdup("IOM-KBL");
	cd->date = d("2026-12-12");
	cd->persons = 7;
	cd->capacity = 20;

	mp_escort_trip *t = mp_plan_add_escort_trip(p);
	t->escort = mp_xstrdup("ESC-1");
	mp_strv_push(&t->flights, &t->n_flights, "F1");
	mp_strv_push(&t->flights, &t->n_flights, "F2");
	t->departs = dt("2026-12-14T06:15+04:30");
	mp_strv_push(&t->cases, &t->n_cases, "AFG-0001");

	p->created = mp_xstrdup("2026-12-01T10:15:00Z");
	p->input_digest = mp_xstrdup("9f86d081884c7d659a2feaa0c55ad015");
	p->wall_seconds = 12.75;
}

static void assert_strv_eq(char **a, int na, char **b, int nb)
{
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
}

static void assert_str_eq(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_dt_eq(mp_datetime a, mp_datetime b)
{
	assert_int_equal(a.present, b.present);
	assert_int_equal(a.utc, b.utc);
	assert_int_equal(a.offset_min, b.offset_min);
}

static void assert_plans_equal(const mp_plan *a, const mp_plan *b)
{
	assert_str_eq(a->id, b->id);
	assert_str_eq(a->scenario, b->scenario);
	assert_int_equal(a->as_of, b->as_of);
	assert_int_equal(a->status, b->status);
	for (int i = 0; i < MP_N_PRIO; i++)
		assert_true(a->options.weights[i] == b->options.weights[i]);
	assert_true(a->options.time_limit == b->options.time_limit);
	assert_true(a->options.gap == b->options.gap);
	assert_true(a->objective.weighted_persons == b->objective.weighted_persons);
	assert_true(a->objective.changes == b->objective.changes);
	assert_true(a->objective.waiting == b->objective.waiting);
	assert_true(a->objective.cost == b->objective.cost);
	assert_true(a->bound == b->bound);
	assert_true(a->gap == b->gap);
	assert_int_equal(a->n_assignments, b->n_assignments);
	for (int i = 0; i < a->n_assignments; i++) {
		const mp_assignment *x = &a->assignments[i], *y = &b->assignments[i];
		assert_str_eq(x->case_id, y->case_id);
		assert_strv_eq(x->flights, x->n_flights, y->flights, y->n_flights);
		assert_dt_eq(x->departs, y->departs);
		assert_dt_eq(x->arrives, y->arrives);
		assert_int_equal(x->ftt_date, y->ftt_date);
		assert_strv_eq(x->escorts, x->n_escorts, y->escorts, y->n_escorts);
		assert_int_equal(x->status, y->status);
	}
	assert_int_equal(a->n_unassigned, b->n_unassigned);
	for (int i = 0; i < a->n_unassigned; i++) {
		const mp_unassigned *x = &a->unassigned[i], *y = &b->unassigned[i];
		assert_str_eq(x->case_id, y->case_id);
		assert_int_equal(x->n_reasons, y->n_reasons);
		for (int j = 0; j < x->n_reasons; j++) {
			const mp_reason *r = &x->reasons[j], *s = &y->reasons[j];
			assert_int_equal(r->code, s->code);
			assert_int_equal(r->count, s->count);
			assert_str_eq(r->detail, s->detail);
			assert_strv_eq(r->refs, r->n_refs, s->refs, s->n_refs);
		}
	}
	assert_int_equal(a->n_conflicts, b->n_conflicts);
	for (int i = 0; i < a->n_conflicts; i++) {
		assert_str_eq(a->conflicts[i].case_id, b->conflicts[i].case_id);
		assert_str_eq(a->conflicts[i].rule, b->conflicts[i].rule);
		assert_int_equal(a->conflicts[i].code, b->conflicts[i].code);
		assert_str_eq(a->conflicts[i].detail, b->conflicts[i].detail);
	}
	assert_int_equal(a->n_flights, b->n_flights);
	for (int i = 0; i < a->n_flights; i++) {
		const mp_flight_use *x = &a->flights[i], *y = &b->flights[i];
		assert_str_eq(x->id, y->id);
		assert_int_equal(x->seats, y->seats);
		assert_int_equal(x->used, y->used);
		assert_memory_equal(x->limits, y->limits, sizeof x->limits);
		assert_memory_equal(x->ssr, y->ssr, sizeof x->ssr);
	}
	assert_int_equal(a->n_quotas, b->n_quotas);
	for (int i = 0; i < a->n_quotas; i++) {
		const mp_quota_use *x = &a->quotas[i], *y = &b->quotas[i];
		assert_str_eq(x->id, y->id);
		assert_int_equal(x->max_persons, y->max_persons);
		assert_int_equal(x->persons, y->persons);
		assert_int_equal(x->max_cases, y->max_cases);
		assert_int_equal(x->cases, y->cases);
	}
	assert_int_equal(a->n_clinics, b->n_clinics);
	for (int i = 0; i < a->n_clinics; i++) {
		assert_str_eq(a->clinics[i].clinic, b->clinics[i].clinic);
		assert_int_equal(a->clinics[i].date, b->clinics[i].date);
		assert_int_equal(a->clinics[i].persons, b->clinics[i].persons);
		assert_int_equal(a->clinics[i].capacity, b->clinics[i].capacity);
	}
	assert_int_equal(a->n_escort_trips, b->n_escort_trips);
	for (int i = 0; i < a->n_escort_trips; i++) {
		const mp_escort_trip *x = &a->escort_trips[i], *y = &b->escort_trips[i];
		assert_str_eq(x->escort, y->escort);
		assert_strv_eq(x->flights, x->n_flights, y->flights, y->n_flights);
		assert_dt_eq(x->departs, y->departs);
		assert_strv_eq(x->cases, x->n_cases, y->cases, y->n_cases);
	}
	assert_str_eq(a->created, b->created);
	assert_str_eq(a->input_digest, b->input_digest);
	assert_true(a->wall_seconds == b->wall_seconds);
}

static void round_trip_tree(void **state)
{
	mp_plan p, q;
	mp_errors errs;
	mp_errors_init(&errs);
	full_plan(&p);
	mp_node *root = mp_plan_encode(&p);
	assert_int_equal(mp_plan_decode(root, "plan.json", &q, &errs), MP_OK);
	assert_int_equal(errs.n, 0);
	assert_plans_equal(&p, &q);
	mp_node_free(root);
	mp_plan_release(&p);
	mp_plan_release(&q);
	mp_errors_release(&errs);
}

static void round_trip_text(void **state)
{
	mp_plan p, q;
	mp_errors errs;
	mp_errors_init(&errs);
	full_plan(&p);
	mp_node *root = mp_plan_encode(&p);
	char *text = mp_json_write(root);
	mp_node_free(root);
	root = mp_json_parse("plan.json", text, strlen(text), &errs);
	assert_non_null(root);
	assert_int_equal(mp_plan_decode(root, "plan.json", &q, &errs), MP_OK);
	assert_plans_equal(&p, &q);
	/* and writing the decoded plan gives the same bytes */
	mp_node *again = mp_plan_encode(&q);
	char *text2 = mp_json_write(again);
	assert_string_equal(text, text2);
	free(text);
	free(text2);
	mp_node_free(again);
	mp_node_free(root);
	mp_plan_release(&p);
	mp_plan_release(&q);
	mp_errors_release(&errs);
}

static void assert_keys(const mp_node *obj, const char *const *keys)
{
	const mp_node *c = obj->child;
	for (int i = 0; keys[i]; i++, c = c->next) {
		assert_non_null(c);
		assert_string_equal(c->key, keys[i]);
	}
	assert_null(c);
}

static void key_order_and_omissions(void **state)
{
	mp_plan p;
	full_plan(&p);
	mp_node *root = mp_plan_encode(&p);
	static const char *const top[] = {"movplan", "plan", "run", NULL};
	static const char *const plan[] = {"id", "scenario", "as_of", "status", "options",
		"objective", "bound", "gap", "levels", "assignments", "unassigned", "conflicts",
		"flights", "quotas", "clinics", "escort_trips", NULL};
	static const char *const asg_full[] = {"case", "flights", "departs", "arrives",
		"ftt_date", "escorts", "status", NULL};
	static const char *const asg_min[] = {"case", "flights", "departs", "arrives",
		"status", NULL};
	static const char *const reason_full[] = {"code", "count", "detail", "refs", NULL};
	static const char *const reason_min[] = {"code", NULL};
	static const char *const quota_min[] = {"id", "max_persons", "persons", "cases", NULL};
	/* a stored plan's run; without `created` (a plan not stored) no
	 * time at all: the same input and effort give the same bytes */
	static const char *const run[] = {"created", "wall_seconds", "input_digest", "work",
		"time_cut", NULL};
	assert_keys(root, top);
	const mp_node *pl = mp_node_get(root, "plan");
	assert_keys(pl, plan);
	const mp_node *asg = mp_node_get(pl, "assignments");
	assert_keys(asg->child, asg_full);
	assert_keys(asg->child->next, asg_min);
	const mp_node *reasons = mp_node_get(mp_node_get(pl, "unassigned")->child, "reasons");
	assert_keys(reasons->child, reason_full);
	assert_keys(reasons->child->next, reason_min);
	assert_keys(mp_node_get(pl, "quotas")->child->next, quota_min);
	assert_keys(mp_node_get(root, "run"), run);
	/* limits only where a limit exists; ssr where a limit or a count */
	const mp_node *f1 = mp_node_get(pl, "flights")->child;
	static const char *const lim[] = {"WCHC", "INFT", NULL};
	static const char *const ssr[] = {"WCHC", "BLND", "INFT", NULL};
	assert_keys(mp_node_get(f1, "limits"), lim);
	assert_keys(mp_node_get(f1, "ssr"), ssr);
	assert_int_equal(mp_node_get(mp_node_get(f1, "ssr"), "INFT")->num, 0);
	assert_int_equal(mp_node_get(f1->next, "limits")->n_children, 0);
	mp_node_free(root);
	mp_plan_release(&p);
}

static void empty_lists_written(void **state)
{
	mp_plan p;
	mp_plan_init(&p);
	p.scenario = mp_xstrdup("baseline");
	mp_node *root = mp_plan_encode(&p);
	const mp_node *pl = mp_node_get(root, "plan");
	const char *lists[] = {"assignments", "unassigned", "conflicts", "flights", "quotas",
			       "clinics", "escort_trips"};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		const mp_node *a = mp_node_get(pl, lists[i]);
		assert_non_null(a);
		assert_int_equal(a->kind, MP_NODE_ARRAY);
		assert_int_equal(a->n_children, 0);
	}
	/* default options are written */
	assert_int_equal(mp_node_get(mp_node_get(mp_node_get(pl, "options"), "weights"),
				     "emergency")->num, 100);
	mp_node_free(root);
	mp_plan_release(&p);
}

static int decode_text(const char *text, mp_plan *p, mp_errors *errs)
{
	mp_node *root = mp_json_parse("bad.json", text, strlen(text), errs);
	assert_non_null(root);
	int rc = mp_plan_decode(root, "bad.json", p, errs);
	mp_node_free(root);
	return rc;
}

static bool has_error(const mp_errors *errs, const char *field, const char *msg)
{
	for (int i = 0; i < errs->n; i++)
		if (errs->v[i].field && strcmp(errs->v[i].field, field) == 0 &&
		    strstr(errs->v[i].msg, msg) && errs->v[i].file &&
		    strcmp(errs->v[i].file, "bad.json") == 0 && errs->v[i].line > 0)
			return true;
	return false;
}

static void decode_errors(void **state)
{
	mp_plan p;
	mp_errors errs;
	mp_errors_init(&errs);
	const char *text = "{\"movplan\": 1, \"plan\": {\"scenario\": 5, \"status\": \"great\",\n"
		"\"as_of\": \"2026-02-30\", \"assignments\": [{\"case\": \"C1\", \"flights\": [1],\n"
		"\"departs\": \"2026-12-01T10:00\", \"arrives\": \"2026-12-01T12:00Z\", "
		"\"status\": \"proposed\"}],\n"
		"\"flights\": [{\"id\": \"F1\", \"seats\": 1.5, \"used\": 0, \"limits\": {\"XXXX\": 1}}]}}";
	assert_int_equal(decode_text(text, &p, &errs), MP_EDATA);
	assert_true(has_error(&errs, "scenario", "expected a string"));
	assert_true(has_error(&errs, "status", "unknown value"));
	assert_true(has_error(&errs, "as_of", "not a date"));
	assert_true(has_error(&errs, "flights", "array of strings"));
	assert_true(has_error(&errs, "departs", "UTC offset"));
	assert_true(has_error(&errs, "seats", "whole number"));
	assert_true(has_error(&errs, "limits", "unknown SSR"));
	assert_int_equal(p.n_assignments, 0); /* released on failure */
	mp_errors_release(&errs);
}

static void decode_unknown_keys_and_missing(void **state)
{
	mp_plan p;
	mp_errors errs;
	mp_errors_init(&errs);
	const char *ok = "{\"movplan\": 1, \"later\": true, \"plan\": {\"scenario\": \"baseline\","
		" \"status\": \"optimal\", \"new_field\": [1, 2], \"assignments\": []}}";
	assert_int_equal(decode_text(ok, &p, &errs), MP_OK);
	assert_string_equal(p.scenario, "baseline");
	assert_int_equal(p.status, MP_PLAN_OPTIMAL);
	assert_true(p.options.weights[MP_PRIO_URGENT] == 10); /* defaults kept */
	mp_plan_release(&p);

	const char *missing = "{\"movplan\": 2, \"plan\": {\"status\": \"optimal\"}}";
	assert_int_equal(decode_text(missing, &p, &errs), MP_EDATA);
	assert_true(has_error(&errs, "scenario", "missing"));
	assert_true(has_error(&errs, "movplan", "version"));
	mp_errors_release(&errs);

	mp_errors_init(&errs);
	mp_node *arr = mp_node_arr(NULL);
	assert_int_equal(mp_plan_decode(arr, "x.json", &p, &errs), MP_EDATA);
	assert_int_equal(errs.n, 1);
	mp_node_free(arr);
	mp_errors_release(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_tree),
		cmocka_unit_test(round_trip_text),
		cmocka_unit_test(key_order_and_omissions),
		cmocka_unit_test(empty_lists_written),
		cmocka_unit_test(decode_errors),
		cmocka_unit_test(decode_unknown_keys_and_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
