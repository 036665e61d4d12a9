/*
 * i18n.c - message catalogs (po/<lang>.po, embedded at build time) and the
 * lookups of i18n.h.
 *
 * The PO reader takes what GNU gettext writes: comments, "#, fuzzy"
 * (such an entry is not a translation), msgid and msgstr each a string
 * or several on continuation lines, escapes \n \t \" \\.  The header
 * (msgid "") is skipped.  Catalogs are read when an itinerary is
 * written (a few hundred lines: no cache needed).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"

extern const char mp_po_en[], mp_po_fa_AF[], mp_po_ps[];

const rp_catalog_text rp_catalogs[] = {
	{"en", mp_po_en},
	{"fa_AF", mp_po_fa_AF},
	{"ps", mp_po_ps},
};
const int rp_n_catalogs = sizeof rp_catalogs / sizeof rp_catalogs[0];

/* --- reading a PO file --- */

/* Appends the C-escaped string that starts at the '"' of p; returns the
 * position after its closing quote, or NULL when it has none. */
static const char *po_string(const char *p, rp_buf *out)
{
	if (*p != '"')
		return NULL;
	for (p++; *p && *p != '"' && *p != '\n'; p++) {
		if (*p != '\\') {
			rp_buf_putc(out, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'n': rp_buf_putc(out, '\n'); break;
		case 't': rp_buf_putc(out, '\t'); break;
		case '\0': return NULL;
		default: rp_buf_putc(out, *p); /* \" \\ and anything else as itself */
		}
	}
	return *p == '"' ? p + 1 : NULL;
}

static const char *line_end(const char *p)
{
	const char *e = strchr(p, '\n');
	return e ? e + 1 : p + strlen(p);
}

/* A keyword's strings: the first on its line, then continuation lines. */
static const char *po_value(const char *p, rp_buf *out)
{
	p = strchr(p, '"');
	while (p && *p == '"') {
		p = po_string(p, out);
		if (!p)
			return NULL;
		p = line_end(p);
		while (*p == ' ' || *p == '\t')
			p++;
	}
	return p;
}

typedef struct po_entry {
	rp_buf id, str;
	bool fuzzy, has_id;
} po_entry;

static void add_entry(rp_lang *l, po_entry *e)
{
	if (e->has_id && e->id.n && e->str.n && !e->fuzzy) {
		l->msgs = mp_xrealloc(l->msgs, (size_t)(l->n_msgs + 1) * sizeof *l->msgs);
		l->msgs[l->n_msgs].id = mp_xstrdup(e->id.s);
		l->msgs[l->n_msgs].str = mp_xstrdup(e->str.s);
		l->n_msgs++;
	}
	rp_buf_release(&e->id);
	rp_buf_release(&e->str);
	memset(e, 0, sizeof *e);
}

static int cmp_msg(const void *a, const void *b)
{
	return strcmp(((const rp_msg *)a)->id, ((const rp_msg *)b)->id);
}

static void po_read(rp_lang *l, const char *p)
{
	po_entry e = {0};
	while (p && *p) {
		if (strncmp(p, "#,", 2) == 0 && strstr(p, "fuzzy") && strstr(p, "fuzzy") < line_end(p))
			e.fuzzy = true;
		if (strncmp(p, "msgid ", 6) == 0) {
			add_entry(l, &e);
			rp_buf_puts(&e.id, "");
			e.has_id = true;
			p = po_value(p, &e.id);
		} else if (strncmp(p, "msgstr ", 7) == 0) {
			rp_buf_puts(&e.str, "");
			p = po_value(p, &e.str);
		} else {
			p = line_end(p);
		}
	}
	add_entry(l, &e);
	if (l->n_msgs > 1)
		qsort(l->msgs, (size_t)l->n_msgs, sizeof *l->msgs, cmp_msg);
}

/* --- choosing a catalog --- */

typedef struct lang_def {
	const char *catalog, *tag;
	bool rtl;
	const char *primaries; /* BCP 47 primary subtags it serves, space-separated */
} lang_def;

static const lang_def langs[] = {
	{"en", "en", false, "en"},
	{"fa_AF", "fa-AF", true, "fa prs"},   /* Dari; Iranian Persian readers follow it */
	{"ps", "ps", true, "ps pbt pbu pst"}, /* Pashto and its ISO 639-3 varieties */
};

static const lang_def *find_lang(const char *tag)
{
	char primary[9] = "";
	size_t n = tag ? strcspn(tag, "-_") : 0;
	if (n == 0 || n >= sizeof primary)
		return NULL;
	for (size_t i = 0; i < n; i++)
		primary[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 : tag[i]);
	for (size_t k = 0; k < sizeof langs / sizeof langs[0]; k++) {
		const char *p = langs[k].primaries;
		while (*p) {
			size_t len = strcspn(p, " ");
			if (len == n && strncmp(p, primary, n) == 0)
				return &langs[k];
			p += len + (p[len] == ' ');
		}
	}
	return NULL;
}

bool rp_lang_known(const char *tag)
{
	return find_lang(tag) != NULL;
}

void rp_lang_load(rp_lang *l, const char *tag, bool *known)
{
	const lang_def *d = find_lang(tag);
	if (known)
		*known = d != NULL || !tag || !*tag;
	if (!d)
		d = &langs[0];
	memset(l, 0, sizeof *l);
	l->catalog = d->catalog;
	l->tag = d->tag;
	l->rtl = d->rtl;
	for (int i = 0; i < rp_n_catalogs; i++)
		if (strcmp(rp_catalogs[i].name, d->catalog) == 0)
			po_read(l, rp_catalogs[i].text);
}

void rp_lang_release(rp_lang *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->n_msgs; i++) {
		free(l->msgs[i].id);
		free(l->msgs[i].str);
	}
	free(l->msgs);
	memset(l, 0, sizeof *l);
}

/* --- lookups --- */

const char *rp_tr(rp_lang *l, const char *msgid)
{
	rp_msg key = {(char *)msgid, NULL};
	const rp_msg *m = l->n_msgs ? bsearch(&key, l->msgs, (size_t)l->n_msgs, sizeof *l->msgs,
					      cmp_msg) : NULL;
	if (m)
		return m->str;
	l->missing++;
	return msgid;
}

#define MAX_ARGS 8 /* placeholders one message may hold */

/* The value of {key} among the pairs, NULL when none is given. */
static const char *value_of(const char *key, size_t len, const char *const *kv, int n)
{
	for (int i = 0; i < n; i++)
		if (strlen(kv[2 * i]) == len && strncmp(kv[2 * i], key, len) == 0)
			return kv[2 * i + 1] ? kv[2 * i + 1] : "";
	return NULL;
}

void rp_trf(rp_buf *b, rp_lang *l, const char *msgid, ...)
{
	const char *kv[2 * MAX_ARGS], *k;
	int n = 0;
	va_list ap;
	va_start(ap, msgid);
	while (n < MAX_ARGS && (k = va_arg(ap, const char *))) {
		kv[2 * n] = k;
		kv[2 * n + 1] = va_arg(ap, const char *);
		n++;
	}
	va_end(ap);
	const char *s = rp_tr(l, msgid);
	while (*s) {
		const char *open = strchr(s, '{'), *close = open ? strchr(open, '}') : NULL;
		if (!close) {
			rp_buf_puts(b, s);
			break;
		}
		rp_buf_putn(b, s, (size_t)(open - s));
		const char *v = value_of(open + 1, (size_t)(close - open - 1), kv, n);
		if (v && l->rtl) /* U+2068 FSI ... U+2069 PDI: a code keeps its own direction */
			rp_buf_printf(b, "\xe2\x81\xa8%s\xe2\x81\xa9", v);
		else if (v)
			rp_buf_puts(b, v);
		else
			rp_buf_putn(b, open, (size_t)(close - open + 1));
		s = close + 1;
	}
}

/* --- country names --- */

static const char *const countries[][2] = {
	{"AE", N_("United Arab Emirates")}, {"AF", N_("Afghanistan")}, {"AL", N_("Albania")},
	{"AR", N_("Argentina")}, {"AT", N_("Austria")}, {"AU", N_("Australia")},
	{"BE", N_("Belgium")}, {"BR", N_("Brazil")}, {"CA", N_("Canada")},
	{"CH", N_("Switzerland")}, {"DE", N_("Germany")}, {"DK", N_("Denmark")},
	{"ES", N_("Spain")}, {"FI", N_("Finland")}, {"FR", N_("France")},
	{"GB", N_("United Kingdom")}, {"IE", N_("Ireland")}, {"IR", N_("Iran")},
	{"IS", N_("Iceland")}, {"IT", N_("Italy")}, {"JP", N_("Japan")},
	{"KR", N_("South Korea")}, {"LU", N_("Luxembourg")}, {"MX", N_("Mexico")},
	{"NL", N_("Netherlands")}, {"NO", N_("Norway")}, {"NZ", N_("New Zealand")},
	{"PK", N_("Pakistan")}, {"PT", N_("Portugal")}, {"QA", N_("Qatar")},
	{"SE", N_("Sweden")}, {"TR", N_("Turkey")}, {"UA", N_("Ukraine")},
	{"US", N_("United States")},
};

const char *rp_country_msgid(const char *code)
{
	for (size_t i = 0; code && i < sizeof countries / sizeof countries[0]; i++)
		if (strcmp(countries[i][0], code) == 0)
			return countries[i][1];
	return NULL;
}
