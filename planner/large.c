/*
 * large.c - a component too large for one integer program: its level 1
 * bound and plan (docs/optimisation.md, section 8).
 *
 * The search is one trajectory in rounds of growing work, k = 0, 1, 2 ...
 * with round k worth ROUND_BASE(size) * 2^k work units, each round in
 * the same order:
 *
 *   1. volume   the volume algorithm (lagr.c) moves the multipliers
 *               (until column generation has solved the LP); plans are
 *               built at its centre's prices;
 *   2. LP       column generation (cg.c) goes on from where it stopped,
 *               seeded the first time with the best plan (as the
 *               starting basis) and each unit's best columns at the
 *               centre; once no column prices out its value is the LP
 *               bound, proven.  Plans: at the master's duals, and by
 *               rounding its solution (units the LP moves whole first);
 *               once proven, where the plans are far below it, one
 *               from a dive in the master (dive_plan);
 *   3. ejection the ejection search (ls.c) on the best plan;
 *   4. windows  the window search (lns.c) on the best plan: GLPK solves
 *               a few days at a time with every level, the windows
 *               going on round after round where they stopped.
 *
 * Every plan from prices or from the LP is built twice: with the escort
 * trips packed first (escplan.c), and without, the units needing escorts
 * then placed in their turn like the others (the better one is kept:
 * packing first lifts the large default preset by about 1,200, and
 * costs the tight profile 1-2 % of level 1, its trips taking seats the
 * LP gives to others).  Round 0 starts with the plain greedy, or with
 * a seed when that is better (solve.c: level 1 of an exact component
 * comes back here, in phases, from its best plan).
 * Work, not time, divides the rounds and their phases (shares of the
 * round's work; what a phase leaves goes to the next),
 * and a round's work does not depend on the budget: the budget only
 * says where the trajectory stops.  So the same input and --effort give
 * the same plan, and more effort never gives a worse level 1 (the best
 * plan is kept across the trajectory).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include "cg.h"
#include "lagr.h"

/* ---- the trajectory's numbers ---- */

/* Round 0's work: two work units per eligible pair, at least 0.2 M
 * (the medium preset: 0.4 M, about 0.4 s; the rounds double). */
#define ROUND_PER_PAIR 2.0
#define ROUND_MIN 2e5
/* Shares of a round: volume steps, column generation, ejection search;
 * the windows get the rest. */
#define SHARE_VOLUME 0.25
#define SHARE_LP 0.35
#define SHARE_EJECT 0.10
/* The ejection search's work on each plan rounded from the LP, at most
 * (it stops at its local optimum, after 0.01 M on the large presets). */
#define EJECT_ON_LP 2e6
/* Column generation on trial beyond this many units.  Its master has
 * about 1-1.5 rows a unit (the large presets' 18,000-20,000 units give
 * 20,000-30,000 rows), and how fast GLPK solves it depends on how many
 * units the LP moves.  So both it and the volume algorithm run for
 * TRIAL_ROUNDS rounds (about 25 s on the large presets); then column
 * generation goes on alone, with both shares, if its bound is the
 * better one or the volume algorithm's is still more than TRIAL_GAP
 * above the master's value (a value the LP reaches: the bound has that
 * much to lose); else the volume algorithm goes on alone.  After three
 * rounds that gap is 17.7 % on the large tight preset, where column
 * generation then proves the LP in about 25 s (the volume algorithm's
 * bound was still 1.1 % above it at 120 s); on the large default one
 * it is 4.1 %, where column generation alone left the bound 1.3 % above
 * the plan at 120 s against the volume algorithm's 0.9 %. */
#define LP_TRIAL_UNITS 8000
double pl_lp_trial_units = LP_TRIAL_UNITS;
#define TRIAL_ROUNDS 3
#define TRIAL_GAP 0.08
/* Columns seeding the master per unit: its best at the centre (one in
 * a big master: columns slow GLPK's every iteration). */
#define SEED_PER_UNIT 3
/* The dive in the master (cg.c) once column generation has proven the
 * LP, when the best plan is more than this share below it, or at all
 * below it in a master of at most DIVE_WHOLE columns (see phase_lp). */
#define DIVE_GAP 0.03
#define DIVE_WHOLE 6000
/* and when the budget has this much left (the RINS's 2 M twice over) */
#define DIVE_WHOLE_ROOM 4e6
/* Before the exact model (solve.c: a component of the small preset's
 * size, whose incumbent comes from here) the dive waits for this many
 * rounds of windows, and runs, whole, only if the plan is then still
 * more than DIVE_EXACT_GAP below the LP.  The exact model's own
 * searches cannot make the moves across the horizon that the dive's
 * LP makes, and GLPK's branch and bound on it finds nothing within the
 * budget: small tight seed 1 reshaped `urgent` ended at 18,702 where
 * CBC on our exported model proves 18,850 in 10 s.  Diving as soon as
 * the LP is proven (round 0, from the greedy's plan) found it too, but
 * moved the windows' trajectory where they had found the optimum
 * themselves: small tight seeds 3 and 5 lost their proofs by one.
 * After two rounds, the default profile's plans are within 0.3 % of
 * the LP and do not dive (small default seed 2 lost its proof when
 * they did); the tight ones and the reshaped ones are 1-5 % below. */
#define DIVE_EXACT_ROUNDS 2
#define DIVE_EXACT_GAP 0.01
double pl_dive_gap = DIVE_GAP;
long pl_dive_stats[6]; /* internal.h */

typedef struct keep {
	int *col;
	double *val;
	int n;
	pl_trip *trips;
	int n_trips;
	mp_date *day;   /* per case of the component, in unit order */
	double value;   /* level 1 */
} keep;

typedef struct large {
	pl_ctx *P;
	const pl_comp *C;
	pl_price F;
	bool big;               /* more units than pl_lp_trial_units */
	bool dive;              /* the dive may run */
	bool exact_next;        /* the exact model follows: the dive waits */
	pl_escplan esc;
	pl_vol *V;
	pl_cg *G;
	pl_state *S;
	keep K;
	int *order;
	double bound;
	pl_lns_cursor lns;
	pl_lp_hint hint;        /* the LP's solution per unit */
	pl_large_result *out;
	const pl_budget *total; /* the component's budget */
} large;

/* The component's budget is spent: a phase it cut stops there, with no
 * plan built from its half-done work - so that a larger budget, going
 * on from the same point, can only do better (the trajectory's plans
 * are the same up to the cut). */
static bool cut(large *W)
{
	return pl_spent(W->P, W->total);
}

/* ---- plans kept ---- */

static void clear_vals(pl_ctx *P, const pl_comp *C)
{
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			P->cols[u->cols[t]].val = 0;
	}
}

static void keep_free(keep *K)
{
	free(K->col), free(K->val), free(K->trips), free(K->day);
	memset(K, 0, sizeof *K);
}

/* The component's plan into K: columns' val, the cases' check days
 * from S (NULL: their sol_ftt), these trips. */
static void keep_from(pl_ctx *P, const pl_comp *C, const pl_state *S, const pl_trip *trips,
		      int n_trips, keep *K)
{
	keep_free(K);
	int nc = 0;
	for (int k = 0; k < C->n_units; k++)
		nc += P->units[C->units[k]].n_cases;
	K->day = mp_xcalloc((size_t)nc + 1, sizeof(mp_date));
	nc = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			if (P->cols[u->cols[t]].val > 0) {
				K->col = mp_xrealloc(K->col, (size_t)(K->n + 1) * sizeof(int));
				K->val = mp_xrealloc(K->val, (size_t)(K->n + 1) * sizeof(double));
				K->col[K->n] = u->cols[t];
				K->val[K->n++] = P->cols[u->cols[t]].val;
			}
		for (int i = 0; i < u->n_cases; i++)
			K->day[nc++] = S ? pl_state_day(S, u->cases[i]) : P->cases[u->cases[i]].sol_ftt;
	}
	K->trips = mp_xcalloc((size_t)n_trips + 1, sizeof *K->trips);
	if (n_trips > 0)
		memcpy(K->trips, trips, (size_t)n_trips * sizeof *trips);
	K->n_trips = n_trips;
	K->value = pl_comp_value(P, C);
}

/* The component's plan (columns' val, S's days and trips) into K. */
static void keep_plan(pl_ctx *P, const pl_comp *C, const pl_state *S, keep *K)
{
	int nt;
	const pl_trip *tr = pl_state_trips(S, &nt);
	keep_from(P, C, S, tr, nt, K);
}

/* K as the component's plan: columns' val, and S rebuilt from it. */
static void apply_plan(pl_ctx *P, const pl_comp *C, const keep *K, pl_state *S)
{
	clear_vals(P, C);
	pl_state_reset(P, S);
	for (int i = 0; i < K->n; i++)
		P->cols[K->col[i]].val = K->val[i];
	int nc = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int i = 0; i < u->n_cases; i++)
			pl_state_put_day(S, u->cases[i], K->day[nc++]);
		pl_state_unit(P, S, C->units[k], 1);
	}
	for (int t = 0; t < K->n_trips; t++)
		pl_state_add_trip(P, S, K->trips[t].escort, K->trips[t].itin);
}

#define RESTORE_PASSES 4

/* Level 2's value in the component: copies on their references. */
static double refs_kept(const pl_ctx *P, const pl_comp *C)
{
	double n = 0;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			if (pl_is_ref(P, u, P->cols[u->cols[t]].pos))
				n += P->cols[u->cols[t]].val;
	}
	return n;
}

/* Puts the unit's copies that sit off its reference itineraries back on
 * one where they fit; returns how many moved. */
static int restore_unit(pl_ctx *P, pl_state *S, int ui)
{
	int moved = 0;
	for (int t = 0; t < P->units[ui].n_cols; t++) {
		int c = P->units[ui].cols[t];
		int pos = P->cols[c].pos;
		if (P->cols[c].val <= 0 || pl_is_ref(P, &P->units[ui], pos))
			continue;
		pl_unplace(P, S, c);
		if (pl_place_on_refs(P, S, ui, 1, true) == 0) {
			pl_try(P, S, ui, pos, true); /* its room is still free */
			continue;
		}
		moved++;
		t = -1; /* pl_col_get may have moved the columns: look again */
	}
	/* a copy left out that fits on its reference again: level 1 gains */
	return moved + pl_place_on_refs(P, S, ui, P->units[ui].count - pl_unit_placed(P, ui), true);
}

/* Level 2 for a whole plan (SPEC 2.12, issue 12): every copy placed off
 * its reference itinerary is put back on it when it fits there in this
 * plan, one at a time; else it stays where it was.  A plan built at
 * prices or from the LP is built from scratch and would move cases
 * nothing forces; this makes those moves only where the new plan needs
 * their room.  Level 1 never drops (the same copies stay placed, and a
 * copy left out that fits on its reference again is placed). */
static void restore_refs(large *W)
{
	pl_ctx *P = W->P;
	/* a copy put back frees room another may need: passes until none
	 * moves (each pass only raises level 2, so they end) */
	for (int pass = 0, moved = 1; moved && pass < RESTORE_PASSES; pass++) {
		moved = 0;
		for (int k = 0; k < W->C->n_units; k++)
			moved += restore_unit(P, W->S, W->C->units[k]);
	}
}

/* The copies off their references, all taken out at once, then each
 * put back on its reference where it fits, the others where they were
 * (else where the greedy finds room): a swap or a chain - two cases
 * that took each other's seats - comes undone, which one copy at a time
 * cannot do (each needs the other's room first).  On the medium preset,
 * a cancellation's scenario left 15 of 42 moved cases that could all
 * go back together.  The caller keeps the plan only if level 1 did not
 * drop. */
static void restore_together(large *W)
{
	pl_ctx *P = W->P;
	int n = 0, cap = 0, *unit = NULL, *pos = NULL;
	for (int k = 0; k < W->C->n_units; k++) {
		int ui = W->C->units[k];
		const pl_unit *u = &P->units[ui];
		bool ref = false;
		for (int j = 0; j < u->n_elig && !ref; j++)
			ref = pl_is_ref(P, u, j);
		for (int t = 0; ref && t < u->n_cols; t++) {
			int c = u->cols[t];
			for (int copy = 0; copy < (int)(P->cols[c].val + 0.5); copy++)
				if (!pl_is_ref(P, u, P->cols[c].pos)) {
					if (n == cap) {
						cap = cap ? 2 * cap : 64;
						unit = mp_xrealloc(unit, (size_t)cap * sizeof *unit);
						pos = mp_xrealloc(pos, (size_t)cap * sizeof *pos);
					}
					unit[n] = ui, pos[n++] = P->cols[c].pos;
				}
		}
	}
	for (int i = 0; i < n; i++)
		pl_unplace(P, W->S, pl_col_get(P, unit[i], pos[i]));
	for (int i = 0; i < n; i++)
		if (pl_place_on_refs(P, W->S, unit[i], 1, true) > 0)
			pos[i] = -1;
	for (int i = 0; i < n; i++)
		if (pos[i] >= 0)
			pl_try(P, W->S, unit[i], pos[i], true);
	pl_greedy(P, W->S, W->C->units, W->C->n_units);
	free(unit), free(pos);
}

/* restore_refs on the plan in S, which stays as it was should a copy
 * put back fail to find its room again (level 1 never drops); then, on
 * the final plan (`together`), the copies off their references put
 * back together, kept when level 1 holds and level 2 gains (after each
 * round's windows it moved the trajectory: medium tight seed 1 ended 1
 * lower at effort 30). */
static void settle_refs(large *W, bool together)
{
	double v = pl_comp_value(W->P, W->C);
	keep K0;
	memset(&K0, 0, sizeof K0);
	keep_plan(W->P, W->C, W->S, &K0);
	restore_refs(W);
	if (pl_comp_value(W->P, W->C) < v - 1e-9 * fmax(1, fabs(v)))
		apply_plan(W->P, W->C, &K0, W->S);
	if (!together) {
		keep_free(&K0);
		return;
	}
	keep_plan(W->P, W->C, W->S, &K0);
	v = pl_comp_value(W->P, W->C);
	double r = refs_kept(W->P, W->C);
	restore_together(W);
	restore_refs(W);
	if (pl_comp_value(W->P, W->C) < v - 1e-9 * fmax(1, fabs(v)) || refs_kept(W->P, W->C) <= r)
		apply_plan(W->P, W->C, &K0, W->S);
	keep_free(&K0);
}

/* Keeps the plan in S when its level 1 beats the best (its moves that
 * nothing forces undone first). */
static void offer(large *W, const char *what)
{
	restore_refs(W);
	double v = pl_comp_value(W->P, W->C);
	if (v > W->K.value + 1e-9 * fmax(1, fabs(v))) {
		keep_plan(W->P, W->C, W->S, &W->K);
		pl_lns_wake(&W->lns);
		pl_log(W->P->req, "planner: %s: level 1 %.10g", what, v);
		pl_progress_comp(W->P, W->C, W->bound);
	}
}

/* ---- plans from prices and from the LP ---- */

/* A phase's budget: work up to `end` (from the round, not from what is
 * left of b), capped by b; b's time. */
static pl_budget phase_budget(const pl_budget *b, double end)
{
	pl_budget pb = *b;
	pb.work_end = fmin(b->work_end, end);
	return pb;
}

static int cmp_order(const void *a, const void *b, void *arg)
{
	const large *W = arg;
	int x = *(const int *)a, y = *(const int *)b;
	const pl_unit *ux = &W->P->units[W->C->units[x]], *uy = &W->P->units[W->C->units[y]];
	/* per copy and person: the value density of the unit */
	double vx = W->F.bestv[x] / fmax(1, ux->prof[0].persons);
	double vy = W->F.bestv[y] / fmax(1, uy->prof[0].persons);
	if (vx != vy)
		return vx > vy ? -1 : 1;
	return x - y;
}

/* Each unit, in the order of its value per person at the current
 * prices, on its best columns, as many copies as fit; then the greedy
 * fills the rest. */
static void place_by_prices(large *W)
{
	pl_ctx *P = W->P;
	const pl_comp *C = W->C;
	for (int k = 0; k < C->n_units; k++)
		W->order[k] = k;
	qsort_r(W->order, (size_t)C->n_units, sizeof(int), cmp_order, W);
	for (int o = 0; o < C->n_units; o++) {
		int slot = W->order[o];
		int ui = C->units[slot];
		for (int b = 0; b < PL_PRICE_KEEP && pl_unit_placed(P, ui) < P->units[ui].count; b++) {
			int pos = W->F.best[slot * PL_PRICE_KEEP + b];
			if (pos < 0)
				break;
			while (pl_unit_placed(P, ui) < P->units[ui].count && pl_try(P, W->S, ui, pos, true))
				;
		}
	}
	pl_greedy(P, W->S, C->units, C->n_units);
}

/* Places every unit, in the order of its value per person at the
 * function's multipliers, on the first of its best-priced columns that
 * fits, with esc the escort trips packed first; the plain greedy fills
 * the rest.  The plan is in the columns' val and S. */
static void price_plan(large *W, bool esc)
{
	pl_ctx *P = W->P;
	const pl_comp *C = W->C;
	pl_state_reset(P, W->S);
	clear_vals(P, C);
	if (esc)
		pl_escplan_apply(P, W->S, &W->esc);
	place_by_prices(W);
}

typedef struct lpcol {
	int slot, pos;
	double x, frac;  /* LP value, its share of the unit's copies */
} lpcol;

static int cmp_lpcol(const void *a, const void *b)
{
	const lpcol *x = a, *y = b;
	if (x->frac != y->frac)
		return x->frac > y->frac ? -1 : 1;
	if (x->slot != y->slot)
		return x->slot - y->slot;
	return x->pos - y->pos;
}
/* Rounds the master's solution (with esc after the escort trips packed
 * first): its columns by the share of their unit they carry, whole ones
 * first, each placed as many times as the
 * LP rounds it up to while it fits; then the plan at the duals' order
 * and the greedy fill the rest. */
static void lp_plan(large *W, bool esc)
{
	pl_ctx *P = W->P;
	const pl_comp *C = W->C;
	const pl_lp_hint *h = &W->hint;
	int n = 0;
	for (int k = 0; k < C->n_units; k++)
		n += h->n[C->units[k]];
	lpcol *v = mp_xcalloc((size_t)n + 1, sizeof *v);
	n = 0;
	for (int k = 0; k < C->n_units; k++) {
		int ui = C->units[k];
		for (int j = h->first[ui]; j < h->first[ui] + h->n[ui]; j++)
			v[n++] = (lpcol){k, h->pos[j], h->x[j], h->x[j] / P->units[ui].count};
	}
	qsort(v, (size_t)n, sizeof *v, cmp_lpcol);
	pl_state_reset(P, W->S);
	clear_vals(P, C);
	if (esc)
		pl_escplan_apply(P, W->S, &W->esc);
	for (int i = 0; i < n; i++) {
		int ui = C->units[v[i].slot];
		int want = (int)ceil(v[i].x - 1e-6);
		for (int c = 0; c < want && pl_unit_placed(P, ui) < P->units[ui].count; c++)
			if (!pl_try(P, W->S, ui, v[i].pos, true))
				break;
	}
	free(v);
	place_by_prices(W);
}

/* The plan at the current prices (and with lp the master's solution
 * rounded) offered twice: with the escort trips packed first, and,
 * when there are any, without. */
static void plans_at_prices(large *W, const char *prices, bool lp)
{
	char what[96];
	for (int esc = 1; esc >= 0 && (esc || W->esc.n_trips > 0); esc--) {
		const char *how = esc ? "" : ", no escort trips first";
		price_plan(W, esc);
		snprintf(what, sizeof what, "plan at %s%s", prices, how);
		offer(W, what);
		if (!lp)
			continue;
		lp_plan(W, esc);
		snprintf(what, sizeof what, "plan rounded from the LP%s", how);
		if (W->big) {
			/* a big component's: the ejection search at once.  The
			 * rounded plan is worse than the best one more often
			 * than not, yet the search lifts it further (large
			 * tight: 392,353 to 396,165); below, on medium and
			 * small instances, it moved level 1 by -25 to +68 */
			pl_budget eb = phase_budget(W->total, W->P->work + EJECT_ON_LP);
			pl_ls_result ls;
			pl_ls(W->P, W->C, W->S, W->F.best, W->F.bestv, &eb, &ls);
			W->out->moves += ls.moves;
			snprintf(what, sizeof what, "plan rounded from the LP%s, ejection search", how);
		}
		offer(W, what);
	}
}

/* A dive in the master from the LP optimum (cg.c), once, when column
 * generation has just proven the LP and the best plan is more than
 * DIVE_GAP below it: the windows, a few days or one quota at a time,
 * cannot make the moves across the whole horizon such data needs
 * (docs/optimisation.md, section 10), the dive's LP makes them.  Its
 * whole solution's escort trips are added, its units placed on their
 * columns with the master's check days, the greedy fills what is left,
 * then the ejection search; each plan offered.  A dive the budget cut
 * gives no plan (a larger budget goes on from the same point); one that
 * ended whole gives its plan even when the budget ran out after it, in
 * its RINS (placing it is cheap; with --time-limit 15 on medium tight
 * seed 13 with big families, dropping it had left 152,744 where the
 * RINS had reached 160,312). */
static void dive_plan(large *W, bool whole)
{
	pl_ctx *P = W->P;
	const pl_comp *C = W->C;
	pl_lp_hint h = {0};
	pl_trip *tr = NULL;
	int nt = 0;
	mp_date *day = mp_xcalloc((size_t)P->ds->n_cases + 1, sizeof *day);
	for (int i = 0; i < P->ds->n_cases; i++)
		day[i] = MP_NODATE;
	pl_hold(P, day, pl_release_mem);
	if (pl_cg_dive(W->G, W->total, whole, &h, &tr, &nt, day) != 0) {
		pl_unhold(P, day);
		free(day);
		pl_lp_hint_release(&h);
		free(tr);
		return;
	}
	pl_unhold(P, day);
	pl_dive_stats[0]++;
	if (cut(W))
		pl_dive_stats[4]++;
	pl_state_wish(W->S, day);
	pl_state_reset(P, W->S);
	clear_vals(P, C);
	for (int t = 0; t < nt; t++)
		if (pl_state_escort_free(P, W->S, tr[t].escort, tr[t].itin))
			pl_state_add_trip(P, W->S, tr[t].escort, tr[t].itin);
	free(tr);
	for (int k = 0; k < C->n_units; k++) {
		int ui = C->units[k];
		for (int j = h.first[ui]; j < h.first[ui] + h.n[ui]; j++)
			for (int c = 0; c < (int)lround(h.x[j]); c++)
				if (pl_unit_placed(P, ui) >= P->units[ui].count || !pl_try(P, W->S, ui, h.pos[j], true))
					pl_dive_stats[1]++;
	}
	pl_lp_hint_release(&h);
	pl_state_wish(W->S, NULL);
	free(day);
	place_by_prices(W);
	offer(W, "plan from the dive in the LP");
	pl_budget eb = phase_budget(W->total, P->work + EJECT_ON_LP);
	pl_ls_result ls;
	pl_ls(P, C, W->S, W->F.best, W->F.bestv, &eb, &ls);
	W->out->moves += ls.moves;
	offer(W, "plan from the dive in the LP, ejection search");
}

/* ---- the phases ---- */

static void phase_volume(large *W, const pl_budget *b)
{
	if (W->G && pl_cg_optimal(W->G))
		return; /* the LP is solved: its duals are the best prices */
	pl_vol_run(W->V, W->K.value, W->P->req ? W->P->req->options.gap : 0, b);
	W->bound = fmin(W->bound, pl_vol_bound(W->V));
	if (cut(W))
		return;
	pl_vol_at_centre(W->V);
	plans_at_prices(W, "the volume algorithm's prices", false);
}

/* The master small enough, and the budget large enough, for the RINS
 * after the dive to free every column (DIVE_WHOLE, DIVE_WHOLE_ROOM). */
static bool whole_master(const large *W)
{
	return pl_cg_columns(W->G) <= DIVE_WHOLE && pl_work_left(W->P, W->total) >= DIVE_WHOLE_ROOM;
}

/* The LP's value, at its floor when level 1 is whole (proven so). */
static double lp_floor(const large *W)
{
	double lp = pl_cg_value(W->G);
	return W->out->integral ? floor(lp + 1e-6) : lp;
}

static void phase_lp(large *W, const pl_budget *b)
{
	pl_ctx *P = W->P;
	if (W->G && pl_cg_optimal(W->G)) {
		/* the dive before the exact model, once, after its rounds */
		if (W->dive && W->exact_next && W->out->rounds >= DIVE_EXACT_ROUNDS) {
			W->dive = false;
			if (W->K.value < (1 - DIVE_EXACT_GAP) * lp_floor(W) && whole_master(W))
				dive_plan(W, true);
		}
		return;
	}
	if (!W->G) {
		W->G = pl_cg_new(P, W->C, &W->F, W->big);
		pl_hold(P, W->G, pl_cg_release_failed);
		apply_plan(P, W->C, &W->K, W->S);
		pl_cg_seed_plan(W->G, W->S);
		pl_vol_at_centre(W->V);
		pl_cg_seed(W->G, W->F.best, PL_PRICE_KEEP, W->big ? 1 : SEED_PER_UNIT);
	}
	int ret = pl_cg_run(W->G, b);
	/* every multiplier priced gave a bound, whether the master's last
	 * solve finished or not */
	W->bound = fmin(W->bound, pl_cg_bound(W->G));
	if (ret != 0)
		return; /* the master's solve stopped: no plan from half-done work */
	if (cut(W))
		return;
	pl_log(P->req, "planner: LP by column generation: %s, value %.10g, bound %.10g; %d rounds, "
	       "%d simplex iterations, %d columns, %d rows", pl_cg_optimal(W->G) ? "optimal" :
	       "going on", pl_cg_value(W->G), pl_cg_bound(W->G), pl_cg_rounds(W->G),
	       pl_cg_iterations(W->G), pl_cg_columns(W->G), pl_cg_rows(W->G));
	pl_cg_hint(W->G, &W->hint);
	W->lns.lp = &W->hint;
	/* the function's multipliers are the master's duals now */
	plans_at_prices(W, "the LP's prices", true);
	/* the LP just proven: one dive, where the plans are far below it */
	if (pl_cg_optimal(W->G) && W->dive && !W->exact_next && !W->big) {
		/* a small master, whole, where the budget holds its RINS:
		 * cut short, that search only moves the windows' start, and
		 * more effort gave a lower plan (small preset seed 1) */
		bool whole = whole_master(W);
		double gap = whole ? fmin(pl_dive_gap, 0) : pl_dive_gap, lp = lp_floor(W);
		if (W->K.value < (1 - gap) * lp - 1e-6 * fmax(1, fabs(lp)))
			dive_plan(W, whole);
	}
}

static void phase_eject(large *W, const pl_budget *b)
{
	apply_plan(W->P, W->C, &W->K, W->S);
	pl_ls_result ls;
	pl_ls(W->P, W->C, W->S, W->F.best, W->F.bestv, b, &ls);
	W->out->moves += ls.moves;
	/* the search only ever raises level 1: a cut one is a prefix of a
	 * longer one, so its plan may be kept */
	offer(W, "ejection search");
}

static void phase_windows(large *W, const pl_budget *b)
{
	apply_plan(W->P, W->C, &W->K, W->S);
	pl_lns_result lr;
	pl_lns(W->P, W->C, W->S, b, W->bound, &W->lns, &lr);
	W->out->windows += lr.windows;
	W->out->improved += lr.improved;
	/* windows improve every level: their plan is kept even at the same
	 * level 1 (their moves that nothing forces undone first) */
	settle_refs(W, false);
	keep_plan(W->P, W->C, W->S, &W->K);
}

/* Column generation's master freed (no longer held). */
static void drop_cg(large *W)
{
	if (W->G) {
		pl_unhold(W->P, W->G);
		pl_cg_free(W->G);
		W->G = NULL;
	}
}

static bool settled(const large *W)
{
	double gap = W->P->req ? W->P->req->options.gap : 0;
	double b = pl_round_bound(GLP_MAX, W->bound, W->out->integral);
	return W->K.value >= b - fmax(1e-9, gap) * fmax(1, fabs(b));
}

static void release_large(pl_ctx *P, void *p)
{
	large *W = p;
	pl_price_release(&W->F);
	pl_escplan_free(&W->esc);
	pl_vol_free(W->V);
	keep_free(&W->K);
	free(W->order);
	pl_lns_cursor_release(&W->lns);
	pl_lp_hint_release(&W->hint);
	(void)P;
	free(W);
}

pl_state *pl_large_solve(pl_ctx *P, const pl_comp *C, const pl_budget *b, bool exact_next,
			const pl_large_seed *seed, pl_large_result *out)
{
	memset(out, 0, sizeof *out);
	out->integral = pl_comp_integral(P, C);
	large *W = mp_xcalloc(1, sizeof *W);
	pl_hold(P, W, release_large);
	W->P = P;
	W->C = C;
	W->out = out;
	W->total = b;
	W->dive = true;
	W->exact_next = exact_next;
	W->order = mp_xcalloc((size_t)C->n_units + 1, sizeof(int));
	pl_price_init(&W->F, P, C);
	W->V = pl_vol_new(P, C, &W->F);
	W->bound = pl_comp_trivial_bound(P, C);
	W->S = pl_state_new(P);
	pl_hold(P, W->S, pl_release_state);
	/* a seed, given in P: the plan to beat */
	keep K0 = {0};
	if (seed)
		keep_from(P, C, NULL, seed->trips, seed->n_trips, &K0); /* the plan in P */
	/* escort trips first, then the plain greedy: the first plan */
	pl_escort_plan(P, C, &W->esc);
	clear_vals(P, C);
	pl_greedy(P, W->S, C->units, C->n_units);
	keep_plan(P, C, W->S, &W->K);
	out->greedy = W->K.value;
	/* a re-plan: the reference plan as far as today's data allows,
	 * the greedy filling the rest, when it is at least as good (a
	 * nightly re-plan of unchanged data starts from last night's plan:
	 * level 1 no lower, no case moved that nothing forces) */
	clear_vals(P, C);
	pl_state_reset(P, W->S);
	if (pl_greedy_refs(P, W->S, C->units, C->n_units) > 0) {
		pl_greedy(P, W->S, C->units, C->n_units);
		double v = pl_comp_value(P, C);
		pl_log(P->req, "planner: the reference plan, refilled: level 1 %.10g (the greedy %.10g)", v,
		       W->K.value);
		if (v >= W->K.value - 1e-9 * fmax(1, fabs(v)))
			keep_plan(P, C, W->S, &W->K);
	}
	apply_plan(P, C, &W->K, W->S);
	if (seed && K0.value > W->K.value + 1e-9 * fmax(1, fabs(K0.value))) {
		keep_free(&W->K);
		W->K = K0;
		memset(&K0, 0, sizeof K0);
		apply_plan(P, C, &W->K, W->S);
	}
	keep_free(&K0);
	double round = fmax(ROUND_MIN, ROUND_PER_PAIR * C->size);
	W->big = C->n_units > pl_lp_trial_units;
	bool trial = W->big, vol = true, lp = true;
	for (int k = 0; !settled(W) && !pl_spent(P, b); k++, round *= 2) {
		/* the phases' work comes from the whole round, whatever is
		 * left of b: a smaller budget only stops the same trajectory
		 * sooner (cap) */
		double w0 = P->work, end = w0 + round;
		clock_t c0 = clock();
		/* shares of the volume algorithm and column generation:
		 * the one that runs alone has both */
		double sv = vol ? (lp ? SHARE_VOLUME : SHARE_VOLUME + SHARE_LP) : 0;
		double sl = lp ? SHARE_VOLUME + SHARE_LP - sv : 0;
		pl_budget pb = phase_budget(b, w0 + round * sv);
		if (vol)
			phase_volume(W, &pb);
		double w1 = P->work;
		clock_t c1 = clock();
		pb = phase_budget(b, w1 + (end - w1) * sl / (1 - sv));
		if (lp)
			phase_lp(W, &pb);
		double w2 = P->work;
		clock_t c2 = clock();
		if (settled(W))
			break;
		pb = phase_budget(b, w2 + (end - w2) * SHARE_EJECT / (1 - SHARE_VOLUME - SHARE_LP));
		phase_eject(W, &pb);
		double w3 = P->work;
		clock_t c3 = clock();
		pb = phase_budget(b, end);
		phase_windows(W, &pb);
		out->rounds++;
		/* work against processor time, for calibrating PL_WORK_* */
		pl_log(P->req, "planner: round %d: volume %.3g M work %.3g s, LP %.3g M %.3g s, "
		       "ejection %.3g M %.3g s, windows %.3g M %.3g s; bound %.10g", k, (w1 - w0) / 1e6,
		       (double)(c1 - c0) / CLOCKS_PER_SEC, (w2 - w1) / 1e6, (double)(c2 - c1) / CLOCKS_PER_SEC,
		       (w3 - w2) / 1e6, (double)(c3 - c2) / CLOCKS_PER_SEC, (P->work - w3) / 1e6,
		       (double)(clock() - c3) / CLOCKS_PER_SEC, W->bound);
		if (W->lns.exhausted && (!lp || pl_cg_optimal(W->G)) && P->work - w0 < 0.01 * round)
			break; /* nothing left that could find more */
		if (trial && k == TRIAL_ROUNDS - 1) {
			/* the trial's end: the better bound goes on alone */
			trial = false;
			double v = W->G && pl_cg_rounds(W->G) > 0 ? pl_cg_value(W->G) : INFINITY;
			if (W->G && (pl_cg_bound(W->G) < pl_vol_bound(W->V) ||
				      pl_vol_bound(W->V) > (1 + TRIAL_GAP) * v)) {
				vol = false;
				pl_log(P->req, "planner: the volume algorithm stops: its bound %.10g, the master's "
				       "value %.10g", pl_vol_bound(W->V), v);
			} else {
				lp = false;
				pl_log(P->req, "planner: column generation stops: the master's value %.10g, the "
				       "volume algorithm's bound %.10g", v, pl_vol_bound(W->V));
				drop_cg(W);
			}
		}
	}
	apply_plan(P, C, &W->K, W->S);
	settle_refs(W, true);
	out->bound = fmax(W->bound, W->K.value);
	out->value = W->K.value;
	out->lp_optimal = W->G && pl_cg_optimal(W->G);
	out->lp_value = W->G ? pl_cg_value(W->G) : NAN;
	out->iterations = pl_vol_iterations(W->V);
	drop_cg(W);
	pl_state *S = W->S;
	pl_unhold(P, S);
	pl_unhold(P, W);
	release_large(P, W);
	pl_hold(P, S, pl_release_state); /* the caller's now, still held */
	return S;
}
