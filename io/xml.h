/*
 * xml.h - XML text <-> mp_node tree, with libxml2 underneath.
 *
 * The XML form of SPEC 3: namespace urn:movplan:1, root
 * <movplan version="1">, <mission> an element, every other part an
 * element (<flights>) holding one element per item (<flight>), scalar
 * fields as attributes, lists of scalars as space-separated attribute
 * values, objects as child elements named as their field, members as
 * repeated <member> children of <case>.  io/movplan.xsd is the schema,
 * compiled into the binary (mp_xsd_text) and checked on every input.
 *
 * mp_xml_parse() parses safely - XML_PARSE_NONET, never NOENT, DTDLOAD,
 * DTDVALID, XINCLUDE or HUGE; any DOCTYPE is rejected outright; input
 * size and nesting are bounded - validates against the XSD, and turns
 * the document into the JSON-shaped tree of node.h: attributes become
 * MP_NODE_TEXT scalars keyed by attribute name, with the element's line.
 * Schema and parser messages become "file:line: item: field: message"
 * records with status 65; libxml2's own text is not passed on, since it
 * quotes values that may be personal data.  Returns NULL on error.
 *
 * mp_xml_write() (xml_write.c) writes a JSON-shaped tree (as
 * mp_encode() of io/encode.c makes it) as an XML document that mp_xml_parse() accepts and the XSD
 * validates; returns a malloc'd string.  Numbers are written as
 * integers when integral, booleans as true/false, arrays of scalars as
 * space-separated values.
 *
 * The XML manifest of reports/ is written by reports/manifest_xml.c
 * against its own schema (reports/manifest.xsd).
 */
#ifndef MP_XML_H
#define MP_XML_H

#include <stddef.h>
#include "node.h"
#include "../models/error.h"

#define MP_XML_MAX_DEPTH 32

extern const char mp_xsd_text[];
extern const unsigned long mp_xsd_text_len;

mp_node *mp_xml_parse(const char *file, const char *buf, size_t len, mp_errors *errs);
char *mp_xml_write(const mp_node *root);

/* Validates an XML document in memory against the shipped XSD (used by
 * tests and by writers' self-checks).  0 when valid. */
int mp_xml_validate(const char *buf, size_t len, mp_errors *errs);

#endif
