/*
 * decode_util.h - typed field access on mp_node objects for the
 * decoders (dataset and plan).  Private to io/.
 *
 * A decode context names the file and the item being read; every
 * getter records a problem (file:line:col: item: field: message) and
 * returns a neutral value when the field is missing or mistyped, so
 * decoding continues and reports every problem.  Values of fields are
 * never quoted in messages (they may be personal data).
 */
#ifndef MP_DECODE_UTIL_H
#define MP_DECODE_UTIL_H

#include <stdbool.h>
#include "node.h"
#include "../models/dataset.h"
#include "../models/error.h"

typedef struct mp_dctx {
	const char *file;
	mp_errors *errs;
	char item[256];   /* "case 'AFG-0001': member 'AFG-0001-01'" */
	const mp_node *obj; /* the item's object */
	int n_err;
} mp_dctx;

/* Records a problem at node n (or at the item's object when n is NULL). */
void mp_dfail(mp_dctx *c, const mp_node *n, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Checks that every key of obj is in the NULL-terminated list. */
void mp_dkeys(mp_dctx *c, const mp_node *obj, const char *const *allowed);

/* Scalar getters: `req` records "missing" when absent.  Return whether
 * a valid value was stored in *out. */
bool mp_dstr(mp_dctx *c, const char *key, bool req, char **out);
bool mp_did(mp_dctx *c, const char *key, bool req, char **out);   /* SPEC 1 id syntax */
bool mp_dcode(mp_dctx *c, const char *key, bool req, int len, char **out); /* len capital letters */
bool mp_dcount(mp_dctx *c, const char *key, bool req, int *out);  /* whole number 0..1e9 */
bool mp_dnum(mp_dctx *c, const char *key, bool req, double *out); /* finite, >= 0 */
bool mp_dbool(mp_dctx *c, const char *key, bool req, bool *out);
bool mp_ddate(mp_dctx *c, const char *key, bool req, mp_date *out);
/* A date from text s found at node at (a list's element): "out of
 * range" for a year movplan does not take, else "not a calendar date". */
bool mp_dtext_date(mp_dctx *c, const mp_node *at, const char *key, const char *s, mp_date *out);
bool mp_ddatetime(mp_dctx *c, const char *key, bool req, mp_datetime *out);
bool mp_dtod(mp_dctx *c, const char *key, bool req, mp_tod *out);
/* Returns the index in names[] (n entries), -1 when absent/invalid. */
int mp_denum(mp_dctx *c, const char *key, bool req, const char *const *names, int n);

/* List getters: a JSON array of scalars or an XML space-separated text.
 * Each element is passed to `each` with its text; returns the count of
 * elements or -1 on a type error. */
int mp_dlist(mp_dctx *c, const char *key, bool req,
	     bool (*each)(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg),
	     void *arg);

/* The scalar text of a node (STRING or TEXT), NULL otherwise. */
const char *mp_dtext(const mp_node *n);

#endif
