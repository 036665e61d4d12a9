/*
 * decode.h - node tree <-> mp_dataset, and scenario layers (SPEC 3).
 * mp_decode is io/decode.c, mp_encode io/encode.c, reading files and
 * layers io/read.c.
 *
 * mp_decode() reads a JSON-shaped tree (from io/json.c or io/xml.c)
 * into a dataset, appending its items: field types, required fields,
 * id and code syntax, dates, enums, SSR codes, integral non-negative
 * counts, unknown keys, strings that are not clean UTF-8.  Every
 * problem is recorded with the file, the node's line and column, the
 * item and the field; decoding goes on after a problem so `check` can
 * list them all.  Defaults of SPEC 1 are applied by mp_dataset_defaults
 * (models/validate.h) after all files are read.
 *
 * mp_encode() builds the canonical tree of a dataset: parts in SPEC
 * order, items in dataset order, empty lists and absent optional fields
 * omitted.  Writing it with mp_json_write or mp_xml_write gives a file
 * import reads back to the same dataset.
 *
 * mp_layer_apply() puts a scenario layer on top of a base tree: items
 * by key; an item with a known key changes only the fields it gives (a
 * list or object given replaces the old one whole); a new key adds the
 * item; "remove": true deletes it.
 */
#ifndef MP_DECODE_H
#define MP_DECODE_H

#include "node.h"
#include "../models/dataset.h"
#include "../models/error.h"

/* Returns the number of problems added to errs (0: all decoded). */
int mp_decode(const mp_node *root, const char *file, mp_dataset *ds, mp_errors *errs);

/* The caller owns the returned tree. */
mp_node *mp_encode(const mp_dataset *ds);

/* Modifies base in place; returns the number of problems added. */
int mp_layer_apply(mp_node *base, const mp_node *layer, const char *file, mp_errors *errs);

/* Parses a file's bytes by its form (first non-blank byte '<' is XML,
 * else JSON).  NULL on error. */
mp_node *mp_parse_bytes(const char *file, const char *buf, size_t len, mp_errors *errs);

/* Reads, parses and decodes several files into ds, appending (io/read.c).
 * Neither defaults nor validates: the caller runs mp_validate_keys (a
 * key given twice among the files is a duplicate, SPEC 3), then
 * mp_dataset_defaults and mp_validate (models/validate.h).  Returns
 * MP_OK, or the status of the problems added to errs (MP_EDATA,
 * MP_ENOINPUT). */
int mp_read_dataset(const char *const *files, int n_files, mp_dataset *ds, mp_errors *errs);

#endif
