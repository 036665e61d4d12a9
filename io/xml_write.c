/*
 * xml_write.c - a JSON-shaped node tree as the XML form of SPEC 3
 * (mp_xml_write, see xml.h): parts in SPEC 1's order, scalars and lists
 * of scalars as attributes, objects and lists of objects as child
 * elements in the order of SPEC 1's tables.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "xml_int.h"

static bool is_scalar(const mp_node *n)
{
	return n->kind == MP_NODE_STRING || n->kind == MP_NODE_TEXT ||
	       n->kind == MP_NODE_NUMBER || n->kind == MP_NODE_BOOL;
}

static bool is_object_array(const mp_node *n)
{
	return n->kind == MP_NODE_ARRAY && n->child && n->child->kind == MP_NODE_OBJECT;
}

/* Integers without a fraction, else the shortest decimal that reads
 * back to the same double (never an exponent: xs:decimal has none). */
static void format_number(double v, char *out, size_t cap)
{
	if (!isfinite(v)) {
		snprintf(out, cap, "%s", "NaN");
		return;
	}
	if (v == trunc(v)) {
		snprintf(out, cap, "%.0f", v == 0 ? 0.0 : v);
		return;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(out, cap, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if (!strchr(out, 'e'))
		return;
	for (int p = 1; p <= 340; p++) {
		snprintf(out, cap, "%.*f", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

/* A scalar's text, malloc'd; NULL for kinds that are not scalars. */
static char *scalar_text(const mp_node *n)
{
	char num[400];
	switch (n->kind) {
	case MP_NODE_STRING:
	case MP_NODE_TEXT:
		return mp_xstrdup(n->str ? n->str : "");
	case MP_NODE_NUMBER:
		format_number(n->num, num, sizeof num);
		return mp_xstrdup(num);
	case MP_NODE_BOOL:
		return mp_xstrdup(n->b ? "true" : "false");
	default:
		return NULL;
	}
}

/* Space-joined scalars of an array; NULL when it has none. */
static char *joined_text(const mp_node *arr)
{
	char *s = NULL;
	for (const mp_node *c = arr->child; c; c = c->next) {
		char *t = scalar_text(c);
		if (!t)
			continue;
		char *j = s ? mp_xasprintf("%s %s", s, t) : t;
		if (s) {
			free(s);
			free(t);
		}
		s = j;
	}
	return s;
}

/* Text XML can carry: UTF-8 without C0 controls but tab, newline and
 * return (which the writer escapes). */
static bool writable(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		size_t n = xml_utf8_len(u + i, len - i);
		if (n == 0 || (n == 1 && u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
			       u[i] != '\r'))
			return false;
		i += n;
	}
	return true;
}

static bool xml_name_ok(const char *s)
{
	return s && xmlValidateNCName(BAD_CAST s, 0) == 0;
}

/* The singular element name of an array's items. */
static const char *singular(const char *key)
{
	if (strcmp(key, "members") == 0)
		return "member";
	for (size_t i = 0; i < XML_N_PARTS; i++)
		if (strcmp(key, xml_parts[i].wrapper) == 0)
			return xml_parts[i].item;
	return key;
}

/* Child elements go in the order of the fields in SPEC 1's table,
 * whatever the tree's order; others follow in tree order. */
static int child_rank(const char *key)
{
	static const char *const order[] = {
		"destination", "members", "medical", "document", "pregnancy", "limits",
	};
	for (int i = 0; i < (int)(sizeof order / sizeof order[0]); i++)
		if (strcmp(key, order[i]) == 0)
			return i;
	return (int)(sizeof order / sizeof order[0]);
}

#define N_RANKS 7

static int write_object(xmlTextWriterPtr w, const char *name, const mp_node *obj);

static int write_attr(xmlTextWriterPtr w, const mp_node *c)
{
	char *v = c->kind == MP_NODE_ARRAY ? joined_text(c) : scalar_text(c);
	int rc = 0;
	if (v && !writable(v))
		rc = -1;
	else if (v && xml_name_ok(c->key))
		rc = xmlTextWriterWriteAttribute(w, BAD_CAST c->key, BAD_CAST v) < 0 ? -1 : 0;
	free(v);
	return rc;
}

static int write_children(xmlTextWriterPtr w, const mp_node *obj)
{
	for (int rank = 0; rank < N_RANKS; rank++) {
		for (const mp_node *c = obj->child; c; c = c->next) {
			if (!c->key || child_rank(c->key) != rank)
				continue;
			if (c->kind == MP_NODE_OBJECT && write_object(w, c->key, c) < 0)
				return -1;
			if (!is_object_array(c))
				continue;
			for (const mp_node *i = c->child; i; i = i->next)
				if (i->kind == MP_NODE_OBJECT &&
				    write_object(w, singular(c->key), i) < 0)
					return -1;
		}
	}
	return 0;
}

/* An object as an element: scalars and lists of scalars as attributes
 * in tree order, objects and lists of objects as child elements. */
static int write_object(xmlTextWriterPtr w, const char *name, const mp_node *obj)
{
	if (!xml_name_ok(name))
		return 0;
	if (xmlTextWriterStartElement(w, BAD_CAST name) < 0)
		return -1;
	for (const mp_node *c = obj->child; c; c = c->next)
		if (c->key && (is_scalar(c) || (c->kind == MP_NODE_ARRAY && !is_object_array(c))) &&
		    write_attr(w, c) < 0)
			return -1;
	if (write_children(w, obj) < 0)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int write_root(xmlTextWriterPtr w, const mp_node *root)
{
	const mp_node *ver = mp_node_get(root, "movplan");
	char *v = ver ? scalar_text(ver) : NULL;
	int rc = 0;
	if (!v || !writable(v)) {
		free(v);
		v = mp_xstrdup("1");
	}
	if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "movplan") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST XML_NS) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "version", BAD_CAST v) < 0)
		rc = -1;
	free(v);
	if (rc)
		return -1;
	const mp_node *mission = mp_node_get(root, "mission");
	if (mission && mission->kind == MP_NODE_OBJECT && write_object(w, "mission", mission) < 0)
		return -1;
	for (size_t i = 0; i < XML_N_PARTS; i++) {
		const mp_node *arr = mp_node_get(root, xml_parts[i].wrapper);
		if (!arr || arr->kind != MP_NODE_ARRAY)
			continue;
		if (xmlTextWriterStartElement(w, BAD_CAST xml_parts[i].wrapper) < 0)
			return -1;
		for (const mp_node *c = arr->child; c; c = c->next)
			if (c->kind == MP_NODE_OBJECT && write_object(w, xml_parts[i].item, c) < 0)
				return -1;
		if (xmlTextWriterEndElement(w) < 0)
			return -1;
	}
	if (xmlTextWriterEndElement(w) < 0 || xmlTextWriterEndDocument(w) < 0)
		return -1;
	return 0;
}

char *mp_xml_write(const mp_node *root)
{
	char *out = NULL;
	xmlTextWriterPtr w = NULL;
	xml_lib_init();
	xmlBufferPtr buf = xmlBufferCreate();
	if (!buf || !root || root->kind != MP_NODE_OBJECT)
		goto out;
	w = xmlNewTextWriterMemory(buf, 0);
	if (!w)
		goto out;
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, BAD_CAST " ") < 0)
		goto out;
	int rc = write_root(w, root);
	xmlFreeTextWriter(w); /* flushes into buf */
	w = NULL;
	if (rc == 0)
		out = mp_xstrdup((const char *)xmlBufferContent(buf));
out:
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return out;
}
