/*
 * rp_xw.c - the xmlTextWriter wrapper of the XML report writers (see
 * rp_xw.h).
 */
#include <stdio.h>
#include "rp_xw.h"

void rp_xw_start(rp_xw *x, const char *name)
{
	x->ok &= xmlTextWriterStartElement(x->w, BAD_CAST name) >= 0;
}

void rp_xw_end(rp_xw *x)
{
	x->ok &= xmlTextWriterEndElement(x->w) >= 0;
}

void rp_xw_attr(rp_xw *x, const char *name, const char *value)
{
	if (value && *value)
		x->ok &= xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) >= 0;
}

void rp_xw_int(rp_xw *x, const char *name, int v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%d", v);
	rp_xw_attr(x, name, buf);
}

void rp_xw_date(rp_xw *x, const char *name, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d != MP_NODATE)
		rp_xw_attr(x, name, rp_date(d, buf));
}

static void document(rp_xw *x, const char *root, void (*body)(rp_xw *x, const void *arg),
		     const void *arg)
{
	x->ok &= xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) >= 0;
	x->ok &= xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST root,
					     BAD_CAST "urn:movplan:1") >= 0;
	body(x, arg);
	rp_xw_end(x);
	x->ok &= xmlTextWriterEndDocument(x->w) >= 0;
}

int rp_xw_document(rp_buf *b, const char *root, void (*body)(rp_xw *x, const void *arg),
		   const void *arg, mp_errors *errs)
{
	xmlBufferPtr buf = xmlBufferCreate();
	rp_xw x = {NULL, buf != NULL};
	if (buf)
		x.w = xmlNewTextWriterMemory(buf, 0);
	if (!x.w) {
		xmlBufferFree(buf);
		return rp_internal(errs, "xml writer");
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST " ");
	document(&x, root, body, arg);
	xmlFreeTextWriter(x.w); /* flushes into buf */
	if (x.ok)
		rp_buf_putn(b, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return x.ok ? MP_OK : rp_internal(errs, "xml serialisation");
}
