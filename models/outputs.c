/*
 * outputs.c - digests of the manifests and itineraries a plan gives
 * (see outputs.h): FNV-1a 64 over every field an output shows, each
 * field ended by a separator so that ("ab","c") and ("a","bc") differ.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "outputs.h"
#include "error.h"
#include "strmap.h"

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

static void h_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ b[i]) * FNV_PRIME;
}

static void h_sep(uint64_t *h)
{
	h_bytes(h, "\x1f", 1);
}

/* NULL hashes apart from "". */
static void h_str(uint64_t *h, const char *s)
{
	if (s)
		h_bytes(h, s, strlen(s));
	else
		h_bytes(h, "\x1e", 1);
	h_sep(h);
}

static void h_int(uint64_t *h, int64_t v)
{
	char buf[24];
	int n = snprintf(buf, sizeof buf, "%" PRId64, v);
	h_bytes(h, buf, (size_t)n);
	h_sep(h);
}

static void h_datetime(uint64_t *h, mp_datetime dt)
{
	h_int(h, dt.present ? dt.utc : INT64_MIN);
	h_int(h, dt.offset_min);
}

static void h_document(uint64_t *h, const mp_document *d)
{
	h_int(h, d->present);
	h_str(h, d->type);
	h_str(h, d->number);
	h_str(h, d->issuer);
	h_int(h, d->expires);
	h_str(h, d->mrz_family_name);
	h_str(h, d->mrz_given_names);
}

static void h_member(uint64_t *h, const mp_member *m)
{
	h_str(h, m->id);
	h_str(h, m->family_name);
	h_str(h, m->given_names);
	h_int(h, m->sex);
	h_int(h, m->birth_date);
	h_str(h, m->nationality);
	h_document(h, &m->document);
	h_int(h, m->ssr);
	h_int(h, m->escort);
	h_int(h, m->pregnancy.present);
	h_int(h, m->pregnancy.weeks);
	h_int(h, m->pregnancy.on);
	h_int(h, m->pregnancy.multiple);
}

static void h_case(uint64_t *h, const mp_case *c)
{
	if (!c) {
		h_str(h, NULL);
		return;
	}
	h_str(h, c->id);
	h_str(h, c->dest_country);
	h_str(h, c->dest_airport);
	h_int(h, c->priority);
	h_int(h, c->ready);
	h_int(h, c->visa_expires);
	h_int(h, c->medical);
	h_int(h, c->medical_valid_until);
	h_int(h, c->medical_deferred_until);
	h_str(h, c->clinic);
	h_str(h, c->link);
	h_str(h, c->origin);
	h_str(h, c->language);
	h_int(h, c->n_members);
	for (int i = 0; i < c->n_members; i++)
		h_member(h, &c->members[i]);
}

static void h_flight(uint64_t *h, const mp_flight *f)
{
	if (!f) {
		h_str(h, NULL);
		return;
	}
	h_str(h, f->id);
	h_str(h, f->from);
	h_str(h, f->to);
	h_datetime(h, f->departs);
	h_datetime(h, f->arrives);
	h_str(h, f->carrier);
	h_str(h, f->number);
	h_int(h, f->cancelled);
}

static void h_escort(uint64_t *h, const mp_escort *e)
{
	if (!e) {
		h_str(h, NULL);
		return;
	}
	h_str(h, e->id);
	h_int(h, e->kind);
	h_str(h, e->family_name);
	h_str(h, e->given_names);
	h_int(h, e->sex);
	h_int(h, e->birth_date);
	h_str(h, e->nationality);
	h_document(h, &e->document);
}

/* Lookups by id over the dataset (keys borrowed from it). */
typedef struct ids {
	const mp_dataset *ds;
	mp_strmap cases, flights, escorts;
} ids;

static void index_init(ids *ix, const mp_dataset *ds)
{
	ix->ds = ds;
	mp_strmap_init(&ix->cases);
	mp_strmap_init(&ix->flights);
	mp_strmap_init(&ix->escorts);
	for (int i = 0; i < ds->n_cases; i++)
		mp_strmap_put(&ix->cases, ds->cases[i].id, i);
	for (int i = 0; i < ds->n_flights; i++)
		mp_strmap_put(&ix->flights, ds->flights[i].id, i);
	for (int i = 0; i < ds->n_escorts; i++)
		mp_strmap_put(&ix->escorts, ds->escorts[i].id, i);
}

static void index_release(ids *ix)
{
	mp_strmap_release(&ix->cases);
	mp_strmap_release(&ix->flights);
	mp_strmap_release(&ix->escorts);
}

static const mp_case *case_of(const ids *ix, const char *id)
{
	int i = mp_strmap_get(&ix->cases, id);
	return i >= 0 ? &ix->ds->cases[i] : NULL;
}

static const mp_flight *flight_of(const ids *ix, const char *id)
{
	int i = mp_strmap_get(&ix->flights, id);
	return i >= 0 ? &ix->ds->flights[i] : NULL;
}

static const mp_escort *escort_of(const ids *ix, const char *id)
{
	int i = mp_strmap_get(&ix->escorts, id);
	return i >= 0 ? &ix->ds->escorts[i] : NULL;
}

static mp_output_digest *add(mp_outputs *o, char kind, const char *key)
{
	o->v = mp_xrealloc(o->v, (size_t)(o->n + 1) * sizeof *o->v);
	mp_output_digest *d = &o->v[o->n++];
	memset(d, 0, sizeof *d);
	d->kind = kind;
	d->key = mp_xstrdup(key);
	return d;
}

static void itinerary(mp_outputs *o, const ids *ix, const mp_assignment *a)
{
	mp_output_digest *d = add(o, MP_OUT_ITINERARY, a->case_id);
	uint64_t h = FNV_OFFSET;
	h_case(&h, case_of(ix, a->case_id));
	h_int(&h, a->status);
	h_int(&h, a->ftt_date);
	for (int i = 0; i < a->n_flights; i++) {
		h_str(&h, a->flights[i]);
		h_flight(&h, flight_of(ix, a->flights[i]));
	}
	for (int i = 0; i < a->n_escorts; i++)
		h_escort(&h, escort_of(ix, a->escorts[i]));
	d->digest = h;
	d->legs = a->n_flights;
	d->ftt = a->ftt_date != MP_NODATE;
}

static void not_booked(mp_outputs *o, const char *case_id)
{
	mp_output_digest *d = add(o, MP_OUT_ITINERARY, case_id);
	uint64_t h = FNV_OFFSET;
	h_str(&h, "not booked");
	d->digest = h;
}

static bool on_flight(char **flights, int n, const char *id)
{
	for (int i = 0; i < n; i++)
		if (strcmp(flights[i], id) == 0)
			return true;
	return false;
}

/* The manifest of flight id: every case on it (assignments come sorted
 * by case id) and every escort whose trip takes it. */
static void manifest(mp_outputs *o, const ids *ix, const mp_plan *p, const char *id)
{
	mp_output_digest *d = add(o, MP_OUT_MANIFEST, id);
	const mp_mission *m = &ix->ds->mission;
	uint64_t h = FNV_OFFSET;
	h_str(&h, m->id);
	h_str(&h, m->sender);
	h_str(&h, m->recipient);
	h_flight(&h, flight_of(ix, id));
	for (int i = 0; i < p->n_assignments; i++) {
		const mp_assignment *a = &p->assignments[i];
		if (!on_flight(a->flights, a->n_flights, id))
			continue;
		h_str(&h, a->case_id);
		h_int(&h, a->status);
		for (int k = 0; k < a->n_escorts; k++)
			h_str(&h, a->escorts[k]);
		h_case(&h, case_of(ix, a->case_id));
	}
	for (int i = 0; i < p->n_escort_trips; i++) {
		const mp_escort_trip *t = &p->escort_trips[i];
		if (on_flight(t->flights, t->n_flights, id))
			h_escort(&h, escort_of(ix, t->escort));
	}
	d->digest = h;
}

/* Ids of the flights someone travels on, sorted and unique (borrowed). */
static int used_flights(const mp_plan *p, const char ***out)
{
	mp_strmap seen;
	const char **v = NULL;
	int n = 0;
	mp_strmap_init(&seen);
	for (int i = 0; i < p->n_assignments; i++)
		for (int k = 0; k < p->assignments[i].n_flights; k++) {
			const char *f = p->assignments[i].flights[k];
			if (mp_strmap_get(&seen, f) >= 0)
				continue;
			mp_strmap_put(&seen, f, n);
			v = mp_xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n++] = f;
		}
	for (int i = 0; i < p->n_escort_trips; i++)
		for (int k = 0; k < p->escort_trips[i].n_flights; k++) {
			const char *f = p->escort_trips[i].flights[k];
			if (mp_strmap_get(&seen, f) >= 0)
				continue;
			mp_strmap_put(&seen, f, n);
			v = mp_xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n++] = f;
		}
	mp_strmap_release(&seen);
	*out = v;
	return n;
}

static int cmp_digest(const void *a, const void *b)
{
	const mp_output_digest *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->key, y->key);
}

void mp_outputs_init(mp_outputs *o)
{
	o->v = NULL;
	o->n = 0;
}

void mp_outputs_release(mp_outputs *o)
{
	if (!o)
		return;
	for (int i = 0; i < o->n; i++)
		free(o->v[i].key);
	free(o->v);
	mp_outputs_init(o);
}

void mp_outputs_compute(const mp_dataset *ds, const mp_plan *plan, mp_outputs *out)
{
	ids ix;
	const char **flights = NULL;
	mp_outputs_init(out);
	index_init(&ix, ds);
	for (int i = 0; i < plan->n_assignments; i++)
		itinerary(out, &ix, &plan->assignments[i]);
	for (int i = 0; i < plan->n_unassigned; i++)
		not_booked(out, plan->unassigned[i].case_id);
	int n = used_flights(plan, &flights);
	/* one pass per flight over the assignments: O(flights x cases) at
	 * worst, a few million steps at 20,000 cases, well under a second */
	for (int i = 0; i < n; i++)
		manifest(out, &ix, plan, flights[i]);
	free(flights);
	index_release(&ix);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_digest);
}

const mp_output_digest *mp_outputs_find(const mp_outputs *o, char kind, const char *key)
{
	int lo = 0, hi = o->n - 1;
	mp_output_digest probe = {.kind = kind, .key = (char *)key};
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int c = cmp_digest(&probe, &o->v[mid]);
		if (c == 0)
			return &o->v[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

char *mp_outputs_format(const mp_outputs *o)
{
	size_t cap = 1, len = 0;
	for (int i = 0; i < o->n; i++)
		cap += strlen(o->v[i].key) + 48; /* kind, hex, legs, ftt, tabs */
	char *text = mp_xmalloc(cap);
	text[0] = '\0';
	for (int i = 0; i < o->n; i++)
		len += (size_t)snprintf(text + len, cap - len, "%c\t%s\t%016" PRIx64 "\t%d\t%d\n",
					o->v[i].kind, o->v[i].key, o->v[i].digest, o->v[i].legs,
					o->v[i].ftt);
	return text;
}

/* Reads one line "K\tKEY\tHEX\tLEGS\tFTT" into d (key malloc'd). */
static bool parse_line(const char *line, size_t len, mp_output_digest *d)
{
	const char *t1 = memchr(line, '\t', len);
	if (!t1 || t1 != line + 1)
		return false;
	const char *key = t1 + 1;
	const char *t2 = memchr(key, '\t', len - (size_t)(key - line));
	if (!t2 || t2 == key)
		return false;
	char rest[64];
	size_t rn = len - (size_t)(t2 + 1 - line);
	if (rn >= sizeof rest)
		return false;
	memcpy(rest, t2 + 1, rn);
	rest[rn] = '\0';
	unsigned long long dig;
	int legs, ftt, used = 0;
	if (sscanf(rest, "%16llx\t%d\t%d%n", &dig, &legs, &ftt, &used) != 3 || rest[used])
		return false;
	d->kind = line[0];
	d->key = mp_xstrndup(key, (size_t)(t2 - key));
	d->digest = dig;
	d->legs = legs;
	d->ftt = ftt != 0;
	return true;
}

bool mp_outputs_parse(const char *text, mp_outputs *out)
{
	mp_outputs_init(out);
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		mp_output_digest d;
		if (!parse_line(p, len, &d))
			return false;
		out->v = mp_xrealloc(out->v, (size_t)(out->n + 1) * sizeof *out->v);
		out->v[out->n++] = d;
		p += len + (nl ? 1 : 0);
	}
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, cmp_digest);
	return true;
}
