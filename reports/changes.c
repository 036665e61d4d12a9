/*
 * changes.c - what changed between two plans and why (see changes.h).
 *
 * The cause of a move is found by putting the case back on its old
 * itinerary R in the new plan: the checks below run in the order of
 * changes.h, each against the new data and the new plan's own use of
 * every limit (its flights, quotas and clinics tables) minus what the
 * case itself uses there now.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "changes.h"
#include "rp.h"
#include "../models/facts.h"
#include "../models/strmap.h"

const char *const mp_case_change_names[3] = {"added", "dropped", "moved"};
const char *const mp_change_cause_names[MP_N_CAUSE] = {
	"new", "case_removed", "history", "confirmed", "flight_cancelled", "flight_removed",
	"rule", "linked", "seats", "assistance_limit", "quota", "clinic", "escort",
	"unforced",
};

/* Lookups over the data and both plans. */
typedef struct cx {
	const mp_dataset *ds;
	const mp_plan *old, *new;
	mp_date as_of;
	rp_index ix;
	mp_strmap old_asg, new_asg, new_una, new_use, quota_use, bookings;
} cx;

static void map_assignments(mp_strmap *m, const mp_plan *p)
{
	mp_strmap_init(m);
	for (int i = 0; p && i < p->n_assignments; i++)
		mp_strmap_put(m, p->assignments[i].case_id, i);
}

static void cx_init(cx *x, const mp_dataset *ds, const mp_plan *old, const mp_plan *new_plan)
{
	memset(x, 0, sizeof *x);
	x->ds = ds;
	x->old = old;
	x->new = new_plan;
	x->as_of = new_plan->as_of != MP_NODATE ? new_plan->as_of : ds->mission.as_of;
	rp_index_init(&x->ix, ds);
	map_assignments(&x->old_asg, old);
	map_assignments(&x->new_asg, new_plan);
	mp_strmap_init(&x->new_una);
	for (int i = 0; i < new_plan->n_unassigned; i++)
		mp_strmap_put(&x->new_una, new_plan->unassigned[i].case_id, i);
	mp_strmap_init(&x->new_use);
	for (int i = 0; i < new_plan->n_flights; i++)
		mp_strmap_put(&x->new_use, new_plan->flights[i].id, i);
	mp_strmap_init(&x->quota_use);
	for (int i = 0; i < new_plan->n_quotas; i++)
		mp_strmap_put(&x->quota_use, new_plan->quotas[i].id, i);
	mp_strmap_init(&x->bookings);
	for (int i = 0; i < ds->n_bookings; i++)
		mp_strmap_put(&x->bookings, ds->bookings[i].case_id, i);
}

static void cx_release(cx *x)
{
	rp_index_release(&x->ix);
	mp_strmap_release(&x->old_asg);
	mp_strmap_release(&x->new_asg);
	mp_strmap_release(&x->new_una);
	mp_strmap_release(&x->new_use);
	mp_strmap_release(&x->quota_use);
	mp_strmap_release(&x->bookings);
}

static const mp_assignment *old_asg(const cx *x, const char *id)
{
	int i = mp_strmap_get(&x->old_asg, id);
	return i >= 0 ? &x->old->assignments[i] : NULL;
}

static const mp_assignment *new_asg(const cx *x, const char *id)
{
	int i = mp_strmap_get(&x->new_asg, id);
	return i >= 0 ? &x->new->assignments[i] : NULL;
}

static bool has_flight(const mp_assignment *a, const char *flight)
{
	return a && rp_assignment_has_flight(a, flight);
}


/* ---- the verdict of one check ---- */

typedef struct verdict {
	enum mp_change_cause cause; /* of the first refusal */
	int code;
	bool refused;
	rp_buf detail;              /* every refusal's, "; " between them */
	char **refs;
	int n_refs;
} verdict;

static bool refuse(verdict *v, enum mp_change_cause cause, int code, const char *ref)
{
	if (!v->refused) {
		v->cause = cause;
		v->code = code;
		v->refused = true;
	} else {
		rp_buf_puts(&v->detail, "; ");
	}
	if (ref)
		mp_strv_push(&v->refs, &v->n_refs, ref);
	return true;
}

/* ---- the case's own rules on its old itinerary (SPEC 2.3, 2.4, 2.8, 2.9) ---- */

/* The old itinerary R as the new data sees it. */
typedef struct itin {
	const mp_assignment *a;
	const mp_flight *legs[3];
	int n;
	mp_date dep, arr;
	mp_tod arr_tod;
	const char *country;  /* of the arrival airport */
} itin;

/* False (and a verdict) when a leg is gone or cancelled. */
static bool legs_exist(const cx *x, const mp_assignment *a, itin *r, verdict *v)
{
	memset(r, 0, sizeof *r);
	r->a = a;
	for (int i = 0; i < a->n_flights && i < 3; i++) {
		const mp_flight *f = rp_flight(&x->ix, a->flights[i]);
		if (!f) {
			refuse(v, MP_CAUSE_FLIGHT_GONE, -1, a->flights[i]);
			rp_buf_printf(&v->detail, "flight %s is no longer in the data", a->flights[i]);
			return false;
		}
		if (f->cancelled) {
			refuse(v, MP_CAUSE_CANCELLED, -1, f->id);
			rp_buf_printf(&v->detail, "flight %s is cancelled", f->id);
			return false;
		}
		r->legs[r->n++] = f;
	}
	r->dep = mp_datetime_local_date(r->legs[0]->departs);
	r->arr = mp_datetime_local_date(r->legs[r->n - 1]->arrives);
	r->arr_tod = mp_datetime_local_tod(r->legs[r->n - 1]->arrives);
	const mp_airport *ap = rp_airport(&x->ix, r->legs[r->n - 1]->to);
	r->country = ap ? ap->country : NULL;
	return true;
}

static bool rule_no(verdict *v, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool rule_no(verdict *v, int code, const char *fmt, ...)
{
	char *text = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	refuse(v, MP_CAUSE_RULE, code, NULL);
	rp_buf_puts(&v->detail, text ? text : mp_reason_names[code]);
	free(text);
	return true;
}

/* SPEC 2 and 2.3: dates, destination, documents. */
static bool dates_refuse(const cx *x, const mp_case *c, const itin *r, verdict *v)
{
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	if (r->dep <= x->as_of)
		return rule_no(v, MP_R_NOT_READY, "its old flights leave %s, not after as_of %s",
			       rp_date(r->dep, a), rp_date(x->as_of, b));
	if (x->ds->mission.horizon_days >= 0 && r->dep > x->as_of + x->ds->mission.horizon_days)
		return rule_no(v, MP_R_HORIZON, "its old flights leave %s, past the horizon",
			       rp_date(r->dep, a));
	if (r->dep < c->ready)
		return rule_no(v, MP_R_NOT_READY, "it is ready %s, after its old departure %s",
			       rp_date(c->ready, a), rp_date(r->dep, b));
	if (c->visa_expires != MP_NODATE && r->arr > c->visa_expires)
		return rule_no(v, MP_R_VISA_EXPIRY, "its visa expires %s, before its old arrival %s",
			       rp_date(c->visa_expires, a), rp_date(r->arr, b));
	for (int i = 0; i < c->n_members; i++) {
		const mp_document *d = &c->members[i].document;
		if (d->present && d->expires != MP_NODATE && r->arr > d->expires)
			return rule_no(v, MP_R_DOCUMENT_EXPIRY,
				       "member %s: the document expires before its old arrival %s",
				       c->members[i].id, rp_date(r->arr, b));
	}
	bool to_dest = c->dest_airport ? strcmp(r->legs[r->n - 1]->to, c->dest_airport) == 0
				       : r->country && strcmp(r->country, c->dest_country) == 0;
	if (!to_dest)
		return rule_no(v, MP_R_NO_ROUTE, "its destination is now %s",
			       c->dest_airport ? c->dest_airport : c->dest_country);
	return false;
}

/* SPEC 2.3 medical, 2.4 pregnancy. */
static bool health_refuses(const mp_case *c, const itin *r, verdict *v)
{
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	if (c->medical == MP_MED_PENDING)
		return rule_no(v, MP_R_MEDICAL_PENDING, "its medical is pending");
	if (c->medical == MP_MED_DEFERRED &&
	    (c->medical_deferred_until == MP_NODATE || c->medical_deferred_until > r->dep))
		return rule_no(v, MP_R_MEDICAL_DEFERRED, "its medical is deferred%s%s",
			       c->medical_deferred_until == MP_NODATE ? "" : " until ",
			       rp_date(c->medical_deferred_until, a));
	if (c->medical == MP_MED_CLEARED && c->medical_valid_until != MP_NODATE &&
	    c->medical_valid_until < r->dep)
		return rule_no(v, MP_R_MEDICAL_EXPIRED, "its medical is valid until %s, before %s",
			       rp_date(c->medical_valid_until, a), rp_date(r->dep, b));
	for (int i = 0; i < c->n_members; i++)
		if (c->members[i].pregnancy.present && mp_pregnancy_bars(&c->members[i].pregnancy, r->dep))
			return rule_no(v, MP_R_PREGNANCY, "member %s: pregnancy too advanced on %s",
				       c->members[i].id, rp_date(r->dep, b));
	return false;
}

/* SPEC 2.8: the notice_working_days-th working day after as_of. */
static mp_date notice_day(const mp_arrival_rule *r, mp_date as_of)
{
	mp_date d = as_of;
	for (int n = 0; n < r->notice_working_days;) {
		d++;
		bool black = false;
		for (int k = 0; k < r->n_blackout; k++)
			black |= r->blackout[k] == d;
		if (!mp_date_is_weekend(d) && !black)
			n++;
	}
	return d;
}

static bool arrival_refuses(const cx *x, const mp_case *c, const itin *r, verdict *v)
{
	const mp_arrival_rule *ar = r->country ? mp_dataset_arrival_rule(x->ds, r->country) : NULL;
	if (!ar || (ar->exempt_priorities & (1u << c->priority)))
		return false;
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	bool bad = ar->no_weekend && mp_date_is_weekend(r->arr);
	bad |= ar->earliest_arrival != MP_NOTIME && r->arr_tod < ar->earliest_arrival;
	bad |= ar->latest_arrival != MP_NOTIME && r->arr_tod > ar->latest_arrival;
	for (int k = 0; k < ar->n_blackout; k++)
		bad |= ar->blackout[k] == r->arr;
	if (bad)
		return rule_no(v, MP_R_ARRIVAL_RULE, "its old arrival %s breaks %s's arrival rule",
			       rp_date(r->arr, a), r->country);
	mp_date nd = notice_day(ar, x->as_of);
	if (r->arr < nd)
		return rule_no(v, MP_R_ARRIVAL_RULE, "its old arrival %s is before the notice day %s",
			       rp_date(r->arr, a), rp_date(nd, b));
	return false;
}

static bool listed(char **v, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* SPEC 2.9: no member connects where its nationality needs a transit visa. */
static bool transit_refuses(const cx *x, const mp_case *c, const itin *r, verdict *v)
{
	for (int i = 0; i + 1 < r->n; i++) {
		const mp_airport *ap = rp_airport(&x->ix, r->legs[i]->to);
		if (!ap || strcmp(ap->country, c->dest_country) == 0)
			continue;
		const mp_transit_rule *t = mp_dataset_transit_rule(x->ds, ap->country);
		if (!t || listed(t->exempt_if_visa_for, t->n_exempt_if_visa_for, c->dest_country))
			continue;
		for (int m = 0; m < c->n_members; m++)
			if (listed(t->nationalities, t->n_nationalities, c->members[m].nationality))
				return rule_no(v, MP_R_TRANSIT_VISA,
					       "its old connection in %s needs a transit visa",
					       ap->country);
	}
	return false;
}

/* ---- the new plan's limits on the old itinerary ---- */

/* Cases on flight f in the new plan that were not on it in the old one. */
static void newcomers(const cx *x, const char *f, const char *self, verdict *v)
{
	int shown = 0, more = 0;
	for (int i = 0; i < x->new->n_assignments; i++) {
		const mp_assignment *a = &x->new->assignments[i];
		if (strcmp(a->case_id, self) == 0 || !has_flight(a, f) ||
		    has_flight(old_asg(x, a->case_id), f))
			continue;
		if (shown == 5) {
			more++;
			continue;
		}
		rp_buf_printf(&v->detail, "%s%s", shown ? ", " : "; now on it: ", a->case_id);
		mp_strv_push(&v->refs, &v->n_refs, a->case_id);
		shown++;
	}
	if (more)
		rp_buf_printf(&v->detail, " and %d more", more);
}

/* The case's facts on a date (lap is c->n_members long, or NULL). */
static mp_case_facts facts_on(const mp_case *c, mp_date on)
{
	mp_case_facts f;
	mp_case_facts_on(c, on, &f, NULL);
	return f;
}

static bool flight_refuses(const cx *x, const mp_case *c, const itin *r, const mp_assignment *now,
			   verdict *v)
{
	mp_case_facts need = facts_on(c, r->dep);
	mp_case_facts own = now ? facts_on(c, rp_departure_date(&x->ix, now)) : need;
	for (int i = 0; i < r->n; i++) {
		const mp_flight *f = r->legs[i];
		int k = mp_strmap_get(&x->new_use, f->id);
		if (k < 0)
			continue; /* nobody on it: room */
		const mp_flight_use *u = &x->new->flights[k];
		bool on = has_flight(now, f->id);
		int seats = u->used - (on ? mp_case_seats(&own, f->stretcher_seats) : 0);
		int want = mp_case_seats(&need, f->stretcher_seats);
		if (seats + want > u->seats) {
			refuse(v, MP_CAUSE_SEATS, -1, f->id);
			/* "full (4 of 5 seats)" reads as a contradiction: say
			 * what is left when something is */
			if (seats >= u->seats)
				rp_buf_printf(&v->detail, "flight %s is full (%d of %d seats)", f->id,
					      u->used, u->seats);
			else
				rp_buf_printf(&v->detail, "flight %s has %d of its %d seats free; the"
					      " case needs %d", f->id, u->seats - seats, u->seats, want);
			newcomers(x, f->id, c->id, v);
			return true;
		}
		for (int s = 0; s < MP_N_SSR; s++) {
			if (u->limits[s] == MP_ABSENT || !need.ssr[s])
				continue;
			if (u->ssr[s] - (on ? own.ssr[s] : 0) + need.ssr[s] > u->limits[s]) {
				refuse(v, MP_CAUSE_ASSISTANCE, -1, f->id);
				rp_buf_printf(&v->detail, "flight %s has reached its %s limit of %d",
					      f->id, mp_ssr_names[s], u->limits[s]);
				newcomers(x, f->id, c->id, v);
				return true;
			}
		}
	}
	return false;
}

/* Whether the quota counts an arrival at airport on date. */
static bool quota_counts(const cx *x, const mp_quota *q, const char *airport, mp_date on)
{
	const mp_airport *ap = rp_airport(&x->ix, airport);
	if (!ap || strcmp(ap->country, q->country) != 0 || on < q->from || on > q->to)
		return false;
	return !q->airport || strcmp(q->airport, airport) == 0;
}

static bool quota_refuses(const cx *x, const mp_case *c, const itin *r, const mp_assignment *now,
			  verdict *v)
{
	const char *to = r->legs[r->n - 1]->to;
	const mp_flight *now_last = now ? rp_flight(&x->ix, now->flights[now->n_flights - 1]) : NULL;
	for (int i = 0; i < x->ds->n_quotas; i++) {
		const mp_quota *q = &x->ds->quotas[i];
		int k = mp_strmap_get(&x->quota_use, q->id);
		if (k < 0 || !quota_counts(x, q, to, r->arr))
			continue;
		const mp_quota_use *u = &x->new->quotas[k];
		bool in = now_last && quota_counts(x, q, now_last->to,
						   mp_datetime_local_date(now_last->arrives));
		int persons = u->persons - (in ? c->n_members : 0) + c->n_members;
		int cases = u->cases - (in ? 1 : 0) + 1;
		if (persons > u->max_persons || (u->max_cases != MP_ABSENT && cases > u->max_cases)) {
			refuse(v, MP_CAUSE_QUOTA, -1, q->id);
			rp_buf_printf(&v->detail, "quota %s is full (%d of %d persons", q->id,
				      u->persons, u->max_persons);
			if (u->max_cases != MP_ABSENT)
				rp_buf_printf(&v->detail, ", %d of %d cases", u->cases, u->max_cases);
			rp_buf_puts(&v->detail, ")");
			return true;
		}
	}
	return false;
}

/* Persons the new plan checks at clinic on day. */
static int clinic_persons(const cx *x, const char *clinic, mp_date day, int *capacity)
{
	for (int i = 0; i < x->new->n_clinics; i++) {
		const mp_clinic_day *d = &x->new->clinics[i];
		if (d->date == day && strcmp(d->clinic, clinic) == 0) {
			*capacity = d->capacity;
			return d->persons;
		}
	}
	return 0;
}

/* SPEC 2.10: a check day 1 to 3 days before, not before as_of, open, with room. */
static bool clinic_refuses(const cx *x, const mp_case *c, const itin *r, const mp_assignment *now,
			   verdict *v)
{
	const mp_clinic *k = c->clinic ? mp_dataset_clinic(x->ds, c->clinic) : NULL;
	if (!k)
		return false;
	for (mp_date d = r->dep - 1; d >= r->dep - 3; d--) {
		bool closed = d < x->as_of;
		for (int i = 0; i < k->n_closed; i++)
			closed |= k->closed[i] == d;
		int cap = k->capacity_per_day;
		int used = clinic_persons(x, k->id, d, &cap);
		if (now && now->ftt_date == d)
			used -= c->n_members;
		if (!closed && used + c->n_members <= cap)
			return false;
	}
	char a[MP_DATE_BUF];
	refuse(v, MP_CAUSE_CLINIC, -1, k->id);
	rp_buf_printf(&v->detail, "clinic %s has no open day with room in the 3 days before %s",
		      k->id, rp_date(r->dep, a));
	return true;
}

static bool same_trip(const mp_escort_trip *t, const mp_assignment *a)
{
	return mp_strv_equal(t->flights, t->n_flights, a->flights, a->n_flights);
}

/* SPEC 2.11: an escort on exactly these flights with cover to spare. */
static bool escort_refuses(const cx *x, const mp_case *c, const itin *r, verdict *v)
{
	mp_case_facts need = facts_on(c, r->dep);
	if (need.need_escort == 0)
		return false;
	int cover = 0, med_cover = 0, used = 0, med_used = 0;
	for (int i = 0; i < x->new->n_escort_trips; i++) {
		const mp_escort_trip *t = &x->new->escort_trips[i];
		const mp_escort *e = same_trip(t, r->a) ? rp_escort(&x->ix, t->escort) : NULL;
		if (!e)
			continue;
		cover += e->covers;
		med_cover += e->kind == MP_ESC_MEDICAL ? e->covers : 0;
	}
	for (int i = 0; cover && i < x->new->n_assignments; i++) {
		const mp_assignment *a = &x->new->assignments[i];
		const mp_case *o = strcmp(a->case_id, c->id) ? rp_case(&x->ix, a->case_id) : NULL;
		if (!o || !mp_assignment_same_flights(a, r->a))
			continue;
		mp_case_facts f = facts_on(o, r->dep);
		used += f.need_escort;
		med_used += f.need_medical;
	}
	if (used + need.need_escort <= cover && med_used + need.need_medical <= med_cover)
		return false;
	refuse(v, MP_CAUSE_ESCORT, -1, NULL);
	rp_buf_puts(&v->detail, cover ? "the escorts on its old flights have no cover to spare"
				      : "no escort travels its old flights now");
	return true;
}

/* ---- one case ---- */

/* Every check on the old itinerary in changes.h's order; all: run them
 * all (what a booking would displace), else stop at the first. */
static void put_back(const cx *x, const mp_case *c, const mp_assignment *was,
		     const mp_assignment *now, verdict *v, bool all)
{
	itin r;
	if (!legs_exist(x, was, &r, v))
		return;
	bool no = dates_refuse(x, c, &r, v);
	no = ((!no || all) && health_refuses(c, &r, v)) || no;
	no = ((!no || all) && arrival_refuses(x, c, &r, v)) || no;
	no = ((!no || all) && transit_refuses(x, c, &r, v)) || no;
	no = ((!no || all) && flight_refuses(x, c, &r, now, v)) || no;
	no = ((!no || all) && quota_refuses(x, c, &r, now, v)) || no;
	no = ((!no || all) && clinic_refuses(x, c, &r, now, v)) || no;
	no = ((!no || all) && escort_refuses(x, c, &r, v)) || no;
	if (no)
		return;
	refuse(v, MP_CAUSE_UNFORCED, -1, NULL);
	rp_buf_puts(&v->detail, all ? "nothing refuses it: it fits"
				    : "not forced: its old flights still had room for it");
}

/* The reason code a cause stands for, or -1. */
static int cause_code(enum mp_change_cause cause)
{
	switch (cause) {
	case MP_CAUSE_SEATS: return MP_R_CAPACITY;
	case MP_CAUSE_ASSISTANCE: return MP_R_ASSISTANCE_LIMIT;
	case MP_CAUSE_QUOTA: return MP_R_QUOTA;
	case MP_CAUSE_CLINIC: return MP_R_CLINIC;
	case MP_CAUSE_ESCORT: return MP_R_NO_ESCORT;
	case MP_CAUSE_LINKED: return MP_R_LINKED_CASE;
	default: return -1;
	}
}

/* The decisive reason of an unassigned case (SPEC 2), or -1. */
static int holding_reason(const mp_unassigned *u)
{
	const mp_reason *r = u ? mp_unassigned_decisive(u) : NULL;
	return r ? (int)r->code : -1;
}

static void why(const cx *x, const char *id, const mp_assignment *was, const mp_assignment *now,
		verdict *v)
{
	const mp_case *c = rp_case(&x->ix, id);
	int b = mp_strmap_get(&x->bookings, id);
	if (!c) {
		refuse(v, MP_CAUSE_CASE_GONE, -1, NULL);
		rp_buf_puts(&v->detail, "the case is no longer in the data");
	} else if (!now && mp_strmap_get(&x->new_una, id) < 0) {
		refuse(v, MP_CAUSE_HISTORY, -1, NULL);
		rp_buf_puts(&v->detail, "travelled or departed (SPEC 2.12)");
	} else if (now && now->status == MP_BOOK_CONFIRMED && b >= 0 &&
		   x->ds->bookings[b].status == MP_BOOK_CONFIRMED) {
		refuse(v, MP_CAUSE_CONFIRMED, -1, NULL);
		rp_buf_puts(&v->detail, "an officer confirmed these flights");
	} else {
		put_back(x, c, was, now, v, false);
	}
}

/* ---- building the list ---- */

static void add_change(mp_changes *out, const cx *x, const char *id, enum mp_case_change_kind kind,
		       const mp_assignment *was, const mp_assignment *now)
{
	out->v = mp_xrealloc(out->v, (size_t)(out->n + 1) * sizeof *out->v);
	mp_case_change *ch = &out->v[out->n++];
	memset(ch, 0, sizeof *ch);
	ch->case_id = mp_xstrdup(id);
	ch->kind = kind;
	ch->code = -1;
	for (int i = 0; was && i < was->n_flights; i++)
		mp_strv_push(&ch->old_flights, &ch->n_old, was->flights[i]);
	for (int i = 0; now && i < now->n_flights; i++)
		mp_strv_push(&ch->new_flights, &ch->n_new, now->flights[i]);
	if (kind == MP_CHG_ADDED) {
		ch->cause = MP_CAUSE_NEW;
		ch->detail = mp_xstrdup("newly booked");
		return;
	}
	verdict v = {.code = -1};
	why(x, id, was, now, &v);
	ch->cause = v.cause;
	ch->code = v.code;
	if (ch->code < 0)
		ch->code = cause_code(ch->cause);
	if (kind == MP_CHG_DROPPED && ch->code < 0) {
		int k = mp_strmap_get(&x->new_una, id);
		ch->code = holding_reason(k >= 0 ? &x->new->unassigned[k] : NULL);
	}
	ch->detail = v.detail.s ? v.detail.s : mp_xstrdup(""); /* ownership moves */
	ch->refs = v.refs;
	ch->n_refs = v.n_refs;
}

/* A linked case that could have stayed alone follows its group's move. */
static void follow_links(mp_changes *out, const cx *x)
{
	for (int i = 0; i < out->n; i++) {
		mp_case_change *ch = &out->v[i];
		const mp_case *c = rp_case(&x->ix, ch->case_id);
		if (ch->cause != MP_CAUSE_UNFORCED || !c || !c->link)
			continue;
		for (int j = 0; j < out->n; j++) {
			const mp_case *o = rp_case(&x->ix, out->v[j].case_id);
			if (j == i || !o || !o->link || strcmp(o->link, c->link) != 0 ||
			    out->v[j].kind == MP_CHG_ADDED || out->v[j].cause == MP_CAUSE_UNFORCED ||
			    out->v[j].cause == MP_CAUSE_LINKED)
				continue;
			ch->cause = MP_CAUSE_LINKED;
			free(ch->detail);
			ch->detail = mp_xasprintf("travels with linked case %s, which moved: %s",
						  o->id, out->v[j].detail);
			mp_strv_push(&ch->refs, &ch->n_refs, o->id);
			break;
		}
	}
}

static int cmp_change(const void *a, const void *b)
{
	static const int order[3] = {[MP_CHG_MOVED] = 0, [MP_CHG_DROPPED] = 1, [MP_CHG_ADDED] = 2};
	const mp_case_change *x = a, *y = b;
	if (x->kind != y->kind)
		return order[x->kind] - order[y->kind];
	return strcmp(x->case_id, y->case_id);
}

static void case_changes(mp_changes *out, const cx *x)
{
	const mp_plan *o = x->old, *n = x->new;
	for (int i = 0; o && i < o->n_assignments; i++) {
		const mp_assignment *was = &o->assignments[i], *now = new_asg(x, was->case_id);
		if (!now)
			add_change(out, x, was->case_id, MP_CHG_DROPPED, was, NULL);
		else if (!mp_assignment_same_flights(was, now))
			add_change(out, x, was->case_id, MP_CHG_MOVED, was, now);
	}
	for (int i = 0; i < n->n_assignments; i++)
		if (!old_asg(x, n->assignments[i].case_id))
			add_change(out, x, n->assignments[i].case_id, MP_CHG_ADDED, NULL,
				   &n->assignments[i]);
	follow_links(out, x);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_change);
	for (int i = 0; i < out->n; i++) {
		out->n_kind[out->v[i].kind]++;
		out->n_unforced += out->v[i].cause == MP_CAUSE_UNFORCED;
	}
}

static bool had_conflict(const mp_plan *p, const mp_conflict *c)
{
	for (int i = 0; p && i < p->n_conflicts; i++)
		if (p->conflicts[i].code == c->code && strcmp(p->conflicts[i].case_id, c->case_id) == 0)
			return true;
	return false;
}

static void broken(mp_changes *out, const cx *x)
{
	for (int i = 0; i < x->new->n_conflicts; i++) {
		const mp_conflict *c = &x->new->conflicts[i];
		out->broken = mp_xrealloc(out->broken, (size_t)(out->n_broken + 1) * sizeof *out->broken);
		mp_broken *b = &out->broken[out->n_broken++];
		b->case_id = mp_xstrdup(c->case_id);
		b->code = c->code;
		b->rule = mp_xstrdup(c->rule);
		b->detail = mp_xstrdup(c->detail);
		b->is_new = !had_conflict(x->old, c);
	}
}

/* ---- outputs to send again ---- */

static void diff_kind(const mp_outputs *a, const mp_outputs *b, char kind, char ***ids, int *n)
{
	const mp_outputs *side[2] = {a, b};
	for (int s = 0; s < 2; s++)
		for (int i = 0; i < side[s]->n; i++) {
			const mp_output_digest *d = &side[s]->v[i];
			if (d->kind != kind)
				continue;
			const mp_output_digest *e = mp_outputs_find(side[1 - s], kind, d->key);
			if (s == 1 && e)
				continue; /* seen from the first side */
			/* a case unbooked on one side and absent on the other
			 * has nothing to send */
			bool nothing = kind == MP_OUT_ITINERARY && !e && d->legs == 0;
			if ((!e && !nothing) || (e && e->digest != d->digest))
				mp_strv_push(ids, n, d->key);
		}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void resend(mp_changes *out, const mp_dataset *ds, const mp_plan *old,
		   const mp_plan *new_plan, const mp_outputs *old_out, const mp_outputs *new_out)
{
	mp_outputs mine[2];
	mp_plan empty;
	mp_plan_init(&empty);
	out->outputs_known = old_out && new_out;
	if (!out->outputs_known) { /* the plans alone, over one dataset */
		mp_outputs_compute(ds, old ? old : &empty, &mine[0]);
		mp_outputs_compute(ds, new_plan, &mine[1]);
		old_out = &mine[0];
		new_out = &mine[1];
	}
	diff_kind(old_out, new_out, MP_OUT_MANIFEST, &out->manifests, &out->n_manifests);
	diff_kind(old_out, new_out, MP_OUT_ITINERARY, &out->itineraries, &out->n_itineraries);
	if (out->n_manifests > 1)
		qsort(out->manifests, (size_t)out->n_manifests, sizeof (char *), cmp_str);
	if (out->n_itineraries > 1)
		qsort(out->itineraries, (size_t)out->n_itineraries, sizeof (char *), cmp_str);
	if (!out->outputs_known) {
		mp_outputs_release(&mine[0]);
		mp_outputs_release(&mine[1]);
	}
	mp_plan_release(&empty);
}

void mp_changes_compute(const mp_dataset *ds, const mp_plan *old, const mp_plan *new_plan,
			const mp_outputs *old_out, const mp_outputs *new_out, mp_changes *out)
{
	cx x;
	memset(out, 0, sizeof *out);
	out->scenario = mp_xstrdup(new_plan->scenario ? new_plan->scenario : "baseline");
	out->has_old = old != NULL;
	out->old_id = old ? mp_xstrdup(old->id) : NULL;
	out->old_created = old ? mp_xstrdup(old->created) : NULL;
	out->old_scenario = old ? mp_xstrdup(old->scenario ? old->scenario : "baseline") : NULL;
	out->new_id = mp_xstrdup(new_plan->id);
	out->new_created = mp_xstrdup(new_plan->created);
	cx_init(&x, ds, old, new_plan);
	broken(out, &x);
	case_changes(out, &x);
	resend(out, ds, old, new_plan, old_out, new_out);
	cx_release(&x);
}

void mp_changes_release(mp_changes *c)
{
	if (!c)
		return;
	free(c->scenario);
	free(c->old_id);
	free(c->old_created);
	free(c->old_scenario);
	free(c->new_id);
	free(c->new_created);
	for (int i = 0; i < c->n_broken; i++) {
		free(c->broken[i].case_id);
		free(c->broken[i].rule);
		free(c->broken[i].detail);
	}
	free(c->broken);
	for (int i = 0; i < c->n; i++)
		mp_case_change_release(&c->v[i]);
	free(c->v);
	mp_strv_free(c->manifests, c->n_manifests);
	mp_strv_free(c->itineraries, c->n_itineraries);
	memset(c, 0, sizeof *c);
}

void mp_case_change_release(mp_case_change *ch)
{
	if (!ch)
		return;
	free(ch->case_id);
	mp_strv_free(ch->old_flights, ch->n_old);
	mp_strv_free(ch->new_flights, ch->n_new);
	free(ch->detail);
	mp_strv_free(ch->refs, ch->n_refs);
	memset(ch, 0, sizeof *ch);
}

void mp_changes_try(const mp_dataset *ds, const mp_plan *plan, const char *case_id,
		    char *const *flights, int n_flights, mp_case_change *out)
{
	cx x;
	mp_assignment want = {.case_id = (char *)case_id, .flights = (char **)flights,
			      .n_flights = n_flights}; /* borrows the caller's strings */
	verdict v = {.code = -1};
	memset(out, 0, sizeof *out);
	out->case_id = mp_xstrdup(case_id);
	out->kind = MP_CHG_MOVED;
	for (int i = 0; i < n_flights; i++)
		mp_strv_push(&out->old_flights, &out->n_old, flights[i]);
	cx_init(&x, ds, NULL, plan);
	const mp_assignment *now = new_asg(&x, case_id);
	for (int i = 0; now && i < now->n_flights; i++)
		mp_strv_push(&out->new_flights, &out->n_new, now->flights[i]);
	const mp_case *c = rp_case(&x.ix, case_id);
	if (!c) {
		refuse(&v, MP_CAUSE_CASE_GONE, -1, NULL);
		rp_buf_puts(&v.detail, "the case is not in the data");
	} else if (n_flights < 1) {
		refuse(&v, MP_CAUSE_FLIGHT_GONE, -1, NULL);
		rp_buf_puts(&v.detail, "no flights");
	} else {
		put_back(&x, c, &want, now, &v, true);
	}
	cx_release(&x);
	out->cause = v.cause;
	out->code = v.code;
	out->detail = v.detail.s ? v.detail.s : mp_xstrdup(""); /* ownership moves */
	out->refs = v.refs;
	out->n_refs = v.n_refs;
}

const mp_case_change *mp_changes_find(const mp_changes *c, const char *case_id)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->v[i].case_id, case_id) == 0)
			return &c->v[i];
	return NULL;
}

/* ---- writing ---- */

static void flights_text(rp_buf *b, char **v, int n)
{
	if (n == 0)
		rp_buf_puts(b, "not booked");
	for (int i = 0; i < n; i++)
		rp_buf_printf(b, "%s%s", i ? " " : "", v[i]);
}

static void text_broken(rp_buf *b, const mp_changes *c)
{
	if (c->n_broken == 0)
		return;
	rp_buf_printf(b, "confirmed bookings the data broke (%d):\n", c->n_broken);
	for (int i = 0; i < c->n_broken; i++) {
		const mp_broken *k = &c->broken[i];
		rp_buf_printf(b, "  %s: %s, rule %s%s%s%s\n", k->case_id, mp_reason_names[k->code],
			      k->rule ? k->rule : "-", k->detail ? ": " : "",
			      k->detail ? k->detail : "", k->is_new ? " (new)" : "");
	}
}

static void text_cases(rp_buf *b, const mp_changes *c)
{
	rp_buf_printf(b, "cases: %d moved (%d not forced), %d dropped, %d added\n",
		      c->n_kind[MP_CHG_MOVED], c->n_unforced, c->n_kind[MP_CHG_DROPPED],
		      c->n_kind[MP_CHG_ADDED]);
	for (int i = 0; i < c->n; i++) {
		const mp_case_change *ch = &c->v[i];
		rp_buf_printf(b, "  %-7s %s: ", mp_case_change_names[ch->kind], ch->case_id);
		if (ch->kind != MP_CHG_ADDED) {
			flights_text(b, ch->old_flights, ch->n_old);
			rp_buf_puts(b, " -> ");
		}
		flights_text(b, ch->new_flights, ch->n_new);
		if (ch->kind == MP_CHG_DROPPED && ch->code >= 0)
			rp_buf_printf(b, " (%s)", mp_reason_names[ch->code]);
		if (ch->kind != MP_CHG_ADDED)
			rp_buf_printf(b, "; %s", ch->detail);
		rp_buf_putc(b, '\n');
	}
}

static void id_list(rp_buf *b, const char *what, char **v, int n)
{
	rp_buf_printf(b, "  %s (%d):", what, n);
	for (int i = 0; i < n; i++)
		rp_buf_printf(b, "%s%s", i % 6 == 0 ? "\n    " : " ", v[i]);
	rp_buf_puts(b, n ? "\n" : " none\n");
}

static void text(rp_buf *b, const mp_changes *c)
{
	if (c->old_id)
		rp_buf_printf(b, "changes in scenario %s from plan %s (%s%s%s) to plan %s (%s)\n",
			      c->scenario, c->old_id, c->old_created ? c->old_created : "-",
			      strcmp(c->old_scenario, c->scenario) ? ", scenario " : "",
			      strcmp(c->old_scenario, c->scenario) ? c->old_scenario : "",
			      c->new_id ? c->new_id : "-", c->new_created ? c->new_created : "-");
	else if (c->has_old)
		rp_buf_printf(b, "changes in scenario %s from the imported proposed bookings to plan "
			      "%s (%s)\n", c->scenario, c->new_id ? c->new_id : "-",
			      c->new_created ? c->new_created : "-");
	else
		rp_buf_printf(b, "changes in scenario %s: plan %s is its first\n", c->scenario,
			      c->new_id ? c->new_id : "-");
	text_broken(b, c);
	text_cases(b, c);
	rp_buf_puts(b, "re-send these:\n");
	id_list(b, "manifests of flights", c->manifests, c->n_manifests);
	id_list(b, "itineraries of cases", c->itineraries, c->n_itineraries);
}

/* A JSON array of strings, empty when n is 0 (cJSON returns NULL then). */
static cJSON *str_array(char **v, int n)
{
	return n > 0 ? cJSON_CreateStringArray((const char *const *)v, n) : cJSON_CreateArray();
}

static cJSON *json_change(const mp_case_change *ch)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "case", ch->case_id);
	cJSON_AddStringToObject(o, "change", mp_case_change_names[ch->kind]);
	cJSON_AddItemToObject(o, "from", str_array(ch->old_flights, ch->n_old));
	cJSON_AddItemToObject(o, "to", str_array(ch->new_flights, ch->n_new));
	cJSON_AddStringToObject(o, "cause", mp_change_cause_names[ch->cause]);
	if (ch->code >= 0)
		cJSON_AddStringToObject(o, "code", mp_reason_names[ch->code]);
	cJSON_AddBoolToObject(o, "forced", ch->cause != MP_CAUSE_UNFORCED);
	cJSON_AddStringToObject(o, "detail", ch->detail);
	cJSON_AddItemToObject(o, "refs", str_array(ch->refs, ch->n_refs));
	return o;
}

static void json_plan(cJSON *o, const char *key, const char *id, const char *created)
{
	cJSON *p = cJSON_AddObjectToObject(o, key);
	if (id)
		cJSON_AddStringToObject(p, "plan", id);
	if (created)
		cJSON_AddStringToObject(p, "created", created);
}

static cJSON *json_inner(const mp_changes *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "scenario", c->scenario);
	if (c->old_id) {
		json_plan(o, "from", c->old_id, c->old_created);
		cJSON_AddStringToObject(cJSON_GetObjectItem(o, "from"), "scenario", c->old_scenario);
	} else if (c->has_old) {
		cJSON_AddStringToObject(o, "from", "proposed bookings");
	} else {
		cJSON_AddNullToObject(o, "from");
	}
	json_plan(o, "to", c->new_id, c->new_created);
	cJSON *arr = cJSON_AddArrayToObject(o, "broken");
	for (int i = 0; i < c->n_broken; i++) {
		cJSON *k = cJSON_CreateObject();
		cJSON_AddStringToObject(k, "case", c->broken[i].case_id);
		cJSON_AddStringToObject(k, "code", mp_reason_names[c->broken[i].code]);
		if (c->broken[i].rule)
			cJSON_AddStringToObject(k, "rule", c->broken[i].rule);
		if (c->broken[i].detail)
			cJSON_AddStringToObject(k, "detail", c->broken[i].detail);
		cJSON_AddBoolToObject(k, "new", c->broken[i].is_new);
		cJSON_AddItemToArray(arr, k);
	}
	cJSON *counts = cJSON_AddObjectToObject(o, "counts");
	for (int k = 0; k < 3; k++)
		cJSON_AddNumberToObject(counts, mp_case_change_names[k], c->n_kind[k]);
	cJSON_AddNumberToObject(counts, "not_forced", c->n_unforced);
	arr = cJSON_AddArrayToObject(o, "cases");
	for (int i = 0; i < c->n; i++)
		cJSON_AddItemToArray(arr, json_change(&c->v[i]));
	cJSON *rs = cJSON_AddObjectToObject(o, "resend");
	cJSON_AddItemToObject(rs, "manifests", str_array(c->manifests, c->n_manifests));
	cJSON_AddItemToObject(rs, "itineraries", str_array(c->itineraries, c->n_itineraries));
	return o;
}

static cJSON *json(const mp_changes *c)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON_AddItemToObject(root, "changes", json_inner(c)); /* ownership moves */
	return root;
}

char *mp_changes_json(const mp_changes *c)
{
	rp_buf b = {0};
	rp_json_emit(&b, json_inner(c)); /* frees the tree */
	return b.s; /* ownership moves to the caller */
}

int mp_changes_write(FILE *out, const mp_changes *c, bool as_json, mp_errors *errs)
{
	rp_buf b = {0};
	if (as_json)
		rp_json_emit(&b, json(c)); /* frees the tree */
	else
		text(&b, c);
	int rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	return rc;
}
