/*
 * plan.c - lifecycle and order of an mp_plan.
 */
#include <stdlib.h>
#include <string.h>
#include "plan.h"
#include "outputs.h"
#include "error.h"

const char *const mp_plan_status_names[2] = {"optimal", "feasible"};
const char *const mp_level_status_names[3] = {"optimal", "effort", "time"};

const char *const mp_reason_names[MP_N_REASON] = {
	"NO_ROUTE", "HORIZON", "NOT_READY", "VISA_EXPIRY",
	"DOCUMENT_EXPIRY", "MEDICAL_PENDING", "MEDICAL_EXPIRED",
	"MEDICAL_DEFERRED", "PREGNANCY", "ARRIVAL_RULE",
	"TRANSIT_VISA", "NO_ESCORT", "LINKED_CASE", "CAPACITY",
	"ASSISTANCE_LIMIT", "QUOTA", "CLINIC", "NOT_SELECTED",
	"VOID_BOOKING",
};

int mp_reason_lookup(const char *name)
{
	for (int i = 0; name && i < MP_N_REASON; i++)
		if (strcmp(name, mp_reason_names[i]) == 0)
			return i;
	return -1;
}

void mp_strv_push(char ***v, int *n, const char *s)
{
	*v = mp_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
	(*v)[(*n)++] = mp_xstrdup(s);
}

void mp_strv_free(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void mp_plan_options_init(mp_plan_options *o)
{
	o->weights[MP_PRIO_EMERGENCY] = 100;
	o->weights[MP_PRIO_URGENT] = 10;
	o->weights[MP_PRIO_NORMAL] = 1;
	o->time_limit = 60;
	o->effort = 30;
	o->gap = 0;
}

void mp_plan_init(mp_plan *p)
{
	memset(p, 0, sizeof *p);
	p->as_of = MP_NODATE;
	mp_plan_options_init(&p->options);
}

void mp_plan_release(mp_plan *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->scenario);
	for (int i = 0; i < p->n_assignments; i++) {
		mp_assignment *a = &p->assignments[i];
		free(a->case_id);
		mp_strv_free(a->flights, a->n_flights);
		mp_strv_free(a->escorts, a->n_escorts);
	}
	free(p->assignments);
	for (int i = 0; i < p->n_unassigned; i++) {
		mp_unassigned *u = &p->unassigned[i];
		free(u->case_id);
		for (int j = 0; j < u->n_reasons; j++) {
			free(u->reasons[j].detail);
			mp_strv_free(u->reasons[j].refs, u->reasons[j].n_refs);
		}
		free(u->reasons);
	}
	free(p->unassigned);
	for (int i = 0; i < p->n_conflicts; i++) {
		free(p->conflicts[i].case_id);
		free(p->conflicts[i].rule);
		free(p->conflicts[i].detail);
	}
	free(p->conflicts);
	for (int i = 0; i < p->n_flights; i++)
		free(p->flights[i].id);
	free(p->flights);
	for (int i = 0; i < p->n_quotas; i++)
		free(p->quotas[i].id);
	free(p->quotas);
	for (int i = 0; i < p->n_clinics; i++)
		free(p->clinics[i].clinic);
	free(p->clinics);
	for (int i = 0; i < p->n_escort_trips; i++) {
		mp_escort_trip *t = &p->escort_trips[i];
		free(t->escort);
		mp_strv_free(t->flights, t->n_flights);
		mp_strv_free(t->cases, t->n_cases);
	}
	free(p->escort_trips);
	free(p->created);
	free(p->input_digest);
	mp_outputs_release(p->outputs);
	free(p->outputs);
	mp_plan_init(p);
}

#define ADD(arr, n, cap)                                        \
	MP_GROW(p->arr, p->n, p->cap);                          \
	memset(&p->arr[p->n], 0, sizeof p->arr[0]);             \
	return &p->arr[p->n++];

mp_assignment *mp_plan_add_assignment(mp_plan *p)
{
	MP_GROW(p->assignments, p->n_assignments, p->cap_assignments);
	mp_assignment *a = &p->assignments[p->n_assignments++];
	memset(a, 0, sizeof *a);
	a->ftt_date = MP_NODATE;
	a->status = MP_BOOK_PROPOSED;
	return a;
}
mp_unassigned *mp_plan_add_unassigned(mp_plan *p) { ADD(unassigned, n_unassigned, cap_unassigned) }
mp_conflict *mp_plan_add_conflict(mp_plan *p) { ADD(conflicts, n_conflicts, cap_conflicts) }
mp_quota_use *mp_plan_add_quota(mp_plan *p) { ADD(quotas, n_quotas, cap_quotas) }
mp_clinic_day *mp_plan_add_clinic_day(mp_plan *p) { ADD(clinics, n_clinics, cap_clinics) }
mp_escort_trip *mp_plan_add_escort_trip(mp_plan *p) { ADD(escort_trips, n_escort_trips, cap_escort_trips) }

mp_flight_use *mp_plan_add_flight(mp_plan *p)
{
	MP_GROW(p->flights, p->n_flights, p->cap_flights);
	mp_flight_use *f = &p->flights[p->n_flights++];
	memset(f, 0, sizeof *f);
	for (int i = 0; i < MP_N_SSR; i++)
		f->limits[i] = MP_ABSENT;
	return f;
}

mp_reason *mp_unassigned_add_reason(mp_unassigned *u)
{
	u->reasons = mp_xrealloc(u->reasons, (size_t)(u->n_reasons + 1) * sizeof *u->reasons);
	mp_reason *r = &u->reasons[u->n_reasons++];
	memset(r, 0, sizeof *r);
	return r;
}

static int scmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_assignment(const void *a, const void *b)
{
	return scmp(((const mp_assignment *)a)->case_id, ((const mp_assignment *)b)->case_id);
}

static int cmp_unassigned(const void *a, const void *b)
{
	return scmp(((const mp_unassigned *)a)->case_id, ((const mp_unassigned *)b)->case_id);
}

static int cmp_conflict(const void *a, const void *b)
{
	const mp_conflict *x = a, *y = b;
	int c = scmp(x->case_id, y->case_id);
	return c ? c : (int)x->code - (int)y->code;
}

static int cmp_flight(const void *a, const void *b)
{
	return scmp(((const mp_flight_use *)a)->id, ((const mp_flight_use *)b)->id);
}

static int cmp_quota(const void *a, const void *b)
{
	return scmp(((const mp_quota_use *)a)->id, ((const mp_quota_use *)b)->id);
}

static int cmp_clinic(const void *a, const void *b)
{
	const mp_clinic_day *x = a, *y = b;
	int c = scmp(x->clinic, y->clinic);
	return c ? c : (x->date > y->date) - (x->date < y->date);
}

static int cmp_trip(const void *a, const void *b)
{
	const mp_escort_trip *x = a, *y = b;
	int c = scmp(x->escort, y->escort);
	return c ? c : (x->departs.utc > y->departs.utc) - (x->departs.utc < y->departs.utc);
}

void mp_plan_sort(mp_plan *p)
{
#define SORT(arr, n, cmp) if (p->n > 1) qsort(p->arr, (size_t)p->n, sizeof *p->arr, cmp)
	SORT(assignments, n_assignments, cmp_assignment);
	SORT(unassigned, n_unassigned, cmp_unassigned);
	SORT(conflicts, n_conflicts, cmp_conflict);
	SORT(flights, n_flights, cmp_flight);
	SORT(quotas, n_quotas, cmp_quota);
	SORT(clinics, n_clinics, cmp_clinic);
	SORT(escort_trips, n_escort_trips, cmp_trip);
#undef SORT
}

bool mp_strv_equal(char *const *a, int na, char *const *b, int nb)
{
	if (na != nb)
		return false;
	for (int i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

bool mp_assignment_same_flights(const mp_assignment *a, const mp_assignment *b)
{
	if (!a || !b)
		return a == b;
	return mp_strv_equal(a->flights, a->n_flights, b->flights, b->n_flights);
}

mp_assignment *mp_plan_assignment(const mp_plan *p, const char *case_id)
{
	for (int i = 0; i < p->n_assignments; i++)
		if (scmp(p->assignments[i].case_id, case_id) == 0)
			return &p->assignments[i];
	return NULL;
}

mp_unassigned *mp_plan_unassigned_case(const mp_plan *p, const char *case_id)
{
	for (int i = 0; i < p->n_unassigned; i++)
		if (scmp(p->unassigned[i].case_id, case_id) == 0)
			return &p->unassigned[i];
	return NULL;
}

const mp_reason *mp_unassigned_decisive(const mp_unassigned *u)
{
	for (int i = 0; i < u->n_reasons; i++)
		if (u->reasons[i].decisive)
			return &u->reasons[i];
	return u->n_reasons > 0 ? &u->reasons[0] : NULL;
}
