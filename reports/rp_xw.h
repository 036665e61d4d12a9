/*
 * rp_xw.h - the little xmlTextWriter wrapper the XML report writers
 * share (manifest_xml.c, notice_html.c; internal to reports/).
 *
 * Every call records failure in x->ok and does nothing useful after a
 * failure, so a writer checks once at the end.  An attribute whose
 * value is NULL, empty or no date is left out.
 */
#ifndef MP_RP_XW_H
#define MP_RP_XW_H

#include <stdbool.h>
#include <libxml/xmlwriter.h>
#include "rp.h"

typedef struct rp_xw {
	xmlTextWriterPtr w;
	bool ok;
} rp_xw;

void rp_xw_start(rp_xw *x, const char *name);
void rp_xw_end(rp_xw *x);
void rp_xw_attr(rp_xw *x, const char *name, const char *value);
void rp_xw_int(rp_xw *x, const char *name, int v);
void rp_xw_date(rp_xw *x, const char *name, mp_date d);

/* Writes one indented UTF-8 document whose root element is `root` in
 * the namespace urn:movplan:1: body(x, arg) writes the root's attributes
 * and children.  Appends the document to b; MP_EINTERNAL with a
 * record when libxml2 fails (nothing appended). */
int rp_xw_document(rp_buf *b, const char *root, void (*body)(rp_xw *x, const void *arg),
		   const void *arg, mp_errors *errs);

#endif
