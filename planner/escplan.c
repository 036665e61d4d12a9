/*
 * escplan.c - escort trips for a large component, planned before any
 * other unit is placed.
 *
 * The plans built from the Lagrangian prices (lagr.c) create an escort
 * trip whenever a unit needing one is placed and no trip with covers to
 * spare flies its itinerary.  Each trip takes its escort away for the
 * turnaround, so trips created one unit at a time, on each unit's best
 * date, leave half-used trips and urgent families without an escort: on
 * the large preset about 45 persons needing an escort, in families
 * weighing 2 300-3 000 at level 1 (half the distance to the bound), were
 * left out that way, and neither the window search (lns.c) nor the
 * ejection search (ls.c) moves units needing escorts.
 *
 * So the trips are packed first, for the units needing escorts whose
 * persons weigh more than the component's lowest weight (urgent and
 * emergency cases with the default weights; the others take what is
 * left, as before):
 *
 *   repeat: over every itinerary where such a unit needs an escort and
 *   every escort free there (availability, confirmed trips, and the
 *   turnaround from the trips chosen so far), fill the escort's covers
 *   with the heaviest units still out that fit (pl_try: seats,
 *   assistance limits, quotas, check days, with the units chosen
 *   before); keep the trip carrying the most level 1; until no trip
 *   carries anything.
 *
 * A greedy, not an integer program: the LP relaxation of the exact
 * model (21 000 unit columns, 26 000 trip columns on the large preset)
 * took GLPK 5 s with the primal or dual simplex and 23 s with the
 * interior point method, and its branch and bound found no integer
 * solution in 5 s even on the medium preset.  The greedy takes 0.2 s on
 * the large preset and places every emergency and 91 of 132 urgent
 * persons needing an escort (before: 77-88).  large.c builds every plan
 * from prices or the LP both from these trips and units and without
 * them: on the tight profile, where seats bind everywhere, the trips
 * packed first take seats the LP gives to other families, and the plans
 * without them end 1-2 % higher (medium tight seed 1 at effort 30:
 * 100,734 with, 102,608 both ways).
 *
 * The trip carrying the most, taken first wherever it falls, keeps its
 * escort away for the turnaround on both sides of its date: it may cost
 * two lighter trips, and trips a turnaround and a day or two apart waste
 * the escort's days.  Where escorts are few that is most of the loss:
 * 3 escorts for 431 families needing one (medium default seed 45 cut to
 * 30 %, reshaped `escorts`), the greedy's 25 trips carried 8,160 of the
 * 9,328 those families weigh, where GLPK on the trips alone found 8,470
 * in 60 s and CBC 8,700 (bound 9,280).  So a second greedy takes the
 * trip carrying the most per day it takes from its escort (the days
 * within its turnaround, inside the escort's availability, not taken by
 * its other trips yet: a trip next to another takes half as many), and
 * its trips are kept when they carry more: 8,480 there, and the plan at
 * effort 30 34,340 -> 34,592 (docs/optimisation.md section 8).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct xcol {
	int unit, pos, itin, need, need_med;
	double w1;
} xcol;

static double density(const pl_unit *u)
{
	return u->prof[0].w1 / fmax(1, u->prof[0].persons);
}

/* The lowest weight per person among the component's units: units
 * needing escorts above it are the ones planned here. */
static double lowest(const pl_ctx *P, const pl_comp *C)
{
	double lo = INFINITY;
	for (int k = 0; k < C->n_units; k++)
		lo = fmin(lo, density(&P->units[C->units[k]]));
	return lo;
}

static int cmp_xcol(const void *a, const void *b)
{
	const xcol *x = a, *y = b;
	if (x->itin != y->itin)
		return x->itin - y->itin;
	if (x->w1 != y->w1)
		return x->w1 > y->w1 ? -1 : 1;
	return x->unit != y->unit ? x->unit - y->unit : x->pos - y->pos;
}

/* Every (unit, itinerary) where a heavy unit needs an escort, by
 * itinerary then weight. */
static xcol *collect(pl_ctx *P, const pl_comp *C, int *n_out)
{
	double lo = lowest(P, C);
	xcol *x = NULL;
	int n = 0, cap = 0;
	for (int i = 0; i < C->n_units; i++) {
		int ui = C->units[i];
		const pl_unit *u = &P->units[ui];
		if (!u->escort || u->pin_itin >= 0 || density(u) <= lo)
			continue;
		for (int k = 0; k < u->n_elig; k++) {
			int c = u->col_at[k];
			if (c >= 0 && P->cols[c].dropped)
				continue;
			pl_col col;
			pl_col_make(P, ui, k, &col);
			if (col.need <= 0)
				continue;
			MP_GROW(x, n, cap);
			x[n++] = (xcol){ui, k, col.itin, col.need, col.need_med, col.w1};
		}
	}
	if (n > 0)
		qsort(x, (size_t)n, sizeof *x, cmp_xcol);
	*n_out = n;
	return x;
}

typedef struct plan {
	pl_ctx *P;
	const xcol *x;
	int nx;
	int *left;         /* per unit: copies not yet placed */
	pl_state *S;       /* the trips and units chosen so far */
	bool *fits;        /* per column: fits S on its own (this round) */
	double value;      /* level 1 of the units placed */
} plan;

/* Level 1 escort s would carry on the itinerary whose columns are
 * x[from, to): the heaviest units first while covers last. */
static double pack(plan *E, int s, int from, int to, bool commit, pl_escplan *out)
{
	const mp_escort *e = &E->P->ds->escorts[s];
	bool medical = e->kind == MP_ESC_MEDICAL;
	int covers = e->covers;
	double v = 0;
	for (int j = from; j < to && covers > 0; j++) {
		const xcol *c = &E->x[j];
		int n = E->left[c->unit];
		while (n > 0 && c->need <= covers && (c->need_med == 0 || medical) && E->fits[j]) {
			if (commit && !pl_try(E->P, E->S, c->unit, c->pos, true))
				break; /* a limit shared with the units before it */
			covers -= c->need;
			v += c->w1;
			n--;
			if (commit) {
				E->value += c->w1;
				E->left[c->unit]--;
				MP_GROW(out->put, out->n_put, out->cap_put);
				out->put[out->n_put++] = (struct pl_put){c->unit, c->pos};
			}
		}
	}
	return v;
}

/* The columns' val back to 0 (pl_try counted the units placed). */
static void clear_placed(pl_ctx *P, const pl_escplan *out)
{
	for (int k = 0; k < out->n_put; k++)
		P->cols[P->units[out->put[k].unit].col_at[out->put[k].pos]].val -= 1;
}

/* The days escort s could still travel that a trip on day d would
 * take from it: those within its turnaround of d, in its availability,
 * not within the turnaround of its trips already chosen (or of its busy
 * dates). */
static int newly_blocked(const plan *E, int s, mp_date d)
{
	const mp_escort *e = E->P->escorts[s].e;
	int t = pl_turnaround(e), n = 0;
	for (mp_date k = d - t + 1; k <= d + t - 1; k++)
		n += k >= e->available_from && k <= e->available_to &&
		     pl_state_escort_day_free(E->P, E->S, s, k);
	return n < 1 ? 1 : n;
}

/* The greedy: the trip carrying the most (dense: the most per day it
 * takes from its escort), over every itinerary and every escort, until
 * no trip carries anything. */
static void greedy_fill(plan *E, bool dense, pl_escplan *out)
{
	pl_ctx *P = E->P;
	const xcol *x = E->x;
	for (;;) {
		for (int j = 0; j < E->nx; j++)
			E->fits[j] = E->left[x[j].unit] > 0 && pl_try(P, E->S, x[j].unit, x[j].pos, false);
		double best = 0;
		int bs = -1, bfrom = 0, bto = 0;
		for (int j = 0; j < E->nx;) {
			int e = j;
			while (e < E->nx && x[e].itin == x[j].itin)
				e++;
			for (int s = 0; s < P->ds->n_escorts; s++) {
				if (!pl_state_escort_free(P, E->S, s, x[j].itin))
					continue;
				double v = pack(E, s, j, e, false, NULL);
				if (dense && v > 0)
					v /= newly_blocked(E, s, P->itins[x[j].itin].dep_date);
				if (v > best + 1e-9) {
					best = v;
					bs = s, bfrom = j, bto = e;
				}
			}
			j = e;
		}
		if (bs < 0)
			break;
		pl_state_add_trip(P, E->S, bs, x[bfrom].itin);
		pack(E, bs, bfrom, bto, true, out);
		MP_GROW(out->trips, out->n_trips, out->cap_trips);
		out->trips[out->n_trips++] = (pl_trip){bs, x[bfrom].itin, false};
	}
}

static void unplace(plan *E, pl_escplan *out)
{
	clear_placed(E->P, out);
	out->n_put = out->n_trips = 0;
	E->value = 0;
	pl_state_reset(E->P, E->S);
	for (int j = 0; j < E->nx; j++)
		E->left[E->x[j].unit] = E->P->units[E->x[j].unit].count;
}

int pl_escplan_dense;

void pl_escort_plan(pl_ctx *P, const pl_comp *C, pl_escplan *out)
{
	memset(out, 0, sizeof *out);
	plan E = {P, NULL, 0, NULL, pl_state_new(P), NULL, 0};
	xcol *x = collect(P, C, &E.nx);
	E.x = x;
	E.left = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	for (int j = 0; j < E.nx; j++)
		E.left[x[j].unit] = P->units[x[j].unit].count;
	E.fits = mp_xcalloc((size_t)E.nx + 1, sizeof(bool));
	greedy_fill(&E, true, out);
	double vd = E.value;
	unplace(&E, out);
	greedy_fill(&E, false, out);
	pl_log(P->req, "planner: escort trips first: dense %.10g, plain %.10g", vd, E.value);
	if (vd > E.value) {
		/* run again rather than kept from the first run: that one
		 * ran before the plain greedy, and its trips, kept instead,
		 * changed the plans of 7 of 9 missions tried (the figures
		 * measured are of the run again) */
		pl_escplan_dense++;
		unplace(&E, out);
		greedy_fill(&E, true, out);
	}
	free(E.left);
	free(E.fits);
	clear_placed(P, out);
	pl_state_free_esc(P, E.S);
	free(x);
}

void pl_escplan_free(pl_escplan *E)
{
	free(E->trips), free(E->put);
	memset(E, 0, sizeof *E);
}

void pl_escplan_apply(pl_ctx *P, pl_state *S, const pl_escplan *E)
{
	for (int t = 0; t < E->n_trips; t++)
		pl_state_add_trip(P, S, E->trips[t].escort, E->trips[t].itin);
	for (int k = 0; k < E->n_put; k++)
		pl_try(P, S, E->put[k].unit, E->put[k].pos, true);
}
