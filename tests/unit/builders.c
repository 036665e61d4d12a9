/*
 * builders.c - what the unit tests share (see builders.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "builders.h"
#include "io/decode.h"
#include "io/json.h"
#include "models/plan.h"
#include "models/validate.h"

/* ---- values ---- */

mp_date tb_date(const char *s)
{
	mp_date v;
	assert_true(mp_date_parse(s, &v));
	return v;
}

mp_datetime tb_datetime(const char *s)
{
	mp_datetime v;
	assert_true(mp_datetime_parse(s, &v));
	return v;
}

/* ---- small datasets ---- */

mp_dataset *tb_new(const char *as_of, int horizon_days)
{
	mp_dataset *ds = mp_xcalloc(1, sizeof *ds);
	mp_dataset_init(ds);
	ds->mission.present = true;
	ds->mission.id = mp_xstrdup("TEST");
	ds->mission.origin = mp_xstrdup("TIA");
	ds->mission.as_of = tb_date(as_of);
	ds->mission.horizon_days = horizon_days;
	return ds;
}

void tb_free(mp_dataset *ds)
{
	if (!ds)
		return;
	mp_dataset_release(ds);
	free(ds);
}

mp_airport *tb_airport(mp_dataset *ds, const char *code, const char *country, int mct,
		       int max_connection)
{
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = mp_xstrdup(code);
	a->country = mp_xstrdup(country);
	a->mct_minutes = mct;
	a->max_connection_minutes = max_connection;
	return a;
}

mp_flight *tb_flight(mp_dataset *ds, const char *id, const char *from, const char *to,
		     const char *departs, const char *arrives, int seats)
{
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = mp_xstrdup(id);
	f->from = mp_xstrdup(from);
	f->to = mp_xstrdup(to);
	f->departs = tb_datetime(departs);
	f->arrives = tb_datetime(arrives);
	f->seats = seats;
	f->stretcher_seats = 6;
	f->fare = 0;
	return f;
}

mp_case *tb_case(mp_dataset *ds, const char *id, const char *country, const char *airport,
		 enum mp_priority prio, const char *ready)
{
	mp_case *c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup(id);
	c->dest_country = mp_xstrdup(country);
	c->dest_airport = airport ? mp_xstrdup(airport) : NULL;
	c->priority = prio;
	c->ready = tb_date(ready);
	c->medical = MP_MED_CLEARED;
	c->origin = mp_xstrdup(ds->mission.origin);
	return c;
}

mp_case *tb_find_case(mp_dataset *ds, const char *id)
{
	for (int i = 0; i < ds->n_cases; i++)
		if (strcmp(ds->cases[i].id, id) == 0)
			return &ds->cases[i];
	fail_msg("no case '%s'", id);
	return NULL;
}

mp_member *tb_member(mp_dataset *ds, const char *case_id, const char *id, const char *birth,
		     const char *nationality)
{
	mp_member *m = mp_case_add_member(tb_find_case(ds, case_id));
	m->id = mp_xstrdup(id);
	m->family_name = mp_xstrdup("Test");
	m->sex = 'X';
	m->birth_date = tb_date(birth);
	m->nationality = mp_xstrdup(nationality);
	return m;
}

mp_case *tb_family(mp_dataset *ds, const char *id, const char *country, const char *airport,
		   enum mp_priority prio, const char *ready, int n_adults, int n_kids,
		   const char *kid_birth)
{
	tb_case(ds, id, country, airport, prio, ready);
	char mid[80];
	for (int i = 0; i < n_adults + n_kids; i++) {
		snprintf(mid, sizeof mid, "%s-%02d", id, i + 1);
		tb_member(ds, id, mid, i < n_adults ? "1980-01-01" : kid_birth, "AFG");
	}
	return tb_find_case(ds, id);
}

mp_booking *tb_booking(mp_dataset *ds, const char *case_id, enum mp_booking_status st,
		       const char *ftt, const char *f1, const char *f2)
{
	mp_booking *b = mp_dataset_add_booking(ds);
	b->case_id = mp_xstrdup(case_id);
	b->status = st;
	b->ftt_date = ftt ? tb_date(ftt) : MP_NODATE;
	mp_strv_push(&b->flights, &b->n_flights, f1);
	if (f2)
		mp_strv_push(&b->flights, &b->n_flights, f2);
	return b;
}

mp_escort *tb_escort(mp_dataset *ds, const char *id, enum mp_escort_kind kind, const char *from,
		     const char *to, int covers)
{
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = mp_xstrdup(id);
	e->kind = kind;
	e->available_from = tb_date(from);
	e->available_to = tb_date(to);
	e->covers = covers;
	e->turnaround_days = 7;
	return e;
}

mp_clinic *tb_clinic(mp_dataset *ds, const char *id, int capacity_per_day)
{
	mp_clinic *c = mp_dataset_add_clinic(ds);
	c->id = mp_xstrdup(id);
	c->capacity_per_day = capacity_per_day;
	return c;
}

mp_quota *tb_quota(mp_dataset *ds, const char *id, const char *country, const char *from,
		   const char *to, int max_persons)
{
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup(id);
	q->country = mp_xstrdup(country);
	q->from = tb_date(from);
	q->to = tb_date(to);
	q->max_persons = max_persons;
	return q;
}

/* ---- every field ---- */

void tb_document(mp_document *doc, const char *type, const char *number,
			 const char *issuer, const char *expires)
{
	doc->present = true;
	doc->type = mp_xstrdup(type);
	doc->number = mp_xstrdup(number);
	doc->issuer = mp_xstrdup(issuer);
	doc->expires = expires ? tb_date(expires) : MP_NODATE;
}

static void full_flights(mp_dataset *ds)
{
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = mp_xstrdup("F2");
	f->from = mp_xstrdup("KBL");
	f->to = mp_xstrdup("IST");
	f->departs = tb_datetime("2026-12-14T06:15+04:30");
	f->arrives = tb_datetime("2026-12-14T09:40:30+03:00");
	f->seats = 40;
	f->carrier = mp_xstrdup("TK");
	f->number = mp_xstrdup("707");
	f->limits[MP_SSR_WCHC] = 2;
	f->limits[MP_SSR_INFT] = 6;
	f->limits[MP_SSR_UMNR] = 0;
	f->stretcher_seats = 6;
	f->fare = 812.5;
	f->currency = mp_xstrdup("USD");
	f = mp_dataset_add_flight(ds); /* optionals absent, cancelled */
	f->id = mp_xstrdup("F1");
	f->from = mp_xstrdup("IST");
	f->to = mp_xstrdup("YYZ");
	f->departs = tb_datetime("2026-12-14T12:00Z");
	f->arrives = tb_datetime("2026-12-14T16:05-05:00");
	f->seats = 0;
	f->stretcher_seats = 4;
	f->cancelled = true;
}

static void full_rules(mp_dataset *ds)
{
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup("Q2");
	q->country = mp_xstrdup("CA");
	q->airport = mp_xstrdup("YYZ");
	q->from = tb_date("2026-12-07");
	q->to = tb_date("2026-12-13");
	q->max_persons = 40;
	q->max_cases = 10;
	q->kinds = (1u << MP_KIND_RESETTLEMENT) | (1u << MP_KIND_RELOCATION);
	q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup("Q1");
	q->country = mp_xstrdup("CA");
	q->from = tb_date("2026-12-01");
	q->to = tb_date("2026-12-31");
	q->max_persons = 120;

	mp_arrival_rule *r = mp_dataset_add_arrival_rule(ds);
	r->country = mp_xstrdup("CA");
	r->no_weekend = true;
	r->earliest_arrival = 7 * 3600;
	r->latest_arrival = 22 * 3600 + 30 * 60 + 15;
	r->notice_working_days = 5;
	r->blackout = mp_xcalloc(2, sizeof *r->blackout);
	r->blackout[r->n_blackout++] = tb_date("2026-12-25");
	r->blackout[r->n_blackout++] = tb_date("2026-12-24");
	r->exempt_priorities = (1u << MP_PRIO_EMERGENCY) | (1u << MP_PRIO_URGENT);
	r = mp_dataset_add_arrival_rule(ds);
	r->country = mp_xstrdup("DE");

	mp_transit_rule *t = mp_dataset_add_transit_rule(ds);
	t->country = mp_xstrdup("TR");
	mp_strv_push(&t->nationalities, &t->n_nationalities, "SYR");
	mp_strv_push(&t->nationalities, &t->n_nationalities, "AFG");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "US");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "CA");
	t = mp_dataset_add_transit_rule(ds);
	t->country = mp_xstrdup("AE");
	mp_strv_push(&t->nationalities, &t->n_nationalities, "AFG");

	mp_clinic *c = mp_dataset_add_clinic(ds);
	c->id = mp_xstrdup("IOM-KBL");
	c->capacity_per_day = 20;
	c->closed = mp_xcalloc(2, sizeof *c->closed);
	c->closed[c->n_closed++] = tb_date("2026-12-10");
	c->closed[c->n_closed++] = tb_date("2026-12-05");
	c = mp_dataset_add_clinic(ds);
	c->id = mp_xstrdup("CL2");
	c->capacity_per_day = 0;
}

static void full_escorts(mp_dataset *ds)
{
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = mp_xstrdup("E2");
	e->kind = MP_ESC_OPERATIONAL;
	e->available_from = tb_date("2026-12-01");
	e->available_to = tb_date("2027-01-31");
	e->covers = 3;
	e->turnaround_days = 7;
	e = mp_dataset_add_escort(ds);
	e->id = mp_xstrdup("E1");
	e->kind = MP_ESC_MEDICAL;
	e->available_from = tb_date("2026-12-02");
	e->available_to = tb_date("2026-12-20");
	e->covers = 2;
	e->turnaround_days = 10;
	e->family_name = mp_xstrdup("Okafor");
	e->given_names = mp_xstrdup("Ada Ngozi");
	e->sex = 'F';
	e->birth_date = tb_date("1980-02-29");
	e->nationality = mp_xstrdup("NGA");
	tb_document(&e->document, "P", "A1234567", "NGA", "2030-01-01");
	e->document.mrz_family_name = mp_xstrdup("OKAFOR");
	e->document.mrz_given_names = mp_xstrdup("ADA NGOZI");
}

static void full_members(mp_case *c)
{
	mp_member *m = mp_case_add_member(c);
	m->id = mp_xstrdup("C2-01");
	m->family_name = mp_xstrdup("Rahimi");
	m->given_names = mp_xstrdup("Zahra");
	m->sex = 'F';
	m->birth_date = tb_date("1990-05-17");
	m->nationality = mp_xstrdup("AFG");
	tb_document(&m->document, "P", "P0000001", "AFG", "2028-06-30");
	m->document.mrz_family_name = mp_xstrdup("RAHIMI");
	m->document.mrz_given_names = mp_xstrdup("ZAHRA");
	m->ssr = (1u << MP_SSR_WCHC) | (1u << MP_SSR_MEDA) | (1u << MP_SSR_OXYG);
	m->escort = MP_ESC_MEDICAL;
	m->pregnancy.present = true;
	m->pregnancy.weeks = 20;
	m->pregnancy.on = tb_date("2026-11-20");
	m->pregnancy.multiple = true;
	m = mp_case_add_member(c);
	m->id = mp_xstrdup("C2-02");
	m->given_names = mp_xstrdup("Omid");
	m->sex = 'M';
	m->birth_date = tb_date("2025-01-01");
	m->nationality = mp_xstrdup("XXB");
	tb_document(&m->document, "RT", "T99", NULL, NULL);
	m = mp_case_add_member(c);
	m->id = mp_xstrdup("C2-00"); /* ids out of order: the family's order stays */
	m->family_name = mp_xstrdup("Rahimi");
	m->sex = 'X';
	m->birth_date = tb_date("2012-03-03");
	m->nationality = mp_xstrdup("AFG");
	m->ssr = 1u << MP_SSR_BLND;
	m->escort = MP_ESC_OPERATIONAL;
	m->pregnancy.present = true;
	m->pregnancy.weeks = 10;
	m->pregnancy.on = tb_date("2026-12-01");
}

static void full_cases(mp_dataset *ds)
{
	mp_case *c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup("C2");
	c->dest_country = mp_xstrdup("CA");
	c->dest_airport = mp_xstrdup("YYZ");
	c->priority = MP_PRIO_EMERGENCY;
	c->ready = tb_date("2026-12-03");
	c->visa_expires = tb_date("2027-03-01");
	c->medical = MP_MED_DEFERRED;
	c->medical_deferred_until = tb_date("2026-12-08");
	c->clinic = mp_xstrdup("IOM-KBL");
	c->link = mp_xstrdup("G1");
	c->origin = mp_xstrdup("KBL");
	c->language = mp_xstrdup("fa-AF");
	full_members(c);
	c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup("C1");
	c->kind = MP_KIND_RELOCATION;
	c->dest_country = mp_xstrdup("DE");
	c->priority = MP_PRIO_NORMAL;
	c->ready = tb_date("2026-12-01");
	c->medical = MP_MED_CLEARED;
	c->medical_valid_until = tb_date("2027-01-15");
	c->origin = mp_xstrdup("KBL");
	mp_member *m = mp_case_add_member(c);
	m->id = mp_xstrdup("C1-01");
	m->family_name = mp_xstrdup("Ahmadi");
	m->sex = 'M';
	m->birth_date = tb_date("1970-01-01");
	m->nationality = mp_xstrdup("AFG");
	c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup("C3");
	c->dest_country = mp_xstrdup("CA");
	c->priority = MP_PRIO_URGENT;
	c->ready = tb_date("2026-12-01");
	c->medical = MP_MED_PENDING;
	c->origin = mp_xstrdup("KBL");
	m = mp_case_add_member(c);
	m->id = mp_xstrdup("C3-01");
	m->given_names = mp_xstrdup("Lina");
	m->sex = 'F';
	m->birth_date = tb_date("2001-07-07");
	m->nationality = mp_xstrdup("SYR");
}

static void full_bookings(mp_dataset *ds)
{
	mp_booking *b = mp_dataset_add_booking(ds);
	b->case_id = mp_xstrdup("C2");
	mp_strv_push(&b->flights, &b->n_flights, "F2");
	mp_strv_push(&b->flights, &b->n_flights, "F1");
	b->status = MP_BOOK_CONFIRMED;
	b->ftt_date = tb_date("2026-12-12");
	mp_strv_push(&b->escorts, &b->n_escorts, "E2");
	mp_strv_push(&b->escorts, &b->n_escorts, "E1");
	b = mp_dataset_add_booking(ds);
	b->case_id = mp_xstrdup("C1");
	mp_strv_push(&b->flights, &b->n_flights, "F1");
	b->status = MP_BOOK_PROPOSED;
	b = mp_dataset_add_booking(ds);
	b->case_id = mp_xstrdup("C3");
	mp_strv_push(&b->flights, &b->n_flights, "F2");
	b->status = MP_BOOK_TRAVELLED;
}

/* Items in non-canonical order, as a reader would leave them. */
void tb_full_dataset(mp_dataset *ds)
{
	mp_dataset_init(ds);
	mp_mission *mi = &ds->mission;
	mi->present = true;
	mi->id = mp_xstrdup("M-AFG-2026");
	mi->origin = mp_xstrdup("KBL");
	mi->as_of = tb_date("2026-12-01");
	mi->horizon_days = 90;
	mi->sender = mp_xstrdup("UNHCR-KBL");
	mi->recipient = mp_xstrdup("IRCC");
	const char *ap[][2] = {{"YYZ", "CA"}, {"KBL", "AF"}, {"IST", "TR"}};
	for (int i = 0; i < 3; i++) {
		mp_airport *a = mp_dataset_add_airport(ds);
		a->code = mp_xstrdup(ap[i][0]);
		a->country = mp_xstrdup(ap[i][1]);
		a->mct_minutes = 60 + 15 * i;
		a->max_connection_minutes = 1440 - i;
	}
	full_flights(ds);
	full_rules(ds);
	full_escorts(ds);
	full_cases(ds);
	full_bookings(ds);
}

/* ---- field-by-field comparison ---- */

void tb_str_eq(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void strv_eq(char **a, int na, char **b, int nb)
{
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++)
		tb_str_eq(a[i], b[i]);
}

static void dates_eq(const mp_date *a, int na, const mp_date *b, int nb)
{
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++)
		assert_int_equal(a[i], b[i]);
}

static void dt_eq(mp_datetime a, mp_datetime b)
{
	assert_int_equal(a.present, b.present);
	assert_int_equal(a.utc, b.utc);
	assert_int_equal(a.offset_min, b.offset_min);
}

static void doc_eq(const mp_document *a, const mp_document *b)
{
	assert_int_equal(a->present, b->present);
	tb_str_eq(a->type, b->type);
	tb_str_eq(a->number, b->number);
	tb_str_eq(a->issuer, b->issuer);
	assert_int_equal(a->expires, b->expires);
	tb_str_eq(a->mrz_family_name, b->mrz_family_name);
	tb_str_eq(a->mrz_given_names, b->mrz_given_names);
}

/* Items read back from the store have no place in a file. */
static void loc_unknown(mp_loc l, bool loaded)
{
	if (!loaded)
		return;
	assert_int_equal(l.file, -1);
	assert_int_equal(l.line, 0);
}

static void member_eq(bool loaded, const mp_member *a, const mp_member *b)
{
	tb_str_eq(a->id, b->id);
	tb_str_eq(a->family_name, b->family_name);
	tb_str_eq(a->given_names, b->given_names);
	assert_int_equal(a->sex, b->sex);
	assert_int_equal(a->birth_date, b->birth_date);
	tb_str_eq(a->nationality, b->nationality);
	doc_eq(&a->document, &b->document);
	assert_int_equal(a->ssr, b->ssr);
	assert_int_equal(a->escort, b->escort);
	assert_int_equal(a->pregnancy.present, b->pregnancy.present);
	if (a->pregnancy.present) {
		assert_int_equal(a->pregnancy.weeks, b->pregnancy.weeks);
		assert_int_equal(a->pregnancy.on, b->pregnancy.on);
		assert_int_equal(a->pregnancy.multiple, b->pregnancy.multiple);
	}
	loc_unknown(b->loc, loaded);
}

static void case_eq(bool loaded, const mp_case *a, const mp_case *b)
{
	tb_str_eq(a->id, b->id);
	tb_str_eq(a->dest_country, b->dest_country);
	tb_str_eq(a->dest_airport, b->dest_airport);
	assert_int_equal(a->priority, b->priority);
	assert_int_equal(a->ready, b->ready);
	assert_int_equal(a->n_members, b->n_members);
	for (int i = 0; i < a->n_members; i++)
		member_eq(loaded, &a->members[i], &b->members[i]);
	assert_int_equal(a->visa_expires, b->visa_expires);
	assert_int_equal(a->medical, b->medical);
	assert_int_equal(a->medical_valid_until, b->medical_valid_until);
	assert_int_equal(a->medical_deferred_until, b->medical_deferred_until);
	tb_str_eq(a->clinic, b->clinic);
	tb_str_eq(a->link, b->link);
	tb_str_eq(a->origin, b->origin);
	tb_str_eq(a->language, b->language);
	assert_int_equal(a->kind, b->kind);
	loc_unknown(b->loc, loaded);
}

static void escort_eq(bool loaded, const mp_escort *a, const mp_escort *b)
{
	tb_str_eq(a->id, b->id);
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->available_from, b->available_from);
	assert_int_equal(a->available_to, b->available_to);
	assert_int_equal(a->covers, b->covers);
	assert_int_equal(a->turnaround_days, b->turnaround_days);
	tb_str_eq(a->family_name, b->family_name);
	tb_str_eq(a->given_names, b->given_names);
	assert_int_equal(a->sex, b->sex);
	assert_int_equal(a->birth_date, b->birth_date);
	tb_str_eq(a->nationality, b->nationality);
	doc_eq(&a->document, &b->document);
	loc_unknown(b->loc, loaded);
}

static void flight_eq(bool loaded, const mp_flight *a, const mp_flight *b)
{
	tb_str_eq(a->id, b->id);
	tb_str_eq(a->from, b->from);
	tb_str_eq(a->to, b->to);
	dt_eq(a->departs, b->departs);
	dt_eq(a->arrives, b->arrives);
	assert_int_equal(a->seats, b->seats);
	tb_str_eq(a->carrier, b->carrier);
	tb_str_eq(a->number, b->number);
	assert_memory_equal(a->limits, b->limits, sizeof a->limits);
	assert_int_equal(a->stretcher_seats, b->stretcher_seats);
	assert_true(a->fare == b->fare);
	tb_str_eq(a->currency, b->currency);
	assert_int_equal(a->cancelled, b->cancelled);
	loc_unknown(b->loc, loaded);
}

static void rules_eq(const mp_dataset *a, const mp_dataset *b)
{
	assert_int_equal(a->n_quotas, b->n_quotas);
	for (int i = 0; i < a->n_quotas; i++) {
		const mp_quota *x = &a->quotas[i], *y = &b->quotas[i];
		tb_str_eq(x->id, y->id);
		tb_str_eq(x->country, y->country);
		tb_str_eq(x->airport, y->airport);
		assert_int_equal(x->from, y->from);
		assert_int_equal(x->to, y->to);
		assert_int_equal(x->max_persons, y->max_persons);
		assert_int_equal(x->max_cases, y->max_cases);
		assert_int_equal(x->kinds, y->kinds);
	}
	assert_int_equal(a->n_arrival_rules, b->n_arrival_rules);
	for (int i = 0; i < a->n_arrival_rules; i++) {
		const mp_arrival_rule *x = &a->arrival_rules[i], *y = &b->arrival_rules[i];
		tb_str_eq(x->country, y->country);
		assert_int_equal(x->no_weekend, y->no_weekend);
		assert_int_equal(x->earliest_arrival, y->earliest_arrival);
		assert_int_equal(x->latest_arrival, y->latest_arrival);
		assert_int_equal(x->notice_working_days, y->notice_working_days);
		dates_eq(x->blackout, x->n_blackout, y->blackout, y->n_blackout);
		assert_int_equal(x->exempt_priorities, y->exempt_priorities);
	}
	assert_int_equal(a->n_transit_rules, b->n_transit_rules);
	for (int i = 0; i < a->n_transit_rules; i++) {
		const mp_transit_rule *x = &a->transit_rules[i], *y = &b->transit_rules[i];
		tb_str_eq(x->country, y->country);
		strv_eq(x->nationalities, x->n_nationalities, y->nationalities, y->n_nationalities);
		strv_eq(x->exempt_if_visa_for, x->n_exempt_if_visa_for,
			y->exempt_if_visa_for, y->n_exempt_if_visa_for);
	}
	assert_int_equal(a->n_clinics, b->n_clinics);
	for (int i = 0; i < a->n_clinics; i++) {
		tb_str_eq(a->clinics[i].id, b->clinics[i].id);
		assert_int_equal(a->clinics[i].capacity_per_day, b->clinics[i].capacity_per_day);
		dates_eq(a->clinics[i].closed, a->clinics[i].n_closed,
			 b->clinics[i].closed, b->clinics[i].n_closed);
	}
}

void tb_dataset_eq(const mp_dataset *a, const mp_dataset *b, bool loaded)
{
	assert_int_equal(a->mission.present, b->mission.present);
	tb_str_eq(a->mission.id, b->mission.id);
	tb_str_eq(a->mission.origin, b->mission.origin);
	assert_int_equal(a->mission.as_of, b->mission.as_of);
	assert_int_equal(a->mission.horizon_days, b->mission.horizon_days);
	tb_str_eq(a->mission.sender, b->mission.sender);
	tb_str_eq(a->mission.recipient, b->mission.recipient);
	assert_int_equal(a->n_airports, b->n_airports);
	for (int i = 0; i < a->n_airports; i++) {
		tb_str_eq(a->airports[i].code, b->airports[i].code);
		tb_str_eq(a->airports[i].country, b->airports[i].country);
		assert_int_equal(a->airports[i].mct_minutes, b->airports[i].mct_minutes);
		assert_int_equal(a->airports[i].max_connection_minutes,
				 b->airports[i].max_connection_minutes);
	}
	assert_int_equal(a->n_flights, b->n_flights);
	for (int i = 0; i < a->n_flights; i++)
		flight_eq(loaded, &a->flights[i], &b->flights[i]);
	rules_eq(a, b);
	assert_int_equal(a->n_escorts, b->n_escorts);
	for (int i = 0; i < a->n_escorts; i++)
		escort_eq(loaded, &a->escorts[i], &b->escorts[i]);
	assert_int_equal(a->n_cases, b->n_cases);
	for (int i = 0; i < a->n_cases; i++)
		case_eq(loaded, &a->cases[i], &b->cases[i]);
	assert_int_equal(a->n_bookings, b->n_bookings);
	for (int i = 0; i < a->n_bookings; i++) {
		const mp_booking *x = &a->bookings[i], *y = &b->bookings[i];
		tb_str_eq(x->case_id, y->case_id);
		strv_eq(x->flights, x->n_flights, y->flights, y->n_flights);
		assert_int_equal(x->status, y->status);
		assert_int_equal(x->ftt_date, y->ftt_date);
		strv_eq(x->escorts, x->n_escorts, y->escorts, y->n_escorts);
	}
}

/* ---- the format ---- */

mp_node *tb_json(const char *text)
{
	mp_errors e;
	mp_errors_init(&e);
	mp_node *n = mp_json_parse("t.json", text, strlen(text), &e);
	assert_int_equal(e.n, 0);
	mp_errors_release(&e);
	return n;
}

int tb_read1(const char *path, mp_dataset *ds, mp_errors *e)
{
	const char *files[] = {path};
	return mp_read_dataset(files, 1, ds, e);
}

char *tb_canonical(mp_dataset *ds)
{
	mp_dataset_sort(ds);
	mp_node *t = mp_encode(ds);
	char *s = mp_json_write(t);
	mp_node_free(t);
	return s;
}

char *tb_problems(const char *json, int *status)
{
	mp_dataset ds;
	mp_errors e;
	mp_dataset_init(&ds);
	mp_errors_init(&e);
	mp_node *t = mp_json_parse("t.json", json, strlen(json), &e);
	if (t && mp_decode(t, "t.json", &ds, &e) == 0) {
		mp_dataset_defaults(&ds);
		mp_validate(&ds, &e);
	}
	size_t cap = 1;
	char *all = mp_xcalloc(1, 1);
	for (int i = 0; i < e.n; i++) {
		char *line = mp_error_format(&e.v[i]);
		cap += strlen(line) + 1;
		all = mp_xrealloc(all, cap);
		strcat(all, line);
		strcat(all, "\n");
		free(line);
	}
	*status = mp_errors_status(&e);
	mp_node_free(t);
	mp_dataset_release(&ds);
	mp_errors_release(&e);
	return all;
}

void tb_expect_problem(const char *json, const char *needle, const char *forbidden)
{
	int st;
	char *p = tb_problems(json, &st);
	if (!strstr(p, needle))
		fail_msg("expected '%s' in:\n%s", needle, p);
	if (forbidden && strstr(p, forbidden))
		fail_msg("personal value '%s' leaked in:\n%s", forbidden, p);
	assert_int_equal(st, MP_EDATA);
	free(p);
}
