/*
 * rp_notice.h - the arrival notice for a receiving country, gathered
 * once and written as CSV, JSON, XML or HTML (internal to reports/).
 *
 * Arrivals are the plan's assignments whose last leg lands at an
 * airport of the country, on a local arrival date from `from` to `to`
 * (SPEC 4 `movplan notice`), sorted by date, airport, arrival time and
 * case id, and grouped by date and airport.  Each says who comes
 * (case id, family size, persons per age group on the arrival date),
 * with which needs in words, with which escorts, on which flight at
 * which local time, and whether the booking is confirmed; members'
 * names (as the travel document's MRZ reads them), sex and birth dates
 * only with_names, for the authority that needs them (SPEC 5).
 */
#ifndef MP_RP_NOTICE_H
#define MP_RP_NOTICE_H

#include "rp.h"
#include "reports.h"

/* Age groups on the arrival date. */
enum { RP_AGE_0_1, RP_AGE_2_11, RP_AGE_12_17, RP_AGE_18_59, RP_AGE_60, RP_N_AGE };
extern const char *const rp_age_names[RP_N_AGE];   /* "0-1", "2-11" ... "60+" */
extern const char *const rp_age_fields[RP_N_AGE];  /* "age_0_1" ... (CSV, JSON, XML) */

/* Needs a notice counts, besides the SSR codes: escorts and late pregnancy. */
enum { RP_NEED_MEDICAL_ESCORT = MP_N_SSR, RP_NEED_ESCORT, RP_NEED_PREGNANT, RP_N_NEEDS };
/* "wheelchair, immobile: carried to the seat (WCHC)" ... */
const char *rp_need_words(int need);
/* The need's code: the SSR code, "ESCORT-MEDICAL", "ESCORT", "PREGNANT". */
const char *rp_need_code(int need);

typedef struct rp_arrival {
	const mp_case *c;
	const mp_assignment *a;
	const mp_flight *last;     /* the leg that lands; NULL when the dataset lacks it */
	mp_datetime arrives;
	mp_date date;              /* local arrival date */
	mp_date on;                /* departure date: the day of SPEC 1's facts */
	int ages[RP_N_AGE];
	int needs[RP_N_NEEDS];     /* members with each need */
	const char **escorts;      /* escorts who escort the case (borrowed ids) */
	int n_escorts;
	rp_names *names;           /* per member, with_names only */
} rp_arrival;

typedef struct rp_arrival_group {
	mp_date date;
	const char *airport;
	int first, n;              /* arrivals v[first .. first + n - 1] */
	int persons;
	int ages[RP_N_AGE];
	int needs[RP_N_NEEDS];
	int kind_persons[MP_N_KIND]; /* persons per kind of movement (SPEC 1) */
} rp_arrival_group;

/* "resettlement 12, return 3": the persons of each kind present. */
void rp_notice_kinds_text(rp_buf *b, const rp_arrival_group *g);

typedef struct rp_notice {
	const mp_dataset *ds;
	const mp_plan *plan;
	const char *country;
	mp_date from, to;          /* the range asked, else the arrivals' own */
	bool with_names;
	rp_arrival *v;
	int n;
	rp_arrival_group *groups;
	int n_groups;
	rp_arrival_group total;    /* every arrival */
	int n_escorts;             /* distinct escorts travelling */
} rp_notice;

/* Gathers the notice.  MP_EDATA "unknown country 'X'" when no airport
 * or case of the dataset is in the country; with names, MP_EDATA naming
 * member and field for a name no MRZ table writes.  A country nobody
 * arrives in gives an empty notice. */
int rp_notice_build(rp_notice *nt, const mp_dataset *ds, const mp_plan *plan,
		    const mp_notice_options *o, mp_errors *errs);
void rp_notice_release(rp_notice *nt);

/* "2 wheelchair, immobile: carried to the seat (WCHC); 1 stretcher
 * (STCR)": the needs of counts, or "" for none. */
void rp_notice_needs_text(rp_buf *b, const int needs[RP_N_NEEDS]);
/* "Canada (CA)", or the code when the name is not known. */
void rp_notice_country(rp_buf *b, const rp_notice *nt);
/* "confirmed" or "planned": the booking's state as a notice says it. */
const char *rp_notice_status(const rp_arrival *v);

void rp_notice_csv(rp_buf *b, const rp_notice *nt);
int rp_notice_json(rp_buf *b, const rp_notice *nt, mp_errors *errs);
int rp_notice_xml(rp_buf *b, const rp_notice *nt, mp_errors *errs);
void rp_notice_html(rp_buf *b, const rp_notice *nt);

#endif
