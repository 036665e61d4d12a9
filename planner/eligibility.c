/*
 * eligibility.c - which rules of SPEC 2 exclude an itinerary for a
 * case, each with its reason code and a detail for people.
 *
 * pl_check() returns a bit per reason code (PL_BIT(MP_R_...)); 0 means
 * the case alone may travel on the itinerary.  "Alone" matters for the
 * shared limits: CAPACITY and ASSISTANCE_LIMIT here mean the case by
 * itself does not fit a leg; whether it fits next to the others is the
 * model's business.  Details never quote a member's personal fields:
 * member ids, codes and the case's own dates only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const char *const weekday_names[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

void pl_detail_release(pl_detail *d)
{
	if (!d)
		return;
	for (int i = 0; i < MP_N_REASON; i++)
		free(d->text[i]);
	memset(d, 0, sizeof *d);
}

static void note(pl_detail *det, enum mp_reason_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Keeps the first detail of each code. */
static void note(pl_detail *det, enum mp_reason_code code, const char *fmt, ...)
{
	if (!det || det->text[code])
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&det->text[code], fmt, ap) < 0)
		det->text[code] = NULL;
	va_end(ap);
}

static const char *dstr(mp_date d, char buf[MP_DATE_BUF])
{
	mp_date_format(d, buf);
	return buf;
}

/* SPEC 2.3: readiness, visa, documents, medical. */
static uint32_t check_ready(pl_ctx *P, const mp_case *c, const pl_itin *it, bool pinned, pl_detail *det)
{
	uint32_t m = 0;
	char a[MP_DATE_BUF], b[MP_DATE_BUF];
	if (it->dep_date <= P->as_of) {
		m |= PL_BIT(MP_R_NOT_READY);
		note(det, MP_R_NOT_READY, "departure %s is not after as_of %s",
		     dstr(it->dep_date, a), dstr(P->as_of, b));
	} else if (c->ready != MP_NODATE && it->dep_date < c->ready) {
		m |= PL_BIT(MP_R_NOT_READY);
		note(det, MP_R_NOT_READY, "departure %s is before ready %s",
		     dstr(it->dep_date, a), dstr(c->ready, b));
	}
	if (c->visa_expires != MP_NODATE && it->arr_date > c->visa_expires) {
		m |= PL_BIT(MP_R_VISA_EXPIRY);
		note(det, MP_R_VISA_EXPIRY, "visa expires %s, arrival %s",
		     dstr(c->visa_expires, a), dstr(it->arr_date, b));
	}
	for (int i = 0; i < c->n_members; i++) {
		const mp_member *mb = &c->members[i];
		if (c->kind == MP_KIND_RETURN && !mb->document.present) {
			/* SPEC 1: a return needs a travel document (any type as
			 * issued: an emergency travel document counts) */
			m |= PL_BIT(MP_R_DOCUMENT_EXPIRY);
			note(det, MP_R_DOCUMENT_EXPIRY,
			     "member %s has no travel document: a return needs one (an emergency travel "
			     "document counts)", mb->id);
			continue;
		}
		if (mb->document.present && mb->document.expires != MP_NODATE &&
		    mb->document.expires < it->arr_date) {
			m |= PL_BIT(MP_R_DOCUMENT_EXPIRY);
			note(det, MP_R_DOCUMENT_EXPIRY, "member %s: document expires before arrival %s",
			     mb->id, dstr(it->arr_date, a));
		}
	}
	if (c->medical == MP_MED_CLEARED && c->medical_valid_until != MP_NODATE &&
	    c->medical_valid_until < it->dep_date) {
		m |= PL_BIT(MP_R_MEDICAL_EXPIRED);
		note(det, MP_R_MEDICAL_EXPIRED, "medical valid until %s, departure %s",
		     dstr(c->medical_valid_until, a), dstr(it->dep_date, b));
	}
	if (c->medical == MP_MED_DEFERRED) {
		if (c->medical_deferred_until == MP_NODATE) {
			m |= PL_BIT(MP_R_MEDICAL_DEFERRED);
			note(det, MP_R_MEDICAL_DEFERRED, "medical deferred without a date");
		} else if (c->medical_deferred_until > it->dep_date) {
			m |= PL_BIT(MP_R_MEDICAL_DEFERRED);
			note(det, MP_R_MEDICAL_DEFERRED, "medical deferred until %s, departure %s",
			     dstr(c->medical_deferred_until, a), dstr(it->dep_date, b));
		}
	}
	if (pinned && c->medical == MP_MED_PENDING) {
		m |= PL_BIT(MP_R_MEDICAL_PENDING);
		note(det, MP_R_MEDICAL_PENDING, "medical is pending");
	}
	return m;
}

/* SPEC 2.4 */
static uint32_t check_pregnancy(const mp_case *c, const pl_itin *it, pl_detail *det)
{
	uint32_t m = 0;
	char a[MP_DATE_BUF];
	for (int i = 0; i < c->n_members; i++)
		if (mp_pregnancy_bars(&c->members[i].pregnancy, it->dep_date)) {
			m |= PL_BIT(MP_R_PREGNANCY);
			note(det, MP_R_PREGNANCY, "member %s: pregnancy at or past the limit on departure %s",
			     c->members[i].id, dstr(it->dep_date, a));
		}
	return m;
}

/* SPEC 2.8; pinned bookings are not held to the notice rule (2.12). */
static uint32_t check_arrival(pl_ctx *P, const mp_case *c, const pl_itin *it, bool pinned, pl_detail *det)
{
	if (it->arr_airport < 0)
		return 0;
	const char *country = P->ds->airports[it->arr_airport].country;
	int ri = mp_strmap_get(&P->arule_ix, country);
	if (ri < 0)
		return 0;
	const mp_arrival_rule *r = &P->ds->arrival_rules[ri];
	if ((r->exempt_priorities >> c->priority) & 1u)
		return 0;
	char a[MP_DATE_BUF], b[MP_DATE_BUF], t[MP_TOD_BUF], t2[MP_TOD_BUF];
	uint32_t bit = PL_BIT(MP_R_ARRIVAL_RULE);
	if (r->no_weekend && mp_date_is_weekend(it->arr_date)) {
		note(det, MP_R_ARRIVAL_RULE, "arrival on %s %s in %s, no weekend arrivals",
		     weekday_names[mp_date_weekday(it->arr_date)], dstr(it->arr_date, a), country);
		return bit;
	}
	if (r->earliest_arrival != MP_NOTIME && it->arr_tod < r->earliest_arrival) {
		mp_tod_format(it->arr_tod, t);
		mp_tod_format(r->earliest_arrival, t2);
		note(det, MP_R_ARRIVAL_RULE, "arrival at %s in %s, earliest allowed %s", t, country, t2);
		return bit;
	}
	if (r->latest_arrival != MP_NOTIME && it->arr_tod > r->latest_arrival) {
		mp_tod_format(it->arr_tod, t);
		mp_tod_format(r->latest_arrival, t2);
		note(det, MP_R_ARRIVAL_RULE, "arrival at %s in %s, latest allowed %s", t, country, t2);
		return bit;
	}
	for (int i = 0; i < r->n_blackout; i++)
		if (r->blackout[i] == it->arr_date) {
			note(det, MP_R_ARRIVAL_RULE, "arrival %s is a blackout date in %s",
			     dstr(it->arr_date, a), country);
			return bit;
		}
	mp_date nd = P->notice_day[ri];
	if (!pinned && nd != MP_NODATE && it->arr_date < nd) {
		note(det, MP_R_ARRIVAL_RULE, "arrival %s is before the %d-working-day notice of %s (%s)",
		     dstr(it->arr_date, a), r->notice_working_days, country, dstr(nd, b));
		return bit;
	}
	return 0;
}

static bool listed(char **v, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* SPEC 2.9: connections in a country whose transit rule lists a
 * member's nationality, unless the destination's visa exempts. */
static uint32_t check_transit(pl_ctx *P, const mp_case *c, const pl_itin *it, pl_detail *det)
{
	uint32_t m = 0;
	for (int l = 0; l + 1 < it->n_legs; l++) {
		const mp_flight *f = &P->ds->flights[it->legs[l]];
		int a = mp_strmap_get(&P->airport_ix, f->to);
		if (a < 0)
			continue;
		const char *country = P->ds->airports[a].country;
		if (strcmp(country, c->dest_country) == 0)
			continue;
		int ri = mp_strmap_get(&P->trule_ix, country);
		if (ri < 0)
			continue;
		const mp_transit_rule *r = &P->ds->transit_rules[ri];
		if (listed(r->exempt_if_visa_for, r->n_exempt_if_visa_for, c->dest_country))
			continue;
		for (int i = 0; i < c->n_members; i++)
			if (listed(r->nationalities, r->n_nationalities, c->members[i].nationality)) {
				m |= PL_BIT(MP_R_TRANSIT_VISA);
				note(det, MP_R_TRANSIT_VISA,
				     "member %s needs an airport transit visa in %s (%s)",
				     c->members[i].id, country, f->to);
			}
	}
	return m;
}

typedef struct esc_pick {
	int s;
	int covers;
	bool medical;
} esc_pick;

static int cmp_pick(const void *a, const void *b)
{
	const esc_pick *x = a, *y = b;
	if (x->covers != y->covers)
		return y->covers - x->covers;
	return x->s - y->s;
}

/* Fewest escorts available for itinerary it that cover need persons,
 * need_med of them medical: -1 when no combination does. */
int pl_min_escorts(pl_ctx *P, int it, int need, int need_med)
{
	if (need <= 0)
		return 0;
	int n = P->ds->n_escorts, k = 0;
	esc_pick *v = mp_xcalloc((size_t)n + 1, sizeof *v);
	for (int s = 0; s < n; s++)
		if (pl_escort_free(P, s, it) || pl_escort_on(P, s, it))
			v[k++] = (esc_pick){s, P->ds->escorts[s].covers,
					    P->ds->escorts[s].kind == MP_ESC_MEDICAL};
	qsort(v, (size_t)k, sizeof *v, cmp_pick);
	int used = 0, cov = 0, med = 0;
	bool *taken = mp_xcalloc((size_t)k + 1, sizeof *taken);
	for (int i = 0; i < k && med < need_med; i++)
		if (v[i].medical) {
			taken[i] = true;
			med += v[i].covers;
			cov += v[i].covers;
			used++;
		}
	for (int i = 0; i < k && cov < need; i++)
		if (!taken[i] && !v[i].medical) {
			taken[i] = true;
			cov += v[i].covers;
			used++;
		}
	for (int i = 0; i < k && cov < need; i++)
		if (!taken[i]) {
			taken[i] = true;
			cov += v[i].covers;
			used++;
		}
	free(taken);
	free(v);
	return (med >= need_med && cov >= need) ? used : -1;
}

/* SPEC 2.10: some allowed check day whose capacity holds the case. */
static uint32_t check_clinic(pl_ctx *P, const pl_case *pc, const pl_itin *it, pl_detail *det)
{
	if (pc->clinic < 0)
		return 0;
	mp_date days[3];
	int n = pl_check_days(P, pc->clinic, it->dep_date, days);
	const mp_clinic *cl = &P->ds->clinics[pc->clinic];
	if (n > 0 && cl->capacity_per_day >= pc->persons)
		return 0;
	char a[MP_DATE_BUF];
	if (n == 0)
		note(det, MP_R_CLINIC, "clinic %s has no open day 1-3 days before departure %s on or after as_of",
		     cl->id, dstr(it->dep_date, a));
	else
		note(det, MP_R_CLINIC, "clinic %s sees %d persons a day, the case has %d",
		     cl->id, cl->capacity_per_day, pc->persons);
	return PL_BIT(MP_R_CLINIC);
}

/* SPEC 2.5, 2.6, 2.11 for the case alone. */
static uint32_t check_alone(pl_ctx *P, const pl_case *pc, const mp_case_facts *f,
			    const pl_itin *it, int it_ix, pl_detail *det)
{
	uint32_t m = 0;
	char a[MP_DATE_BUF];
	int escorts = pl_min_escorts(P, it_ix, f->need_escort, f->need_medical);
	if (escorts < 0) {
		m |= PL_BIT(MP_R_NO_ESCORT);
		note(det, MP_R_NO_ESCORT, "%d member(s) need an escort (%d medical); escorts free on %s cannot cover them",
		     f->need_escort, f->need_medical, dstr(it->dep_date, a));
		escorts = 0;
	}
	for (int l = 0; l < it->n_legs; l++) {
		const mp_flight *fl = &P->ds->flights[it->legs[l]];
		int seats = mp_case_seats(f, fl->stretcher_seats) + escorts;
		if (seats > fl->seats) {
			m |= PL_BIT(MP_R_CAPACITY);
			note(det, MP_R_CAPACITY, "the case needs %d seats (escorts included) on %s, which holds %d",
			     seats, fl->id, fl->seats);
		}
		for (int k = 0; k < MP_N_SSR; k++)
			if (fl->limits[k] != MP_ABSENT && f->ssr[k] > fl->limits[k]) {
				m |= PL_BIT(MP_R_ASSISTANCE_LIMIT);
				note(det, MP_R_ASSISTANCE_LIMIT, "%d member(s) with %s, %s allows %d",
				     f->ssr[k], mp_ssr_names[k], fl->id, fl->limits[k]);
			}
	}
	(void)pc;
	return m;
}

uint32_t pl_check(pl_ctx *P, int pcase, int it_ix, bool pinned, pl_detail *det)
{
	const pl_case *pc = &P->cases[pcase];
	const mp_case *c = pc->c;
	const pl_itin *it = &P->itins[it_ix];
	uint32_t m = 0;
	if (it->beyond) {
		m |= PL_BIT(MP_R_HORIZON);
		note(det, MP_R_HORIZON, "a flight departs after the horizon");
	}
	m |= check_ready(P, c, it, pinned, det);
	m |= check_pregnancy(c, it, det);
	m |= check_arrival(P, c, it, pinned, det);
	m |= check_transit(P, c, it, det);
	if (pinned)
		return m; /* shared limits of pinned bookings: pinned.c */
	m |= check_clinic(P, pc, it, det);
	it = &P->itins[it_ix];
	m |= check_alone(P, pc, pl_facts(P, pcase, it->dep_date), it, it_ix, det);
	return m;
}

/* Masks of every free case over its route's itineraries. */
void pl_eligibility(pl_ctx *P)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_FREE || pc->route < 0)
			continue;
		const pl_route *r = &P->routes[pc->route];
		pc->mask = mp_xcalloc((size_t)r->n_itins + 1, sizeof *pc->mask);
		bool pending = pc->c->medical == MP_MED_PENDING;
		for (int i = 0; i < r->n_itins; i++) {
			pc->mask[i] = pl_check(P, ci, r->itins[i], false, NULL);
			if (pc->mask[i] == 0 && !pending)
				pc->n_eligible++;
		}
	}
}
