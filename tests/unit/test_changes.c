/*
 * test_changes.c - output digests (models/outputs.c) and the change
 * list between two plans with the cause of every move
 * (reports/changes.c), on a small network built here: Tirana to
 * Istanbul on three days, one flight a day, room for a few families.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/outputs.h"
#include "reports/changes.h"

static mp_date D(const char *s)
{
	mp_date d;
	assert_true(mp_date_parse(s, &d));
	return d;
}

static mp_datetime DT(const char *s)
{
	mp_datetime d;
	assert_true(mp_datetime_parse(s, &d));
	return d;
}

static void flight(mp_dataset *ds, const char *id, const char *day, int seats)
{
	mp_flight *f = mp_dataset_add_flight(ds);
	char dep[40], arr[40];
	snprintf(dep, sizeof dep, "%sT06:15+01:00", day);
	snprintf(arr, sizeof arr, "%sT10:00+03:00", day);
	f->id = mp_xstrdup(id);
	f->carrier = mp_xstrdup("TK");
	f->number = mp_xstrdup("1074");
	f->from = mp_xstrdup("TIA");
	f->to = mp_xstrdup("IST");
	f->departs = DT(dep);
	f->arrives = DT(arr);
	f->seats = seats;
	f->stretcher_seats = 6;
}

static void add_case(mp_dataset *ds, const char *id, int persons, const char *ready)
{
	mp_case *c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup(id);
	c->dest_country = mp_xstrdup("TR");
	c->priority = MP_PRIO_NORMAL;
	c->ready = D(ready);
	c->origin = mp_xstrdup("TIA");
	for (int i = 0; i < persons; i++) {
		mp_member *m = mp_case_add_member(c);
		m->id = mp_xasprintf("%s-%02d", id, i + 1);
		m->family_name = mp_xstrdup("Rahimi");
		m->given_names = mp_xstrdup("Omid");
		m->sex = 'M';
		m->birth_date = D("1980-01-01");
		m->nationality = mp_xstrdup("AFG");
		m->document.present = true;
		m->document.type = mp_xstrdup("P");
		m->document.number = mp_xasprintf("P%s%d", id, i);
	}
}

static void dataset(mp_dataset *ds)
{
	mp_dataset_init(ds);
	ds->mission.present = true;
	ds->mission.id = mp_xstrdup("TIA-TEST");
	ds->mission.origin = mp_xstrdup("TIA");
	ds->mission.as_of = D("2026-12-01");
	ds->mission.horizon_days = 60;
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = mp_xstrdup("TIA");
	a->country = mp_xstrdup("AL");
	a = mp_dataset_add_airport(ds);
	a->code = mp_xstrdup("IST");
	a->country = mp_xstrdup("TR");
	flight(ds, "F1", "2026-12-14", 6);
	flight(ds, "F2", "2026-12-15", 6);
	flight(ds, "F3", "2026-12-16", 6);
	add_case(ds, "C1", 3, "2026-12-02");
	add_case(ds, "C2", 3, "2026-12-02");
	add_case(ds, "C3", 3, "2026-12-02");
	add_case(ds, "C4", 2, "2026-12-02");
}

static void book(mp_plan *p, const char *case_id, const char *flight_id)
{
	mp_assignment *a = mp_plan_add_assignment(p);
	a->case_id = mp_xstrdup(case_id);
	mp_strv_push(&a->flights, &a->n_flights, flight_id);
	a->ftt_date = MP_NODATE;
	a->status = MP_BOOK_PROPOSED;
}

static void unbook(mp_plan *p, const char *case_id, enum mp_reason_code code)
{
	mp_unassigned *u = mp_plan_add_unassigned(p);
	u->case_id = mp_xstrdup(case_id);
	mp_unassigned_add_reason(u)->code = code;
}

/* The flights table of a plan over ds: seats used by its cases. */
static void use(mp_plan *p, const mp_dataset *ds)
{
	for (int f = 0; f < ds->n_flights; f++) {
		mp_flight_use *u = mp_plan_add_flight(p);
		u->id = mp_xstrdup(ds->flights[f].id);
		u->seats = ds->flights[f].seats;
		for (int s = 0; s < MP_N_SSR; s++)
			u->limits[s] = MP_ABSENT;
		for (int i = 0; i < p->n_assignments; i++)
			if (strcmp(p->assignments[i].flights[0], u->id) == 0)
				u->used += mp_dataset_case(ds, p->assignments[i].case_id)->n_members;
	}
	p->as_of = ds->mission.as_of;
	mp_plan_sort(p);
}

static const mp_case_change *find(const mp_changes *c, const char *id)
{
	const mp_case_change *ch = mp_changes_find(c, id);
	assert_non_null(ch);
	return ch;
}

static bool has(char **v, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* Old plan: C1 and C2 on F1, C3 on F2, C4 unassigned. */
static void old_plan(mp_plan *p, const mp_dataset *ds)
{
	mp_plan_init(p);
	p->id = mp_xstrdup("P-OLD");
	book(p, "C1", "F1");
	book(p, "C2", "F1");
	book(p, "C3", "F2");
	unbook(p, "C4", MP_R_CAPACITY);
	use(p, ds);
}

static void test_cancelled_flight(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_plan old, now;
	mp_changes ch;
	dataset(&ds);
	old_plan(&old, &ds);
	mp_dataset_flight(&ds, "F1")->cancelled = true;
	/* C1 to F2 beside C3 (F2 now full), C2 to F3, C4 stays out */
	mp_plan_init(&now);
	book(&now, "C1", "F2");
	book(&now, "C2", "F3");
	book(&now, "C3", "F2");
	unbook(&now, "C4", MP_R_CAPACITY);
	use(&now, &ds);
	mp_changes_compute(&ds, &old, &now, NULL, NULL, &ch);
	assert_int_equal(ch.n, 2);
	assert_int_equal(ch.n_kind[MP_CHG_MOVED], 2);
	assert_int_equal(ch.n_unforced, 0);
	assert_int_equal(find(&ch, "C1")->cause, MP_CAUSE_CANCELLED);
	assert_string_equal(find(&ch, "C1")->refs[0], "F1");
	assert_int_equal(find(&ch, "C2")->cause, MP_CAUSE_CANCELLED);
	assert_null(mp_changes_find(&ch, "C3"));
	/* manifests: F1 emptied, F2 and F3 gained; itineraries C1 and C2 */
	assert_int_equal(ch.n_manifests, 3);
	assert_int_equal(ch.n_itineraries, 2);
	assert_true(has(ch.itineraries, ch.n_itineraries, "C1"));
	assert_false(has(ch.itineraries, ch.n_itineraries, "C4"));
	mp_changes_release(&ch);
	mp_plan_release(&old);
	mp_plan_release(&now);
	mp_dataset_release(&ds);
}

static void test_seats_and_unforced(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_plan old, now;
	mp_changes ch;
	dataset(&ds);
	old_plan(&old, &ds);
	/* C2 leaves F1 for F3 and C4 takes F1's room: C2 was pushed (F1
	 * full); C3 leaves F2 for F3 though F2 stays empty: not forced */
	mp_plan_init(&now);
	book(&now, "C1", "F1");
	book(&now, "C2", "F3");
	book(&now, "C3", "F3");
	book(&now, "C4", "F1");
	use(&now, &ds);
	mp_changes_compute(&ds, &old, &now, NULL, NULL, &ch);
	const mp_case_change *c2 = find(&ch, "C2"), *c3 = find(&ch, "C3"), *c4 = find(&ch, "C4");
	assert_int_equal(c2->cause, MP_CAUSE_SEATS);
	assert_true(has(c2->refs, c2->n_refs, "F1"));
	assert_true(has(c2->refs, c2->n_refs, "C4")); /* who took its room */
	/* F1 has a seat left, too few for C2: not "full (5 of 6)" */
	assert_non_null(strstr(c2->detail, "has 1 of its 6 seats free; the case needs"));
	assert_int_equal(c3->cause, MP_CAUSE_UNFORCED);
	assert_int_equal(c4->kind, MP_CHG_ADDED);
	assert_int_equal(ch.n_unforced, 1);
	mp_changes_release(&ch);
	mp_plan_release(&old);
	mp_plan_release(&now);
	mp_dataset_release(&ds);
}

static void test_rule_and_dropped(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_plan old, now;
	mp_changes ch;
	dataset(&ds);
	old_plan(&old, &ds);
	mp_dataset_case(&ds, "C1")->ready = D("2026-12-15"); /* no longer ready for F1 */
	mp_dataset_case(&ds, "C2")->medical = MP_MED_PENDING;
	mp_plan_init(&now);
	book(&now, "C1", "F2");
	unbook(&now, "C2", MP_R_MEDICAL_PENDING);
	book(&now, "C3", "F2");
	unbook(&now, "C4", MP_R_CAPACITY);
	use(&now, &ds);
	mp_changes_compute(&ds, &old, &now, NULL, NULL, &ch);
	const mp_case_change *c1 = find(&ch, "C1"), *c2 = find(&ch, "C2");
	assert_int_equal(c1->cause, MP_CAUSE_RULE);
	assert_int_equal(c1->code, MP_R_NOT_READY);
	assert_int_equal(c2->kind, MP_CHG_DROPPED);
	assert_int_equal(c2->cause, MP_CAUSE_RULE);
	assert_int_equal(c2->code, MP_R_MEDICAL_PENDING);
	/* the text names both, and its JSON reads back */
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_changes_write(f, &ch, false, &errs), MP_OK);
	fclose(f);
	assert_non_null(strstr(text, "moved   C1: F1 -> F2; it is ready 2026-12-15"));
	assert_non_null(strstr(text, "dropped C2: F1 -> not booked (MEDICAL_PENDING)"));
	assert_non_null(strstr(text, "re-send these:"));
	free(text);
	mp_errors_release(&errs);
	mp_changes_release(&ch);
	mp_plan_release(&old);
	mp_plan_release(&now);
	mp_dataset_release(&ds);
}

static void test_digests(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_plan p;
	mp_outputs a, b, back;
	dataset(&ds);
	old_plan(&p, &ds);
	mp_outputs_compute(&ds, &p, &a);
	/* F1, F2 manifests; C1..C4 itineraries (C4 "not booked") */
	assert_int_equal(a.n, 6);
	assert_int_equal(mp_outputs_find(&a, MP_OUT_ITINERARY, "C1")->legs, 1);
	assert_int_equal(mp_outputs_find(&a, MP_OUT_ITINERARY, "C4")->legs, 0);
	assert_null(mp_outputs_find(&a, MP_OUT_MANIFEST, "F3"));
	/* a document number changes: C1's itinerary and F1's manifest only */
	free(mp_dataset_case(&ds, "C1")->members[0].document.number);
	mp_dataset_case(&ds, "C1")->members[0].document.number = mp_xstrdup("X999");
	mp_outputs_compute(&ds, &p, &b);
	for (int i = 0; i < a.n; i++) {
		bool differs = a.v[i].digest != b.v[i].digest;
		bool expect = strcmp(a.v[i].key, "C1") == 0 || strcmp(a.v[i].key, "F1") == 0;
		assert_int_equal(differs, expect);
	}
	/* the stored form reads back as it was */
	char *text = mp_outputs_format(&b);
	assert_true(mp_outputs_parse(text, &back));
	assert_int_equal(back.n, b.n);
	for (int i = 0; i < b.n; i++) {
		assert_string_equal(back.v[i].key, b.v[i].key);
		assert_true(back.v[i].digest == b.v[i].digest);
		assert_int_equal(back.v[i].legs, b.v[i].legs);
	}
	mp_outputs_release(&back);
	assert_false(mp_outputs_parse("m\tF1\tnothex\t1\t0\n", &back));
	assert_int_equal(back.n, 0);
	free(text);
	mp_outputs_release(&a);
	mp_outputs_release(&b);
	mp_outputs_release(&back);
	mp_plan_release(&p);
	mp_dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cancelled_flight),
		cmocka_unit_test(test_seats_and_unforced),
		cmocka_unit_test(test_rule_and_dropped),
		cmocka_unit_test(test_digests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
