/*
 * paxlst.c - the manifest as a UN/EDIFACT PAXLST message, directory
 * D02B, as the WCO/IATA API implementation guide lays it out (see
 * DOMAIN.md): UNA, UNB, then per part UNH BGM NAD+MS TDT LOC/DTM
 * LOC/DTM, per passenger NAD+FL ATT DTM LOC LOC NAT RFF RFF DOC DTM LOC,
 * then CNT UNT; UNZ.
 *
 * Choices, each documented in reports/README.md too:
 * - Syntax level A (UNOA).  Names are the travel document's MRZ names
 *   (rp_names: document.mrz_* when recorded, else ICAO Doc 9303's
 *   transliteration, models/mrz.h), so they match what the border's
 *   document reader sees.  Other values are upper-cased, and a letter
 *   beyond ASCII goes through the same tables.  Each data element is
 *   cut to its maximum length (names an..35) before the release
 *   character ? is put before ? : + and '.
 * - A lap infant is its own NAD+FL right after the adult who carries
 *   it, in the same part; both share the booking reference (RFF+AVF,
 *   the case id) and the infant's unique passenger reference (RFF+ABO)
 *   is the adult's member id followed by "/INF", as a reservation files
 *   an infant under its adult; everyone else's is the member (escort)
 *   id.
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
#include "../models/mrz.h"

/* --- UNOA --- */

static const char *ascii(unsigned char c, char tmp[2])
{
	tmp[1] = '\0';
	if (c >= 'a' && c <= 'z')
		tmp[0] = (char)(c - 'a' + 'A');
	else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(" .,-()/='+:?", c))
		tmp[0] = (char)c;
	else if (c == '_')
		tmp[0] = '-'; /* ids may hold '_', which UNOA lacks */
	else if (c == '\t' || c == '\n' || c == '\r')
		tmp[0] = ' ';
	else
		tmp[0] = '\0';
	return tmp;
}

/* Length of the UTF-8 sequence a lead byte starts. */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

char *rp_unoa(const char *utf8, size_t max)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	for (const char *s = utf8 ? utf8 : ""; *s;) {
		char tmp[2], one[5] = {0}, *mrz = NULL;
		const char *t;
		size_t n = seq_len((unsigned char)*s);
		if (n == 1) {
			t = ascii((unsigned char)*s, tmp);
		} else {
			/* a letter beyond ASCII: the MRZ tables (models/mrz.h) */
			for (size_t k = 0; k < n && s[k]; k++)
				one[k] = s[k];
			mp_mrz_from_name(one, &mrz);
			t = mrz ? mrz : "";
		}
		s += strnlen(s, n);
		for (; *t; t++) {
			/* collapse runs of spaces; none at the start */
			if (*t == ' ' && (b.n == 0 || b.s[b.n - 1] == ' '))
				continue;
			if (b.n < max)
				rp_buf_putc(&b, *t);
		}
		free(mrz);
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
	const char *family, *given; /* MRZ form */
	char sex;
	mp_date born;
	const char *nationality, *ref;
	char *passenger_ref;        /* RFF+ABO; owned */
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
	raw(e, "RFF+ABO:");
	val(e, t->passenger_ref, 35);
	end(e);
	document_segments(e, t->doc);
}

/* The travellers in message order: each member who is no lap infant,
 * the infant on its lap right after it, then the escorts.  Fills
 * order[] with pax indexes, escorts as n_pax + k; returns the count. */
static int travellers(const rp_manifest *m, int *order)
{
	int n = 0;
	for (int i = 0; i < m->n_pax; i++) {
		if (m->pax[i].lap_of >= 0)
			continue;
		order[n++] = i;
		if (m->pax[i].infant >= 0)
			order[n++] = m->pax[i].infant;
	}
	for (int k = 0; k < m->n_esc; k++)
		order[n++] = m->n_pax + k;
	return n;
}

/* Traveller k of travellers(); the caller frees passenger_ref.  The
 * booking reference (RFF+AVF) is the case id, an escort's its id; the
 * unique passenger reference (RFF+ABO) is the member id, a lap
 * infant's the carrying adult's followed by "/INF", as a reservation
 * files an infant under the adult. */
static traveller traveller_at(const rp_manifest *m, int k)
{
	traveller t = {0};
	if (k < m->n_pax) {
		const rp_pax *p = &m->pax[k];
		const mp_member *mb = &p->c->members[p->member];
		t = (traveller){p->names.family, p->names.given, mb->sex, mb->birth_date,
				mb->nationality, p->c->id, NULL, &mb->document};
		if (p->lap_of >= 0)
			t.passenger_ref = mp_xasprintf(
				"%s/INF", m->pax[p->lap_of].c->members[m->pax[p->lap_of].member].id);
		else
			t.passenger_ref = mp_xstrdup(mb->id);
		return t;
	}
	const rp_esc *x = &m->esc[k - m->n_pax];
	t.ref = x->id;
	t.born = MP_NODATE;
	if (x->e)
		t = (traveller){x->names.family, x->names.given, x->e->sex, x->e->birth_date,
				x->e->nationality, x->id, NULL, &x->e->document};
	if ((!t.family || !*t.family) && (!t.given || !*t.given))
		t.family = x->id; /* an escort the dataset lacks: its id is all we know */
	t.passenger_ref = mp_xstrdup(x->id);
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
		    const int *order, int first, int count)
{
	message_head(e, m, h, part, n_parts);
	for (int k = first; k < first + count; k++) {
		traveller t = traveller_at(m, order[k]);
		passenger_segments(e, &t, m->f);
		free(t.passenger_ref);
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

/* Where each part starts in order[]: at most per travellers a part,
 * and an adult never apart from the infant on its lap.  starts[] gets
 * the first index of each part and, last, total; returns the parts. */
static int split_parts(const rp_manifest *m, const int *order, int total, int per, int *starts)
{
	int n = 0, first = 0;
	starts[n++] = 0;
	for (int k = 0; k < total; k++) {
		bool pair = order[k] < m->n_pax && m->pax[order[k]].infant >= 0;
		int need = pair ? 2 : 1;
		if (k - first + need > per && k > first) {
			starts[n++] = k;
			first = k;
		}
		k += need - 1;
	}
	starts[n] = total;
	return total == 0 ? 1 : n;
}

int rp_manifest_paxlst(rp_buf *b, const rp_manifest *m, const mp_manifest_options *o,
		       mp_errors *errs)
{
	header h;
	int rc = make_header(&h, m, o, errs);
	if (rc != MP_OK)
		return rc;
	edi e = {b, 0, o->paxlst_compact ? "" : "\n"};
	int per = o->max_per_part > 0 ? o->max_per_part : 99; /* a pair may exceed 1 */
	int *order = mp_xcalloc((size_t)(m->n_pax + m->n_esc) + 1, sizeof *order);
	int *starts = mp_xcalloc((size_t)(m->n_pax + m->n_esc) + 2, sizeof *starts);
	int total = travellers(m, order);
	int n_parts = split_parts(m, order, total, per, starts);
	if (n_parts > 99) { /* the part number NN has two digits */
		mp_errors_addf(errs, MP_EUSAGE, "paxlst: %d passengers need more than 99 parts of %d",
			       total, per);
		rc = MP_EUSAGE;
		goto out;
	}
	raw(&e, "UNA:+.? '");
	raw(&e, e.eol);
	raw(&e, "UNB+UNOA:4+");
	val(&e, h.sender, 35);
	raw(&e, "+");
	val(&e, h.recipient, 35);
	rp_buf_printf(b, "+%s+%s++APIS", h.now, h.ref);
	end(&e);
	for (int part = 1; part <= n_parts; part++)
		message(&e, m, &h, part, n_parts, order, starts[part - 1],
			starts[part] - starts[part - 1]);
	rp_buf_printf(b, "UNZ+%d+%s", n_parts, h.ref);
	end(&e);
out:
	free(order);
	free(starts);
	return rc;
}
