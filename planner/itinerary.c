/*
 * itinerary.c - itineraries of SPEC 2: sequences of 1-3 non-cancelled
 * flights from a case's origin to its destination, each connection
 * between the airport's mct_minutes and max_connection_minutes.
 *
 * Itineraries are kept once in ctx->itins, keyed by their legs, so two
 * routes (say "to YYZ" and "to any airport of CA") share them and an
 * escort trip on an itinerary means the very same flights for every
 * case.  A route (origin, destination) is enumerated once, on first
 * use, and shared by every case with that origin and destination.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static uint64_t legs_key(const int *legs, int n)
{
	uint64_t k = 0;
	for (int i = 0; i < n; i++)
		k |= (uint64_t)(legs[i] + 1) << (21 * i);
	return k;
}

static int cmp_dep(const void *a, const void *b, void *arg)
{
	const mp_dataset *ds = arg;
	const mp_flight *x = &ds->flights[*(const int *)a];
	const mp_flight *y = &ds->flights[*(const int *)b];
	if (x->departs.utc != y->departs.utc)
		return x->departs.utc < y->departs.utc ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Per airport, its non-cancelled departures sorted by time then id. */
static void build_dep_lists(pl_ctx *P)
{
	const mp_dataset *ds = P->ds;
	P->dep_list = mp_xcalloc((size_t)ds->n_airports + 1, sizeof *P->dep_list);
	P->n_dep = mp_xcalloc((size_t)ds->n_airports + 1, sizeof *P->n_dep);
	for (int f = 0; f < ds->n_flights; f++) {
		int a = mp_strmap_get(&P->airport_ix, ds->flights[f].from);
		if (a < 0 || ds->flights[f].cancelled)
			continue;
		P->dep_list[a] = mp_xrealloc(P->dep_list[a], (size_t)(P->n_dep[a] + 1) * sizeof(int));
		P->dep_list[a][P->n_dep[a]++] = f;
	}
	for (int a = 0; a < ds->n_airports; a++)
		if (P->n_dep[a] > 1)
			qsort_r(P->dep_list[a], (size_t)P->n_dep[a], sizeof(int), cmp_dep, (void *)ds);
}

void pl_itins_build(pl_ctx *P)
{
	build_dep_lists(P);
	mp_u64map_init(&P->itin_ix);
	mp_strmap_init(&P->route_ix);
}

void pl_itins_release(pl_ctx *P)
{
	for (int i = 0; i < P->n_itins; i++) {
		free(P->itins[i].quotas);
		free(P->itins[i].rix);
	}
	free(P->itins);
	mp_u64map_release(&P->itin_ix);
	for (int r = 0; r < P->n_routes; r++)
		free(P->routes[r].itins);
	free(P->routes);
	mp_strmap_release(&P->route_ix);
	for (int i = 0; i < P->n_route_keys; i++)
		free(P->route_keys[i]);
	free(P->route_keys);
	if (P->dep_list)
		for (int a = 0; a < P->ds->n_airports; a++)
			free(P->dep_list[a]);
	free(P->dep_list);
	free(P->n_dep);
}

static const mp_airport *airport_of(const pl_ctx *P, const char *code)
{
	int a = mp_strmap_get(&P->airport_ix, code);
	return a < 0 ? NULL : &P->ds->airports[a];
}

/* SPEC 2: each next leg departs from the previous arrival airport at
 * least mct and at most max_connection minutes after the arrival. */
static bool connects(const pl_ctx *P, const mp_flight *prev, const mp_flight *next)
{
	if (strcmp(prev->to, next->from) != 0)
		return false;
	const mp_airport *a = airport_of(P, prev->to);
	if (!a)
		return false;
	int64_t gap = next->departs.utc - prev->arrives.utc;
	return gap >= (int64_t)a->mct_minutes * 60 &&
	       gap <= (int64_t)a->max_connection_minutes * 60;
}

static void itin_quotas(pl_ctx *P, pl_itin *it)
{
	const mp_dataset *ds = P->ds;
	if (it->arr_airport < 0)
		return;
	const mp_airport *a = &ds->airports[it->arr_airport];
	for (int q = 0; q < ds->n_quotas; q++) {
		const mp_quota *qu = &ds->quotas[q];
		if (strcmp(qu->country, a->country) != 0)
			continue;
		if (qu->airport && strcmp(qu->airport, a->code) != 0)
			continue;
		if (it->arr_date < qu->from || it->arr_date > qu->to)
			continue;
		it->quotas = mp_xrealloc(it->quotas, (size_t)(it->n_quotas + 1) * sizeof(int));
		it->quotas[it->n_quotas++] = q;
	}
}

int pl_itin_of_legs(pl_ctx *P, const int *legs, int n)
{
	uint64_t key = legs_key(legs, n);
	int ix = mp_u64map_get(&P->itin_ix, key);
	if (ix >= 0)
		return ix;
	MP_GROW(P->itins, P->n_itins, P->cap_itins);
	pl_itin *it = &P->itins[P->n_itins];
	memset(it, 0, sizeof *it);
	const mp_dataset *ds = P->ds;
	it->n_legs = n;
	it->valid = true;
	for (int i = 0; i < n; i++) {
		it->legs[i] = legs[i];
		const mp_flight *f = &ds->flights[legs[i]];
		if (mp_datetime_local_date(f->departs) > P->horizon_end)
			it->beyond = true;
		if (i > 0 && !connects(P, &ds->flights[legs[i - 1]], f))
			it->valid = false;
	}
	const mp_flight *first = &ds->flights[legs[0]], *last = &ds->flights[legs[n - 1]];
	it->dep_utc = first->departs.utc;
	it->arr_utc = last->arrives.utc;
	it->dep_date = mp_datetime_local_date(first->departs);
	it->arr_date = mp_datetime_local_date(last->arrives);
	it->arr_tod = mp_datetime_local_tod(last->arrives);
	it->arr_airport = mp_strmap_get(&P->airport_ix, last->to);
	itin_quotas(P, it);
	mp_u64map_put(&P->itin_ix, key, P->n_itins);
	return P->n_itins++;
}

int pl_itin_lookup(pl_ctx *P, char **flight_ids, int n)
{
	int legs[3];
	if (n < 1 || n > 3)
		return -1;
	for (int i = 0; i < n; i++) {
		legs[i] = mp_strmap_get(&P->flight_ix, flight_ids[i]);
		if (legs[i] < 0)
			return -1;
	}
	return pl_itin_of_legs(P, legs, n);
}

/* ---- enumeration ---- */

typedef struct walk {
	pl_ctx *P;
	const pl_route *r;
	bool horizon;      /* only flights departing within the horizon */
	bool first_only;   /* stop at the first itinerary (existence test) */
	int found;
	pl_ivec out;
} walk;

static bool at_destination(const walk *w, const mp_flight *f)
{
	if (w->r->airport)
		return strcmp(f->to, w->r->airport) == 0;
	const mp_airport *a = airport_of(w->P, f->to);
	return a && strcmp(a->country, w->r->country) == 0;
}

/* First index in the airport's departures at or after t. */
static int first_after(const pl_ctx *P, int a, int64_t t)
{
	int lo = 0, hi = P->n_dep[a];
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (P->ds->flights[P->dep_list[a][mid]].departs.utc < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void extend(walk *w, int *legs, int depth)
{
	pl_ctx *P = w->P;
	const mp_flight *prev = &P->ds->flights[legs[depth - 1]];
	if (at_destination(w, prev)) {
		w->found++;
		if (!w->first_only)
			pl_ivec_push(&w->out, pl_itin_of_legs(P, legs, depth));
	}
	if (depth == 3 || (w->first_only && w->found))
		return;
	const mp_airport *ap = airport_of(P, prev->to);
	int a = mp_strmap_get(&P->airport_ix, prev->to);
	if (!ap)
		return;
	int64_t lo = prev->arrives.utc + (int64_t)ap->mct_minutes * 60;
	int64_t hi = prev->arrives.utc + (int64_t)ap->max_connection_minutes * 60;
	for (int k = first_after(P, a, lo); k < P->n_dep[a]; k++) {
		int f = P->dep_list[a][k];
		const mp_flight *fl = &P->ds->flights[f];
		if (fl->departs.utc > hi)
			break;
		if (w->horizon && mp_datetime_local_date(fl->departs) > P->horizon_end)
			continue;
		legs[depth] = f;
		extend(w, legs, depth + 1);
		if (w->first_only && w->found)
			return;
	}
}

static void enumerate(walk *w)
{
	pl_ctx *P = w->P;
	int a = w->r->origin;
	for (int k = 0; k < P->n_dep[a]; k++) {
		int legs[3] = {P->dep_list[a][k], -1, -1};
		const mp_flight *f = &P->ds->flights[legs[0]];
		if (w->horizon && mp_datetime_local_date(f->departs) > P->horizon_end)
			continue;
		extend(w, legs, 1);
		if (w->first_only && w->found)
			return;
	}
}

static int cmp_itin(const void *a, const void *b, void *arg)
{
	const pl_ctx *P = arg;
	const pl_itin *x = &P->itins[*(const int *)a], *y = &P->itins[*(const int *)b];
	if (x->dep_utc != y->dep_utc)
		return x->dep_utc < y->dep_utc ? -1 : 1;
	if (x->arr_utc != y->arr_utc)
		return x->arr_utc < y->arr_utc ? -1 : 1;
	for (int i = 0; i < x->n_legs && i < y->n_legs; i++) {
		int c = strcmp(P->ds->flights[x->legs[i]].id, P->ds->flights[y->legs[i]].id);
		if (c)
			return c;
	}
	return x->n_legs - y->n_legs;
}

static void build_route(pl_ctx *P, pl_route *r)
{
	walk w = {.P = P, .r = r, .horizon = true};
	enumerate(&w);
	/* the same legs can be reached once only, but keep it safe */
	r->itins = w.out.v;
	r->n_itins = w.out.n;
	if (r->n_itins > 1)
		qsort_r(r->itins, (size_t)r->n_itins, sizeof(int), cmp_itin, P);
	if (r->n_itins == 0) {
		walk all = {.P = P, .r = r, .horizon = false, .first_only = true};
		enumerate(&all);
		r->beyond = all.found > 0;
		free(all.out.v);
	}
}

int pl_route_of(pl_ctx *P, const mp_case *c)
{
	int origin = mp_strmap_get(&P->airport_ix, c->origin);
	if (origin < 0 || !c->dest_country)
		return -1;
	char *key = mp_xasprintf("%s\x1f%s\x1f%s", c->origin, c->dest_country,
				 c->dest_airport ? c->dest_airport : "");
	int r = mp_strmap_get(&P->route_ix, key);
	if (r >= 0) {
		free(key);
		return r;
	}
	P->route_keys = mp_xrealloc(P->route_keys, (size_t)(P->n_route_keys + 1) * sizeof(char *));
	P->route_keys[P->n_route_keys++] = key; /* the map borrows it */
	MP_GROW(P->routes, P->n_routes, P->cap_routes);
	pl_route *rt = &P->routes[P->n_routes];
	memset(rt, 0, sizeof *rt);
	rt->origin = origin;
	rt->country = c->dest_country;
	rt->airport = c->dest_airport;
	build_route(P, rt);
	mp_strmap_put(&P->route_ix, key, P->n_routes);
	return P->n_routes++;
}
