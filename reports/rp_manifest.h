/*
 * rp_manifest.h - the passenger list of one flight leg, gathered once
 * and written in four formats (internal to reports/).
 *
 * Passengers are the members of every assignment whose flights include
 * the leg, in case-id order and the family's member order; each carries
 * its seats, its SSR codes (given plus derived INFT/UMNR, on the
 * assignment's departure date) and the assignment's escorts.  Escorts
 * are every escort of those assignments plus every escort trip over the
 * leg, in id order, each with the cases it travels with on this leg.
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
	enum mp_escort_kind needs_escort;
} rp_pax;

typedef struct rp_esc {
	const char *id;
	const mp_escort *e;       /* NULL when the dataset lacks it */
	const char **cases;       /* borrowed case ids */
	int n_cases;
} rp_esc;

typedef struct rp_manifest {
	const mp_dataset *ds;
	const mp_plan *plan;
	const mp_flight *f;
	rp_pax *pax;  int n_pax, cap_pax;
	rp_esc *esc;  int n_esc;
	int n_cases;
	int pax_seats;            /* seats of the passengers */
	int ssr[MP_N_SSR];        /* passengers with each code */
} rp_manifest;

/* Gathers the list; MP_EDATA "unknown flight 'X'" when the flight is not
 * in the dataset.  A NULL plan gives an empty list. */
int rp_manifest_build(rp_manifest *m, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, mp_errors *errs);
void rp_manifest_release(rp_manifest *m);

/* Seats used on the leg: passengers plus one per escort (SPEC 2.5). */
int rp_manifest_seats_used(const rp_manifest *m);

void rp_manifest_csv(rp_buf *b, const rp_manifest *m);
int rp_manifest_json(rp_buf *b, const rp_manifest *m, mp_errors *errs);
int rp_manifest_xml(rp_buf *b, const rp_manifest *m, mp_errors *errs);
int rp_manifest_paxlst(rp_buf *b, const rp_manifest *m, const mp_manifest_options *o,
		       mp_errors *errs);

/* PAXLST text helpers, exposed for the unit tests: the UNOA form of a
 * UTF-8 string (upper case, Latin diacritics stripped, Cyrillic, Greek
 * and Arabic transliterated, anything else dropped), at most max
 * characters, NOT yet release-escaped.  Caller frees. */
char *rp_unoa(const char *utf8, size_t max);

#endif
