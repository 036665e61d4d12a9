/*
 * itinerary.c - one case's journey for the family: gathering it, the
 * words every form shares, a printable text page and JSON.  HTML is in
 * itinerary_html.c, iCalendar in itinerary_ics.c.  Every sentence comes
 * from the family's catalog (i18n.h); see rp_itinerary.h for what the
 * page holds and leaves out.
 *
 * The page names the members as the family writes them (no birth
 * dates or document numbers: they are on the family's own documents).
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

static void bring(rp_itin *it, const char *msgid)
{
	it->bring = mp_xrealloc(it->bring, (size_t)(it->n_bring + 1) * sizeof *it->bring);
	it->bring[it->n_bring++] = msgid;
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
	unsigned medical = (1u << MP_SSR_MEDA) | (1u << MP_SSR_STCR) | (1u << MP_SSR_OXYG);
	bring(it, N_("the passport or travel document of every traveller, children included"));
	bring(it, N_("the visa or entry papers for the destination"));
	if (it->c->clinic)
		bring(it, N_("the fit-to-travel certificate from the clinic"));
	if (any_ssr(it, medical))
		bring(it, N_("the medical papers for the airline"));
	bring(it, N_("medicines needed during the journey, in the hand luggage"));
	if (it->facts.lap_infants || it->facts.ssr[MP_SSR_INFT])
		bring(it, N_("food, nappies and a change of clothes for the baby, within reach"));
	if (pregnancy_note(it))
		bring(it, N_("a doctor's letter about the pregnancy (airlines ask for it from "
			     "28 weeks)"));
	bring(it, N_("this travel plan"));
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

static void add_escort(rp_itin *it, const char *id)
{
	for (int i = 0; i < it->n_escorts; i++)
		if (strcmp(it->escorts[i], id) == 0)
			return;
	it->escorts = mp_xrealloc(it->escorts, (size_t)(it->n_escorts + 1) * sizeof *it->escorts);
	it->escorts[it->n_escorts++] = id;
}

/* The escorts who escort this case, when someone in it needs one: the
 * trips that name it, else the assignment's.  An escort who only shares
 * the flights (SPEC 3 lists every escort on them) is not the family's. */
static void case_escorts(rp_itin *it)
{
	if (it->facts.need_escort == 0)
		return; /* nobody of the family needs one (as on the manifest) */
	for (int t = 0; t < it->plan->n_escort_trips; t++) {
		const mp_escort_trip *tr = &it->plan->escort_trips[t];
		for (int k = 0; tr->escort && k < tr->n_cases; k++)
			if (strcmp(tr->cases[k], it->c->id) == 0)
				add_escort(it, tr->escort);
	}
	for (int k = 0; it->n_escorts == 0 && k < it->a->n_escorts; k++)
		add_escort(it, it->a->escorts[k]);
}

static void gather_booked(rp_itin *it)
{
	it->legs = mp_xcalloc((size_t)it->a->n_flights + 1, sizeof *it->legs);
	for (int i = 0; i < it->a->n_flights; i++) {
		const mp_flight *f = rp_flight(&it->ix, it->a->flights[i]);
		if (f)
			it->legs[it->n_legs++] = f;
	}
	it->on = rp_departure_date(&it->ix, it->a);
}

int rp_itin_build(rp_itin *it, const mp_dataset *ds, const mp_plan *plan,
		  const char *case_id, const char *lang, mp_errors *errs)
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
	rp_lang_load(&it->lang, lang ? lang : it->c->language, &it->lang_known);
	it->status = RP_NOT_PLANNED;
	it->booking = booking_of(ds, case_id);
	it->on = MP_NODATE;
	find_place(it, case_id);
	if (it->a)
		gather_booked(it);
	/* facts on the departure date; a case not booked gets today's view */
	mp_date on = it->on != MP_NODATE ? it->on
		     : ds->mission.as_of != MP_NODATE ? ds->mission.as_of : mp_date_today();
	it->lap = mp_xcalloc((size_t)it->c->n_members + 1, sizeof *it->lap);
	mp_case_facts_on(it->c, on, &it->facts, it->lap);
	if (it->a) {
		case_escorts(it);
		bring_list(it);
	}
	return MP_OK;
}

void rp_itin_release(rp_itin *it)
{
	if (!it)
		return;
	rp_index_release(&it->ix);
	rp_lang_release(&it->lang);
	free(it->legs);
	free(it->lap);
	free(it->escorts);
	free(it->bring);
	memset(it, 0, sizeof *it);
}

long rp_itin_connection(const rp_itin *it, int i)
{
	return (long)((it->legs[i + 1]->departs.utc - it->legs[i]->arrives.utc) / 60);
}

bool rp_itin_overnight(const rp_itin *it, int i)
{
	return mp_datetime_local_date(it->legs[i + 1]->departs) >
	       mp_datetime_local_date(it->legs[i]->arrives);
}

mp_datetime rp_itin_meeting(const rp_itin *it)
{
	mp_datetime dt = it->legs[0]->departs;
	dt.utc -= RP_MEET_MINUTES * 60;
	return dt;
}

/* --- words --- */

void rp_itin_date(rp_buf *b, rp_itin *it, mp_date d)
{
	static const char *const wd[7] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"),
					  N_("Thursday"), N_("Friday"), N_("Saturday"),
					  N_("Sunday")};
	static const char *const mon[12] = {N_("January"), N_("February"), N_("March"),
					    N_("April"), N_("May"), N_("June"), N_("July"),
					    N_("August"), N_("September"), N_("October"),
					    N_("November"), N_("December")};
	int y, m, day;
	char sd[16], sy[16];
	if (d == MP_NODATE)
		return;
	mp_date_to_ymd(d, &y, &m, &day);
	snprintf(sd, sizeof sd, "%d", day % 100);
	snprintf(sy, sizeof sy, "%d", y % 10000);
	rp_trf(b, &it->lang, N_("{weekday} {day} {month} {year}"), "weekday",
	       rp_tr(&it->lang, wd[mp_date_weekday(d)]), "day", sd, "month",
	       rp_tr(&it->lang, mon[(m - 1) % 12]), "year", sy, NULL);
}

void rp_itin_duration(rp_buf *b, rp_itin *it, long minutes)
{
	char sd[24], sh[24], sm[24];
	if (minutes < 0)
		minutes = 0;
	snprintf(sd, sizeof sd, "%ld", minutes / 1440);
	snprintf(sh, sizeof sh, "%ld", (minutes / 60) % 24);
	snprintf(sm, sizeof sm, "%ld", minutes % 60);
	if (minutes >= 1440)
		rp_trf(b, &it->lang, N_("{days} d {hours} h {minutes} min"), "days", sd, "hours", sh,
		       "minutes", sm, NULL);
	else if (minutes >= 60)
		rp_trf(b, &it->lang, N_("{hours} h {minutes} min"), "hours", sh, "minutes", sm, NULL);
	else
		rp_trf(b, &it->lang, N_("{minutes} min"), "minutes", sm, NULL);
}

void rp_itin_destination(rp_buf *b, rp_itin *it)
{
	const char *country = it->c->dest_country ? it->c->dest_country : "";
	const char *name = rp_country_msgid(country);
	const char *airport = it->n_legs ? it->legs[it->n_legs - 1]->to : it->c->dest_airport;
	name = name ? rp_tr(&it->lang, name) : country;
	if (airport)
		rp_trf(b, &it->lang, N_("{airport}, {country}"), "airport", airport, "country", name,
		       NULL);
	else
		rp_buf_puts(b, name);
}

int rp_itin_needs(const rp_itin *it, int member, const char *needs[16])
{
	static const char *const words[MP_N_SSR] = {
		[MP_SSR_WCHR] = N_("a wheelchair to the aircraft door; walks to the seat"),
		[MP_SSR_WCHS] = N_("a wheelchair to the aircraft and help on the stairs"),
		[MP_SSR_WCHC] = N_("a wheelchair to the seat; staff carry them into the aircraft"),
		[MP_SSR_STCR] = N_("travels lying on a stretcher"),
		[MP_SSR_MEDA] = N_("the airline's doctor has cleared the journey"),
		[MP_SSR_OXYG] = N_("oxygen on board"),
		[MP_SSR_BLND] = N_("help for a blind traveller at the airports and on board"),
		[MP_SSR_DEAF] = N_("help for a deaf traveller at the airports and on board"),
		[MP_SSR_DPNA] = N_("help for a traveller with a disability"),
		[MP_SSR_MAAS] = N_("airport staff meet and help them at every airport"),
		[MP_SSR_INFT] = N_("travels on an adult's lap, without a seat of their own"),
		[MP_SSR_UMNR] = N_("travels as a child without an adult of the family; an escort "
				   "looks after them"),
	};
	int n = 0;
	unsigned ssr = rp_member_ssr(it->c, member, &it->facts, it->lap);
	for (int s = 0; s < MP_N_SSR; s++)
		if (ssr & (1u << s))
			needs[n++] = words[s];
	enum mp_escort_kind e = it->c->members[member].escort;
	if (e == MP_ESC_MEDICAL)
		needs[n++] = N_("a medical escort travels with them");
	else if (e == MP_ESC_OPERATIONAL && !(ssr & (1u << MP_SSR_UMNR)))
		needs[n++] = N_("an escort travels with them");
	return n;
}

/* A case in neither list whose booking says it flew, or a confirmed
 * booking the plan left out as history (SPEC 2.12). */
static bool travelled(const rp_itin *it)
{
	return it->status == RP_NOT_PLANNED && it->booking &&
	       (it->booking->status == MP_BOOK_TRAVELLED ||
		(it->booking->status == MP_BOOK_CONFIRMED && it->plan));
}

const char *rp_itin_status_line(const rp_itin *it)
{
	if (it->status == RP_BOOKED)
		return it->a->status == MP_BOOK_CONFIRMED
			       ? N_("Your seats are booked and confirmed.")
			       : N_("Your seats are planned but not yet confirmed: the dates may still "
				    "change. You will be told when they are confirmed.");
	if (travelled(it))
		return N_("This journey has taken place.");
	return N_("Not yet booked. Your caseworker will contact you.");
}

void rp_itin_name(rp_buf *b, const char *given, const char *family)
{
	rp_buf_puts(b, given);
	if (given && family)
		rp_buf_putc(b, ' ');
	rp_buf_puts(b, family);
}

/* --- sentences the text, the page and the calendar share --- */

void rp_itin_ftt_line(rp_buf *b, rp_itin *it)
{
	if (it->a->ftt_date != MP_NODATE) {
		rp_buf d = {0};
		rp_itin_date(&d, it, it->a->ftt_date);
		rp_trf(b, &it->lang, N_("{date}: every traveller goes to the clinic {clinic} for a "
					"check that they are fit to travel."), "date", d.s, "clinic",
		       it->c->clinic, NULL);
		rp_buf_release(&d);
	} else {
		rp_trf(b, &it->lang, N_("The clinic {clinic} will give you the date of the "
					"fit-to-travel check."), "clinic", it->c->clinic, NULL);
	}
}

void rp_itin_meeting_line(rp_buf *b, rp_itin *it)
{
	mp_datetime meet = rp_itin_meeting(it);
	rp_buf d = {0}, t = {0};
	rp_itin_date(&d, it, mp_datetime_local_date(meet));
	rp_hhmm(&t, meet);
	rp_trf(b, &it->lang, N_("{date} at {time}: meet the movement staff at {airport} airport, "
				"in the departure hall, three hours before the flight. Come with "
				"everyone who travels and all your luggage."), "date", d.s, "time",
	       t.s, "airport", it->legs[0]->from, NULL);
	rp_buf_release(&d);
	rp_buf_release(&t);
}

void rp_itin_when_line(rp_buf *b, rp_itin *it, const mp_flight *f, bool arrives)
{
	mp_datetime dt = arrives ? f->arrives : f->departs;
	rp_buf d = {0}, t = {0};
	rp_itin_date(&d, it, mp_datetime_local_date(dt));
	rp_hhmm(&t, dt);
	if (arrives)
		rp_trf(b, &it->lang, N_("arrives {date} at {time} at {airport}"), "date", d.s,
		       "time", t.s, "airport", f->to, NULL);
	else
		rp_trf(b, &it->lang, N_("departs {date} at {time} from {airport}"), "date", d.s,
		       "time", t.s, "airport", f->from, NULL);
	rp_buf_release(&d);
	rp_buf_release(&t);
}

void rp_itin_wait_line(rp_buf *b, rp_itin *it, int i)
{
	rp_buf w = {0};
	rp_itin_duration(&w, it, rp_itin_connection(it, i));
	rp_trf(b, &it->lang, N_("Change planes at {airport}: you wait {duration}."), "airport",
	       it->legs[i]->to, "duration", w.s, NULL);
	rp_buf_release(&w);
}

const char *rp_itin_overnight_line(rp_itin *it)
{
	return rp_tr(&it->lang, N_("OVERNIGHT: you spend the night at the airport. Keep your "
				   "boarding passes and stay with the movement staff."));
}

void rp_itin_escort_line(rp_buf *b, rp_itin *it, int i)
{
	const mp_escort *e = rp_escort(&it->ix, it->escorts[i]);
	rp_buf name = {0};
	if (e && (e->given_names || e->family_name))
		rp_itin_name(&name, e->given_names, e->family_name);
	else
		rp_buf_puts(&name, it->escorts[i]);
	rp_trf(b, &it->lang, e && e->kind == MP_ESC_MEDICAL
			     ? N_("A medical escort travels with you on every flight: {name}.")
			     : N_("An escort travels with you on every flight: {name}."),
	       "name", name.s, NULL);
	rp_buf_release(&name);
}

/* --- text --- */

static void rule(rp_buf *b, char c)
{
	for (int i = 0; i < 72; i++)
		rp_buf_putc(b, c);
	rp_buf_putc(b, '\n');
}

static void heading(rp_buf *b, rp_itin *it, const char *msgid)
{
	rp_buf_putc(b, '\n');
	rp_buf_puts(b, rp_tr(&it->lang, msgid));
	rp_buf_putc(b, '\n');
}

static void text_head(rp_buf *b, rp_itin *it)
{
	rp_buf_puts(b, rp_tr(&it->lang, N_("Your journey")));
	rp_buf_putc(b, '\n');
	rule(b, '=');
	rp_trf(b, &it->lang, N_("Case {case}"), "case", it->c->id, NULL);
	rp_buf_putc(b, '\n');
	rp_buf t = {0};
	rp_itin_destination(&t, it);
	rp_trf(b, &it->lang, N_("To {destination}"), "destination", t.s, NULL);
	rp_buf_release(&t);
	rp_buf_puts(b, "\n\n");
	rp_buf_puts(b, rp_tr(&it->lang, rp_itin_status_line(it)));
	rp_buf_putc(b, '\n');
}

static void text_members(rp_buf *b, rp_itin *it)
{
	heading(b, it, N_("Travellers"));
	for (int i = 0; i < it->c->n_members; i++) {
		const mp_member *m = &it->c->members[i];
		const char *needs[16];
		rp_buf_puts(b, "  ");
		rp_itin_name(b, m->given_names, m->family_name);
		rp_buf_putc(b, '\n');
		int n = it->status == RP_BOOKED ? rp_itin_needs(it, i, needs) : 0;
		for (int k = 0; k < n; k++)
			rp_buf_printf(b, "      - %s\n", rp_tr(&it->lang, needs[k]));
	}
}

static void text_ftt(rp_buf *b, rp_itin *it)
{
	if (!it->c->clinic)
		return;
	heading(b, it, N_("Fit-to-travel check"));
	rp_buf_puts(b, "  ");
	rp_itin_ftt_line(b, it);
	rp_buf_putc(b, '\n');
}

static void text_meeting(rp_buf *b, rp_itin *it)
{
	heading(b, it, N_("Meeting before departure"));
	rp_buf_puts(b, "  ");
	rp_itin_meeting_line(b, it);
	rp_buf_putc(b, '\n');
}

static void text_leg(rp_buf *b, rp_itin *it, int i)
{
	const mp_flight *f = it->legs[i];
	rp_buf fl = {0};
	rp_flight_name(&fl, f);
	rp_buf_printf(b, "  %d. ", i + 1);
	rp_trf(b, &it->lang, N_("Flight {flight} from {from} to {to}"), "flight", fl.s, "from",
	       f->from, "to", f->to, NULL);
	rp_buf_puts(b, "\n     ");
	rp_itin_when_line(b, it, f, false);
	rp_buf_puts(b, "\n     ");
	rp_itin_when_line(b, it, f, true);
	rp_buf_putc(b, '\n');
	rp_buf_release(&fl);
}

static void text_connection(rp_buf *b, rp_itin *it, int i)
{
	rp_buf_puts(b, "     ");
	rp_itin_wait_line(b, it, i);
	rp_buf_putc(b, '\n');
	if (rp_itin_overnight(it, i)) {
		rp_buf_puts(b, "     ");
		rp_buf_puts(b, rp_itin_overnight_line(it));
		rp_buf_putc(b, '\n');
	}
}

static void text_escorts(rp_buf *b, rp_itin *it)
{
	if (it->n_escorts == 0)
		return;
	heading(b, it, N_("Escort"));
	for (int i = 0; i < it->n_escorts; i++) {
		rp_buf_puts(b, "  ");
		rp_itin_escort_line(b, it, i);
		rp_buf_putc(b, '\n');
	}
}

void rp_itin_text(rp_buf *b, rp_itin *it)
{
	text_head(b, it);
	text_members(b, it);
	if (it->status == RP_BOOKED && it->n_legs) {
		text_ftt(b, it);
		text_meeting(b, it);
		heading(b, it, N_("Flights (local times)"));
		for (int i = 0; i < it->n_legs; i++) {
			text_leg(b, it, i);
			if (i + 1 < it->n_legs)
				text_connection(b, it, i);
		}
		text_escorts(b, it);
		heading(b, it, N_("What to bring"));
		for (int i = 0; i < it->n_bring; i++)
			rp_buf_printf(b, "  - %s\n", rp_tr(&it->lang, it->bring[i]));
	}
	rp_buf_putc(b, '\n');
	rp_buf_puts(b, rp_tr(&it->lang, N_("Questions? Ask your caseworker.")));
	rp_buf_putc(b, '\n');
}

/* --- JSON --- */

static void jdt(cJSON *o, const char *key, const char *key_utc, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	mp_datetime_format(dt, buf);
	rp_json_str(o, key, buf);
	mp_datetime_format_utc(dt, buf);
	rp_json_str(o, key_utc, buf);
}

static cJSON *json_members(rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < it->c->n_members; i++) {
		const mp_member *m = &it->c->members[i];
		cJSON *o = cJSON_CreateObject();
		rp_json_str(o, "id", m->id);
		rp_json_str(o, "family_name", m->family_name);
		rp_json_str(o, "given_names", m->given_names);
		if (it->status == RP_BOOKED) {
			const char *needs[16];
			int n = rp_itin_needs(it, i, needs);
			cJSON *nd = cJSON_AddArrayToObject(o, "needs");
			for (int k = 0; k < n; k++)
				cJSON_AddItemToArray(nd, cJSON_CreateString(rp_tr(&it->lang, needs[k])));
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_legs(rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < it->n_legs; i++) {
		const mp_flight *f = it->legs[i];
		cJSON *o = cJSON_CreateObject();
		rp_json_str(o, "flight", f->id);
		rp_json_str(o, "carrier", f->carrier);
		rp_json_str(o, "number", f->number);
		rp_json_str(o, "from", f->from);
		rp_json_str(o, "to", f->to);
		jdt(o, "departs", "departs_utc", f->departs);
		jdt(o, "arrives", "arrives_utc", f->arrives);
		if (i + 1 < it->n_legs) {
			cJSON *cx = cJSON_AddObjectToObject(o, "connection");
			rp_json_str(cx, "airport", f->to);
			cJSON_AddNumberToObject(cx, "minutes", (double)rp_itin_connection(it, i));
			cJSON_AddBoolToObject(cx, "overnight", rp_itin_overnight(it, i));
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_escorts(rp_itin *it)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < it->n_escorts; i++) {
		const mp_escort *e = rp_escort(&it->ix, it->escorts[i]);
		cJSON *o = cJSON_CreateObject();
		rp_json_str(o, "id", it->escorts[i]);
		if (e) {
			rp_json_str(o, "kind", mp_escort_kind_names[e->kind]);
			rp_json_str(o, "family_name", e->family_name);
			rp_json_str(o, "given_names", e->given_names);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static const char *status_name(const rp_itin *it)
{
	if (travelled(it))
		return "travelled";
	return it->status == RP_BOOKED ? "booked" : "not_booked";
}

static void json_booked(cJSON *o, rp_itin *it)
{
	rp_json_str(o, "booking", mp_booking_status_names[it->a->status]);
	rp_json_str(o, "plan", it->plan->id);
	if (it->c->clinic) {
		cJSON *ftt = cJSON_AddObjectToObject(o, "ftt");
		rp_json_str(ftt, "clinic", it->c->clinic);
		rp_json_date(ftt, "date", it->a->ftt_date);
	}
	rp_json_date(o, "departure_date", it->on);
	if (it->n_legs) {
		cJSON *meet = cJSON_AddObjectToObject(o, "meeting");
		jdt(meet, "at", "at_utc", rp_itin_meeting(it));
		rp_json_str(meet, "airport", it->legs[0]->from);
	}
	cJSON_AddItemToObject(o, "legs", json_legs(it));
	cJSON_AddItemToObject(o, "escorts", json_escorts(it));
	cJSON *br = cJSON_AddArrayToObject(o, "bring");
	for (int i = 0; i < it->n_bring; i++)
		cJSON_AddItemToArray(br, cJSON_CreateString(rp_tr(&it->lang, it->bring[i])));
}

int rp_itin_json(rp_buf *b, rp_itin *it, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "itinerary");
	rp_json_str(o, "case", it->c->id);
	rp_json_str(o, "mission", it->ds->mission.id);
	rp_json_str(o, "language", it->lang.tag);
	rp_json_str(o, "status", status_name(it));
	rp_json_str(o, "message", rp_tr(&it->lang, rp_itin_status_line(it)));
	cJSON *d = cJSON_AddObjectToObject(o, "destination");
	rp_json_str(d, "country", it->c->dest_country);
	rp_json_str(d, "airport", it->c->dest_airport);
	cJSON_AddItemToObject(o, "travellers", json_members(it));
	if (it->status == RP_BOOKED)
		json_booked(o, it);
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

/* --- entry point --- */

bool mp_itinerary_language_known(const char *tag)
{
	return !tag || !*tag || rp_lang_known(tag);
}

/* journey: for the calendar, what it was published with, or NULL. */
static int write_itin(FILE *out, const mp_dataset *ds, const mp_plan *plan, const char *case_id,
		      enum mp_itinerary_format f, const char *lang, const mp_journey *journey,
		      mp_errors *errs)
{
	rp_itin it;
	rp_buf b = {0};
	int rc = rp_itin_build(&it, ds, plan, case_id, lang, errs);
	if (rc != MP_OK)
		return rc;
	switch (f) {
	case MP_ITIN_TEXT: rp_itin_text(&b, &it); break;
	case MP_ITIN_JSON: rc = rp_itin_json(&b, &it, errs); break;
	case MP_ITIN_ICS: rp_itin_ics(&b, &it, journey); break;
	case MP_ITIN_HTML: rp_itin_html(&b, &it); break;
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

int mp_itinerary_write_lang(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			    const char *case_id, enum mp_itinerary_format f, const char *lang,
			    mp_errors *errs)
{
	return write_itin(out, ds, plan, case_id, f, lang, NULL, errs);
}

int mp_itinerary_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		       const char *case_id, enum mp_itinerary_format f, mp_errors *errs)
{
	return mp_itinerary_write_lang(out, ds, plan, case_id, f, NULL, errs);
}

int mp_itinerary_write_ics(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			   const char *case_id, const char *lang, const mp_journey *journey,
			   mp_errors *errs)
{
	return write_itin(out, ds, plan, case_id, MP_ITIN_ICS, lang, journey, errs);
}
