/*
 * lns.c - large-neighbourhood search with GLPK for large components.
 *
 * A component with thousands of units is too big for one integer
 * program, but any few days of it are not.  Starting from the best plan
 * so far (large.c), each step picks a window of departure dates and
 *   - frees the units booked in the window, and the unbooked units that
 *     may travel in it (those the LP's solution puts there first, then
 *     the highest priorities, the longest waiting, up to a cap), and
 *     lets booked ones also move to the LP's itineraries for them;
 *   - fixes everything else: what the fixed units use comes off every
 *     limit's room (res->fixed, restored afterwards);
 *   - lets GLPK solve the window's integer program with the four
 *     levels (solve.c), the current plan of the window as incumbent,
 *     so the result is never worse; a better one replaces it.
 * Windows overlap and cycle over the horizon while the budget lasts,
 * going on where the last call stopped (the cursor); when every window
 * in a row has found nothing they widen by a day (new neighbourhoods),
 * up to MAX_WIDTH days.
 * Among the date windows, spread evenly, go the binding quotas'
 * neighbourhoods: a quota counts arrivals over a month or a week, which
 * no window of a few days holds, so a family booked early in the month
 * cannot give its place to a heavier one that can only travel late.
 * There the freed units are the ones booked on its itineraries of least
 * weight per person and the waiting ones that may use it (the LP's
 * first), each on a few of the quota's itineraries.  On medium tight
 * seeds 1-4 at effort 30 they added 88, 71, 448 and 548 to level 1, on
 * small tight seed 1 36.
 * Units needing escorts booked in the window are freed too, each on
 * where it is and the LP's itineraries (or out), and waiting ones the
 * LP puts in the window, on the LP's itineraries; the trips that carried
 * only freed units are chosen again by the window's model, clear of
 * the escorts' other trips by their turnaround (detach_trips).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define FREE_TARGET 200 /* booked units freed per window, roughly */
#define ESCAPES 6       /* itineraries outside the window a booked unit may move to */
/* Work per window (a constant, so the windows' sequence does not depend
 * on the budget): about a second's worth. */
#define WINDOW_WORK 1e6
#define MAX_WIDTH 6     /* days: windows widen to this when all find nothing */
/* A binding quota's neighbourhood: the units booked on its itineraries
 * of least weight per person, the waiting ones that may use it, each on
 * up to QUOTA_COLS of its itineraries (and the LP's). */
#define QUOTA_BOOKED 120
#define QUOTA_COLS 10
#define QUOTA_WAIT 80

typedef struct lns {
	pl_ctx *P;
	const pl_comp *C;
	pl_state *S;
	mp_date lo, hi;        /* the window */
	int quota;             /* or a quota's neighbourhood: its index, else -1 */
	pl_ivec free_units;
	pl_ivec saved_col;     /* columns whose dropped flag was changed */
	bool *saved_flag;
	bool *want;            /* per eligible position of one unit */
	double *saved_fixed;   /* per resource */
	mp_date *saved_day;    /* per case */
	int cap_waiting;       /* unbooked units freed per window */
	pl_trip *trips;        /* the trips of the freed units, taken out of S */
	int n_trips, cap_trips;
	int *saved_busy;       /* per escort: its busy dates before the window */
	bool *had_need;        /* per trip of S: someone needed it before */
	const pl_lp_hint *lp;  /* the LP's solution, or NULL */
} lns;

static bool in_window(const lns *N, int it)
{
	const pl_itin *t = &N->P->itins[it];
	if (N->quota >= 0) {
		for (int k = 0; k < t->n_quotas; k++)
			if (t->quotas[k] == N->quota)
				return true;
		return false;
	}
	return t->dep_date >= N->lo && t->dep_date <= N->hi;
}

static double lp_in_window(const lns *N, int ui);

/* Booked in the window (every copy), or waiting with a way into it. */
static int classify(const lns *N, int ui)
{
	const pl_ctx *P = N->P;
	const pl_unit *u = &P->units[ui];
	int inside = 0, outside = 0;
	for (int t = 0; t < u->n_cols; t++) {
		const pl_col *c = &P->cols[u->cols[t]];
		if (c->val > 0 && in_window(N, c->itin))
			inside += (int)(c->val + 0.5);
		else if (c->val > 0)
			outside += (int)(c->val + 0.5);
	}
	if (outside > 0)
		return 0;
	if (inside > 0)
		return 1;
	if (u->escort) /* waiting: only where the LP puts it */
		return lp_in_window(N, ui) > 0 ? 2 : 0;
	for (int k = 0; k < u->n_elig; k++)
		if (in_window(N, u->elig[k]))
			return 2;
	return 0;
}

typedef struct wkey {
	double lp;          /* what the LP puts of the unit in the window */
	double weight;
	mp_date ready;
	int unit;
} wkey;

static int cmp_wkey(const void *a, const void *b)
{
	const wkey *x = a, *y = b;
	if (x->lp != y->lp)
		return x->lp > y->lp ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	if (x->ready != y->ready)
		return x->ready < y->ready ? -1 : 1;
	return x->unit - y->unit;
}

/* The share of unit ui the LP puts in the window (0 without the LP). */
static double lp_in_window(const lns *N, int ui)
{
	const pl_lp_hint *h = N->lp;
	double in = 0;
	for (int k = 0; h && k < h->n[ui]; k++)
		if (in_window(N, N->P->units[ui].elig[h->pos[h->first[ui] + k]]))
			in += h->x[h->first[ui] + k];
	return in / N->P->units[ui].count;
}

/* Whether the LP's solution uses unit ui's position pos. */
static bool lp_uses(const lns *N, int ui, int pos)
{
	const pl_lp_hint *h = N->lp;
	for (int k = 0; h && k < h->n[ui]; k++)
		if (h->pos[h->first[ui] + k] == pos)
			return true;
	return false;
}

static double density(const pl_ctx *P, int ui)
{
	return P->units[ui].prof[0].w1 / fmax(1, P->units[ui].prof[0].persons);
}

static int cmp_booked(const void *a, const void *b)
{
	const wkey *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	return x->unit - y->unit;
}

/* The units of the window: booked in it, and the waiting units that may
 * travel in it - first those the LP puts there, then by priority
 * weight per person and readiness - up to cap_waiting.  A quota's
 * neighbourhood frees only the QUOTA_BOOKED booked units of least
 * weight per person: the ones a waiting unit might replace. */
static void pick_units(lns *N)
{
	pl_ctx *P = N->P;
	N->free_units.n = 0;
	wkey *w = mp_xcalloc((size_t)N->C->n_units + 1, sizeof *w);
	wkey *bk = mp_xcalloc((size_t)N->C->n_units + 1, sizeof *bk);
	int nw = 0, nb = 0;
	for (int k = 0; k < N->C->n_units; k++) {
		int ui = N->C->units[k];
		int kind = classify(N, ui);
		if (kind == 1 && N->quota >= 0)
			bk[nb++] = (wkey){0, density(P, ui), 0, ui};
		else if (kind == 1)
			pl_ivec_push(&N->free_units, ui);
		else if (kind == 2)
			w[nw++] = (wkey){lp_in_window(N, ui),
					 density(P, ui), P->cases[P->units[ui].cases[0]].c->ready, ui};
	}
	qsort(bk, (size_t)nb, sizeof *bk, cmp_booked);
	for (int i = 0; i < nb && i < QUOTA_BOOKED; i++)
		pl_ivec_push(&N->free_units, bk[i].unit);
	qsort(w, (size_t)nw, sizeof *w, cmp_wkey);
	for (int i = 0; i < nw && i < (N->quota >= 0 ? QUOTA_WAIT : N->cap_waiting); i++)
		pl_ivec_push(&N->free_units, w[i].unit);
	free(bk);
	free(w);
}

static bool booked(const pl_ctx *P, int ui)
{
	return pl_unit_placed(P, ui) > 0;
}

/* Whether k of n falls on one of `of` points spread evenly. */
static bool spread(int k, int n, int of)
{
	return (k * of) / n != ((k + 1) * of) / n;
}

/* The window's columns of the free units take part (of a quota's
 * neighbourhood QUOTA_COLS spread over its dates and the LP's), and for
 * booked units a few others spread over their eligible itineraries, so
 * a booked unit can make way for one that only fits in the window. */
static void restrict_cols(lns *N)
{
	pl_ctx *P = N->P;
	N->saved_col.n = 0;
	for (int i = 0; i < N->free_units.n; i++) {
		int ui = N->free_units.v[i];
		bool move = booked(P, ui);
		int n = P->units[ui].n_elig, m = 0, j = 0;
		N->want = mp_xrealloc(N->want, ((size_t)n + 1) * sizeof(bool));
		for (int k = 0; k < n; k++)
			m += in_window(N, P->units[ui].elig[k]);
		for (int k = 0; k < n; k++) {
			bool in = in_window(N, P->units[ui].elig[k]), lp = lp_uses(N, ui, k);
			bool take = in && (N->quota < 0 || m <= QUOTA_COLS || spread(j, m, QUOTA_COLS) || lp);
			j += in;
			/* a unit needing escorts: where it is, the LP's, or out */
			N->want[k] = P->units[ui].escort ? lp : take || (move && (spread(k, n, ESCAPES) || lp));
			if (N->want[k])
				pl_col_get(P, ui, k);
		}
		const pl_unit *u = &P->units[ui];
		for (int t = 0; t < u->n_cols; t++) {
			int c = u->cols[t];
			pl_ivec_push(&N->saved_col, c);
			N->saved_flag = mp_xrealloc(N->saved_flag, (size_t)N->saved_col.n * sizeof(bool));
			N->saved_flag[N->saved_col.n - 1] = P->cols[c].dropped;
			if (!N->want[P->cols[c].pos] && P->cols[c].val <= 0)
				P->cols[c].dropped = true;
		}
	}
}

static void restore_cols(lns *N)
{
	for (int i = 0; i < N->saved_col.n; i++)
		N->P->cols[N->saved_col.v[i]].dropped = N->saved_flag[i];
}

/* Escort trips in a window (SPEC 2.11).  The trips that carried only
 * freed units come out of S with their seats, and the window's model
 * chooses trips afresh (model.c's trip columns, covers and turnaround
 * rows); every trip left in S makes its escort busy on its date, so the
 * model's trips keep the turnaround from them (pl_escort_free).  Which
 * units were freed is only known here, so a trip is the window's when
 * its itinerary has covers but, with the free units out, no need. */
static void mark_trips(lns *N)
{
	int nt;
	const pl_trip *tr = pl_state_trips(N->S, &nt);
	N->had_need = mp_xrealloc(N->had_need, ((size_t)nt + 1) * sizeof(bool));
	for (int k = 0; k < nt; k++) {
		int cov, med, need, mneed;
		pl_state_cover(N->S, tr[k].itin, &cov, &med, &need, &mneed);
		N->had_need[k] = need > 0 || mneed > 0;
	}
}

static void detach_trips(lns *N)
{
	pl_ctx *P = N->P;
	N->n_trips = 0;
	int nt;
	const pl_trip *tr = pl_state_trips(N->S, &nt);
	for (int k = nt - 1; k >= 0; k--) {
		int cov, med, need, mneed;
		pl_state_cover(N->S, tr[k].itin, &cov, &med, &need, &mneed);
		if (!N->had_need[k] || need > 0 || mneed > 0)
			continue;
		MP_GROW(N->trips, N->n_trips, N->cap_trips);
		N->trips[N->n_trips++] = tr[k];
		pl_state_drop_trip(P, N->S, k);
		tr = pl_state_trips(N->S, &nt);
	}
	N->saved_busy = mp_xrealloc(N->saved_busy, ((size_t)P->ds->n_escorts + 1) * sizeof(int));
	for (int s = 0; s < P->ds->n_escorts; s++)
		N->saved_busy[s] = P->escorts[s].n_busy;
	for (int k = 0; k < nt; k++) {
		pl_escort *e = &P->escorts[tr[k].escort];
		e->busy = mp_xrealloc(e->busy, (size_t)(e->n_busy + 1) * sizeof *e->busy);
		e->busy[e->n_busy++] = P->itins[tr[k].itin].dep_date;
	}
}

static void restore_busy(lns *N)
{
	for (int s = 0; s < N->P->ds->n_escorts; s++)
		N->P->escorts[s].n_busy = N->saved_busy[s];
}

/* The window's trips into the model's incumbent; false when one has no
 * column there (then the window is not solved). */
static bool trips_incumbent(const lns *N, pl_model *M)
{
	for (int k = 0; k < N->n_trips; k++) {
		bool found = false;
		for (int j = 1; j <= M->n && !found; j++)
			if (M->kind[j] == 'e' && M->e[M->ref[j]].escort == N->trips[k].escort &&
			    M->e[M->ref[j]].itin == N->trips[k].itin)
				M->inc[j] = 1, found = true;
		if (!found)
			return false;
	}
	return true;
}

/* Takes the free units out of S; what remains becomes fixed use. */
static void fix_others(lns *N)
{
	pl_ctx *P = N->P;
	mark_trips(N);
	for (int i = 0; i < N->free_units.n; i++) {
		const pl_unit *u = &P->units[N->free_units.v[i]];
		for (int c = 0; c < u->n_cases; c++)
			N->saved_day[u->cases[c]] = pl_state_day(N->S, u->cases[c]);
		pl_state_unit(P, N->S, N->free_units.v[i], -1);
		for (int c = 0; c < u->n_cases; c++)
			pl_state_put_day(N->S, u->cases[c], N->saved_day[u->cases[c]]);
	}
	detach_trips(N);
	N->saved_fixed = mp_xrealloc(N->saved_fixed, (size_t)(P->n_res + 1) * sizeof(double));
	for (int r = 0; r < P->n_res; r++) {
		N->saved_fixed[r] = P->res[r].fixed;
		P->res[r].fixed += pl_state_use(N->S, r);
	}
}

static void unfix(lns *N)
{
	pl_ctx *P = N->P;
	for (int r = 0; r < P->n_res; r++)
		P->res[r].fixed = N->saved_fixed[r];
}

/* Puts the free units back into S with their (new) check days. */
static void put_back(lns *N)
{
	pl_ctx *P = N->P;
	for (int i = 0; i < N->free_units.n; i++) {
		int ui = N->free_units.v[i];
		const pl_unit *u = &P->units[ui];
		int it = -1;
		for (int t = 0; t < u->n_cols; t++)
			if (P->cols[u->cols[t]].val > 0)
				it = P->cols[u->cols[t]].itin;
		for (int c = 0; c < u->n_cases; c++) {
			int ci = u->cases[c];
			mp_date d = MP_NODATE;
			if (it >= 0 && P->cases[ci].clinic >= 0 && !u->aggregated) {
				d = P->cases[ci].sol_ftt;
				if (d == MP_NODATE)
					d = pl_pick_day(P, N->S, ci, P->itins[it].dep_date);
			}
			pl_state_put_day(N->S, ci, d);
		}
		pl_state_unit(P, N->S, ui, 1);
	}
}

static bool lex_better(const pl_model *M, const double *x, const double *y)
{
	for (int l = 0; l < 4; l++) {
		double a = pl_model_value(M, l, x), b = pl_model_value(M, l, y);
		double tol = 1e-6 * fmax(1, fabs(b));
		if (fabs(a - b) <= tol)
			continue;
		return l <= 1 ? a > b : a < b;
	}
	return false;
}

/* One window: returns true when the plan improved. */
static bool window(lns *N, const pl_budget *b)
{
	pl_ctx *P = N->P;
	pick_units(N);
	if (N->free_units.n == 0)
		return false;
	restrict_cols(N);
	fix_others(N);
	for (int i = 0; i < N->free_units.n; i++) {
		const pl_unit *u = &P->units[N->free_units.v[i]];
		for (int c = 0; c < u->n_cases; c++)
			P->cases[u->cases[c]].sol_ftt = MP_NODATE;
	}
	pl_model *M = pl_model_build(P, N->free_units.v, N->free_units.n, PL_BUILD_WINDOW);
	pl_hold(P, M, pl_release_model);
	pl_model_incumbent(M, N->S);
	bool trips_ok = trips_incumbent(N, M);
	double *start = mp_xcalloc((size_t)M->n + 1, sizeof(double));
	pl_hold(P, start, pl_release_mem);
	memcpy(start, M->inc, (size_t)(M->n + 1) * sizeof(double));
	M->sol = mp_xcalloc((size_t)M->n + 1, sizeof(double));
	double w0 = P->work;
	pl_levels lv = {false, NAN};
	if (trips_ok)
		pl_solve_levels(P, NULL, M, M->inc, b, WINDOW_WORK, &lv);
	bool better = trips_ok && lex_better(M, M->inc, start);
	char what[64];
	if (N->quota >= 0)
		snprintf(what, sizeof what, "quota %s", P->ds->quotas[N->quota].id);
	else
		snprintf(what, sizeof what, "window %d-%d", N->lo - P->as_of, N->hi - P->as_of);
	pl_log(P->req, "planner: %s: %d units, %d columns, level 1 %.10g -> %.10g "
	       "(bound %.10g), %.3g M work", what, N->free_units.n, M->n,
	       pl_model_value(M, 0, start), pl_model_value(M, 0, M->inc), lv.bound,
	       (P->work - w0) / 1e6);
	for (int i = 0; i < N->free_units.n; i++) {
		const pl_unit *u = &P->units[N->free_units.v[i]];
		for (int c = 0; c < u->n_cases; c++) /* days only kept for the incumbent */
			pl_state_put_day(N->S, u->cases[c], MP_NODATE);
	}
	/* the model's trips go to P->trips (the exact path's list): the
	 * window's are taken back from there into S */
	int n0 = P->n_trips;
	pl_model_apply(M, better ? M->inc : start);
	if (trips_ok) {
		N->n_trips = 0;
		for (int k = n0; k < P->n_trips; k++) {
			MP_GROW(N->trips, N->n_trips, N->cap_trips);
			N->trips[N->n_trips++] = P->trips[k];
		}
	}
	P->n_trips = n0;
	pl_unhold(P, start);
	free(start);
	pl_unhold(P, M);
	pl_model_free(M, true);
	unfix(N);
	restore_cols(N);
	restore_busy(N);
	put_back(N);
	for (int k = 0; k < N->n_trips; k++)
		pl_state_add_trip(P, N->S, N->trips[k].escort, N->trips[k].itin);
	return better;
}

static void release_lns(pl_ctx *P, void *p)
{
	lns *N = p;
	(void)P;
	free(N->free_units.v), free(N->saved_col.v), free(N->saved_flag);
	free(N->saved_fixed), free(N->saved_day), free(N->want);
	free(N->trips), free(N->saved_busy), free(N->had_need);
	free(N);
}

static void set_width(pl_lns_cursor *cur, int width)
{
	cur->width = width;
	cur->stride = width > 1 ? width - 1 : 1;
	cur->n_windows = cur->hi >= cur->lo ? (cur->hi - cur->lo) / cur->stride + 1 : 0;
	cur->quiet = 0;
}

/* Every window found nothing: wider ones (a day more, up to
 * MAX_WIDTH) may; false when they are as wide as they go. */
static bool widen(pl_lns_cursor *cur)
{
	if (cur->width >= MAX_WIDTH)
		return false;
	set_width(cur, cur->width + 1);
	cur->w = 0;
	return true;
}

/* The window geometry, once per component: windows as wide as keeps
 * GLPK's programs small, up to 3 days, one on dense components. */
static void cursor_init(pl_ctx *P, const pl_comp *C, pl_lns_cursor *cur)
{
	mp_date lo = INT32_MAX, hi = INT32_MIN;
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int p = 0; p < u->n_elig; p++) {
			mp_date d = P->itins[u->elig[p]].dep_date;
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
	}
	int booked = 0;
	for (int k = 0; k < C->n_units; k++)
		booked += pl_unit_placed(P, C->units[k]) > 0;
	double per_day = (double)booked / (hi >= lo ? hi - lo + 1 : 1);
	int width = per_day > 0 ? (int)(FREE_TARGET / per_day) : 3;
	width = width < 1 ? 1 : width > 3 ? 3 : width;
	cur->lo = lo;
	cur->hi = hi;
	/* unbooked units freed per window: few enough that GLPK settles
	 * most windows within their work (effort 30 with 150 on widths of
	 * 2-3 days: tight medium seeds 1 and 2 100,431 and 94,799, default
	 * medium 114,547; with 80: 100,607, 94,973 and 114,587; with 50 and
	 * 60 much the same, with 300 lower) */
	cur->cap_waiting = width > 1 ? 80 : 60;
	set_width(cur, width);
	/* the binding quotas the component's itineraries count against */
	bool *seen = mp_xcalloc((size_t)P->ds->n_quotas + 1, sizeof(bool));
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int p = 0; p < u->n_elig; p++) {
			const pl_itin *t = &P->itins[u->elig[p]];
			for (int q = 0; q < t->n_quotas; q++)
				seen[t->quotas[q]] = true;
		}
	}
	cur->n_quotas = 0;
	cur->quotas = mp_xcalloc((size_t)P->ds->n_quotas + 1, sizeof(int));
	for (int q = 0; q < P->ds->n_quotas; q++) {
		int r = pl_res_find(P, RK_QPERS, q, 0);
		if (seen[q] && r >= 0 && P->res[r].binding)
			cur->quotas[cur->n_quotas++] = q;
	}
	free(seen);
	cur->ready = true;
}

/* Neighbourhood s of a pass: the quotas' spread evenly among the date
 * windows; sets N's window or quota. */
static void neighbourhood(const pl_lns_cursor *cur, int s, lns *N)
{
	int total = cur->n_windows + cur->n_quotas;
	int before = (int)((long)s * cur->n_quotas / total);
	bool quota = (int)((long)(s + 1) * cur->n_quotas / total) > before;
	N->quota = quota ? cur->quotas[before] : -1;
	N->lo = cur->lo + (quota ? 0 : s - before) * cur->stride;
	N->hi = N->lo + cur->width - 1;
}

void pl_lns(pl_ctx *P, const pl_comp *C, pl_state *S, const pl_budget *b, double bound,
	    pl_lns_cursor *cur, pl_lns_result *out)
{
	memset(out, 0, sizeof *out);
	if (!cur->ready)
		cursor_init(P, C, cur);
	/* on the heap and held: GLPK may fail inside a window */
	lns *W = mp_xcalloc(1, sizeof *W);
	pl_hold(P, W, release_lns);
	W->P = P;
	W->C = C;
	W->S = S;
	W->saved_day = mp_xcalloc((size_t)P->ds->n_cases + 1, sizeof(mp_date));
	W->cap_waiting = cur->cap_waiting;
	W->lp = cur->lp;
	double gap = P->req ? P->req->options.gap : 0;
	while (cur->n_windows > 0 && !pl_spent(P, b)) {
		if (cur->quiet >= cur->n_windows + cur->n_quotas && !widen(cur)) {
			cur->exhausted = true;
			break;
		}
		/* windows also improve levels 2-4: stop early only when level
		 * 1 reached the requested gap and that gap is not zero */
		if (gap > 0 && bound - pl_comp_value(P, C) <= gap * fmax(1, fabs(bound)))
			break;
		neighbourhood(cur, cur->w % (cur->n_windows + cur->n_quotas), W);
		pl_budget wb = pl_budget_work(P, b, WINDOW_WORK);
		bool better = window(W, &wb);
		cur->w++;
		out->windows++;
		out->improved += better;
		cur->quiet = better ? 0 : cur->quiet + 1;
	}
	pl_unhold(P, W);
	release_lns(P, W);
}

void pl_lns_cursor_release(pl_lns_cursor *cur)
{
	free(cur->quotas);
	memset(cur, 0, sizeof *cur);
}

void pl_lns_wake(pl_lns_cursor *cur)
{
	cur->quiet = 0;
	cur->exhausted = false;
}
