/*
 * cg.c - the LP relaxation of a large component's level 1, solved
 * exactly by column generation (docs/optimisation.md, section 8).
 *
 * The restricted master is the LP of section 6 over the columns found
 * so far, in GLPK:
 *   x[u,k,d]  unit u on its k-th eligible itinerary with check days d
 *             (the cheapest allowed day of each member with a clinic at
 *             the duals when the column was made), 0 <= x <= count;
 *   y[s,t]    escort s flies the trips of schedule t (a set of
 *             itineraries at least its turnaround apart), 0 <= y <= 1;
 *   rows      one per unit (sum x <= count), per binding resource
 *             (seats with escorts, assistance limits, quotas, clinic
 *             days), per itinerary with escort needs (cover and medical
 *             cover: needs - covers of the escorts on it <= spare pinned
 *             covers), per escort (sum y <= 1).
 * Folding the check day into x and the trips into schedules gives the
 * same LP as the compact model's z and e variables with turnaround
 * rows (interval constraints are totally unimodular), so its optimum is
 * the LP bound of the model itself.
 *
 * Rows are added when the first column touching them is: an absent row
 * has dual 0, which is exact because no column of the master uses it.
 * Pricing is the Lagrangian function of price.c at the master's duals:
 * a unit's best value less its row's dual is the reduced cost of its
 * best column, an escort's best schedule less its row's dual that of
 * its best schedule; the function's value there is a valid bound at
 * every iteration (Lasdon), and equals the master's value when no
 * column prices out - the LP optimum, proven.
 *
 * Everything that is not GLPK's is held (pl_hold) while GLPK works: a
 * GLPK failure frees it.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>
#include "cg.h"

#define ADD_PER_UNIT 2     /* columns added per unit and round, at most */
#define RC_TOL 1e-7        /* reduced costs below this (relative) are 0 */
#define PURGE_AGE 2        /* solves a column may stay at 0 before it goes */
#define SMOOTH 0.5         /* weight of the stability centre in pricing */
/* Masters of this many units or more are lean: columns purged (purge)
 * and pricing smoothed (price), as big ones are.  A master of the
 * medium presets (3,600-4,600 units, 5,500-7,700 rows) otherwise grew
 * to 40,000-51,000 columns, over each of which GLPK's primal simplex
 * goes at every iteration: on medium tight seed 21 column generation
 * took about 20 s of a 36 s run at effort 30 and did not finish within
 * --time-limit 30 (its bound there 0.05 % above the LP); lean it takes
 * 70 rounds, 13,835 iterations and 2,919 columns, about 6 s.  A lean
 * medium master is small enough for the whole dive after it (large.c
 * whole_master), which on the tight ones helped most; on missions of 1,300-2,100 cases (medium
 * ones cut to 25-40 % of their cases, seats and quotas with them) that
 * dive is what lean gives: a plain master of 6,000-14,000 columns was
 * too large for it, and level 1 rose on all five (+16 to +243).  Below
 * it (the small presets' 200-300 units) masters stay small and converge
 * in a few rounds. */
#define CG_LEAN_UNITS 800
double pl_cg_lean_units = CG_LEAN_UNITS;
long pl_cg_purged; /* internal.h */

typedef struct cgcol {
	int slot, pos;     /* unit slot in the component, eligible position */
	int days;          /* offset in G->dayres of its members' check-day
			    * resources (one per case of the unit, -1 none) */
	int escort;        /* >= 0: a schedule column of this escort, or
			    * with itin >= 0 its trip on that itinerary */
	int itin;
	int trips;         /* offset in G->trips, and how many */
	int n_trips;
	int age;           /* solves in a row nonbasic at 0 */
	uint64_t key;
} cgcol;

struct pl_cg {
	pl_ctx *P;
	const pl_comp *C;
	pl_price *F;
	glp_prob *lp;
	cgcol *cols; int n_cols, cap_cols;   /* GLPK column j is cols[j - 1] */
	mp_u64map seen;                      /* column key -> index */
	int *dayres; int n_dayres, cap_dayres;
	int *trips; int n_tripv, cap_tripv;
	int *row_unit;     /* per slot */
	int *row_res;      /* per resource */
	int *row_cov, *row_med; /* per itinerary */
	int *row_esc;      /* per escort */
	int n_rows;
	/* scratch for one column */
	int *ind; double *val; int cap_nz;
	/* results */
	double lp_value;   /* the master's value after the last solve */
	double bound;      /* best Lagrangian bound seen at the duals */
	bool optimal;      /* no column priced out: lp_value is the LP bound */
	int rounds, iterations;
	double *xval;      /* per column: the master's solution */
	/* a big master (see cg.h): escorts' trips as columns, a solve the
	 * budget stops keeps its point.  A lean one (big, or of
	 * pl_cg_lean_units units or more): columns purged, and dual
	 * smoothing with the multipliers of the best bound so far (centre)
	 * and the master's duals of the last solve (duals) */
	bool big, lean;
	double *centre, *duals;
	/* a big master's escorts: trip columns z[s,i] (0 <= z <= 1) and a
	 * turnaround row per escort and departure day of its trips */
	mp_u64map erow;    /* (escort, day) -> row */
	pl_ivec *ecols;    /* per escort: its trip columns (cols indices) */
};

/* ---- columns and rows ---- */

static uint64_t key_of(int a, int b, uint64_t h)
{
	return pl_hash_mix(pl_hash_mix(h, a), b);
}

static int add_row(pl_cg *G, double ub)
{
	int i = glp_add_rows(G->lp, 1);
	glp_set_row_bnds(G->lp, i, GLP_UP, 0, ub);
	G->n_rows = i;
	return i;
}

static int res_row(pl_cg *G, int r)
{
	if (!G->row_res[r])
		G->row_res[r] = add_row(G, pl_res_room(&G->P->res[r]));
	return G->row_res[r];
}

static int cov_row(pl_cg *G, int it, bool med)
{
	int *rows = med ? G->row_med : G->row_cov;
	if (!rows[it])
		rows[it] = add_row(G, med ? G->F->med0[it] : G->F->cov0[it]);
	return rows[it];
}

static void push_nz(pl_cg *G, int *n, int row, double v)
{
	for (int k = 1; k <= *n; k++)
		if (G->ind[k] == row) {
			G->val[k] += v;
			return;
		}
	if (*n + 2 > G->cap_nz) {
		G->cap_nz = 2 * (*n + 2);
		G->ind = mp_xrealloc(G->ind, (size_t)G->cap_nz * sizeof *G->ind);
		G->val = mp_xrealloc(G->val, (size_t)G->cap_nz * sizeof *G->val);
	}
	++*n;
	G->ind[*n] = row;
	G->val[*n] = v;
}

typedef struct nzacc {
	pl_cg *G;
	int n;
} nzacc;

static void nz_res(void *arg, int r, double v)
{
	nzacc *a = arg;
	if (v != 0 && a->G->P->res[r].binding)
		push_nz(a->G, &a->n, res_row(a->G, r), v);
}

static int new_col(pl_cg *G, cgcol c, uint64_t key)
{
	MP_GROW(G->cols, G->n_cols, G->cap_cols);
	c.key = key;
	G->cols[G->n_cols++] = c;
	mp_u64map_put(&G->seen, key, G->n_cols - 1);
	int j = glp_add_cols(G->lp, 1);
	return j;
}

/* Unit slot on eligible position pos, its check days those of S (the
 * plan's) or else the cheapest at the current multipliers; returns its
 * GLPK column (an existing one when the master has it already). */
static int add_unit_col(pl_cg *G, int slot, int pos, const pl_state *S)
{
	pl_ctx *P = G->P;
	int ui = G->C->units[slot];
	const pl_unit *u = &P->units[ui];
	pl_col col;
	pl_col_make(P, ui, pos, &col);
	mp_date dep = P->itins[col.itin].dep_date;
	uint64_t h = 1469598103934665603ull;
	int days = G->n_dayres;
	for (int i = 0; i < u->n_cases; i++) {
		double price;
		int ci = u->cases[i], r = -1;
		mp_date day = S ? pl_state_day(S, ci) : MP_NODATE;
		if (P->cases[ci].clinic >= 0 && !u->aggregated)
			r = day != MP_NODATE ? pl_res_get(P, RK_CLINIC, P->cases[ci].clinic, day)
					     : pl_price_day(G->F, ci, dep, &price);
		MP_GROW(G->dayres, G->n_dayres, G->cap_dayres);
		G->dayres[G->n_dayres++] = r;
		h = pl_hash_mix(h, r);
	}
	uint64_t key = key_of(slot, pos, h);
	int old = mp_u64map_get(&G->seen, key);
	if (old >= 0) {
		G->n_dayres = days;
		return old + 1;
	}
	nzacc a = {G, 0};
	push_nz(G, &a.n, G->row_unit[slot] ? G->row_unit[slot]
			 : (G->row_unit[slot] = add_row(G, u->count)), 1);
	pl_col_res(P, &col, nz_res, &a);
	for (int i = 0; i < u->n_cases; i++) {
		int r = G->dayres[days + i];
		if (r >= 0 && P->res[r].binding)
			push_nz(G, &a.n, res_row(G, r), P->cases[u->cases[i]].persons);
	}
	if (col.need > 0)
		push_nz(G, &a.n, cov_row(G, col.itin, false), col.need);
	if (col.need_med > 0)
		push_nz(G, &a.n, cov_row(G, col.itin, true), col.need_med);
	int j = new_col(G, (cgcol){.slot = slot, .pos = pos, .days = days, .escort = -1, .itin = -1}, key);
	glp_set_col_bnds(G->lp, j, GLP_DB, 0, u->count);
	glp_set_obj_coef(G->lp, j, col.w1);
	glp_set_mat_col(G->lp, j, a.n, G->ind, G->val);
	return j;
}

/* Escort s's trip on itinerary it: a seat on each binding leg, its
 * covers off the itinerary's cover rows. */
static void trip_nz(pl_cg *G, int *n, int s, int it)
{
	pl_ctx *P = G->P;
	const mp_escort *e = &P->ds->escorts[s];
	const pl_itin *ip = &P->itins[it];
	for (int l = 0; l < ip->n_legs; l++) {
		int r = pl_res_find(P, RK_SEATS, ip->legs[l], 0);
		if (r >= 0 && P->res[r].binding)
			push_nz(G, n, res_row(G, r), 1);
	}
	push_nz(G, n, cov_row(G, it, false), -e->covers);
	if (e->kind == MP_ESC_MEDICAL)
		push_nz(G, n, cov_row(G, it, true), -e->covers);
}

/* Escort s's schedule of trips t as a column; returns its GLPK column
 * (0 for an empty schedule). */
static int add_sched_col(pl_cg *G, int s, const pl_ivec *t)
{
	if (t->n == 0)
		return 0;
	uint64_t h = 7;
	for (int k = 0; k < t->n; k++)
		h = pl_hash_mix(h, t->v[k]);
	uint64_t key = key_of(-1 - s, t->n, h);
	int old = mp_u64map_get(&G->seen, key);
	if (old >= 0)
		return old + 1;
	nzacc a = {G, 0};
	push_nz(G, &a.n, G->row_esc[s] ? G->row_esc[s] : (G->row_esc[s] = add_row(G, 1)), 1);
	for (int k = 0; k < t->n; k++)
		trip_nz(G, &a.n, s, t->v[k]);
	int first = G->n_tripv;
	for (int k = 0; k < t->n; k++) {
		MP_GROW(G->trips, G->n_tripv, G->cap_tripv);
		G->trips[G->n_tripv++] = t->v[k];
	}
	int j = new_col(G, (cgcol){.slot = -1, .pos = -1, .days = -1, .escort = s, .trips = first, .n_trips = t->n, .itin = -1}, key);
	glp_set_col_bnds(G->lp, j, GLP_DB, 0, 1);
	glp_set_mat_col(G->lp, j, a.n, G->ind, G->val);
	return j;
}

/* ---- a big master's escorts: trips, not schedules ---- */

/* In a big master the escorts' schedule columns tail off: each solve
 * makes another set of trips some escort's best, and 330 escorts add
 * 330 schedules a round for hundreds of rounds.  So there each escort's
 * trips are columns of their own, z[s,i] for itinerary i, with its
 * turnaround as rows: per escort and day d that one of its trips
 * departs on, the trips departing in (d - turnaround, d] sum to at most
 * 1.  Those are the maximal cliques of the trips' intervals [dep,
 * dep + turnaround), an interval graph, so the rows describe the convex
 * hull of the escort's schedules: the same LP as the schedule columns.
 * A row is added with the first trip departing on its day, with the
 * earlier trips it holds. */

static int esc_turn(const pl_cg *G, int s)
{
	int t = G->P->ds->escorts[s].turnaround_days;
	return t > 1 ? t : 1;
}

static uint64_t erow_key(int s, mp_date d)
{
	return pl_hash_mix(pl_hash_mix(0x5eed, s), (uint64_t)d);
}

static int erow_find(const pl_cg *G, int s, mp_date d)
{
	return mp_u64map_get(&G->erow, erow_key(s, d));
}

/* The turnaround row of escort s at day d, made if missing with the
 * trips it holds (in the column scratch: call before filling it). */
static int erow_at(pl_cg *G, int s, mp_date d)
{
	int r = erow_find(G, s, d);
	if (r >= 0)
		return r;
	r = add_row(G, 1);
	mp_u64map_put(&G->erow, erow_key(s, d), r);
	int t = esc_turn(G, s), n = 0;
	const pl_ivec *v = &G->ecols[s];
	for (int k = 0; k < v->n; k++) {
		mp_date dep = G->P->itins[G->cols[v->v[k]].itin].dep_date;
		if (dep <= d && d < dep + t)
			push_nz(G, &n, v->v[k] + 1, 1);
	}
	glp_set_mat_row(G->lp, r, n, G->ind, G->val);
	return r;
}

/* The sum of the turnaround rows' duals over a trip of s departing on
 * dep (rows that exist). */
static double erow_duals(const pl_cg *G, int s, mp_date dep)
{
	double sum = 0;
	for (int d = 0; d < esc_turn(G, s); d++) {
		int r = erow_find(G, s, dep + d);
		if (r >= 0)
			sum += fmax(0, glp_get_row_dual(G->lp, r));
	}
	return sum;
}

static int add_trip_col(pl_cg *G, int s, int it)
{
	uint64_t key = key_of(-1 - s, -1 - it, 11);
	int old = mp_u64map_get(&G->seen, key);
	if (old >= 0)
		return old + 1;
	mp_date dep = G->P->itins[it].dep_date;
	erow_at(G, s, dep);
	nzacc a = {G, 0};
	for (int d = 0; d < esc_turn(G, s); d++) {
		int r = erow_find(G, s, dep + d);
		if (r >= 0)
			push_nz(G, &a.n, r, 1);
	}
	trip_nz(G, &a.n, s, it);
	int j = new_col(G, (cgcol){.slot = -1, .pos = -1, .days = -1, .escort = s, .itin = it}, key);
	pl_ivec_push(&G->ecols[s], j - 1);
	glp_set_col_bnds(G->lp, j, GLP_DB, 0, 1);
	glp_set_mat_col(G->lp, j, a.n, G->ind, G->val);
	return j;
}

/* The trip columns that price out at the master's duals, with the
 * function's multipliers (F's itinerary sums): an escort's trip is worth
 * its covers at the cover rows' multipliers less its seats', less its
 * turnaround rows' duals. */
static void add_priced_trips(pl_cg *G)
{
	pl_ctx *P = G->P;
	const pl_price *F = G->F;
	for (int s = 0; s < P->ds->n_escorts; s++) {
		for (int i = 0; i < P->n_itins; i++) {
			if (!F->want[i] || !pl_escort_free(P, s, i))
				continue;
			double val = pl_price_trip(F, s, i);
			if (val <= RC_TOL * fmax(1, val))
				continue;
			if (val - erow_duals(G, s, P->itins[i].dep_date) > RC_TOL * fmax(1, val))
				add_trip_col(G, s, i);
		}
	}
}

/* ---- the loop ---- */

static double dual(const pl_cg *G, int row)
{
	return row ? fmax(0, glp_get_row_dual(G->lp, row)) : 0;
}

/* The master's duals as the function's multipliers. */
static void take_duals(pl_cg *G)
{
	pl_ctx *P = G->P;
	pl_price *F = G->F;
	for (int r = 0; r < P->n_res; r++)
		F->lam[r] = dual(G, G->row_res[r]);
	for (int i = 0; i < P->n_itins; i++) {
		F->pi[i] = dual(G, G->row_cov[i]);
		F->rho[i] = dual(G, G->row_med[i]);
	}
}

/* Deletes the columns that have been nonbasic at 0 for PURGE_AGE
 * solves in a row (most have a reduced cost of exactly 0: purging only
 * the negative ones left 147,000 on the large tight preset).
 * GLPK's primal simplex spends most of each iteration on every
 * nonbasic column (choosing the entering one and updating its
 * steepest-edge weights), and most columns pricing has ever added stay
 * at 0: on the large tight preset 175,000 columns against 20,000 rows.
 * Deleting nonbasic columns keeps the basis; a column deleted that
 * prices out again later is added again. */
static void purge(pl_cg *G)
{
	int *del = NULL, n_del = 0;
	for (int j = 1; j <= G->n_cols; j++) {
		cgcol *c = &G->cols[j - 1];
		if (glp_get_col_stat(G->lp, j) == GLP_NL)
			c->age++;
		else
			c->age = 0;
		if (c->age >= PURGE_AGE) {
			if (!del)
				del = mp_xcalloc((size_t)G->n_cols + 1, sizeof(int));
			del[++n_del] = j;
		}
	}
	if (n_del == 0)
		return;
	glp_del_cols(G->lp, n_del, del);
	mp_u64map_release(&G->seen);
	mp_u64map_init(&G->seen);
	int n = 0;
	for (int j = 1, k = 1; j <= G->n_cols; j++) {
		if (k <= n_del && del[k] == j) {
			k++;
			continue;
		}
		G->cols[n] = G->cols[j - 1];
		mp_u64map_put(&G->seen, G->cols[n].key, n);
		n++;
	}
	G->n_cols = n;
	pl_cg_purged += n_del;
	for (int e = 0; e < G->P->ds->n_escorts; e++)
		G->ecols[e].n = 0;
	for (int k = 0; k < n; k++)
		if (G->cols[k].itin >= 0)
			pl_ivec_push(&G->ecols[G->cols[k].escort], k);
	free(del);
	free(G->xval); /* its columns moved */
	G->xval = NULL;
}

/* The function at the current multipliers, every pair priced: a bound,
 * kept with its multipliers (the stability centre) when the best. */
static void eval_at(pl_cg *G)
{
	pl_price *F = G->F;
	double pairs0 = F->pairs;
	double v = pl_price_eval(F, true);
	pl_work(G->P, (F->pairs - pairs0) * PL_WORK_PAIR);
	if (v < G->bound) {
		G->bound = v;
		memcpy(G->centre, F->lam, (size_t)F->n_dual * sizeof(double));
	}
}

static int add_priced(pl_cg *G);

/* Pricing, in a big master with dual smoothing (Wentges): the master's
 * duals, taken into F by take_duals, jump about from one solve to the
 * next, and column generation tails off.  So the columns
 * are priced first at a point between the master's duals and the
 * centre (the multipliers of the best bound so far); only when that
 * adds nothing new (a mispricing) at the master's duals themselves,
 * where finding nothing proves the LP optimal.  Every point priced is a
 * bound, so the smoothing also lowers the bound sooner.  Returns the
 * columns added. */
static int price(pl_cg *G)
{
	pl_price *F = G->F;
	size_t n = (size_t)F->n_dual;
	memcpy(G->duals, F->lam, n * sizeof(double));
	if (G->lean && isfinite(G->bound)) {
		for (size_t i = 0; i < n; i++)
			F->lam[i] = SMOOTH * G->centre[i] + (1 - SMOOTH) * G->duals[i];
		eval_at(G);
		int added = add_priced(G);
		if (added > 0)
			return added;
		memcpy(F->lam, G->duals, n * sizeof(double));
	}
	eval_at(G);
	return add_priced(G);
}

/* Adds the columns that price out; returns how many. */
static int add_priced(pl_cg *G)
{
	pl_price *F = G->F;
	int added = 0, n0 = G->n_cols;
	for (int k = 0; k < G->C->n_units; k++) {
		double mu = dual(G, G->row_unit[k]);
		double tol = RC_TOL * fmax(1, fabs(F->bestv[k]));
		for (int b = 0, n = 0; b < PL_PRICE_KEEP && n < ADD_PER_UNIT; b++) {
			int pos = F->best[k * PL_PRICE_KEEP + b];
			if (pos < 0 || F->bestval[k * PL_PRICE_KEEP + b] - mu <= tol)
				break;
			add_unit_col(G, k, pos, NULL);
			n++;
		}
	}
	if (G->big)
		add_priced_trips(G);
	else
		for (int s = 0; s < G->P->ds->n_escorts; s++)
			if (F->esc_val[s] - dual(G, G->row_esc[s]) > RC_TOL * fmax(1, F->esc_val[s]))
				add_sched_col(G, s, &F->esc_trips[s]);
	added = G->n_cols - n0;
	return added;
}

pl_cg *pl_cg_new(pl_ctx *P, const pl_comp *C, pl_price *F, bool big)
{
	pl_cg *G = mp_xcalloc(1, sizeof *G);
	G->P = P;
	G->C = C;
	G->F = F;
	G->big = big;
	G->lean = big || C->n_units >= pl_cg_lean_units;
	mp_u64map_init(&G->erow);
	G->ecols = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof *G->ecols);
	G->lp = glp_create_prob();
	glp_set_obj_dir(G->lp, GLP_MAX);
	mp_u64map_init(&G->seen);
	G->row_unit = mp_xcalloc((size_t)C->n_units + 1, sizeof(int));
	G->row_res = mp_xcalloc((size_t)P->n_res + 1, sizeof(int));
	G->row_cov = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	G->row_med = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	G->row_esc = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(int));
	G->bound = INFINITY;
	G->centre = mp_xcalloc((size_t)F->n_dual + 1, sizeof(double));
	G->duals = mp_xcalloc((size_t)F->n_dual + 1, sizeof(double));
	return G;
}

/* Our memory only (GLPK's is freed by glp_free_env after a failure). */
static void release_ours(pl_cg *G)
{
	free(G->cols), free(G->dayres), free(G->trips);
	mp_u64map_release(&G->seen);
	free(G->row_unit), free(G->row_res), free(G->row_cov), free(G->row_med), free(G->row_esc);
	free(G->ind), free(G->val), free(G->xval);
	free(G->centre), free(G->duals);
	mp_u64map_release(&G->erow);
	for (int s = 0; G->ecols && s < G->P->ds->n_escorts; s++)
		free(G->ecols[s].v);
	free(G->ecols);
	free(G);
}

void pl_cg_release_failed(pl_ctx *P, void *p)
{
	(void)P;
	release_ours(p);
}

void pl_cg_free(pl_cg *G)
{
	if (!G)
		return;
	glp_delete_prob(G->lp);
	release_ours(G);
}

void pl_cg_seed(pl_cg *G, const int *best, int keep, int per_unit)
{
	for (int k = 0; k < G->C->n_units; k++)
		for (int b = 0; b < keep && b < per_unit; b++) {
			int pos = best[k * keep + b];
			if (pos < 0)
				break;
			add_unit_col(G, k, pos, NULL);
		}
}

/* The plan's columns, nonbasic at their upper bounds where the unit
 * is one copy, and its escorts' schedules likewise: with every row's
 * slack basic that is a basis whose solution is the plan, feasible, so
 * the primal simplex starts from the plan's value instead of from 0. */
void pl_cg_seed_plan(pl_cg *G, const pl_state *S)
{
	pl_ctx *P = G->P;
	for (int k = 0; k < G->C->n_units; k++) {
		const pl_unit *u = &P->units[G->C->units[k]];
		for (int t = 0; t < u->n_cols; t++) {
			const pl_col *c = &P->cols[u->cols[t]];
			if (c->val <= 0)
				continue;
			int j = add_unit_col(G, k, c->pos, S);
			if (u->count == 1)
				glp_set_col_stat(G->lp, j, GLP_NU);
		}
	}
	int nt;
	const pl_trip *tr = pl_state_trips(S, &nt);
	if (G->big) {
		for (int t = 0; t < nt; t++)
			glp_set_col_stat(G->lp, add_trip_col(G, tr[t].escort, tr[t].itin), GLP_NU);
		return;
	}
	pl_ivec *sched = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof *sched);
	for (int t = 0; t < nt; t++)
		pl_ivec_push(&sched[tr[t].escort], tr[t].itin);
	for (int s = 0; s < P->ds->n_escorts; s++) {
		int j = add_sched_col(G, s, &sched[s]);
		if (j)
			glp_set_col_stat(G->lp, j, GLP_NU);
		free(sched[s].v);
	}
	free(sched);
}

static double it_cost(const pl_cg *G)
{
	/* a simplex iteration of GLPK on this master, in work units
	 * (about a microsecond each): calibrated on the medium preset */
	if (!G->big)
		return 1 + G->n_rows / 40.0;
	/* the big masters' columns: GLPK's primal simplex goes over every
	 * nonbasic one in each iteration (calibrated on the large presets) */
	return 1 + G->n_rows / 40.0 + G->n_cols / 80.0;
}

int pl_cg_run(pl_cg *G, const pl_budget *b)
{
	pl_ctx *P = G->P;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = P->req && P->req->verbose ? GLP_MSG_ERR : GLP_MSG_OFF;
	smcp.meth = GLP_PRIMAL;
	smcp.presolve = GLP_OFF;
	G->optimal = false;
	while (!pl_spent(P, b)) {
		int it0 = glp_get_it_cnt(G->lp);
		if (pl_debug_glpk_fail == 3 && G->big) {
			pl_debug_glpk_fail = 0;
			glp_set_col_kind(G->lp, G->n_cols + 7, GLP_BV); /* GLPK error */
		}
		smcp.it_lim = pl_iter_limit(P, b, it_cost(G));
		smcp.tm_lim = pl_ms_left(P, b);
		int ret = glp_simplex(G->lp, &smcp);
		int its = glp_get_it_cnt(G->lp) - it0;
		G->iterations += its;
		pl_work_call(P, b, its * it_cost(G), ret);
		if (G->big && (ret == GLP_EITLIM || ret == GLP_ETMLIM))
			break; /* the budget: the solution so far is the plan's */
		if (ret != 0 || glp_get_status(G->lp) != GLP_OPT)
			return ret == 0 ? -1 : ret;
		G->lp_value = glp_get_obj_val(G->lp);
		take_duals(G);
		G->rounds++;
		if (price(G) == 0 || G->bound <= G->lp_value + 1e-9 * fmax(1, fabs(G->lp_value))) {
			/* nothing prices out at the master's duals, or the
			 * bound meets the master's value */
			G->optimal = true;
			break;
		}
		if (G->lean)
			purge(G);
	}
	/* a solve stopped by the budget keeps the primal simplex's feasible
	 * point (the plan's basis and columns at 0 start it feasible) */
	if (glp_get_prim_stat(G->lp) != GLP_FEAS)
		return -1;
	free(G->xval);
	G->xval = mp_xcalloc((size_t)G->n_cols + 1, sizeof(double));
	for (int j = 1; j <= G->n_cols; j++)
		G->xval[j - 1] = glp_get_col_prim(G->lp, j);
	return 0;
}

double pl_cg_bound(const pl_cg *G)
{
	return G->optimal ? fmin(G->bound, G->lp_value + 1e-9 * fmax(1, fabs(G->lp_value))) : G->bound;
}

double pl_cg_value(const pl_cg *G) { return G->lp_value; }
bool pl_cg_optimal(const pl_cg *G) { return G->optimal; }
int pl_cg_rounds(const pl_cg *G) { return G->rounds; }
int pl_cg_iterations(const pl_cg *G) { return G->iterations; }
int pl_cg_columns(const pl_cg *G) { return G->n_cols; }
int pl_cg_rows(const pl_cg *G) { return G->n_rows; }

/* x per column (xval's indexing) into h, per unit. */
static void fill_hint(const pl_cg *G, const double *xv, pl_lp_hint *h)
{
	pl_ctx *P = G->P;
	free(h->first), free(h->n), free(h->pos), free(h->x);
	h->first = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	h->n = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	int total = 0;
	for (int j = 0; j < G->n_cols; j++)
		if (G->cols[j].slot >= 0 && xv && xv[j] > 1e-9) {
			h->n[G->C->units[G->cols[j].slot]]++;
			total++;
		}
	h->pos = mp_xcalloc((size_t)total + 1, sizeof(int));
	h->x = mp_xcalloc((size_t)total + 1, sizeof(double));
	for (int u = 0, at = 0; u < P->n_units; u++) {
		h->first[u] = at;
		at += h->n[u];
		h->n[u] = 0;
	}
	/* columns of one unit and position with different check days add up */
	for (int j = 0; j < G->n_cols; j++) {
		const cgcol *c = &G->cols[j];
		if (c->slot < 0 || !xv || xv[j] <= 1e-9)
			continue;
		int u = G->C->units[c->slot], k = 0;
		while (k < h->n[u] && h->pos[h->first[u] + k] != c->pos)
			k++;
		if (k == h->n[u]) {
			h->pos[h->first[u] + k] = c->pos;
			h->n[u]++;
		}
		h->x[h->first[u] + k] += xv[j];
	}
}

void pl_cg_hint(const pl_cg *G, pl_lp_hint *h)
{
	fill_hint(G, G->xval, h);
}

/* ---- diving ---- */

/* The dive (docs/optimisation.md, section 8, "A dive in the master"):
 * from the LP optimum, round the master's fractional columns up in
 * batches - the escorts' first (one fixes a schedule or a trip: seats
 * and covers on several itineraries at once; left to the end they
 * made most batches infeasible), then the units', the most nearly
 * whole first, at most one per unit or escort a batch - and let the
 * dual simplex re-solve after each batch, until the solution is whole.
 * Rounding a column up raises its lower bound, which keeps the basis
 * dual feasible: a re-solve is a few dozen iterations, and the LP
 * moves the rest of the plan around every decision, across the whole
 * horizon (the windows see a few days at a time).  A column that
 * cannot go up - its rows' least activity, the other columns at their
 * lower bounds, would pass a limit - is rounded down in the same batch
 * instead.  A batch the LP still finds infeasible is taken back and
 * only its first column rounded up; failing that, the most nearly
 * whole column down.  Only the master's columns are used (no pricing
 * in the dive), and its bounds are put back at the end.
 *
 * The tail: once the fractional columns are fewer than DIVE_TAIL of
 * those at the start and no escort's column is among them, they are
 * rounded down all at once (every row a unit's column touches is a
 * limit on its use, so the solution stays feasible).  The last tenth
 * had taken most of the steps and barely moved the value: on medium
 * tight seed 13 with big families, steps 60-513 of 513 moved it from
 * 153,055 to 152,093, 11 of the dive's 16 M work units.
 *
 * Then RINS (Danna, Rothberg and Le Pape; rins.c's, on the master made
 * integer): the columns where the dive's whole solution and the LP
 * optimum agree are fixed and GLPK's branch and bound, with its cut
 * generators, optimises the rest (on that mission 1,200 columns and
 * 1,216 rows after GLPK's presolver).  The dive decides in order and
 * cannot take a decision back; the RINS problem sees all the undecided
 * columns at once.  There the master's value went from 151,748 to
 * 160,312 (CBC, 230 s on the whole master as an integer program:
 * 165,820; GLPK on it found nothing in 120 s with cuts, 135,634
 * without), and level 1 at effort 30 from 159,224 to 163,344.  Without
 * cuts GLPK found 158,350 in 10 s, with them 160,572.  GLPK's root
 * (its LP and first cut rounds) runs before the first callback that
 * could stop it, so the RINS overruns DIVE_RINS_WORK: 4.0-5.9 M work
 * on nine medium tight missions, which freed 730-1,349 columns; a RINS
 * that would free more than DIVE_RINS_FREE is not tried. */
#define DIVE_BATCH 0.05   /* share of the fractional columns a batch rounds up */
#define DIVE_BATCH_MIN 3  /* and at least this many */
#define DIVE_FRAC 1e-6    /* closer to a whole number than this is whole */
#define DIVE_TAIL 0.1     /* this share of the start's fractional columns left: floor them */
#define DIVE_RINS_WORK 2e6 /* the RINS's budget (it overruns it: see above) */
#define DIVE_RINS_FREE 8000 /* columns the RINS may free, at most (see dive_rins) */
/* A re-solve is a stall after max(DIVE_STALL_MIN, rows / 5) iterations
 * (its cap) that did not move the master's value; while they move it,
 * it goes on, DIVE_STALL_ROUNDS caps at most. */
#define DIVE_STALL_MIN 1000
#define DIVE_STALL_ROUNDS 10

typedef struct dfix {
	int j;
	double lb, ub;     /* bounds before the batch */
	bool up;           /* rounded up, else down */
} dfix;

typedef struct dcand {
	int j;
	double score;
} dcand;

static int cmp_dcand(const void *a, const void *b)
{
	const dcand *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->j - y->j;
}

static void set_bnds(glp_prob *lp, int j, double lb, double ub)
{
	glp_set_col_bnds(lp, j, lb == ub ? GLP_FX : GLP_DB, lb, ub);
}

/* The dive's scratch, one block held while GLPK works. */
typedef struct dive {
	pl_cg *G;
	double *lb0, *ub0;   /* per column: the master's bounds */
	double *x;           /* per column: the last solution */
	double *minact;      /* per row: its least activity within the bounds */
	double *rub;         /* per row: its upper bound */
	bool *hit;           /* per slot: a column of it in this batch */
	bool *ehit;          /* per escort: likewise */
	dcand *cand;
	dfix *fix;
	int *ind;            /* one column's rows */
	double *val;
	int max_its;         /* most iterations of one re-solve */
} dive;

/* One dual simplex re-solve within b and at most cap iterations (0 no
 * cap): 1 solved (feasible), 0 the LP is infeasible, -1 stopped by the
 * budget or the cap, or failed. */
static int dive_solve(dive *D, const pl_budget *b, int cap)
{
	pl_cg *G = D->G;
	glp_smcp smcp;
	glp_init_smcp(&smcp);
	smcp.msg_lev = GLP_MSG_OFF;
	smcp.meth = GLP_DUALP;
	smcp.presolve = GLP_OFF;
	/* a solve factorises the basis first, and the dual simplex's
	 * iterations go over every column (its ratio test): 7 ms a solve
	 * and 0.21 ms an iteration on the medium tight preset's masters
	 * (5,500 rows, 19,000 columns) */
	double cost = 1 + G->n_rows / 40.0 + G->n_cols / 260.0;
	pl_work(G->P, 1.3 * G->n_rows);
	int it0 = glp_get_it_cnt(G->lp);
	if (pl_debug_glpk_fail == 4) {
		pl_debug_glpk_fail = 0;
		glp_set_col_kind(G->lp, G->n_cols + 7, GLP_BV); /* GLPK error */
	}
	/* the cap reached while the value still moves: not a stall (the
	 * urgent shape's degenerate master does not move it at all; on
	 * big families, medium tight seed 13, the first re-solve took 1,136
	 * iterations, the cap, and the dive stopped there, whole in 513
	 * steps with this: level 1 157,818 -> 159,224 at effort 30) */
	double v0 = glp_get_obj_val(G->lp);
	int ret, left = pl_iter_limit(G->P, b, cost);
	for (int k = 0;; k++) {
		smcp.it_lim = cap > 0 && left > cap ? cap : left;
		smcp.tm_lim = pl_ms_left(G->P, b);
		ret = glp_simplex(G->lp, &smcp);
		double v = glp_get_obj_val(G->lp);
		if (ret != GLP_EITLIM || cap <= 0 || k + 1 >= DIVE_STALL_ROUNDS ||
		    fabs(v - v0) <= 1e-9 * fmax(1, fabs(v0)))
			break;
		v0 = v;
		left = pl_iter_limit(G->P, b, cost) - (glp_get_it_cnt(G->lp) - it0);
		if (left <= 0 || pl_spent(G->P, b))
			break;
	}
	int its = glp_get_it_cnt(G->lp) - it0;
	G->iterations += its;
	pl_work_call(G->P, b, its * cost, ret);
	if (its > D->max_its)
		D->max_its = its;
	if (ret != 0)
		return -1;
	int st = glp_get_status(G->lp);
	if (st == GLP_OPT)
		return 1;
	return st == GLP_NOFEAS || glp_get_prim_stat(G->lp) == GLP_NOFEAS ? 0 : -1;
}

/* Whether column j's bounds can move to [lb, ub] without a row's least
 * activity passing its bound (then the LP is surely infeasible: this
 * catches most of it without a solve; a unit's row among them, so never
 * past its copies). */
static bool dive_fits(dive *D, int j, double lb, double ub)
{
	glp_prob *lp = D->G->lp;
	double dl = lb - glp_get_col_lb(lp, j), du = ub - glp_get_col_ub(lp, j);
	int len = glp_get_mat_col(lp, j, D->ind, D->val);
	for (int k = 1; k <= len; k++) {
		double a = D->val[k], d = a > 0 ? a * dl : a * du;
		if (d > 0 && D->minact[D->ind[k]] + d > D->rub[D->ind[k]] + 1e-6)
			return false;
	}
	return true;
}

/* Moves column j's bounds to [lb, ub], its rows' least activity with them. */
static void dive_move(dive *D, int j, double lb, double ub)
{
	glp_prob *lp = D->G->lp;
	double dl = lb - glp_get_col_lb(lp, j), du = ub - glp_get_col_ub(lp, j);
	int len = glp_get_mat_col(lp, j, D->ind, D->val);
	for (int k = 1; k <= len; k++)
		D->minact[D->ind[k]] += D->val[k] > 0 ? D->val[k] * dl : D->val[k] * du;
	set_bnds(lp, j, lb, ub);
}

/* RINS from the dive's whole solution D->x (the comment above): the
 * columns where it and the LP optimum agree are fixed, and GLPK, cuts
 * on, optimises the rest under "better than D->x"; D->x improved in
 * place when found.  The master's bounds must be its own again. */
static void dive_rins(dive *D, const pl_budget *b, bool whole)
{
	pl_cg *G = D->G;
	pl_ctx *P = G->P;
	glp_prob *lp = G->lp;
	int n = G->n_cols;
	double *xlp = mp_xcalloc((size_t)n + 1, sizeof(double));
	double v = 0, v1 = 0, w0 = P->work;
	bool integral = true;
	int n_free = 0;
	for (int j = 1; j <= n; j++) {
		double c = glp_get_obj_coef(lp, j);
		xlp[j] = G->xval[j - 1];
		/* a small master: every column free but those both put in
		 * use (the comment above) */
		if (whole && xlp[j] < 1e-6 && D->x[j] < 1e-6)
			xlp[j] = -1;
		v += c * D->x[j];
		integral &= c == floor(c);
		n_free += fabs(xlp[j] - D->x[j]) >= 1e-6;
	}
	pl_hold(P, xlp, pl_release_mem);
	pl_budget rb = pl_budget_work(P, b, DIVE_RINS_WORK);
	/* GLPK's root runs before a callback could stop it: a problem much
	 * larger than those measured would overrun the budget many times */
	pl_found r = n_free > DIVE_RINS_FREE ? PL_LIMIT
		     : pl_rins_prob(P, lp, xlp, D->x, v, integral, true, INT_MAX, &rb);
	pl_dive_stats[5] += whole;
	for (int j = 1; j <= n; j++)
		v1 += glp_get_obj_coef(lp, j) * D->x[j];
	if (r == PL_FOUND) {
		pl_dive_stats[2]++;
		pl_dive_stats[3] += lround(v1 - v);
	}
	pl_log(P->req, "planner: dive: RINS on %d columns%s %s, value %.10g -> %.10g, %.3g M work", n_free,
	       whole ? " (the whole master)" : "",
	       r == PL_FOUND ? "improved" : r == PL_NONE ? "found nothing better"
	       : n_free > DIVE_RINS_FREE ? "not tried (too many)" : "stopped", v, v1, (P->work - w0) / 1e6);
	pl_unhold(P, xlp);
	free(xlp);
}

int pl_cg_dive(pl_cg *G, const pl_budget *b, bool whole, pl_lp_hint *h, pl_trip **trips, int *n_trips,
	       mp_date *day)
{
	pl_ctx *P = G->P;
	glp_prob *lp = G->lp;
	int n = G->n_cols, m = G->n_rows;
	size_t nu = (size_t)G->C->n_units + 1, nn = (size_t)n + 1, nm = (size_t)m + 1;
	char *mem = mp_xcalloc(1, nn * (3 * sizeof(double) + sizeof(dcand) + sizeof(dfix)) +
			       nm * (3 * sizeof(double) + sizeof(int)) + nu * sizeof(bool) +
			       (size_t)P->ds->n_escorts + 1);
	pl_hold(P, mem, pl_release_mem);
	dive D = {.G = G};
	D.lb0 = (double *)mem, D.ub0 = D.lb0 + nn, D.x = D.ub0 + nn;
	D.minact = D.x + nn, D.rub = D.minact + nm, D.val = D.rub + nm;
	D.cand = (dcand *)(D.val + nm);
	D.fix = (dfix *)(D.cand + nn);
	D.ind = (int *)(D.fix + nn);
	D.hit = (bool *)(D.ind + nm);
	D.ehit = D.hit + nu;
	for (int i = 1; i <= m; i++)
		D.rub[i] = glp_get_row_ub(lp, i);
	for (int j = 1; j <= n; j++) {
		D.lb0[j] = glp_get_col_lb(lp, j);
		D.ub0[j] = glp_get_col_ub(lp, j);
		int len = glp_get_mat_col(lp, j, D.ind, D.val);
		for (int k = 1; k <= len; k++)
			D.minact[D.ind[k]] += D.val[k] * (D.val[k] > 0 ? D.lb0[j] : D.ub0[j]);
	}
	int ret = dive_solve(&D, b, 0) == 1 ? 0 : -1;
	D.max_its = 0; /* the re-solves', after the first */
	/* a re-solve this long that has not moved the value is a stall (a
	 * dual degenerate master: the urgent shape took 12,000 iterations
	 * a step, 2 ms each, where the others take at most 330, 2,458 with
	 * big families): the dive stops (dive_solve) */
	int stall = (int)fmax(DIVE_STALL_MIN, m / 5.0);
	int steps = 0, it0 = G->iterations, nc0 = -1, n_infeas = 0, n_down = 0;
	bool floored = false;
	clock_t c0 = clock();
	double w0 = P->work;
	while (ret == 0) {
		steps++;
		int nc = 0;
		for (int j = 1; j <= n; j++) {
			double v = glp_get_col_prim(lp, j);
			double f = v - floor(v);
			D.x[j] = v;
			if (f <= DIVE_FRAC || f >= 1 - DIVE_FRAC)
				continue;
			/* the escorts' columns first (above) */
			D.cand[nc++] = (dcand){j, G->cols[j - 1].escort >= 0 ? f + 2 : f};
		}
		if (nc0 < 0)
			nc0 = nc;
		if (nc == 0)
			break; /* whole */
		qsort(D.cand, (size_t)nc, sizeof *D.cand, cmp_dcand);
		if (nc <= DIVE_TAIL * nc0 && D.cand[0].score < 1.5) {
			floored = true; /* the tail, no escort's column in it */
			break;
		}
		/* a batch: up to its share of the columns, most nearly whole
		 * first, at most one of a unit, none that would surely make
		 * the LP infeasible with the others */
		int want = (int)fmax(ceil(nc * DIVE_BATCH), DIVE_BATCH_MIN), nf = 0, nup = 0;
		memset(D.hit, 0, nu * sizeof(bool));
		memset(D.ehit, 0, (size_t)P->ds->n_escorts * sizeof(bool));
		for (int k = 0; k < nc && nup < want; k++) {
			int j = D.cand[k].j;
			const cgcol *c = &G->cols[j - 1];
			double lb = glp_get_col_lb(lp, j), ub = glp_get_col_ub(lp, j), up = ceil(D.x[j]);
			if (c->slot >= 0 && D.hit[c->slot])
				continue;
			if (c->escort < 0 && D.cand[0].score > 1.5)
				break; /* the escorts' first */
			if (c->escort >= 0 && D.ehit[c->escort])
				continue;
			if (!dive_fits(&D, j, up, ub)) {
				/* it cannot go up with what is fixed: down */
				D.fix[nf++] = (dfix){j, lb, ub, false};
				dive_move(&D, j, lb, fmax(lb, floor(D.x[j])));
				n_down++;
				continue;
			}
			if (c->slot >= 0)
				D.hit[c->slot] = true;
			else
				D.ehit[c->escort] = true;
			D.fix[nf++] = (dfix){j, lb, ub, true};
			nup++;
			dive_move(&D, j, up, ub);
		}
		int st = nf > 0 ? dive_solve(&D, b, stall) : 0;
		if (st == 0) {
			/* take the batch back; its first column alone up,
			 * else the most nearly whole column down */
			n_infeas++;
			for (int k = nf - 1; k >= 0; k--)
				dive_move(&D, D.fix[k].j, D.fix[k].lb, D.fix[k].ub);
			int first = 0;
			while (first < nf && !D.fix[first].up)
				first++;
			if (first < nf && nf > 1) {
				int j = D.fix[first].j;
				dive_move(&D, j, ceil(D.x[j]), D.fix[first].ub);
				st = dive_solve(&D, b, stall);
				if (st == 0)
					dive_move(&D, j, D.fix[first].lb, D.fix[first].ub);
			}
			if (st == 0) {
				int j = nf > 0 ? D.fix[0].j : D.cand[0].j;
				double lb = glp_get_col_lb(lp, j);
				dive_move(&D, j, lb, fmax(lb, floor(D.x[j])));
				st = dive_solve(&D, b, stall);
			}
		}
		if (st != 1)
			ret = -1; /* the budget, or nothing whole below */
	}
	pl_log(P->req, "planner: dive: %s, %d steps (%d infeasible), %d columns rounded down, %d fractional "
	       "at the start, %d simplex iterations (at most %d a solve), %.3g M work, %.3g s, value %.10g",
	       ret == 0 ? "whole" : "stopped", steps, n_infeas, n_down, nc0, G->iterations - it0, D.max_its,
	       (P->work - w0) / 1e6, (double)(clock() - c0) / CLOCKS_PER_SEC, glp_get_obj_val(lp));
	/* the solution, whole, and the master's own bounds back */
	for (int j = 1; j <= n; j++) {
		double v = glp_get_col_prim(lp, j);
		D.x[j] = floored ? floor(v + DIVE_FRAC) : round(v);
		set_bnds(lp, j, D.lb0[j], D.ub0[j]);
	}
	if (ret == 0 && G->xval)
		dive_rins(&D, b, whole);
	if (ret == 0) {
		fill_hint(G, D.x + 1, h);
		*n_trips = 0;
		*trips = NULL;
		int cap = 0;
		for (int j = 0; j < n; j++) {
			const cgcol *c = &G->cols[j];
			if (D.x[j + 1] < 0.5)
				continue;
			if (c->slot >= 0) {
				const pl_unit *u = &P->units[G->C->units[c->slot]];
				for (int i = 0; i < u->n_cases; i++)
					if (G->dayres[c->days + i] >= 0)
						day[u->cases[i]] = P->res[G->dayres[c->days + i]].b;
			}
			if (c->escort < 0)
				continue;
			int k0 = c->itin >= 0 ? 0 : c->trips, k1 = c->itin >= 0 ? 1 : c->trips + c->n_trips;
			for (int k = k0; k < k1; k++) {
				MP_GROW(*trips, *n_trips, cap);
				(*trips)[(*n_trips)++] = (pl_trip){.escort = c->escort,
								   .itin = c->itin >= 0 ? c->itin : G->trips[k]};
			}
		}
	}
	pl_unhold(P, mem);
	free(mem);
	return ret;
}

void pl_lp_hint_release(pl_lp_hint *h)
{
	free(h->first), free(h->n), free(h->pos), free(h->x);
	memset(h, 0, sizeof *h);
}
