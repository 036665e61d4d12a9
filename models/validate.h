/*
 * validate.h - the rules of SPEC 1 and 3 that span items: defaults,
 * uniqueness of keys, references, ranges, one currency, one mission.
 *
 * Field-level checks (types, syntax, required fields) happen while
 * decoding (io/decode.c); these run on the whole dataset after every
 * file is read, and name each problem by the item's file and line.
 */
#ifndef MP_VALIDATE_H
#define MP_VALIDATE_H

#include "dataset.h"
#include "error.h"

/* Applies SPEC 1 defaults: as_of today, horizon 90, mct 60, max
 * connection 1440, stretcher seats 6, covers 3, turnaround 7, case
 * origin the mission's. */
void mp_dataset_defaults(mp_dataset *ds);

/* Every rule below, duplicates included.  Returns the number of
 * problems added. */
int mp_validate(const mp_dataset *ds, mp_errors *errs);

/* Only duplicate keys (SPEC 3: a key given twice among the files read
 * together), for a set of files that will replace items of a database. */
int mp_validate_keys(const mp_dataset *ds, mp_errors *errs);

#endif
