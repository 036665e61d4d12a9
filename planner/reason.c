/*
 * reason.c - the decisive reason of an unassigned case (SPEC 2).
 *
 * An unassigned case carries every reason that holds for it: the codes
 * of the case itself, the codes excluding its itineraries (with how
 * many each excludes) and, where eligible itineraries exist, the full
 * limits that kept it out.  One of them is marked decisive, the one
 * that actually holds the case:
 *
 *  - some itinerary passes every rule of the case itself: the full
 *    limit there - NOT_SELECTED when room remained on one of them (the
 *    plan chose not to use it), else the limit full on the most of its
 *    eligible itineraries, ties to QUOTA, CAPACITY, ASSISTANCE_LIMIT,
 *    CLINIC, NO_ESCORT in that order (a quota closes a whole period,
 *    seats one flight);
 *  - none passes: a rule of the case as a whole (NO_ROUTE, HORIZON,
 *    MEDICAL_PENDING, LINKED_CASE: it holds on every itinerary, so it
 *    ends last), else the exclusion that ends latest - the one excluding
 *    the latest-departing itinerary (waiting does not cure it: a visa
 *    expiring beats a readiness date passed later), ties to the one
 *    excluding the most itineraries, then to the lower code.
 */
#include "internal.h"

static int limit_rank(enum mp_reason_code code)
{
	switch (code) {
	case MP_R_QUOTA: return 0;
	case MP_R_CAPACITY: return 1;
	case MP_R_ASSISTANCE_LIMIT: return 2;
	case MP_R_CLINIC: return 3;
	case MP_R_NO_ESCORT: return 4;
	default: return 5;
	}
}

/* Among reasons [from, n): NOT_SELECTED, else the limit full most often. */
static int pick_limit(const mp_unassigned *u, int from)
{
	int best = -1;
	for (int i = from; i < u->n_reasons; i++) {
		const mp_reason *r = &u->reasons[i];
		if (r->code == MP_R_NOT_SELECTED)
			return i;
		if (best < 0 || r->count > u->reasons[best].count ||
		    (r->count == u->reasons[best].count &&
		     limit_rank(r->code) < limit_rank(u->reasons[best].code)))
			best = i;
	}
	return best;
}

/* Among the exclusions [from, to): the one excluding the latest
 * itinerary of the case's route (itineraries are by departure). */
static int pick_exclusion(const pl_ctx *P, int ci, const mp_unassigned *u, int from, int to)
{
	const pl_case *pc = &P->cases[ci];
	int last[MP_N_REASON];
	for (int code = 0; code < MP_N_REASON; code++)
		last[code] = -1;
	if (pc->mask)
		for (int i = 0; i < P->routes[pc->route].n_itins; i++)
			for (int code = 0; code < MP_N_REASON; code++)
				if (pc->mask[i] & PL_BIT(code))
					last[code] = i;
	int best = -1;
	for (int i = from; i < to; i++) {
		const mp_reason *r = &u->reasons[i];
		if (best < 0) {
			best = i;
			continue;
		}
		const mp_reason *b = &u->reasons[best];
		if (last[r->code] > last[b->code] ||
		    (last[r->code] == last[b->code] && r->count > b->count))
			best = i;
	}
	return best;
}

void pl_mark_decisive(const pl_ctx *P, int ci, mp_unassigned *u, int first_exclusion,
		      int first_limit)
{
	int pick;
	if (u->n_reasons > first_limit)
		pick = pick_limit(u, first_limit);
	else if (first_exclusion > 0)
		pick = 0;
	else
		pick = pick_exclusion(P, ci, u, first_exclusion, first_limit);
	if (pick >= 0)
		u->reasons[pick].decisive = true;
}
