/*
 * xml.c - the XML form of SPEC 3 with libxml2: safe parsing, validation
 * against the embedded XSD (io/movplan.xsd), conversion to the
 * JSON-shaped node tree of node.h (see xml.h; the writer is xml_write.c).
 *
 * Hostile input (SPEC 5): a DOCTYPE is refused before libxml2 sees the
 * bytes, so no entity can be declared, expanded or loaded; the bytes
 * must be UTF-8 without control characters; the parser runs with
 * XML_PARSE_NONET and never NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE;
 * a SAX hook stops it past MP_XML_MAX_DEPTH elements.  libxml2 reports
 * only through structured handlers, so it never prints, and its message
 * text is never passed on since it quotes values (personal data).
 *
 * Not reentrant across threads: libxml2's error handlers are set per
 * call on the calling thread, and the schema is compiled once, lazily.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include "xml_int.h"
#include "json.h" /* MP_INPUT_MAX */
#include "../models/dataset.h" /* mp_id_valid */

#define MAX_SCHEMA_ERRORS 200

/* SAFETY: the only parser options; never NOENT, DTDLOAD, DTDVALID,
 * XINCLUDE or HUGE.  IGNORE_ENC because the bytes are checked to be
 * UTF-8 and read as such, whatever the declaration says. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA)


/* Parts in SPEC 1's order: wrapper element, item element, key. */
const struct xml_part xml_parts[XML_N_PARTS] = {
	{"airports", "airport", "code"},
	{"flights", "flight", "id"},
	{"quotas", "quota", "id"},
	{"arrival_rules", "arrival_rule", "country"},
	{"transit_rules", "transit_rule", "country"},
	{"clinics", "clinic", "id"},
	{"escorts", "escort", "id"},
	{"cases", "case", "id"},
	{"bookings", "booking", "case"},
};

/* One parse or validation. */
struct run {
	const char *file;
	mp_errors *errs;
	int n_added;
	bool parse_failed;
	bool too_deep;
	int deep_line, deep_col;
	const xmlNode *last_node; /* the last schema error, to drop repeats */
	char last_field[160];
};

static void add(struct run *r, int line, int col, const char *item,
		const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void add(struct run *r, int line, int col, const char *item,
		const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(r->errs, MP_EDATA, r->file, line, col, item, field, fmt, ap);
	va_end(ap);
	r->n_added++;
}

static const struct xml_part *part_by_wrapper(const xmlChar *name)
{
	for (size_t i = 0; i < XML_N_PARTS; i++)
		if (xmlStrEqual(name, BAD_CAST xml_parts[i].wrapper))
			return &xml_parts[i];
	return NULL;
}

static bool is_ns(const xmlNode *n)
{
	return n->ns && xmlStrEqual(n->ns->href, BAD_CAST XML_NS);
}

static bool named(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* ------------------------------------------------------------------ */
/* libxml2 set-up: quiet handlers, the schema                          */

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

/* No libxml2 message ever reaches stderr, from this module or another. */
void xml_lib_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
}

/* The compiled schema, parsed once; NULL if the embedded text is bad
 * (a build bug).  Lives until exit. */
static xmlSchemaPtr schema(void)
{
	static xmlSchemaPtr compiled;
	static bool tried;
	if (tried)
		return compiled;
	tried = true;
	xml_lib_init();
	xmlSchemaParserCtxtPtr pc =
		xmlSchemaNewMemParserCtxt(mp_xsd_text, (int)mp_xsd_text_len);
	if (!pc)
		return NULL;
	xmlSchemaSetParserStructuredErrors(pc, quiet_structured, NULL);
	compiled = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	return compiled;
}

/* ------------------------------------------------------------------ */
/* Byte checks before parsing                                          */

/* See xml_int.h. */
size_t xml_utf8_len(const unsigned char *s, size_t left)
{
	unsigned c = s[0];
	size_t n;
	unsigned lo = 0x80, hi = 0xbf;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (left < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* A control character: C0 but tab, newline and return; DEL; C1. */
static bool is_control(const unsigned char *s, size_t n)
{
	if (n == 1)
		return (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r') ||
		       s[0] == 0x7f;
	return n == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

/* Offset of the first byte that is not UTF-8 or starts a control
 * character, or len; *why says which. */
static size_t bad_text(const unsigned char *s, size_t len, const char **why)
{
	size_t i = 0;
	while (i < len) {
		size_t n = xml_utf8_len(s + i, len - i);
		if (n == 0) {
			*why = "text is not UTF-8";
			return i;
		}
		if (is_control(s + i, n)) {
			*why = "text holds a control character";
			return i;
		}
		i += n;
	}
	return len;
}

/* Line and column (in characters) of byte offset off. */
static void position(const char *buf, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n') {
			++*line;
			*col = 1;
		} else if ((c & 0xc0) != 0x80) {
			++*col;
		}
	}
}

/* SPEC 3, SPEC 5: size, encoding, control characters, no DOCTYPE. */
/* Whether the XML declaration, if any, names UTF-8 (or none, or its
 * subset US-ASCII): the bytes are read as UTF-8 whatever it says
 * (XML_PARSE_IGNORE_ENC), so a file that declares EBCDIC or UTF-16 is
 * refused rather than misread. */
static bool utf8_declared(const char *buf, size_t len)
{
	size_t i = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* a BOM */
	while (i < len && strchr(" \t\r\n", buf[i]))
		i++;
	if (len - i < 5 || memcmp(buf + i, "<?xml", 5) != 0)
		return true;
	const char *end = memmem(buf + i, len - i, "?>", 2);
	size_t dlen = end ? (size_t)(end - (buf + i)) : len - i;
	const char *enc = memmem(buf + i, dlen, "encoding", 8);
	if (!enc)
		return true;
	const char *q = enc + 8;
	while (q < buf + i + dlen && strchr(" \t\r\n=", *q))
		q++;
	if (q >= buf + i + dlen || (*q != '"' && *q != '\''))
		return false;
	char quote = *q++;
	const char *e = memchr(q, quote, (size_t)(buf + i + dlen - q));
	if (!e)
		return false;
	size_t n = (size_t)(e - q);
	static const char *const ok[] = {"UTF-8", "UTF8", "US-ASCII", "ASCII"};
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
		if (n == strlen(ok[k]) && strncasecmp(q, ok[k], n) == 0)
			return true;
	return false;
}

static bool precheck(struct run *r, const char *buf, size_t len)
{
	int line, col;
	const char *why = NULL;
	if (len > MP_INPUT_MAX) {
		add(r, 0, 0, NULL, NULL, "file larger than %u bytes", MP_INPUT_MAX);
		return false;
	}
	size_t bad = bad_text((const unsigned char *)buf, len, &why);
	if (bad < len) {
		position(buf, bad, &line, &col);
		add(r, line, col, NULL, NULL, "%s", why);
		return false;
	}
	if (!utf8_declared(buf, len)) {
		add(r, 1, 1, NULL, NULL, "the XML declaration names an encoding other than UTF-8"
		    " (movplan reads UTF-8 only)");
		return false;
	}
	/* SAFETY: the byte scan is exact since the text is UTF-8; a
	 * "<!DOCTYPE" anywhere (even in a comment) is refused. */
	const char *dt = memmem(buf, len, "<!DOCTYPE", 9);
	if (dt) {
		position(buf, (size_t)(dt - buf), &line, &col);
		add(r, line, col, NULL, NULL, "document type declarations are not allowed");
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

/* A fixed, value-free description of a parser error. */
static const char *parse_problem(int code)
{
	switch (code) {
	case XML_ERR_DOCUMENT_EMPTY: return "the document is empty";
	case XML_ERR_DOCUMENT_END: return "content after the root element";
	case XML_ERR_DOCUMENT_START: return "no root element";
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_CHARREF:
		return "a character not allowed in XML, or text that is not UTF-8";
	case XML_ERR_INVALID_ENCODING:
	case XML_ERR_UNSUPPORTED_ENCODING:
		return "text that is not UTF-8";
	case XML_ERR_TAG_NOT_FINISHED:
	case XML_ERR_LTSLASH_REQUIRED:
		return "an element is not closed: truncated document?";
	case XML_ERR_TAG_NAME_MISMATCH: return "end tag does not match start tag";
	case XML_ERR_GT_REQUIRED: return "'>' expected";
	case XML_ERR_LT_IN_ATTRIBUTE: return "'<' inside an attribute value";
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
	case XML_ERR_LITERAL_NOT_STARTED:
	case XML_ERR_LITERAL_NOT_FINISHED:
		return "a malformed attribute";
	case XML_ERR_ATTRIBUTE_REDEFINED: return "an attribute given twice";
	case XML_ERR_EQUAL_REQUIRED: return "'=' expected after an attribute name";
	case XML_ERR_SPACE_REQUIRED: return "white space expected";
	case XML_ERR_NAME_REQUIRED: return "a name expected";
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
	case XML_ERR_ENTITYREF_NO_NAME:
		return "an undefined or malformed entity reference";
	case XML_ERR_COMMENT_NOT_FINISHED: return "a comment is not closed";
	case XML_ERR_CDATA_NOT_FINISHED: return "a CDATA section is not closed";
	case XML_ERR_PI_NOT_FINISHED:
	case XML_ERR_PI_NOT_STARTED:
		return "a malformed processing instruction";
	case XML_ERR_RESERVED_XML_NAME: return "an XML declaration not at the start";
	case XML_ERR_XMLDECL_NOT_STARTED:
	case XML_ERR_XMLDECL_NOT_FINISHED:
	case XML_ERR_VERSION_MISSING:
	case XML_ERR_UNKNOWN_VERSION:
		return "a malformed XML declaration";
	case XML_ERR_EXT_SUBSET_NOT_FINISHED:
	case XML_ERR_DOCTYPE_NOT_FINISHED:
		return "document type declarations are not allowed";
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_BOUNDARY:
		return "entities are not allowed";
	case XML_ERR_INTERNAL_ERROR: return "a size or depth limit was exceeded";
	case XML_ERR_NO_MEMORY: return "out of memory";
	case XML_NS_ERR_UNDEFINED_NAMESPACE: return "an undefined namespace prefix";
	case XML_NS_ERR_QNAME: return "a malformed qualified name";
	case XML_NS_ERR_ATTRIBUTE_REDEFINED: return "an attribute given twice";
	case XML_NS_ERR_XML_NAMESPACE:
	case XML_NS_ERR_EMPTY:
		return "a malformed namespace declaration";
	default: return "syntax error";
	}
}

static void parse_error(void *ctx, xmlErrorPtr err)
{
	struct run *r = ctx;
	if (!err || err->level < XML_ERR_ERROR || r->parse_failed || r->too_deep)
		return;
	r->parse_failed = true;
	add(r, err->line, err->int2, NULL, NULL, "not well-formed XML (%s)",
	    parse_problem(err->code));
}

/* SAX hook: stops the parser before an element past the depth limit
 * is built, so a deep document costs nothing; keeps each element's full
 * line number in its _private (libxml2's own field stops at 65535). */
static void start_element(void *ctx, const xmlChar *localname,
			  const xmlChar *prefix, const xmlChar *uri, int nb_ns,
			  const xmlChar **nss, int nb_attrs, int nb_defaulted,
			  const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct run *r = ctxt->_private;
	if (ctxt->nameNr >= MP_XML_MAX_DEPTH) {
		if (r && !r->too_deep) {
			r->too_deep = true;
			r->deep_line = xmlSAX2GetLineNumber(ctxt);
			r->deep_col = xmlSAX2GetColumnNumber(ctxt);
		}
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_ns, nss, nb_attrs,
			      nb_defaulted, attrs);
	if (ctxt->node && ctxt->node->type == XML_ELEMENT_NODE)
		ctxt->node->_private = (void *)(intptr_t)xmlSAX2GetLineNumber(ctxt);
}

/* The line of an element, past 65535 too. */
static int line_of(const xmlNode *el)
{
	if (el->type == XML_ELEMENT_NODE && el->_private)
		return (int)(intptr_t)el->_private;
	return (int)xmlGetLineNo(el);
}

/* Parses buf into a document, or records why not and returns NULL.
 * The caller frees the document (xmlFreeDoc). */
static xmlDocPtr parse_doc(struct run *r, const char *buf, size_t len)
{
	if (!precheck(r, buf, len))
		return NULL;
	xml_lib_init();
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		mp_errors_addf(r->errs, MP_EINTERNAL, "out of memory starting the XML parser");
		r->n_added++;
		return NULL;
	}
	ctxt->_private = r;
	ctxt->sax->startElementNs = start_element;
	xmlSetStructuredErrorFunc(r, parse_error);
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8",
					  PARSE_OPTIONS);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	int err_no = ctxt->errNo;
	xmlFreeParserCtxt(ctxt);
	if (r->too_deep)
		add(r, r->deep_line, r->deep_col, NULL, NULL,
		    "not well-formed XML (elements nested deeper than %d levels)",
		    MP_XML_MAX_DEPTH);
	else if (!doc && !r->parse_failed)
		add(r, 0, 0, NULL, NULL, "not well-formed XML (%s)", parse_problem(err_no));
	if (doc && (r->too_deep || r->parse_failed)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	/* SAFETY: belt and braces, should the byte scan ever miss one. */
	if (doc && (doc->intSubset || doc->extSubset)) {
		add(r, 0, 0, NULL, NULL, "document type declarations are not allowed");
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return doc;
}

/* ------------------------------------------------------------------ */
/* Schema errors: place, item, field and a value-free message          */

#define MSG_ID "not a valid id (1-64 letters, digits or -_./:)"
#define MSG_IDS "not a list of ids (1-64 letters, digits or -_./: each, space-separated)"
#define MSG_COUNTRY "not a country code (two capital letters)"
#define MSG_AIRPORT "not an airport code (three capital letters)"
#define MSG_DATE "not a calendar date (YYYY-MM-DD)"
#define MSG_DATES "not a list of calendar dates (YYYY-MM-DD, space-separated)"
#define MSG_DATETIME "not a date-time with a UTC offset (YYYY-MM-DDTHH:MM[:SS] and Z or +HH:MM)"
#define MSG_TIME "not a time of day (HH:MM or HH:MM:SS)"
#define MSG_COUNT "not a whole number from 0 to 1000000000"
#define MSG_BOOL "not a boolean (true or false)"
#define MSG_CODE3 "not a three-letter ICAO 9303 code"
#define MSG_TEXT "not a text (1-1024 characters, no control characters)"
#define MSG_KIND "not an escort kind (medical or operational)"

/* What a value should have been, by element (NULL: any) and attribute
 * (NULL: any); the first row that matches wins.  Mirrors movplan.xsd. */
static const struct value_msg {
	const char *elem, *attr, *msg;
} value_msgs[] = {
	{"quota", "from", MSG_DATE},
	{"quota", "to", MSG_DATE},
	{NULL, "number", MSG_TEXT},
	{"document", "type", "not a document type (one or two capital letters)"},
	{"medical", "status", "not a medical status (cleared, pending or deferred)"},
	{"booking", "status", "not a booking status (confirmed, proposed or travelled)"},
	{"limits", NULL, MSG_COUNT},
	{"movplan", "version", "not a supported format version (1)"},
	{NULL, "from", MSG_AIRPORT},
	{NULL, "to", MSG_AIRPORT},
	{NULL, "departs", MSG_DATETIME},
	{NULL, "arrives", MSG_DATETIME},
	{NULL, "earliest_arrival", MSG_TIME},
	{NULL, "latest_arrival", MSG_TIME},
	{NULL, "fare", "not a non-negative decimal number"},
	{NULL, "carrier", MSG_TEXT},
	{NULL, "currency", "not a currency code (three capital letters)"},
	{NULL, "sender", MSG_ID},
	{NULL, "recipient", MSG_ID},
	{NULL, "remove", MSG_BOOL},
	{NULL, "cancelled", MSG_BOOL},
	{NULL, "no_weekend", MSG_BOOL},
	{NULL, "multiple", MSG_BOOL},
	{NULL, "priority", "not a priority (emergency, urgent or normal)"},
	{NULL, "exempt_priorities", "not a list of priorities (emergency, urgent, normal; space-separated)"},
	{NULL, "sex", "not a sex (F, M or X)"},
	{NULL, "kind", MSG_KIND},
	{NULL, "escort", MSG_KIND},
	{NULL, "ssr", "not a list of SSR codes (WCHR WCHS WCHC STCR MEDA OXYG BLND DEAF DPNA MAAS)"},
	{NULL, "blackout", MSG_DATES},
	{NULL, "closed", MSG_DATES},
	{NULL, "nationalities", "not a list of three-letter ICAO 9303 codes (space-separated)"},
	{NULL, "exempt_if_visa_for", "not a list of country codes (two capital letters, space-separated)"},
	{NULL, "flights", MSG_IDS},
	{NULL, "escorts", MSG_IDS},
	{NULL, "id", MSG_ID},
	{NULL, "case", MSG_ID},
	{NULL, "clinic", MSG_ID},
	{NULL, "link", MSG_ID},
	{NULL, "country", MSG_COUNTRY},
	{NULL, "code", MSG_AIRPORT},
	{NULL, "airport", MSG_AIRPORT},
	{NULL, "origin", MSG_AIRPORT},
	{NULL, "nationality", MSG_CODE3},
	{NULL, "issuer", MSG_CODE3},
	{NULL, "family_name", MSG_TEXT},
	{NULL, "given_names", MSG_TEXT},
};

/* What an invalid value of attribute attr on element elem should be. */
static const char *value_problem(const char *elem, const char *attr)
{
	static const char *const dates[] = {
		"as_of", "ready", "visa_expires", "valid_until", "deferred_until",
		"expires", "birth_date", "available_from", "available_to",
		"ftt_date", "on",
	};
	static const char *const counts[] = {
		"horizon_days", "mct_minutes", "max_connection_minutes", "seats",
		"stretcher_seats", "max_persons", "max_cases",
		"notice_working_days", "capacity_per_day", "covers",
		"turnaround_days", "weeks",
	};
	for (size_t i = 0; i < sizeof value_msgs / sizeof value_msgs[0]; i++) {
		const struct value_msg *v = &value_msgs[i];
		if (v->elem && strcmp(v->elem, elem) != 0)
			continue;
		if (v->attr && strcmp(v->attr, attr) != 0)
			continue;
		return v->msg;
	}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		if (strcmp(dates[i], attr) == 0)
			return MSG_DATE;
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
		if (strcmp(counts[i], attr) == 0)
			return MSG_COUNT;
	return "not a valid value";
}

/* A name from the document fit to print: a short ASCII XML name. */
static bool printable_name(const xmlChar *s)
{
	size_t n = s ? strlen((const char *)s) : 0;
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

/* The attribute name a libxml2 schema message is about, read from its
 * fixed frame only - "Element '{ns}x', attribute 'NAME': ..." or
 * "Element '{ns}x': The attribute 'NAME' is ..." - never from the part
 * that quotes values.  Copies it into out; false when not found. */
static bool attr_in_message(const char *msg, const xmlNode *el, char *out, size_t cap)
{
	char frame[512];
	if (!msg || !el)
		return false;
	if (el->ns && el->ns->href)
		snprintf(frame, sizeof frame, "Element '{%s}%s'", el->ns->href, el->name);
	else
		snprintf(frame, sizeof frame, "Element '%s'", el->name);
	size_t fl = strlen(frame);
	if (strncmp(msg, frame, fl) != 0)
		return false;
	const char *p = msg + fl;
	if (strncmp(p, ", attribute '", 13) == 0)
		p += 13;
	else if (strncmp(p, ": The attribute '", 17) == 0)
		p += 17;
	else
		return false;
	size_t n = 0;
	while (n + 1 < cap && p[n] && p[n] != '\'')
		n++;
	if (p[n] != '\'' || n == 0)
		return false;
	memcpy(out, p, n);
	out[n] = '\0';
	return printable_name(BAD_CAST out);
}

/* Position of el among its element siblings of the same name, from 1. */
static int sibling_index(const xmlNode *el)
{
	int i = 1;
	for (const xmlNode *s = el->prev; s; s = s->prev)
		if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, el->name))
			i++;
	return i;
}

/* "flight 'TK1/2026-12-14'", or "flight #3" when the key is missing or
 * not an id (then it might be anything). */
static char *label(const xmlNode *el, const char *key)
{
	xmlChar *v = key ? xmlGetNoNsProp(el, BAD_CAST key) : NULL;
	char *s;
	if (v && mp_id_valid((const char *)v))
		s = mp_xasprintf("%s '%s'", el->name, (const char *)v);
	else
		s = mp_xasprintf("%s #%d", el->name, sibling_index(el));
	xmlFree(v);
	return s;
}

/* The item an element belongs to ("case 'AFG-1': member 'AFG-1-01'",
 * "mission", a wrapper's name, NULL for the root), and in *sub the
 * object element inside it (document, limits ...) or NULL. */
static char *item_of(const xmlNode *el, const xmlNode **sub)
{
	const xmlNode *up[MP_XML_MAX_DEPTH + 2];
	int d = 0;
	*sub = NULL;
	for (const xmlNode *n = el; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (d < MP_XML_MAX_DEPTH + 2)
			up[d++] = n;
	/* up[d - 1] is the root, up[d - 2] a part, up[d - 3] an item ... */
	if (d <= 1)
		return NULL;
	const xmlNode *top = up[d - 2];
	if (named(top, "mission")) {
		*sub = d > 2 ? up[d - 3] : NULL;
		return mp_xstrdup("mission");
	}
	if (d == 2)
		return printable_name(top->name) ? mp_xstrdup((const char *)top->name) : NULL;
	const struct xml_part *p = part_by_wrapper(top->name);
	char *item = label(up[d - 3], p ? p->key : NULL);
	if (d > 3 && named(up[d - 4], "member")) {
		char *m = label(up[d - 4], "id");
		char *both = mp_xasprintf("%s: %s", item, m);
		free(item);
		free(m);
		item = both;
		*sub = d > 4 ? up[d - 5] : NULL;
	} else if (d > 3) {
		*sub = up[d - 4];
	}
	return item;
}

/* "document.expires", "seats", "limits" ... */
static char *field_name(const xmlNode *sub, const char *name)
{
	const char *s = sub && printable_name(sub->name) ? (const char *)sub->name : NULL;
	if (s && name)
		return mp_xasprintf("%s.%s", s, name);
	return mp_xstrdup(s ? s : name);
}

static bool known_element(const xmlChar *name)
{
	static const char *const names[] = {
		"movplan", "mission", "destination", "member", "medical",
		"document", "pregnancy", "limits",
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (xmlStrEqual(name, BAD_CAST names[i]))
			return true;
	for (size_t i = 0; i < XML_N_PARTS; i++)
		if (xmlStrEqual(name, BAD_CAST xml_parts[i].wrapper) ||
		    xmlStrEqual(name, BAD_CAST xml_parts[i].item))
			return true;
	return false;
}

/* An element where none may be: the error is reported on the element
 * itself, and named after its parent's item. */
/* The place of el among its parent's child elements, from 1. */
static int element_pos(const xmlNode *el)
{
	int pos = 1;
	for (const xmlNode *n = el->prev; n; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			pos++;
	return pos;
}

static void unexpected_element(struct run *r, const xmlNode *el)
{
	int line = line_of(el);
	const xmlNode *sub = NULL;
	const xmlNode *parent = el->parent && el->parent->type == XML_ELEMENT_NODE
					? el->parent : NULL;
	if (!parent) {
		add(r, line, 0, NULL, NULL,
		    "the root element must be <movplan> in the namespace " XML_NS);
		return;
	}
	char *item = item_of(parent, &sub);
	/* an element's name is said only when it is one of ours */
	bool ours = is_ns(el) && known_element(el->name);
	char *field = field_name(sub, ours ? (const char *)el->name : NULL);
	if (ours)
		add(r, line, 0, item, field,
		    "element not allowed here (out of order, repeated or misplaced)");
	else
		add(r, line, 0, item, field, "%s (child element %d)", is_ns(el)
		    ? "unknown element" : "element not in the namespace " XML_NS, element_pos(el));
	free(item);
	free(field);
}

/* The element a schema error is about, and in attr the attribute's
 * name when it is about one ("" if not). */
static const xmlNode *locate(xmlErrorPtr err, char *attr, size_t cap)
{
	const xmlNode *node = err->node;
	attr[0] = '\0';
	if (node && node->type == XML_ATTRIBUTE_NODE) {
		snprintf(attr, cap, "%s", printable_name(node->name)
						 ? (const char *)node->name : "attribute");
		node = node->parent;
	} else if (node && node->type == XML_ELEMENT_NODE) {
		if (!attr_in_message(err->message, node, attr, cap))
			attr[0] = '\0';
	}
	return node && node->type == XML_ELEMENT_NODE ? node : NULL;
}

/* Turns one libxml2 schema error about node (and attr) into a record. */
/* The place of attribute name among el's attributes, from 1 (0 when
 * not found). */
static int attr_pos(const xmlNode *el, const char *name)
{
	int pos = 1;
	for (const xmlAttr *a = el ? el->properties : NULL; a; a = a->next, pos++)
		if (a->name && strcmp((const char *)a->name, name) == 0)
			return pos;
	return 0;
}

static void report_schema_error(struct run *r, xmlErrorPtr err,
				const xmlNode *node, const char *attr)
{
	if (err->code == XML_SCHEMAV_CVC_ELT_1 ||
	    (!attr[0] && err->message &&
	     strstr(err->message, "This element is not expected"))) {
		unexpected_element(r, node);
		return;
	}
	const xmlNode *sub = NULL;
	char *item = item_of(node, &sub);
	char *field = field_name(sub, attr[0] ? attr : NULL);
	int line = line_of(node);
	switch (err->code) {
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
		/* named by place, never by its text: a name typed as an
		 * attribute would reach the log (issue 10) */
		free(field);
		field = field_name(sub, NULL);
		add(r, line, 0, item, field, "unknown attribute (attribute %d of the element)",
		    attr_pos(node, attr));
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
		add(r, line, 0, item, field, "required key missing");
		break;
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
	case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
	case XML_SCHEMAV_ELEMCONT:
		add(r, line, 0, item, field, "text not allowed here");
		break;
	default:
		if (attr[0])
			add(r, line, 0, item, field, "%s",
			    value_problem((const char *)node->name, attr));
		else
			add(r, line, 0, item, field, "does not match the schema");
	}
	free(item);
	free(field);
}

static void schema_error(void *ctx, xmlErrorPtr err)
{
	struct run *r = ctx;
	char attr[80];
	if (!err || err->level < XML_ERR_ERROR)
		return;
	const xmlNode *node = locate(err, attr, sizeof attr);
	if (!node) {
		add(r, err->line, 0, NULL, NULL, "does not match the schema");
		return;
	}
	/* one record per attribute or element: libxml2 repeats itself
	 * (a facet, then the type) */
	char key[96];
	snprintf(key, sizeof key, "%s/%d", attr, attr[0] ? 0 : err->code);
	if (node == r->last_node && strcmp(key, r->last_field) == 0)
		return;
	r->last_node = node;
	snprintf(r->last_field, sizeof r->last_field, "%s", key);
	if (r->n_added == MAX_SCHEMA_ERRORS)
		add(r, 0, 0, NULL, NULL, "too many schema errors; the rest are not shown");
	if (r->n_added > MAX_SCHEMA_ERRORS)
		return;
	report_schema_error(r, err, node, attr);
}

/* 0 when doc is valid, else MP_EDATA (or MP_EINTERNAL) with records. */
static int validate_doc(struct run *r, xmlDocPtr doc)
{
	xmlSchemaPtr s = schema();
	if (!s) {
		mp_errors_addf(r->errs, MP_EINTERNAL,
			       "internal error: the embedded XML schema does not compile");
		return MP_EINTERNAL;
	}
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(s);
	if (!vc) {
		mp_errors_addf(r->errs, MP_EINTERNAL, "out of memory starting the XML validator");
		return MP_EINTERNAL;
	}
	xmlSchemaSetValidStructuredErrors(vc, schema_error, r);
	int before = r->n_added;
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	if (rc == 0)
		return MP_OK;
	if (r->n_added == before)
		add(r, 0, 0, NULL, NULL, "does not match the schema");
	return MP_EDATA;
}

/* ------------------------------------------------------------------ */
/* Document -> node tree                                               */

/* Free text (textType in the XSD) keeps its spaces; every other type's
 * value is the XSD's whitespace-collapsed one (lists, counts, dates). */
static bool keeps_spaces(const xmlChar *attr)
{
	return xmlStrEqual(attr, BAD_CAST "family_name") ||
	       xmlStrEqual(attr, BAD_CAST "given_names") ||
	       xmlStrEqual(attr, BAD_CAST "number") ||
	       xmlStrEqual(attr, BAD_CAST "carrier");
}

static void collapse(char *s)
{
	char *w = s;
	bool space = false;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = *p;
	}
	*w = '\0';
}

static void add_attrs(mp_node *obj, const xmlNode *el, int line, bool root)
{
	for (const xmlAttr *a = el->properties; a; a = a->next) {
		if (a->ns) /* xsi: and other foreign attributes are no data */
			continue;
		xmlChar *v = xmlNodeListGetString(el->doc, a->children, 1);
		const char *key = (const char *)a->name;
		if (root && strcmp(key, "version") == 0)
			key = "movplan";
		mp_node *t = mp_node_new(MP_NODE_TEXT, key, line, 0);
		t->str = mp_xstrdup(v ? (const char *)v : "");
		if (!keeps_spaces(a->name))
			collapse(t->str);
		xmlFree(v);
		mp_node_append(obj, t);
	}
}

/* An item or object element as an OBJECT node; <member> children go to
 * a "members" ARRAY.  Depth is bounded by the parser's guard. */
static mp_node *object_node(const xmlNode *el, const char *key)
{
	int line = line_of(el);
	mp_node *obj = mp_node_new(MP_NODE_OBJECT, key, line, 0);
	mp_node *members = NULL;
	add_attrs(obj, el, line, false);
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!named(c, "member")) {
			mp_node_append(obj, object_node(c, (const char *)c->name));
			continue;
		}
		if (!members) {
			members = mp_node_new(MP_NODE_ARRAY, "members", line_of(c), 0);
			mp_node_append(obj, members);
		}
		mp_node_append(members, object_node(c, NULL));
	}
	return obj;
}

static mp_node *tree_of(const xmlDoc *doc)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	mp_node *top = mp_node_new(MP_NODE_OBJECT, NULL, line_of(root), 0);
	add_attrs(top, root, top->line, true);
	for (const xmlNode *c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "mission")) {
			mp_node_append(top, object_node(c, "mission"));
			continue;
		}
		mp_node *arr = mp_node_new(MP_NODE_ARRAY, (const char *)c->name,
					   line_of(c), 0);
		for (const xmlNode *i = c->children; i; i = i->next)
			if (i->type == XML_ELEMENT_NODE)
				mp_node_append(arr, object_node(i, NULL));
		mp_node_append(top, arr);
	}
	return top;
}

/* ------------------------------------------------------------------ */
/* Public: parse, validate                                             */

mp_node *mp_xml_parse(const char *file, const char *buf, size_t len, mp_errors *errs)
{
	struct run r = {.file = file, .errs = errs};
	mp_node *tree = NULL;
	xmlDocPtr doc = parse_doc(&r, buf, len);
	if (!doc)
		goto out;
	if (validate_doc(&r, doc) != MP_OK)
		goto out;
	tree = tree_of(doc);
out:
	xmlFreeDoc(doc);
	return tree;
}

int mp_xml_validate(const char *buf, size_t len, mp_errors *errs)
{
	struct run r = {.file = NULL, .errs = errs};
	xmlDocPtr doc = parse_doc(&r, buf, len);
	if (!doc)
		return MP_EDATA;
	int rc = validate_doc(&r, doc);
	xmlFreeDoc(doc);
	return rc;
}
