/*
 * itinerary.c - one case's journey for the family and the officer: a
 * printable text page and the same content as JSON.  The iCalendar
 * form is in itinerary_ics.c.
 *
 * The page names the case, its members (names only: no birth dates or
 * document numbers, which the family has on its documents anyway), the
 * fit-to-travel check, every leg in local times with the UTC offset,
 * the connections and their length, the escorts and what to bring.  A
 * case not booked gets the plan's reasons, code and detail.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "rp_itinerary.h"

/* --- gathering --- */

static const mp_booking *booking_of(const mp_dataset *ds, const char *case_id)
{
	for (int i = 0; i < ds->n_bookings; i++)
		if (ds->bookings[i].case_id && strcmp(ds->bookings[i].case_id, case_id) == 0)
			return &ds->bookings[i];
	return NULL;
}

static void bring(rp_itin *it, const char *s)
{
	mp_strv_push(&it->bring, &it->n_bring, s);
}

static bool any_ssr(const rp_itin *it, unsigned mask)
{
	for (int i = 0; i < it->c->n_members; i++)
		if (it->c->members[i].ssr & mask)
			return true;
	return false;
}

static bool pregnancy_note(const rp_itin *it)
{
	for (int i = 0; i < it->c->n_members; i++)
		if (mp_pregnancy_weeks_on(&it->c->members[i].pregnancy, it->on) >= 28)
			return true; /* airlines want a certificate from 28 weeks */
	return false;
}

static void bring_list(rp_itin *it)
{
	const mp_case *c = it->c;
	unsigned medical = (1u << MP_SSR_MEDA) | (1u << MP_SSR_STCR) | (1u << MP_SSR_OXYG);
	bring(it, "the passport or travel document of every traveller, including children");
	bring(it, "the visa or entry papers for the destination");
	if (c->clinic)
		bring(it, "the fit-to-travel certificate from the clinic check");
	if (any_ssr(it, medical))
		bring(it, "the medical clearance papers (MEDA) for the airline");
	bring(it, "medicines needed during the journey, in the hand luggage");
	if (it->facts.lap_infants || it->facts.ssr[MP_SSR_INFT])
		bring(it, "food, nappies and a change of clothes for the infant, within reach");
	if (pregnancy_note(it))
		bring(it, "a doctor's certificate for the pregnancy (airlines ask from 28 weeks)");
	bring(it, "this itinerary, printed");
}

static void find_place(rp_itin *it, const char *case_id)
{
	const mp_plan *p = it->plan;
	if (!p)
		return;
	it->a = mp_plan_assignment(p, case_id);
	if (it->a) {
		it->status = RP_BOOKED;
		return;
	}
	it->u = mp_plan_unassigned_case(p, case_id);
	if (it->u)
		it->status = RP_NOT_BOOKED;
}

int rp_itin_build(rp_itin *it, const mp_dataset *ds, const mp_plan *plan,
		  const char *case_id, mp_errors *errs)
{
	memset(it, 0, sizeof *it);
	it->ds = ds;
	it->plan = plan;
	rp_index_init(&it->ix, ds);
	it->c = rp_case(&it->ix, case_id);
	if (!it->c) {
		mp_errors_add(errs, NULL, 0, 0, NULL, NULL, "unknown case '%s'",
			      case_id ? case_id : "");
		rp_index_release(&it->ix);
		return MP_EDATA;
	}
	it->status = RP_NOT_PLANNED;
	it->booking = booking_of(ds, case_id);
	it->on = MP_NODATE;
	find_place(it, case_id);
	if (it->a) {
		it->legs = mp_xcalloc((size_t)it->a->n_flights + 1, sizeof *it->legs);
		for (int i = 0; i < it->a->n_flights; i++) {
			const mp_flight *f = rp_flight(&it->ix, it->a->flights[i]);
			if (f)
				it->legs[it->n_legs++] = f;
		}
		it->on = rp_departure_date(&it->ix, it->a);
	}
	/* facts on the departure date; a case not booked gets today's view */
	mp_date on = it->on != MP_NODATE ? it->on
		     : ds->mission.as_of != MP_NODATE ? ds->mission.as_of : mp_date_today();
	it->lap = mp_xcalloc((size_t)it->c->n_members + 1, sizeof *it->lap);
	mp_case_facts_on(it->c, on, &it->facts, it->lap);
	if (it->a)
		bring_list(it);
	return MP_OK;
}

void rp_itin_release(rp_itin *it)
{
	if (!it)
		return;
	rp_index_release(&it->ix);
	free(it->legs);
	free(it->lap);
	mp_strv_free(it->bring, it->n_bring);
	memset(it, 0, sizeof *it);
}

long rp_itin_connection(const rp_itin *it, int i)
{
	return (long)((it->legs[i + 1]->departs.utc - it->legs[i]->arrives.utc) / 60);
}

/* --- text --- */

static void rule(rp_buf *b, char c)
{
	for (int i = 0; i < 72; i++)
		rp_buf_putc(b, c);
	rp_buf_putc(b, '\n');
}

static void person_name(rp_buf *b, const char *given, const char *family)
{
	rp_buf_puts(b, given);
	if (given && family)
		rp_buf_putc(b, ' ');
	rp_buf_puts(b, family);
}

static void text_head(rp_buf *b, const rp_itin *it)
{
	const mp_case *c = it->c;
	rp_buf_printf(b, "MOVEMENT ITINERARY - case %s", c->id);
	if (it->ds->mission.id)
		rp_buf_printf(b, " - mission %s", it->ds->mission.id);
	rp_buf_putc(b, '\n');
	rule(b, '=');
	rp_buf_printf(b, "Destination:  %s%s%s\n", c->dest_airport ? c->dest_airport : "",
		      c->dest_airport ? ", " : "", c->dest_country ? c->dest_country : "");
	rp_buf_printf(b, "Priority:     %s\n", mp_priority_names[c->priority]);
	if (it->plan)
		rp_buf_printf(b, "Plan:         %s (scenario %s)\n", it->plan->id ? it->plan->id : "-",
			      it->plan->scenario ? it->plan->scenario : "baseline");
	if (it->a)
		rp_buf_printf(b, "Booking:      %s\n", mp_booking_status_names[it->a->status]);
}

static void text_members(rp_buf *b, const rp_itin *it)
{
	rp_buf_printf(b, "\nTravellers (%d)\n", it->c->n_members);
	for (int i = 0; i < it->c->n_members; i++) {
		const mp_member *m = &it->c->members[i];
		rp_buf_printf(b, "  %-16s ", m->id);
		person_name(b, m->given_names, m->family_name);
		unsigned ssr = rp_member_ssr(it->c, i, &it->facts, it->lap);
		if (ssr) {
			rp_buf_puts(b, "  [");
			rp_ssr_list(b, ssr);
			rp_buf_putc(b, ']');
		}
		rp_buf_putc(b, '\n');
	}
}

static void text_ftt(rp_buf *b, const rp_itin *it)
{
	if (!it->a || !it->c->clinic)
		return;
	rp_buf_puts(b, "\nFit-to-travel check\n  ");
	if (it->a->ftt_date != MP_NODATE) {
		rp_date_long(b, it->a->ftt_date);
		rp_buf_printf(b, " at clinic %s: every traveller attends.\n", it->c->clinic);
	} else {
		rp_buf_printf(b, "at clinic %s, date to be set.\n", it->c->clinic);
	}
}

static void text_leg(rp_buf *b, const rp_itin *it, int i)
{
	const mp_flight *f = it->legs[i];
	rp_buf_printf(b, "  %d. %s%s  ", i + 1, f->carrier ? f->carrier : "",
		      f->number ? f->number : (f->carrier ? "" : f->id));
	rp_date_long(b, mp_datetime_local_date(f->departs));
	rp_buf_putc(b, ' ');
	rp_hhmm(b, f->departs);
	rp_buf_printf(b, " %s (", f->from);
	rp_utc_offset(b, f->departs.offset_min);
	rp_buf_puts(b, ")\n       arrives ");
	rp_date_long(b, mp_datetime_local_date(f->arrives));
	rp_buf_putc(b, ' ');
	rp_hhmm(b, f->arrives);
	rp_buf_printf(b, " %s (", f->to);
	rp_utc_offset(b, f->arrives.offset_min);
	rp_buf_puts(b, ")\n");
	if (i + 1 < it->n_legs) {
		rp_buf_printf(b, "     connection at %s: ", f->to);
		rp_duration(b, rp_itin_connection(it, i));
		rp_buf_putc(b, '\n');
	}
}

static void text_escorts(rp_buf *b, const rp_itin *it)
{
	if (!it->a || it->a->n_escorts == 0)
		return;
	rp_buf_puts(b, "\nEscort travelling with you on every flight\n");
	for (int i = 0; i < it->a->n_escorts; i++) {
		const mp_escort *e = rp_escort(&it->ix, it->a->escorts[i]);
		rp_buf_printf(b, "  %s", it->a->escorts[i]);
		if (e && (e->given_names || e->family_name)) {
			rp_buf_puts(b, "  ");
			person_name(b, e->given_names, e->family_name);
		}
		if (e)
			rp_buf_printf(b, " (%s escort)", mp_escort_kind_names[e->kind]);
		rp_buf_putc(b, '\n');
	}
}

static void text_reasons(rp_buf *b, const rp_itin *it)
{
	if (it->status == RP_NOT_PLANNED) {
		if (it->booking && it->booking->status == MP_BOOK_TRAVELLED)
			rp_buf_puts(b, "\nThis case has travelled: it is not part of the plan.\n");
		else if (!it->plan)
			rp_buf_puts(b, "\nThere is no plan yet.\n");
		else if (it->booking && it->booking->status == MP_BOOK_CONFIRMED)
			rp_buf_puts(b, "\nThis case is not part of the plan: its confirmed booking "
				       "departs on or before the planning date.\n");
		else
			rp_buf_puts(b, "\nThis case is not part of the plan.\n");
		return;
	}
	rp_buf_puts(b, "\nNOT BOOKED in this plan.  Reasons:\n");
	for (int i = 0; i < it->u->n_reasons; i++) {
		const mp_reason *r = &it->u->reasons[i];
		rp_buf_printf(b, "  %-18s %s", mp_reason_names[r->code], rp_reason_text(r->code));
		if (r->count)
			rp_buf_printf(b, " (%d itineraries)", r->count);
		rp_buf_putc(b, '\n');
		if (r->detail)
			rp_buf_printf(b, "  %-18s %s\n", "", r->detail);
		for (int k = 0; k < r->n_refs; k++)
			rp_buf_printf(b, "  %-18s limit %s\n", "", r->refs[k]);
	}
}

void rp_itin_text(rp_buf *b, const rp_itin *it)
{
	text_head(b, it);
	text_members(b, it);
	if (it->status != RP_BOOKED) {
		text_reasons(b, it);
		return;
	}
	text_ftt(b, it);
	rp_buf_puts(b, "\nJourney (local times)\n");
	for (int i = 0; i < it->n_legs; i++)
		text_leg(b, it, i);
	text_escorts(b, it);
	rp_buf_puts(b, "\nWhat to bring\n");
	for (int i = 0; i < it->n_bring; i++)
		rp_buf_printf(b, "  - %s\n", it->bring[i]);
}

/* --- JSON --- */

static void jstr(cJSON *o, const char *key, const char *s)
{
	if (s && *s)
		cJSON_AddItemToObject(o, key, cJSON_CreateString(s)); /* ownership to o */
}

static void jdate(cJSON *o, const char *key, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d != MP_NODATE)
		jstr(o, key, rp_date(d, buf));
}

static void jdt(cJSON *o, const char *key, const char *key_utc, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	mp_datetime_format(dt, buf);
	jstr(o, key, buf);
	mp_datetime_format_utc(dt, buf);
	jstr(o, key_utc, buf);
}

static cJSON *json_members(const rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < it->c->n_members; i++) {
		const mp_member *m = &it->c->members[i];
		cJSON *o = cJSON_CreateObject();
		jstr(o, "id", m->id);
		jstr(o, "family_name", m->family_name);
		jstr(o, "given_names", m->given_names);
		cJSON *ssr = cJSON_AddArrayToObject(o, "ssr");
		unsigned bits = rp_member_ssr(it->c, i, &it->facts, it->lap);
		for (int s = 0; s < MP_N_SSR; s++)
			if (bits & (1u << s))
				cJSON_AddItemToArray(ssr, cJSON_CreateString(mp_ssr_names[s]));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_legs(const rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < it->n_legs; i++) {
		const mp_flight *f = it->legs[i];
		cJSON *o = cJSON_CreateObject();
		jstr(o, "flight", f->id);
		jstr(o, "carrier", f->carrier);
		jstr(o, "number", f->number);
		jstr(o, "from", f->from);
		jstr(o, "to", f->to);
		jdt(o, "departs", "departs_utc", f->departs);
		jdt(o, "arrives", "arrives_utc", f->arrives);
		if (i + 1 < it->n_legs) {
			cJSON *cx = cJSON_AddObjectToObject(o, "connection");
			jstr(cx, "airport", f->to);
			cJSON_AddNumberToObject(cx, "minutes", (double)rp_itin_connection(it, i));
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_escorts(const rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; it->a && i < it->a->n_escorts; i++) {
		const mp_escort *e = rp_escort(&it->ix, it->a->escorts[i]);
		cJSON *o = cJSON_CreateObject();
		jstr(o, "id", it->a->escorts[i]);
		if (e) {
			jstr(o, "kind", mp_escort_kind_names[e->kind]);
			jstr(o, "family_name", e->family_name);
			jstr(o, "given_names", e->given_names);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_reasons(const rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; it->u && i < it->u->n_reasons; i++) {
		const mp_reason *r = &it->u->reasons[i];
		cJSON *o = cJSON_CreateObject();
		jstr(o, "code", mp_reason_names[r->code]);
		jstr(o, "meaning", rp_reason_text(r->code));
		if (r->count)
			cJSON_AddNumberToObject(o, "count", r->count);
		jstr(o, "detail", r->detail);
		if (r->n_refs)
			cJSON_AddItemToObject(o, "refs", cJSON_CreateStringArray(
				(const char *const *)r->refs, r->n_refs));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static const char *status_name(const rp_itin *it)
{
	static const char *const names[] = {"booked", "not_booked", "not_planned"};
	if (it->status == RP_NOT_PLANNED && it->booking &&
	    it->booking->status == MP_BOOK_TRAVELLED)
		return "travelled";
	return names[it->status];
}

static void json_head(cJSON *o, const rp_itin *it)
{
	jstr(o, "case", it->c->id);
	jstr(o, "mission", it->ds->mission.id);
	if (it->plan) {
		jstr(o, "plan", it->plan->id);
		jstr(o, "scenario", it->plan->scenario);
	}
	jstr(o, "status", status_name(it));
	jstr(o, "priority", mp_priority_names[it->c->priority]);
	cJSON *d = cJSON_AddObjectToObject(o, "destination");
	jstr(d, "country", it->c->dest_country);
	jstr(d, "airport", it->c->dest_airport);
	if (it->a)
		jstr(o, "booking", mp_booking_status_names[it->a->status]);
}

int rp_itin_json(rp_buf *b, const rp_itin *it, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "itinerary");
	json_head(o, it);
	cJSON_AddItemToObject(o, "members", json_members(it));
	if (it->a && it->c->clinic) {
		cJSON *ftt = cJSON_AddObjectToObject(o, "ftt");
		jstr(ftt, "clinic", it->c->clinic);
		jdate(ftt, "date", it->a->ftt_date);
	}
	if (it->a) {
		jdate(o, "departure_date", it->on);
		cJSON_AddItemToObject(o, "legs", json_legs(it));
		cJSON_AddItemToObject(o, "escorts", json_escorts(it));
		cJSON_AddItemToObject(o, "bring", cJSON_CreateStringArray(
			(const char *const *)it->bring, it->n_bring));
	}
	if (it->u)
		cJSON_AddItemToObject(o, "reasons", json_reasons(it));
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

/* --- entry point --- */

int mp_itinerary_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		       const char *case_id, enum mp_itinerary_format f, mp_errors *errs)
{
	rp_itin it;
	rp_buf b = {0};
	int rc = rp_itin_build(&it, ds, plan, case_id, errs);
	if (rc != MP_OK)
		return rc;
	switch (f) {
	case MP_ITIN_TEXT: rp_itin_text(&b, &it); break;
	case MP_ITIN_JSON: rc = rp_itin_json(&b, &it, errs); break;
	case MP_ITIN_ICS: rp_itin_ics(&b, &it, NULL); break;
	default:
		mp_errors_addf(errs, MP_EUSAGE, "unknown itinerary format %d", (int)f);
		rc = MP_EUSAGE;
	}
	if (rc == MP_OK)
		rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	rp_itin_release(&it);
	return rc;
}

int mp_itinerary_write_ics(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			   const char *case_id, const mp_journey *journey, mp_errors *errs)
{
	rp_itin it;
	rp_buf b = {0};
	int rc = rp_itin_build(&it, ds, plan, case_id, errs);
	if (rc != MP_OK)
		return rc;
	rp_itin_ics(&b, &it, journey);
	rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	rp_itin_release(&it);
	return rc;
}
