/*
 * reports.h - what people read: manifests, itineraries, the report,
 * scenario comparison.
 *
 * Every writer reads a dataset and a plan and writes to a stream it is
 * given; none opens files except mp_report_write_dir.  Manifests and
 * itineraries carry names and documents (SPEC 5: the only outputs that
 * may); the report and the comparison name cases by id only.
 */
#ifndef MP_REPORTS_H
#define MP_REPORTS_H

#include <stdbool.h>
#include <stdio.h>
#include "../models/dataset.h"
#include "../models/plan.h"
#include "../models/error.h"
#include "../models/decide.h"

enum mp_manifest_format { MP_MANIFEST_CSV, MP_MANIFEST_JSON, MP_MANIFEST_XML, MP_MANIFEST_PAXLST };

/* Who a manifest names by transliteration rather than by the document's
 * own MRZ names: "case 'X': member 'Y': family_name given_names" (ids
 * and field names only, so it may go to stderr).  Owns its strings
 * (mp_strv_free). */
typedef struct mp_name_notes {
	char **v;
	int n;
} mp_name_notes;

typedef struct mp_manifest_options {
	enum mp_manifest_format format;
	const char *sender, *recipient; /* PAXLST interchange ids; NULL: the mission's */
	const char *now;                /* preparation date-time for UNB, "YYMMDD:HHMM"; NULL: current time */
	int max_per_part;               /* PAXLST passengers per part; 0: default 99 */
	int paxlst_compact;             /* PAXLST: no LF after each segment terminator */
	bool confirmed_only;            /* only confirmed bookings (and their escorts) */
	mp_name_notes *transliterated;  /* when not NULL: filled, see mp_name_notes */
} mp_manifest_options;

/* The passenger list of one flight leg.  MP_EDATA when the flight does
 * not exist. */
int mp_manifest_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, const mp_manifest_options *o, mp_errors *errs);

enum mp_itinerary_format { MP_ITIN_TEXT, MP_ITIN_JSON, MP_ITIN_ICS, MP_ITIN_HTML };
/* One case's journey for the family, in the case's language (SPEC 1
 * `language`; en by default).  MP_EDATA when the case does not exist; a
 * case not booked gets a page saying only that it is not yet booked and
 * that the caseworker will contact the family. */
int mp_itinerary_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		       const char *case_id, enum mp_itinerary_format f, mp_errors *errs);
/* The same in the language of a BCP 47 tag (NULL: the case's).  A
 * language without a catalog is written in English. */
int mp_itinerary_write_lang(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			    const char *case_id, enum mp_itinerary_format f, const char *lang,
			    mp_errors *errs);
/* Whether itineraries have a catalog for a BCP 47 tag (en, fa/prs Dari,
 * ps Pashto); NULL or "" is English. */
bool mp_itinerary_language_known(const char *tag);

/* The iCalendar form of one case's journey that follows the plan
 * (itinerary_ics.c): journey is what its calendar was published with
 * (NULL: never), for SEQUENCE and to cancel what is gone. */
struct mp_journey;
int mp_itinerary_write_ics(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			   const char *case_id, const char *lang,
			   const struct mp_journey *journey, mp_errors *errs);

enum mp_notice_format { MP_NOTICE_CSV, MP_NOTICE_JSON, MP_NOTICE_XML, MP_NOTICE_HTML };

typedef struct mp_notice_options {
	enum mp_notice_format format;
	const char *country;   /* ISO 3166-1 code of the receiving country */
	mp_date from, to;      /* local arrival dates, inclusive; MP_NODATE: open */
	bool with_names;       /* members' names, sex and birth dates (SPEC 5) */
} mp_notice_options;

/* The arrival notice for a receiving country (SPEC 4 `notice`): per
 * arrival date and airport, the cases and persons arriving, age groups,
 * needs in words, escorts, flight and local arrival time, and a cover
 * summary.  MP_EDATA for a country the dataset does not know; names
 * only with with_names. */
int mp_notice_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		    const mp_notice_options *o, mp_errors *errs);

enum mp_report_format { MP_REPORT_HTML, MP_REPORT_JSON, MP_REPORT_CSV };
/* bn: the bottlenecks (planner/decide.h) for their section; NULL: the
 * section says how to compute them. */
int mp_report_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		    const mp_bottlenecks *bn, enum mp_report_format f, mp_errors *errs);
/* index.html, plan.json and one CSV per table into dir (created 0700,
 * files 0600). */
int mp_report_write_dir(const char *dir, const mp_dataset *ds, const mp_plan *plan,
			const mp_bottlenecks *bn, mp_errors *errs);

/* The binding limits and what more of each is worth (planner/decide.h's
 * mp_bottlenecks_find): text for people, JSON, or CSV with one row per
 * measured step. */
enum mp_bn_format { MP_BN_TEXT, MP_BN_JSON, MP_BN_CSV };
int mp_bottlenecks_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
			 const mp_bottlenecks *bn, enum mp_bn_format f, mp_errors *errs);

/* Two scenarios side by side. json: machine-readable. */
int mp_compare_write(FILE *out, const char *name1, const mp_dataset *ds1, const mp_plan *p1,
		     const char *name2, const mp_dataset *ds2, const mp_plan *p2,
		     int json, mp_errors *errs);

#endif
