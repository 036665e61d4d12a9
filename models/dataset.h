/*
 * dataset.h - the mission's data, SPEC 1, as C types.
 *
 * Ownership: an mp_dataset owns every string and array reachable from
 * it; mp_dataset_release() frees them all.  Strings are NUL-terminated
 * UTF-8, NULL when the field is absent.  Optional counts are MP_ABSENT
 * (-1) when absent; defaults of SPEC 1 are applied by the decoder
 * (io/decode.c), so after a successful read every defaulted field holds
 * its value (mct_minutes 60, covers 3, ...).  Dates are mp_date day
 * numbers, MP_NODATE when absent.
 *
 * Every item carries the place it was read from (mp_loc) so later
 * checks can name file and line.  loc.file indexes dataset->files.
 *
 * Items appear in the order they were read; lookups by id go through
 * mp_dataset_index() (models/index.h) which the planner builds once.
 */
#ifndef MP_DATASET_H
#define MP_DATASET_H

#include <stdbool.h>
#include <stdint.h>
#include "date.h"

#define MP_ABSENT (-1)

typedef struct mp_loc {
	int file; /* index into dataset->files; -1 unknown */
	int line; /* 0 unknown */
	int col;  /* 0 unknown */
} mp_loc;

/* SSR codes of SPEC 1, the two derived ones last. */
enum mp_ssr {
	MP_SSR_WCHR, MP_SSR_WCHS, MP_SSR_WCHC, MP_SSR_STCR, MP_SSR_MEDA,
	MP_SSR_OXYG, MP_SSR_BLND, MP_SSR_DEAF, MP_SSR_DPNA, MP_SSR_MAAS,
	MP_SSR_INFT, MP_SSR_UMNR,
	MP_N_SSR
};
#define MP_N_SSR_GIVEN MP_SSR_INFT /* codes a member may carry */
extern const char *const mp_ssr_names[MP_N_SSR];
/* Index of an SSR name, -1 when unknown. */
int mp_ssr_lookup(const char *name);

enum mp_priority { MP_PRIO_EMERGENCY, MP_PRIO_URGENT, MP_PRIO_NORMAL, MP_N_PRIO };
extern const char *const mp_priority_names[MP_N_PRIO];
int mp_priority_lookup(const char *name); /* -1 when unknown */

/* SPEC 1: the movement a case makes (default resettlement). */
enum mp_case_kind { MP_KIND_RESETTLEMENT, MP_KIND_RELOCATION, MP_KIND_RETURN, MP_N_KIND };
extern const char *const mp_case_kind_names[MP_N_KIND];
int mp_case_kind_lookup(const char *name); /* -1 when unknown */

enum mp_medical { MP_MED_CLEARED, MP_MED_PENDING, MP_MED_DEFERRED };
extern const char *const mp_medical_names[3];

enum mp_escort_kind { MP_ESC_NONE = 0, MP_ESC_MEDICAL, MP_ESC_OPERATIONAL };
extern const char *const mp_escort_kind_names[3]; /* [0] is NULL */

enum mp_booking_status { MP_BOOK_CONFIRMED, MP_BOOK_PROPOSED, MP_BOOK_TRAVELLED };
extern const char *const mp_booking_status_names[3];

typedef struct mp_mission {
	bool present;
	char *id;
	char *origin;       /* airport code */
	mp_date as_of;      /* MP_NODATE until defaulted to today */
	int horizon_days;   /* default 90 */
	char *sender, *recipient;
	mp_loc loc;
} mp_mission;

typedef struct mp_airport {
	char *code;
	char *country;
	int mct_minutes;            /* default 60 */
	int max_connection_minutes; /* default 1440 */
	mp_loc loc;
} mp_airport;

typedef struct mp_flight {
	char *id;
	char *from, *to;
	mp_datetime departs, arrives;
	int seats;
	char *carrier, *number;
	int limits[MP_N_SSR]; /* max members with the code; MP_ABSENT = none */
	int stretcher_seats;  /* default 6 */
	double fare;          /* per seat, default 0 */
	char *currency;
	bool cancelled;
	mp_loc loc;
} mp_flight;

typedef struct mp_quota {
	char *id;
	char *country;
	char *airport;   /* NULL: country quota; else reception capacity */
	mp_date from, to; /* inclusive, destination-local arrival dates */
	int max_persons;
	int max_cases;   /* MP_ABSENT when not given */
	unsigned kinds;  /* bit (1u << mp_case_kind) per kind it counts; 0: every kind */
	mp_loc loc;
} mp_quota;

/* SPEC 1: a quota counts the cases of the kinds it lists (all when none). */
static inline bool mp_quota_counts(const mp_quota *q, enum mp_case_kind k)
{
	return q->kinds == 0 || ((q->kinds >> k) & 1u);
}

typedef struct mp_arrival_rule {
	char *country;
	bool no_weekend;
	mp_tod earliest_arrival, latest_arrival; /* MP_NOTIME when absent */
	int notice_working_days;                 /* 0 when absent */
	mp_date *blackout;
	int n_blackout;
	unsigned exempt_priorities; /* bit (1u << mp_priority) */
	mp_loc loc;
} mp_arrival_rule;

typedef struct mp_transit_rule {
	char *country;
	char **nationalities;
	int n_nationalities;
	char **exempt_if_visa_for;
	int n_exempt_if_visa_for;
	mp_loc loc;
} mp_transit_rule;

typedef struct mp_clinic {
	char *id;
	int capacity_per_day;
	mp_date *closed;
	int n_closed;
	mp_loc loc;
} mp_clinic;

typedef struct mp_document {
	bool present;
	char *type, *number, *issuer;
	mp_date expires;
	/* the holder's names as the machine-readable zone reads them
	 * (SPEC 1: capital A-Z, fillers as single spaces); NULL absent */
	char *mrz_family_name, *mrz_given_names;
} mp_document;

typedef struct mp_escort {
	char *id;
	enum mp_escort_kind kind;
	mp_date available_from, available_to;
	int covers;          /* default 3 */
	int turnaround_days; /* default 7 */
	char *family_name, *given_names;
	char sex;            /* 'F' 'M' 'X', 0 absent */
	mp_date birth_date;
	char *nationality;
	mp_document document;
	mp_loc loc;
} mp_escort;

typedef struct mp_pregnancy {
	bool present;
	int weeks;
	mp_date on;
	bool multiple;
} mp_pregnancy;

typedef struct mp_member {
	char *id;
	char *family_name, *given_names;
	char sex; /* 'F' 'M' 'X' */
	mp_date birth_date;
	char *nationality;
	mp_document document;
	unsigned ssr;              /* bit (1u << mp_ssr), given codes only */
	enum mp_escort_kind escort; /* needs an escort of this kind */
	mp_pregnancy pregnancy;
	mp_loc loc;
} mp_member;

typedef struct mp_case {
	char *id;
	char *dest_country;
	char *dest_airport; /* NULL: any airport of dest_country */
	enum mp_priority priority;
	mp_date ready;
	mp_member *members;
	int n_members;
	mp_date visa_expires;
	enum mp_medical medical;
	mp_date medical_valid_until, medical_deferred_until;
	char *clinic;
	char *link;
	char *origin; /* defaulted to the mission's origin */
	enum mp_case_kind kind; /* resettlement (0) unless given */
	char *language; /* BCP 47 tag for the family's documents; NULL: en */
	mp_loc loc;
} mp_case;

typedef struct mp_booking {
	char *case_id;
	char **flights;
	int n_flights;
	enum mp_booking_status status;
	mp_date ftt_date;
	char **escorts;
	int n_escorts;
	mp_loc loc;
} mp_booking;

typedef struct mp_dataset {
	mp_mission mission;
	mp_airport *airports;           int n_airports, cap_airports;
	mp_flight *flights;             int n_flights, cap_flights;
	mp_quota *quotas;               int n_quotas, cap_quotas;
	mp_arrival_rule *arrival_rules; int n_arrival_rules, cap_arrival_rules;
	mp_transit_rule *transit_rules; int n_transit_rules, cap_transit_rules;
	mp_clinic *clinics;             int n_clinics, cap_clinics;
	mp_escort *escorts;             int n_escorts, cap_escorts;
	mp_case *cases;                 int n_cases, cap_cases;
	mp_booking *bookings;           int n_bookings, cap_bookings;
	char **files;                   int n_files, cap_files;
} mp_dataset;

void mp_dataset_init(mp_dataset *ds);
/* Frees everything the dataset owns; accepts NULL. */
void mp_dataset_release(mp_dataset *ds);
/* Deep copy. */
void mp_dataset_copy(mp_dataset *dst, const mp_dataset *src);

/* Per-item release helpers (used when an import replaces an item). */
void mp_airport_release(mp_airport *a);
void mp_flight_release(mp_flight *f);
void mp_quota_release(mp_quota *q);
void mp_arrival_rule_release(mp_arrival_rule *r);
void mp_transit_rule_release(mp_transit_rule *r);
void mp_clinic_release(mp_clinic *c);
void mp_escort_release(mp_escort *e);
void mp_member_release(mp_member *m);
void mp_case_release(mp_case *c);
void mp_booking_release(mp_booking *b);
void mp_mission_release(mp_mission *m);

/* Each returns a pointer to a new zeroed item at the end of its array
 * with every optional count set to MP_ABSENT and dates to MP_NODATE. */
mp_airport *mp_dataset_add_airport(mp_dataset *ds);
mp_flight *mp_dataset_add_flight(mp_dataset *ds);
mp_quota *mp_dataset_add_quota(mp_dataset *ds);
mp_arrival_rule *mp_dataset_add_arrival_rule(mp_dataset *ds);
mp_transit_rule *mp_dataset_add_transit_rule(mp_dataset *ds);
mp_clinic *mp_dataset_add_clinic(mp_dataset *ds);
mp_escort *mp_dataset_add_escort(mp_dataset *ds);
mp_case *mp_dataset_add_case(mp_dataset *ds);
mp_member *mp_case_add_member(mp_case *c);
mp_booking *mp_dataset_add_booking(mp_dataset *ds);
/* Interns a file name; returns its index for mp_loc.file. */
int mp_dataset_add_file(mp_dataset *ds, const char *name);
/* The file name of a location, or NULL. */
const char *mp_dataset_file(const mp_dataset *ds, mp_loc loc);

/* Linear lookups by key (fine for validation and the CLI; the planner
 * builds its own indexes).  NULL when absent. */
mp_airport *mp_dataset_airport(const mp_dataset *ds, const char *code);
mp_flight *mp_dataset_flight(const mp_dataset *ds, const char *id);
mp_case *mp_dataset_case(const mp_dataset *ds, const char *id);
mp_clinic *mp_dataset_clinic(const mp_dataset *ds, const char *id);
mp_escort *mp_dataset_escort(const mp_dataset *ds, const char *id);
mp_booking *mp_dataset_booking(const mp_dataset *ds, const char *case_id);
mp_quota *mp_dataset_quota(const mp_dataset *ds, const char *id);
mp_arrival_rule *mp_dataset_arrival_rule(const mp_dataset *ds, const char *country);
mp_transit_rule *mp_dataset_transit_rule(const mp_dataset *ds, const char *country);

/* Sorts every part by its key (byte order): the canonical order writers
 * and the store use, so two datasets with the same content write the
 * same bytes.  Members keep their order (the family's own). */
void mp_dataset_sort(mp_dataset *ds);

/* Moves every item of src into dst; an item whose key dst already holds
 * replaces it whole (SPEC 3: import replaces a whole item with the same
 * key).  A mission in src replaces dst's.  src is left empty.  Linear
 * per item: meant for imports, not for hot paths. */
void mp_dataset_merge(mp_dataset *dst, mp_dataset *src);

/* Identifier syntax of SPEC 1: 1-64 characters of [A-Za-z0-9-_./:]. */
bool mp_id_valid(const char *s);
/* A BCP 47 language tag in its common shape (SPEC 1, case language):
 * subtags of 1-8 letters or digits joined by '-', the first letters
 * only; 2-35 characters ("fa-AF", "ps", "en-GB"). */
bool mp_language_valid(const char *s);

#endif
