/*
 * node.h - a neutral document tree that both readers produce and both
 * writers consume.
 *
 * The JSON reader (io/json.c) and the XML reader (io/xml.c) turn bytes
 * into the same shape: the JSON shape of SPEC 3 (an object whose keys
 * are the parts, "mission" an object, every other part an array of item
 * objects, "members" an array inside a case, objects for destination,
 * medical, document, pregnancy and limits).  Every node knows the line
 * and column it came from, so the decoder (io/decode.c) can name them.
 *
 * XML gives every scalar as text: an XML scalar node has kind
 * MP_NODE_TEXT and the decoder converts it by the field's type (numbers,
 * booleans "true"/"false", space-separated lists).  JSON scalars come
 * typed (STRING, NUMBER, BOOL, NULL).
 *
 * Ownership: a node owns its key, its text and its children; freeing
 * the root with mp_node_free() frees the whole tree.
 */
#ifndef MP_NODE_H
#define MP_NODE_H

#include <stdbool.h>
#include "../models/date.h"

enum mp_node_kind {
	MP_NODE_NULL,
	MP_NODE_BOOL,
	MP_NODE_NUMBER,
	MP_NODE_STRING,
	MP_NODE_TEXT,   /* an XML attribute value, typed by the decoder */
	MP_NODE_ARRAY,
	MP_NODE_OBJECT,
};

typedef struct mp_node {
	enum mp_node_kind kind;
	char *key;          /* member name inside an object, else NULL */
	char *str;          /* STRING and TEXT: the value, UTF-8 */
	double num;         /* NUMBER */
	bool b;             /* BOOL */
	int line, col;      /* where the value starts; 0 unknown */
	const char *src;    /* file it came from when it differs from the
			     * tree's (scenario layers); borrowed, may be NULL */
	struct mp_node *child, *last; /* ARRAY and OBJECT, in document order */
	struct mp_node *next;
	int n_children;
} mp_node;

mp_node *mp_node_new(enum mp_node_kind kind, const char *key, int line, int col);
/* Frees the node, its children and its siblings after it are NOT freed:
 * only this node and its subtree.  Accepts NULL. */
void mp_node_free(mp_node *n);
/* Appends child to parent (ownership moves to parent). */
void mp_node_append(mp_node *parent, mp_node *child);
/* First child with this key, or NULL. */
mp_node *mp_node_get(const mp_node *obj, const char *key);
/* Removes and returns the child with this key (ownership to caller). */
mp_node *mp_node_detach(mp_node *obj, const char *key);
/* Deep copy (key included). */
mp_node *mp_node_clone(const mp_node *n);

/* Convenience constructors for writers (line/col 0). */
mp_node *mp_node_str(const char *key, const char *s);   /* NULL s -> NULL */
mp_node *mp_node_num(const char *key, double v);
mp_node *mp_node_bool(const char *key, bool v);
mp_node *mp_node_obj(const char *key);
mp_node *mp_node_arr(const char *key);
/* An array of strings; a date, a date-time as SPEC 1 writes them (NULL
 * when absent, which mp_node_append skips). */
mp_node *mp_node_str_array(const char *key, char *const *v, int n);
mp_node *mp_node_date(const char *key, mp_date d);
mp_node *mp_node_datetime(const char *key, mp_datetime dt);

#endif
