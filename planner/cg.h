/*
 * cg.h - the LP relaxation of a large component's level 1 by column
 * generation (see cg.c).
 */
#ifndef PL_CG_H
#define PL_CG_H

#include "price.h"

typedef struct pl_cg pl_cg;

/* A master for component C, priced by F (whose multipliers it sets to
 * its duals, or to points between them and the best bound's).  A big
 * one (a large component's) has its escorts' trips as columns with
 * turnaround rows instead of schedules, and a solve the budget stops
 * keeps its feasible point.  A big one, or one of pl_cg_lean_units
 * units or more, is lean: solved with dual smoothing and column
 * purging; a small one converges in a few rounds without (both change
 * only which optimal vertex it ends at, and the plans built from it).
 * Free with pl_cg_free; hold it (pl_hold) with pl_cg_release_failed
 * while GLPK works. */
pl_cg *pl_cg_new(pl_ctx *P, const pl_comp *C, pl_price *F, bool big);
void pl_cg_free(pl_cg *G);
pl_release_fn pl_cg_release_failed;

/* Seeds the master: each unit's first per_unit positions of best
 * (slot x keep, -1 ends); or the component's plan (its columns' val,
 * check days and escort trips in S) as the starting basis. */
void pl_cg_seed(pl_cg *G, const int *best, int keep, int per_unit);
void pl_cg_seed_plan(pl_cg *G, const pl_state *S);

/* Column generation until no column prices out (the LP optimum) or the
 * budget is spent; 0 (the master's solution, optimal or where the
 * budget stopped its simplex, is feasible), or GLPK's error code when a
 * solve failed.  Can be called again to go on. */
int pl_cg_run(pl_cg *G, const pl_budget *b);

/* A valid upper bound on level 1 (the best Lagrangian value at the
 * duals; the LP value once optimal), the master's value, whether it
 * is the LP optimum, and counts for the log. */
double pl_cg_bound(const pl_cg *G);
double pl_cg_value(const pl_cg *G);
bool pl_cg_optimal(const pl_cg *G);
int pl_cg_rounds(const pl_cg *G);
int pl_cg_iterations(const pl_cg *G);
int pl_cg_columns(const pl_cg *G);
int pl_cg_rows(const pl_cg *G);

/* The master's last solution per unit into h (its arrays replaced);
 * pl_lp_hint_release frees them. */
void pl_cg_hint(const pl_cg *G, pl_lp_hint *h);
void pl_lp_hint_release(pl_lp_hint *h);

/* A dive from the master's LP optimum to a whole solution (cg.c),
 * within b.  0 with the solution's unit columns in h (its arrays
 * replaced), its escorts' trips in *trips (malloc'd, *n_trips) and its
 * cases' check days in day (per case of P, the others left as they
 * are); else -1 (the budget stopped it, a re-solve stalled, or no
 * whole solution was found) and nothing returned.  The master is left
 * with its own bounds.  With whole, the RINS after the dive frees every
 * column but those both the dive and the LP use. */
int pl_cg_dive(pl_cg *G, const pl_budget *b, bool whole, pl_lp_hint *h, pl_trip **trips, int *n_trips,
	       mp_date *day);

#endif
