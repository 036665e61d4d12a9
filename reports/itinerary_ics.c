/*
 * itinerary_ics.c - one case's journey as an iCalendar object (RFC 5545)
 * for the family's or the officer's phone, that follows the plan.
 *
 * VCALENDAR with VERSION 2.0, PRODID, METHOD:PUBLISH: one VEVENT for the
 * whole journey (first departure to last arrival), one per leg (SUMMARY
 * "TK1074 TIA-IST", DTSTART/DTEND in UTC) and one all-day VEVENT for the
 * fit-to-travel check.  CRLF line ends, lines folded at 75 octets (never
 * inside a UTF-8 character), TEXT values escaped.
 *
 * Re-plans update rather than duplicate: UIDs come from the case and the
 * leg's position, never the flight, "<case>.journey@<mission>",
 * "<case>.leg1@<mission>" ... and "<case>.ftt@<mission>" (characters
 * other than letters, digits, '-' and '.' become '-'), so a family moved
 * to other flights gets the same events with new times.  SEQUENCE is the
 * journey's published version (mp_journey: the store raises it with
 * every plan that changes the journey and every confirm or release);
 * DTSTAMP is the plan's creation time.  Events published before and gone
 * now (a third leg, a check date) are sent again with STATUS:CANCELLED;
 * a case that lost its booking gets METHOD:CANCEL with every UID it was
 * published with, so calendars remove it.
 *
 * A case never published and not booked gets a calendar with no events;
 * RFC 5545 wants at least one component, so it holds one VJOURNAL entry
 * with the family's status line ("not yet booked; your caseworker will
 * contact you"), nothing internal.  Every text is in the family's
 * language (i18n.h); the journey's and the first leg's descriptions say
 * where and when to meet.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rp_itinerary.h"

#define FOLD 75 /* octets per line, CRLF excluded (RFC 5545 3.1) */

/* Appends one content line, folded, with CRLF. */
static void line(rp_buf *b, const char *s)
{
	size_t n = strlen(s), col = 0;
	for (size_t i = 0; i < n;) {
		size_t clen = 1;
		while (i + clen < n && ((unsigned char)s[i + clen] & 0xC0) == 0x80)
			clen++;
		if (col + clen > FOLD) {
			rp_buf_puts(b, "\r\n ");
			col = 1;
		}
		rp_buf_putn(b, s + i, clen);
		col += clen;
		i += clen;
	}
	rp_buf_puts(b, "\r\n");
}

/* A property NAME:VALUE with a TEXT value escaped (\\ \; \, \n). */
static void text_prop(rp_buf *b, const char *name, const char *value)
{
	rp_buf l = {0};
	rp_buf_puts(&l, name);
	rp_buf_putc(&l, ':');
	for (const char *p = value ? value : ""; *p; p++) {
		switch (*p) {
		case '\\': rp_buf_puts(&l, "\\\\"); break;
		case ';': rp_buf_puts(&l, "\\;"); break;
		case ',': rp_buf_puts(&l, "\\,"); break;
		case '\n': rp_buf_puts(&l, "\\n"); break;
		case '\r': break;
		default: rp_buf_putc(&l, *p);
		}
	}
	line(b, l.s);
	rp_buf_release(&l);
}

static void raw_prop(rp_buf *b, const char *name, const char *value)
{
	rp_buf l = {0};
	rp_buf_printf(&l, "%s:%s", name, value);
	line(b, l.s);
	rp_buf_release(&l);
}

/* An id made safe for a UID: letters, digits, '-' and '.' kept. */
static void uid_part(rp_buf *b, const char *s)
{
	for (; s && *s; s++) {
		char c = *s;
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			  (c >= '0' && c <= '9') || c == '-' || c == '.';
		rp_buf_putc(b, ok ? c : '-');
	}
}

/* "<case>.<what>@<mission>" */
static void uid(rp_buf *b, const rp_itin *it, const char *what)
{
	rp_buf u = {0};
	uid_part(&u, it->c->id);
	rp_buf_putc(&u, '.');
	uid_part(&u, what);
	rp_buf_putc(&u, '@');
	uid_part(&u, it->ds->mission.id ? it->ds->mission.id : "mission");
	raw_prop(b, "UID", u.s);
	rp_buf_release(&u);
}

/* "20261214T051500Z" */
static void utc_stamp(char out[32], int64_t utc)
{
	mp_datetime dt = {utc, 0, true};
	mp_date d = mp_datetime_local_date(dt);
	mp_tod t = mp_datetime_local_tod(dt);
	int y, m, day;
	mp_date_to_ymd(d, &y, &m, &day);
	snprintf(out, 32, "%04d%02d%02dT%02d%02d%02dZ", y % 10000, m % 100, day % 100,
		 (t / 3600) % 100, (t / 60) % 60, t % 60);
}

static void date_value(char out[24], mp_date d)
{
	int y, m, day;
	mp_date_to_ymd(d, &y, &m, &day);
	snprintf(out, 24, "%04d%02d%02d", y % 10000, m % 100, day % 100);
}

/* The plan's creation time, else now. */
static int64_t stamp_time(const rp_itin *it)
{
	mp_datetime dt;
	if (it->plan && it->plan->created && mp_datetime_parse(it->plan->created, &dt))
		return dt.utc;
	return (int64_t)time(NULL);
}

static void stamp(rp_buf *b, const rp_itin *it, const mp_journey *j)
{
	char s[32];
	utc_stamp(s, stamp_time(it));
	raw_prop(b, "DTSTAMP", s);
	rp_buf l = {0};
	rp_buf_printf(&l, "SEQUENCE:%d", j ? j->sequence : 0);
	line(b, l.s);
	rp_buf_release(&l);
}

static void names(rp_buf *d, rp_itin *it)
{
	rp_buf list = {0};
	for (int i = 0; i < it->c->n_members; i++) {
		const mp_member *m = &it->c->members[i];
		if (i)
			rp_buf_puts(&list, ", ");
		rp_itin_name(&list, m->given_names, m->family_name);
	}
	rp_trf(d, &it->lang, N_("Travellers: {names}."), "names", list.s, NULL);
	rp_buf_putc(d, '\n');
	rp_buf_release(&list);
}

static void escorts(rp_buf *d, rp_itin *it)
{
	for (int i = 0; i < it->n_escorts; i++) {
		rp_itin_escort_line(d, it, i);
		rp_buf_putc(d, '\n');
	}
}

/* Where and when to meet, before the first flight. */
static void meeting(rp_buf *d, rp_itin *it)
{
	rp_itin_meeting_line(d, it);
	rp_buf_putc(d, '\n');
}

static void leg_description(rp_buf *d, rp_itin *it, int i)
{
	const mp_flight *f = it->legs[i];
	rp_itin_when_line(d, it, f, false);
	rp_buf_putc(d, '\n');
	rp_itin_when_line(d, it, f, true);
	rp_buf_putc(d, '\n');
	if (i + 1 < it->n_legs) {
		rp_itin_wait_line(d, it, i);
		rp_buf_putc(d, '\n');
		if (rp_itin_overnight(it, i)) {
			rp_buf_puts(d, rp_itin_overnight_line(it));
			rp_buf_putc(d, '\n');
		}
	}
}

static const char *booking_status(const rp_itin *it)
{
	return it->a->status == MP_BOOK_CONFIRMED ? "CONFIRMED" : "TENTATIVE";
}

static void leg_event(rp_buf *b, rp_itin *it, int i, const mp_journey *j)
{
	const mp_flight *f = it->legs[i];
	char s[32], what[16];
	rp_buf t = {0};
	line(b, "BEGIN:VEVENT");
	snprintf(what, sizeof what, "leg%d", i + 1);
	uid(b, it, what);
	stamp(b, it, j);
	utc_stamp(s, f->departs.utc);
	raw_prop(b, "DTSTART", s);
	utc_stamp(s, f->arrives.utc);
	raw_prop(b, "DTEND", s);
	rp_flight_name(&t, f);
	rp_buf_printf(&t, " %s-%s", f->from, f->to);
	text_prop(b, "SUMMARY", t.s);
	rp_buf_clear(&t);
	rp_buf_printf(&t, "%s", f->from);
	text_prop(b, "LOCATION", t.s);
	rp_buf_clear(&t);
	if (i == 0)
		meeting(&t, it);
	leg_description(&t, it, i);
	names(&t, it);
	escorts(&t, it);
	text_prop(b, "DESCRIPTION", t.s);
	raw_prop(b, "STATUS", booking_status(it));
	line(b, "END:VEVENT");
	rp_buf_release(&t);
}

/* The whole journey, first departure to last arrival. */
static void journey_event(rp_buf *b, rp_itin *it, const mp_journey *j)
{
	char s[32];
	rp_buf t = {0};
	line(b, "BEGIN:VEVENT");
	uid(b, it, "journey");
	stamp(b, it, j);
	utc_stamp(s, it->legs[0]->departs.utc);
	raw_prop(b, "DTSTART", s);
	utc_stamp(s, it->legs[it->n_legs - 1]->arrives.utc);
	raw_prop(b, "DTEND", s);
	rp_buf route = {0};
	rp_buf_puts(&route, it->legs[0]->from);
	for (int i = 0; i < it->n_legs; i++)
		rp_buf_printf(&route, "-%s", it->legs[i]->to);
	rp_trf(&t, &it->lang, N_("Journey {route}"), "route", route.s, NULL);
	text_prop(b, "SUMMARY", t.s);
	rp_buf_release(&route);
	rp_buf_clear(&t);
	rp_buf_printf(&t, "%s", it->legs[0]->from);
	text_prop(b, "LOCATION", t.s);
	rp_buf_clear(&t);
	rp_buf_puts(&t, rp_tr(&it->lang, rp_itin_status_line(it)));
	rp_buf_putc(&t, '\n');
	meeting(&t, it);
	for (int i = 0; i < it->n_legs; i++)
		leg_description(&t, it, i);
	names(&t, it);
	escorts(&t, it);
	text_prop(b, "DESCRIPTION", t.s);
	raw_prop(b, "STATUS", booking_status(it));
	raw_prop(b, "TRANSP", "TRANSPARENT");
	line(b, "END:VEVENT");
	rp_buf_release(&t);
}

/* An event published before and gone now: its UID, cancelled. */
static void cancelled_event(rp_buf *b, rp_itin *it, const char *what, const mp_journey *j)
{
	line(b, "BEGIN:VEVENT");
	uid(b, it, what);
	stamp(b, it, j);
	text_prop(b, "SUMMARY", rp_tr(&it->lang, N_("Cancelled: this part of the journey no "
						    "longer takes place.")));
	raw_prop(b, "STATUS", "CANCELLED");
	line(b, "END:VEVENT");
}

static void ftt_event(rp_buf *b, rp_itin *it, const mp_journey *j)
{
	char d[24];
	rp_buf t = {0}, date = {0};
	line(b, "BEGIN:VEVENT");
	uid(b, it, "ftt");
	stamp(b, it, j);
	date_value(d, it->a->ftt_date);
	raw_prop(b, "DTSTART;VALUE=DATE", d);
	date_value(d, it->a->ftt_date + 1);
	raw_prop(b, "DTEND;VALUE=DATE", d);
	text_prop(b, "SUMMARY", rp_tr(&it->lang, N_("Fit-to-travel check")));
	text_prop(b, "LOCATION", it->c->clinic);
	rp_itin_date(&date, it, it->a->ftt_date);
	rp_trf(&t, &it->lang, N_("{date}: every traveller goes to the clinic {clinic} for a check "
				 "that they are fit to travel."), "date", date.s, "clinic",
	       it->c->clinic, NULL);
	rp_buf_putc(&t, '\n');
	names(&t, it);
	text_prop(b, "DESCRIPTION", t.s);
	raw_prop(b, "TRANSP", "TRANSPARENT");
	line(b, "END:VEVENT");
	rp_buf_release(&t);
	rp_buf_release(&date);
}

/* The family's status line, nothing internal. */
static void not_booked_entry(rp_buf *b, rp_itin *it, const mp_journey *j)
{
	line(b, "BEGIN:VJOURNAL");
	uid(b, it, "status");
	stamp(b, it, j);
	text_prop(b, "SUMMARY", rp_tr(&it->lang, N_("Your journey")));
	text_prop(b, "DESCRIPTION", rp_tr(&it->lang, rp_itin_status_line(it)));
	line(b, "END:VJOURNAL");
}

/* Legs and check published before that the journey no longer has. */
static void gone_events(rp_buf *b, rp_itin *it, int legs_now, bool ftt_now,
			const mp_journey *j)
{
	char what[16];
	for (int i = legs_now; j && i < j->legs && i < 3; i++) {
		snprintf(what, sizeof what, "leg%d", i + 1);
		cancelled_event(b, it, what, j);
	}
	if (j && j->ftt && !ftt_now)
		cancelled_event(b, it, "ftt", j);
}

static void header(rp_buf *b, const char *method)
{
	line(b, "BEGIN:VCALENDAR");
	line(b, "VERSION:2.0");
	line(b, "PRODID:-//movplan//movplan itinerary//EN");
	line(b, "CALSCALE:GREGORIAN");
	raw_prop(b, "METHOD", method);
}

void rp_itin_ics(rp_buf *b, rp_itin *it, const mp_journey *j)
{
	bool booked = it->status == RP_BOOKED && it->n_legs > 0;
	if (!booked && j && (j->legs > 0 || j->ftt)) {
		/* RFC 5546: CANCEL removes the events with these UIDs */
		header(b, "CANCEL");
		cancelled_event(b, it, "journey", j);
		gone_events(b, it, 0, false, j);
		line(b, "END:VCALENDAR");
		return;
	}
	header(b, "PUBLISH");
	if (booked) {
		bool ftt = it->c->clinic && it->a->ftt_date != MP_NODATE;
		journey_event(b, it, j);
		if (ftt)
			ftt_event(b, it, j);
		for (int i = 0; i < it->n_legs; i++)
			leg_event(b, it, i, j);
		gone_events(b, it, it->n_legs, ftt, j);
	} else {
		not_booked_entry(b, it, j);
	}
	line(b, "END:VCALENDAR");
}
