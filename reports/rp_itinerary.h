/*
 * rp_itinerary.h - one case's journey, gathered once and written as
 * text, HTML, JSON or iCalendar in the family's language (internal to
 * reports/).
 *
 * Everything a family reads goes through the catalogs of i18n.h: needs
 * in plain words (no SSR codes), the fit-to-travel check, where and when
 * to meet, every flight and connection (an overnight one flagged), the
 * escort who travels with them, what to bring.  A family not booked
 * reads only that it is not yet booked and that its caseworker will
 * contact it: no reason codes, no plan ids (officers have `explain`).
 */
#ifndef MP_RP_ITINERARY_H
#define MP_RP_ITINERARY_H

#include "rp.h"
#include "reports.h"
#include "i18n.h"
#include "../models/outputs.h"

enum rp_itin_status {
	RP_BOOKED,      /* an assignment of the plan */
	RP_NOT_BOOKED,  /* unassigned */
	RP_NOT_PLANNED, /* in neither list: travelled, history, or no plan */
};

/* Minutes before the first departure the family meets the movement
 * staff at the airport (README: three hours, as airlines ask for
 * international flights and group check-in). */
#define RP_MEET_MINUTES 180

typedef struct rp_itin {
	const mp_dataset *ds;
	const mp_plan *plan;        /* may be NULL */
	rp_index ix;
	const mp_case *c;
	enum rp_itin_status status;
	const mp_assignment *a;     /* RP_BOOKED */
	const mp_unassigned *u;     /* RP_NOT_BOOKED */
	const mp_booking *booking;  /* the dataset's booking of the case, if any */
	const mp_flight **legs;     /* the assignment's legs found in the dataset */
	int n_legs;
	mp_date on;                 /* departure date (local) */
	mp_case_facts facts;
	bool *lap;                  /* per member: rides on a lap */
	const char **escorts;       /* ids of the escorts who escort this case (borrowed) */
	int n_escorts;
	const char **bring;         /* "what to bring" message ids */
	int n_bring;
	rp_lang lang;               /* the family's catalog */
	bool lang_known;            /* the language asked for has a catalog */
} rp_itin;

/* MP_EDATA "unknown case 'X'" when the case is not in the dataset.
 * lang: a BCP 47 tag; NULL takes the case's own (SPEC 1, default en). */
int rp_itin_build(rp_itin *it, const mp_dataset *ds, const mp_plan *plan,
		  const char *case_id, const char *lang, mp_errors *errs);
void rp_itin_release(rp_itin *it);

/* Minutes between leg i's arrival and leg i+1's departure. */
long rp_itin_connection(const rp_itin *it, int i);
/* Whether the connection after leg i lasts through the night: the next
 * departure's local date is later than the arrival's. */
bool rp_itin_overnight(const rp_itin *it, int i);
/* When the family meets the staff: RP_MEET_MINUTES before the first
 * departure, in the origin's local time. */
mp_datetime rp_itin_meeting(const rp_itin *it);

/* --- words, in the family's language --- */
/* "Monday 7 December 2026" */
void rp_itin_date(rp_buf *b, rp_itin *it, mp_date d);
/* "3 h 55 min" */
void rp_itin_duration(rp_buf *b, rp_itin *it, long minutes);
/* "IAD, United States" */
void rp_itin_destination(rp_buf *b, rp_itin *it);
/* A member's needs in plain words, one message id each (derived INFT
 * and UMNR included); returns how many, at most 16. */
int rp_itin_needs(const rp_itin *it, int member, const char *needs[16]);
/* The one line on a family's booking state: confirmed, planned, not yet
 * booked, or travelled. */
const char *rp_itin_status_line(const rp_itin *it);
/* "Given Family" as the family writes it. */
void rp_itin_name(rp_buf *b, const char *given, const char *family);

/* --- sentences the text, the page and the calendar share (no end of line) --- */
/* The fit-to-travel check at the case's clinic: its date, or who gives it. */
void rp_itin_ftt_line(rp_buf *b, rp_itin *it);
/* When and where to meet the staff before the first flight. */
void rp_itin_meeting_line(rp_buf *b, rp_itin *it);
/* "departs {date} at {time} from {airport}" of f, or with arrives its
 * arrival "arrives ... at {airport}", in local time. */
void rp_itin_when_line(rp_buf *b, rp_itin *it, const mp_flight *f, bool arrives);
/* "Change planes at {airport}: you wait {duration}." after leg i. */
void rp_itin_wait_line(rp_buf *b, rp_itin *it, int i);
/* The warning of a connection through the night (rp_itin_overnight). */
const char *rp_itin_overnight_line(rp_itin *it);
/* Escort i travels with the family, by name (else its id). */
void rp_itin_escort_line(rp_buf *b, rp_itin *it, int i);

void rp_itin_text(rp_buf *b, rp_itin *it);
void rp_itin_html(rp_buf *b, rp_itin *it);
int rp_itin_json(rp_buf *b, rp_itin *it, mp_errors *errs);
/* journey: what the calendar was published with, or NULL (never). */
void rp_itin_ics(rp_buf *b, rp_itin *it, const mp_journey *journey);

#endif
