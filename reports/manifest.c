/*
 * manifest.c - the passenger list of one flight leg: gathering it from
 * the plan and the dataset (see rp_manifest.h), and its CSV and JSON
 * forms.  XML is in manifest_xml.c, the UN/EDIFACT PAXLST message in
 * paxlst.c.
 *
 * CSV: the airline group desk's name list.  RFC 4180, CRLF line ends,
 * UTF-8 without a byte order mark (README: one convention for every CSV
 * movplan writes; the names are the MRZ form, so a manifest is plain
 * ASCII anyway), a header row, then one row per seated traveller: the
 * leg (flight, local date and time, route), the journey, the booking
 * reference (the case id) and status, names as the document's MRZ reads
 * them and where they came from, title, IATA passenger type, document,
 * seats, SSR codes, the escorts escorting the member; a lap infant is
 * on the row of the adult who carries it (infant_* columns), an escort
 * has its own row listing the members it escorts.  Then one row per
 * total (role "total": persons, seats, infants, escorts, and every SSR
 * code carried or limited, each against the flight's limit).  Every
 * cell goes through rp_csv_field.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "rp_manifest.h"

/* --- gathering --- */

static bool needs_assistance(const mp_case *c, int i, mp_date on)
{
	return c->members[i].ssr || mp_member_escort_need(c, i, on) != MP_ESC_NONE;
}

/* Adults who may carry a lap infant, in the order of rp_manifest.h. */
static int lap_adults(const mp_case *c, mp_date on, int *out)
{
	int n = 0;
	for (int pass = 0; pass < 4; pass++)
		for (int i = 0; i < c->n_members; i++) {
			const mp_member *mb = &c->members[i];
			if (mp_age_on(mb->birth_date, on) < 18 || (mb->ssr & (1u << MP_SSR_STCR)))
				continue;
			bool assist = needs_assistance(c, i, on), woman = mb->sex == 'F';
			if ((pass >> 1) == assist && (pass & 1) == !woman)
				out[n++] = i;
		}
	return n;
}

/* Infants on laps, youngest first (ties by member id): SPEC 1's order. */
static int lap_infants(const mp_case *c, const bool *lap, int *out)
{
	int n = 0;
	for (int i = 0; i < c->n_members; i++)
		if (lap[i])
			out[n++] = i;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0; k--) {
			const mp_member *x = &c->members[out[k - 1]], *y = &c->members[out[k]];
			bool swap = x->birth_date < y->birth_date ||
				    (x->birth_date == y->birth_date && strcmp(x->id, y->id) > 0);
			if (!swap)
				break;
			int t = out[k];
			out[k] = out[k - 1];
			out[k - 1] = t;
		}
	return n;
}

/* Ties each lap infant of the case (pax from `first`) to an adult. */
static void pair_laps(rp_manifest *m, int first, const mp_case *c, mp_date on, const bool *lap)
{
	int *adults = mp_xcalloc((size_t)c->n_members + 1, sizeof *adults);
	int *infants = mp_xcalloc((size_t)c->n_members + 1, sizeof *infants);
	int na = lap_adults(c, on, adults), ni = lap_infants(c, lap, infants);
	for (int k = 0; k < ni && k < na; k++) {
		m->pax[first + infants[k]].lap_of = first + adults[k];
		m->pax[first + adults[k]].infant = first + infants[k];
	}
	free(adults);
	free(infants);
}

static void note_translit(rp_manifest *m, const char *who, unsigned bits)
{
	if (!bits)
		return;
	char *s = mp_xasprintf("%s: %s%s%s", who, bits & 1u ? "family_name" : "",
			       bits == 3u ? " " : "", bits & 2u ? "given_names" : "");
	mp_strv_push(&m->translit, &m->n_translit, s);
	free(s);
}

static int add_member(rp_manifest *m, const mp_assignment *a, const mp_case *c, int i,
		      const mp_case_facts *facts, const bool *lap, mp_date on, mp_errors *errs)
{
	const mp_member *mb = &c->members[i];
	MP_GROW(m->pax, m->n_pax, m->cap_pax);
	rp_pax *p = &m->pax[m->n_pax++];
	memset(p, 0, sizeof *p);
	p->c = c;
	p->member = i;
	p->a = a;
	p->ssr = rp_member_ssr(c, i, facts, lap);
	p->seats = rp_member_seats(c, i, lap, rp_stretcher_seats(m->f));
	p->age = mp_age_on(mb->birth_date, on);
	p->needs_escort = mp_member_escort_need(c, i, on);
	p->lap_of = p->infant = -1;
	m->pax_seats += p->seats;
	m->n_lap += lap[i];
	m->kind_pax[c->kind]++;
	for (int s = 0; s < MP_N_SSR; s++)
		m->ssr[s] += (p->ssr >> s) & 1u;
	char *who = mp_xasprintf("case '%s': member '%s'", c->id, mb->id);
	int rc = rp_names_of(&p->names, mb->family_name, mb->given_names, &mb->document, who, errs);
	note_translit(m, who, p->names.translit);
	free(who);
	return rc;
}

static int add_case(rp_manifest *m, const rp_index *ix, const mp_assignment *a, mp_errors *errs)
{
	const mp_case *c = rp_case(ix, a->case_id);
	if (!c)
		return MP_OK; /* a plan of a scenario that since lost the case */
	mp_date on = rp_departure_date(ix, a);
	mp_case_facts facts;
	bool *lap = mp_xcalloc((size_t)c->n_members + 1, sizeof *lap);
	mp_case_facts_on(c, on, &facts, lap); /* SPEC 1: facts on the departure date */
	int first = m->n_pax, rc = MP_OK;
	for (int i = 0; i < c->n_members; i++)
		if (add_member(m, a, c, i, &facts, lap, on, errs) != MP_OK)
			rc = MP_EDATA;
	pair_laps(m, first, c, on, lap);
	m->n_cases++;
	free(lap);
	return rc;
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
	e->status = MP_BOOK_CONFIRMED;
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

static bool trip_on_leg(const mp_escort_trip *t, const char *flight_id)
{
	for (int k = 0; k < t->n_flights; k++)
		if (strcmp(t->flights[k], flight_id) == 0)
			return true;
	return false;
}

/* The manifest's assignment of a case, NULL when it is not on it. */
static const mp_assignment *listed(const rp_manifest *m, const char *case_id)
{
	for (int i = 0; i < m->n_pax; i++)
		if (strcmp(m->pax[i].c->id, case_id) == 0)
			return m->pax[i].a;
	return NULL;
}

static void gather_escorts(rp_manifest *m, const rp_index *ix, const char *flight_id)
{
	const mp_plan *p = m->plan;
	for (int i = 0; i < p->n_assignments; i++) {
		const mp_assignment *a = &p->assignments[i];
		if (!a->case_id || !rp_assignment_has_flight(a, flight_id) || !listed(m, a->case_id))
			continue;
		for (int k = 0; k < a->n_escorts; k++)
			escort_add_case(escort_slot(m, ix, a->escorts[k]), a->case_id);
	}
	for (int i = 0; i < p->n_escort_trips; i++) {
		const mp_escort_trip *t = &p->escort_trips[i];
		bool any = false;
		for (int k = 0; k < t->n_cases; k++)
			any |= listed(m, t->cases[k]) != NULL;
		if (!t->escort || !trip_on_leg(t, flight_id) || !any)
			continue;
		rp_esc *e = escort_slot(m, ix, t->escort);
		for (int k = 0; k < t->n_cases; k++)
			if (listed(m, t->cases[k]))
				escort_add_case(e, t->cases[k]);
	}
	for (int i = 0; i < m->n_esc; i++)
		if (m->esc[i].n_cases > 1)
			qsort(m->esc[i].cases, (size_t)m->esc[i].n_cases, sizeof(char *), cmp_str);
	if (m->n_esc > 1)
		qsort(m->esc, (size_t)m->n_esc, sizeof *m->esc, cmp_esc);
}

/* Whether escort trip t escorts case_id over the leg. */
static bool trip_escorts(const mp_escort_trip *t, const char *case_id, const char *flight_id)
{
	if (!t->escort || !trip_on_leg(t, flight_id))
		return false;
	for (int k = 0; k < t->n_cases; k++)
		if (strcmp(t->cases[k], case_id) == 0)
			return true;
	return false;
}

static void link_escort(rp_manifest *m, int pi, const char *escort_id)
{
	rp_pax *p = &m->pax[pi];
	for (int k = 0; k < p->n_escorted_by; k++)
		if (strcmp(p->escorted_by[k], escort_id) == 0)
			return;
	for (int e = 0; e < m->n_esc; e++) {
		rp_esc *x = &m->esc[e];
		if (strcmp(x->id, escort_id) != 0)
			continue;
		p->escorted_by = mp_xrealloc(p->escorted_by,
					     (size_t)(p->n_escorted_by + 1) * sizeof *p->escorted_by);
		p->escorted_by[p->n_escorted_by++] = x->id;
		x->escorting = mp_xrealloc(x->escorting, (size_t)(x->n_escorting + 1) * sizeof *x->escorting);
		x->escorting[x->n_escorting++] = pi;
	}
}

/* Escorts on the rows of the members they escort: the trips over this
 * leg that name the case, else (a plan without trips) the assignment's
 * escorts; members who need no escort get none. */
static void link_escorts(rp_manifest *m, const char *flight_id)
{
	for (int pi = 0; pi < m->n_pax; pi++) {
		const rp_pax *p = &m->pax[pi];
		if (p->needs_escort == MP_ESC_NONE)
			continue;
		int before = p->n_escorted_by;
		for (int t = 0; t < m->plan->n_escort_trips; t++)
			if (trip_escorts(&m->plan->escort_trips[t], p->c->id, flight_id))
				link_escort(m, pi, m->plan->escort_trips[t].escort);
		for (int k = 0; p->n_escorted_by == before && k < p->a->n_escorts; k++)
			link_escort(m, pi, p->a->escorts[k]);
	}
}

static int escort_details(rp_manifest *m, mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; i < m->n_esc; i++) {
		rp_esc *e = &m->esc[i];
		for (int k = 0; k < e->n_cases; k++) {
			const mp_assignment *a = listed(m, e->cases[k]);
			if (a && a->status != MP_BOOK_CONFIRMED)
				e->status = MP_BOOK_PROPOSED;
		}
		char *who = mp_xasprintf("escort '%s'", e->id);
		const mp_escort *x = e->e;
		if (x && (x->family_name || x->given_names)) {
			if (rp_names_of(&e->names, x->family_name, x->given_names, &x->document, who,
					errs) != MP_OK)
				rc = MP_EDATA;
			note_translit(m, who, e->names.translit);
		} else {
			/* an escort the dataset lacks or names not: no names (PAXLST
			 * gives its id, all we know) */
			rp_names_of(&e->names, NULL, NULL, NULL, who, errs);
		}
		free(who);
	}
	return rc;
}

static int cmp_assignment_ptr(const void *a, const void *b)
{
	return strcmp((*(const mp_assignment *const *)a)->case_id,
		      (*(const mp_assignment *const *)b)->case_id);
}

static int gather(rp_manifest *m, const rp_index *ix, const char *flight_id, mp_errors *errs)
{
	const mp_plan *plan = m->plan;
	int rc = MP_OK;
	/* case-id order whatever order the plan arrays are in */
	const mp_assignment **v = mp_xcalloc((size_t)plan->n_assignments + 1, sizeof *v);
	int n = 0;
	for (int i = 0; i < plan->n_assignments; i++) {
		const mp_assignment *a = &plan->assignments[i];
		if (a->case_id && rp_assignment_has_flight(a, flight_id) &&
		    (!m->confirmed_only || a->status == MP_BOOK_CONFIRMED))
			v[n++] = a;
	}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_assignment_ptr);
	for (int i = 0; i < n; i++)
		if (add_case(m, ix, v[i], errs) != MP_OK)
			rc = MP_EDATA;
	free(v);
	gather_escorts(m, ix, flight_id);
	link_escorts(m, flight_id);
	if (escort_details(m, errs) != MP_OK)
		rc = MP_EDATA;
	return rc;
}

int rp_manifest_build(rp_manifest *m, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, bool confirmed_only, mp_errors *errs)
{
	memset(m, 0, sizeof *m);
	m->ds = ds;
	m->plan = plan;
	m->confirmed_only = confirmed_only;
	rp_index ix;
	rp_index_init(&ix, ds);
	m->f = rp_flight(&ix, flight_id);
	int rc = MP_OK;
	if (!m->f) {
		mp_errors_add(errs, NULL, 0, 0, NULL, NULL, "unknown flight '%s'",
			      flight_id ? flight_id : "");
		rc = MP_EDATA;
	} else if (plan) {
		rc = gather(m, &ix, flight_id, errs);
	}
	rp_index_release(&ix);
	return rc;
}

void rp_manifest_release(rp_manifest *m)
{
	if (!m)
		return;
	for (int i = 0; i < m->n_esc; i++) {
		free(m->esc[i].cases);
		free(m->esc[i].escorting);
		rp_names_release(&m->esc[i].names);
	}
	for (int i = 0; i < m->n_pax; i++) {
		free(m->pax[i].escorted_by);
		rp_names_release(&m->pax[i].names);
	}
	free(m->esc);
	free(m->pax);
	mp_strv_free(m->translit, m->n_translit);
	memset(m, 0, sizeof *m);
}

int rp_manifest_seats_used(const rp_manifest *m)
{
	return m->pax_seats + m->n_esc; /* SPEC 2.11: an escort takes one seat */
}

const char *rp_pax_type(const rp_pax *p)
{
	if (p->lap_of >= 0 || (p->age < 2 && p->seats == 0))
		return "INF";
	if (p->age < 2)
		return "INS";
	return p->age < 12 ? "CHD" : "ADT";
}

const char *rp_pax_title(char sex, const char *pax_type)
{
	bool adult = strcmp(pax_type, "ADT") == 0;
	switch (sex) {
	case 'M': return adult ? "MR" : "MSTR";
	case 'F': return adult ? "MS" : "MISS";
	default: return adult ? "MX" : "";
	}
}

char *rp_journey(const rp_manifest *m, const mp_assignment *a)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	for (int i = 0; i < a->n_flights; i++) {
		const mp_flight *f = mp_dataset_flight(m->ds, a->flights[i]);
		if (!f)
			continue;
		if (b.n == 0)
			rp_buf_puts(&b, f->from);
		rp_buf_printf(&b, "-%s", f->to);
	}
	return b.s;
}

/* --- CSV --- */

enum {
	C_NO, C_FLIGHT, C_DATE, C_TIME, C_ROUTE, C_JOURNEY, C_BOOKING, C_STATUS, C_ROLE, C_CASE,
	C_MEMBER, C_TITLE, C_TYPE, C_FAMILY, C_GIVEN, C_SOURCE, C_SEX, C_BORN, C_NAT, C_DTYPE,
	C_DNUM, C_DISSUER, C_DEXP, C_SEATS, C_SSR, C_NEEDS, C_ESCORT_KIND, C_ESCORTED_BY,
	C_ESCORTING, C_I_MEMBER, C_I_FAMILY, C_I_GIVEN, C_I_SOURCE, C_I_SEX, C_I_BORN, C_I_NAT,
	C_I_DTYPE, C_I_DNUM, C_I_DISSUER, C_I_DEXP, C_I_SSR, C_TOTAL, C_COUNT, C_LIMIT,
	N_CSV_COLS
};

static const char *const csv_header[N_CSV_COLS] = {
	"no", "flight", "date", "time", "route", "journey", "booking_ref", "status", "role",
	"case", "member", "title", "pax_type", "family_name", "given_names", "name_source", "sex",
	"birth_date", "nationality", "document_type", "document_number", "document_issuer",
	"document_expires", "seats", "ssr", "needs_escort", "escort_kind", "escorted_by",
	"escorting", "infant_member", "infant_family_name", "infant_given_names",
	"infant_name_source", "infant_sex", "infant_birth_date", "infant_nationality",
	"infant_document_type", "infant_document_number", "infant_document_issuer",
	"infant_document_expires", "infant_ssr", "total", "count", "limit",
};

/* A CSV row being filled: every cell owned, NULL empty. */
typedef struct row {
	char *v[N_CSV_COLS];
} row;

static void set(row *r, int col, const char *s)
{
	free(r->v[col]);
	r->v[col] = s && *s ? mp_xstrdup(s) : NULL;
}

static void set_int(row *r, int col, long v)
{
	free(r->v[col]);
	r->v[col] = mp_xasprintf("%ld", v);
}

static void set_date(row *r, int col, mp_date d)
{
	char buf[MP_DATE_BUF];
	set(r, col, d == MP_NODATE ? NULL : rp_date(d, buf));
}

static void emit(rp_buf *b, row *r)
{
	for (int i = 0; i < N_CSV_COLS; i++) {
		if (i)
			rp_buf_putc(b, ',');
		rp_csv_field(b, r->v[i]); /* the one cell writer */
		free(r->v[i]);
		r->v[i] = NULL;
	}
	rp_csv_end(b);
}

static char *join_ids(const char *const *v, int n)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	for (int i = 0; i < n; i++)
		rp_buf_printf(&b, "%s%s", i ? " " : "", v[i]);
	return b.s;
}

static char *ssr_text(unsigned ssr)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	rp_ssr_list(&b, ssr);
	return b.s;
}

static void leg_cells(row *r, const rp_manifest *m, int *no)
{
	const mp_flight *f = m->f;
	rp_buf t = {0};
	set_int(r, C_NO, ++*no);
	set(r, C_FLIGHT, f->id);
	set_date(r, C_DATE, mp_datetime_local_date(f->departs));
	rp_hhmm(&t, f->departs);
	set(r, C_TIME, t.s);
	rp_buf_clear(&t);
	rp_buf_printf(&t, "%s-%s", f->from, f->to);
	set(r, C_ROUTE, t.s);
	rp_buf_release(&t);
}

static void person_cells(row *r, int base, const rp_names *n, char sex, mp_date born,
			 const char *nat, const mp_document *d)
{
	char s[2] = {sex, 0};
	set(r, base, n->family);
	set(r, base + 1, n->given);
	set(r, base + 2, rp_name_source_names[n->source]);
	set(r, base + 3, s);
	set_date(r, base + 4, born);
	set(r, base + 5, nat);
	if (d && d->present) {
		set(r, base + 6, d->type);
		set(r, base + 7, d->number);
		set(r, base + 8, d->issuer);
		set_date(r, base + 9, d->expires);
	}
}

static void infant_cells(row *r, const rp_pax *inf)
{
	const mp_member *mb = &inf->c->members[inf->member];
	set(r, C_I_MEMBER, mb->id);
	person_cells(r, C_I_FAMILY, &inf->names, mb->sex, mb->birth_date, mb->nationality,
		     &mb->document);
	char *ssr = ssr_text(inf->ssr);
	set(r, C_I_SSR, ssr);
	free(ssr);
}

static void csv_passenger(rp_buf *b, const rp_manifest *m, const rp_pax *p, int *no)
{
	const mp_member *mb = &p->c->members[p->member];
	row r = {{0}};
	leg_cells(&r, m, no);
	char *journey = rp_journey(m, p->a);
	set(&r, C_JOURNEY, journey);
	free(journey);
	set(&r, C_BOOKING, p->c->id);
	set(&r, C_STATUS, mp_booking_status_names[p->a->status]);
	set(&r, C_ROLE, "passenger");
	set(&r, C_CASE, p->c->id);
	set(&r, C_MEMBER, mb->id);
	const char *type = rp_pax_type(p);
	set(&r, C_TITLE, rp_pax_title(mb->sex, type));
	set(&r, C_TYPE, type);
	person_cells(&r, C_FAMILY, &p->names, mb->sex, mb->birth_date, mb->nationality,
		     &mb->document);
	set_int(&r, C_SEATS, p->seats);
	char *ssr = ssr_text(p->ssr), *esc = join_ids(p->escorted_by, p->n_escorted_by);
	set(&r, C_SSR, ssr);
	set(&r, C_NEEDS, mp_escort_kind_names[p->needs_escort]);
	set(&r, C_ESCORTED_BY, esc);
	free(ssr);
	free(esc);
	if (p->infant >= 0)
		infant_cells(&r, &m->pax[p->infant]);
	emit(b, &r);
}

static char *escorting_ids(const rp_manifest *m, const rp_esc *e)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	for (int k = 0; k < e->n_escorting; k++) {
		const rp_pax *p = &m->pax[e->escorting[k]];
		rp_buf_printf(&b, "%s%s", k ? " " : "", p->c->members[p->member].id);
	}
	return b.s;
}

static void csv_escort(rp_buf *b, const rp_manifest *m, const rp_esc *e, int *no)
{
	const mp_escort *x = e->e;
	row r = {{0}};
	leg_cells(&r, m, no);
	char *cases = join_ids(e->cases, e->n_cases), *who = escorting_ids(m, e);
	set(&r, C_BOOKING, e->id);
	set(&r, C_STATUS, mp_booking_status_names[e->status]);
	set(&r, C_ROLE, "escort");
	set(&r, C_CASE, cases);
	set(&r, C_MEMBER, e->id);
	set(&r, C_TITLE, rp_pax_title(x ? x->sex : 0, "ADT"));
	set(&r, C_TYPE, "ADT");
	person_cells(&r, C_FAMILY, &e->names, x ? x->sex : 0, x ? x->birth_date : MP_NODATE,
		     x ? x->nationality : NULL, x ? &x->document : NULL);
	set_int(&r, C_SEATS, 1);
	set(&r, C_ESCORT_KIND, x ? mp_escort_kind_names[x->kind] : NULL);
	set(&r, C_ESCORTING, who);
	free(cases);
	free(who);
	emit(b, &r);
}

static void csv_total(rp_buf *b, const rp_manifest *m, int *no, const char *what, int count,
		      int limit)
{
	row r = {{0}};
	leg_cells(&r, m, no);
	set(&r, C_ROLE, "total");
	set(&r, C_TOTAL, what);
	set_int(&r, C_COUNT, count);
	if (limit >= 0)
		set_int(&r, C_LIMIT, limit);
	emit(b, &r);
}

static void csv_totals(rp_buf *b, const rp_manifest *m, int *no)
{
	csv_total(b, m, no, "cases", m->n_cases, -1);
	csv_total(b, m, no, "passengers", m->n_pax, -1);
	csv_total(b, m, no, "escorts", m->n_esc, -1);
	csv_total(b, m, no, "persons", m->n_pax + m->n_esc, -1);
	csv_total(b, m, no, "seats", rp_manifest_seats_used(m), m->f->seats);
	for (int s = 0; s < MP_N_SSR; s++) {
		if (!m->ssr[s] && m->f->limits[s] < 0)
			continue;
		char what[16];
		snprintf(what, sizeof what, "SSR %s", mp_ssr_names[s]);
		csv_total(b, m, no, what, m->ssr[s], m->f->limits[s]);
	}
	for (int k = 0; k < MP_N_KIND; k++) {
		if (!m->kind_pax[k] || m->kind_pax[k] == m->n_pax)
			continue; /* one kind only: the passengers row says it */
		char what[40];
		snprintf(what, sizeof what, "passengers %s", mp_case_kind_names[k]);
		csv_total(b, m, no, what, m->kind_pax[k], -1);
	}
}

void rp_manifest_csv(rp_buf *b, const rp_manifest *m)
{
	int no = 0;
	for (int i = 0; i < N_CSV_COLS; i++) {
		if (i)
			rp_buf_putc(b, ',');
		rp_csv_field(b, csv_header[i]);
	}
	rp_csv_end(b);
	for (int i = 0; i < m->n_pax; i++)
		if (m->pax[i].lap_of < 0) /* a lap infant is on its adult's row */
			csv_passenger(b, m, &m->pax[i], &no);
	for (int i = 0; i < m->n_esc; i++)
		csv_escort(b, m, &m->esc[i], &no);
	csv_totals(b, m, &no);
}

/* --- JSON --- */

static void json_dt(cJSON *o, const char *key, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	if (dt.present) {
		mp_datetime_format(dt, buf);
		rp_json_str(o, key, buf);
	}
}

static cJSON *json_strv(const char *const *v, int n)
{
	cJSON *a = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void json_person(cJSON *o, const rp_names *n, char sex, mp_date born, const char *nat,
			const mp_document *d)
{
	char s[2] = {sex, 0};
	rp_json_str(o, "family_name", n->family);
	rp_json_str(o, "given_names", n->given);
	rp_json_str(o, "name_source", rp_name_source_names[n->source]);
	rp_json_str(o, "sex", s);
	rp_json_date(o, "birth_date", born);
	rp_json_str(o, "nationality", nat);
	if (d && d->present) {
		cJSON *doc = cJSON_AddObjectToObject(o, "document");
		rp_json_str(doc, "type", d->type);
		rp_json_str(doc, "number", d->number);
		rp_json_str(doc, "issuer", d->issuer);
		rp_json_date(doc, "expires", d->expires);
	}
}

static cJSON *json_ssr(unsigned bits)
{
	cJSON *ssr = cJSON_CreateArray();
	for (int s = 0; s < MP_N_SSR; s++)
		if (bits & (1u << s))
			cJSON_AddItemToArray(ssr, cJSON_CreateString(mp_ssr_names[s]));
	return ssr;
}

/* The member's own fields into o (shared by the infant on its lap). */
static void json_member(cJSON *o, const rp_manifest *m, const rp_pax *p)
{
	const mp_member *mb = &p->c->members[p->member];
	const char *type = rp_pax_type(p);
	rp_json_str(o, "member", mb->id);
	rp_json_str(o, "title", rp_pax_title(mb->sex, type));
	rp_json_str(o, "pax_type", type);
	json_person(o, &p->names, mb->sex, mb->birth_date, mb->nationality, &mb->document);
	cJSON_AddNumberToObject(o, "seats", p->seats);
	cJSON_AddItemToObject(o, "ssr", json_ssr(p->ssr));
	rp_json_str(o, "needs_escort", mp_escort_kind_names[p->needs_escort]);
	if (p->n_escorted_by)
		cJSON_AddItemToObject(o, "escorted_by", json_strv(p->escorted_by, p->n_escorted_by));
	if (p->infant >= 0)
		json_member(cJSON_AddObjectToObject(o, "infant"), m, &m->pax[p->infant]);
}

static cJSON *json_passenger(const rp_manifest *m, const rp_pax *p)
{
	cJSON *o = cJSON_CreateObject();
	char *journey = rp_journey(m, p->a);
	rp_json_str(o, "case", p->c->id);
	rp_json_str(o, "booking_ref", p->c->id);
	rp_json_str(o, "status", mp_booking_status_names[p->a->status]);
	rp_json_str(o, "journey", journey);
	free(journey);
	json_member(o, m, p);
	return o;
}

static cJSON *json_escort(const rp_manifest *m, const rp_esc *e)
{
	cJSON *o = cJSON_CreateObject();
	const mp_escort *x = e->e;
	rp_json_str(o, "id", e->id);
	rp_json_str(o, "kind", x ? mp_escort_kind_names[x->kind] : NULL);
	rp_json_str(o, "title", rp_pax_title(x ? x->sex : 0, "ADT"));
	json_person(o, &e->names, x ? x->sex : 0, x ? x->birth_date : MP_NODATE,
		    x ? x->nationality : NULL, x ? &x->document : NULL);
	cJSON_AddNumberToObject(o, "seats", 1);
	rp_json_str(o, "status", mp_booking_status_names[e->status]);
	cJSON_AddItemToObject(o, "cases", json_strv(e->cases, e->n_cases));
	cJSON *who = cJSON_AddArrayToObject(o, "escorting");
	for (int k = 0; k < e->n_escorting; k++) {
		const rp_pax *p = &m->pax[e->escorting[k]];
		cJSON_AddItemToArray(who, cJSON_CreateString(p->c->members[p->member].id));
	}
	return o;
}

static cJSON *json_totals(const rp_manifest *m)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddNumberToObject(t, "cases", m->n_cases);
	cJSON_AddNumberToObject(t, "passengers", m->n_pax);
	cJSON_AddNumberToObject(t, "lap_infants", m->n_lap);
	cJSON_AddNumberToObject(t, "escorts", m->n_esc);
	cJSON_AddNumberToObject(t, "persons", m->n_pax + m->n_esc);
	cJSON_AddNumberToObject(t, "seats_used", rp_manifest_seats_used(m));
	cJSON_AddNumberToObject(t, "seats", m->f->seats);
	cJSON *kinds = cJSON_AddObjectToObject(t, "passengers_by_kind"); /* SPEC 1 kinds */
	for (int k = 0; k < MP_N_KIND; k++)
		if (m->kind_pax[k])
			cJSON_AddNumberToObject(kinds, mp_case_kind_names[k], m->kind_pax[k]);
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
	char date[MP_DATE_BUF];
	rp_buf t = {0};
	rp_json_str(o, "flight", f->id);
	rp_json_str(o, "carrier", f->carrier);
	rp_json_str(o, "number", f->number);
	rp_json_str(o, "from", f->from);
	rp_json_str(o, "to", f->to);
	json_dt(o, "departs", f->departs);
	json_dt(o, "arrives", f->arrives);
	rp_json_str(o, "date", rp_date(mp_datetime_local_date(f->departs), date));
	rp_hhmm(&t, f->departs);
	rp_json_str(o, "time", t.s);
	rp_buf_release(&t);
	cJSON_AddNumberToObject(o, "seats", f->seats);
	cJSON_AddNumberToObject(o, "stretcher_seats", rp_stretcher_seats(f));
	if (f->cancelled)
		cJSON_AddTrueToObject(o, "cancelled");
	if (m->confirmed_only)
		cJSON_AddTrueToObject(o, "confirmed_only");
	if (m->ds->mission.id)
		rp_json_str(o, "mission", m->ds->mission.id);
	if (m->plan) {
		rp_json_str(o, "plan", m->plan->id);
		rp_json_str(o, "scenario", m->plan->scenario);
	}
}

/* Every traveller whose names a table transliterated, with the names
 * as written and as the manifest prints them, for the officer. */
static cJSON *json_transliterated(const rp_manifest *m)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < m->n_pax; i++) {
		const rp_pax *p = &m->pax[i];
		const mp_member *mb = &p->c->members[p->member];
		if (!p->names.translit)
			continue;
		cJSON *o = cJSON_CreateObject();
		rp_json_str(o, "case", p->c->id);
		rp_json_str(o, "member", mb->id);
		rp_json_str(o, "family_name_as_written", mb->family_name);
		rp_json_str(o, "given_names_as_written", mb->given_names);
		rp_json_str(o, "family_name", p->names.family);
		rp_json_str(o, "given_names", p->names.given);
		cJSON_AddItemToArray(arr, o);
	}
	for (int i = 0; i < m->n_esc; i++) {
		const rp_esc *e = &m->esc[i];
		if (!e->names.translit)
			continue;
		cJSON *o = cJSON_CreateObject();
		rp_json_str(o, "escort", e->id);
		rp_json_str(o, "family_name_as_written", e->e->family_name);
		rp_json_str(o, "given_names_as_written", e->e->given_names);
		rp_json_str(o, "family_name", e->names.family);
		rp_json_str(o, "given_names", e->names.given);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

int rp_manifest_json(rp_buf *b, const rp_manifest *m, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "manifest");
	json_flight(o, m);
	cJSON *pax = cJSON_AddArrayToObject(o, "passengers");
	for (int i = 0; i < m->n_pax; i++)
		if (m->pax[i].lap_of < 0)
			cJSON_AddItemToArray(pax, json_passenger(m, &m->pax[i]));
	cJSON *esc = cJSON_AddArrayToObject(o, "escorts");
	for (int i = 0; i < m->n_esc; i++)
		cJSON_AddItemToArray(esc, json_escort(m, &m->esc[i]));
	cJSON_AddItemToObject(o, "totals", json_totals(m));
	cJSON_AddItemToObject(o, "transliterated", json_transliterated(m));
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

/* --- entry point --- */

static int translit_out(const rp_manifest *m, const mp_manifest_options *o)
{
	if (o->transliterated)
		for (int i = 0; i < m->n_translit; i++)
			mp_strv_push(&o->transliterated->v, &o->transliterated->n, m->translit[i]);
	return MP_OK;
}

int mp_manifest_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		      const char *flight_id, const mp_manifest_options *o, mp_errors *errs)
{
	mp_manifest_options defaults = {0};
	rp_manifest m;
	rp_buf b = {0};
	if (!o)
		o = &defaults;
	int rc = rp_manifest_build(&m, ds, plan, flight_id, o->confirmed_only, errs);
	if (rc != MP_OK)
		goto out;
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
	if (rc == MP_OK)
		rc = translit_out(&m, o);
out:
	rp_buf_release(&b);
	rp_manifest_release(&m);
	return rc;
}
