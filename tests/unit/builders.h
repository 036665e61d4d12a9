/*
 * builders.h - what the unit tests share: datasets built in C, the
 * dataset with every field, field-by-field comparison, and the decoding
 * helpers of the format tests.  Linked into every tests/unit/test_*.c.
 *
 * Builders assert (cmocka) that their dates parse; every string is
 * copied, and the dataset owns it.  tb_new's mission is "TEST" from TIA.
 */
#ifndef MP_TEST_BUILDERS_H
#define MP_TEST_BUILDERS_H

#include <stdbool.h>
#include "models/dataset.h"
#include "models/date.h"
#include "models/error.h"
#include "io/node.h"

#define TB_SAMPLES "tests/data/samples/"

/* ---- values ---- */

mp_date tb_date(const char *s);
mp_datetime tb_datetime(const char *s);

/* ---- small datasets, item by item ---- */

/* A dataset (malloc'd) whose mission plans from TIA as of as_of. */
mp_dataset *tb_new(const char *as_of, int horizon_days);
void tb_free(mp_dataset *ds);
mp_airport *tb_airport(mp_dataset *ds, const char *code, const char *country, int mct,
		       int max_connection);
/* stretcher_seats 6, fare 0. */
mp_flight *tb_flight(mp_dataset *ds, const char *id, const char *from, const char *to,
		     const char *departs, const char *arrives, int seats);
/* Medically cleared, from the mission's origin; airport may be NULL. */
mp_case *tb_case(mp_dataset *ds, const char *id, const char *country, const char *airport,
		 enum mp_priority prio, const char *ready);
/* The case with that id; fails the test when there is none. */
mp_case *tb_find_case(mp_dataset *ds, const char *id);
/* Family name "Test", sex X. */
mp_member *tb_member(mp_dataset *ds, const char *case_id, const char *id, const char *birth,
		     const char *nationality);
/* A case of n_adults born 1980-01-01, then n_kids born kid_birth, of
 * nationality AFG; member ids ID-01, ID-02 ... */
mp_case *tb_family(mp_dataset *ds, const char *id, const char *country, const char *airport,
		   enum mp_priority prio, const char *ready, int n_adults, int n_kids,
		   const char *kid_birth);
/* ftt may be NULL; f2 may be NULL. */
mp_booking *tb_booking(mp_dataset *ds, const char *case_id, enum mp_booking_status st,
		       const char *ftt, const char *f1, const char *f2);
/* turnaround_days 7. */
mp_escort *tb_escort(mp_dataset *ds, const char *id, enum mp_escort_kind kind, const char *from,
		     const char *to, int covers);
mp_clinic *tb_clinic(mp_dataset *ds, const char *id, int capacity_per_day);
mp_quota *tb_quota(mp_dataset *ds, const char *id, const char *country, const char *from,
		   const char *to, int max_persons);

/* Sets a document (present); issuer and expires may be NULL. */
void tb_document(mp_document *doc, const char *type, const char *number, const char *issuer,
		 const char *expires);

/* ---- every field ---- */

/* Initialises ds with every field of every part set (and the optional
 * ones absent somewhere), items in non-canonical order as a reader
 * would leave them. */
void tb_full_dataset(mp_dataset *ds);
/* Asserts a and b hold the same items field by field, in the same
 * order; with loaded, also that b's items have no file position (as
 * mp_store_load gives them). */
void tb_dataset_eq(const mp_dataset *a, const mp_dataset *b, bool loaded);
/* Equal strings, both NULL included. */
void tb_str_eq(const char *a, const char *b);

/* ---- the format ---- */

/* A JSON document's first lines: mission M from TIA, airports TIA (AL)
 * and YYZ (CA); then FLIGHT(seats) (F1 TIA-YYZ), CASE(members) (C1 to
 * CA, normal) and MEMBER (C1-1), which closes the document. */
#define TB_HEAD "{\"movplan\": 1, \"mission\": {\"id\": \"M\", \"origin\": \"TIA\"},\n" \
	" \"airports\": [{\"code\": \"TIA\", \"country\": \"AL\"}, {\"code\": \"YYZ\", \"country\": \"CA\"}],\n"
#define TB_FLIGHT(seats) " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"YYZ\",\n" \
	"  \"departs\": \"2026-12-10T09:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": " seats "}],\n"
#define TB_CASE(member) " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"}, \"priority\": \"normal\",\n" \
	"  \"ready\": \"2026-12-01\", \"members\": [" member "]}]}"
#define TB_MEMBER "{\"id\": \"C1-1\", \"family_name\": \"Noori\", \"sex\": \"F\", \"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}"

/* The JSON text parsed as file "t.json"; fails the test on a problem. */
mp_node *tb_json(const char *text);
/* Reads one file with mp_read_dataset. */
int tb_read1(const char *path, mp_dataset *ds, mp_errors *e);
/* The canonical JSON of ds (sorted first), malloc'd. */
char *tb_canonical(mp_dataset *ds);
/* Decodes JSON text as "t.json", applies defaults and validates; the
 * problems formatted one a line (malloc'd, "" when none), the status in
 * *status. */
char *tb_problems(const char *json, int *status);
/* Asserts the problems of json hold needle, not forbidden (a personal
 * value that must not leak; may be NULL), with status 65. */
void tb_expect_problem(const char *json, const char *needle, const char *forbidden);

#endif
