/*
 * facts.h - the derived facts of SPEC 1, computed on a departure date.
 *
 * age in whole years; adult >= 18; infant < 2.  Lap infants (INFT): at
 * most as many as the adults without STCR, youngest first (ties by
 * member id); an infant with STCR never rides on a lap.  Seats: one per
 * member who is not a lap infant, a STCR member takes the flight's
 * stretcher_seats.  A case with no adult is unaccompanied: every member
 * is UMNR and needs an operational escort.
 */
#ifndef MP_FACTS_H
#define MP_FACTS_H

#include <stdbool.h>
#include "dataset.h"

typedef struct mp_case_facts {
	int persons;      /* all members, infants included */
	int adults;
	int lap_infants;  /* members with derived INFT */
	int stretchers;   /* members with STCR */
	int plain_seats;  /* seats of members neither lap infant nor STCR */
	bool unaccompanied;
	int ssr[MP_N_SSR];   /* members carrying each code, INFT/UMNR derived */
	int need_escort;     /* members needing any escort */
	int need_medical;    /* of those, members needing a medical escort */
} mp_case_facts;

/* Fills *f for case c departing on local date `on`.  When lap is not
 * NULL it must have c->n_members entries; lap[i] tells whether member i
 * rides on a lap (INFT). */
void mp_case_facts_on(const mp_case *c, mp_date on, mp_case_facts *f, bool *lap);

/* Seats the case takes on a flight with this many stretcher seats. */
int mp_case_seats(const mp_case_facts *f, int stretcher_seats);

/* Whole weeks of gestation on `on` (SPEC 2.4): weeks + whole weeks from
 * p->on to `on`.  -1 when there is no pregnancy. */
int mp_pregnancy_weeks_on(const mp_pregnancy *p, mp_date on);
/* True when the member may not fly on `on` (>= 36 weeks, 32 multiple). */
bool mp_pregnancy_bars(const mp_pregnancy *p, mp_date on);

/* The escort need of member i of c on `on` (UMNR adds operational). */
enum mp_escort_kind mp_member_escort_need(const mp_case *c, int i, mp_date on);

#endif
