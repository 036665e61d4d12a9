/*
 * lagr.h - the volume algorithm on the Lagrangian function of a large
 * component (see lagr.c).
 */
#ifndef PL_LAGR_H
#define PL_LAGR_H

#include "price.h"

typedef struct pl_vol pl_vol;

/* The method's state over F (whose multipliers it moves), from F's
 * current multipliers.  pl_vol_release frees it from pl_hold. */
pl_vol *pl_vol_new(pl_ctx *P, const pl_comp *C, pl_price *F);
void pl_vol_free(pl_vol *V);
pl_release_fn pl_vol_release;

/* Steps until the budget is spent or the method stalls (the step is
 * too small, or the bound is within `gap` of lb, the best plan's
 * level 1); returns true once stalled.  Can be called again to go on. */
bool pl_vol_run(pl_vol *V, double lb, double gap, const pl_budget *b);

/* The best bound found (L at the centre), the iterations so far. */
double pl_vol_bound(const pl_vol *V);
int pl_vol_iterations(const pl_vol *V);

/* Sets F's multipliers to the centre and prices every pair there. */
void pl_vol_at_centre(pl_vol *V);

#endif
