/*
 * facts.c - derived facts of SPEC 1 (age, lap infants, seats, UMNR).
 */
#include <stdlib.h>
#include <string.h>
#include "facts.h"
#include "error.h"

static bool is_adult(const mp_member *m, mp_date on)
{
	return mp_age_on(m->birth_date, on) >= 18;
}

static bool is_infant(const mp_member *m, mp_date on)
{
	return mp_age_on(m->birth_date, on) < 2;
}

static bool has(const mp_member *m, int code)
{
	return (m->ssr >> code) & 1u;
}

/* Youngest first: later birth date first; ties by member id. */
static bool younger(const mp_member *a, const mp_member *b)
{
	if (a->birth_date != b->birth_date)
		return a->birth_date > b->birth_date;
	return strcmp(a->id ? a->id : "", b->id ? b->id : "") < 0;
}

void mp_case_facts_on(const mp_case *c, mp_date on, mp_case_facts *f, bool *lap)
{
	memset(f, 0, sizeof *f);
	int n = c->n_members;
	bool *islap = mp_xcalloc((size_t)(n > 0 ? n : 1), sizeof *islap);
	int laps_allowed = 0;
	for (int i = 0; i < n; i++) {
		const mp_member *m = &c->members[i];
		if (is_adult(m, on)) {
			f->adults++;
			if (!has(m, MP_SSR_STCR))
				laps_allowed++;
		}
	}
	/* SPEC 1: youngest infants without STCR take the laps first. */
	for (int k = 0; k < laps_allowed; k++) {
		int best = -1;
		for (int i = 0; i < n; i++) {
			const mp_member *m = &c->members[i];
			if (islap[i] || !is_infant(m, on) || has(m, MP_SSR_STCR))
				continue;
			if (best < 0 || younger(m, &c->members[best]))
				best = i;
		}
		if (best < 0)
			break;
		islap[best] = true;
	}
	f->persons = n;
	f->unaccompanied = n > 0 && f->adults == 0;
	for (int i = 0; i < n; i++) {
		const mp_member *m = &c->members[i];
		for (int s = 0; s < MP_N_SSR_GIVEN; s++)
			f->ssr[s] += has(m, s);
		if (islap[i]) {
			f->lap_infants++;
			f->ssr[MP_SSR_INFT]++;
		} else if (has(m, MP_SSR_STCR)) {
			f->stretchers++;
		} else {
			f->plain_seats++;
		}
		if (f->unaccompanied)
			f->ssr[MP_SSR_UMNR]++;
		enum mp_escort_kind need = m->escort;
		if (need == MP_ESC_NONE && f->unaccompanied)
			need = MP_ESC_OPERATIONAL;
		if (need != MP_ESC_NONE)
			f->need_escort++;
		if (need == MP_ESC_MEDICAL)
			f->need_medical++;
		if (lap)
			lap[i] = islap[i];
	}
	free(islap);
}

int mp_case_seats(const mp_case_facts *f, int stretcher_seats)
{
	return f->plain_seats + f->stretchers * stretcher_seats;
}

int mp_pregnancy_weeks_on(const mp_pregnancy *p, mp_date on)
{
	if (!p || !p->present)
		return -1;
	int days = on - p->on;
	/* whole weeks; a date before `on` counts back in whole weeks too */
	int weeks = days >= 0 ? days / 7 : -((-days + 6) / 7);
	return p->weeks + weeks;
}

bool mp_pregnancy_bars(const mp_pregnancy *p, mp_date on)
{
	int w = mp_pregnancy_weeks_on(p, on);
	if (w < 0)
		return false;
	return w >= (p->multiple ? 32 : 36);
}

enum mp_escort_kind mp_member_escort_need(const mp_case *c, int i, mp_date on)
{
	if (c->members[i].escort != MP_ESC_NONE)
		return c->members[i].escort;
	for (int k = 0; k < c->n_members; k++)
		if (is_adult(&c->members[k], on))
			return MP_ESC_NONE;
	return MP_ESC_OPERATIONAL;
}
