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
#include "rp_manifest.h"
#include "rp_xw.h"

static void attr_dt(rp_xw *x, const char *name, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	if (dt.present) {
		mp_datetime_format(dt, buf);
		rp_xw_attr(x, name, buf);
	}
}

static void attr_ids(rp_xw *x, const char *name, const char *const *v, int n)
{
	rp_buf b = {0};
	for (int i = 0; i < n; i++) {
		if (i)
			rp_buf_putc(&b, ' ');
		rp_buf_puts(&b, v[i]);
	}
	rp_xw_attr(x, name, b.s);
	rp_buf_release(&b);
}

static void person(rp_xw *x, const rp_names *n, char sex, mp_date born, const char *nat)
{
	char s[2] = {sex, 0};
	rp_xw_attr(x, "family_name", n->family);
	rp_xw_attr(x, "given_names", n->given);
	rp_xw_attr(x, "name_source", rp_name_source_names[n->source]);
	rp_xw_attr(x, "sex", s);
	rp_xw_date(x, "birth_date", born);
	rp_xw_attr(x, "nationality", nat);
}

static void document(rp_xw *x, const mp_document *d)
{
	if (!d || !d->present)
		return;
	rp_xw_start(x, "document");
	rp_xw_attr(x, "type", d->type);
	rp_xw_attr(x, "number", d->number);
	rp_xw_attr(x, "issuer", d->issuer);
	rp_xw_date(x, "expires", d->expires);
	rp_xw_end(x);
}

/* The member's own attributes and children (shared by an infant). */
static void member_body(rp_xw *x, const rp_manifest *m, const rp_pax *p)
{
	const mp_member *mb = &p->c->members[p->member];
	const char *type = rp_pax_type(p);
	rp_buf ssr = {0};
	rp_ssr_list(&ssr, p->ssr);
	rp_xw_attr(x, "member", mb->id);
	rp_xw_attr(x, "title", rp_pax_title(mb->sex, type));
	rp_xw_attr(x, "pax_type", type);
	person(x, &p->names, mb->sex, mb->birth_date, mb->nationality);
	rp_xw_int(x, "seats", p->seats);
	rp_xw_attr(x, "ssr", ssr.s);
	rp_xw_attr(x, "needs_escort", mp_escort_kind_names[p->needs_escort]);
	attr_ids(x, "escorted_by", p->escorted_by, p->n_escorted_by);
	document(x, &mb->document);
	if (p->infant >= 0) {
		rp_xw_start(x, "infant");
		member_body(x, m, &m->pax[p->infant]);
		rp_xw_end(x);
	}
	rp_buf_release(&ssr);
}

static void passenger(rp_xw *x, const rp_manifest *m, const rp_pax *p)
{
	char *journey = rp_journey(m, p->a);
	rp_xw_start(x, "passenger");
	rp_xw_attr(x, "case", p->c->id);
	rp_xw_attr(x, "booking_ref", p->c->id);
	rp_xw_attr(x, "status", mp_booking_status_names[p->a->status]);
	rp_xw_attr(x, "journey", journey);
	member_body(x, m, p);
	rp_xw_end(x);
	free(journey);
}

static void escort(rp_xw *x, const rp_manifest *m, const rp_esc *e)
{
	const mp_escort *d = e->e;
	const char **who = mp_xcalloc((size_t)e->n_escorting + 1, sizeof *who);
	for (int k = 0; k < e->n_escorting; k++) {
		const rp_pax *p = &m->pax[e->escorting[k]];
		who[k] = p->c->members[p->member].id;
	}
	rp_xw_start(x, "escort");
	rp_xw_attr(x, "id", e->id);
	rp_xw_attr(x, "kind", d ? mp_escort_kind_names[d->kind] : NULL);
	rp_xw_attr(x, "title", rp_pax_title(d ? d->sex : 0, "ADT"));
	person(x, &e->names, d ? d->sex : 0, d ? d->birth_date : MP_NODATE,
	       d ? d->nationality : NULL);
	rp_xw_int(x, "seats", 1);
	rp_xw_attr(x, "status", mp_booking_status_names[e->status]);
	attr_ids(x, "cases", e->cases, e->n_cases);
	attr_ids(x, "escorting", who, e->n_escorting);
	document(x, d ? &d->document : NULL);
	rp_xw_end(x);
	free(who);
}

static void totals(rp_xw *x, const rp_manifest *m)
{
	rp_xw_start(x, "totals");
	rp_xw_int(x, "cases", m->n_cases);
	rp_xw_int(x, "passengers", m->n_pax);
	rp_xw_int(x, "lap_infants", m->n_lap);
	rp_xw_int(x, "escorts", m->n_esc);
	rp_xw_int(x, "persons", m->n_pax + m->n_esc);
	rp_xw_int(x, "seats_used", rp_manifest_seats_used(m));
	rp_xw_int(x, "seats", m->f->seats);
	for (int k = 0; k < MP_N_KIND; k++) /* SPEC 1 kinds: passengers of each */
		if (m->kind_pax[k]) {
			char name[32];
			snprintf(name, sizeof name, "%s_passengers", mp_case_kind_names[k]);
			rp_xw_int(x, name, m->kind_pax[k]);
		}
	for (int s = 0; s < MP_N_SSR; s++) {
		if (!m->ssr[s] && m->f->limits[s] < 0)
			continue;
		rp_xw_start(x, "ssr");
		rp_xw_attr(x, "code", mp_ssr_names[s]);
		rp_xw_int(x, "count", m->ssr[s]);
		if (m->f->limits[s] >= 0)
			rp_xw_int(x, "limit", m->f->limits[s]);
		rp_xw_end(x);
	}
	rp_xw_end(x);
}

static void root_attrs(rp_xw *x, const rp_manifest *m)
{
	const mp_flight *f = m->f;
	rp_xw_attr(x, "version", "1");
	rp_xw_attr(x, "flight", f->id);
	rp_xw_attr(x, "carrier", f->carrier);
	rp_xw_attr(x, "number", f->number);
	rp_xw_attr(x, "from", f->from);
	rp_xw_attr(x, "to", f->to);
	attr_dt(x, "departs", f->departs);
	attr_dt(x, "arrives", f->arrives);
	rp_xw_date(x, "date", mp_datetime_local_date(f->departs));
	rp_buf t = {0};
	rp_hhmm(&t, f->departs);
	rp_xw_attr(x, "time", t.s);
	rp_buf_release(&t);
	rp_xw_int(x, "seats", f->seats);
	rp_xw_int(x, "stretcher_seats", rp_stretcher_seats(f));
	if (f->cancelled)
		rp_xw_attr(x, "cancelled", "true");
	if (m->confirmed_only)
		rp_xw_attr(x, "confirmed_only", "true");
	rp_xw_attr(x, "mission", m->ds->mission.id);
	if (m->plan) {
		rp_xw_attr(x, "plan", m->plan->id);
		rp_xw_attr(x, "scenario", m->plan->scenario);
	}
}

static void body(rp_xw *x, const void *arg)
{
	const rp_manifest *m = arg;
	root_attrs(x, m);
	rp_xw_start(x, "passengers");
	for (int i = 0; i < m->n_pax; i++)
		if (m->pax[i].lap_of < 0) /* a lap infant is inside its adult */
			passenger(x, m, &m->pax[i]);
	rp_xw_end(x);
	rp_xw_start(x, "escorts");
	for (int i = 0; i < m->n_esc; i++)
		escort(x, m, &m->esc[i]);
	rp_xw_end(x);
	totals(x, m);
}

int rp_manifest_xml(rp_buf *b, const rp_manifest *m, mp_errors *errs)
{
	return rp_xw_document(b, "manifest", body, m, errs);
}
