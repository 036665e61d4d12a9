/*
 * json.h - JSON text <-> mp_node tree, with cJSON underneath.
 *
 * mp_json_parse() accepts one JSON value (the dataset object, a layer
 * or a plan) and returns its tree with the line and column of every
 * value.  It rejects, each with file:line:col and exit status 65:
 *   - syntax errors (position from cJSON_ParseWithLengthOpts's
 *     return_parse_end, counted in lines and columns, never the global
 *     error pointer);
 *   - trailing garbage after the value;
 *   - text that is not UTF-8, and control characters inside strings
 *     (raw, or escaped \u0000-\u001f other than \t \n \r);
 *   - duplicate keys in one object (cJSON keeps both);
 *   - nesting deeper than MP_JSON_MAX_DEPTH, input larger than
 *     MP_INPUT_MAX bytes;
 *   - numbers that are not finite.
 * Numbers stay doubles here; the decoder checks integrality and range.
 * The caller owns the returned tree (mp_node_free).  NULL on error.
 *
 * mp_json_write() serialises a tree as UTF-8 JSON, one-space indent,
 * keys in tree order, integers without a fraction; returns a malloc'd
 * NUL-terminated string the caller frees.
 */
#ifndef MP_JSON_H
#define MP_JSON_H

#include <stddef.h>
#include "node.h"
#include "../models/error.h"

#define MP_JSON_MAX_DEPTH 64
#define MP_INPUT_MAX (64u * 1024u * 1024u) /* 64 MiB: a 20,000-case mission is ~20 MiB; parsing takes ~20x the input in memory */

mp_node *mp_json_parse(const char *file, const char *buf, size_t len, mp_errors *errs);
char *mp_json_write(const mp_node *root);

#endif
