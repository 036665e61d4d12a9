/*
 * mrz.c - names as the machine-readable zone reads them: the
 * transliteration tables of ICAO Doc 9303 Part 3 section 6 (see mrz.h).
 *
 * A table entry is the Latin text of one code point: letters A-Z, " "
 * for a filler, "" for a character that is omitted (apostrophes, marks
 * that are not letters), NULL for one no table writes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"
#include "mrz.h"

/* --- UTF-8 --- */

/* Decodes one code point and advances *s; invalid bytes give U+FFFD. */
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

/* --- Table A: Latin --- */

/* U+00C0..U+00FF; Doc 9303's first form where it gives two. */
static const char *const latin1[64] = {
	"A", "A", "A", "A", "AE", "AA", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "OE", NULL, "OE", "U", "U", "U", "UE", "Y", "TH", "SS",
	"A", "A", "A", "A", "AE", "AA", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "OE", NULL, "OE", "U", "U", "U", "UE", "Y", "TH", "Y",
};

/* One base letter per code point; '*' two letters (see latin_pair),
 * '?' none.  U+0100..U+017F (Latin Extended-A). */
static const char ext_a[] =
	"AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLLLLL"
	"NNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";

/* U+0180..U+024F (Latin Extended-B): hooked and stroked letters of
 * African and Vietnamese orthographies, Pinyin and Romanian letters. */
static const char ext_b[] =
	"BBBB??OCCDDDD?E*EFFG???IKKL??NNOOO??PP?????TTTTUU?VYYZZ?????????"
	"????*********AAIIOOUUUUUUUUUU*AAAA**GGGGKKOOOO??J***GG??NNAA****"
	"AAAAEEEEIIIIOOOORRRRUUUUSSTT??HHND??ZZAAEEOOOOOOOOYYLNTJ??ACCLTS"
	"Z??BU?EEJJ??RRYY";

/* U+1E00..U+1EFF (Latin Extended Additional): Ṣ ḥ of transcribed
 * Arabic names, the Vietnamese letters with tone marks. */
static const char ext_add[] =
	"AABBBBBBCCDDDDDDDDDDEEEEEEEEEEFFGGHHHHHHHHHHIIIIKKKKKKLLLLLLLLMM"
	"MMMMNNNNNNNNOOOOOOOOPPPPRRRRRRRRSSSSSSSSSSTTTTTTTTUUUUUUUUUUVVVV"
	"WWWWWWWWWWXXXXYYZZZZZZHTWYASSS*?AAAAAAAAAAAAAAAAAAAAAAAAEEEEEEEE"
	"EEEEEEEEIIIIOOOOOOOOOOOOOOOOOOOOOOOOUUUUUUUUUUUUUUYYYYYYYY**VVYY";

static const char *latin_pair(uint32_t cp)
{
	switch (cp) {
	case 0x132: case 0x133: return "IJ";
	case 0x152: case 0x153: return "OE";
	case 0x18F: case 0x1DD: return "E"; /* schwa (Azerbaijani) */
	case 0x1C4: case 0x1C5: case 0x1C6: return "DZ";
	case 0x1C7: case 0x1C8: case 0x1C9: return "LJ";
	case 0x1CA: case 0x1CB: case 0x1CC: return "NJ";
	case 0x1F1: case 0x1F2: case 0x1F3: return "DZ";
	case 0x1E2: case 0x1E3: case 0x1FC: case 0x1FD: return "AE";
	case 0x1FE: case 0x1FF: return "OE";
	case 0x1E9E: return "SS";
	case 0x1EFA: case 0x1EFB: return "LL";
	default: return NULL;
	}
}

static const char *from_letters(const char *table, size_t n, uint32_t off, char tmp[2],
				uint32_t cp)
{
	if (off >= n || table[off] == '?')
		return NULL;
	if (table[off] == '*')
		return latin_pair(cp);
	tmp[0] = table[off];
	tmp[1] = '\0';
	return tmp;
}

/* IPA letters used by African orthographies (Hausa, Twi, Lingala ...). */
static const char *ipa_letter(uint32_t cp)
{
	switch (cp) {
	case 0x253: return "B";
	case 0x254: return "O";
	case 0x256: case 0x257: return "D";
	case 0x259: case 0x25B: return "E";
	case 0x260: return "G";
	case 0x272: return "N";
	default: return NULL;
	}
}

static const char *ascii(uint32_t cp, char tmp[2])
{
	tmp[1] = '\0';
	if (cp >= 'a' && cp <= 'z') {
		tmp[0] = (char)(cp - 'a' + 'A');
		return tmp;
	}
	if (cp >= 'A' && cp <= 'Z') {
		tmp[0] = (char)cp;
		return tmp;
	}
	if (cp == ' ' || cp == '-' || cp == ',' || cp == '/' || cp == '\t')
		return " ";       /* fillers */
	if (cp && strchr("'`.\"()", (int)cp))
		return "";        /* apostrophes, quotes, brackets, full stops: omitted */
	return NULL;              /* digits and symbols are not names */
}

static const char *latin(uint32_t cp, char tmp[2])
{
	if (cp < 0x80)
		return ascii(cp, tmp);
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0x100 && cp < 0x250) {
		if (cp < 0x180)
			return from_letters(ext_a, sizeof ext_a - 1, cp - 0x100, tmp, cp);
		return from_letters(ext_b, sizeof ext_b - 1, cp - 0x180, tmp, cp);
	}
	if (cp >= 0x1E00 && cp <= 0x1EFF)
		return from_letters(ext_add, sizeof ext_add - 1, cp - 0x1E00, tmp, cp);
	if (cp >= 0x300 && cp <= 0x36F)
		return ""; /* combining marks: the letter they sit on is kept */
	switch (cp) {
	case 0x2018: case 0x2019: case 0x2BC: case 0x2BB: case 0x2BE: case 0x2BF:
		return ""; /* apostrophes, ayn and hamza signs of transcriptions */
	case 0x2010: case 0x2011: case 0x2013: case 0xA0:
		return " "; /* hyphens, no-break space */
	}
	return ipa_letter(cp);
}

/* --- Table B: Cyrillic; Greek by ELOT 743 --- */

/* U+0400..U+045F */
static const char *const cyrillic[96] = {
	"E", "E", "D", "G", "IE", "DZ", "I", "I", "J", "LJ", "NJ", "C", "K", "I", "U", "DZ",
	"A", "B", "V", "G", "D", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P",
	"R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "", "E", "IU", "IA",
	"A", "B", "V", "G", "D", "E", "ZH", "Z", "I", "I", "K", "L", "M", "N", "O", "P",
	"R", "S", "T", "U", "F", "KH", "TS", "CH", "SH", "SHCH", "IE", "Y", "", "E", "IU", "IA",
	"E", "E", "D", "G", "IE", "DZ", "I", "I", "J", "LJ", "NJ", "C", "K", "I", "U", "DZ",
};

/* U+0391..U+03A9, lower case at +0x20 */
static const char *const greek[25] = {
	"A", "V", "G", "D", "E", "Z", "I", "TH", "I", "K", "L", "M", "N", "X", "O", "P",
	"R", NULL, "S", "T", "Y", "F", "CH", "PS", "O",
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
	case 0x3C2: return "S"; /* final sigma */
	default: return NULL;
	}
}

static const char *cyrillic_greek(uint32_t cp)
{
	if (cp >= 0x400 && cp <= 0x45F)
		return cyrillic[cp - 0x400];
	if (cp == 0x490 || cp == 0x491)
		return "G"; /* Ukrainian ghe with upturn */
	if (cp >= 0x391 && cp <= 0x3A9)
		return greek[cp - 0x391];
	if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2)
		return greek[cp - 0x3B1];
	if (cp >= 0x386 && cp <= 0x3CE)
		return greek_accented(cp);
	return NULL;
}

/* --- Table C: Arabic script --- */

/* U+0621..U+064A; teh marbuta (U+0629) is decided by its place. */
static const char *const arabic[42] = {
	"XE", "XAA", "XAE", "U", "I", "XI", "A", "B", NULL, "T", "XTH", "J", "XH", "XKH", "D",
	"XDH", "R", "Z", "S", "XSH", "XSS", "XDZ", "XTT", "XZZ", "E", "G", NULL, NULL, NULL, NULL,
	NULL, "", "F", "Q", "K", "L", "M", "N", "H", "W", "XAY", "Y",
};

/* Persian, Dari, Pashto and Urdu letters of Table C. */
static const char *arabic_national(uint32_t cp)
{
	switch (cp) {
	case 0x671: return "XXA";
	case 0x679: return "XXT";
	case 0x67C: return "XRT";
	case 0x67E: return "P";
	case 0x681: return "XKE";
	case 0x685: return "XXH";
	case 0x686: return "XC";
	case 0x688: return "XXD";
	case 0x689: return "XDR";
	case 0x691: return "XXR";
	case 0x693: return "XRR";
	case 0x696: return "XRX";
	case 0x698: return "XJ";
	case 0x69A: return "XXS";
	case 0x6A9: return "XKK";
	case 0x6AB: return "XXK";
	case 0x6AD: return "XNG";
	case 0x6AF: return "XGG";
	case 0x6BA: return "XNN";
	case 0x6BC: return "XXN";
	case 0x6BE: return "XDO";
	case 0x6C0: return "XYH";
	case 0x6C1: return "XXG";
	case 0x6C2: return "XGE";
	case 0x6C3: return "XTG";
	case 0x6CC: return "XYA";
	case 0x6CD: return "XXY";
	case 0x6D0: return "Y";
	case 0x6D2: return "XYB";
	case 0x6D3: return "XBE";
	default: return NULL;
	}
}

static bool arabic_letter(uint32_t cp)
{
	return (cp >= 0x621 && cp <= 0x64A && cp != 0x640) || arabic_national(cp);
}

static const char *arabic_script(uint32_t cp, uint32_t next)
{
	if (cp == 0x629) /* teh marbuta: XAH ending a name, XTA inside one */
		return arabic_letter(next) ? "XTA" : "XAH";
	if (cp >= 0x621 && cp <= 0x64A)
		return arabic[cp - 0x621];
	if ((cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || cp == 0x640)
		return ""; /* vowel marks, shadda, sukun, tatweel: not letters */
	if (cp == 0x200C || cp == 0x200D)
		return ""; /* zero-width (non-)joiner inside Persian names */
	return arabic_national(cp);
}

/* Arabic presentation forms (text copied from PDFs) as the letter they
 * shape.  U+FE80..U+FEF4, then the Persian letters of U+FB50.. */
static const uint16_t forms_b[] = {
	0x621, 0x622, 0x622, 0x623, 0x623, 0x624, 0x624, 0x625, 0x625, 0x626, 0x626, 0x626,
	0x626, 0x627, 0x627, 0x628, 0x628, 0x628, 0x628, 0x629, 0x629, 0x62A, 0x62A, 0x62A,
	0x62A, 0x62B, 0x62B, 0x62B, 0x62B, 0x62C, 0x62C, 0x62C, 0x62C, 0x62D, 0x62D, 0x62D,
	0x62D, 0x62E, 0x62E, 0x62E, 0x62E, 0x62F, 0x62F, 0x630, 0x630, 0x631, 0x631, 0x632,
	0x632, 0x633, 0x633, 0x633, 0x633, 0x634, 0x634, 0x634, 0x634, 0x635, 0x635, 0x635,
	0x635, 0x636, 0x636, 0x636, 0x636, 0x637, 0x637, 0x637, 0x637, 0x638, 0x638, 0x638,
	0x638, 0x639, 0x639, 0x639, 0x639, 0x63A, 0x63A, 0x63A, 0x63A, 0x641, 0x641, 0x641,
	0x641, 0x642, 0x642, 0x642, 0x642, 0x643, 0x643, 0x643, 0x643, 0x644, 0x644, 0x644,
	0x644, 0x645, 0x645, 0x645, 0x645, 0x646, 0x646, 0x646, 0x646, 0x647, 0x647, 0x647,
	0x647, 0x648, 0x648, 0x649, 0x649, 0x64A, 0x64A, 0x64A, 0x64A,
};

static uint32_t base_form(uint32_t cp)
{
	if (cp >= 0xFE80 && cp < 0xFE80 + sizeof forms_b / sizeof forms_b[0])
		return forms_b[cp - 0xFE80];
	if (cp >= 0xFB56 && cp <= 0xFB59) return 0x67E; /* peh */
	if (cp >= 0xFB7A && cp <= 0xFB7D) return 0x686; /* tcheh */
	if (cp >= 0xFB8A && cp <= 0xFB8B) return 0x698; /* jeh */
	if (cp >= 0xFB8E && cp <= 0xFB91) return 0x6A9; /* keheh */
	if (cp >= 0xFB92 && cp <= 0xFB95) return 0x6AF; /* gaf */
	if (cp >= 0xFBFC && cp <= 0xFBFF) return 0x6CC; /* farsi yeh */
	return cp;
}

/* Lam-alef ligatures U+FEF5..U+FEFC: lam and the alef they join. */
static uint32_t lam_alef(uint32_t cp)
{
	static const uint32_t alef[4] = {0x622, 0x623, 0x625, 0x627};
	return cp >= 0xFEF5 && cp <= 0xFEFC ? alef[(cp - 0xFEF5) / 2] : 0;
}

/* --- the whole name --- */

/* The code points of a name, presentation forms resolved.  *n set. */
static uint32_t *code_points(const char *utf8, size_t *n)
{
	size_t len = strlen(utf8), k = 0;
	uint32_t *v = mp_xcalloc(2 * len + 2, sizeof *v);
	const unsigned char *s = (const unsigned char *)utf8;
	while (*s) {
		uint32_t cp = utf8_next(&s);
		uint32_t alef = lam_alef(cp);
		if (alef) {
			v[k++] = 0x644;
			v[k++] = alef;
		} else {
			v[k++] = base_form(cp);
		}
	}
	*n = k;
	return v;
}

static const char *letter(uint32_t cp, uint32_t next, char tmp[2], bool *tabled)
{
	*tabled = cp >= 0x80; /* anything beyond ASCII is for the officer to check */
	const char *t = latin(cp, tmp);
	if (t)
		return t;
	if ((t = cyrillic_greek(cp)))
		return t;
	return arabic_script(cp, next);
}

/* Appends t, one filler for a run of them, none leading. */
static void put(char *out, size_t *k, const char *t)
{
	for (; *t; t++) {
		if (*t == ' ' && (*k == 0 || out[*k - 1] == ' '))
			continue;
		out[(*k)++] = *t;
	}
}

enum mp_mrz_result mp_mrz_from_name(const char *utf8, char **out)
{
	size_t n, k = 0;
	uint32_t *cp = code_points(utf8 ? utf8 : "", &n);
	char *s = mp_xmalloc(4 * n + 1); /* at most four letters per code point */
	enum mp_mrz_result res = MP_MRZ_PLAIN;
	for (size_t i = 0; i < n; i++) {
		char tmp[2];
		bool tabled = false;
		const char *t = letter(cp[i], i + 1 < n ? cp[i + 1] : 0, tmp, &tabled);
		if (!t) {
			res = MP_MRZ_UNWRITABLE;
			break;
		}
		if (tabled)
			res = MP_MRZ_TRANSLITERATED;
		put(s, &k, t);
	}
	while (k && s[k - 1] == ' ')
		k--;
	s[k] = '\0';
	free(cp);
	if (res == MP_MRZ_UNWRITABLE) {
		free(s);
		s = NULL;
	}
	*out = s;
	return res;
}

bool mp_mrz_valid(const char *s)
{
	if (!s || !*s)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p == ' ') {
			if (p == s || p[1] == ' ' || p[1] == '\0')
				return false;
		} else if (*p < 'A' || *p > 'Z') {
			return false;
		}
	}
	return true;
}

bool mp_name_is_latin(const char *utf8)
{
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	while (*s) {
		char tmp[2];
		uint32_t cp = utf8_next(&s);
		if (!latin(cp, tmp) && !(cp >= '0' && cp <= '9'))
			return false;
	}
	return true;
}

/* --- warnings for `check` --- */

static bool travelled(const mp_dataset *ds, const char *case_id)
{
	for (int i = 0; i < ds->n_bookings; i++)
		if (ds->bookings[i].status == MP_BOOK_TRAVELLED && ds->bookings[i].case_id &&
		    strcmp(ds->bookings[i].case_id, case_id) == 0)
			return true;
	return false;
}

static int warn_member(const mp_dataset *ds, const mp_case *c, const mp_member *m,
		       mp_errors *w)
{
	static const char *const fields[2] = {"family_name", "given_names"};
	const char *names[2] = {m->family_name, m->given_names};
	const mp_document *d = &m->document;
	bool has_mrz = d->present && (d->mrz_family_name || d->mrz_given_names);
	int n = 0;
	char item[200];
	snprintf(item, sizeof item, "case '%.64s': member '%.64s'", c->id, m->id);
	for (int k = 0; k < 2 && !has_mrz; k++) {
		if (!names[k] || mp_name_is_latin(names[k]))
			continue;
		mp_errors_add(w, mp_dataset_file(ds, m->loc), m->loc.line, m->loc.col, item,
			      fields[k], "not in Latin script and %s: manifests will transliterate it "
			      "by ICAO Doc 9303; record the passport's machine-readable name",
			      d->present ? "no document.mrz_ names" : "no document to carry its MRZ name");
		n++;
	}
	return n;
}

int mp_mrz_warnings(const mp_dataset *ds, mp_errors *warnings)
{
	int n = 0;
	for (int i = 0; i < ds->n_cases; i++) {
		const mp_case *c = &ds->cases[i];
		if (travelled(ds, c->id))
			continue;
		for (int k = 0; k < c->n_members; k++)
			n += warn_member(ds, c, &c->members[k], warnings);
	}
	return n;
}
