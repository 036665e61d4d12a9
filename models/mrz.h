/*
 * mrz.h - a person's name as a travel document's machine-readable zone
 * reads it (ICAO Doc 9303 Part 3): capital letters A-Z, the filler '<'
 * written as a single space (SPEC 1, document.mrz_family_name).
 *
 * Airlines' API checks and border systems compare the names of a
 * PAXLST message with the document's MRZ, so manifests print the MRZ
 * form: the document's own mrz_ names when the caseworker recorded them
 * (the issuing state's spelling: an Afghan passport reads MOHAMMAD),
 * else a transliteration by the recommended tables of Doc 9303 Part 3
 * section 6, which the officer checks against the document:
 *
 * - Latin letters with diacritics (Table A): the first form the table
 *   gives where it gives two (Ä AE, Å AA, Ö OE, Ø OE, Ü UE, Ñ N), ß SS,
 *   Þ TH, Æ AE, Œ OE, Ĳ IJ, every other letter its base letter (Ş S,
 *   Ğ G, ı I, Đ D, the Vietnamese letters with their tone marks ...);
 *   combining marks are dropped, the letter they sit on is kept.
 * - Cyrillic (Table B) and Greek (ELOT 743, as Greek passports write).
 * - Arabic script (Table C), including the Persian, Dari, Pashto and
 *   Urdu letters: the "X" escape scheme (ح XH, خ XKH, ش XSH, ع E,
 *   ی XYA, ښ XXS, ...), teh marbuta XTA inside a name and XAH at its
 *   end; short-vowel marks, shadda, sukun and tatweel are not letters
 *   and are not written.  Doc 9303's example: ابو بكر محمد بن زكريا
 *   الرازي gives ABW BKR MXHMD BN ZKRYA ALRAZY.
 * - Space, hyphen, comma and slash become a filler; apostrophes, quotes,
 *   brackets and full stops are omitted (Doc 9303: "O'Brien" is
 *   OBRIEN); runs of fillers become one and none leads or trails.
 *
 * A letter of a script no table covers (Chinese, Tigrinya ...), a digit
 * or a symbol is never dropped silently: the result is
 * MP_MRZ_UNWRITABLE and the name needs its MRZ form recorded.
 */
#ifndef MP_MRZ_H
#define MP_MRZ_H

#include <stdbool.h>
#include "dataset.h"
#include "error.h"

enum mp_mrz_result {
	MP_MRZ_PLAIN,          /* only ASCII letters, fillers and apostrophes */
	MP_MRZ_TRANSLITERATED, /* some letter went through a table: check it */
	MP_MRZ_UNWRITABLE,     /* a character no table writes; *out is NULL */
};

/* The MRZ form of a UTF-8 name into *out (malloc'd, caller frees; ""
 * for NULL).  Returns how it was made. */
enum mp_mrz_result mp_mrz_from_name(const char *utf8, char **out);

/* True when s is a valid MRZ name of SPEC 1: one or more runs of
 * capital letters A-Z separated by single spaces. */
bool mp_mrz_valid(const char *s);

/* True when every letter of a name is Latin (ASCII or Latin with
 * diacritics), so a person reading the document can match it by eye;
 * false for Arabic, Cyrillic, Greek and any other script. */
bool mp_name_is_latin(const char *utf8);

/* SPEC 1 / issue 13: every member of a case that has not travelled
 * whose family_name or given_names is not in Latin script and whose
 * document has no MRZ names, recorded in *warnings (file, line, item,
 * field; never the name).  Manifests would transliterate such a name;
 * `check` warns so the caseworker records the passport's spelling.
 * Returns how many. */
int mp_mrz_warnings(const mp_dataset *ds, mp_errors *warnings);

#endif
