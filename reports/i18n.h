/*
 * i18n.h - the family's language for what a family reads (itineraries;
 * internal to reports/).
 *
 * Messages are GNU gettext catalogs, po/<lang>.po (en, fa_AF for Dari,
 * ps for Pashto), compiled into the binary at build time by
 * scripts/embed.sh, so `movplan` speaks every language wherever it is
 * installed, with no .mo files to find.  A message's id is its English
 * text, marked N_("...") where it is written so xgettext extracts it
 * (tests/scripts/po_check.sh compares the extraction with every
 * catalog).  Values go in through named placeholders, {date}, {time},
 * replaced by rp_trf: a translator moves them freely and a wrong one
 * cannot crash a printf.
 */
#ifndef MP_I18N_H
#define MP_I18N_H

#include <stdbool.h>
#include "rp.h"

#define N_(s) s /* a message id, for xgettext -kN_ */

typedef struct rp_msg {
	char *id, *str;
} rp_msg;

typedef struct rp_lang {
	const char *catalog;  /* "en", "fa_AF", "ps" */
	const char *tag;      /* BCP 47 for HTML lang: "en", "fa-AF", "ps" */
	bool rtl;             /* written right to left */
	rp_msg *msgs;         /* sorted by id; owned */
	int n_msgs;
	int missing;          /* lookups that found no translation (tests want 0) */
} rp_lang;

/* The catalog for a BCP 47 tag: en for NULL and en*, fa_AF for fa, prs
 * (Dari and Persian), ps for ps, pbt, pbu, pst (Pashto); any other
 * language gets English and *known false. */
void rp_lang_load(rp_lang *l, const char *tag, bool *known);
void rp_lang_release(rp_lang *l);

/* Whether a BCP 47 tag has a catalog of its own (English counts). */
bool rp_lang_known(const char *tag);

/* The translation of msgid (its English text); msgid itself, counted
 * in l->missing, when the catalog lacks it. */
const char *rp_tr(rp_lang *l, const char *msgid);

/* Appends the translation of msgid with every {key} replaced by its
 * value; the arguments after msgid are key, value pairs ending in NULL
 * (at most 8).  A {key} without a value is written as it stands.  In a
 * right-to-left language each value is isolated (U+2068 ... U+2069) so
 * "IST" or "06:15" keeps its own direction inside the sentence. */
void rp_trf(rp_buf *b, rp_lang *l, const char *msgid, ...) __attribute__((sentinel));

/* The English name of a country (ISO 3166-1 code) as a message id, for
 * the main resettlement and transit countries; NULL for others (their
 * code is shown). */
const char *rp_country_msgid(const char *code);

/* The catalogs' texts (po/<lang>.po, by scripts/embed.sh), for the tests. */
typedef struct rp_catalog_text {
	const char *name;     /* "en", "fa_AF", "ps" */
	const char *text;
} rp_catalog_text;
extern const rp_catalog_text rp_catalogs[];
extern const int rp_n_catalogs;

#endif
