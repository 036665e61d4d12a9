/*
 * generate.h - realistic synthetic missions for trials and benchmarks
 * (`movplan generate`, SPEC 4).
 *
 * A generated dataset is one mission boarding at one origin airport
 * (TIA) with as_of 2026-11-30: destination airports in several
 * countries, direct flights and two-leg connections through hubs,
 * monthly country quotas and a weekly reception capacity that bind,
 * arrival and transit rules, clinics, escorts, families of cases with
 * assistance needs, and a few proposed bookings.  Two profiles: the
 * default one, and "tight", where every limit binds (issue 11).  Pure
 * C, libc only, no I/O; deterministic for a (preset, profile, seed)
 * triple on every platform (its own PRNG, never rand()).
 */
#ifndef MP_GENERATE_H
#define MP_GENERATE_H

#include "dataset.h"
#include "error.h"

/* Presets: "small" (300 cases, 40 flights), "medium" (5000 cases, 800
 * flights), "large" (20000 cases, 3000 flights).  With the tight
 * profile: small 300 cases, about 350 flights over 60 days through 3
 * hubs (seat blocks of 4-16, a 30-40-seat charter every other week);
 * medium 5,000 cases, about 1,000 flights over 90 days through 4 hubs
 * (blocks of 10-40, a 150-200-seat charter every week); large 20,000
 * cases, about 1,400 flights through 5 hubs (blocks of 10-80, the same
 * charter). */

/* Fills ds, which must be freshly initialised (mp_dataset_init) and
 * empty, with the preset's dataset for seed.  Every defaulted field of
 * SPEC 1 holds its value (as after decoding), optional fields not
 * generated stay absent (MP_ABSENT, MP_NODATE, NULL); every id is
 * valid (mp_id_valid) and every reference resolves.  Items come in
 * canonical order (mp_dataset_sort).  Returns MP_OK, or MP_EUSAGE with
 * a record in errs when preset is NULL or unknown (ds left empty). */
int mp_generate(const char *preset, unsigned long seed, mp_dataset *ds, mp_errors *errs);

/* The same for a profile: "default" (NULL too: mp_generate's dataset,
 * byte for byte) or "tight" (issue 11: demand 15-25 % above what seats
 * and quotas carry, about a quarter of the cases unable to travel
 * within the horizon, 120-160 itineraries per case through several
 * hubs, one large weekly charter to Toronto among small seat blocks,
 * many escorts, three arrival and three transit rules, one clinic;
 * see generate.c).  Returns MP_EUSAGE with a record in errs for an
 * unknown preset or profile. */
int mp_generate_profile(const char *preset, const char *profile, unsigned long seed,
			mp_dataset *ds, mp_errors *errs);

/* Target sizes of a preset (default profile); false when unknown. */
bool mp_generate_preset_size(const char *preset, int *n_cases, int *n_flights);

#endif
