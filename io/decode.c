/*
 * decode.c - node tree -> mp_dataset (SPEC 1 and 3), one function per
 * part; the field lists below are SPEC 1's table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decode.h"
#include "decode_util.h"
#include "../models/mrz.h"

static void item_name(mp_dctx *c, const char *kind, const char *key)
{
	const mp_node *k = mp_node_get(c->obj, key);
	const char *id = mp_dtext(k);
	if (id && mp_id_valid(id))
		snprintf(c->item, sizeof c->item, "%s '%s'", kind, id);
	else
		snprintf(c->item, sizeof c->item, "%s", kind);
}

static mp_loc loc_of(const mp_node *n, int file)
{
	mp_loc l = {file, n ? n->line : 0, n ? n->col : 0};
	return l;
}

/* SPEC 3: "remove" belongs to scenario layers (mp_layer_apply). */
static void no_remove(mp_dctx *c)
{
	bool rm = false;
	if (mp_node_get(c->obj, "remove") && mp_dbool(c, "remove", false, &rm) && rm)
		mp_dfail(c, mp_node_get(c->obj, "remove"), "remove",
			 "only a scenario layer may remove an item");
}

static bool push_date(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg)
{
	struct { mp_date **v; int *n; } *d = arg;
	mp_date v;
	if (!mp_dtext_date(c, at, key, text, &v))
		return false;
	*d->v = mp_xrealloc(*d->v, (size_t)(*d->n + 1) * sizeof **d->v);
	(*d->v)[(*d->n)++] = v;
	return true;
}

static void get_dates(mp_dctx *c, const char *key, mp_date **v, int *n)
{
	struct { mp_date **v; int *n; } d = {v, n};
	mp_dlist(c, key, false, push_date, &d);
}

struct strv { char ***v; int *n; int code_len; };

static bool push_str(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg)
{
	struct strv *d = arg;
	bool ok = true;
	if (d->code_len) {
		ok = (int)strlen(text) == d->code_len;
		for (const char *p = text; ok && *p; p++)
			ok = *p >= 'A' && *p <= 'Z';
		if (!ok)
			mp_dfail(c, at, key, "expected codes of %d capital letters", d->code_len);
	} else if (!mp_id_valid(text)) {
		mp_dfail(c, at, key, "not an identifier (1-64 of letters, digits, -_./:)");
		ok = false;
	}
	if (ok) {
		*d->v = mp_xrealloc(*d->v, (size_t)(*d->n + 1) * sizeof **d->v);
		(*d->v)[(*d->n)++] = mp_xstrdup(text);
	}
	return ok;
}

static int get_strs(mp_dctx *c, const char *key, bool req, int code_len, char ***v, int *n)
{
	struct strv d = {v, n, code_len};
	return mp_dlist(c, key, req, push_str, &d);
}

/* Enters a child object field; returns false when absent or mistyped. */
static bool enter(mp_dctx *c, mp_dctx *sub, const char *key, bool req)
{
	const mp_node *n = mp_node_get(c->obj, key);
	if (n && n->kind == MP_NODE_NULL)
		n = NULL;
	if (!n) {
		if (req)
			mp_dfail(c, NULL, key, "missing");
		return false;
	}
	if (n->kind != MP_NODE_OBJECT) {
		mp_dfail(c, n, key, "expected an object");
		return false;
	}
	*sub = *c;
	sub->obj = n;
	sub->n_err = 0;
	snprintf(sub->item, sizeof sub->item, "%s", c->item);
	return true;
}

static void leave(mp_dctx *c, mp_dctx *sub)
{
	c->n_err += sub->n_err;
}

/* ---- parts ---- */

static void decode_mission(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"id", "origin", "as_of", "horizon_days",
					   "sender", "recipient", NULL};
	mp_mission *m = &ds->mission;
	snprintf(c->item, sizeof c->item, "mission");
	if (c->obj->kind != MP_NODE_OBJECT) {
		mp_dfail(c, c->obj, NULL, "expected an object");
		return;
	}
	if (m->present) {
		/* Name the first one: two files holding the same dataset (the
		 * example's JSON and its XML) otherwise read as hundreds of
		 * unrelated duplicates. */
		const char *f = mp_dataset_file(ds, m->loc);
		if (f && m->loc.line)
			mp_dfail(c, c->obj, NULL,
				 "mission given twice (first at %s:%d): is one dataset given in two files?",
				 f, m->loc.line);
		else
			mp_dfail(c, c->obj, NULL, "mission given twice");
		return;
	}
	m->present = true;
	m->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	mp_did(c, "id", true, &m->id);
	mp_dcode(c, "origin", true, 3, &m->origin);
	mp_ddate(c, "as_of", false, &m->as_of);
	mp_dcount(c, "horizon_days", false, &m->horizon_days);
	mp_did(c, "sender", false, &m->sender);
	mp_did(c, "recipient", false, &m->recipient);
}

static void decode_airport(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"code", "country", "mct_minutes",
					   "max_connection_minutes", "remove", NULL};
	mp_airport *a = mp_dataset_add_airport(ds);
	item_name(c, "airport", "code");
	a->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_dcode(c, "code", true, 3, &a->code);
	mp_dcode(c, "country", true, 2, &a->country);
	mp_dcount(c, "mct_minutes", false, &a->mct_minutes);
	mp_dcount(c, "max_connection_minutes", false, &a->max_connection_minutes);
}

static void decode_limits(mp_dctx *c, mp_flight *f)
{
	mp_dctx sub;
	if (!enter(c, &sub, "limits", false))
		return;
	int pos = 0;
	for (const mp_node *k = sub.obj->child; k; k = k->next) {
		int code = mp_ssr_lookup(k->key);
		pos++;
		if (code < 0) { /* named by place, not by its text (mp_dkeys) */
			mp_dfail(&sub, k, "limits", "unknown SSR code (key %d of the object)", pos);
			continue;
		}
		int v;
		if (mp_dcount(&sub, k->key, true, &v))
			f->limits[code] = v;
	}
	leave(c, &sub);
}

static void decode_flight(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"id", "from", "to", "departs", "arrives", "seats",
					   "carrier", "number", "limits", "stretcher_seats",
					   "fare", "currency", "cancelled", "remove", NULL};
	mp_flight *f = mp_dataset_add_flight(ds);
	item_name(c, "flight", "id");
	f->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_did(c, "id", true, &f->id);
	mp_dcode(c, "from", true, 3, &f->from);
	mp_dcode(c, "to", true, 3, &f->to);
	mp_ddatetime(c, "departs", true, &f->departs);
	mp_ddatetime(c, "arrives", true, &f->arrives);
	mp_dcount(c, "seats", true, &f->seats);
	mp_dstr(c, "carrier", false, &f->carrier);
	mp_dstr(c, "number", false, &f->number);
	decode_limits(c, f);
	mp_dcount(c, "stretcher_seats", false, &f->stretcher_seats);
	mp_dnum(c, "fare", false, &f->fare);
	mp_dcode(c, "currency", false, 3, &f->currency);
	mp_dbool(c, "cancelled", false, &f->cancelled);
}

static bool push_kind(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg)
{
	int k = mp_case_kind_lookup(text);
	if (k < 0) {
		mp_dfail(c, at, key, "expected case kinds resettlement, relocation or return");
		return false;
	}
	*(unsigned *)arg |= 1u << k;
	return true;
}

static void decode_quota(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"id", "country", "from", "to", "max_persons",
					   "airport", "max_cases", "kinds", "remove", NULL};
	mp_quota *q = mp_dataset_add_quota(ds);
	item_name(c, "quota", "id");
	q->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_did(c, "id", true, &q->id);
	mp_dcode(c, "country", true, 2, &q->country);
	mp_ddate(c, "from", true, &q->from);
	mp_ddate(c, "to", true, &q->to);
	mp_dcount(c, "max_persons", true, &q->max_persons);
	mp_dcode(c, "airport", false, 3, &q->airport);
	mp_dcount(c, "max_cases", false, &q->max_cases);
	mp_dlist(c, "kinds", false, push_kind, &q->kinds);
}

static bool push_prio(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg)
{
	int p = mp_priority_lookup(text);
	if (p < 0) {
		mp_dfail(c, at, key, "expected priorities emergency, urgent or normal");
		return false;
	}
	*(unsigned *)arg |= 1u << p;
	return true;
}

static void decode_arrival_rule(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"country", "no_weekend", "earliest_arrival",
					   "latest_arrival", "notice_working_days", "blackout",
					   "exempt_priorities", "remove", NULL};
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(ds);
	item_name(c, "arrival rule", "country");
	r->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_dcode(c, "country", true, 2, &r->country);
	mp_dbool(c, "no_weekend", false, &r->no_weekend);
	mp_dtod(c, "earliest_arrival", false, &r->earliest_arrival);
	mp_dtod(c, "latest_arrival", false, &r->latest_arrival);
	mp_dcount(c, "notice_working_days", false, &r->notice_working_days);
	get_dates(c, "blackout", &r->blackout, &r->n_blackout);
	mp_dlist(c, "exempt_priorities", false, push_prio, &r->exempt_priorities);
}

static void decode_transit_rule(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"country", "nationalities", "exempt_if_visa_for",
					   "remove", NULL};
	mp_transit_rule *r = mp_dataset_add_transit_rule(ds);
	item_name(c, "transit rule", "country");
	r->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_dcode(c, "country", true, 2, &r->country);
	if (get_strs(c, "nationalities", true, 3, &r->nationalities, &r->n_nationalities) == 0 &&
	    mp_node_get(c->obj, "nationalities"))
		mp_dfail(c, mp_node_get(c->obj, "nationalities"), "nationalities", "empty");
	get_strs(c, "exempt_if_visa_for", false, 2, &r->exempt_if_visa_for,
		 &r->n_exempt_if_visa_for);
}

static void decode_clinic(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"id", "capacity_per_day", "closed", "remove", NULL};
	mp_clinic *k = mp_dataset_add_clinic(ds);
	item_name(c, "clinic", "id");
	k->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_did(c, "id", true, &k->id);
	mp_dcount(c, "capacity_per_day", true, &k->capacity_per_day);
	get_dates(c, "closed", &k->closed, &k->n_closed);
}

static const char *const sexes[] = {"F", "M", "X"};

/* SPEC 1: a name as the machine-readable zone reads it. */
static void decode_mrz_name(mp_dctx *c, const char *key, char **out)
{
	if (mp_dstr(c, key, false, out) && !mp_mrz_valid(*out)) {
		mp_dfail(c, mp_node_get(c->obj, key), key,
			 "expected capital letters A-Z, names separated by single spaces "
			 "(the machine-readable zone's '<' written as a space)");
		free(*out);
		*out = NULL;
	}
}

static void decode_document(mp_dctx *c, mp_document *d)
{
	static const char *const keys[] = {"type", "number", "issuer", "expires",
					   "mrz_family_name", "mrz_given_names", NULL};
	mp_dctx sub;
	if (!enter(c, &sub, "document", false))
		return;
	d->present = true;
	mp_dkeys(&sub, sub.obj, keys);
	const mp_node *t = mp_node_get(sub.obj, "type");
	const char *ts = mp_dtext(t);
	if (!t)
		mp_dfail(&sub, NULL, "document.type", "missing");
	else if (!ts || !(strlen(ts) == 1 || strlen(ts) == 2) || ts[0] < 'A' || ts[0] > 'Z' ||
		 (ts[1] && (ts[1] < 'A' || ts[1] > 'Z')))
		mp_dfail(&sub, t, "document.type", "expected one or two capital letters");
	else
		d->type = mp_xstrdup(ts);
	mp_dstr(&sub, "number", true, &d->number);
	mp_dcode(&sub, "issuer", false, 3, &d->issuer);
	mp_ddate(&sub, "expires", false, &d->expires);
	decode_mrz_name(&sub, "mrz_family_name", &d->mrz_family_name);
	decode_mrz_name(&sub, "mrz_given_names", &d->mrz_given_names);
	leave(c, &sub);
}

static void decode_escort(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"id", "kind", "available_from", "available_to",
					   "covers", "turnaround_days", "family_name",
					   "given_names", "sex", "birth_date", "nationality",
					   "document", "remove", NULL};
	mp_escort *e = mp_dataset_add_escort(ds);
	item_name(c, "escort", "id");
	e->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_did(c, "id", true, &e->id);
	int kind = mp_denum(c, "kind", true, mp_escort_kind_names, 3);
	if (kind > 0)
		e->kind = (enum mp_escort_kind)kind;
	mp_ddate(c, "available_from", true, &e->available_from);
	mp_ddate(c, "available_to", true, &e->available_to);
	mp_dcount(c, "covers", false, &e->covers);
	mp_dcount(c, "turnaround_days", false, &e->turnaround_days);
	mp_dstr(c, "family_name", false, &e->family_name);
	mp_dstr(c, "given_names", false, &e->given_names);
	int sex = mp_denum(c, "sex", false, sexes, 3);
	if (sex >= 0)
		e->sex = sexes[sex][0];
	mp_ddate(c, "birth_date", false, &e->birth_date);
	mp_dcode(c, "nationality", false, 3, &e->nationality);
	decode_document(c, &e->document);
}

static bool push_ssr(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg)
{
	int code = mp_ssr_lookup(text);
	if (code < 0 || code >= MP_N_SSR_GIVEN) {
		if (code >= MP_N_SSR_GIVEN)
			mp_dfail(c, at, key, "'%s' is derived, never given", mp_ssr_names[code]);
		else
			mp_dfail(c, at, key, "unknown SSR code");
		return false;
	}
	*(unsigned *)arg |= 1u << code;
	return true;
}

static void decode_pregnancy(mp_dctx *c, mp_pregnancy *p)
{
	static const char *const keys[] = {"weeks", "on", "multiple", NULL};
	mp_dctx sub;
	if (!enter(c, &sub, "pregnancy", false))
		return;
	p->present = true;
	mp_dkeys(&sub, sub.obj, keys);
	if (mp_dcount(&sub, "weeks", true, &p->weeks) && p->weeks > 45)
		mp_dfail(&sub, mp_node_get(sub.obj, "weeks"), "pregnancy.weeks", "out of range");
	mp_ddate(&sub, "on", true, &p->on);
	mp_dbool(&sub, "multiple", false, &p->multiple);
	leave(c, &sub);
}

static void decode_member(mp_dctx *c, mp_case *k, const mp_node *n, int file)
{
	static const char *const keys[] = {"id", "family_name", "given_names", "sex",
					   "birth_date", "nationality", "document", "ssr",
					   "escort", "pregnancy", NULL};
	mp_dctx sub = *c;
	sub.obj = n;
	sub.n_err = 0;
	mp_member *m = mp_case_add_member(k);
	m->loc = loc_of(n, file);
	const char *id = mp_dtext(mp_node_get(n, "id"));
	snprintf(sub.item, sizeof sub.item, "%.150s: member%s%.64s%s", c->item,
		 id && mp_id_valid(id) ? " '" : "", id && mp_id_valid(id) ? id : "",
		 id && mp_id_valid(id) ? "'" : "");
	if (n->kind != MP_NODE_OBJECT) {
		mp_dfail(&sub, n, "members", "expected an object");
		leave(c, &sub);
		return;
	}
	mp_dkeys(&sub, n, keys);
	mp_did(&sub, "id", true, &m->id);
	mp_dstr(&sub, "family_name", false, &m->family_name);
	mp_dstr(&sub, "given_names", false, &m->given_names);
	if (!mp_node_get(n, "family_name") && !mp_node_get(n, "given_names"))
		mp_dfail(&sub, n, "given_names", "missing (give family_name, given_names or both)");
	int sex = mp_denum(&sub, "sex", true, sexes, 3);
	if (sex >= 0)
		m->sex = sexes[sex][0];
	mp_ddate(&sub, "birth_date", true, &m->birth_date);
	mp_dcode(&sub, "nationality", true, 3, &m->nationality);
	decode_document(&sub, &m->document);
	mp_dlist(&sub, "ssr", false, push_ssr, &m->ssr);
	int esc = mp_denum(&sub, "escort", false, mp_escort_kind_names, 3);
	if (esc > 0)
		m->escort = (enum mp_escort_kind)esc;
	decode_pregnancy(&sub, &m->pregnancy);
	leave(c, &sub);
}

static void decode_medical(mp_dctx *c, mp_case *k)
{
	static const char *const keys[] = {"status", "valid_until", "deferred_until", NULL};
	mp_dctx sub;
	if (!enter(c, &sub, "medical", false))
		return;
	mp_dkeys(&sub, sub.obj, keys);
	int st = mp_denum(&sub, "status", true, mp_medical_names, 3);
	if (st >= 0)
		k->medical = (enum mp_medical)st;
	mp_ddate(&sub, "valid_until", false, &k->medical_valid_until);
	mp_ddate(&sub, "deferred_until", false, &k->medical_deferred_until);
	leave(c, &sub);
}

static void decode_case(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"id", "destination", "priority", "ready", "members",
					   "visa_expires", "medical", "clinic", "link", "origin",
					   "kind", "language", "remove", NULL};
	mp_case *k = mp_dataset_add_case(ds);
	item_name(c, "case", "id");
	k->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_did(c, "id", true, &k->id);
	mp_dctx sub;
	if (enter(c, &sub, "destination", true)) {
		static const char *const dkeys[] = {"country", "airport", NULL};
		mp_dkeys(&sub, sub.obj, dkeys);
		mp_dcode(&sub, "country", true, 2, &k->dest_country);
		mp_dcode(&sub, "airport", false, 3, &k->dest_airport);
		leave(c, &sub);
	}
	int prio = mp_denum(c, "priority", true, mp_priority_names, MP_N_PRIO);
	if (prio >= 0)
		k->priority = (enum mp_priority)prio;
	mp_ddate(c, "ready", true, &k->ready);
	const mp_node *mem = mp_node_get(c->obj, "members");
	if (!mem)
		mp_dfail(c, NULL, "members", "missing");
	else if (mem->kind != MP_NODE_ARRAY)
		mp_dfail(c, mem, "members", "expected a list");
	else if (mem->n_children == 0)
		mp_dfail(c, mem, "members", "empty: a case has at least one member");
	else
		for (const mp_node *m = mem->child; m; m = m->next)
			decode_member(c, k, m, file);
	mp_ddate(c, "visa_expires", false, &k->visa_expires);
	decode_medical(c, k);
	mp_did(c, "clinic", false, &k->clinic);
	mp_did(c, "link", false, &k->link);
	mp_dcode(c, "origin", false, 3, &k->origin);
	int kind = mp_denum(c, "kind", false, mp_case_kind_names, MP_N_KIND);
	if (kind >= 0)
		k->kind = (enum mp_case_kind)kind;
	if (mp_dstr(c, "language", false, &k->language) && !mp_language_valid(k->language)) {
		mp_dfail(c, mp_node_get(c->obj, "language"), "language",
			 "expected a BCP 47 language tag such as fa-AF, ps or en");
		free(k->language);
		k->language = NULL;
	}
}

static void decode_booking(mp_dctx *c, mp_dataset *ds, int file)
{
	static const char *const keys[] = {"case", "flights", "status", "ftt_date", "escorts",
					   "remove", NULL};
	mp_booking *b = mp_dataset_add_booking(ds);
	item_name(c, "booking", "case");
	b->loc = loc_of(c->obj, file);
	mp_dkeys(c, c->obj, keys);
	no_remove(c);
	mp_did(c, "case", true, &b->case_id);
	if (get_strs(c, "flights", true, 0, &b->flights, &b->n_flights) == 0 &&
	    mp_node_get(c->obj, "flights"))
		mp_dfail(c, mp_node_get(c->obj, "flights"), "flights", "empty");
	else if (b->n_flights > 3)
		mp_dfail(c, mp_node_get(c->obj, "flights"), "flights", "more than 3 legs");
	int st = mp_denum(c, "status", true, mp_booking_status_names, 3);
	if (st >= 0)
		b->status = (enum mp_booking_status)st;
	mp_ddate(c, "ftt_date", false, &b->ftt_date);
	get_strs(c, "escorts", false, 0, &b->escorts, &b->n_escorts);
}

typedef void (*part_fn)(mp_dctx *c, mp_dataset *ds, int file);

static const struct part {
	const char *name;
	part_fn fn;
} parts[] = {
	{"airports", decode_airport},
	{"flights", decode_flight},
	{"quotas", decode_quota},
	{"arrival_rules", decode_arrival_rule},
	{"transit_rules", decode_transit_rule},
	{"clinics", decode_clinic},
	{"escorts", decode_escort},
	{"cases", decode_case},
	{"bookings", decode_booking},
};

static void decode_part(mp_dctx *c, const struct part *p, const mp_node *arr,
			mp_dataset *ds, int file)
{
	if (arr->kind == MP_NODE_NULL)
		return;
	if (arr->kind != MP_NODE_ARRAY) {
		snprintf(c->item, sizeof c->item, "%s", p->name);
		mp_dfail(c, arr, NULL, "expected a list");
		return;
	}
	for (const mp_node *it = arr->child; it; it = it->next) {
		c->obj = it;
		if (it->kind != MP_NODE_OBJECT) {
			snprintf(c->item, sizeof c->item, "%s", p->name);
			mp_dfail(c, it, NULL, "expected an object for each item");
			continue;
		}
		p->fn(c, ds, file);
	}
}

static void check_version(mp_dctx *c, const mp_node *root)
{
	const mp_node *v = mp_node_get(root, "movplan");
	c->obj = root;
	c->item[0] = '\0';
	if (!v) {
		mp_dfail(c, root, "movplan", "missing format version (\"movplan\": 1)");
		return;
	}
	int ver;
	if (mp_dcount(c, "movplan", true, &ver) && ver != 1)
		mp_dfail(c, v, "movplan", "unsupported format version %d (this movplan reads 1)", ver);
}

/* The place of child k among root's keys, from 1. */
static int key_pos(const mp_node *root, const mp_node *k)
{
	int pos = 1;
	for (const mp_node *n = root->child; n && n != k; n = n->next)
		pos++;
	return pos;
}

int mp_decode(const mp_node *root, const char *file, mp_dataset *ds, mp_errors *errs)
{
	mp_dctx c = {.file = file, .errs = errs, .obj = root};
	int fidx = mp_dataset_add_file(ds, file ? file : "-");
	if (!root || root->kind != MP_NODE_OBJECT) {
		mp_dfail(&c, root, NULL, "expected a JSON object");
		return c.n_err;
	}
	check_version(&c, root);
	for (const mp_node *k = root->child; k; k = k->next) {
		if (strcmp(k->key, "movplan") == 0)
			continue;
		if (strcmp(k->key, "mission") == 0) {
			c.obj = k;
			decode_mission(&c, ds, fidx);
			continue;
		}
		const struct part *p = NULL;
		for (size_t i = 0; i < sizeof parts / sizeof parts[0] && !p; i++)
			if (strcmp(k->key, parts[i].name) == 0)
				p = &parts[i];
		if (!p) { /* named by place, not by its text (mp_dkeys) */
			c.item[0] = '\0';
			c.obj = root;
			mp_dfail(&c, k, NULL, "unknown part (key %d of the document)", key_pos(root, k));
			continue;
		}
		decode_part(&c, p, k, ds, fidx);
	}
	return c.n_err;
}
