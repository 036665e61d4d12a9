/*
 * rp_manifest.h - the passenger list of one flight leg, gathered once
 * and written in four formats (internal to reports/).
 *
 * Passengers are the members of every assignment whose flights include
 * the leg (only confirmed ones with confirmed_only), in case-id order
 * and the family's member order; each carries its seats, its SSR codes
 * (given plus derived INFT/UMNR, on the assignment's departure date),
 * its names as the travel document's MRZ reads them (rp_names), the
 * escorts who escort it on this leg, and, for a lap infant, the adult
 * whose lap it rides on (and that adult the infant).  Escorts are every
 * escort of those assignments plus every escort trip over the leg, in
 * id order, each with the cases it travels with on this leg and the
 * members it escorts.
 *
 * Lap infants ride with an adult of their case who has no STCR (SPEC
 * 1): the youngest infant with the first adult in this order, and so
 * on: adults who need no assistance (no SSR code, no escort) first,
 * then women, then the family's order.
 */
#ifndef MP_RP_MANIFEST_H
#define MP_RP_MANIFEST_H

#include "rp.h"
#include "reports.h"

typedef struct rp_pax {
	const mp_case *c;
	int member;               /* index into c->members */
	const mp_assignment *a;
	unsigned ssr;             /* bit set, derived codes included */
	int seats;                /* 0 lap infant, stretcher_seats STCR, else 1 */
	int age;                  /* whole years on the departure date */
	enum mp_escort_kind needs_escort;
	rp_names names;           /* MRZ form */
	int lap_of;               /* lap infant: index of the adult carrying it; else -1 */
	int infant;               /* adult: index of the lap infant it carries; else -1 */
	const char **escorted_by; /* borrowed escort ids escorting this member on the leg */
	int n_escorted_by;
} rp_pax;

typedef struct rp_esc {
	const char *id;
	const mp_escort *e;       /* NULL when the dataset lacks it */
	const char **cases;       /* borrowed case ids */
	int n_cases;
	int *escorting;           /* indexes into pax of the members it escorts */
	int n_escorting;
	rp_names names;           /* MRZ form; the id when the dataset lacks the escort */
	enum mp_booking_status status; /* confirmed when every case it travels with is */
} rp_esc;

typedef struct rp_manifest {
	const mp_dataset *ds;
	const mp_plan *plan;
	const mp_flight *f;
	bool confirmed_only;
	rp_pax *pax;  int n_pax, cap_pax;
	rp_esc *esc;  int n_esc;
	int n_cases;
	int n_lap;                /* lap infants */
	int pax_seats;            /* seats of the passengers */
	int ssr[MP_N_SSR];        /* passengers with each code */
	int kind_pax[MP_N_KIND];  /* passengers per kind of movement (SPEC 1) */
	char **translit;          /* "member 'X' of case 'Y': family_name given_names" */
	int n_translit;
} rp_manifest;

/* Gathers the list; MP_EDATA "unknown flight 'X'" when the flight is not
 * in the dataset, MP_EDATA naming member and field when a name cannot
 * be written in the MRZ alphabet (every such name is listed).  A NULL
 * plan gives an empty list. */
int rp_manifest_build(rp_manifest *m, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, bool confirmed_only, mp_errors *errs);
void rp_manifest_release(rp_manifest *m);

/* Seats used on the leg: passengers plus one per escort (SPEC 2.5). */
int rp_manifest_seats_used(const rp_manifest *m);

/* IATA passenger type: ADT (12 and over), CHD (2-11), INF (lap
 * infant), INS (infant with a seat); and the title airlines file
 * (MR, MS, MSTR, MISS; MX for sex X; "" for a child of sex X). */
const char *rp_pax_type(const rp_pax *p);
const char *rp_pax_title(char sex, const char *pax_type);

/* "TIA-IST-YYZ": the airports of an assignment's whole journey. */
char *rp_journey(const rp_manifest *m, const mp_assignment *a);

void rp_manifest_csv(rp_buf *b, const rp_manifest *m);
int rp_manifest_json(rp_buf *b, const rp_manifest *m, mp_errors *errs);
int rp_manifest_xml(rp_buf *b, const rp_manifest *m, mp_errors *errs);
int rp_manifest_paxlst(rp_buf *b, const rp_manifest *m, const mp_manifest_options *o,
		       mp_errors *errs);

/* PAXLST text helper, exposed for the unit tests: the UNOA form of a
 * UTF-8 value (upper case; letters beyond ASCII by the MRZ tables of
 * models/mrz.h; any other character '?'-free and dropped), at most max
 * characters, NOT yet release-escaped.  Caller frees. */
char *rp_unoa(const char *utf8, size_t max);

#endif
