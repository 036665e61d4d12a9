/*
 * json.c - JSON text <-> mp_node tree, with cJSON underneath (json.h).
 *
 * cJSON checks the grammar but gives no positions and is lenient where
 * movplan must not be (it takes "01", raw control characters, any byte
 * as text).  So mp_json_parse() works in four passes:
 *   1. size, an optional UTF-8 byte order mark, UTF-8 validation;
 *   2. a flat scanner (scan_*) that lexes every token without recursion,
 *      rejects what cJSON would let through, counts nesting, and records
 *      the line and column of every value and every object key in
 *      document order (pre-order);
 *   3. cJSON_ParseWithLengthOpts for the grammar, its return_parse_end
 *      giving the place of a syntax error;
 *   4. a walk over the cJSON tree in the same pre-order that takes the
 *      positions from pass 2, rejects duplicate keys and numbers that
 *      are not finite, and builds the mp_node tree.
 *
 * Positions: lines count '\n' from 1; columns count characters (UTF-8
 * code points, not bytes) from 1, a tab being one column; a leading
 * byte order mark is not counted.
 */
#include <cjson/cJSON.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

/* cJSON copies a number into a 64-byte buffer and silently cuts it. */
#define NUMBER_MAX_CHARS 63
/* Duplicate keys reported per file before the rest are summarised. */
#define MAX_DUP_ERRORS 20
#define STR(x) #x
#define XSTR(x) STR(x)

struct lc {
	int line, col;
};

/* ---- positions ---- */

static void lc_step(struct lc *p, unsigned char c)
{
	if (c == '\n') {
		p->line++;
		p->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		p->col++; /* a continuation byte adds no column */
	}
}

/* Line and column of byte offset off (off may equal len). */
static struct lc lc_at(const unsigned char *s, size_t off)
{
	struct lc p = { 1, 1 };
	for (size_t i = 0; i < off; i++)
		lc_step(&p, s[i]);
	return p;
}

/* A key or id for a message: at most 40 bytes, whole characters only,
 * control characters and quotes shown as '?'. */
static void shown(char *out, size_t cap, const char *s)
{
	size_t n = 0, lim = cap - 4 < 40 ? cap - 4 : 40;
	while (s[n] && n < lim)
		n++;
	if (s[n])
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* do not cut a character in two */
	for (size_t i = 0; i < n; i++)
		out[i] = ((unsigned char)s[i] < 0x20 || s[i] == '\'' ||
			  s[i] == 0x7f) ? '?' : s[i];
	if (s[n]) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

/* ---- pass 1: UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF) ---- */

/* Length of the valid UTF-8 character at s[0..n), or 0 when invalid. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;      /* overlong */
	else if (c == 0xED)
		hi = 0x9F;      /* UTF-16 surrogates */
	else if (c == 0xF0)
		lo = 0x90;      /* overlong */
	else if (c == 0xF4)
		hi = 0x8F;      /* above U+10FFFF */
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	return len;
}

/* Offset of the first invalid character, or len when all is valid. */
static size_t utf8_check(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_char(s + i, len - i);
		if (!k)
			return i;
		i += k;
	}
	return len;
}

/* ---- pass 2: the scanner ---- */

enum { SCAN_OK, SCAN_STOP, SCAN_ERR };

struct scanner {
	const unsigned char *s;
	size_t len, i;
	struct lc at;            /* position of s[i] */
	int depth;
	char stack[MP_JSON_MAX_DEPTH + 1];
	bool want_key, done;
	unsigned char last;      /* the last byte of the last token */
	struct lc *pos;          /* values and keys, in document order */
	size_t n_pos, cap_pos;
	/* the first problem found, reported after checking that cJSON
	 * finds no syntax error before it */
	size_t err_token;        /* offset of the token holding it */
	struct lc err_at;
	const char *err_msg;
};

static void step(struct scanner *sc)
{
	lc_step(&sc->at, sc->s[sc->i]);
	sc->i++;
}

static void record(struct scanner *sc)
{
	MP_GROW(sc->pos, sc->n_pos, sc->cap_pos);
	sc->pos[sc->n_pos++] = sc->at;
}

static int fail(struct scanner *sc, size_t token, struct lc at, const char *msg)
{
	sc->err_token = token;
	sc->err_at = at;
	sc->err_msg = msg;
	return SCAN_ERR;
}

static void value_done(struct scanner *sc)
{
	sc->want_key = false;
	if (sc->depth == 0)
		sc->done = true;
}

static int hex4(const unsigned char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	if (n < 4)
		return 0;
	for (int k = 0; k < 4; k++) {
		unsigned char c = s[k];
		unsigned d = c >= '0' && c <= '9' ? c - '0'
			   : c >= 'a' && c <= 'f' ? c - 'a' + 10
			   : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 16;
		if (d == 16)
			return 0;
		v = v * 16 + d;
	}
	*out = v;
	return 1;
}

/* Checks the escape at s[i] == '\\' and steps over it.  SPEC 3: text
 * holds no control character, escaped or not, but tab, LF and CR. */
static int scan_escape(struct scanner *sc, size_t token)
{
	const unsigned char *e = sc->s + sc->i;
	size_t left = sc->len - sc->i;
	struct lc at = sc->at;
	size_t n = 2;
	unsigned u, u2;
	if (left < 2)
		return fail(sc, token, at, "invalid escape in a string");
	if (e[1] && strchr("\"\\/nrt", e[1])) {
		n = 2;
	} else if (e[1] == 'b' || e[1] == 'f') {
		return fail(sc, token, at, "string holds a control character");
	} else if (e[1] != 'u' || !hex4(e + 2, left - 2, &u)) {
		return fail(sc, token, at, "invalid escape in a string");
	} else if (u < 0x20 && u != '\t' && u != '\n' && u != '\r') {
		return fail(sc, token, at, "string holds a control character");
	} else if (u >= 0xDC00 && u <= 0xDFFF) {
		return fail(sc, token, at, "invalid escape in a string (lone surrogate)");
	} else if (u >= 0xD800 && u <= 0xDBFF) {
		if (left < 12 || e[6] != '\\' || e[7] != 'u' ||
		    !hex4(e + 8, left - 8, &u2) || u2 < 0xDC00 || u2 > 0xDFFF)
			return fail(sc, token, at, "invalid escape in a string (lone surrogate)");
		n = 12;
	} else {
		n = 6;
	}
	for (size_t k = 0; k < n; k++)
		step(sc);
	return SCAN_OK;
}

static int scan_string(struct scanner *sc)
{
	size_t token = sc->i;
	struct lc start = sc->at;
	step(sc);
	while (sc->i < sc->len) {
		unsigned char c = sc->s[sc->i];
		if (c == '"') {
			step(sc);
			return SCAN_OK;
		}
		if (c < 0x20)
			return fail(sc, token, sc->at, "string holds a control character");
		if (c == '\\') {
			if (scan_escape(sc, token) != SCAN_OK)
				return SCAN_ERR;
			continue;
		}
		step(sc);
	}
	return fail(sc, token, start, "unexpected end of file in a string");
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the RFC 8259 number at s[0..n), or 0 when there is none. */
static size_t number_len(const unsigned char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && is_digit(s[i]))
		while (i < n && is_digit(s[i]))
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if (++i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	return i;
}

static bool is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       is_digit(c) || c == '_' || c == '.' || c == '+' || c == '-';
}

/* cJSON reads "01" as 1 and "1." as 1: the scanner holds the line. */
static int scan_number(struct scanner *sc)
{
	size_t token = sc->i;
	size_t n = number_len(sc->s + sc->i, sc->len - sc->i);
	if (n == 0 || (sc->i + n < sc->len && is_word(sc->s[sc->i + n])))
		return fail(sc, token, sc->at, "not a valid JSON number");
	if (n > NUMBER_MAX_CHARS)
		return fail(sc, token, sc->at, "number has more than "
			    XSTR(NUMBER_MAX_CHARS) " characters");
	record(sc);
	for (size_t k = 0; k < n; k++)
		step(sc);
	value_done(sc);
	return SCAN_OK;
}

static int scan_word(struct scanner *sc)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t n = 0;
	while (sc->i + n < sc->len && is_word(sc->s[sc->i + n]))
		n++;
	for (size_t w = 0; w < 3; w++) {
		if (n == strlen(words[w]) && memcmp(sc->s + sc->i, words[w], n) == 0) {
			record(sc);
			for (size_t k = 0; k < n; k++)
				step(sc);
			value_done(sc);
			return SCAN_OK;
		}
	}
	return fail(sc, sc->i, sc->at, "not valid JSON");
}

static int scan_open(struct scanner *sc, char c)
{
	if (sc->depth >= MP_JSON_MAX_DEPTH)
		return fail(sc, sc->i, sc->at, "nesting deeper than "
			    XSTR(MP_JSON_MAX_DEPTH) " levels");
	record(sc);
	sc->stack[sc->depth++] = c;
	sc->want_key = c == '{';
	step(sc);
	return SCAN_OK;
}

/* A bracket that does not match, or one too many, is left to cJSON,
 * which stops there. */
static int scan_close(struct scanner *sc, char c)
{
	if (sc->depth == 0 || sc->stack[sc->depth - 1] != (c == '}' ? '{' : '['))
		return SCAN_STOP;
	sc->depth--;
	step(sc);
	value_done(sc);
	return SCAN_OK;
}

static int scan_token(struct scanner *sc, unsigned char c)
{
	if (c < 0x20 || c == 0x7f)
		return fail(sc, sc->i, sc->at, "control character outside a string");
	/* cJSON would place this error one byte late */
	if (sc->want_key && c != '"' && !(c == '}' && sc->last == '{'))
		return fail(sc, sc->i, sc->at, "not valid JSON (expected a key in quotes)");
	switch (c) {
	case '{':
	case '[':
		return scan_open(sc, (char)c);
	case '}':
	case ']':
		return scan_close(sc, (char)c);
	case ',':
		sc->want_key = sc->depth > 0 && sc->stack[sc->depth - 1] == '{';
		step(sc);
		return SCAN_OK;
	case ':':
		step(sc);
		return SCAN_OK;
	case '"':
		record(sc); /* a key when want_key, else a value */
		if (scan_string(sc) != SCAN_OK)
			return SCAN_ERR;
		if (sc->want_key)
			sc->want_key = false;
		else
			value_done(sc);
		return SCAN_OK;
	}
	if (c == '-' || is_digit(c))
		return scan_number(sc);
	if (is_word(c))
		return scan_word(sc);
	return fail(sc, sc->i, sc->at, "not valid JSON");
}

/* SCAN_OK: every token is fine and nesting is within bounds;
 * SCAN_STOP: a grammar problem cJSON will find at or before sc->i;
 * SCAN_ERR: sc->err_* say what and where. */
static int scan(struct scanner *sc)
{
	while (sc->i < sc->len) {
		unsigned char c = sc->s[sc->i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			step(sc);
			continue;
		}
		if (sc->done)
			return SCAN_STOP; /* trailing text: see check_trailing */
		int rc = scan_token(sc, c);
		if (rc != SCAN_OK)
			return rc;
		sc->last = sc->s[sc->i - 1];
	}
	return SCAN_OK;
}

/* ---- pass 3: cJSON ---- */

/* Parses s[0..len) with cJSON.  text must hold a NUL at text[len], which
 * is part of the buffer cJSON sees, so that an early end shows as an
 * error at offset len rather than at len - 1.  *end: where it stopped. */
static cJSON *cj_parse(const char *text, size_t len, size_t *end)
{
	const char *stop = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(text, len + 1, &stop, 0);
	*end = stop ? (size_t)(stop - text) : 0;
	if (*end > len)
		*end = len;
	return j;
}

static void syntax_error(const char *file, const unsigned char *s,
			 size_t len, size_t off, mp_errors *errs)
{
	struct lc at = lc_at(s, off);
	if (off >= len)
		mp_errors_add(errs, file, at.line, at.col, NULL, NULL,
			      "unexpected end of file");
	else if (s[off] && strchr("{}[],:\"", s[off]))
		mp_errors_add(errs, file, at.line, at.col, NULL, NULL,
			      "not valid JSON (unexpected '%c')", s[off]);
	else
		mp_errors_add(errs, file, at.line, at.col, NULL, NULL,
			      "not valid JSON");
}

/* The scanner's problem sits in the token at err_token; a syntax error
 * cJSON finds before that token comes first in the file, so report it. */
static void report_scan_error(const char *file, const struct scanner *sc,
			      char *text, mp_errors *errs)
{
	size_t end = 0, t = sc->err_token;
	char saved = text[t];
	text[t] = '\0'; /* cJSON sees only what precedes the token */
	cJSON *j = cj_parse(text, t, &end);
	text[t] = saved;
	if (!j && end < t)
		syntax_error(file, sc->s, sc->len, end, errs);
	else
		mp_errors_add(errs, file, sc->err_at.line, sc->err_at.col,
			      NULL, NULL, "%s", sc->err_msg);
	cJSON_Delete(j);
}

static int check_trailing(const char *file, const unsigned char *s,
			  size_t len, size_t end, mp_errors *errs)
{
	while (end < len && (s[end] == ' ' || s[end] == '\t' ||
			     s[end] == '\n' || s[end] == '\r'))
		end++;
	if (end == len)
		return 0;
	struct lc at = lc_at(s, end);
	mp_errors_add(errs, file, at.line, at.col, NULL, NULL,
		      "trailing characters after the JSON value");
	return -1;
}

/* ---- pass 4: the walk ---- */

/* An object inside an array: an item of a part ("flights") or of a list
 * inside an item ("members"), named in messages by its id. */
struct frame {
	const struct frame *up;
	const char *list;        /* key of the array holding it, or NULL */
	const cJSON *obj;
};

struct walker {
	const char *file;
	mp_errors *errs;
	const struct lc *pos;
	size_t n_pos, k;
	int n_dups;
	bool bad;
};

static struct lc next_pos(struct walker *w)
{
	struct lc none = { 0, 0 };
	if (w->k >= w->n_pos)
		return none; /* cannot happen: both passes walk the same text */
	return w->pos[w->k++];
}

static const char *item_id(const cJSON *obj)
{
	static const char *const keys[] = { "id", "code", "case", "country" };
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[i]);
		if (cJSON_IsString(v) && v->valuestring)
			return v->valuestring;
	}
	return NULL;
}

/* "case 'AFG-0001': member 'AFG-0001-02'", or NULL when no frame has an
 * id.  The caller frees it. */
static char *item_label(const struct frame *f)
{
	if (!f)
		return NULL;
	char *outer = item_label(f->up);
	const char *id = item_id(f->obj);
	if (!id)
		return outer;
	char idbuf[64], what[64];
	shown(idbuf, sizeof idbuf, id);
	shown(what, sizeof what, f->list ? f->list : "item");
	size_t n = strlen(what);
	if (n > 1 && what[n - 1] == 's')
		what[n - 1] = '\0'; /* "flights" -> "flight" */
	char *label = mp_xasprintf("%s%s%s '%s'", outer ? outer : "",
				   outer ? ": " : "", what, idbuf);
	free(outer);
	return label;
}

static void walk_error(struct walker *w, struct lc at, const struct frame *f,
		       const char *key, const char *msg)
{
	char *item = item_label(f);
	char field[64];
	if (key)
		shown(field, sizeof field, key);
	mp_errors_add(w->errs, w->file, at.line, at.col, item,
		      key ? field : NULL, "%s", msg);
	free(item);
	w->bad = true;
}

static uint32_t hash_key(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* A set of keys for one object; small objects need no table. */
struct keyset {
	const char **slot;
	size_t mask;
};

static void keyset_init(struct keyset *ks, int n_members)
{
	ks->slot = NULL;
	ks->mask = 0;
	if (n_members <= 16)
		return;
	size_t cap = 32;
	while (cap < 2 * (size_t)n_members)
		cap *= 2;
	ks->slot = mp_xcalloc(cap, sizeof *ks->slot);
	ks->mask = cap - 1;
}

/* True when key is already among the members before `member`. */
static bool keyset_seen(struct keyset *ks, const cJSON *obj,
			const cJSON *member)
{
	const char *key = member->string;
	if (!ks->slot) {
		for (const cJSON *c = obj->child; c != member; c = c->next)
			if (strcmp(c->string, key) == 0)
				return true;
		return false;
	}
	size_t h = hash_key(key) & ks->mask;
	for (; ks->slot[h]; h = (h + 1) & ks->mask)
		if (strcmp(ks->slot[h], key) == 0)
			return true;
	ks->slot[h] = key;
	return false;
}

static mp_node *build(struct walker *w, const cJSON *j, const char *key,
		      const struct frame *f);

static void duplicate_key(struct walker *w, struct lc at, const struct frame *f,
			  const char *key)
{
	char shown_key[64], msg[96];
	if (++w->n_dups > MAX_DUP_ERRORS) {
		w->bad = true;
		if (w->n_dups == MAX_DUP_ERRORS + 1)
			walk_error(w, at, f, NULL, "more duplicate keys; not all are reported");
		return;
	}
	shown(shown_key, sizeof shown_key, key);
	snprintf(msg, sizeof msg, "duplicate key '%s'", shown_key);
	walk_error(w, at, f, key, msg);
}

static void build_object(struct walker *w, mp_node *n, const cJSON *obj,
			 const struct frame *f)
{
	struct keyset ks;
	keyset_init(&ks, cJSON_GetArraySize(obj));
	for (const cJSON *c = obj->child; c; c = c->next) {
		struct lc key_at = next_pos(w);
		if (keyset_seen(&ks, obj, c))
			duplicate_key(w, key_at, f, c->string); /* SPEC 3 */
		mp_node_append(n, build(w, c, c->string, f)); /* n owns it */
	}
	free(ks.slot);
}

static void build_array(struct walker *w, mp_node *n, const cJSON *arr,
			const char *key, const struct frame *f)
{
	for (const cJSON *c = arr->child; c; c = c->next) {
		struct frame item = { f, key, c };
		const struct frame *cf = cJSON_IsObject(c) ? &item : f;
		mp_node_append(n, build(w, c, NULL, cf)); /* n owns it */
	}
}

static mp_node *build(struct walker *w, const cJSON *j, const char *key,
		      const struct frame *f)
{
	struct lc at = next_pos(w);
	mp_node *n;
	switch (j->type & 0xFF) {
	case cJSON_False:
	case cJSON_True:
		n = mp_node_new(MP_NODE_BOOL, key, at.line, at.col);
		n->b = cJSON_IsTrue(j);
		return n;
	case cJSON_Number:
		n = mp_node_new(MP_NODE_NUMBER, key, at.line, at.col);
		n->num = j->valuedouble;
		if (!isfinite(n->num))
			walk_error(w, at, f, key, "number out of range");
		return n;
	case cJSON_String:
		n = mp_node_new(MP_NODE_STRING, key, at.line, at.col);
		n->str = mp_xstrdup(j->valuestring ? j->valuestring : "");
		return n;
	case cJSON_Array:
		n = mp_node_new(MP_NODE_ARRAY, key, at.line, at.col);
		build_array(w, n, j, key, f);
		return n;
	case cJSON_Object:
		n = mp_node_new(MP_NODE_OBJECT, key, at.line, at.col);
		build_object(w, n, j, f);
		return n;
	default:
		return mp_node_new(MP_NODE_NULL, key, at.line, at.col);
	}
}

/* ---- mp_json_parse ---- */

/* Pass 1: size, byte order mark (skipped), UTF-8.  0, or -1 with an
 * error. */
static int check_bytes(const char *file, const char **buf, size_t *len,
		       mp_errors *errs)
{
	if (*len > MP_INPUT_MAX) {
		mp_errors_add(errs, file, 0, 0, NULL, NULL,
			      "file is larger than %u bytes", MP_INPUT_MAX);
		return -1;
	}
	if (*len >= 3 && memcmp(*buf, "\xEF\xBB\xBF", 3) == 0) {
		*buf += 3;
		*len -= 3;
	}
	const unsigned char *s = (const unsigned char *)*buf;
	size_t bad = utf8_check(s, *len);
	if (bad < *len) { /* SPEC 3 */
		struct lc at = lc_at(s, bad);
		mp_errors_add(errs, file, at.line, at.col, NULL, NULL,
			      "text is not valid UTF-8");
		return -1;
	}
	return 0;
}

/* Pass 4: the tree, or NULL when a duplicate key or a number out of
 * range was reported. */
static mp_node *walk(const char *file, const cJSON *j,
		     const struct scanner *sc, mp_errors *errs)
{
	struct walker w = { file, errs, sc->pos, sc->n_pos, 0, 0, false };
	mp_node *root = build(&w, j, NULL, NULL);
	if (!w.bad && w.k != w.n_pos) {
		mp_errors_addf(errs, MP_EINTERNAL, "%s: json positions out "
			       "of step (a bug)", file ? file : "");
		w.bad = true;
	}
	if (w.bad) {
		mp_node_free(root);
		root = NULL;
	}
	return root;
}

mp_node *mp_json_parse(const char *file, const char *buf, size_t len,
		       mp_errors *errs)
{
	struct scanner sc = { 0 };
	char *text = NULL;
	cJSON *j = NULL;
	mp_node *root = NULL;
	size_t end = 0;

	if (check_bytes(file, &buf, &len, errs) < 0)
		goto out;
	/* cJSON needs a NUL after the text; buf may lack one */
	text = mp_xmalloc(len + 1);
	if (len)
		memcpy(text, buf, len);
	text[len] = '\0';
	sc.s = (const unsigned char *)text;
	sc.len = len;
	sc.at.line = sc.at.col = 1;
	if (scan(&sc) == SCAN_ERR) {
		report_scan_error(file, &sc, text, errs);
		goto out;
	}
	/* nesting is within MP_JSON_MAX_DEPTH up to where the scan stopped,
	 * and cJSON stops there too, so its recursion stays shallow */
	j = cj_parse(text, len, &end);
	if (!j) {
		syntax_error(file, sc.s, len, end, errs);
		goto out;
	}
	if (check_trailing(file, sc.s, len, end, errs) == 0)
		root = walk(file, j, &sc, errs);
out:
	cJSON_Delete(j); /* the tree holds copies of every string */
	free(text);
	free(sc.pos);
	return root;
}

/* ---- mp_json_write ---- */

struct buf {
	char *p;
	size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 4096;
		b->p = mp_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void indent(struct buf *b, int depth)
{
	for (int i = 0; i < depth; i++)
		put(b, " ", 1);
}

/* RFC 8259: quote and backslash escaped, control characters as \uXXXX
 * (tab, LF and CR as \t \n \r), everything else raw UTF-8. */
static void put_string(struct buf *b, const char *s)
{
	char esc[8];
	put(b, "\"", 1);
	for (const char *run = s;; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '\0')
			break;
		if (c == '"' || c == '\\')
			snprintf(esc, sizeof esc, "\\%c", c);
		else if (c == '\t' || c == '\n' || c == '\r')
			snprintf(esc, sizeof esc, "\\%c",
				 c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
		else
			snprintf(esc, sizeof esc, "\\u%04x", c);
		puts_(b, esc);
	}
	put(b, "\"", 1);
}

/* printf follows LC_NUMERIC; JSON wants '.'. */
static void c_locale_point(char *s)
{
	const char *dp = localeconv()->decimal_point;
	if (!dp || (dp[0] == '.' && dp[1] == '\0'))
		return;
	char *p = strstr(s, dp);
	if (p) {
		size_t n = strlen(dp);
		*p = '.';
		memmove(p + 1, p + n, strlen(p + n) + 1);
	}
}

static void put_number(struct buf *b, double v)
{
	char tmp[40];
	if (!isfinite(v)) {
		puts_(b, "null"); /* JSON has no such numbers */
		return;
	}
	if (v == 0) {
		snprintf(tmp, sizeof tmp, "0"); /* -0 too */
	} else if (v == trunc(v) && fabs(v) < 1e15) {
		snprintf(tmp, sizeof tmp, "%.0f", v);
	} else {
		for (int prec = 15; prec <= 17; prec++) { /* shortest that round-trips */
			snprintf(tmp, sizeof tmp, "%.*g", prec, v);
			if (strtod(tmp, NULL) == v)
				break;
		}
		c_locale_point(tmp);
	}
	puts_(b, tmp);
}

static bool is_container(const mp_node *n)
{
	return n->kind == MP_NODE_ARRAY || n->kind == MP_NODE_OBJECT;
}

static void write_value(struct buf *b, const mp_node *n, int depth);

/* Objects and arrays one member per line, indented one space a level;
 * an object's members without a key are skipped (a caller's bug). */
static void write_container(struct buf *b, const mp_node *n, int depth)
{
	bool obj = n->kind == MP_NODE_OBJECT;
	bool first = true;
	put(b, obj ? "{" : "[", 1);
	for (const mp_node *c = n->child; c; c = c->next) {
		if (obj && !c->key)
			continue;
		put(b, first ? "\n" : ",\n", first ? 1 : 2);
		first = false;
		indent(b, depth + 1);
		if (obj) {
			put_string(b, c->key);
			put(b, ": ", 2);
		}
		write_value(b, c, depth + 1);
	}
	if (!first) {
		put(b, "\n", 1);
		indent(b, depth);
	}
	put(b, obj ? "}" : "]", 1);
}

static void write_value(struct buf *b, const mp_node *n, int depth)
{
	if (is_container(n)) {
		write_container(b, n, depth);
		return;
	}
	switch (n->kind) {
	case MP_NODE_BOOL:
		puts_(b, n->b ? "true" : "false");
		break;
	case MP_NODE_NUMBER:
		put_number(b, n->num);
		break;
	case MP_NODE_STRING:
	case MP_NODE_TEXT:
		put_string(b, n->str ? n->str : "");
		break;
	default:
		puts_(b, "null");
		break;
	}
}

char *mp_json_write(const mp_node *root)
{
	struct buf b = { 0 };
	if (root)
		write_value(&b, root, 0);
	else
		puts_(&b, "null");
	put(&b, "\n", 1);
	return b.p;
}
