/*
 * price.h - the Lagrangian function of level 1 on one component, shared
 * by the volume algorithm (lagr.c) and column generation (cg.c).
 *
 * With multipliers lambda >= 0 on every shared row - seats (escorts
 * included), assistance limits, quotas, clinic days (one vector `lam`,
 * per resource), escort coverage and medical coverage per itinerary
 * (`pi`, `rho`) -
 *
 *   L(lambda) = sum_r lam_r room_r + sum_i (pi_i cov0_i + rho_i med0_i)
 *             + sum_u count_u max(0, max_k [w1_uk - lambda . a_uk])
 *             + sum_s max(0, best schedule of escort s)
 *
 * is an upper bound on level 1 for every lambda >= 0 (weak duality);
 * its minimum is the LP bound.  The inner maximisation splits: each
 * unit takes its best column, with the cheapest allowed check day per
 * member with a clinic; each escort its best set of trips at least its
 * turnaround apart (weighted interval scheduling).  A column's use is
 * its unit's profile times its itinerary's sums of multipliers, so
 * pricing a pair costs a handful of multiplications.
 *
 * Column generation reads the same numbers as reduced costs: at the
 * duals of a restricted master LP, unit u's best value less the dual of
 * its row is the reduced cost of its best column, and an escort's best
 * schedule less the dual of its row that of its best schedule column.
 */
#ifndef PL_PRICE_H
#define PL_PRICE_H

#include "internal.h"

#define PL_PRICE_KEEP PL_KEEP /* best positions remembered per unit */

/* Multipliers summed over one itinerary's legs and quotas. */
typedef struct pl_itsum {
	double plain, stretch, cover, med;
	double persons[MP_N_KIND], ncases[MP_N_KIND]; /* per case kind (SPEC 1 quota kinds) */
	double ssr[MP_N_SSR];
	double seats;    /* an escort's seats over the legs */
} pl_itsum;

typedef struct pl_price {
	pl_ctx *P;
	const pl_comp *C;
	/* one flat vector of n_dual multipliers: lam (per resource), then
	 * pi and rho (per itinerary); g likewise, the subgradient */
	int n_dual;
	double *lam, *pi, *rho;
	double *g, *gpi, *grho;
	bool *active;      /* entries that are rows: binding resources, covers */
	/* per unit and eligible position: dominated, copied once from the
	 * columns (reading them was a cache miss per pair) */
	unsigned char *skip;
	size_t *skip_at;   /* per unit slot: its first position in skip */
	pl_itsum *S;       /* per itinerary */
	bool *want;        /* itineraries of the component */
	int *cov0, *med0;  /* per itinerary: spare pinned covers (right-hand sides) */
	int *best;         /* per slot x KEEP: best positions (-1 ends) */
	double *bestval;   /* per slot x KEEP: their values */
	int *cand;         /* per slot x KEEP: candidates for partial pricing */
	double *bestv;     /* per slot: best value (bestval[slot * KEEP]) */
	double *dayprice;  /* per clinic and departure date: cheapest check
			    * day's multiplier per person */
	int *dayres;       /* ... and that day's resource */
	double *esc_val;   /* per escort: best schedule value (last evaluation) */
	pl_ivec *esc_trips;/* per escort: that schedule's itineraries */
	double pairs;      /* pairs priced so far (the work clock counts them) */
} pl_price;

void pl_price_init(pl_price *L, pl_ctx *P, const pl_comp *C);
void pl_price_release(pl_price *L);

/* L at the current multipliers, pricing every pair (full) or each
 * unit's candidates of the last full pricing; fills best, bestval,
 * bestv, esc_val and esc_trips, and the subgradient g (the room left
 * when every unit takes its best column and every escort its best
 * schedule).  Only a full pricing gives a valid bound. */
double pl_price_eval(pl_price *L, bool full);

/* Value of unit slot's column at eligible position pos under the
 * current multipliers (cheapest check days; after pl_price_eval). */
double pl_price_col(const pl_price *L, int slot, int pos);

/* Escort s's trip on itinerary it at the current multipliers: its
 * covers at the cover rows' multipliers less its seats' (after
 * pl_price_eval). */
double pl_price_trip(const pl_price *L, int s, int it);

/* The cheapest allowed check day's resource of case ci for a departure
 * on dep under the current multipliers (-1: none), its price in *price
 * (the case's persons times the day's multiplier). */
int pl_price_day(const pl_price *L, int ci, mp_date dep, double *price);

#endif
