/*
 * paxlst.c - the manifest as a UN/EDIFACT PAXLST message, directory
 * D02B, as the WCO/IATA API implementation guide lays it out (see
 * DOMAIN.md): UNA, UNB, then per part UNH BGM NAD+MS TDT LOC/DTM
 * LOC/DTM, per passenger NAD+FL ATT DTM LOC LOC NAT RFF DOC DTM LOC,
 * then CNT UNT; UNZ.
 *
 * Choices, each documented in reports/README.md too:
 * - Syntax level A (UNOA): names are upper-cased, Latin diacritics
 *   stripped (Æ, Œ, ß, Þ, Ĳ become AE, OE, SS, TH, IJ), Cyrillic and
 *   Greek transliterated as ICAO 9303 does, Arabic and Persian letters
 *   by a readable consonant table (short vowels are not written in
 *   Arabic script, so the result is approximate: give Latin names as on
 *   the travel document when there are any); anything else is dropped.
 *   Each data element is cut to its maximum length (names an..35)
 *   before the release character ? is put before ? : + and '.
 * - One segment per line: the terminator ' is followed by a LF, the
 *   "visual aid" the syntax allows and parsers skip; the option
 *   paxlst_compact writes none, for a gateway that insists.
 * - Escorts fly, so they are listed as passengers (NAD+FL) after the
 *   cases' members, with their escort id as booking reference; a crew
 *   list (NAD+FM, BGM+250) would be wrong for them.
 * - Sex X is written U (unspecified): the D02B code list of the 2010
 *   guide has M, F and U.
 * - Long lists are split after max_per_part passengers (default 99)
 *   into messages numbered 01:C, 02:C ... NN:F in one interchange, each
 *   with its own CNT+42 and UNT; a single part is 01:F.  The message
 *   reference of UNH/UNT is the part number.
 * - The interchange reference is the preparation time YYMMDDHHMM and
 *   four digits hashed from the flight id (an..14), so two flights'
 *   messages prepared in the same minute differ.
 * - Sender and recipient: the options, else the mission's, else
 *   "MOVPLAN" and "APIS".  The reporting party (NAD+MS) is the sender.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rp_manifest.h"

/* --- transliteration to UNOA --- */

/* Decodes one UTF-8 code point; advances *s.  Invalid bytes give 0xFFFD. */
static uint32_t utf8_next(const unsigned char **s)
{
	const unsigned char *p = *s;
	uint32_t cp;
	int extra;
	if (p[0] < 0x80) {
		*s = p + 1;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0) {
		cp = p[0] & 0x1F;
		extra = 1;
	} else if ((p[0] & 0xF0) == 0xE0) {
		cp = p[0] & 0x0F;
		extra = 2;
	} else if ((p[0] & 0xF8) == 0xF0) {
		cp = p[0] & 0x07;
		extra = 3;
	} else {
		*s = p + 1;
		return 0xFFFD;
	}
	for (int i = 1; i <= extra; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s = p + i;
			return 0xFFFD;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	*s = p + extra + 1;
	return cp;
}

/* U+00C0..U+00FF */
static const char *const latin1[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "SS",
	"A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "Y",
};

/* U+0100..U+017F, one letter each; '*' marks the two-letter ones. */
static const char latin_ext_a[] =
	"AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLLLLL"
	"NNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

/* U+0400..U+045F, ICAO 9303 */
static const char *const cyrillic[96] = {
	"E", "E", "D", "G", "IE", "DZ", "I", "I", "J", "LJ", "NJ", "C", "K", "I", "U", "DZ",
	"A", "B", "V", "G", "D", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P",
	"R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "", "E", "IU", "IA",
	"A", "B", "V", "G", "D", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P",
	"R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "", "E", "IU", "IA",
	"E", "E", "D", "G", "IE", "DZ", "I", "I", "J", "LJ", "NJ", "C", "K", "I", "U", "DZ",
};

/* U+0391..U+03A9 (and lower case at +0x20), ICAO 9303 */
static const char *const greek[25] = {
	"A", "V", "G", "D", "E", "Z", "I", "TH", "I", "K", "L", "M", "N", "X", "O", "P",
	"R", "S", "S", "T", "Y", "F", "CH", "PS", "O",
};

/* U+0621..U+064A, a readable consonant table */
static const char *const arabic[42] = {
	"", "A", "A", "U", "I", "I", "A", "B", "A", "T", "TH", "J", "H", "KH", "D", "DH",
	"R", "Z", "S", "SH", "S", "D", "T", "Z", "A", "GH", "", "", "", "", "", "",
	"F", "Q", "K", "L", "M", "N", "H", "W", "A", "Y",
};

static const char *greek_accented(uint32_t cp)
{
	switch (cp) {
	case 0x386: case 0x3AC: return "A";
	case 0x388: case 0x3AD: return "E";
	case 0x389: case 0x38A: case 0x390: case 0x3AA: case 0x3AE: case 0x3AF: case 0x3CA:
		return "I";
	case 0x38C: case 0x38F: case 0x3CC: case 0x3CE: return "O";
	case 0x38E: case 0x3AB: case 0x3B0: case 0x3CB: case 0x3CD: return "Y";
	default: return "";
	}
}

static const char *other_latin(uint32_t cp)
{
	switch (cp) {
	case 0x18F: case 0x259: return "E";          /* schwa (Azerbaijani) */
	case 0x1A0: case 0x1A1: return "O";
	case 0x1AF: case 0x1B0: return "U";
	case 0x218: case 0x219: return "S";          /* Romanian comma below */
	case 0x21A: case 0x21B: return "T";
	case 0x490: case 0x491: return "G";          /* Ukrainian ghe with upturn */
	case 0x67E: return "P";                      /* Persian letters */
	case 0x686: return "CH";
	case 0x698: return "ZH";
	case 0x6A9: return "K";
	case 0x6AF: return "G";
	case 0x6CC: return "Y";
	default: return "";
	}
}

/* Vietnamese U+1EA0..U+1EF9: runs of one base letter. */
static const char *vietnamese(uint32_t cp)
{
	if (cp <= 0x1EB7) return "A";
	if (cp <= 0x1EC7) return "E";
	if (cp <= 0x1ECB) return "I";
	if (cp <= 0x1EE3) return "O";
	if (cp <= 0x1EF1) return "U";
	return "Y";
}

static const char *ascii(uint32_t cp, char tmp[2])
{
	tmp[1] = '\0';
	if (cp >= 'a' && cp <= 'z')
		tmp[0] = (char)(cp - 'a' + 'A');
	else if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || strchr(" .,-()/='+:?", (int)cp))
		tmp[0] = (char)cp;
	else if (cp == '_')
		tmp[0] = '-'; /* ids may hold '_', which UNOA lacks */
	else if (cp == '\t' || cp == '\n' || cp == '\r')
		tmp[0] = ' ';
	else
		tmp[0] = '\0';
	return tmp;
}

/* The UNOA letters for one code point ("" drops it). */
static const char *translit(uint32_t cp, char tmp[2])
{
	if (cp < 0x80)
		return ascii(cp, tmp);
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp <= 0x17F) {
		switch (cp) {
		case 0x132: case 0x133: return "IJ";
		case 0x152: case 0x153: return "OE";
		}
		tmp[0] = latin_ext_a[cp - 0x100];
		tmp[1] = '\0';
		return tmp;
	}
	if (cp >= 0x391 && cp <= 0x3A9)
		return greek[cp - 0x391];
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return greek[cp - 0x3B1];
	if (cp >= 0x386 && cp <= 0x3CE)
		return greek_accented(cp);
	if (cp >= 0x400 && cp <= 0x45F)
		return cyrillic[cp - 0x400];
	if (cp >= 0x621 && cp <= 0x64A)
		return arabic[cp - 0x621];
	if ((cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9)) {
		tmp[0] = (char)('0' + (cp & 0xF)); /* Arabic-Indic and Persian digits */
		tmp[1] = '\0';
		return tmp;
	}
	if (cp >= 0x1EA0 && cp <= 0x1EF9)
		return vietnamese(cp);
	return other_latin(cp); /* combining marks and the rest: dropped */
}

char *rp_unoa(const char *utf8, size_t max)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	while (*s) {
		char tmp[2];
		const char *t = translit(utf8_next(&s), tmp);
		for (; *t; t++) {
			/* collapse runs of spaces; none at the start */
			if (*t == ' ' && (b.n == 0 || b.s[b.n - 1] == ' '))
				continue;
			if (b.n < max)
				rp_buf_putc(&b, *t);
		}
	}
	while (b.n && b.s[b.n - 1] == ' ')
		b.s[--b.n] = '\0';
	return b.s;
}

/* --- segments --- */

typedef struct edi {
	rp_buf *b;
	int segs;          /* segments since UNH */
	const char *eol;   /* after each terminator: "\n" or "" */
} edi;

static void raw(edi *e, const char *s)
{
	rp_buf_puts(e->b, s);
}

/* A data value: transliterated, cut to max, release-escaped. */
static void val(edi *e, const char *utf8, size_t max)
{
	char *u = rp_unoa(utf8, max);
	for (const char *p = u; *p; p++) {
		if (strchr("?:+'", *p))
			rp_buf_putc(e->b, '?');
		rp_buf_putc(e->b, *p);
	}
	free(u);
}

static void end(edi *e)
{
	rp_buf_putc(e->b, '\'');
	rp_buf_puts(e->b, e->eol);
	e->segs++;
}

/* "YYMMDD" of a date. */
static void yymmdd(edi *e, mp_date d)
{
	int y, m, day;
	mp_date_to_ymd(d, &y, &m, &day);
	rp_buf_printf(e->b, "%02d%02d%02d", y % 100, m, day);
}

/* "YYMMDDHHMM" of a local date-time. */
static void yymmddhhmm(edi *e, mp_datetime dt)
{
	yymmdd(e, mp_datetime_local_date(dt));
	mp_tod t = mp_datetime_local_tod(dt);
	rp_buf_printf(e->b, "%02d%02d", t / 3600, (t / 60) % 60);
}

typedef struct traveller {
	const char *family, *given;
	char sex;
	mp_date born;
	const char *nationality, *ref;
	const mp_document *doc;
} traveller;

static void name_segment(edi *e, const traveller *t)
{
	char *fam = rp_unoa(t->family, 35), *giv = rp_unoa(t->given, 35);
	raw(e, "NAD+FL+++");
	if (*fam) {
		val(e, fam, 35);
		if (*giv) {
			raw(e, ":");
			val(e, giv, 35);
		}
	} else {
		/* one name only: it goes where the surname goes */
		val(e, *giv ? giv : "UNKNOWN", 35);
	}
	end(e);
	free(fam);
	free(giv);
}

static void document_segments(edi *e, const mp_document *d)
{
	if (!d || !d->present)
		return;
	raw(e, "DOC+");
	val(e, d->type, 3);
	raw(e, ":110:111+");
	val(e, d->number, 35);
	end(e);
	if (d->expires != MP_NODATE) {
		raw(e, "DTM+36:");
		yymmdd(e, d->expires);
		end(e);
	}
	if (d->issuer) {
		raw(e, "LOC+91+");
		val(e, d->issuer, 3);
		end(e);
	}
}

static void passenger_segments(edi *e, const traveller *t, const mp_flight *f)
{
	name_segment(e, t);
	if (t->sex) {
		char sex[2] = {t->sex == 'X' ? 'U' : t->sex, 0};
		raw(e, "ATT+2++");
		raw(e, sex);
		end(e);
	}
	if (t->born != MP_NODATE) {
		raw(e, "DTM+329:");
		yymmdd(e, t->born);
		end(e);
	}
	raw(e, "LOC+178+");
	val(e, f->from, 25);
	end(e);
	raw(e, "LOC+179+");
	val(e, f->to, 25);
	end(e);
	if (t->nationality) {
		raw(e, "NAT+2+");
		val(e, t->nationality, 3);
		end(e);
	}
	raw(e, "RFF+AVF:");
	val(e, t->ref, 35);
	end(e);
	document_segments(e, t->doc);
}

/* Traveller k of the list: the passengers, then the escorts. */
static traveller traveller_at(const rp_manifest *m, int k)
{
	traveller t = {0};
	if (k < m->n_pax) {
		const rp_pax *p = &m->pax[k];
		const mp_member *mb = &p->c->members[p->member];
		t = (traveller){mb->family_name, mb->given_names, mb->sex, mb->birth_date,
				mb->nationality, p->c->id, &mb->document};
		return t;
	}
	const rp_esc *x = &m->esc[k - m->n_pax];
	t.ref = x->id;
	t.born = MP_NODATE;
	if (x->e)
		t = (traveller){x->e->family_name, x->e->given_names, x->e->sex,
				x->e->birth_date, x->e->nationality, x->id, &x->e->document};
	if (!t.family && !t.given)
		t.family = x->id; /* an escort the dataset lacks: its id is all we know */
	return t;
}

/* --- the interchange --- */

typedef struct header {
	char now[64];        /* "YYMMDD:HHMM" */
	char ref[16];        /* interchange control reference */
	const char *sender, *recipient;
} header;

static void flight_code(edi *e, const mp_flight *f, size_t max)
{
	rp_buf fc = {0};
	rp_buf_puts(&fc, f->carrier);
	rp_buf_puts(&fc, f->number);
	if (fc.n == 0)
		rp_buf_puts(&fc, f->id);
	val(e, fc.s, max);
	rp_buf_release(&fc);
}

static void message_head(edi *e, const rp_manifest *m, const header *h, int part, int n_parts)
{
	const mp_flight *f = m->f;
	e->segs = 0;
	rp_buf_printf(e->b, "UNH+%d+PAXLST:D:02B:UN:IATA+", part);
	flight_code(e, f, 17);
	raw(e, "/");
	yymmdd(e, mp_datetime_local_date(f->departs));
	mp_tod t = mp_datetime_local_tod(f->departs);
	rp_buf_printf(e->b, "/%02d%02d+%02d:%c", t / 3600, (t / 60) % 60, part,
		      part == n_parts ? 'F' : 'C');
	end(e);
	raw(e, "BGM+745");
	end(e);
	raw(e, "NAD+MS+++");
	val(e, h->sender, 35);
	end(e);
	raw(e, "TDT+20+");
	flight_code(e, f, 17);
	end(e);
	raw(e, "LOC+125+");
	val(e, f->from, 25);
	end(e);
	raw(e, "DTM+189:");
	yymmddhhmm(e, f->departs);
	raw(e, ":201");
	end(e);
	raw(e, "LOC+87+");
	val(e, f->to, 25);
	end(e);
	raw(e, "DTM+232:");
	yymmddhhmm(e, f->arrives);
	raw(e, ":201");
	end(e);
}

static void message(edi *e, const rp_manifest *m, const header *h, int part, int n_parts,
		    int first, int count)
{
	message_head(e, m, h, part, n_parts);
	for (int k = first; k < first + count; k++) {
		traveller t = traveller_at(m, k);
		passenger_segments(e, &t, m->f);
	}
	rp_buf_printf(e->b, "CNT+42:%d", count);
	end(e);
	rp_buf_printf(e->b, "UNT+%d+%d", e->segs + 1, part); /* UNH..UNT inclusive */
	end(e);
}

static bool valid_now(const char *s)
{
	if (!s || strlen(s) != 11 || s[6] != ':')
		return false;
	for (int i = 0; i < 11; i++)
		if (i != 6 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; s && *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int make_header(header *h, const rp_manifest *m, const mp_manifest_options *o,
		       mp_errors *errs)
{
	if (o->now) {
		if (!valid_now(o->now)) {
			mp_errors_addf(errs, MP_EUSAGE, "paxlst: preparation time: want YYMMDD:HHMM");
			return MP_EUSAGE;
		}
		memcpy(h->now, o->now, 12);
	} else {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		snprintf(h->now, sizeof h->now, "%02d%02d%02d:%02d%02d", tm.tm_year % 100,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	}
	snprintf(h->ref, sizeof h->ref, "%.6s%.4s%04u", h->now, h->now + 7,
		 (unsigned)(fnv1a(m->f->id) % 10000u));
	const mp_mission *ms = &m->ds->mission;
	h->sender = o->sender ? o->sender : ms->sender ? ms->sender : "MOVPLAN";
	h->recipient = o->recipient ? o->recipient : ms->recipient ? ms->recipient : "APIS";
	return MP_OK;
}

int rp_manifest_paxlst(rp_buf *b, const rp_manifest *m, const mp_manifest_options *o,
		       mp_errors *errs)
{
	header h;
	int rc = make_header(&h, m, o, errs);
	if (rc != MP_OK)
		return rc;
	edi e = {b, 0, o->paxlst_compact ? "" : "\n"};
	int per = o->max_per_part > 0 ? o->max_per_part : 99;
	int total = m->n_pax + m->n_esc;
	int n_parts = total == 0 ? 1 : (total + per - 1) / per;
	if (n_parts > 99) { /* the part number NN has two digits */
		mp_errors_addf(errs, MP_EUSAGE, "paxlst: %d passengers need more than 99 parts of %d",
			       total, per);
		return MP_EUSAGE;
	}
	raw(&e, "UNA:+.? '");
	raw(&e, e.eol);
	raw(&e, "UNB+UNOA:4+");
	val(&e, h.sender, 35);
	raw(&e, "+");
	val(&e, h.recipient, 35);
	rp_buf_printf(b, "+%s+%s++APIS", h.now, h.ref);
	end(&e);
	for (int part = 1; part <= n_parts; part++) {
		int first = (part - 1) * per;
		int count = total - first < per ? total - first : per;
		message(&e, m, &h, part, n_parts, first, count);
	}
	rp_buf_printf(b, "UNZ+%d+%s", n_parts, h.ref);
	end(&e);
	return MP_OK;
}
