/*
 * encode.c - mp_dataset -> the canonical node tree of SPEC 3.
 *
 * Parts and fields come in SPEC 1's order; absent optional fields and
 * empty lists are omitted (SPEC 1: writers omit them).  Defaults that
 * were applied are written, so an export says exactly what was planned.
 */
#include <stdio.h>
#include "decode.h"

static void add(mp_node *obj, mp_node *child)
{
	mp_node_append(obj, child); /* ownership moves to obj; NULL ignored */
}

static void add_date(mp_node *obj, const char *key, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d == MP_NODATE)
		return;
	mp_date_format(d, buf);
	add(obj, mp_node_str(key, buf));
}

static void add_datetime(mp_node *obj, const char *key, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	if (!dt.present)
		return;
	mp_datetime_format(dt, buf);
	add(obj, mp_node_str(key, buf));
}

static void add_tod(mp_node *obj, const char *key, mp_tod t)
{
	char buf[MP_TOD_BUF];
	if (t == MP_NOTIME)
		return;
	mp_tod_format(t, buf);
	add(obj, mp_node_str(key, buf));
}

static void add_count(mp_node *obj, const char *key, int v)
{
	if (v != MP_ABSENT)
		add(obj, mp_node_num(key, v));
}

static void add_strs(mp_node *obj, const char *key, char **v, int n)
{
	if (n == 0)
		return;
	mp_node *arr = mp_node_arr(key);
	for (int i = 0; i < n; i++)
		add(arr, mp_node_str(NULL, v[i]));
	add(obj, arr);
}

static void add_dates(mp_node *obj, const char *key, const mp_date *v, int n)
{
	if (n == 0)
		return;
	mp_node *arr = mp_node_arr(key);
	for (int i = 0; i < n; i++)
		add_date(arr, NULL, v[i]);
	add(obj, arr);
}

static mp_node *encode_mission(const mp_mission *m)
{
	mp_node *o = mp_node_obj("mission");
	add(o, mp_node_str("id", m->id));
	add(o, mp_node_str("origin", m->origin));
	add_date(o, "as_of", m->as_of);
	add_count(o, "horizon_days", m->horizon_days);
	add(o, mp_node_str("sender", m->sender));
	add(o, mp_node_str("recipient", m->recipient));
	return o;
}

static mp_node *encode_airport(const mp_airport *a)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("code", a->code));
	add(o, mp_node_str("country", a->country));
	add_count(o, "mct_minutes", a->mct_minutes);
	add_count(o, "max_connection_minutes", a->max_connection_minutes);
	return o;
}

static mp_node *encode_flight(const mp_flight *f)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("id", f->id));
	add(o, mp_node_str("carrier", f->carrier));
	add(o, mp_node_str("number", f->number));
	add(o, mp_node_str("from", f->from));
	add(o, mp_node_str("to", f->to));
	add_datetime(o, "departs", f->departs);
	add_datetime(o, "arrives", f->arrives);
	add_count(o, "seats", f->seats);
	mp_node *lim = mp_node_obj("limits");
	for (int i = 0; i < MP_N_SSR; i++)
		add_count(lim, mp_ssr_names[i], f->limits[i]);
	if (lim->n_children)
		add(o, lim);
	else
		mp_node_free(lim);
	add_count(o, "stretcher_seats", f->stretcher_seats);
	if (f->fare != 0)
		add(o, mp_node_num("fare", f->fare));
	add(o, mp_node_str("currency", f->currency));
	if (f->cancelled)
		add(o, mp_node_bool("cancelled", true));
	return o;
}

static mp_node *encode_quota(const mp_quota *q)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("id", q->id));
	add(o, mp_node_str("country", q->country));
	add(o, mp_node_str("airport", q->airport));
	add_date(o, "from", q->from);
	add_date(o, "to", q->to);
	add_count(o, "max_persons", q->max_persons);
	add_count(o, "max_cases", q->max_cases);
	if (q->kinds) {
		mp_node *arr = mp_node_arr("kinds");
		for (int k = 0; k < MP_N_KIND; k++)
			if (q->kinds & (1u << k))
				add(arr, mp_node_str(NULL, mp_case_kind_names[k]));
		add(o, arr);
	}
	return o;
}

static mp_node *encode_arrival_rule(const mp_arrival_rule *r)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("country", r->country));
	if (r->no_weekend)
		add(o, mp_node_bool("no_weekend", true));
	add_tod(o, "earliest_arrival", r->earliest_arrival);
	add_tod(o, "latest_arrival", r->latest_arrival);
	if (r->notice_working_days)
		add_count(o, "notice_working_days", r->notice_working_days);
	add_dates(o, "blackout", r->blackout, r->n_blackout);
	if (r->exempt_priorities) {
		mp_node *arr = mp_node_arr("exempt_priorities");
		for (int p = 0; p < MP_N_PRIO; p++)
			if (r->exempt_priorities & (1u << p))
				add(arr, mp_node_str(NULL, mp_priority_names[p]));
		add(o, arr);
	}
	return o;
}

static mp_node *encode_transit_rule(const mp_transit_rule *r)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("country", r->country));
	add_strs(o, "nationalities", r->nationalities, r->n_nationalities);
	add_strs(o, "exempt_if_visa_for", r->exempt_if_visa_for, r->n_exempt_if_visa_for);
	return o;
}

static mp_node *encode_clinic(const mp_clinic *k)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("id", k->id));
	add_count(o, "capacity_per_day", k->capacity_per_day);
	add_dates(o, "closed", k->closed, k->n_closed);
	return o;
}

static void add_document(mp_node *o, const mp_document *d)
{
	if (!d->present)
		return;
	mp_node *doc = mp_node_obj("document");
	add(doc, mp_node_str("type", d->type));
	add(doc, mp_node_str("number", d->number));
	add(doc, mp_node_str("issuer", d->issuer));
	add_date(doc, "expires", d->expires);
	add(doc, mp_node_str("mrz_family_name", d->mrz_family_name));
	add(doc, mp_node_str("mrz_given_names", d->mrz_given_names));
	add(o, doc);
}

static void add_sex(mp_node *o, char sex)
{
	char s[2] = {sex, 0};
	if (sex)
		add(o, mp_node_str("sex", s));
}

static mp_node *encode_escort(const mp_escort *e)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("id", e->id));
	add(o, mp_node_str("kind", mp_escort_kind_names[e->kind]));
	add_date(o, "available_from", e->available_from);
	add_date(o, "available_to", e->available_to);
	add_count(o, "covers", e->covers);
	add_count(o, "turnaround_days", e->turnaround_days);
	add(o, mp_node_str("family_name", e->family_name));
	add(o, mp_node_str("given_names", e->given_names));
	add_sex(o, e->sex);
	add_date(o, "birth_date", e->birth_date);
	add(o, mp_node_str("nationality", e->nationality));
	add_document(o, &e->document);
	return o;
}

static mp_node *encode_member(const mp_member *m)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("id", m->id));
	add(o, mp_node_str("family_name", m->family_name));
	add(o, mp_node_str("given_names", m->given_names));
	add_sex(o, m->sex);
	add_date(o, "birth_date", m->birth_date);
	add(o, mp_node_str("nationality", m->nationality));
	add_document(o, &m->document);
	if (m->ssr) {
		mp_node *arr = mp_node_arr("ssr");
		for (int s = 0; s < MP_N_SSR_GIVEN; s++)
			if (m->ssr & (1u << s))
				add(arr, mp_node_str(NULL, mp_ssr_names[s]));
		add(o, arr);
	}
	if (m->escort != MP_ESC_NONE)
		add(o, mp_node_str("escort", mp_escort_kind_names[m->escort]));
	if (m->pregnancy.present) {
		mp_node *p = mp_node_obj("pregnancy");
		add(p, mp_node_num("weeks", m->pregnancy.weeks));
		add_date(p, "on", m->pregnancy.on);
		if (m->pregnancy.multiple)
			add(p, mp_node_bool("multiple", true));
		add(o, p);
	}
	return o;
}

static mp_node *encode_case(const mp_case *k)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("id", k->id));
	mp_node *d = mp_node_obj("destination");
	add(d, mp_node_str("country", k->dest_country));
	add(d, mp_node_str("airport", k->dest_airport));
	add(o, d);
	add(o, mp_node_str("priority", mp_priority_names[k->priority]));
	add_date(o, "ready", k->ready);
	mp_node *mem = mp_node_arr("members");
	for (int i = 0; i < k->n_members; i++)
		add(mem, encode_member(&k->members[i]));
	add(o, mem);
	add_date(o, "visa_expires", k->visa_expires);
	if (k->medical != MP_MED_CLEARED || k->medical_valid_until != MP_NODATE) {
		mp_node *m = mp_node_obj("medical");
		add(m, mp_node_str("status", mp_medical_names[k->medical]));
		add_date(m, "valid_until", k->medical_valid_until);
		add_date(m, "deferred_until", k->medical_deferred_until);
		add(o, m);
	}
	add(o, mp_node_str("clinic", k->clinic));
	add(o, mp_node_str("link", k->link));
	add(o, mp_node_str("origin", k->origin));
	if (k->kind != MP_KIND_RESETTLEMENT) /* the default: writers omit it */
		add(o, mp_node_str("kind", mp_case_kind_names[k->kind]));
	add(o, mp_node_str("language", k->language));
	return o;
}

static mp_node *encode_booking(const mp_booking *b)
{
	mp_node *o = mp_node_obj(NULL);
	add(o, mp_node_str("case", b->case_id));
	add_strs(o, "flights", b->flights, b->n_flights);
	add(o, mp_node_str("status", mp_booking_status_names[b->status]));
	add_date(o, "ftt_date", b->ftt_date);
	add_strs(o, "escorts", b->escorts, b->n_escorts);
	return o;
}

#define PART(name, arr, n, fn)                                 \
	if (ds->n > 0) {                                       \
		mp_node *a_ = mp_node_arr(name);               \
		for (int i_ = 0; i_ < ds->n; i_++)             \
			add(a_, fn(&ds->arr[i_]));             \
		add(root, a_);                                 \
	}

mp_node *mp_encode(const mp_dataset *ds)
{
	mp_node *root = mp_node_obj(NULL);
	add(root, mp_node_num("movplan", 1));
	if (ds->mission.present)
		add(root, encode_mission(&ds->mission));
	PART("airports", airports, n_airports, encode_airport);
	PART("flights", flights, n_flights, encode_flight);
	PART("quotas", quotas, n_quotas, encode_quota);
	PART("arrival_rules", arrival_rules, n_arrival_rules, encode_arrival_rule);
	PART("transit_rules", transit_rules, n_transit_rules, encode_transit_rule);
	PART("clinics", clinics, n_clinics, encode_clinic);
	PART("escorts", escorts, n_escorts, encode_escort);
	PART("cases", cases, n_cases, encode_case);
	PART("bookings", bookings, n_bookings, encode_booking);
	return root;
}
