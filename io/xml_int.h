/*
 * xml_int.h - what the XML reader (xml.c) and writer (xml_write.c)
 * share; private to them.
 */
#ifndef MP_XML_INT_H
#define MP_XML_INT_H

#include <stddef.h>
#include "xml.h"

#define XML_NS "urn:movplan:1"

/* The parts in SPEC 1's order: wrapper element, item element, key. */
#define XML_N_PARTS 9
struct xml_part {
	const char *wrapper, *item, *key;
};
extern const struct xml_part xml_parts[XML_N_PARTS];

/* Sets libxml2 up once: its messages never reach stderr, from this
 * module or another. */
void xml_lib_init(void);

/* Length of the UTF-8 sequence at s (1-4), 0 when it is not UTF-8
 * (overlong forms, surrogates and code points past U+10FFFF included). */
size_t xml_utf8_len(const unsigned char *s, size_t left);

#endif
