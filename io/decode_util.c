/*
 * decode_util.c - typed field access for the decoders (decode_util.h).
 *
 * JSON gives typed scalars; XML gives every scalar as text (an
 * attribute), so each getter accepts the JSON type or, for TEXT nodes,
 * parses the text by the field's type.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "decode_util.h"

void mp_dfail(mp_dctx *c, const mp_node *n, const char *field, const char *fmt, ...)
{
	const mp_node *at = n ? n : c->obj;
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(c->errs, MP_EDATA, at && at->src ? at->src : c->file, at ? at->line : 0, at ? at->col : 0,
		       c->item[0] ? c->item : NULL, field, fmt, ap);
	va_end(ap);
	c->n_err++;
}

/* SPEC 3: an unknown key is named by its item and its place, never by
 * its text (a name typed as a key would reach the log). */
void mp_dkeys(mp_dctx *c, const mp_node *obj, const char *const *allowed)
{
	int pos = 0;
	for (const mp_node *k = obj->child; k; k = k->next) {
		bool ok = false;
		pos++;
		for (int i = 0; allowed[i] && !ok; i++)
			ok = strcmp(k->key, allowed[i]) == 0;
		if (!ok)
			mp_dfail(c, k, NULL, "unknown field (key %d of the object)", pos);
	}
}

const char *mp_dtext(const mp_node *n)
{
	return n && (n->kind == MP_NODE_STRING || n->kind == MP_NODE_TEXT) ? n->str : NULL;
}

/* The node of a field; records "missing" when required and absent.  A
 * JSON null counts as absent. */
static const mp_node *field(mp_dctx *c, const char *key, bool req)
{
	const mp_node *n = mp_node_get(c->obj, key);
	if (n && n->kind == MP_NODE_NULL)
		n = NULL;
	if (!n && req)
		mp_dfail(c, NULL, key, "missing");
	return n;
}

/* SPEC 3: text that is not UTF-8 or holds a control character. */
static bool clean_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

bool mp_dstr(mp_dctx *c, const char *key, bool req, char **out)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return false;
	const char *s = mp_dtext(n);
	if (!s) {
		mp_dfail(c, n, key, "expected a string");
		return false;
	}
	if (!clean_text(s)) {
		mp_dfail(c, n, key, "text holds a control character");
		return false;
	}
	if (s[0] == '\0') {
		mp_dfail(c, n, key, "empty");
		return false;
	}
	if (strlen(s) > 1024) {
		mp_dfail(c, n, key, "longer than 1024 bytes");
		return false;
	}
	free(*out);
	*out = mp_xstrdup(s);
	return true;
}

bool mp_did(mp_dctx *c, const char *key, bool req, char **out)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return false;
	const char *s = mp_dtext(n);
	if (!s) {
		mp_dfail(c, n, key, "expected an identifier string");
		return false;
	}
	if (!mp_id_valid(s)) {
		mp_dfail(c, n, key, "not an identifier (1-64 of letters, digits, -_./:)");
		return false;
	}
	free(*out);
	*out = mp_xstrdup(s);
	return true;
}

static bool is_code(const char *s, int len)
{
	if ((int)strlen(s) != len)
		return false;
	for (int i = 0; i < len; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

bool mp_dcode(mp_dctx *c, const char *key, bool req, int len, char **out)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return false;
	const char *s = mp_dtext(n);
	if (!s || !is_code(s, len)) {
		mp_dfail(c, n, key, "expected %d capital letters", len);
		return false;
	}
	free(*out);
	*out = mp_xstrdup(s);
	return true;
}

/* Whole numbers: JSON numbers must be integral; XML text must be digits. */
static bool node_count(const mp_node *n, long long *v)
{
	if (n->kind == MP_NODE_NUMBER) {
		if (!isfinite(n->num) || n->num != floor(n->num) || fabs(n->num) > 1e15)
			return false;
		*v = (long long)n->num;
		return true;
	}
	if (n->kind == MP_NODE_TEXT && n->str && n->str[0]) {
		const char *p = n->str;
		if (*p == '-')
			p++;
		if (!*p || strlen(p) > 15)
			return false;
		for (const char *q = p; *q; q++)
			if (*q < '0' || *q > '9')
				return false;
		*v = strtoll(n->str, NULL, 10);
		return true;
	}
	return false;
}

bool mp_dcount(mp_dctx *c, const char *key, bool req, int *out)
{
	const mp_node *n = field(c, key, req);
	long long v;
	if (!n)
		return false;
	if (!node_count(n, &v)) {
		mp_dfail(c, n, key, "expected a whole number");
		return false;
	}
	if (v < 0) {
		mp_dfail(c, n, key, "negative");
		return false;
	}
	if (v > 1000000000) {
		mp_dfail(c, n, key, "out of range");
		return false;
	}
	*out = (int)v;
	return true;
}

bool mp_dnum(mp_dctx *c, const char *key, bool req, double *out)
{
	const mp_node *n = field(c, key, req);
	double v;
	if (!n)
		return false;
	if (n->kind == MP_NODE_NUMBER) {
		v = n->num;
	} else if (n->kind == MP_NODE_TEXT && n->str) {
		char *end;
		v = strtod(n->str, &end);
		if (end == n->str || *end || strchr(n->str, 'x') || strchr(n->str, 'X')) {
			mp_dfail(c, n, key, "expected a number");
			return false;
		}
	} else {
		mp_dfail(c, n, key, "expected a number");
		return false;
	}
	if (!isfinite(v) || v > 1e12) {
		mp_dfail(c, n, key, "out of range");
		return false;
	}
	if (v < 0) {
		mp_dfail(c, n, key, "negative");
		return false;
	}
	*out = v;
	return true;
}

bool mp_dbool(mp_dctx *c, const char *key, bool req, bool *out)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return false;
	if (n->kind == MP_NODE_BOOL) {
		*out = n->b;
		return true;
	}
	if (n->kind == MP_NODE_TEXT && n->str &&
	    (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0)) {
		*out = n->str[0] == 't';
		return true;
	}
	mp_dfail(c, n, key, "expected true or false");
	return false;
}

/* A text that starts "YYYY-" with a year movplan does not take. */
static bool year_out_of_range(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!s || s[i] < '0' || s[i] > '9')
			return false;
	int y = atoi(s);
	return s[4] == '-' && (y < MP_YEAR_MIN || y > MP_YEAR_MAX);
}

bool mp_dtext_date(mp_dctx *c, const mp_node *at, const char *key, const char *s, mp_date *out)
{
	if (year_out_of_range(s)) {
		mp_dfail(c, at, key, "out of range (years %d-%d)", MP_YEAR_MIN, MP_YEAR_MAX);
		return false;
	}
	if (!s || !mp_date_parse(s, out)) {
		mp_dfail(c, at, key, "not a calendar date (YYYY-MM-DD)");
		return false;
	}
	return true;
}

bool mp_ddate(mp_dctx *c, const char *key, bool req, mp_date *out)
{
	const mp_node *n = field(c, key, req);
	return n ? mp_dtext_date(c, n, key, mp_dtext(n), out) : false;
}

bool mp_ddatetime(mp_dctx *c, const char *key, bool req, mp_datetime *out)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return false;
	const char *s = mp_dtext(n);
	if (year_out_of_range(s)) {
		mp_dfail(c, n, key, "out of range (years %d-%d)", MP_YEAR_MIN, MP_YEAR_MAX);
		return false;
	}
	if (!s || !mp_datetime_parse(s, out)) {
		mp_datetime probe;
		char *withz = s ? mp_xasprintf("%sZ", s) : NULL;
		bool no_offset = withz && mp_datetime_parse(withz, &probe);
		free(withz);
		/* name the common mistake: a local time with no offset */
		if (no_offset)
			mp_dfail(c, n, key, "date-time has no UTC offset (YYYY-MM-DDTHH:MM+HH:MM)");
		else
			mp_dfail(c, n, key, "not a date-time with UTC offset (YYYY-MM-DDTHH:MM[:SS]+HH:MM)");
		return false;
	}
	return true;
}

bool mp_dtod(mp_dctx *c, const char *key, bool req, mp_tod *out)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return false;
	const char *s = mp_dtext(n);
	if (!s || !mp_tod_parse(s, out)) {
		mp_dfail(c, n, key, "not a time of day (HH:MM)");
		return false;
	}
	return true;
}

int mp_denum(mp_dctx *c, const char *key, bool req, const char *const *names, int n_names)
{
	const mp_node *n = field(c, key, req);
	if (!n)
		return -1;
	const char *s = mp_dtext(n);
	for (int i = 0; s && i < n_names; i++)
		if (names[i] && strcmp(s, names[i]) == 0)
			return i;
	char allowed[256] = "";
	for (int i = 0; i < n_names; i++) {
		if (!names[i])
			continue;
		if (allowed[0])
			strncat(allowed, ", ", sizeof allowed - strlen(allowed) - 1);
		strncat(allowed, names[i], sizeof allowed - strlen(allowed) - 1);
	}
	mp_dfail(c, n, key, "expected one of: %s", allowed);
	return -1;
}

int mp_dlist(mp_dctx *c, const char *key, bool req,
	     bool (*each)(mp_dctx *c, const mp_node *at, const char *key, const char *text, void *arg),
	     void *arg)
{
	const mp_node *n = field(c, key, req);
	int count = 0;
	if (!n)
		return 0;
	if (n->kind == MP_NODE_TEXT) {
		/* XML: a space-separated list */
		const char *p = n->str ? n->str : "";
		while (*p) {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			const char *e = p;
			while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r')
				e++;
			if (e > p) {
				char *tok = mp_xstrndup(p, (size_t)(e - p));
				each(c, n, key, tok, arg);
				free(tok);
				count++;
			}
			p = e;
		}
		return count;
	}
	if (n->kind != MP_NODE_ARRAY) {
		mp_dfail(c, n, key, "expected a list");
		return -1;
	}
	for (const mp_node *e = n->child; e; e = e->next) {
		const char *s = mp_dtext(e);
		if (!s || e->kind == MP_NODE_TEXT) {
			mp_dfail(c, e, key, "expected a list of strings");
			continue;
		}
		each(c, e, key, s, arg);
		count++;
	}
	return count;
}
