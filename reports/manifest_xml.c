/*
 * manifest_xml.c - the manifest as XML in the namespace urn:movplan:1,
 * root <manifest version="1">, valid against reports/manifest.xsd.
 *
 * It follows the style of the dataset XML (SPEC 3): scalar fields are
 * attributes, lists of ids space-separated attribute values, an object
 * a child element named as its field (<document>), a list a wrapping
 * element holding one element per item (<passengers><passenger/>...).
 * Written with libxml2's xmlTextWriter so every value is escaped.
 */
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "rp_manifest.h"

typedef struct xw {
	xmlTextWriterPtr w;
	bool ok;
} xw;

static void start(xw *x, const char *name)
{
	x->ok &= xmlTextWriterStartElement(x->w, BAD_CAST name) >= 0;
}

static void end(xw *x)
{
	x->ok &= xmlTextWriterEndElement(x->w) >= 0;
}

static void attr(xw *x, const char *name, const char *value)
{
	if (value && *value)
		x->ok &= xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value) >= 0;
}

static void attr_int(xw *x, const char *name, int v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%d", v);
	attr(x, name, buf);
}

static void attr_date(xw *x, const char *name, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d != MP_NODATE)
		attr(x, name, rp_date(d, buf));
}

static void attr_dt(xw *x, const char *name, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	if (dt.present) {
		mp_datetime_format(dt, buf);
		attr(x, name, buf);
	}
}

static void attr_ids(xw *x, const char *name, const char *const *v, int n)
{
	rp_buf b = {0};
	for (int i = 0; i < n; i++) {
		if (i)
			rp_buf_putc(&b, ' ');
		rp_buf_puts(&b, v[i]);
	}
	attr(x, name, b.s);
	rp_buf_release(&b);
}

static void person(xw *x, const rp_names *n, char sex, mp_date born, const char *nat)
{
	char s[2] = {sex, 0};
	attr(x, "family_name", n->family);
	attr(x, "given_names", n->given);
	attr(x, "name_source", rp_name_source_names[n->source]);
	attr(x, "sex", s);
	attr_date(x, "birth_date", born);
	attr(x, "nationality", nat);
}

static void document(xw *x, const mp_document *d)
{
	if (!d || !d->present)
		return;
	start(x, "document");
	attr(x, "type", d->type);
	attr(x, "number", d->number);
	attr(x, "issuer", d->issuer);
	attr_date(x, "expires", d->expires);
	end(x);
}

/* The member's own attributes and children (shared by an infant). */
static void member_body(xw *x, const rp_manifest *m, const rp_pax *p)
{
	const mp_member *mb = &p->c->members[p->member];
	const char *type = rp_pax_type(p);
	rp_buf ssr = {0};
	rp_ssr_list(&ssr, p->ssr);
	attr(x, "member", mb->id);
	attr(x, "title", rp_pax_title(mb->sex, type));
	attr(x, "pax_type", type);
	person(x, &p->names, mb->sex, mb->birth_date, mb->nationality);
	attr_int(x, "seats", p->seats);
	attr(x, "ssr", ssr.s);
	attr(x, "needs_escort", mp_escort_kind_names[p->needs_escort]);
	attr_ids(x, "escorted_by", p->escorted_by, p->n_escorted_by);
	document(x, &mb->document);
	if (p->infant >= 0) {
		start(x, "infant");
		member_body(x, m, &m->pax[p->infant]);
		end(x);
	}
	rp_buf_release(&ssr);
}

static void passenger(xw *x, const rp_manifest *m, const rp_pax *p)
{
	char *journey = rp_journey(m, p->a);
	start(x, "passenger");
	attr(x, "case", p->c->id);
	attr(x, "booking_ref", p->c->id);
	attr(x, "status", mp_booking_status_names[p->a->status]);
	attr(x, "journey", journey);
	member_body(x, m, p);
	end(x);
	free(journey);
}

static void escort(xw *x, const rp_manifest *m, const rp_esc *e)
{
	const mp_escort *d = e->e;
	const char **who = mp_xcalloc((size_t)e->n_escorting + 1, sizeof *who);
	for (int k = 0; k < e->n_escorting; k++) {
		const rp_pax *p = &m->pax[e->escorting[k]];
		who[k] = p->c->members[p->member].id;
	}
	start(x, "escort");
	attr(x, "id", e->id);
	attr(x, "kind", d ? mp_escort_kind_names[d->kind] : NULL);
	attr(x, "title", rp_pax_title(d ? d->sex : 0, "ADT"));
	person(x, &e->names, d ? d->sex : 0, d ? d->birth_date : MP_NODATE,
	       d ? d->nationality : NULL);
	attr_int(x, "seats", 1);
	attr(x, "status", mp_booking_status_names[e->status]);
	attr_ids(x, "cases", e->cases, e->n_cases);
	attr_ids(x, "escorting", who, e->n_escorting);
	document(x, d ? &d->document : NULL);
	end(x);
	free(who);
}

static void totals(xw *x, const rp_manifest *m)
{
	start(x, "totals");
	attr_int(x, "cases", m->n_cases);
	attr_int(x, "passengers", m->n_pax);
	attr_int(x, "lap_infants", m->n_lap);
	attr_int(x, "escorts", m->n_esc);
	attr_int(x, "persons", m->n_pax + m->n_esc);
	attr_int(x, "seats_used", rp_manifest_seats_used(m));
	attr_int(x, "seats", m->f->seats);
	for (int k = 0; k < MP_N_KIND; k++) /* SPEC 1 kinds: passengers of each */
		if (m->kind_pax[k]) {
			char name[32];
			snprintf(name, sizeof name, "%s_passengers", mp_case_kind_names[k]);
			attr_int(x, name, m->kind_pax[k]);
		}
	for (int s = 0; s < MP_N_SSR; s++) {
		if (!m->ssr[s] && m->f->limits[s] < 0)
			continue;
		start(x, "ssr");
		attr(x, "code", mp_ssr_names[s]);
		attr_int(x, "count", m->ssr[s]);
		if (m->f->limits[s] >= 0)
			attr_int(x, "limit", m->f->limits[s]);
		end(x);
	}
	end(x);
}

static void root_attrs(xw *x, const rp_manifest *m)
{
	const mp_flight *f = m->f;
	attr(x, "version", "1");
	attr(x, "flight", f->id);
	attr(x, "carrier", f->carrier);
	attr(x, "number", f->number);
	attr(x, "from", f->from);
	attr(x, "to", f->to);
	attr_dt(x, "departs", f->departs);
	attr_dt(x, "arrives", f->arrives);
	attr_date(x, "date", mp_datetime_local_date(f->departs));
	rp_buf t = {0};
	rp_hhmm(&t, f->departs);
	attr(x, "time", t.s);
	rp_buf_release(&t);
	attr_int(x, "seats", f->seats);
	attr_int(x, "stretcher_seats", rp_stretcher_seats(f));
	if (f->cancelled)
		attr(x, "cancelled", "true");
	if (m->confirmed_only)
		attr(x, "confirmed_only", "true");
	attr(x, "mission", m->ds->mission.id);
	if (m->plan) {
		attr(x, "plan", m->plan->id);
		attr(x, "scenario", m->plan->scenario);
	}
}

static void body(xw *x, const rp_manifest *m)
{
	x->ok &= xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) >= 0;
	x->ok &= xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "manifest",
					     BAD_CAST "urn:movplan:1") >= 0;
	root_attrs(x, m);
	start(x, "passengers");
	for (int i = 0; i < m->n_pax; i++)
		if (m->pax[i].lap_of < 0) /* a lap infant is inside its adult */
			passenger(x, m, &m->pax[i]);
	end(x);
	start(x, "escorts");
	for (int i = 0; i < m->n_esc; i++)
		escort(x, m, &m->esc[i]);
	end(x);
	totals(x, m);
	end(x);
	x->ok &= xmlTextWriterEndDocument(x->w) >= 0;
}

int rp_manifest_xml(rp_buf *b, const rp_manifest *m, mp_errors *errs)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xw x = {NULL, buf != NULL};
	if (buf)
		x.w = xmlNewTextWriterMemory(buf, 0);
	if (!x.w) {
		xmlBufferFree(buf);
		return rp_internal(errs, "xml writer");
	}
	xmlTextWriterSetIndent(x.w, 1);
	xmlTextWriterSetIndentString(x.w, BAD_CAST " ");
	body(&x, m);
	xmlFreeTextWriter(x.w); /* flushes into buf */
	if (x.ok)
		rp_buf_putn(b, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return x.ok ? MP_OK : rp_internal(errs, "xml serialisation");
}
