/*
 * manifest.c - the passenger list of one flight leg: gathering it from
 * the plan and the dataset, and its CSV and JSON forms.  XML is in
 * manifest_xml.c, the UN/EDIFACT PAXLST message in paxlst.c.
 *
 * CSV (RFC 4180): CRLF line ends, a header row, one row per passenger
 * (role "passenger") then one per escort (role "escort"); fields with a
 * comma, quote, CR or LF are quoted and quotes doubled.  The file starts
 * with a UTF-8 byte order mark: without it Excel reads UTF-8 as the
 * local code page and mangles Arabic and Cyrillic names; LibreOffice,
 * Numbers and Python's "utf-8-sig" take it in their stride.  Totals are
 * not in the CSV (a trailing block would break the one-table shape);
 * they are in the JSON and XML forms.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "rp_manifest.h"

/* --- gathering --- */

static void add_case(rp_manifest *m, const rp_index *ix, const mp_assignment *a)
{
	const mp_case *c = rp_case(ix, a->case_id);
	if (!c)
		return; /* a plan of a scenario that since lost the case */
	mp_date on = rp_departure_date(ix, a);
	mp_case_facts facts;
	bool *lap = mp_xcalloc((size_t)c->n_members + 1, sizeof *lap);
	mp_case_facts_on(c, on, &facts, lap); /* SPEC 1: facts on the departure date */
	int stretcher = rp_stretcher_seats(m->f);
	for (int i = 0; i < c->n_members; i++) {
		MP_GROW(m->pax, m->n_pax, m->cap_pax);
		rp_pax *p = &m->pax[m->n_pax++];
		p->c = c;
		p->member = i;
		p->a = a;
		p->ssr = rp_member_ssr(c, i, &facts, lap);
		p->seats = rp_member_seats(c, i, lap, stretcher);
		p->needs_escort = mp_member_escort_need(c, i, on);
		m->pax_seats += p->seats;
		for (int s = 0; s < MP_N_SSR; s++)
			m->ssr[s] += (p->ssr >> s) & 1u;
	}
	m->n_cases++;
	free(lap);
}

static rp_esc *escort_slot(rp_manifest *m, const rp_index *ix, const char *id)
{
	for (int i = 0; i < m->n_esc; i++)
		if (strcmp(m->esc[i].id, id) == 0)
			return &m->esc[i];
	m->esc = mp_xrealloc(m->esc, (size_t)(m->n_esc + 1) * sizeof *m->esc);
	rp_esc *e = &m->esc[m->n_esc++];
	memset(e, 0, sizeof *e);
	e->id = id;
	e->e = rp_escort(ix, id);
	return e;
}

static void escort_add_case(rp_esc *e, const char *case_id)
{
	for (int i = 0; i < e->n_cases; i++)
		if (strcmp(e->cases[i], case_id) == 0)
			return;
	e->cases = mp_xrealloc(e->cases, (size_t)(e->n_cases + 1) * sizeof *e->cases);
	e->cases[e->n_cases++] = case_id;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_esc(const void *a, const void *b)
{
	return strcmp(((const rp_esc *)a)->id, ((const rp_esc *)b)->id);
}

static void gather_escorts(rp_manifest *m, const rp_index *ix, const char *flight_id)
{
	const mp_plan *p = m->plan;
	for (int i = 0; i < p->n_assignments; i++) {
		const mp_assignment *a = &p->assignments[i];
		if (!rp_assignment_has_flight(a, flight_id))
			continue;
		for (int k = 0; k < a->n_escorts; k++)
			escort_add_case(escort_slot(m, ix, a->escorts[k]), a->case_id);
	}
	for (int i = 0; i < p->n_escort_trips; i++) {
		const mp_escort_trip *t = &p->escort_trips[i];
		bool on_leg = false;
		for (int k = 0; k < t->n_flights; k++)
			on_leg |= strcmp(t->flights[k], flight_id) == 0;
		if (!on_leg || !t->escort)
			continue;
		rp_esc *e = escort_slot(m, ix, t->escort);
		for (int k = 0; k < t->n_cases; k++)
			escort_add_case(e, t->cases[k]);
	}
	for (int i = 0; i < m->n_esc; i++)
		if (m->esc[i].n_cases > 1)
			qsort(m->esc[i].cases, (size_t)m->esc[i].n_cases, sizeof(char *), cmp_str);
	if (m->n_esc > 1)
		qsort(m->esc, (size_t)m->n_esc, sizeof *m->esc, cmp_esc);
}

static int cmp_assignment_ptr(const void *a, const void *b)
{
	return strcmp((*(const mp_assignment *const *)a)->case_id,
		      (*(const mp_assignment *const *)b)->case_id);
}

int rp_manifest_build(rp_manifest *m, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, mp_errors *errs)
{
	memset(m, 0, sizeof *m);
	m->ds = ds;
	m->plan = plan;
	rp_index ix;
	rp_index_init(&ix, ds);
	m->f = rp_flight(&ix, flight_id);
	if (!m->f) {
		mp_errors_add(errs, NULL, 0, 0, NULL, NULL, "unknown flight '%s'",
			      flight_id ? flight_id : "");
		rp_index_release(&ix);
		return MP_EDATA;
	}
	if (plan) {
		/* case-id order whatever order the plan arrays are in */
		const mp_assignment **v = mp_xcalloc((size_t)plan->n_assignments + 1, sizeof *v);
		int n = 0;
		for (int i = 0; i < plan->n_assignments; i++)
			if (plan->assignments[i].case_id &&
			    rp_assignment_has_flight(&plan->assignments[i], flight_id))
				v[n++] = &plan->assignments[i];
		if (n > 1)
			qsort(v, (size_t)n, sizeof *v, cmp_assignment_ptr);
		for (int i = 0; i < n; i++)
			add_case(m, &ix, v[i]);
		free(v);
		gather_escorts(m, &ix, flight_id);
	}
	rp_index_release(&ix);
	return MP_OK;
}

void rp_manifest_release(rp_manifest *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n_esc; i++)
		free(m->esc[i].cases);
	free(m->esc);
	free(m->pax);
	memset(m, 0, sizeof *m);
}

int rp_manifest_seats_used(const rp_manifest *m)
{
	return m->pax_seats + m->n_esc; /* SPEC 2.11: an escort takes one seat */
}

/* --- CSV --- */

static const char *const csv_header[] = {
	"flight", "role", "case", "member", "family_name", "given_names", "sex",
	"birth_date", "nationality", "document_type", "document_number",
	"document_issuer", "document_expires", "seats", "ssr", "escorts",
	"needs_escort", "escort_kind",
};
#define N_CSV_COLS (sizeof csv_header / sizeof csv_header[0])

static void csv_row(rp_buf *b, const char *const *v)
{
	for (size_t i = 0; i < N_CSV_COLS; i++) {
		if (i)
			rp_buf_putc(b, ',');
		rp_csv_field(b, v[i]);
	}
	rp_csv_end(b);
}

static char *join_ids(char *const *v, int n)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	for (int i = 0; i < n; i++) {
		if (i)
			rp_buf_putc(&b, ' ');
		rp_buf_puts(&b, v[i]);
	}
	return b.s;
}

static void csv_passenger(rp_buf *b, const rp_manifest *m, const rp_pax *p)
{
	const mp_member *mb = &p->c->members[p->member];
	char sex[2] = {mb->sex, 0}, born[MP_DATE_BUF], exp[MP_DATE_BUF], seats[16];
	rp_buf ssr = {0};
	rp_buf_puts(&ssr, "");
	rp_ssr_list(&ssr, p->ssr);
	char *escorts = join_ids(p->a->escorts, p->a->n_escorts);
	snprintf(seats, sizeof seats, "%d", p->seats);
	const char *v[N_CSV_COLS] = {
		m->f->id, "passenger", p->c->id, mb->id, mb->family_name, mb->given_names, sex,
		rp_date(mb->birth_date, born), mb->nationality, mb->document.type,
		mb->document.number, mb->document.issuer, rp_date(mb->document.expires, exp),
		seats, ssr.s, escorts, mp_escort_kind_names[p->needs_escort], NULL,
	};
	csv_row(b, v);
	free(escorts);
	rp_buf_release(&ssr);
}

static void csv_escort(rp_buf *b, const rp_manifest *m, const rp_esc *e)
{
	const mp_escort *x = e->e;
	char sex[2] = {x ? x->sex : 0, 0}, born[MP_DATE_BUF] = "", exp[MP_DATE_BUF] = "";
	char *cases = join_ids((char *const *)e->cases, e->n_cases);
	const char *v[N_CSV_COLS] = {
		m->f->id, "escort", cases, e->id, x ? x->family_name : NULL,
		x ? x->given_names : NULL, sex, x ? rp_date(x->birth_date, born) : NULL,
		x ? x->nationality : NULL, x ? x->document.type : NULL,
		x ? x->document.number : NULL, x ? x->document.issuer : NULL,
		x ? rp_date(x->document.expires, exp) : NULL, "1", NULL, NULL, NULL,
		x ? mp_escort_kind_names[x->kind] : NULL,
	};
	csv_row(b, v);
	free(cases);
}

void rp_manifest_csv(rp_buf *b, const rp_manifest *m)
{
	rp_buf_puts(b, "\xEF\xBB\xBF"); /* UTF-8 BOM: see the top of this file */
	csv_row(b, csv_header);
	for (int i = 0; i < m->n_pax; i++)
		csv_passenger(b, m, &m->pax[i]);
	for (int i = 0; i < m->n_esc; i++)
		csv_escort(b, m, &m->esc[i]);
}

/* --- JSON --- */

static void json_str(cJSON *o, const char *key, const char *s)
{
	if (s && *s)
		cJSON_AddItemToObject(o, key, cJSON_CreateString(s)); /* ownership to o */
}

static void json_date(cJSON *o, const char *key, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d != MP_NODATE)
		json_str(o, key, rp_date(d, buf));
}

static void json_dt(cJSON *o, const char *key, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	if (dt.present) {
		mp_datetime_format(dt, buf);
		json_str(o, key, buf);
	}
}

static cJSON *json_strv(const char *const *v, int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void json_person(cJSON *o, const char *family, const char *given, char sex,
			mp_date born, const char *nat, const mp_document *d)
{
	char s[2] = {sex, 0};
	json_str(o, "family_name", family);
	json_str(o, "given_names", given);
	json_str(o, "sex", s);
	json_date(o, "birth_date", born);
	json_str(o, "nationality", nat);
	if (d && d->present) {
		cJSON *doc = cJSON_AddObjectToObject(o, "document");
		json_str(doc, "type", d->type);
		json_str(doc, "number", d->number);
		json_str(doc, "issuer", d->issuer);
		json_date(doc, "expires", d->expires);
	}
}

static cJSON *json_passenger(const rp_pax *p)
{
	const mp_member *mb = &p->c->members[p->member];
	cJSON *o = cJSON_CreateObject();
	json_str(o, "case", p->c->id);
	json_str(o, "member", mb->id);
	json_person(o, mb->family_name, mb->given_names, mb->sex, mb->birth_date,
		    mb->nationality, &mb->document);
	cJSON_AddNumberToObject(o, "seats", p->seats);
	cJSON *ssr = cJSON_AddArrayToObject(o, "ssr");
	for (int s = 0; s < MP_N_SSR; s++)
		if (p->ssr & (1u << s))
			cJSON_AddItemToArray(ssr, cJSON_CreateString(mp_ssr_names[s]));
	cJSON_AddItemToObject(o, "escorts",
			      json_strv((const char *const *)p->a->escorts, p->a->n_escorts));
	json_str(o, "needs_escort", mp_escort_kind_names[p->needs_escort]);
	json_str(o, "status", mp_booking_status_names[p->a->status]);
	return o;
}

static cJSON *json_escort(const rp_esc *e)
{
	cJSON *o = cJSON_CreateObject();
	json_str(o, "id", e->id);
	if (e->e) {
		json_str(o, "kind", mp_escort_kind_names[e->e->kind]);
		json_person(o, e->e->family_name, e->e->given_names, e->e->sex,
			    e->e->birth_date, e->e->nationality, &e->e->document);
	}
	cJSON_AddNumberToObject(o, "seats", 1);
	cJSON_AddItemToObject(o, "cases", json_strv(e->cases, e->n_cases));
	return o;
}

static cJSON *json_totals(const rp_manifest *m)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddNumberToObject(t, "cases", m->n_cases);
	cJSON_AddNumberToObject(t, "passengers", m->n_pax);
	cJSON_AddNumberToObject(t, "escorts", m->n_esc);
	cJSON_AddNumberToObject(t, "persons", m->n_pax + m->n_esc);
	cJSON_AddNumberToObject(t, "seats_used", rp_manifest_seats_used(m));
	cJSON_AddNumberToObject(t, "seats", m->f->seats);
	cJSON *ssr = cJSON_AddObjectToObject(t, "ssr");
	for (int s = 0; s < MP_N_SSR; s++) {
		if (!m->ssr[s] && m->f->limits[s] < 0)
			continue;
		cJSON *c = cJSON_AddObjectToObject(ssr, mp_ssr_names[s]);
		cJSON_AddNumberToObject(c, "count", m->ssr[s]);
		if (m->f->limits[s] >= 0)
			cJSON_AddNumberToObject(c, "limit", m->f->limits[s]);
	}
	return t;
}

static void json_flight(cJSON *o, const rp_manifest *m)
{
	const mp_flight *f = m->f;
	json_str(o, "flight", f->id);
	json_str(o, "carrier", f->carrier);
	json_str(o, "number", f->number);
	json_str(o, "from", f->from);
	json_str(o, "to", f->to);
	json_dt(o, "departs", f->departs);
	json_dt(o, "arrives", f->arrives);
	cJSON_AddNumberToObject(o, "seats", f->seats);
	cJSON_AddNumberToObject(o, "stretcher_seats", rp_stretcher_seats(f));
	if (f->cancelled)
		cJSON_AddTrueToObject(o, "cancelled");
	if (m->ds->mission.id)
		json_str(o, "mission", m->ds->mission.id);
	if (m->plan) {
		json_str(o, "plan", m->plan->id);
		json_str(o, "scenario", m->plan->scenario);
	}
}

int rp_manifest_json(rp_buf *b, const rp_manifest *m, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "manifest");
	json_flight(o, m);
	cJSON *pax = cJSON_AddArrayToObject(o, "passengers");
	for (int i = 0; i < m->n_pax; i++)
		cJSON_AddItemToArray(pax, json_passenger(&m->pax[i]));
	cJSON *esc = cJSON_AddArrayToObject(o, "escorts");
	for (int i = 0; i < m->n_esc; i++)
		cJSON_AddItemToArray(esc, json_escort(&m->esc[i]));
	cJSON_AddItemToObject(o, "totals", json_totals(m));
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

/* --- entry point --- */

int mp_manifest_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, const mp_manifest_options *o, mp_errors *errs)
{
	mp_manifest_options defaults = {0};
	rp_manifest m;
	rp_buf b = {0};
	if (!o)
		o = &defaults;
	int rc = rp_manifest_build(&m, ds, plan, flight_id, errs);
	if (rc != MP_OK)
		return rc;
	switch (o->format) {
	case MP_MANIFEST_CSV: rp_manifest_csv(&b, &m); break;
	case MP_MANIFEST_JSON: rc = rp_manifest_json(&b, &m, errs); break;
	case MP_MANIFEST_XML: rc = rp_manifest_xml(&b, &m, errs); break;
	case MP_MANIFEST_PAXLST: rc = rp_manifest_paxlst(&b, &m, o, errs); break;
	default:
		mp_errors_addf(errs, MP_EUSAGE, "unknown manifest format %d", (int)o->format);
		rc = MP_EUSAGE;
	}
	if (rc == MP_OK)
		rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	rp_manifest_release(&m);
	return rc;
}
