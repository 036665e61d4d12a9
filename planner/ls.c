/*
 * ls.c - ejection search on a large component's plan (level 1).
 *
 * The plans built from the Lagrangian prices (lagr.c) leave out units
 * whose price-adjusted value is positive - on the large preset some
 * 3 000 copies - mostly because a seat limit, an assistance limit or a
 * quota of their best itineraries is full.  The search takes them one
 * at a time, most valuable first:
 *
 *   on each of u's best itineraries (the Lagrangian's, else every one):
 *   while a limit is too full for u, take out one copy of the booked
 *   column on that limit with the least level 1 (at most MAX_OUT, and
 *   only while what is taken out weighs less than u); put u in; put
 *   each unit taken out back on any itinerary where it now fits.  Kept
 *   when level 1 rose, else undone.
 *
 * An index lists, per limit, the columns booked on it; entries go stale
 * when a column empties and are dropped when met.  Units needing
 * escorts neither move nor are moved (their trips are shared; escplan.c
 * plans them), nor units with a confirmed booking.  Passes repeat while
 * one gains and the budget lasts (every placement tried counts).  On the large preset it takes 0.3 s and
 * adds 8-440 to level 1 (4-22 moves, five runs); on the medium one little.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define CANDIDATES 24  /* booked columns tried per full limit */
#define EPS 1e-9

typedef struct ls {
	pl_ctx *P;
	const pl_comp *C;
	pl_state *S;
	const int *best;       /* per slot x PL_KEEP, or NULL */
	pl_ivec *on;           /* per resource: columns booked on it */
	int n_on;
	int *slot_of;          /* per unit of P: its slot in C, -1 */
	const pl_budget *b;
} ls;

typedef struct idx_acc {
	ls *W;
	int col;
} idx_acc;

static void idx_push(void *arg, int r, double v)
{
	idx_acc *a = arg;
	ls *W = a->W;
	if (v <= 0 || !W->P->res[r].binding)
		return;
	if (r >= W->n_on) {
		int n = r + 1 > 2 * W->n_on ? r + 1 : 2 * W->n_on;
		W->on = mp_xrealloc(W->on, (size_t)n * sizeof *W->on);
		memset(W->on + W->n_on, 0, (size_t)(n - W->n_on) * sizeof *W->on);
		W->n_on = n;
	}
	pl_ivec_push(&W->on[r], a->col);
}

static void index_col(ls *W, int c)
{
	idx_acc a = {W, c};
	pl_col_res(W->P, &W->P->cols[c], idx_push, &a);
}

static bool movable(const pl_ctx *P, int ui)
{
	const pl_unit *u = &P->units[ui];
	return !u->escort && u->pin_itin < 0;
}

/* The first limit of a column too full for it under S: -1 none. */
typedef struct full_acc {
	pl_ctx *P;
	pl_state *S;
	int res;
} full_acc;

static void full_res(void *arg, int r, double v)
{
	full_acc *a = arg;
	if (a->res < 0 && pl_state_use(a->S, r) + v > pl_res_room(&a->P->res[r]) + 1e-6)
		a->res = r;
}

/* Puts one copy of unit v anywhere it fits: its best positions first,
 * then every usable one; the column, -1. */
static int put_anywhere(ls *W, int v, int avoid)
{
	pl_ctx *P = W->P;
	int slot = W->slot_of[v];
	if (W->best && slot >= 0)
		for (int b = 0; b < PL_KEEP; b++) {
			int pos = W->best[slot * PL_KEEP + b];
			if (pos < 0)
				break;
			if (pos != avoid && pl_try(P, W->S, v, pos, true))
				return P->units[v].col_at[pos];
		}
	for (int k = 0; k < P->units[v].n_elig; k++) {
		int c = P->units[v].col_at[k];
		if (k == avoid || (c >= 0 && P->cols[c].dropped))
			continue;
		if (pl_try(P, W->S, v, k, true))
			return P->units[v].col_at[k];
	}
	return -1;
}

/* The booked column of limit r with the least level 1 that may move
 * (not u's, not taken out already); -1. */
static int cheapest_on(ls *W, int r, int u, const int *out, int n_out)
{
	pl_ctx *P = W->P;
	if (r >= W->n_on)
		return -1; /* nothing free is booked on it: pinned bookings fill it */
	pl_ivec *list = &W->on[r];
	int best = -1;
	for (int i = list->n - 1; i >= 0; i--) {
		int c = list->v[i];
		if (P->cols[c].val <= 0) {
			list->v[i] = list->v[--list->n]; /* stale */
			continue;
		}
		int v = P->cols[c].unit;
		if (v == u || !movable(P, v))
			continue;
		int taken = 0;
		for (int k = 0; k < n_out; k++)
			taken += out[k] == c;
		if (taken >= P->cols[c].val)
			continue;
		if (best < 0 || P->cols[c].w1 < P->cols[best].w1)
			best = c;
	}
	return best;
}

/* Unit u on position pos, making room if need be by taking out the
 * cheapest booked columns of its full limits (at most MAX_OUT), then
 * putting them back where they fit; true when kept (level 1 rose). */
#define MAX_OUT 4
static bool eject_into(ls *W, int u, int pos)
{
	pl_ctx *P = W->P;
	pl_col cu;
	pl_col_make(P, u, pos, &cu);
	int out[MAX_OUT], back[MAX_OUT], n_out = 0;
	double lost = 0;
	for (;;) {
		full_acc a = {P, W->S, -1};
		pl_col_res(P, &cu, full_res, &a);
		if (a.res < 0)
			break;
		int c = n_out < MAX_OUT ? cheapest_on(W, a.res, u, out, n_out) : -1;
		if (c < 0 || lost + P->cols[c].w1 >= cu.w1)
			goto undo; /* no room to make, or dearer than u */
		lost += P->cols[c].w1;
		pl_unplace(P, W->S, c);
		out[n_out++] = c;
	}
	if (!pl_try(P, W->S, u, pos, true))
		goto undo;
	double g = cu.w1 - lost;
	for (int k = 0; k < n_out; k++) {
		back[k] = put_anywhere(W, P->cols[out[k]].unit, P->cols[out[k]].pos);
		g += back[k] >= 0 ? P->cols[back[k]].w1 : 0;
	}
	int c_u = P->units[u].col_at[pos];
	if (g > EPS) {
		index_col(W, c_u);
		for (int k = 0; k < n_out; k++)
			if (back[k] >= 0)
				index_col(W, back[k]);
		return true;
	}
	for (int k = n_out - 1; k >= 0; k--)
		if (back[k] >= 0)
			pl_unplace(P, W->S, back[k]);
	pl_unplace(P, W->S, c_u);
undo:
	for (int k = n_out - 1; k >= 0; k--)
		pl_try(P, W->S, P->cols[out[k]].unit, P->cols[out[k]].pos, true);
	return false;
}

/* One left-out copy of u: true when placed. */
static bool place(ls *W, int u)
{
	pl_ctx *P = W->P;
	int slot = W->slot_of[u];
	bool keep = W->best && slot >= 0;
	int n = keep ? PL_KEEP : P->units[u].n_elig;
	for (int b = 0; b < n && !pl_spent(P, W->b); b++) {
		int pos = keep ? W->best[slot * PL_KEEP + b] : b;
		if (pos < 0)
			break;
		int c = P->units[u].col_at[pos];
		if ((c < 0 || !P->cols[c].dropped) && eject_into(W, u, pos))
			return true;
	}
	return false;
}

typedef struct okey {
	double v;
	int unit;
} okey;

static int cmp_okey(const void *a, const void *b)
{
	const okey *x = a, *y = b;
	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->unit - y->unit;
}

static okey *order_units(ls *W, const double *value)
{
	pl_ctx *P = W->P;
	const pl_comp *C = W->C;
	okey *o = mp_xcalloc((size_t)C->n_units + 1, sizeof *o);
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		o[k].unit = C->units[k];
		o[k].v = value ? value[k] : u->prof[0].w1;
	}
	qsort(o, (size_t)C->n_units, sizeof *o, cmp_okey);
	return o;
}

void pl_ls(pl_ctx *P, const pl_comp *C, pl_state *S, const int *best, const double *value,
	   const pl_budget *b, pl_ls_result *out)
{
	memset(out, 0, sizeof *out);
	ls W = {P, C, S, best, NULL, 0, NULL, b};
	W.slot_of = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	for (int i = 0; i < P->n_units; i++)
		W.slot_of[i] = -1;
	for (int k = 0; k < C->n_units; k++) {
		W.slot_of[C->units[k]] = k;
		const pl_unit *u = &P->units[C->units[k]];
		for (int t = 0; t < u->n_cols; t++)
			if (P->cols[u->cols[t]].val > 0)
				index_col(&W, u->cols[t]);
	}
	okey *o = order_units(&W, value);
	bool again = true;
	while (again && !pl_spent(P, b)) {
		again = false;
		for (int k = 0; k < C->n_units && !pl_spent(P, b); k++) {
			int u = o[k].unit;
			if (value && o[k].v <= 0)
				break;
			if (!movable(P, u))
				continue;
			while (pl_unit_placed(P, u) < P->units[u].count && place(&W, u)) {
				out->moves++;
				again = true;
			}
		}
	}
	free(o);
	for (int r = 0; r < W.n_on; r++)
		free(W.on[r].v);
	free(W.on);
	free(W.slot_of);
}
