/*
 * dataset.c - lifecycle, lookups and canonical order of an mp_dataset.
 */
#include <stdlib.h>
#include <string.h>
#include "dataset.h"
#include "error.h"
#include "strmap.h"

const char *const mp_ssr_names[MP_N_SSR] = {
	"WCHR", "WCHS", "WCHC", "STCR", "MEDA", "OXYG",
	"BLND", "DEAF", "DPNA", "MAAS", "INFT", "UMNR",
};
const char *const mp_priority_names[MP_N_PRIO] = {"emergency", "urgent", "normal"};
const char *const mp_medical_names[3] = {"cleared", "pending", "deferred"};
const char *const mp_escort_kind_names[3] = {NULL, "medical", "operational"};
const char *const mp_booking_status_names[3] = {"confirmed", "proposed", "travelled"};

int mp_ssr_lookup(const char *name)
{
	for (int i = 0; name && i < MP_N_SSR; i++)
		if (strcmp(name, mp_ssr_names[i]) == 0)
			return i;
	return -1;
}

const char *const mp_case_kind_names[MP_N_KIND] = {"resettlement", "relocation", "return"};

int mp_case_kind_lookup(const char *name)
{
	for (int i = 0; name && i < MP_N_KIND; i++)
		if (strcmp(name, mp_case_kind_names[i]) == 0)
			return i;
	return -1;
}

int mp_priority_lookup(const char *name)
{
	for (int i = 0; name && i < MP_N_PRIO; i++)
		if (strcmp(name, mp_priority_names[i]) == 0)
			return i;
	return -1;
}

bool mp_id_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || strchr("-_./:", c)))
			return false;
	}
	return true;
}

bool mp_language_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0, run = 0;
	if (n < 2 || n > 35)
		return false;
	for (size_t i = 0; i <= n; i++) {
		char c = s[i];
		bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		if (alpha || (c >= '0' && c <= '9' && i > run)) {
			/* the primary subtag is letters only; the others letters or digits */
			if (++run > 8)
				return false;
			continue;
		}
		if ((c != '-' && c != '\0') || run == 0)
			return false;
		run = 0;
	}
	return true;
}

static void free_strv(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **copy_strv(char **v, int n)
{
	if (!v || n == 0)
		return NULL;
	char **r = mp_xcalloc((size_t)n, sizeof *r);
	for (int i = 0; i < n; i++)
		r[i] = mp_xstrdup(v[i]);
	return r;
}

static mp_date *copy_dates(const mp_date *v, int n)
{
	if (!v || n == 0)
		return NULL;
	mp_date *r = mp_xcalloc((size_t)n, sizeof *r);
	memcpy(r, v, (size_t)n * sizeof *r);
	return r;
}

static void document_release(mp_document *d)
{
	free(d->type);
	free(d->number);
	free(d->issuer);
	free(d->mrz_family_name);
	free(d->mrz_given_names);
	memset(d, 0, sizeof *d);
}

static void document_copy(mp_document *d)
{
	d->type = mp_xstrdup(d->type);
	d->number = mp_xstrdup(d->number);
	d->issuer = mp_xstrdup(d->issuer);
	d->mrz_family_name = mp_xstrdup(d->mrz_family_name);
	d->mrz_given_names = mp_xstrdup(d->mrz_given_names);
}

void mp_mission_release(mp_mission *m)
{
	free(m->id);
	free(m->origin);
	free(m->sender);
	free(m->recipient);
	memset(m, 0, sizeof *m);
}

void mp_airport_release(mp_airport *a)
{
	free(a->code);
	free(a->country);
}

void mp_flight_release(mp_flight *f)
{
	free(f->id);
	free(f->from);
	free(f->to);
	free(f->carrier);
	free(f->number);
	free(f->currency);
}

void mp_quota_release(mp_quota *q)
{
	free(q->id);
	free(q->country);
	free(q->airport);
}

void mp_arrival_rule_release(mp_arrival_rule *r)
{
	free(r->country);
	free(r->blackout);
}

void mp_transit_rule_release(mp_transit_rule *r)
{
	free(r->country);
	free_strv(r->nationalities, r->n_nationalities);
	free_strv(r->exempt_if_visa_for, r->n_exempt_if_visa_for);
}

void mp_clinic_release(mp_clinic *c)
{
	free(c->id);
	free(c->closed);
}

void mp_escort_release(mp_escort *e)
{
	free(e->id);
	free(e->family_name);
	free(e->given_names);
	free(e->nationality);
	document_release(&e->document);
}

void mp_member_release(mp_member *m)
{
	free(m->id);
	free(m->family_name);
	free(m->given_names);
	free(m->nationality);
	document_release(&m->document);
}

void mp_case_release(mp_case *c)
{
	free(c->id);
	free(c->dest_country);
	free(c->dest_airport);
	for (int i = 0; i < c->n_members; i++)
		mp_member_release(&c->members[i]);
	free(c->members);
	free(c->clinic);
	free(c->link);
	free(c->origin);
	free(c->language);
}

void mp_booking_release(mp_booking *b)
{
	free(b->case_id);
	free_strv(b->flights, b->n_flights);
	free_strv(b->escorts, b->n_escorts);
}

void mp_dataset_init(mp_dataset *ds)
{
	memset(ds, 0, sizeof *ds);
	ds->mission.as_of = MP_NODATE;
	ds->mission.horizon_days = MP_ABSENT;
	ds->mission.loc.file = -1;
}

#define RELEASE_ALL(arr, n, fn)                  \
	do {                                     \
		for (int i_ = 0; i_ < (n); i_++) \
			fn(&(arr)[i_]);          \
		free(arr);                       \
	} while (0)

void mp_dataset_release(mp_dataset *ds)
{
	if (!ds)
		return;
	mp_mission_release(&ds->mission);
	RELEASE_ALL(ds->airports, ds->n_airports, mp_airport_release);
	RELEASE_ALL(ds->flights, ds->n_flights, mp_flight_release);
	RELEASE_ALL(ds->quotas, ds->n_quotas, mp_quota_release);
	RELEASE_ALL(ds->arrival_rules, ds->n_arrival_rules, mp_arrival_rule_release);
	RELEASE_ALL(ds->transit_rules, ds->n_transit_rules, mp_transit_rule_release);
	RELEASE_ALL(ds->clinics, ds->n_clinics, mp_clinic_release);
	RELEASE_ALL(ds->escorts, ds->n_escorts, mp_escort_release);
	RELEASE_ALL(ds->cases, ds->n_cases, mp_case_release);
	RELEASE_ALL(ds->bookings, ds->n_bookings, mp_booking_release);
	free_strv(ds->files, ds->n_files);
	mp_dataset_init(ds);
}

static mp_loc no_loc(void)
{
	mp_loc l = {-1, 0, 0};
	return l;
}

#define ADD_ITEM(ds, arr, n, cap)                   \
	MP_GROW((ds)->arr, (ds)->n, (ds)->cap);     \
	memset(&(ds)->arr[(ds)->n], 0, sizeof((ds)->arr[0])); \
	(ds)->arr[(ds)->n].loc = no_loc();

mp_airport *mp_dataset_add_airport(mp_dataset *ds)
{
	ADD_ITEM(ds, airports, n_airports, cap_airports);
	mp_airport *a = &ds->airports[ds->n_airports++];
	a->mct_minutes = MP_ABSENT;
	a->max_connection_minutes = MP_ABSENT;
	return a;
}

mp_flight *mp_dataset_add_flight(mp_dataset *ds)
{
	ADD_ITEM(ds, flights, n_flights, cap_flights);
	mp_flight *f = &ds->flights[ds->n_flights++];
	f->seats = MP_ABSENT;
	for (int i = 0; i < MP_N_SSR; i++)
		f->limits[i] = MP_ABSENT;
	f->stretcher_seats = MP_ABSENT;
	return f;
}

mp_quota *mp_dataset_add_quota(mp_dataset *ds)
{
	ADD_ITEM(ds, quotas, n_quotas, cap_quotas);
	mp_quota *q = &ds->quotas[ds->n_quotas++];
	q->from = q->to = MP_NODATE;
	q->max_persons = q->max_cases = MP_ABSENT;
	return q;
}

mp_arrival_rule *mp_dataset_add_arrival_rule(mp_dataset *ds)
{
	ADD_ITEM(ds, arrival_rules, n_arrival_rules, cap_arrival_rules);
	mp_arrival_rule *r = &ds->arrival_rules[ds->n_arrival_rules++];
	r->earliest_arrival = r->latest_arrival = MP_NOTIME;
	return r;
}

mp_transit_rule *mp_dataset_add_transit_rule(mp_dataset *ds)
{
	ADD_ITEM(ds, transit_rules, n_transit_rules, cap_transit_rules);
	return &ds->transit_rules[ds->n_transit_rules++];
}

mp_clinic *mp_dataset_add_clinic(mp_dataset *ds)
{
	ADD_ITEM(ds, clinics, n_clinics, cap_clinics);
	mp_clinic *c = &ds->clinics[ds->n_clinics++];
	c->capacity_per_day = MP_ABSENT;
	return c;
}

static void document_init(mp_document *d)
{
	memset(d, 0, sizeof *d);
	d->expires = MP_NODATE;
}

mp_escort *mp_dataset_add_escort(mp_dataset *ds)
{
	ADD_ITEM(ds, escorts, n_escorts, cap_escorts);
	mp_escort *e = &ds->escorts[ds->n_escorts++];
	e->available_from = e->available_to = e->birth_date = MP_NODATE;
	e->covers = e->turnaround_days = MP_ABSENT;
	document_init(&e->document);
	return e;
}

mp_case *mp_dataset_add_case(mp_dataset *ds)
{
	ADD_ITEM(ds, cases, n_cases, cap_cases);
	mp_case *c = &ds->cases[ds->n_cases++];
	c->ready = c->visa_expires = MP_NODATE;
	c->medical_valid_until = c->medical_deferred_until = MP_NODATE;
	c->priority = MP_PRIO_NORMAL;
	return c;
}

mp_member *mp_case_add_member(mp_case *c)
{
	/* members has no cap field: grow by doubling at powers of two */
	int n = c->n_members;
	if (n == 0 || (n & (n - 1)) == 0)
		c->members = mp_xrealloc(c->members,
					 (size_t)(n ? 2 * n : 1) * sizeof *c->members);
	mp_member *m = &c->members[c->n_members++];
	memset(m, 0, sizeof *m);
	m->loc = no_loc();
	m->birth_date = MP_NODATE;
	document_init(&m->document);
	m->pregnancy.on = MP_NODATE;
	return m;
}

mp_booking *mp_dataset_add_booking(mp_dataset *ds)
{
	ADD_ITEM(ds, bookings, n_bookings, cap_bookings);
	mp_booking *b = &ds->bookings[ds->n_bookings++];
	b->ftt_date = MP_NODATE;
	return b;
}

int mp_dataset_add_file(mp_dataset *ds, const char *name)
{
	for (int i = 0; i < ds->n_files; i++)
		if (strcmp(ds->files[i], name) == 0)
			return i;
	MP_GROW(ds->files, ds->n_files, ds->cap_files);
	ds->files[ds->n_files] = mp_xstrdup(name);
	return ds->n_files++;
}

const char *mp_dataset_file(const mp_dataset *ds, mp_loc loc)
{
	return loc.file >= 0 && loc.file < ds->n_files ? ds->files[loc.file] : NULL;
}

#define FIND(arr, n, key)                                        \
	for (int i_ = 0; i_ < ds->n; i_++)                       \
		if (ds->arr[i_].key && strcmp(ds->arr[i_].key, k) == 0) \
			return &ds->arr[i_];                     \
	return NULL;

mp_airport *mp_dataset_airport(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(airports, n_airports, code) }
mp_flight *mp_dataset_flight(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(flights, n_flights, id) }
mp_case *mp_dataset_case(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(cases, n_cases, id) }
mp_clinic *mp_dataset_clinic(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(clinics, n_clinics, id) }
mp_escort *mp_dataset_escort(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(escorts, n_escorts, id) }
mp_booking *mp_dataset_booking(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(bookings, n_bookings, case_id) }
mp_quota *mp_dataset_quota(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(quotas, n_quotas, id) }
mp_arrival_rule *mp_dataset_arrival_rule(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(arrival_rules, n_arrival_rules, country) }
mp_transit_rule *mp_dataset_transit_rule(const mp_dataset *ds, const char *k) { if (!k) return NULL; FIND(transit_rules, n_transit_rules, country) }

/* ---- deep copy ---- */

static void copy_items(void **dst, const void *src, int n, size_t size)
{
	*dst = NULL;
	if (n > 0) {
		*dst = mp_xcalloc((size_t)n, size);
		memcpy(*dst, src, (size_t)n * size);
	}
}

void mp_dataset_copy(mp_dataset *d, const mp_dataset *s)
{
	*d = *s;
	d->mission.id = mp_xstrdup(s->mission.id);
	d->mission.origin = mp_xstrdup(s->mission.origin);
	d->mission.sender = mp_xstrdup(s->mission.sender);
	d->mission.recipient = mp_xstrdup(s->mission.recipient);
#define COPY(arr, n, cap) copy_items((void **)&d->arr, s->arr, s->n, sizeof *s->arr); d->cap = s->n;
	COPY(airports, n_airports, cap_airports);
	for (int i = 0; i < d->n_airports; i++) {
		d->airports[i].code = mp_xstrdup(s->airports[i].code);
		d->airports[i].country = mp_xstrdup(s->airports[i].country);
	}
	COPY(flights, n_flights, cap_flights);
	for (int i = 0; i < d->n_flights; i++) {
		mp_flight *f = &d->flights[i];
		f->id = mp_xstrdup(f->id); f->from = mp_xstrdup(f->from); f->to = mp_xstrdup(f->to);
		f->carrier = mp_xstrdup(f->carrier); f->number = mp_xstrdup(f->number);
		f->currency = mp_xstrdup(f->currency);
	}
	COPY(quotas, n_quotas, cap_quotas);
	for (int i = 0; i < d->n_quotas; i++) {
		mp_quota *q = &d->quotas[i];
		q->id = mp_xstrdup(q->id); q->country = mp_xstrdup(q->country); q->airport = mp_xstrdup(q->airport);
	}
	COPY(arrival_rules, n_arrival_rules, cap_arrival_rules);
	for (int i = 0; i < d->n_arrival_rules; i++) {
		mp_arrival_rule *r = &d->arrival_rules[i];
		r->country = mp_xstrdup(r->country);
		r->blackout = copy_dates(r->blackout, r->n_blackout);
	}
	COPY(transit_rules, n_transit_rules, cap_transit_rules);
	for (int i = 0; i < d->n_transit_rules; i++) {
		mp_transit_rule *r = &d->transit_rules[i];
		r->country = mp_xstrdup(r->country);
		r->nationalities = copy_strv(r->nationalities, r->n_nationalities);
		r->exempt_if_visa_for = copy_strv(r->exempt_if_visa_for, r->n_exempt_if_visa_for);
	}
	COPY(clinics, n_clinics, cap_clinics);
	for (int i = 0; i < d->n_clinics; i++) {
		d->clinics[i].id = mp_xstrdup(d->clinics[i].id);
		d->clinics[i].closed = copy_dates(d->clinics[i].closed, d->clinics[i].n_closed);
	}
	COPY(escorts, n_escorts, cap_escorts);
	for (int i = 0; i < d->n_escorts; i++) {
		mp_escort *e = &d->escorts[i];
		e->id = mp_xstrdup(e->id); e->family_name = mp_xstrdup(e->family_name);
		e->given_names = mp_xstrdup(e->given_names); e->nationality = mp_xstrdup(e->nationality);
		document_copy(&e->document);
	}
	COPY(cases, n_cases, cap_cases);
	for (int i = 0; i < d->n_cases; i++) {
		mp_case *c = &d->cases[i];
		c->id = mp_xstrdup(c->id); c->dest_country = mp_xstrdup(c->dest_country);
		c->dest_airport = mp_xstrdup(c->dest_airport); c->clinic = mp_xstrdup(c->clinic);
		c->link = mp_xstrdup(c->link); c->origin = mp_xstrdup(c->origin);
		c->language = mp_xstrdup(c->language);
		const mp_member *sm = c->members;
		c->members = NULL;
		int nm = c->n_members;
		c->n_members = 0;
		for (int j = 0; j < nm; j++) {
			mp_member *m = mp_case_add_member(c);
			*m = sm[j];
			m->id = mp_xstrdup(m->id); m->family_name = mp_xstrdup(m->family_name);
			m->given_names = mp_xstrdup(m->given_names); m->nationality = mp_xstrdup(m->nationality);
			document_copy(&m->document);
		}
	}
	COPY(bookings, n_bookings, cap_bookings);
	for (int i = 0; i < d->n_bookings; i++) {
		mp_booking *b = &d->bookings[i];
		b->case_id = mp_xstrdup(b->case_id);
		b->flights = copy_strv(b->flights, b->n_flights);
		b->escorts = copy_strv(b->escorts, b->n_escorts);
	}
	d->files = copy_strv(s->files, s->n_files);
	d->cap_files = s->n_files;
#undef COPY
}

/* ---- canonical order ---- */

#define CMP_BY(name, type, key)                                     \
	static int name(const void *a, const void *b)               \
	{                                                           \
		const char *x = ((const type *)a)->key;             \
		const char *y = ((const type *)b)->key;             \
		return strcmp(x ? x : "", y ? y : "");              \
	}
CMP_BY(cmp_airport, mp_airport, code)
CMP_BY(cmp_flight, mp_flight, id)
CMP_BY(cmp_quota, mp_quota, id)
CMP_BY(cmp_arule, mp_arrival_rule, country)
CMP_BY(cmp_trule, mp_transit_rule, country)
CMP_BY(cmp_clinic, mp_clinic, id)
CMP_BY(cmp_escort, mp_escort, id)
CMP_BY(cmp_case, mp_case, id)
CMP_BY(cmp_booking, mp_booking, case_id)

void mp_dataset_sort(mp_dataset *ds)
{
#define SORT(arr, n, cmp) if (ds->n > 1) qsort(ds->arr, (size_t)ds->n, sizeof *ds->arr, cmp)
	SORT(airports, n_airports, cmp_airport);
	SORT(flights, n_flights, cmp_flight);
	SORT(quotas, n_quotas, cmp_quota);
	SORT(arrival_rules, n_arrival_rules, cmp_arule);
	SORT(transit_rules, n_transit_rules, cmp_trule);
	SORT(clinics, n_clinics, cmp_clinic);
	SORT(escorts, n_escorts, cmp_escort);
	SORT(cases, n_cases, cmp_case);
	SORT(bookings, n_bookings, cmp_booking);
#undef SORT
}

/* ---- merge (import: items with an existing key replace it) ---- */

static mp_loc remap(mp_dataset *dst, const mp_dataset *src, mp_loc l)
{
	const char *f = mp_dataset_file(src, l);
	if (f)
		l.file = mp_dataset_add_file(dst, f);
	return l;
}

/* For each src item: replace the dst item with the same key (releasing
 * it) or append; ownership of the item's contents moves to dst. */
#define MERGE(arr, n, cap, key, rel)                                          \
	do {                                                                  \
		mp_strmap at_;                                                \
		mp_strmap_init(&at_);                                         \
		for (int j_ = 0; j_ < dst->n; j_++)                           \
			mp_strmap_put(&at_, dst->arr[j_].key, j_);            \
		for (int i_ = 0; i_ < src->n; i_++) {                         \
			__typeof__(src->arr[0]) it_ = src->arr[i_];           \
			it_.loc = remap(dst, src, it_.loc);                   \
			int j_ = mp_strmap_get(&at_, it_.key);                \
			if (j_ >= 0) {                                        \
				mp_strmap_put(&at_, it_.key, j_);             \
				rel(&dst->arr[j_]);                           \
				dst->arr[j_] = it_;                           \
			} else {                                              \
				MP_GROW(dst->arr, dst->n, dst->cap);          \
				mp_strmap_put(&at_, it_.key, dst->n);         \
				dst->arr[dst->n++] = it_;                     \
			}                                                     \
		}                                                             \
		mp_strmap_release(&at_);                                      \
		free(src->arr);                                               \
		src->arr = NULL;                                              \
		src->n = src->cap = 0;                                        \
	} while (0)

void mp_dataset_merge(mp_dataset *dst, mp_dataset *src)
{
	if (src->mission.present) {
		mp_mission_release(&dst->mission);
		dst->mission = src->mission;
		dst->mission.loc = remap(dst, src, dst->mission.loc);
		memset(&src->mission, 0, sizeof src->mission);
	}
	MERGE(airports, n_airports, cap_airports, code, mp_airport_release);
	MERGE(flights, n_flights, cap_flights, id, mp_flight_release);
	MERGE(quotas, n_quotas, cap_quotas, id, mp_quota_release);
	MERGE(arrival_rules, n_arrival_rules, cap_arrival_rules, country, mp_arrival_rule_release);
	MERGE(transit_rules, n_transit_rules, cap_transit_rules, country, mp_transit_rule_release);
	MERGE(clinics, n_clinics, cap_clinics, id, mp_clinic_release);
	MERGE(escorts, n_escorts, cap_escorts, id, mp_escort_release);
	MERGE(cases, n_cases, cap_cases, id, mp_case_release);
	MERGE(bookings, n_bookings, cap_bookings, case_id, mp_booking_release);
	mp_dataset_release(src);
}
