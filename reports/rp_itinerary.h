/*
 * rp_itinerary.h - one case's journey, gathered once and written as
 * text, JSON or iCalendar (internal to reports/).
 */
#ifndef MP_RP_ITINERARY_H
#define MP_RP_ITINERARY_H

#include "rp.h"
#include "reports.h"
#include "../models/outputs.h"

enum rp_itin_status {
	RP_BOOKED,      /* an assignment of the plan */
	RP_NOT_BOOKED,  /* unassigned, with reasons */
	RP_NOT_PLANNED, /* in neither list: travelled, history, or no plan */
};

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
	char **bring;               /* "what to bring" notes */
	int n_bring;
} rp_itin;

/* MP_EDATA "unknown case 'X'" when the case is not in the dataset. */
int rp_itin_build(rp_itin *it, const mp_dataset *ds, const mp_plan *plan,
		  const char *case_id, mp_errors *errs);
void rp_itin_release(rp_itin *it);

/* Minutes between leg i's arrival and leg i+1's departure. */
long rp_itin_connection(const rp_itin *it, int i);

void rp_itin_text(rp_buf *b, const rp_itin *it);
int rp_itin_json(rp_buf *b, const rp_itin *it, mp_errors *errs);
/* journey: what the calendar was published with, or NULL (never). */
void rp_itin_ics(rp_buf *b, const rp_itin *it, const mp_journey *journey);

#endif
