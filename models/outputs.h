/*
 * outputs.h - what each output a plan gives people depends on, as one
 * digest per output: the manifest of every flight with someone on it
 * and the itinerary of every case.  Two plans whose digest for an
 * output differ give that output differently: it must be sent again.
 *
 * A manifest's digest covers the flight (route, times, carrier,
 * number), the mission's interchange ids, and for every passenger case
 * (in id order) its status, escorts and every field of the case and its
 * members; escorts on the flight with every field.  An itinerary's
 * digest covers the case and its members, the assignment (legs, check
 * date, escorts, status), every leg's flight and every escort's fields;
 * a case not booked has the one digest "not booked" (its reasons may
 * shift from night to night without a page to send).  A field added to
 * a case, member, flight or escort must be hashed here (outputs.c).
 *
 * Digests are FNV-1a 64 over the fields: a change detector, not a
 * security hash.  The set is stored with each plan (io/store.h) as the
 * text mp_outputs_format writes: one line per output,
 * "KIND<TAB>KEY<TAB>HEX<TAB>LEGS<TAB>FTT".
 */
#ifndef MP_OUTPUTS_H
#define MP_OUTPUTS_H

#include <stdbool.h>
#include <stdint.h>
#include "dataset.h"
#include "plan.h"

enum mp_output_kind { MP_OUT_MANIFEST = 'm', MP_OUT_ITINERARY = 'i' };

typedef struct mp_output_digest {
	char kind;        /* enum mp_output_kind */
	char *key;        /* flight id (manifest) or case id (itinerary) */
	uint64_t digest;
	int legs;         /* itinerary: legs booked, 0 when not booked */
	bool ftt;         /* itinerary: a fit-to-travel check date */
} mp_output_digest;

/* Sorted by (kind, key); owns its keys. */
typedef struct mp_outputs {
	mp_output_digest *v;
	int n;
} mp_outputs;

/* What a case's calendar was last published with (io/store.h keeps it
 * per scenario and case): its SEQUENCE, raised with every plan that
 * changes the itinerary's digest and with every confirm or release, and
 * the legs and check date it held, so an ICS can cancel what is gone. */
typedef struct mp_journey {
	int sequence;
	int legs;         /* the most legs ever published, 0 never */
	bool ftt;         /* a check date was ever published */
} mp_journey;

void mp_outputs_init(mp_outputs *o);
/* Frees the keys and the array; accepts NULL. */
void mp_outputs_release(mp_outputs *o);

/* The digests of every output of plan over ds (which must hold the
 * plan's cases and flights; ones it lacks are hashed as unknown).
 * out is initialised here. */
void mp_outputs_compute(const mp_dataset *ds, const mp_plan *plan, mp_outputs *out);

/* The digest of one output, or NULL. */
const mp_output_digest *mp_outputs_find(const mp_outputs *o, char kind, const char *key);

/* The stored text form (malloc'd) and back.  parse: false on a line it
 * cannot read (out then holds the lines before it). */
char *mp_outputs_format(const mp_outputs *o);
bool mp_outputs_parse(const char *text, mp_outputs *out);

#endif
