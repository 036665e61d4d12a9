/*
 * test_planner.c - the planner on small datasets built in C where each
 * rule of SPEC 2 binds and the best plan is known by hand, the format
 * sample all-fields.* (its plan worked out in all-fields.expected.md),
 * and random instances checked against glpsol on the exported model.
 *
 * Every plan is also checked by check_plan(), a small independent
 * checker of the shared limits (seats with escorts, assistance limits,
 * quotas, clinic days, escort covers) that does not use planner code.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "models/dataset.h"
#include "models/facts.h"
#include "models/generate.h"
#include "models/plan.h"
#include "models/validate.h"
#include "io/decode.h"
#include "io/json.h"
#include "io/plan_json.h"
#include "planner/planner.h"

extern int pl_debug_glpk_fail; /* planner/solve.c test hooks */
extern int pl_debug_no_cuts;
extern double pl_full_limit;   /* planner/planner.c: exact-model size */
extern long pl_stream_pairs;   /* planner/solve.c: streamed export above */
extern double pl_price_pairs;  /* planner/lagr.c: threaded pricing from */
extern double pl_lp_trial_units; /* planner/large.c: big masters above */
extern double pl_cg_lean_units; /* planner/cg.c: lean masters from */
extern long pl_cg_purged;
extern int pl_escplan_dense;   /* planner/escplan.c: dense trip plans kept */
extern int pl_warm_lps;         /* planner/solve.c: levels 2-4 LPs started warm */
extern double pl_dive_gap;     /* planner/large.c: dive below this gap */
extern long pl_dive_stats[6];  /* dives whole, their columns missed, RINS's gains, placed late, whole masters */
extern double pl_large_phase, pl_rins_phase, pl_bnb_phase; /* planner/solve.c: level 1's phases */
extern double pl_progress_every; /* planner/planner.c: seconds between progress lines */

/* ---- building datasets ---- */

static mp_date D(const char *s)
{
	mp_date d;
	assert_true(mp_date_parse(s, &d));
	return d;
}

static mp_dataset *ds_new(const char *as_of, int horizon)
{
	mp_dataset *ds = calloc(1, sizeof *ds);
	mp_dataset_init(ds);
	ds->mission.present = true;
	ds->mission.id = strdup("TEST");
	ds->mission.origin = strdup("TIA");
	ds->mission.as_of = D(as_of);
	ds->mission.horizon_days = horizon;
	return ds;
}

static void ds_free(mp_dataset *ds)
{
	mp_dataset_release(ds);
	free(ds);
}

static void airport(mp_dataset *ds, const char *code, const char *country, int mct, int maxconn)
{
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = strdup(code);
	a->country = strdup(country);
	a->mct_minutes = mct;
	a->max_connection_minutes = maxconn;
}

static mp_flight *flight(mp_dataset *ds, const char *id, const char *from, const char *to,
			 const char *dep, const char *arr, int seats)
{
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = strdup(id);
	f->from = strdup(from);
	f->to = strdup(to);
	assert_true(mp_datetime_parse(dep, &f->departs));
	assert_true(mp_datetime_parse(arr, &f->arrives));
	f->seats = seats;
	f->stretcher_seats = 6;
	f->fare = 0;
	return f;
}

static int case_index(mp_dataset *ds, const char *id)
{
	for (int i = 0; i < ds->n_cases; i++)
		if (strcmp(ds->cases[i].id, id) == 0)
			return i;
	return -1;
}

static mp_case *kase(mp_dataset *ds, const char *id, const char *country, const char *airport_code,
		     enum mp_priority prio, const char *ready)
{
	mp_case *c = mp_dataset_add_case(ds);
	c->id = strdup(id);
	c->dest_country = strdup(country);
	c->dest_airport = airport_code ? strdup(airport_code) : NULL;
	c->priority = prio;
	c->ready = D(ready);
	c->medical = MP_MED_CLEARED;
	c->origin = strdup(ds->mission.origin);
	return c;
}

static mp_member *member(mp_dataset *ds, const char *case_id, const char *id, const char *birth,
			 const char *nat)
{
	mp_case *c = &ds->cases[case_index(ds, case_id)];
	mp_member *m = mp_case_add_member(c);
	m->id = strdup(id);
	m->family_name = strdup("Test");
	m->sex = 'X';
	m->birth_date = D(birth);
	m->nationality = strdup(nat);
	return m;
}

/* A family: n_adults born 1980, then children with the given births. */
static mp_case *family(mp_dataset *ds, const char *id, const char *country, const char *ap,
		       enum mp_priority prio, const char *ready, int n_adults, int n_kids, const char *kid_birth)
{
	kase(ds, id, country, ap, prio, ready);
	char mid[80];
	for (int i = 0; i < n_adults + n_kids; i++) {
		snprintf(mid, sizeof mid, "%s-%02d", id, i + 1);
		member(ds, id, mid, i < n_adults ? "1980-01-01" : kid_birth, "AFG");
	}
	return &ds->cases[case_index(ds, id)];
}

static mp_booking *booking(mp_dataset *ds, const char *case_id, enum mp_booking_status st,
			   const char *ftt, const char *f1, const char *f2)
{
	mp_booking *b = mp_dataset_add_booking(ds);
	b->case_id = strdup(case_id);
	b->status = st;
	b->ftt_date = ftt ? D(ftt) : MP_NODATE;
	mp_strv_push(&b->flights, &b->n_flights, f1);
	if (f2)
		mp_strv_push(&b->flights, &b->n_flights, f2);
	return b;
}

static mp_escort *escort(mp_dataset *ds, const char *id, enum mp_escort_kind kind, const char *from,
			 const char *to, int covers)
{
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = strdup(id);
	e->kind = kind;
	e->available_from = D(from);
	e->available_to = D(to);
	e->covers = covers;
	e->turnaround_days = 7;
	return e;
}

static mp_clinic *clinic(mp_dataset *ds, const char *id, int cap)
{
	mp_clinic *c = mp_dataset_add_clinic(ds);
	c->id = strdup(id);
	c->capacity_per_day = cap;
	return c;
}

static mp_quota *quota(mp_dataset *ds, const char *id, const char *country, const char *from,
		       const char *to, int max_persons)
{
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = strdup(id);
	q->country = strdup(country);
	q->from = D(from);
	q->to = D(to);
	q->max_persons = max_persons;
	return q;
}

/* ---- planning and checking ---- */

/* MP_TEST_LOG=1 shows the planner's progress lines on stderr. */
static void log_line(void *ctx, const char *line)
{
	(void)ctx;
	fprintf(stderr, "%s\n", line);
}

static mp_plan *run(const mp_dataset *ds, const mp_plan *reference, const char *model_file)
{
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	req.options.time_limit = 20;
	req.reference = reference;
	req.write_model = model_file;
	if (getenv("MP_TEST_LOG"))
		req.log = log_line;
	mp_plan *p = calloc(1, sizeof *p);
	mp_plan_init(p);
	mp_errors errs;
	mp_errors_init(&errs);
	int rc = mp_plan_build(&req, p, &errs);
	if (rc != MP_OK)
		for (int i = 0; i < errs.n; i++)
			fprintf(stderr, "error: %s\n", errs.v[i].msg);
	assert_int_equal(rc, MP_OK);
	assert_int_equal(errs.n, 0);
	mp_errors_release(&errs);
	return p;
}

static void plan_free(mp_plan *p)
{
	mp_plan_release(p);
	free(p);
}

static const mp_assignment *assigned(const mp_plan *p, const char *case_id)
{
	return mp_plan_assignment(p, case_id);
}

static bool on_flight(const mp_plan *p, const char *case_id, const char *flight_id)
{
	const mp_assignment *a = assigned(p, case_id);
	for (int i = 0; a && i < a->n_flights; i++)
		if (strcmp(a->flights[i], flight_id) == 0)
			return true;
	return false;
}

static const mp_reason *reason(const mp_plan *p, const char *case_id, enum mp_reason_code code)
{
	const mp_unassigned *u = mp_plan_unassigned_case(p, case_id);
	for (int i = 0; u && i < u->n_reasons; i++)
		if (u->reasons[i].code == code)
			return &u->reasons[i];
	return NULL;
}

static bool has_conflict(const mp_plan *p, const char *case_id, enum mp_reason_code code)
{
	for (int i = 0; i < p->n_conflicts; i++)
		if (p->conflicts[i].code == code && strcmp(p->conflicts[i].case_id, case_id) == 0)
			return true;
	return false;
}

/* Whether a case listed with a CAPACITY or ASSISTANCE_LIMIT conflict
 * flies on this flight. */
static bool pinned_conflict_on(const mp_dataset *ds, const mp_plan *p, const char *flight)
{
	(void)ds;
	for (int i = 0; i < p->n_conflicts; i++) {
		if (p->conflicts[i].code != MP_R_CAPACITY && p->conflicts[i].code != MP_R_ASSISTANCE_LIMIT)
			continue;
		for (int a = 0; a < p->n_assignments; a++) {
			const mp_assignment *as = &p->assignments[a];
			if (strcmp(as->case_id, p->conflicts[i].case_id) != 0)
				continue;
			for (int l = 0; l < as->n_flights; l++)
				if (strcmp(as->flights[l], flight) == 0)
					return true;
		}
	}
	return false;
}

/* Independent check of the shared limits (SPEC 2.5-2.7, 2.10, 2.11):
 * recomputed from the assignments and the dataset, no planner code. */
static void check_plan(const mp_dataset *ds, const mp_plan *p)
{
	int nf = ds->n_flights;
	int *seats = calloc((size_t)nf + 1, sizeof(int));
	int (*ssr)[MP_N_SSR] = calloc((size_t)nf + 1, sizeof *ssr);
	for (int a = 0; a < p->n_assignments; a++) {
		const mp_assignment *as = &p->assignments[a];
		const mp_case *c = mp_dataset_case(ds, as->case_id);
		assert_non_null(c);
		mp_date dep = mp_datetime_local_date(as->departs);
		mp_case_facts f;
		mp_case_facts_on(c, dep, &f, NULL);
		int need = f.need_escort, covers = 0;
		for (int e = 0; e < as->n_escorts; e++)
			covers += mp_dataset_escort(ds, as->escorts[e])->covers;
		/* coverage is per itinerary: sum the needs of all on it */
		int all_need = 0;
		for (int b = 0; b < p->n_assignments; b++) {
			const mp_assignment *o = &p->assignments[b];
			if (o->n_flights != as->n_flights)
				continue;
			bool same = true;
			for (int k = 0; k < o->n_flights; k++)
				same &= strcmp(o->flights[k], as->flights[k]) == 0;
			if (!same || has_conflict(p, o->case_id, MP_R_NO_ESCORT))
				continue; /* a kept booking listed as uncovered */
			mp_case_facts g;
			mp_case_facts_on(mp_dataset_case(ds, o->case_id), dep, &g, NULL);
			all_need += g.need_escort;
		}
		/* only this case's own escort conflict excuses it (SPEC 2.12) */
		bool esc_conflict = has_conflict(p, as->case_id, MP_R_NO_ESCORT);
		assert_true(need == 0 || esc_conflict || all_need <= covers);
		for (int l = 0; l < as->n_flights; l++) {
			const mp_flight *fl = mp_dataset_flight(ds, as->flights[l]);
			assert_non_null(fl);
			assert_false(fl->cancelled);
			int fi = (int)(fl - ds->flights);
			seats[fi] += mp_case_seats(&f, fl->stretcher_seats);
			for (int k = 0; k < MP_N_SSR; k++)
				ssr[fi][k] += f.ssr[k];
		}
	}
	for (int t = 0; t < p->n_escort_trips; t++)
		for (int l = 0; l < p->escort_trips[t].n_flights; l++)
			seats[mp_dataset_flight(ds, p->escort_trips[t].flights[l]) - ds->flights]++;
	for (int f = 0; f < nf; f++) {
		/* a flight may be over its limits only where a kept booking
		 * on it is listed as a capacity or assistance conflict: one
		 * conflict elsewhere excuses no other flight */
		bool pinned_over = pinned_conflict_on(ds, p, ds->flights[f].id);
		if (!pinned_over)
			assert_true(seats[f] <= ds->flights[f].seats);
		for (int k = 0; k < MP_N_SSR && !pinned_over; k++)
			if (ds->flights[f].limits[k] != MP_ABSENT)
				assert_true(ssr[f][k] <= ds->flights[f].limits[k]);
		for (int i = 0; i < p->n_flights; i++)
			if (strcmp(p->flights[i].id, ds->flights[f].id) == 0)
				assert_int_equal(p->flights[i].used, seats[f]);
	}
	for (int q = 0; q < p->n_quotas; q++) {
		bool over = false;
		for (int i = 0; i < p->n_conflicts; i++)
			over |= p->conflicts[i].code == MP_R_QUOTA;
		if (!over)
			assert_true(p->quotas[q].persons <= p->quotas[q].max_persons);
	}
	for (int d = 0; d < p->n_clinics; d++)
		assert_true(p->clinics[d].persons <= p->clinics[d].capacity);
	free(seats);
	free(ssr);
}

/* ---- the format sample ---- */

static mp_dataset *all_fields(void)
{
	mp_dataset *ds = ds_new("2026-11-30", 60);
	airport(ds, "TIA", "AL", 60, 1440);
	airport(ds, "IST", "TR", 90, 720);
	airport(ds, "YYZ", "CA", 60, 1440);
	airport(ds, "VIE", "AT", 30, 1440);
	airport(ds, "OSL", "NO", 60, 1440);
	mp_flight *f = flight(ds, "TK1074/2026-12-14", "TIA", "IST", "2026-12-14T06:15+01:00",
			      "2026-12-14T10:00+03:00", 30);
	f->limits[MP_SSR_WCHC] = 2, f->limits[MP_SSR_STCR] = 1;
	f->limits[MP_SSR_INFT] = 6, f->limits[MP_SSR_UMNR] = 2;
	f->fare = 180;
	f = flight(ds, "TK17/2026-12-14", "IST", "YYZ", "2026-12-14T13:55+03:00", "2026-12-14T18:05-05:00", 25);
	f->limits[MP_SSR_WCHC] = 2, f->limits[MP_SSR_INFT] = 4;
	f->fare = 640;
	f = flight(ds, "OS848/2026-12-15", "TIA", "VIE", "2026-12-15T08:30+01:00", "2026-12-15T10:10+01:00", 20);
	f->cancelled = true;
	flight(ds, "OS1712/2026-12-15", "VIE", "OSL", "2026-12-15T12:05+01:00", "2026-12-15T14:35+01:00", 12);
	flight(ds, "TK1074/2026-11-23", "TIA", "IST", "2026-11-23T06:15+01:00", "2026-11-23T10:00+03:00", 30);
	flight(ds, "TK17/2026-11-23", "IST", "YYZ", "2026-11-23T13:55+03:00", "2026-11-23T18:05-05:00", 25);
	quota(ds, "CA-2026-12", "CA", "2026-12-01", "2026-12-31", 120);
	mp_quota *q = quota(ds, "YYZ-W51", "CA", "2026-12-14", "2026-12-20", 40);
	q->airport = strdup("YYZ");
	q->max_cases = 10;
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(ds);
	r->country = strdup("CA");
	r->no_weekend = true;
	mp_tod_parse("22:00", &r->latest_arrival);
	mp_tod_parse("06:00", &r->earliest_arrival);
	r->notice_working_days = 10;
	r->blackout = calloc(2, sizeof(mp_date));
	r->blackout[0] = D("2026-12-25");
	r->blackout[1] = D("2026-12-26");
	r->n_blackout = 2;
	r->exempt_priorities = 1u << MP_PRIO_EMERGENCY;
	mp_transit_rule *t = mp_dataset_add_transit_rule(ds);
	t->country = strdup("AT");
	mp_strv_push(&t->nationalities, &t->n_nationalities, "AFG");
	mp_strv_push(&t->nationalities, &t->n_nationalities, "SYR");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "CA");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "US");
	mp_clinic *cl = clinic(ds, "DRS", 25);
	cl->closed = calloc(2, sizeof(mp_date));
	cl->closed[0] = D("2026-12-13");
	cl->closed[1] = D("2026-12-25");
	cl->n_closed = 2;
	escort(ds, "ESC-01", MP_ESC_MEDICAL, "2026-12-01", "2026-12-31", 2);

	mp_case *c = kase(ds, "AFG-0001", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-10");
	c->visa_expires = D("2027-03-01");
	c->medical_valid_until = D("2027-01-31");
	c->clinic = strdup("DRS");
	c->link = strdup("LNK-1");
	mp_member *m = member(ds, "AFG-0001", "AFG-0001-01", "1984-03-02", "AFG");
	m->ssr = 1u << MP_SSR_WCHC;
	m->document.present = true;
	m->document.expires = D("2029-06-30");
	m = member(ds, "AFG-0001", "AFG-0001-02", "1990-11-20", "AFG");
	m->pregnancy.present = true;
	m->pregnancy.weeks = 24;
	m->pregnancy.on = D("2026-11-25");
	member(ds, "AFG-0001", "AFG-0001-03", "2025-09-01", "AFG");

	c = kase(ds, "AFG-0002", "CA", NULL, MP_PRIO_EMERGENCY, "2026-12-05");
	c->medical = MP_MED_DEFERRED;
	c->medical_deferred_until = D("2026-12-12");
	c->clinic = strdup("DRS");
	c->link = strdup("LNK-1");
	m = member(ds, "AFG-0002", "AFG-0002-01", "1958-01-15", "AFG");
	m->ssr = (1u << MP_SSR_STCR) | (1u << MP_SSR_MEDA) | (1u << MP_SSR_OXYG);
	m->escort = MP_ESC_MEDICAL;

	c = kase(ds, "AFG-0003", "NO", "OSL", MP_PRIO_NORMAL, "2026-12-01");
	c->medical = MP_MED_PENDING;
	member(ds, "AFG-0003", "AFG-0003-01", "2011-04-04", "AFG");
	member(ds, "AFG-0003", "AFG-0003-02", "2013-07-19", "XXA");

	kase(ds, "AFG-0004", "CA", "YYZ", MP_PRIO_NORMAL, "2026-11-15");
	m = member(ds, "AFG-0004", "AFG-0004-01", "1979-12-31", "AFG");
	m->ssr = (1u << MP_SSR_WCHR) | (1u << MP_SSR_BLND) | (1u << MP_SSR_DEAF) |
		 (1u << MP_SSR_DPNA) | (1u << MP_SSR_MAAS);

	booking(ds, "AFG-0001", MP_BOOK_PROPOSED, "2026-12-12", "TK1074/2026-12-14", "TK17/2026-12-14");
	mp_booking *b = booking(ds, "AFG-0002", MP_BOOK_CONFIRMED, "2026-12-12", "TK1074/2026-12-14",
				"TK17/2026-12-14");
	mp_strv_push(&b->escorts, &b->n_escorts, "ESC-01");
	booking(ds, "AFG-0004", MP_BOOK_TRAVELLED, NULL, "TK1074/2026-11-23", "TK17/2026-11-23");
	return ds;
}

/* The plan of all-fields.expected.md. */
static void expect_all_fields(const mp_dataset *ds, const mp_plan *p)
{
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 130);
	assert_true(p->objective.changes == 0);
	assert_true(p->bound == 130 && p->gap == 0);
	assert_int_equal(p->n_assignments, 2);
	for (int i = 0; i < 2; i++) {
		const mp_assignment *a = &p->assignments[i];
		assert_string_equal(a->case_id, i == 0 ? "AFG-0001" : "AFG-0002");
		assert_int_equal(a->n_flights, 2);
		assert_string_equal(a->flights[0], "TK1074/2026-12-14");
		assert_string_equal(a->flights[1], "TK17/2026-12-14");
		assert_int_equal(a->ftt_date, D("2026-12-12"));
		assert_int_equal(a->n_escorts, 1);
		assert_string_equal(a->escorts[0], "ESC-01");
		assert_int_equal(a->status, i == 0 ? MP_BOOK_PROPOSED : MP_BOOK_CONFIRMED);
	}
	assert_int_equal(p->n_unassigned, 1);
	const mp_unassigned *u = &p->unassigned[0];
	assert_string_equal(u->case_id, "AFG-0003");
	assert_int_equal(u->n_reasons, 2);
	assert_int_equal(u->reasons[0].code, MP_R_NO_ROUTE);
	assert_int_equal(u->reasons[1].code, MP_R_MEDICAL_PENDING);
	assert_int_equal(p->n_conflicts, 0);
	assert_null(mp_plan_assignment(p, "AFG-0004"));
	/* usage: 9 of 30 and 9 of 25; WCHC 1, STCR 1, INFT 1 */
	for (int i = 0; i < p->n_flights; i++) {
		const mp_flight_use *f = &p->flights[i];
		if (strcmp(f->id, "TK1074/2026-12-14") == 0) {
			assert_int_equal(f->used, 9);
			assert_int_equal(f->ssr[MP_SSR_WCHC], 1);
			assert_int_equal(f->ssr[MP_SSR_STCR], 1);
			assert_int_equal(f->ssr[MP_SSR_INFT], 1);
		}
		if (strcmp(f->id, "TK17/2026-12-14") == 0)
			assert_int_equal(f->used, 9);
		assert_true(strcmp(f->id, "OS848/2026-12-15") != 0);
	}
	for (int i = 0; i < p->n_quotas; i++) {
		assert_int_equal(p->quotas[i].persons, 4);
		if (strcmp(p->quotas[i].id, "YYZ-W51") == 0)
			assert_int_equal(p->quotas[i].cases, 2);
	}
	assert_int_equal(p->n_clinics, 1);
	assert_int_equal(p->clinics[0].persons, 4);
	assert_int_equal(p->clinics[0].date, D("2026-12-12"));
	assert_int_equal(p->n_escort_trips, 1);
	assert_string_equal(p->escort_trips[0].escort, "ESC-01");
}

static void test_all_fields(void **state)
{
	(void)state;
	mp_dataset *ds = all_fields();
	mp_plan *p = run(ds, NULL, NULL);
	expect_all_fields(ds, p);
	plan_free(p);
	ds_free(ds);
}

/* The same from the sample files the project keeps (tests/data/samples). */
static void test_sample_files(void **state)
{
	(void)state;
	static const char *const names[] = {"all-fields.json", "all-fields.xml"};
	for (size_t n = 0; n < 2; n++) {
		char path[256];
		snprintf(path, sizeof path, "tests/data/samples/%s", names[n]);
		const char *files[] = {path};
		mp_dataset ds;
		mp_dataset_init(&ds);
		mp_errors errs;
		mp_errors_init(&errs);
		assert_int_equal(mp_read_dataset(files, 1, &ds, &errs), MP_OK);
		mp_errors_release(&errs);
		mp_dataset_defaults(&ds); /* idempotent; the checker needs them */
		mp_plan *p = run(&ds, NULL, NULL);
		expect_all_fields(&ds, p);
		plan_free(p);
		mp_dataset_release(&ds);
	}
}

/* ---- small datasets, one rule each ---- */

/* TIA (AL) to YYZ (CA), OSL (NO), via VIE (AT); as_of Monday 30 Nov. */
static mp_dataset *base(void)
{
	mp_dataset *ds = ds_new("2026-11-30", 60);
	airport(ds, "TIA", "AL", 60, 1440);
	airport(ds, "YYZ", "CA", 60, 1440);
	airport(ds, "OSL", "NO", 60, 1440);
	airport(ds, "VIE", "AT", 30, 1440);
	return ds;
}

/* A direct TIA-YYZ flight on a December day, 08:00 to 12:00 local. */
static mp_flight *direct(mp_dataset *ds, const char *id, int day, int seats)
{
	char dep[40], arr[40];
	snprintf(dep, sizeof dep, "2026-12-%02dT08:00+01:00", day);
	snprintf(arr, sizeof arr, "2026-12-%02dT12:00-05:00", day);
	return flight(ds, id, "TIA", "YYZ", dep, arr, seats);
}

static void test_third_infant(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 3);
	/* two adults, three infants: two on laps, the third takes a seat */
	kase(ds, "C1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01");
	member(ds, "C1", "C1-01", "1980-01-01", "AFG");
	member(ds, "C1", "C1-02", "1982-01-01", "AFG");
	member(ds, "C1", "C1-03", "2026-01-10", "AFG");
	member(ds, "C1", "C1-04", "2026-01-10", "AFG");
	member(ds, "C1", "C1-05", "2025-03-01", "AFG");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(on_flight(p, "C1", "F1"));
	assert_int_equal(p->flights[0].used, 3);
	assert_int_equal(p->flights[0].ssr[MP_SSR_INFT], 2);
	plan_free(p);
	/* with two seats it no longer fits, alone */
	ds->flights[0].seats = 2;
	p = run(ds, NULL, NULL);
	const mp_reason *r = reason(p, "C1", MP_R_CAPACITY);
	assert_non_null(r);
	assert_int_equal(r->count, 1);
	plan_free(p);
	ds_free(ds);
}

static void test_stretcher(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	mp_flight *f = direct(ds, "F1", 14, 7);
	direct(ds, "F2", 15, 6);
	kase(ds, "S1", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01");
	member(ds, "S1", "S1-01", "1950-01-01", "AFG")->ssr = 1u << MP_SSR_STCR;
	member(ds, "S1", "S1-02", "1980-01-01", "AFG");
	kase(ds, "N1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01");
	member(ds, "N1", "N1-01", "1980-01-01", "AFG");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	/* the stretcher takes six seats, its companion one: F1 is full */
	assert_true(on_flight(p, "S1", "F1"));
	assert_true(on_flight(p, "N1", "F2"));
	plan_free(p);
	/* a flight with 4 stretcher seats: S1 takes 5, N1 fits beside it */
	f = &ds->flights[0];
	f->stretcher_seats = 4;
	p = run(ds, NULL, NULL);
	assert_true(on_flight(p, "S1", "F1"));
	assert_true(on_flight(p, "N1", "F1"));
	assert_int_equal(p->flights[0].used, 6);
	plan_free(p);
	ds_free(ds);
}

/* One flight, a December quota of `persons` and two families of four
 * and three (two adults each): the quota cuts one of them. */
static mp_dataset *quota_cut(int persons)
{
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 20);
	quota(ds, "CA-DEC", "CA", "2026-12-01", "2026-12-31", persons);
	family(ds, "FAM4", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 2, "2015-01-01");
	family(ds, "FAM3", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 1, "2015-01-01");
	return ds;
}

static void test_quota_cuts_family(void **state)
{
	(void)state;
	mp_dataset *ds = quota_cut(5);
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_non_null(assigned(p, "FAM4"));
	assert_null(assigned(p, "FAM3"));
	assert_true(p->objective.weighted_persons == 4);
	const mp_reason *r = reason(p, "FAM3", MP_R_QUOTA);
	assert_non_null(r);
	assert_int_equal(r->n_refs, 1);
	assert_string_equal(r->refs[0], "CA-DEC");
	assert_int_equal(p->quotas[0].persons, 4);
	plan_free(p);
	ds_free(ds);
}

static mp_arrival_rule *ca_rule(mp_dataset *ds)
{
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(ds);
	r->country = strdup("CA");
	r->no_weekend = true;
	r->exempt_priorities = 1u << MP_PRIO_EMERGENCY;
	return r;
}

static void test_weekend_arrival(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	ca_rule(ds);
	direct(ds, "SAT", 19, 10); /* arrives Saturday 19 December */
	family(ds, "N1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 1, 0, NULL);
	family(ds, "E1", "CA", "YYZ", MP_PRIO_EMERGENCY, "2026-12-01", 1, 0, NULL);
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_null(assigned(p, "N1"));
	const mp_reason *r = reason(p, "N1", MP_R_ARRIVAL_RULE);
	assert_non_null(r);
	assert_int_equal(r->count, 1);
	assert_non_null(strstr(r->detail, "Saturday"));
	assert_true(on_flight(p, "E1", "SAT")); /* emergency is exempt */
	plan_free(p);
	/* a Monday arrival is fine */
	direct(ds, "MON", 21, 10);
	p = run(ds, NULL, NULL);
	assert_true(on_flight(p, "N1", "MON"));
	plan_free(p);
	ds_free(ds);
}

static void test_transit_visa(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	flight(ds, "TV1", "TIA", "VIE", "2026-12-14T08:00+01:00", "2026-12-14T09:40+01:00", 10);
	flight(ds, "VO1", "VIE", "OSL", "2026-12-14T12:00+01:00", "2026-12-14T14:30+01:00", 10);
	flight(ds, "VY1", "VIE", "YYZ", "2026-12-14T12:00+01:00", "2026-12-14T15:30-05:00", 10);
	mp_transit_rule *t = mp_dataset_add_transit_rule(ds);
	t->country = strdup("AT");
	mp_strv_push(&t->nationalities, &t->n_nationalities, "AFG");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "CA");
	kase(ds, "TO-NO", "NO", "OSL", MP_PRIO_NORMAL, "2026-12-01");
	member(ds, "TO-NO", "TO-NO-01", "1980-01-01", "AFG");
	kase(ds, "TO-CA", "CA", NULL, MP_PRIO_NORMAL, "2026-12-01");
	member(ds, "TO-CA", "TO-CA-01", "1980-01-01", "AFG");
	kase(ds, "SYR-NO", "NO", "OSL", MP_PRIO_NORMAL, "2026-12-01");
	member(ds, "SYR-NO", "SYR-NO-01", "1980-01-01", "SYR");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	const mp_reason *r = reason(p, "TO-NO", MP_R_TRANSIT_VISA);
	assert_non_null(r);
	assert_int_equal(r->count, 1);
	assert_non_null(strstr(r->detail, "TO-NO-01"));
	assert_null(strstr(r->detail, "AFG")); /* no nationality in messages */
	assert_true(on_flight(p, "TO-CA", "VY1")); /* a visa for CA exempts */
	assert_true(on_flight(p, "SYR-NO", "VO1")); /* not listed */
	plan_free(p);
	ds_free(ds);
}

static void test_clinic_full_day(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 20);
	mp_clinic *cl = clinic(ds, "DRS", 4);
	cl->closed = calloc(2, sizeof(mp_date));
	cl->closed[0] = D("2026-12-11");
	cl->closed[1] = D("2026-12-12");
	cl->n_closed = 2;
	family(ds, "A", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 1, "2015-01-01")->clinic = strdup("DRS");
	family(ds, "B", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-05", 2, 1, "2015-01-01")->clinic = strdup("DRS");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	/* only the 13th is open: one family of three a day */
	const mp_assignment *a = assigned(p, "A");
	assert_non_null(a);
	assert_int_equal(a->ftt_date, D("2026-12-13"));
	assert_null(assigned(p, "B"));
	const mp_reason *r = reason(p, "B", MP_R_CLINIC);
	assert_non_null(r);
	assert_string_equal(r->refs[0], "DRS");
	assert_int_equal(p->n_clinics, 1);
	assert_int_equal(p->clinics[0].persons, 3);
	plan_free(p);
	/* open the 12th: both go, the latest allowed day first */
	cl = &ds->clinics[0];
	cl->n_closed = 1;
	p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_int_equal(assigned(p, "A")->ftt_date, D("2026-12-13"));
	assert_int_equal(assigned(p, "B")->ftt_date, D("2026-12-12"));
	plan_free(p);
	ds_free(ds);
}

static void test_escort_covers_three(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 20);
	escort(ds, "OPS-1", MP_ESC_OPERATIONAL, "2026-12-01", "2026-12-31", 3);
	/* unaccompanied minors: every member needs an operational escort */
	family(ds, "U2", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 0, 2, "2012-01-01");
	family(ds, "U1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 0, 1, "2012-01-01");
	family(ds, "U1-LATE", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-09", 0, 1, "2012-01-01");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(on_flight(p, "U2", "F1"));
	assert_true(on_flight(p, "U1", "F1"));
	assert_int_equal(assigned(p, "U2")->n_escorts, 1);
	assert_string_equal(assigned(p, "U2")->escorts[0], "OPS-1");
	assert_null(assigned(p, "U1-LATE"));
	const mp_reason *r = reason(p, "U1-LATE", MP_R_NO_ESCORT);
	assert_non_null(r);
	assert_string_equal(r->refs[0], "OPS-1");
	assert_int_equal(p->n_escort_trips, 1);
	assert_int_equal(p->escort_trips[0].n_cases, 2);
	assert_int_equal(p->flights[0].used, 4); /* three minors and the escort */
	assert_int_equal(p->flights[0].ssr[MP_SSR_UMNR], 3);
	plan_free(p);
	ds_free(ds);
}

/* Plans ds on the exact path, or with large on the large-component
 * path; checks the plan and that its level 1 is level1. */
static mp_plan *run_path(const mp_dataset *ds, bool large, double level1)
{
	double saved = pl_full_limit;
	pl_full_limit = large ? 0 : saved;
	mp_plan *p = run(ds, NULL, NULL);
	pl_full_limit = saved;
	check_plan(ds, p);
	if (p->objective.weighted_persons != level1)
		fprintf(stderr, "large %d: level 1 %g\n", large, p->objective.weighted_persons);
	assert_true(p->objective.weighted_persons == level1);
	return p;
}

/* One escort, one trip in the horizon (turnaround 30 days), covers 2.
 * Priority first, earliest flight puts U-EARLY on F3 with the trip
 * and N with it (level 1 11); the best is the trip on F10 with both
 * urgent minors (20).  The large-component path plans escort trips
 * first (planner/escplan.c) and must find it, as the exact model does. */
static void test_escort_packing(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F3", 3, 20);
	direct(ds, "F10", 10, 20);
	escort(ds, "OPS-1", MP_ESC_OPERATIONAL, "2026-12-01", "2026-12-31", 2)->turnaround_days = 30;
	family(ds, "U-EARLY", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01", 0, 1, "2012-01-01");
	family(ds, "U-LATE", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-08", 0, 1, "2012-01-01");
	family(ds, "N", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 0, 1, "2012-01-01");
	for (int large = 0; large < 2; large++) {
		mp_plan *p = run_path(ds, large, 20);
		assert_true(on_flight(p, "U-EARLY", "F10"));
		assert_true(on_flight(p, "U-LATE", "F10"));
		assert_null(assigned(p, "N"));
		assert_int_equal(p->n_escort_trips, 1);
		plan_free(p);
	}
	ds_free(ds);
}

/* One 4-seat flight.  U, an emergency minor alone, needs the escort
 * (whose seat the trip takes too): 100 for two seats.  A and B,
 * emergency couples, weigh 200 for two seats each.  Priority first,
 * earliest ready puts U and its escort on the flight and A beside them
 * (300); the best is A and B (400).  Packing the escort trips first
 * (escplan.c) gives 300 on the large path, and the window search does
 * not move units needing escorts, so plans are also built without the
 * trips packed first (large.c); the exact model finds 400 too. */
static void test_escort_trip_not_first(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F5", 5, 4);
	escort(ds, "OPS-1", MP_ESC_OPERATIONAL, "2026-12-01", "2026-12-31", 1);
	family(ds, "U", "CA", "YYZ", MP_PRIO_EMERGENCY, "2026-12-01", 0, 1, "2012-01-01");
	family(ds, "A", "CA", "YYZ", MP_PRIO_EMERGENCY, "2026-12-02", 2, 0, NULL);
	family(ds, "B", "CA", "YYZ", MP_PRIO_EMERGENCY, "2026-12-03", 2, 0, NULL);
	family(ds, "N", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-04", 1, 0, NULL);
	for (int large = 0; large < 2; large++) {
		mp_plan *p = run_path(ds, large, 400);
		assert_true(on_flight(p, "A", "F5"));
		assert_true(on_flight(p, "B", "F5"));
		assert_null(assigned(p, "U"));
		assert_int_equal(p->n_escort_trips, 0);
		plan_free(p);
	}
	ds_free(ds);
}

/* One escort, covers 3, turnaround 7 days, free 1-14 December; three
 * urgent minors' families, each able to take one flight only: A (three
 * persons, 30) on the 5th, B and C (two, 20 each) on the 1st and the
 * 8th.  A trip on the 5th keeps the escort from both others, so the
 * trip carrying the most first (A, 30) is worse than B and C (40).
 * The escort trips packed first (escplan.c) weigh each trip by what it
 * carries per day of the escort's time it takes, and keep that plan when
 * it carries more: B first (20 for 7 days), then C.  M, a normal minor
 * (1) who can only take the 8th, goes with C: the best is 41. */
static void test_escort_dense_trips(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 1, 20);
	direct(ds, "F5", 5, 20);
	direct(ds, "F8", 8, 20);
	escort(ds, "OPS-1", MP_ESC_OPERATIONAL, "2026-12-01", "2026-12-14", 3);
	family(ds, "A", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-05", 0, 3, "2012-01-01")->visa_expires =
		D("2026-12-06");
	family(ds, "B", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01", 0, 2, "2012-01-01")->visa_expires =
		D("2026-12-02");
	family(ds, "C", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-08", 0, 2, "2012-01-01");
	family(ds, "M", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-08", 0, 1, "2012-01-01");
	for (int large = 0; large < 2; large++) {
		pl_escplan_dense = 0;
		mp_plan *p = run_path(ds, large, 41);
		assert_true(on_flight(p, "B", "F1"));
		assert_true(on_flight(p, "C", "F8"));
		assert_true(on_flight(p, "M", "F8"));
		assert_null(assigned(p, "A"));
		assert_int_equal(p->n_escort_trips, 2);
		if (large)
			assert_true(pl_escplan_dense > 0);
		plan_free(p);
	}
	ds_free(ds);
}

/* Levels 2-4 of an exact component solve their LP from the level
 * before's optimal basis (solve.c warm_lp), and each level is still
 * solved to its best: all seven on the 3rd (waiting), A on F1 and the
 * two pairs on F2, 4 x 500 + 3 x 900 = 4,700 (the other way round
 * 3 x 500 + 4 x 900 = 5,100). */
static void test_levels_warm(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 3, 4)->fare = 900;
	direct(ds, "F2", 3, 4)->fare = 500;
	direct(ds, "F3", 10, 10)->fare = 100;
	family(ds, "A", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 3, 0, NULL);
	family(ds, "B", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 0, NULL);
	family(ds, "C", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 0, NULL);
	pl_warm_lps = 0;
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(on_flight(p, "A", "F1"));
	assert_true(on_flight(p, "B", "F2"));
	assert_true(on_flight(p, "C", "F2"));
	assert_true(p->objective.cost == 4700);
	assert_true(pl_warm_lps >= 2);
	plan_free(p);
	ds_free(ds);
}

static void test_linked_pair(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F14", 14, 20);
	direct(ds, "F16", 16, 20);
	/* L1 is ready on the 15th: the pair takes F16 together */
	family(ds, "L1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-15", 1, 0, NULL)->link = strdup("G1");
	family(ds, "L2", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 1, 0, NULL)->link = strdup("G1");
	/* M1 only F16, M2's visa ends on the 15th: no common itinerary */
	family(ds, "M1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-15", 1, 0, NULL)->link = strdup("G2");
	mp_case *m2 = family(ds, "M2", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 1, 0, NULL);
	m2->link = strdup("G2");
	m2->visa_expires = D("2026-12-15");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(on_flight(p, "L1", "F16"));
	assert_true(on_flight(p, "L2", "F16"));
	assert_null(assigned(p, "M1"));
	assert_null(assigned(p, "M2"));
	assert_non_null(reason(p, "M1", MP_R_LINKED_CASE));
	assert_non_null(reason(p, "M2", MP_R_LINKED_CASE));
	const mp_reason *r = reason(p, "M2", MP_R_VISA_EXPIRY);
	assert_non_null(r);
	assert_int_equal(r->count, 1);
	plan_free(p);
	ds_free(ds);
}

static void test_void_booking(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "GONE", 14, 20)->cancelled = true;
	direct(ds, "F16", 16, 20);
	family(ds, "C1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 0, NULL);
	booking(ds, "C1", MP_BOOK_CONFIRMED, NULL, "GONE", NULL);
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(has_conflict(p, "C1", MP_R_VOID_BOOKING));
	assert_string_equal(p->conflicts[0].rule, "2.12");
	const mp_assignment *a = assigned(p, "C1");
	assert_non_null(a);
	assert_string_equal(a->flights[0], "F16");
	assert_int_equal(a->status, MP_BOOK_PROPOSED);
	plan_free(p);
	ds_free(ds);
}

static void test_lexicographic(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 4);
	family(ds, "FAM-A", "CA", "YYZ", MP_PRIO_NORMAL, "2026-11-01", 2, 0, NULL);
	family(ds, "FAM-B", "CA", "YYZ", MP_PRIO_NORMAL, "2026-11-01", 2, 0, NULL);
	family(ds, "EMERG", "CA", "YYZ", MP_PRIO_EMERGENCY, "2026-12-10", 3, 0, NULL);
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	/* 300 for the emergency case beats 4 for both families, however
	 * long they have waited */
	assert_non_null(assigned(p, "EMERG"));
	assert_null(assigned(p, "FAM-A"));
	assert_null(assigned(p, "FAM-B"));
	assert_true(p->objective.weighted_persons == 300);
	assert_non_null(reason(p, "FAM-A", MP_R_CAPACITY));
	plan_free(p);
	ds_free(ds);
}

static void test_reference_kept(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F14", 14, 10);
	direct(ds, "F18", 18, 10);
	family(ds, "C1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 1, 0, NULL);
	family(ds, "C2", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 1, 0, NULL);
	booking(ds, "C1", MP_BOOK_PROPOSED, NULL, "F18", NULL);
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	/* level 2 (no change) beats level 3 (the earlier flight) */
	assert_true(on_flight(p, "C1", "F18"));
	assert_true(on_flight(p, "C2", "F14"));
	assert_true(p->objective.changes == 0);
	/* a reference plan replaces the proposed bookings */
	mp_plan ref;
	mp_plan_init(&ref);
	mp_assignment *a = mp_plan_add_assignment(&ref);
	a->case_id = strdup("C2");
	mp_strv_push(&a->flights, &a->n_flights, "F18");
	mp_plan *q = run(ds, &ref, NULL);
	assert_true(on_flight(q, "C2", "F18"));
	assert_true(on_flight(q, "C1", "F14"));
	assert_true(q->objective.changes == 0);
	mp_plan_release(&ref);
	plan_free(q);
	plan_free(p);
	ds_free(ds);
}

static void test_waiting_earliest(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F20", 20, 10);
	direct(ds, "F14", 14, 10);
	direct(ds, "F16", 16, 10);
	family(ds, "C1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 1, "2010-01-01");
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(on_flight(p, "C1", "F14"));
	/* 3 persons x 13 days squared */
	assert_true(p->objective.waiting == 3 * 13 * 13);
	plan_free(p);
	ds_free(ds);
}

static void test_cost_cheaper(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "DEAR", 14, 10)->fare = 500;
	mp_flight *f = flight(ds, "CHEAP", "TIA", "YYZ", "2026-12-14T15:00+01:00", "2026-12-14T19:00-05:00", 10);
	f->fare = 300;
	family(ds, "C1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 0, NULL);
	mp_plan *p = run(ds, NULL, NULL);
	check_plan(ds, p);
	assert_true(on_flight(p, "C1", "CHEAP"));
	assert_true(p->objective.cost == 600);
	plan_free(p);
	ds_free(ds);
}

/* ---- explain ---- */

static void test_explain(void **state)
{
	(void)state;
	mp_dataset *ds = all_fields();
	mp_plan *p = run(ds, NULL, NULL);
	char *text = NULL;
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_explain(ds, p, "AFG-0001", &text, &errs), MP_OK);
	assert_non_null(strstr(text, "case AFG-0001"));
	assert_non_null(strstr(text, "booked here"));
	assert_non_null(strstr(text, "fit-to-travel check 2026-12-12"));
	assert_non_null(strstr(text, "ESC-01"));
	assert_null(strstr(text, "Rahimi")); /* no names */
	assert_null(strstr(text, "1984-03-02")); /* no birth dates */
	free(text);
	assert_int_equal(mp_explain(ds, p, "AFG-0003", &text, &errs), MP_OK);
	assert_non_null(strstr(text, "NO_ROUTE"));
	assert_non_null(strstr(text, "MEDICAL_PENDING"));
	assert_null(strstr(text, "Haidari"));
	free(text);
	assert_int_equal(mp_explain(ds, p, "NOPE", &text, &errs), MP_EDATA);
	assert_null(text);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.v[0].msg, "unknown case 'NOPE'");
	mp_errors_release(&errs);
	plan_free(p);
	ds_free(ds);
}

static void test_explain_full_flight(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 4);
	family(ds, "BIG", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01", 2, 2, "2015-01-01");
	family(ds, "SMALL", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 0, NULL);
	mp_plan *p = run(ds, NULL, NULL);
	char *text = NULL;
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_explain(ds, p, "SMALL", &text, &errs), MP_OK);
	assert_non_null(strstr(text, "flight F1 full (4 of 4 seats, needs 2)"));
	assert_non_null(strstr(text, "CAPACITY"));
	free(text);
	mp_errors_release(&errs);
	plan_free(p);
	ds_free(ds);
}

/* ---- failures ---- */

/* Plans ds with GLPK failing at the hook (pl_debug_glpk_fail): the build
 * reports exactly one error naming GLPK's; returns that error's status. */
static int glpk_fails(const mp_dataset *ds, int hook)
{
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	mp_plan p;
	mp_plan_init(&p);
	mp_errors errs;
	mp_errors_init(&errs);
	pl_debug_glpk_fail = hook;
	assert_int_equal(mp_plan_build(&req, &p, &errs), MP_EINTERNAL);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.v[0].msg, "glpk failed"));
	assert_non_null(strstr(errs.v[0].msg, "out of range"));
	int status = errs.v[0].status;
	mp_errors_release(&errs);
	mp_plan_release(&p);
	return status;
}

static void test_glpk_failure(void **state)
{
	(void)state;
	mp_dataset *ds = quota_cut(5);
	assert_int_equal(glpk_fails(ds, 1), MP_EINTERNAL);
	/* GLPK works again afterwards */
	mp_plan *q = run(ds, NULL, NULL);
	assert_non_null(assigned(q, "FAM4"));
	plan_free(q);
	ds_free(ds);
}

static void test_write_model_fails(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 20);
	family(ds, "C1", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 1, 0, NULL);
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	req.write_model = "/nonexistent-dir/model.lp";
	mp_plan p;
	mp_plan_init(&p);
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_plan_build(&req, &p, &errs), MP_ECANTCREAT);
	assert_int_equal(mp_errors_status(&errs), MP_ECANTCREAT);
	mp_errors_release(&errs);
	mp_plan_release(&p);
	ds_free(ds);
}

/* ---- random instances against glpsol ---- */

static uint64_t rng;

static unsigned rnd(unsigned n)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (unsigned)((z ^ (z >> 31)) % n);
}

static void random_flights(mp_dataset *ds)
{
	char id[32], dep[40], arr[40];
	for (int i = 0; i < 6; i++) {
		int day = 10 + (int)rnd(10);
		int kind = (int)rnd(3); /* direct YYZ, direct OSL, via IST */
		snprintf(id, sizeof id, "R%d", i);
		snprintf(dep, sizeof dep, "2026-12-%02dT08:00+01:00", day);
		if (kind == 2) {
			snprintf(arr, sizeof arr, "2026-12-%02dT11:00+03:00", day);
			mp_flight *f = flight(ds, id, "TIA", "IST", dep, arr, 2 + (int)rnd(8));
			f->fare = 100 + rnd(200);
			snprintf(id, sizeof id, "R%dB", i);
			snprintf(dep, sizeof dep, "2026-12-%02dT14:00+03:00", day);
			snprintf(arr, sizeof arr, "2026-12-%02dT18:00-05:00", day);
			f = flight(ds, id, "IST", "YYZ", dep, arr, 2 + (int)rnd(8));
			f->fare = 300 + rnd(300);
			continue;
		}
		snprintf(arr, sizeof arr, "2026-12-%02dT12:00%s", day, kind ? "+01:00" : "-05:00");
		mp_flight *f = flight(ds, id, "TIA", kind ? "OSL" : "YYZ", dep, arr, 2 + (int)rnd(8));
		f->fare = 200 + rnd(400);
		if (rnd(3) == 0)
			f->limits[MP_SSR_INFT] = (int)rnd(2);
		if (rnd(3) == 0)
			f->limits[MP_SSR_WCHC] = 1;
	}
}

static void random_case(mp_dataset *ds, int i)
{
	char id[32], mid[64], birth[16];
	snprintf(id, sizeof id, "K%02d", i);
	bool no = rnd(3) == 0;
	mp_case *c = kase(ds, id, no ? "NO" : "CA", rnd(2) ? (no ? "OSL" : "YYZ") : NULL,
			  (enum mp_priority)rnd(3), rnd(2) ? "2026-12-01" : "2026-12-12");
	if (rnd(3) == 0)
		c->clinic = strdup("DRS");
	if (rnd(6) == 0)
		c->visa_expires = D("2026-12-15");
	int n = 1 + (int)rnd(4);
	bool minors = rnd(8) == 0;
	for (int k = 0; k < n; k++) {
		snprintf(mid, sizeof mid, "%s-%d", id, k);
		int age = (k < 2 && !minors) ? 30 : (int)rnd(minors ? 17 : 15);
		snprintf(birth, sizeof birth, "%04d-06-01", 2026 - age);
		mp_member *m = member(ds, id, mid, birth, rnd(2) ? "AFG" : "SYR");
		if (rnd(8) == 0)
			m->ssr |= 1u << MP_SSR_WCHC;
		if (rnd(12) == 0)
			m->escort = MP_ESC_MEDICAL;
	}
}

static mp_dataset *random_ds(unsigned seed)
{
	rng = seed * 7919u + 17;
	mp_dataset *ds = base();
	airport(ds, "IST", "TR", 90, 720);
	random_flights(ds);
	mp_quota *q = quota(ds, "CA-DEC", "CA", "2026-12-01", "2026-12-31", 6 + (int)rnd(10));
	if (rnd(2))
		q->max_cases = 2 + (int)rnd(3);
	clinic(ds, "DRS", 3 + (int)rnd(4));
	escort(ds, "ESC-M", MP_ESC_MEDICAL, "2026-12-01", "2026-12-31", 1 + (int)rnd(3));
	escort(ds, "ESC-O", MP_ESC_OPERATIONAL, "2026-12-01", "2026-12-31", 1 + (int)rnd(3));
	for (int i = 0; i < 10; i++)
		random_case(ds, i);
	if (rnd(2)) {
		ds->cases[0].link = strdup("LNK");
		ds->cases[1].link = strdup("LNK");
	}
	return ds;
}

static double glpsol_objective(const char *lp)
{
	char cmd[512], out[256];
	snprintf(out, sizeof out, "%s.out", lp);
	snprintf(cmd, sizeof cmd, "glpsol --lp %s -o %s >/dev/null 2>&1", lp, out);
	assert_int_equal(system(cmd), 0);
	FILE *f = fopen(out, "r");
	assert_non_null(f);
	char line[512];
	double v = -1;
	while (fgets(line, sizeof line, f)) {
		char *eq = strstr(line, "Objective:");
		if (eq && (eq = strchr(eq, '=')))
			v = strtod(eq + 1, NULL);
	}
	fclose(f);
	unlink(out);
	return v;
}

static void test_random_vs_glpsol(void **state)
{
	(void)state;
	char lp[] = "/tmp/test_planner_XXXXXX";
	int fd = mkstemp(lp);
	assert_true(fd >= 0);
	close(fd);
	long saved = pl_stream_pairs;
	for (unsigned seed = 1; seed <= 12; seed++) {
		mp_dataset *ds = random_ds(seed);
		/* odd seeds: the streamed writer for big models; even: glp_write_lp */
		pl_stream_pairs = seed % 2 ? 0 : saved;
		mp_plan *p = run(ds, NULL, lp);
		pl_stream_pairs = saved;
		check_plan(ds, p);
		assert_int_equal(p->status, MP_PLAN_OPTIMAL);
		double v = glpsol_objective(lp);
		if (v != p->objective.weighted_persons)
			fprintf(stderr, "seed %u: planner %g, glpsol %g\n", seed, p->objective.weighted_persons, v);
		assert_true(v == p->objective.weighted_persons);
		plan_free(p);
		ds_free(ds);
	}
	unlink(lp);
}

/* The sample (pinned booking, escort, clinic, history) exported by both
 * writers: glpsol finds level 1 = 130 in each. */
static void test_export_sample(void **state)
{
	(void)state;
	char lp[] = "/tmp/test_planner_XXXXXX";
	int fd = mkstemp(lp);
	assert_true(fd >= 0);
	close(fd);
	long saved = pl_stream_pairs;
	mp_dataset *ds = all_fields();
	for (int stream = 0; stream < 2; stream++) {
		pl_stream_pairs = stream ? 0 : saved;
		mp_plan *p = run(ds, NULL, lp);
		pl_stream_pairs = saved;
		assert_true(glpsol_objective(lp) == 130);
		plan_free(p);
	}
	ds_free(ds);
	unlink(lp);
}

/* The large-component path (Lagrangian bound, window search with GLPK)
 * on the same instances: feasible, never above the optimum, and its
 * bound never below it.  Each also through a big master (issue 11;
 * cg.c: escorts' trip columns and turnaround rows, dual smoothing,
 * columns purged, plans from a solve the budget stopped, the trial of
 * column generation against the volume algorithm): the same, and the
 * same LP bound as the small master's. */
static void test_large_path(void **state)
{
	(void)state;
	char lp[] = "/tmp/test_planner_XXXXXX";
	int fd = mkstemp(lp);
	assert_true(fd >= 0);
	close(fd);
	double saved = pl_full_limit, trial = pl_lp_trial_units;
	for (unsigned seed = 1; seed <= 12; seed++) {
		mp_dataset *ds = random_ds(seed);
		pl_full_limit = 0;
		pl_price_pairs = seed % 2 ? 0 : 20000; /* priced by threads, or not */
		mp_plan *p = run(ds, NULL, lp);
		pl_price_pairs = 20000;
		pl_lp_trial_units = 0;
		mp_plan *big = run(ds, NULL, NULL);
		pl_lp_trial_units = trial;
		pl_full_limit = saved;
		check_plan(ds, p);
		check_plan(ds, big);
		double opt = glpsol_objective(lp);
		double v = p->objective.weighted_persons, vb = big->objective.weighted_persons;
		if (v > opt || p->bound < opt - 1e-6 || vb > opt || fabs(big->bound - p->bound) > 1e-6)
			fprintf(stderr, "seed %u: plan %g, bound %g; big master %g, bound %g; optimum %g\n", seed,
				v, p->bound, vb, big->bound, opt);
		assert_true(v <= opt);
		assert_true(p->bound >= opt - 1e-6);
		assert_true(p->status == MP_PLAN_FEASIBLE || v == p->bound);
		assert_true(vb <= opt);
		assert_true(fabs(big->bound - p->bound) <= 1e-6);
		plan_free(p);
		plan_free(big);
		ds_free(ds);
	}
	/* the format sample and the rules through the same path */
	pl_full_limit = 0;
	mp_dataset *ds = all_fields();
	mp_plan *p = run(ds, NULL, NULL);
	pl_full_limit = saved;
	expect_all_fields(ds, p);
	plan_free(p);
	ds_free(ds);
	unlink(lp);
}

/* Issue 11: the dive in column generation's master (cg.c), forced on
 * the random instances' large path: it ends whole, and every column of
 * its solution fits when placed - the units' clinic check days among
 * them (pl_try chose its own days, and a clinic unit the master had on
 * another day did not fit: the scarce shape lost 2,600 of 63,300 so) -
 * and the plan passes the checker, not above the optimum; and RINS from
 * its whole solution improves some of them. */
static mp_plan *run_effort(const mp_dataset *ds, double effort);

/* The small preset in a profile ("default", "tight"). */
static mp_dataset *small_profile(const char *profile, unsigned long seed)
{
	mp_dataset *ds = calloc(1, sizeof *ds);
	mp_dataset_init(ds);
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_generate_profile("small", profile, seed, ds, &errs), MP_OK);
	mp_errors_release(&errs);
	return ds;
}

/* Issue 11: a dive that ended whole gives its plan even when the
 * budget ran out on the way (in the RINS after it, which overruns its
 * own budget): the plan was dropped, and with --time-limit the dive's
 * and the RINS's work was lost (medium tight seed 13 with big families
 * at --time-limit 15: 152,744 where the RINS had reached 160,312).
 * Small tight seed 1 on the large path at effort 0.05-0.16: at 0.09 the
 * budget ends in the RINS (when written). */
static void test_dive_late(void **state)
{
	(void)state;
	double saved = pl_full_limit, gap = pl_dive_gap;
	long late = 0;
	for (int e = 1; e <= 12; e++) {
		mp_dataset *ds = small_profile("tight", 1);
		pl_full_limit = 0;
		pl_dive_gap = -1;
		memset(pl_dive_stats, 0, sizeof pl_dive_stats);
		mp_plan *p = run_effort(ds, 0.04 + 0.01 * e);
		pl_dive_gap = gap;
		pl_full_limit = saved;
		if (getenv("MP_TEST_VALUES"))
			fprintf(stderr, "effort %g: dives %ld, placed late %ld, level 1 %g\n", 0.04 + 0.01 * e,
				pl_dive_stats[0], pl_dive_stats[4], p->objective.weighted_persons);
		late += pl_dive_stats[4];
		check_plan(ds, p);
		plan_free(p);
		ds_free(ds);
	}
	assert_true(late >= 1);
}

/* Issue 11: in a master of at most 6,000 columns the planner
 * dives whenever its plan is below the LP, and the RINS after the dive
 * frees every column but those the dive and the LP both use.  Mid-sized
 * missions (medium tight cut to 15-20 % of its cases) were left where
 * the windows stop: seed 13 at 14,733 where CBC on the reference model
 * found 14,813 in 120 s, which this finds at effort 30.  Small tight
 * seeds 1-2 on the large path, 1.5-2.5 % below the LP there, did not
 * dive before (the gap was under 3 %).  (test_dive's runs have too
 * little budget left for it, so there the RINS frees the columns the
 * dive and the LP disagree on; test_more_effort_never_worse's too.) */
static void test_dive_whole(void **state)
{
	(void)state;
	double saved = pl_full_limit;
	long whole = 0, rins = 0;
	for (unsigned long seed = 1; seed <= 2; seed++) {
		mp_dataset *ds = small_profile("tight", seed);
		pl_full_limit = 0;
		memset(pl_dive_stats, 0, sizeof pl_dive_stats);
		mp_plan *p = run_effort(ds, 5);
		pl_full_limit = saved;
		if (getenv("MP_TEST_VALUES"))
			fprintf(stderr, "small tight seed %lu: dives %ld, whole masters %ld, improved %ld by %ld, "
				"level 1 %g\n", seed, pl_dive_stats[0], pl_dive_stats[5], pl_dive_stats[2],
				pl_dive_stats[3], p->objective.weighted_persons);
		whole += pl_dive_stats[5];
		rins += pl_dive_stats[2];
		check_plan(ds, p);
		plan_free(p);
		ds_free(ds);
	}
	assert_int_equal(whole, 2);
	assert_true(rins >= 1);
}

/* Issue 11: a lean master (cg.c: columns purged, duals smoothed; the
 * medium presets', forced here on small tight seeds 1-2 and random
 * instances on the large path) reaches the same LP as a plain one -
 * the same bound - with columns purged, and every plan passes the
 * checker.  (On medium tight seed 21 a plain master grew to 50,942
 * columns and column generation did not finish in 30 s.) */
static void test_cg_lean(void **state)
{
	(void)state;
	double saved = pl_full_limit, lean = pl_cg_lean_units;
	long purged_plain = 0, purged_lean = 0;
	for (unsigned seed = 1; seed <= 6; seed++) {
		mp_dataset *ds = seed <= 2 ? small_profile("tight", seed) : random_ds(seed);
		pl_full_limit = 0;
		pl_cg_purged = 0;
		mp_plan *plain = run_effort(ds, 2);
		purged_plain += pl_cg_purged;
		pl_cg_purged = 0;
		pl_cg_lean_units = 0;
		mp_plan *p = run_effort(ds, 2);
		purged_lean += pl_cg_purged;
		pl_cg_lean_units = lean;
		pl_full_limit = saved;
		if (getenv("MP_TEST_VALUES"))
			fprintf(stderr, "seed %u: plain %g (bound %g), lean %g (bound %g), %ld columns purged\n",
				seed, plain->objective.weighted_persons, plain->bound,
				p->objective.weighted_persons, p->bound, pl_cg_purged);
		check_plan(ds, plain);
		check_plan(ds, p);
		assert_true(fabs(p->bound - plain->bound) <= 1e-6);
		plan_free(plain);
		plan_free(p);
		ds_free(ds);
	}
	assert_int_equal(purged_plain, 0);
	assert_true(purged_lean >= 1);
}

static void test_dive(void **state)
{
	(void)state;
	char lp[] = "/tmp/test_planner_XXXXXX";
	int fd = mkstemp(lp);
	assert_true(fd >= 0);
	close(fd);
	double saved = pl_full_limit, gap = pl_dive_gap;
	long whole = 0, missed = 0, rins = 0, gain = 0;
	for (unsigned seed = 1; seed <= 24; seed++) {
		mp_dataset *ds = random_ds(seed);
		pl_full_limit = 0;
		pl_dive_gap = -1;
		memset(pl_dive_stats, 0, sizeof pl_dive_stats);
		mp_plan *p = run(ds, NULL, lp);
		whole += pl_dive_stats[0];
		missed += pl_dive_stats[1];
		rins += pl_dive_stats[2];
		gain += pl_dive_stats[3];
		pl_dive_gap = gap;
		pl_full_limit = saved;
		check_plan(ds, p);
		assert_true(p->objective.weighted_persons <= glpsol_objective(lp));
		plan_free(p);
		ds_free(ds);
	}
	/* and the small preset's tight profile, whose clinic days bind */
	for (unsigned long seed = 1; seed <= 2; seed++) {
		mp_dataset *ds = small_profile("tight", seed);
		pl_full_limit = 0;
		pl_dive_gap = -1;
		memset(pl_dive_stats, 0, sizeof pl_dive_stats);
		mp_plan *p = run_effort(ds, 2);
		whole += pl_dive_stats[0];
		missed += pl_dive_stats[1];
		rins += pl_dive_stats[2];
		gain += pl_dive_stats[3];
		if (getenv("MP_TEST_VALUES"))
			fprintf(stderr, "small tight seed %lu: dives %ld, missed %ld, level 1 %g\n", seed,
				pl_dive_stats[0], pl_dive_stats[1], p->objective.weighted_persons);
		pl_dive_gap = gap;
		pl_full_limit = saved;
		check_plan(ds, p);
		plan_free(p);
		ds_free(ds);
	}
	if (getenv("MP_TEST_VALUES"))
		fprintf(stderr, "dives whole %ld, columns missed %ld, RINS improved %ld by %ld\n", whole, missed,
			rins, gain);
	assert_true(whole >= 12);
	assert_int_equal(missed, 0);
	/* RINS from the dive's whole solution finds better ones (6 of 26
	 * dives, 1,249 in all when written), every plan checked above */
	assert_true(rins >= 1 && gain >= 1);
	/* GLPK failing in a dive's re-solve frees what it held */
	mp_dataset *ds = quota_cut(5);
	pl_full_limit = 0;
	pl_dive_gap = -1;
	assert_int_equal(glpk_fails(ds, 4), MP_EINTERNAL);
	/* and in the RINS after it (rins.c's sub-problem) */
	assert_int_equal(glpk_fails(ds, 2), MP_EINTERNAL);
	pl_dive_gap = gap;
	pl_full_limit = saved;
	ds_free(ds);
	unlink(lp);
}

/* Issue 11: on the large path, a flight whose seats pinned bookings
 * nearly fill (8 of 10) and two free families of 3 and 4 that only it
 * can carry: eligibility compares against the flight's full seats, so
 * both are candidates; the ejection search met the full seat limit
 * with no free column booked on it and read past its index (UBSan). */
static void test_ls_pinned_full_flight(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 10);
	family(ds, "PIN", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 2, 6, "2015-01-01");
	booking(ds, "PIN", MP_BOOK_CONFIRMED, NULL, "F1", NULL);
	family(ds, "F3", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01", 2, 1, "2015-01-01");
	family(ds, "F4", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01", 2, 2, "2015-01-01");
	double saved = pl_full_limit;
	pl_full_limit = 0;
	mp_plan *p = run(ds, NULL, NULL);
	pl_full_limit = saved;
	check_plan(ds, p);
	assert_non_null(assigned(p, "PIN"));
	assert_null(assigned(p, "F3"));
	assert_null(assigned(p, "F4"));
	assert_non_null(reason(p, "F4", MP_R_CAPACITY));
	plan_free(p);
	ds_free(ds);
}

/* Issue 11: GLPK failing inside a window of the large path, or in a
 * big master of column generation, frees everything the search held
 * (LeakSanitizer reports otherwise). */
static void test_glpk_failure_large(void **state)
{
	(void)state;
	mp_dataset *ds = quota_cut(5);
	double saved = pl_full_limit;
	pl_full_limit = 0;
	assert_int_equal(glpk_fails(ds, 1), MP_EINTERNAL);
	/* and in a big column generation master (cg.c: its trip columns,
	 * turnaround rows and smoothing are held too) */
	double trial = pl_lp_trial_units;
	pl_lp_trial_units = 0;
	assert_int_equal(glpk_fails(ds, 3), MP_EINTERNAL);
	pl_lp_trial_units = trial;
	pl_full_limit = saved;
	ds_free(ds);
}

/* ---- work budgets (issue 11): same effort, same plan; more, never worse ---- */

static mp_plan *run_effort_ref(const mp_dataset *ds, double effort, const mp_plan *reference)
{
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	req.options.time_limit = 0; /* no stopwatch: work alone */
	req.options.effort = effort;
	req.reference = reference;
	mp_plan *p = calloc(1, sizeof *p);
	mp_plan_init(p);
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_plan_build(&req, p, &errs), MP_OK);
	mp_errors_release(&errs);
	assert_false(p->time_cut);
	return p;
}

static char *plan_text(const mp_plan *p)
{
	mp_node *tree = mp_plan_encode(p);
	char *text = mp_json_write(tree);
	mp_node_free(tree);
	return text;
}

static mp_dataset *small_preset(unsigned long seed)
{
	return small_profile("default", seed);
}

/* The same dataset and effort give the same plan JSON, byte for byte:
 * on the exact path and on the large path, priced by one thread or by
 * several, and diving in the master. */
static mp_plan *run_effort(const mp_dataset *ds, double effort)
{
	return run_effort_ref(ds, effort, NULL);
}

/* A re-plan of unchanged data (the nightly cron job) never gives a
 * lower level 1 than the plan it re-plans: that plan is still
 * feasible, and the search starts from it.  It did not: medium tight
 * seed 1 at --effort 10 planned 102,534, then 102,487 with 711 cases
 * changed, the search starting again from the greedy; here 8 of 36
 * re-plans of small tight and default seeds 1-3 were lower (7,413
 * after 7,425).  Small presets, both paths, efforts where the searches
 * are far from done; and small tight seeds reshaped `escorts`
 * (shapes.py), where the reference's units came back without their
 * escorts (pl_try picked others, used up): seed 1 re-planned 5,394
 * after 5,402 at effort 0.2, and a scenario cancelling one flight of
 * the medium preset moved 2,233 cases. */
/* shapes.py escorts: one member in every fourth case needs a medical
 * escort, and every other escort is gone. */
static void escorts_shape(mp_dataset *ds)
{
	for (int k = 0; k < ds->n_cases; k += 4) {
		mp_case *c = &ds->cases[k];
		bool any = false;
		for (int i = 0; i < c->n_members; i++)
			any |= c->members[i].escort != MP_ESC_NONE;
		if (!any && c->n_members > 0)
			c->members[0].escort = MP_ESC_MEDICAL;
	}
	int n = 0;
	for (int i = 0; i < ds->n_escorts; i++)
		if (i % 2 == 0)
			ds->escorts[n++] = ds->escorts[i];
		else
			mp_escort_release(&ds->escorts[i]);
	ds->n_escorts = n;
}

static void test_replan_keeps_level1(void **state)
{
	(void)state;
	double saved = pl_full_limit;
	const char *profiles[] = {"tight", "default", "tight escorts"};
	int n = 0;
	for (int pr = 0; pr < 3; pr++)
		for (unsigned long seed = 1; seed <= 3; seed += 2) {
			mp_dataset *ds = small_profile(pr == 1 ? "default" : "tight", seed);
			if (pr == 2)
				escorts_shape(ds);
			for (int path = 0; path < 2; path++) {
				pl_full_limit = path == 0 ? saved : 0;
				for (double e = 0.05; e <= 0.25; e *= 2) {
					mp_plan *p = run_effort(ds, e);
					mp_plan *q = run_effort_ref(ds, e, p);
					check_plan(ds, q);
					double v = p->objective.weighted_persons, w = q->objective.weighted_persons;
					if (w < v)
						fprintf(stderr, "%s seed %lu path %d effort %g: re-plan %g, plan %g\n",
							profiles[pr], seed, path, e, w, v);
					if (getenv("MP_TEST_VALUES"))
						fprintf(stderr, "%s seed %lu path %d effort %g: %g, re-planned %g with "
							"%g changes\n", profiles[pr], seed, path, e, v, w, q->objective.changes);
					n += w < v;
					plan_free(q), plan_free(p);
				}
			}
			pl_full_limit = saved;
			ds_free(ds);
		}
	assert_int_equal(n, 0);
}

static void test_same_effort_same_plan(void **state)
{
	(void)state;
	mp_dataset *ds = small_preset(1);
	double saved = pl_full_limit, trial = pl_lp_trial_units, gap = pl_dive_gap;
	/* exact; large; large priced by threads; large with a big master;
	 * large diving whatever the gap */
	for (int path = 0; path < 5; path++) {
		pl_full_limit = path == 0 ? saved : 0;
		pl_price_pairs = path == 2 ? 0 : 20000;
		pl_lp_trial_units = path == 3 ? 0 : trial;
		pl_dive_gap = path == 4 ? -1 : gap;
		mp_plan *a = run_effort(ds, 0.4), *b = run_effort(ds, 0.4);
		char *ta = plan_text(a), *tb = plan_text(b);
		check_plan(ds, a);
		assert_string_equal(ta, tb);
		free(ta), free(tb);
		plan_free(a), plan_free(b);
	}
	pl_full_limit = saved;
	pl_price_pairs = 20000;
	pl_lp_trial_units = trial;
	pl_dive_gap = gap;
	ds_free(ds);
}

/* A larger budget never gives a worse level 1 (the budget only says
 * where the same search stops), on both paths: the small preset's
 * seeds 1 and 3, whose plans change with the effort (6 808 to 6 850 on
 * seed 1), and a random instance.  On the exact path level 1's phases
 * (the large path, the searches of rins.c, the large path again from
 * the best plan ...) are scaled down with the efforts, so that several
 * of them run and the budgets cut each kind. */
static void test_more_effort_never_worse(void **state)
{
	(void)state;
	double saved = pl_full_limit, trial = pl_lp_trial_units, gap = pl_dive_gap;
	double lph = pl_large_phase, rph = pl_rins_phase, bph = pl_bnb_phase;
	pl_large_phase = 0.1e6;
	pl_rins_phase = 0.1e6;
	pl_bnb_phase = 0.1e6;
	for (unsigned seed = 1; seed <= 4; seed += 2) {
		mp_dataset *ds = seed <= 3 ? small_preset(seed) : random_ds(seed);
		/* the exact path, the large path, the large path with a
		 * big master (column generation on trial), and the large
		 * path diving whatever the gap (a dive the budget cuts
		 * gives no plan) */
		for (int path = 0; path < 4; path++) {
			pl_full_limit = path == 0 ? saved : 0;
			pl_lp_trial_units = path == 2 ? 0 : trial;
			pl_dive_gap = path == 3 ? -1 : gap;
			double last = -1;
			for (double e = 0.05; e <= 0.85; e *= 2) {
				mp_plan *p = run_effort(ds, e);
				check_plan(ds, p);
				double v = p->objective.weighted_persons;
				if (getenv("MP_TEST_VALUES"))
					fprintf(stderr, "seed %u path %d effort %g: %g (bound %g)\n", seed, path, e, v, p->bound);
				if (v < last)
					fprintf(stderr, "seed %u, path %d: effort %g gives %g, half of it %g\n",
						seed, path, e, v, last);
				assert_true(v >= last);
				last = v;
				plan_free(p);
			}
		}
		pl_full_limit = saved;
		pl_lp_trial_units = trial;
		pl_dive_gap = gap;
		ds_free(ds);
	}
	pl_large_phase = lph;
	pl_rins_phase = rph;
	pl_bnb_phase = bph;
}

/* ---- the searches of exact components (planner/rins.c) ---- */

typedef struct loglines {
	char text[8192];
	size_t len;
	bool progress;      /* the progress lines too (keep_progress) */
} loglines;

static void keep_line(void *ctx, const char *line)
{
	loglines *l = ctx;
	int n = snprintf(l->text + l->len, sizeof l->text - l->len, "%s\n", line);
	if (n > 0 && l->len + (size_t)n < sizeof l->text)
		l->len += (size_t)n;
}

/* Progress lines into the log, as "progress LEVEL1 PERSONS BOUND". */
static void keep_progress(void *ctx, const mp_plan_progress *pr)
{
	char line[96];
	snprintf(line, sizeof line, "progress %.0f %d %.0f", pr->level1, pr->persons, pr->bound);
	keep_line(ctx, line);
}

/* Plans with the progress lines kept (the level lines of the searches;
 * with log->progress the lines for people too). */
static mp_plan *run_logged(const mp_dataset *ds, double time_limit, double effort, loglines *log)
{
	mp_plan_request req;
	mp_plan_request_init(&req, ds);
	req.options.time_limit = time_limit;
	req.options.effort = effort;
	req.log = keep_line;
	req.log_ctx = log;
	if (log->progress) {
		req.progress = keep_progress;
		req.progress_ctx = log;
	}
	mp_plan *p = calloc(1, sizeof *p);
	mp_plan_init(p);
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_plan_build(&req, p, &errs), MP_OK);
	mp_errors_release(&errs);
	return p;
}

/* The progress line of level 1's searches (rins.c), or NULL when none
 * ran. */
static const char *level1_line(const loglines *log)
{
	for (const char *l = strstr(log->text, "planner: level 1:"); l;
	     l = strstr(l + 1, "planner: level 1:")) {
		const char *end = strchr(l, '\n'), *inc = strstr(l, "incumbent");
		if (inc && (!end || inc < end))
			return l;
	}
	return NULL;
}

/* Plans ds without the cuts at the root (cuts.c), which settle the
 * small instances below on their own: these test rins.c's searches. */
static mp_plan *run_logged_nocuts(const mp_dataset *ds, loglines *log)
{
	pl_debug_no_cuts = 1;
	mp_plan *p = run_logged(ds, 20, 30, log);
	pl_debug_no_cuts = 0;
	return p;
}

/* A quota of 7 persons; families of 5, 4 and 3, the 5 ready first. */
static mp_dataset *quota_fill(void)
{
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 20);
	quota(ds, "CA-DEC", "CA", "2026-12-01", "2026-12-31", 7);
	family(ds, "A", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 5, 0, NULL);
	family(ds, "B", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-02", 4, 0, NULL);
	family(ds, "C", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-03", 3, 0, NULL);
	return ds;
}

/* A quota of 7 persons; families of 5, 4 and 3 (normal: one person,
 * one point), the 5 ready first.  The greedy books the 5 and nothing
 * else fits; the LP fills the quota exactly, and so do 4 + 3, which
 * relax and fix on the LP's optimal face finds: optimal with no branch
 * and bound. */
static void test_search_exact_fill(void **state)
{
	(void)state;
	mp_dataset *ds = quota_fill();
	loglines log = {.len = 0};
	mp_plan *p = run_logged_nocuts(ds, &log);
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 7 && p->bound == 7 && p->gap == 0);
	assert_null(assigned(p, "A"));
	assert_non_null(assigned(p, "B"));
	assert_non_null(assigned(p, "C"));
	const char *line = level1_line(&log);
	assert_non_null(line);
	assert_non_null(strstr(line, "incumbent 5 -> 7"));
	assert_non_null(strstr(line, "optimal"));
	plan_free(p);
	ds_free(ds);
}

/* The progress line follows level 1's searches on the exact model (issue
 * 11: persons and weighted persons planned so far): the plan they find
 * (4 + 3 in the quota of 7, where the greedy booked the 5) is on a line
 * before the searches end, not only once the level is over.  Every
 * line drawn (pl_progress_every 0); they decide nothing, so the plan is
 * the one test_search_exact_fill gets. */
static void test_progress_follows_search(void **state)
{
	(void)state;
	mp_dataset *ds = quota_fill();
	loglines log = {.progress = true};
	pl_progress_every = 0;
	mp_plan *p = run_logged_nocuts(ds, &log);
	pl_progress_every = 1;
	check_plan(ds, p);
	assert_true(p->objective.weighted_persons == 7 && p->status == MP_PLAN_OPTIMAL);
	if (getenv("MP_TEST_LOG"))
		fprintf(stderr, "%s", log.text);
	const char *end = level1_line(&log), *seven = strstr(log.text, "progress 7 7 7");
	assert_non_null(end);
	assert_non_null(strstr(end, "incumbent 5 -> 7"));
	assert_non_null(seven);
	assert_true(seven < end);
	/* the greedy's plan before it, with the LP's bound */
	const char *five = strstr(log.text, "progress 5 5 ");
	assert_non_null(five);
	assert_true(five < seven);
	plan_free(p);
	ds_free(ds);
}

/* A quota of 6 persons, families of 4 and 3: the LP says 6 (4 and two
 * thirds of 3), no plan makes 5 or 6.  The searches prove both out of
 * reach and find the 4: relax and fix optimising, first, finds nothing
 * at 5 or more from the greedy's 3, so the bound steps from 6 to 4 at
 * once (two steps, 6 to 5 to 4, when the runs at the bound came
 * first). */
static void test_search_bound_steps(void **state)
{
	(void)state;
	mp_dataset *ds = quota_cut(6);
	loglines log = {.len = 0};
	mp_plan *p = run_logged_nocuts(ds, &log);
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 4 && p->bound == 4 && p->gap == 0);
	assert_non_null(assigned(p, "FAM4"));
	const char *line = level1_line(&log);
	assert_non_null(line);
	assert_non_null(strstr(line, "LP 6, bound 4,"));
	assert_non_null(strstr(line, "(1 bound steps)"));
	assert_non_null(strstr(line, "optimal"));
	plan_free(p);
	ds_free(ds);
}

/* One 3-seat flight; E, an emergency couple (200, two seats); U, an
 * urgent minor alone (10), who needs the escort (covers 3, one seat).
 * The cover row alone lets the LP take a third of the escort for U:
 * E, three quarters of U and a quarter of a seat for the escort, LP
 * 207.5.  The exact model's link rows (model.c: U travels only with an
 * escort on the trip) make the escort whole: half of U, LP 205.  The
 * plan is E alone, 200. */
static void test_escort_link_rows(void **state)
{
	(void)state;
	mp_dataset *ds = base();
	direct(ds, "F1", 14, 3);
	escort(ds, "OPS-1", MP_ESC_OPERATIONAL, "2026-12-01", "2026-12-31", 3);
	family(ds, "E", "CA", "YYZ", MP_PRIO_EMERGENCY, "2026-12-01", 2, 0, NULL);
	family(ds, "U", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-01", 0, 1, "2012-01-01");
	loglines log = {.len = 0};
	mp_plan *p = run_logged_nocuts(ds, &log);
	check_plan(ds, p);
	assert_true(p->objective.weighted_persons == 200);
	assert_non_null(assigned(p, "E"));
	assert_null(assigned(p, "U"));
	const char *line = level1_line(&log);
	assert_non_null(line);
	if (!strstr(line, "LP 205,"))
		fprintf(stderr, "%.120s\n", line);
	assert_non_null(strstr(line, "LP 205,"));
	plan_free(p);
	ds_free(ds);
}

/* The same two instances with the cuts at the root (cuts.c): the LP
 * says 6 (quota 6, families of 4 and 3) and 7 (quota 7, families of 5,
 * 4 and 3); a cover cut on the quota (4 + 3 > 6: not both) brings the
 * first to 4, the incumbent's value, and the root proves it optimal
 * with no search; in the second the root's LP with its cuts finds the
 * 4 + 3.  Neither needs rins.c's searches. */
static void test_root_cuts(void **state)
{
	(void)state;
	mp_dataset *ds = quota_cut(6);
	loglines log = {.len = 0};
	mp_plan *p = run_logged(ds, 20, 30, &log);
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 4 && p->bound == 4 && p->gap == 0);
	assert_non_null(strstr(log.text, "planner: level 1: LP 6; "));
	assert_non_null(strstr(log.text, "at the root"));
	assert_null(level1_line(&log)); /* no search ran */
	plan_free(p);
	ds_free(ds);

	ds = base();
	direct(ds, "F1", 14, 20);
	quota(ds, "CA-DEC", "CA", "2026-12-01", "2026-12-31", 7);
	family(ds, "A", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-01", 5, 0, NULL);
	family(ds, "B", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-02", 4, 0, NULL);
	family(ds, "C", "CA", "YYZ", MP_PRIO_NORMAL, "2026-12-03", 3, 0, NULL);
	log.len = 0;
	log.text[0] = 0;
	p = run_logged(ds, 20, 30, &log);
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 7 && p->bound == 7 && p->gap == 0);
	assert_non_null(assigned(p, "B"));
	assert_non_null(assigned(p, "C"));
	assert_non_null(strstr(log.text, "at the root"));
	plan_free(p);
	ds_free(ds);
}

/* GLPK failing inside a search (on a copy of the model, with its
 * scratch in GLPK's allocator): reported, nothing leaks (ASan), and
 * GLPK works again afterwards. */
static void test_search_glpk_failure(void **state)
{
	(void)state;
	mp_dataset *ds = quota_cut(6);
	pl_debug_no_cuts = 1; /* the cuts would settle it before any search */
	glpk_fails(ds, 2);
	pl_debug_no_cuts = 0;
	assert_int_equal(pl_debug_glpk_fail, 0); /* the search did run */
	mp_plan *q = run(ds, NULL, NULL);
	assert_true(q->objective.weighted_persons == 4 && q->status == MP_PLAN_OPTIMAL);
	plan_free(q);
	ds_free(ds);
}

/* The benchmark's small preset (seed 1, 259 units in one component):
 * level 1 = 6854 = its LP bound, proven within the 5 seconds the
 * benchmark gives (CBC needs 665 nodes for it; plain GLPK minutes). */
static void test_small_preset_optimal(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_dataset_init(&ds);
	mp_errors errs;
	mp_errors_init(&errs);
	assert_int_equal(mp_generate("small", 1, &ds, &errs), MP_OK);
	mp_errors_release(&errs);
	loglines log = {.len = 0};
	mp_plan *p = run_logged(&ds, 0, 6, &log); /* level 1 is proven at about 3.3 M */
	if (p->status != MP_PLAN_OPTIMAL)
		fprintf(stderr, "%s", log.text);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 6854 && p->bound == 6854);
	plan_free(p);
	mp_dataset_release(&ds);
}

/* The small preset's tight profile, seed 8 (191 units): the root's
 * MIR, cover and clique cuts bound level 1 at 2,906, the plan is 2,897;
 * the second pass at the root, with Gomory's cuts as well, proves 2,897
 * optimal (at effort 8; without that pass the level stayed 0.31 % open
 * at effort 30.  Effort 6 sufficed before the escort link rows of
 * model.c, which change the root's LP: the second pass then runs out
 * of work before its proof). */
static void test_root_gomory(void **state)
{
	(void)state;
	mp_dataset *ds = small_profile("tight", 8);
	loglines log = {.len = 0};
	mp_plan *p = run_logged(ds, 0, 8, &log);
	if (p->status != MP_PLAN_OPTIMAL)
		fprintf(stderr, "%s", log.text);
	check_plan(ds, p);
	assert_int_equal(p->status, MP_PLAN_OPTIMAL);
	assert_true(p->objective.weighted_persons == 2897 && p->bound == 2897);
	assert_non_null(strstr(log.text, "with Gomory's"));
	plan_free(p);
	ds_free(ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_fields),
		cmocka_unit_test(test_sample_files),
		cmocka_unit_test(test_third_infant),
		cmocka_unit_test(test_stretcher),
		cmocka_unit_test(test_quota_cuts_family),
		cmocka_unit_test(test_weekend_arrival),
		cmocka_unit_test(test_transit_visa),
		cmocka_unit_test(test_clinic_full_day),
		cmocka_unit_test(test_escort_covers_three),
		cmocka_unit_test(test_linked_pair),
		cmocka_unit_test(test_void_booking),
		cmocka_unit_test(test_lexicographic),
		cmocka_unit_test(test_reference_kept),
		cmocka_unit_test(test_waiting_earliest),
		cmocka_unit_test(test_cost_cheaper),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_explain_full_flight),
		cmocka_unit_test(test_glpk_failure),
		cmocka_unit_test(test_write_model_fails),
		cmocka_unit_test(test_random_vs_glpsol),
		cmocka_unit_test(test_large_path),
		cmocka_unit_test(test_dive),
		cmocka_unit_test(test_escort_packing),
		cmocka_unit_test(test_escort_trip_not_first),
		cmocka_unit_test(test_escort_dense_trips),
		cmocka_unit_test(test_levels_warm),
		cmocka_unit_test(test_export_sample),
		cmocka_unit_test(test_search_exact_fill),
		cmocka_unit_test(test_progress_follows_search),
		cmocka_unit_test(test_search_bound_steps),
		cmocka_unit_test(test_escort_link_rows),
		cmocka_unit_test(test_root_cuts),
		cmocka_unit_test(test_search_glpk_failure),
		cmocka_unit_test(test_small_preset_optimal),
		cmocka_unit_test(test_root_gomory),
		cmocka_unit_test(test_ls_pinned_full_flight),
		cmocka_unit_test(test_glpk_failure_large),
		cmocka_unit_test(test_same_effort_same_plan),
		cmocka_unit_test(test_replan_keeps_level1),
		cmocka_unit_test(test_more_effort_never_worse),
		cmocka_unit_test(test_dive_late),
		cmocka_unit_test(test_dive_whole),
		cmocka_unit_test(test_cg_lean),
	};
	if (getenv("MP_TEST_ONLY")) /* one test by name, by hand */
		cmocka_set_test_filter(getenv("MP_TEST_ONLY"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
