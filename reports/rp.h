/*
 * rp.h - helpers shared by the report writers (internal to reports/).
 *
 * A growing text buffer every writer builds its output in (then one
 * fwrite, so a write error is seen once and mapped to MP_ECANTCREAT);
 * escaping for CSV (RFC 4180), HTML and iCalendar TEXT; lookups from a
 * plan's ids to the dataset's items by binary search (a global caseload
 * has 20,000 cases); the facts of a booked case on its departure date.
 *
 * Nothing here is part of the public interface (reports/reports.h).
 */
#ifndef MP_RP_H
#define MP_RP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "../models/dataset.h"
#include "../models/facts.h"
#include "../models/plan.h"
#include "../models/error.h"
#include <cjson/cJSON.h>

/* --- text buffer --- */
typedef struct rp_buf {
	char *s;    /* NUL-terminated; NULL until the first write */
	size_t n, cap;
} rp_buf;

void rp_buf_putn(rp_buf *b, const char *s, size_t n);
void rp_buf_puts(rp_buf *b, const char *s); /* NULL writes nothing */
void rp_buf_putc(rp_buf *b, char c);
void rp_buf_printf(rp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rp_buf_clear(rp_buf *b);   /* empties it, keeps the memory */
void rp_buf_release(rp_buf *b);
/* Writes the buffer to out; MP_ECANTCREAT with a record on failure. */
int rp_buf_emit(const rp_buf *b, FILE *out, mp_errors *errs);

/* --- escaping --- */
/* One CSV field, quoted when it holds a comma, quote, CR or LF
 * (RFC 4180), quotes doubled.  NULL is an empty field.  A field that
 * begins with = + - @, tab or CR and is not a plain number is written
 * quoted with a leading apostrophe, so a spreadsheet shows it as text
 * (OWASP, CSV injection).  The one CSV cell writer. */
void rp_csv_field(rp_buf *b, const char *s);
/* Ends a CSV record with CRLF. */
void rp_csv_end(rp_buf *b);
/* Text with & < > " ' escaped for HTML text and attribute values. */
void rp_html(rp_buf *b, const char *s);

/* --- dates --- */
/* "2026-12-14" or "" for MP_NODATE. */
const char *rp_date(mp_date d, char buf[MP_DATE_BUF]);
/* "Mon 14 Dec 2026". */
void rp_date_long(rp_buf *b, mp_date d);
/* "HH:MM" local time of a date-time. */
void rp_hhmm(rp_buf *b, mp_datetime dt);
/* "UTC+01:00". */
void rp_utc_offset(rp_buf *b, int offset_min);
/* "3 h 55 min", "45 min", "1 d 2 h 0 min". */
void rp_duration(rp_buf *b, long minutes);
/* Monday on or before d. */
mp_date rp_week_start(mp_date d);

/* --- flights --- */
/* "TK1074" (carrier and number) of a flight, else its id; NULL writes
 * nothing.  How every report names a flight to people. */
void rp_flight_name(rp_buf *b, const mp_flight *f);

/* --- lookups --- */
typedef struct rp_index {
	const mp_dataset *ds;
	const mp_case **cases;     int n_cases;
	const mp_flight **flights; int n_flights;
	const mp_escort **escorts; int n_escorts;
	const mp_airport **airports; int n_airports;
} rp_index;

void rp_index_init(rp_index *ix, const mp_dataset *ds);
void rp_index_release(rp_index *ix);
const mp_case *rp_case(const rp_index *ix, const char *id);
const mp_flight *rp_flight(const rp_index *ix, const char *id);
const mp_escort *rp_escort(const rp_index *ix, const char *id);
const mp_airport *rp_airport(const rp_index *ix, const char *code);

/* Local departure date of an assignment: its first leg's, else the
 * departs it records; MP_NODATE when neither is known. */
mp_date rp_departure_date(const rp_index *ix, const mp_assignment *a);
/* Departure and arrival instants, from the legs when known. */
mp_datetime rp_departs(const rp_index *ix, const mp_assignment *a);
mp_datetime rp_arrives(const rp_index *ix, const mp_assignment *a);
/* True when the assignment's flights include flight_id. */
bool rp_assignment_has_flight(const mp_assignment *a, const char *flight_id);
/* Persons of a case (members), 0 for an unknown case. */
int rp_case_persons(const rp_index *ix, const char *case_id);

/* A flight's stretcher seats, with SPEC 1's default of 6. */
int rp_stretcher_seats(const mp_flight *f);

/* Every SSR code member i carries on `on`: the given ones, INFT when
 * it rides on a lap, UMNR when the case has no adult.  lap is the array
 * mp_case_facts_on fills. */
unsigned rp_member_ssr(const mp_case *c, int i, const mp_case_facts *f, const bool *lap);
/* Seats member i takes (0 lap infant, stretcher_seats STCR, else 1). */
int rp_member_seats(const mp_case *c, int i, const bool *lap, int stretcher_seats);
/* Space-separated SSR names of a bit set, in SPEC order. */
void rp_ssr_list(rp_buf *b, unsigned ssr);

/* --- names as the travel document's machine-readable zone reads them --- */
enum rp_name_source {
	RP_NAME_DOCUMENT,       /* the document's mrz_ names (SPEC 1) */
	RP_NAME_AS_WRITTEN,     /* A-Z already: only upper-cased */
	RP_NAME_TRANSLITERATED, /* by ICAO Doc 9303's tables: to be checked */
};
extern const char *const rp_name_source_names[3]; /* "document", "as written", "transliterated" */

typedef struct rp_names {
	char *family, *given;   /* owned; "" when the person has none */
	enum rp_name_source source;
	unsigned translit;      /* bit 0 family_name, bit 1 given_names went through a table */
} rp_names;

/* A traveller's names for manifests and notices: the document's MRZ
 * names when it has either, else the MRZ form of family/given
 * (models/mrz.h).  A name no table can write is MP_EDATA with a record
 * naming `item` and the field (never the value); *n is then empty. */
int rp_names_of(rp_names *n, const char *family, const char *given, const mp_document *d,
		const char *item, mp_errors *errs);
void rp_names_release(rp_names *n);

/* A short explanation of a reason code for people. */
const char *rp_reason_text(enum mp_reason_code code);

/* Adds key: s to o when s is neither NULL nor empty. */
void rp_json_str(cJSON *o, const char *key, const char *s);
/* Adds key: "YYYY-MM-DD" to o unless d is MP_NODATE. */
void rp_json_date(cJSON *o, const char *key, mp_date d);

/* Appends root as JSON text (one member a line, one space of indent a
 * level, as io/json.c writes) and a newline; frees root. */
void rp_json_emit(rp_buf *b, cJSON *root);

/* Writes "movplan: <what> failed" as MP_EINTERNAL. */
int rp_internal(mp_errors *errs, const char *what);

#endif
