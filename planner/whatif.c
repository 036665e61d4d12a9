/*
 * whatif.c - `movplan whatif CASE` (decide.h): the few smallest changes
 * of the data, each alone enough to put an unassigned case in the plan,
 * ranked by what they cost the rest of it.
 *
 * The elastic model (docs/decisions.md, section 3):
 *  1. A copy of the data is widened around the case: its own dates
 *     (ready, visa, documents, medical) no longer exclude anything, and
 *     the limits its itineraries touch (seats and assistance limits of
 *     their flights, their quotas, its clinic's capacity, every escort's
 *     availability) are raised by what the case could need.
 *  2. On that copy, the complete integer program of the case's component
 *     (model.c, every row) is restricted: the case is forced in, every
 *     other case the plan books stays booked (on any of its itineraries),
 *     every other case the plan leaves out stays out, and each limit the
 *     case touches gets back its real bound with a penalised slack column.
 *     A column of the case that needs one of its dates moved costs the
 *     days moved; an escort trip outside the escort's availability the
 *     days outside; another case on other flights than the plan's a move.
 *  3. GLPK finds the cheapest change; a cut forbids that set of changes
 *     (and every larger one) and the next is found, until enough.
 *  4. Each proposal is applied to the real data and checked by a full
 *     re-plan (mp_plan_build, the stored plan as reference): confirmed
 *     when the re-plan books the case.  What the proposal costs the rest
 *     is measured on that re-plan: cases dropped, moved, added.
 * Confirmed bookings stay pinned throughout (they are fixed columns).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decide_int.h"

#define PEN_UNIT 10.0      /* a seat, an assistance place, a quota person or case, a clinic place */
#define PEN_CHANGE 20.0    /* each limit, date or escort changed */
#define PEN_DAY 1.0        /* each day a date moves */
#define PEN_MEDICAL 200.0  /* a pending medical cleared */
#define PEN_MOVE 5.0       /* another case on other flights */
#define MAX_SLACK 999.0
#define SOLVE_MS 20000

const char *const mp_whatif_status_names[4] = {"booked", "history", "options", "none"};

/* Own-date changes a column of the case needs (bits by mp_change_kind). */
#define OWN_KINDS ((1u << MP_CH_READY) | (1u << MP_CH_VISA) | (1u << MP_CH_DOCUMENT) | \
		   (1u << MP_CH_MEDICAL_VALID) | (1u << MP_CH_MEDICAL_CLEARED) |    \
		   (1u << MP_CH_MEDICAL_DEFERRED))

typedef struct wctx {
	const mp_decide_request *dr;
	const mp_dataset *ds;     /* the real data */
	const mp_case *c;         /* the case, in ds */
	int ci;                   /* its index (the same in the copy) */
	mp_dataset wide;          /* the widened copy */
	pl_nbh N;
	int tu;                   /* its unit in N */
	int *slack, *ind;         /* per resource: slack and indicator columns, 0 */
	int *esc_ind;             /* per escort: indicator column, 0 */
	mp_whatif_option *cand; int n_cand, cap_cand;
	bool cut;                 /* the first search stopped at its time limit empty-handed */
	int rows, cols;           /* the elastic model's size, for that message */
} wctx;

/* ---- 1. the widened copy ---- */

/* Most seats the case (and the escorts it needs) could take on a leg. */
static int seat_bound(const wctx *W, int max_stretcher)
{
	int n = 0;
	for (int i = 0; i < W->c->n_members; i++)
		n += (W->c->members[i].ssr >> MP_SSR_STCR) & 1u ? max_stretcher : 1;
	return n + W->c->n_members; /* escorts: at most one per member */
}

static void widen_limits(wctx *W, const pl_ctx *P0, int ci)
{
	const pl_case *pc = &P0->cases[ci];
	mp_dataset *w = &W->wide;
	int persons = W->c->n_members;
	if (pc->route < 0)
		return;
	const pl_route *r = &P0->routes[pc->route];
	char *fseen = mp_xcalloc((size_t)w->n_flights + 1, 1), *qseen = mp_xcalloc((size_t)w->n_quotas + 1, 1);
	for (int i = 0; i < r->n_itins; i++) {
		const pl_itin *it = &P0->itins[r->itins[i]];
		for (int l = 0; l < it->n_legs; l++)
			fseen[it->legs[l]] = 1;
		for (int q = 0; q < it->n_quotas; q++)
			qseen[it->quotas[q]] = 1;
	}
	for (int f = 0; f < w->n_flights; f++) {
		if (!fseen[f])
			continue;
		mp_flight *fl = &w->flights[f];
		fl->seats += seat_bound(W, fl->stretcher_seats);
		for (int k = 0; k < MP_N_SSR; k++)
			if (fl->limits[k] != MP_ABSENT)
				fl->limits[k] += persons;
	}
	for (int q = 0; q < w->n_quotas; q++)
		if (qseen[q]) {
			w->quotas[q].max_persons += persons;
			if (w->quotas[q].max_cases != MP_ABSENT)
				w->quotas[q].max_cases += 1;
		}
	mp_clinic *cl = W->c->clinic ? mp_dataset_clinic(w, W->c->clinic) : NULL;
	if (cl)
		cl->capacity_per_day += persons;
	free(fseen);
	free(qseen);
}

static void widen_own(wctx *W, mp_date as_of, mp_date horizon_end)
{
	mp_case *k = &W->wide.cases[W->ci];
	if (k->ready != MP_NODATE && k->ready > as_of + 1)
		k->ready = as_of + 1;
	k->visa_expires = MP_NODATE;
	for (int i = 0; i < k->n_members; i++)
		k->members[i].document.expires = MP_NODATE;
	if (k->medical == MP_MED_PENDING)
		k->medical = MP_MED_CLEARED;
	k->medical_valid_until = MP_NODATE;
	if (k->medical == MP_MED_DEFERRED)
		k->medical_deferred_until = as_of;
	for (int s = 0; s < W->wide.n_escorts; s++) {
		W->wide.escorts[s].available_from = as_of + 1;
		W->wide.escorts[s].available_to = horizon_end;
	}
}

static void widen(wctx *W, mp_errors *errs)
{
	pl_ctx P0;
	pl_ctx_init(&P0, W->ds, NULL, errs);
	pl_pinned_prepare(&P0, NULL);
	mp_dataset_copy(&W->wide, W->ds);
	widen_limits(W, &P0, W->ci);
	widen_own(W, P0.as_of, P0.horizon_end);
	pl_ctx_release(&P0);
}

/* ---- 2. the restricted elastic model ---- */

/* The data's own limit of resource r (indexes are the same in the copy). */
static double real_limit(const wctx *W, const pl_res *x)
{
	const mp_dataset *ds = W->ds;
	switch (x->kind) {
	case RK_SEATS: return ds->flights[x->a].seats;
	case RK_SSR: return ds->flights[x->a].limits[x->b];
	case RK_QPERS: return ds->quotas[x->a].max_persons;
	case RK_QCASES: return ds->quotas[x->a].max_cases;
	default: return ds->clinics[x->a].capacity_per_day;
	}
}

static void mark_res(void *arg, int r, double v)
{
	(void)v;
	((char *)arg)[r] = 1;
}

/* Resources the case's columns touch (check days included). */
static char *touched(wctx *W)
{
	pl_ctx *P = &W->N.P;
	char *t = mp_xcalloc((size_t)P->n_res + 1, 1);
	const pl_unit *u = &P->units[W->tu];
	for (int k = 0; k < u->n_cols; k++) {
		const pl_col *col = &P->cols[u->cols[k]];
		pl_col_res(P, col, mark_res, t);
		for (int i = 0; i < u->n_cases; i++) {
			int res[3], clinic = P->cases[u->cases[i]].clinic;
			int n = clinic < 0 ? 0 : pl_check_res(P, clinic, P->itins[col->itin].dep_date, res);
			for (int d = 0; d < n; d++)
				if (res[d] < P->n_res)
					t[res[d]] = 1;
		}
		u = &P->units[W->tu];
	}
	return t;
}

static int add_col(glp_prob *lp, int kind, double lo, double hi, double cost)
{
	int j = glp_add_cols(lp, 1);
	glp_set_col_kind(lp, j, kind);
	if (kind != GLP_BV)
		glp_set_col_bnds(lp, j, hi > lo ? GLP_DB : GLP_FX, lo, hi);
	glp_set_obj_coef(lp, j, cost);
	return j;
}

/* row: a[0] x[j0] + a[1] x[j1] <= ub */
static void add_row2(glp_prob *lp, int j0, double a0, int j1, double a1, double ub)
{
	int i = glp_add_rows(lp, 1);
	int ind[3] = {0, j0, j1};
	double val[3] = {0, a0, a1};
	glp_set_mat_row(lp, i, 2, ind, val);
	glp_set_row_bnds(lp, i, GLP_UP, 0, ub);
}

/* The real bounds back, with a slack column and its indicator on every
 * limit the case touches. */
static void limits_elastic(wctx *W, pl_model *M)
{
	pl_ctx *P = &W->N.P;
	char *t = touched(W);
	W->slack = mp_xcalloc((size_t)P->n_res + 1, sizeof(int));
	W->ind = mp_xcalloc((size_t)P->n_res + 1, sizeof(int));
	for (int k = 0; k < M->res_rows.n; k++) {
		int r = M->res_rows.v[k];
		const pl_res *x = &P->res[r];
		double lim = real_limit(W, x);
		glp_set_row_bnds(M->lp, x->row, GLP_UP, 0, x->fixed > lim ? x->fixed : lim);
		if (!t[r])
			continue;
		int s = add_col(M->lp, GLP_IV, 0, MAX_SLACK, PEN_UNIT);
		int ind[2] = {0, x->row};
		double val[2] = {0, -1};
		glp_set_mat_col(M->lp, s, 1, ind, val);
		int b = add_col(M->lp, GLP_BV, 0, 1, PEN_CHANGE);
		add_row2(M->lp, s, 1, b, -MAX_SLACK, 0);
		W->slack[r] = s;
		W->ind[r] = b;
	}
	free(t);
}

/* Own-date changes column `it` needs for the case, and their cost. */
static unsigned own_changes(const wctx *W, const pl_itin *it, double *cost)
{
	const mp_case *c = W->c;
	unsigned m = 0;
	*cost = 0;
	if (c->ready != MP_NODATE && it->dep_date < c->ready) {
		m |= 1u << MP_CH_READY;
		*cost += PEN_CHANGE + PEN_DAY * (c->ready - it->dep_date);
	}
	if (c->visa_expires != MP_NODATE && it->arr_date > c->visa_expires) {
		m |= 1u << MP_CH_VISA;
		*cost += PEN_CHANGE + PEN_DAY * (it->arr_date - c->visa_expires);
	}
	for (int i = 0; i < c->n_members; i++) {
		const mp_document *d = &c->members[i].document;
		if (d->present && d->expires != MP_NODATE && d->expires < it->arr_date) {
			m |= 1u << MP_CH_DOCUMENT;
			*cost += PEN_CHANGE + PEN_DAY * (it->arr_date - d->expires);
		}
	}
	if (c->medical == MP_MED_PENDING) {
		m |= 1u << MP_CH_MEDICAL_CLEARED;
		*cost += PEN_MEDICAL;
	} else if (c->medical == MP_MED_CLEARED && c->medical_valid_until != MP_NODATE &&
		   c->medical_valid_until < it->dep_date) {
		m |= 1u << MP_CH_MEDICAL_VALID;
		*cost += PEN_CHANGE + PEN_DAY * (it->dep_date - c->medical_valid_until);
	} else if (c->medical == MP_MED_DEFERRED &&
		   (c->medical_deferred_until == MP_NODATE || c->medical_deferred_until > it->dep_date)) {
		m |= 1u << MP_CH_MEDICAL_DEFERRED;
		*cost += PEN_MEDICAL / 2 + PEN_DAY * (c->medical_deferred_until == MP_NODATE
			 ? 0 : c->medical_deferred_until - it->dep_date);
	}
	return m;
}

/* Days an escort trip departing on dep lies outside escort s's real
 * availability (0 inside). */
static int days_outside(const wctx *W, int s, mp_date dep)
{
	const mp_escort *e = &W->ds->escorts[s];
	return dep < e->available_from ? e->available_from - dep
	     : dep > e->available_to ? dep - e->available_to : 0;
}

/* Objective and unit rows: the case in, the others as the plan has them. */
static void costs(wctx *W, pl_model *M)
{
	pl_ctx *P = &W->N.P;
	W->esc_ind = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(int));
	int n = M->n;
	for (int j = 1; j <= n; j++) {
		double cost = 0;
		if (M->kind[j] == 'x') {
			const pl_col *col = &P->cols[M->ref[j]];
			if (col->unit == W->tu)
				own_changes(W, &P->itins[col->itin], &cost);
			else if (col->ref == 0)
				cost = PEN_MOVE;
		} else if (M->kind[j] == 'e') {
			const pl_trip *e = &M->e[M->ref[j]];
			int out = days_outside(W, e->escort, P->itins[e->itin].dep_date);
			if (out > 0) {
				if (!W->esc_ind[e->escort])
					W->esc_ind[e->escort] = add_col(M->lp, GLP_BV, 0, 1, PEN_CHANGE);
				add_row2(M->lp, j, 1, W->esc_ind[e->escort], -1, 0);
				cost = PEN_DAY * out;
			}
		}
		glp_set_obj_coef(M->lp, j, cost);
	}
	const pl_comp *C = &P->comps[P->units[W->tu].comp];
	for (int k = 0; k < C->n_units; k++) {
		int u = C->units[k];
		double v = u == W->tu ? P->units[u].count : pl_nbh_booked(P, u);
		glp_set_row_bnds(M->lp, M->unit_row[u], GLP_FX, v, v);
	}
	glp_set_obj_dir(M->lp, GLP_MIN);
}

/* ---- 3. solving, reading, cutting ---- */

/* True with a solution; *cut when the time limit stopped GLPK before
 * it found one (nothing proven then). */
static bool solve(pl_model *M, bool *cut)
{
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.tm_lim = SOLVE_MS;
	int rc = glp_intopt(M->lp, &parm);
	int st = glp_mip_status(M->lp);
	bool found = (rc == 0 || rc == GLP_ETMLIM) && (st == GLP_OPT || st == GLP_FEAS);
	*cut = !found && rc == GLP_ETMLIM;
	return found;
}

static mp_change *push_change(mp_whatif_option *o)
{
	o->changes = mp_xrealloc(o->changes, (size_t)(o->n_changes + 1) * sizeof *o->changes);
	mp_change *c = &o->changes[o->n_changes++];
	memset(c, 0, sizeof *c);
	c->was = MP_ABSENT;
	c->date = c->was_date = MP_NODATE;
	return c;
}

static void read_limits(wctx *W, pl_model *M, mp_whatif_option *o)
{
	pl_ctx *P = &W->N.P;
	for (int k = 0; k < M->res_rows.n; k++) {
		int r = M->res_rows.v[k];
		if (!W->slack[r])
			continue;
		int amount = (int)lround(glp_mip_col_val(M->lp, W->slack[r]));
		if (amount <= 0)
			continue;
		const pl_res *x = &P->res[r];
		static const enum mp_change_kind kinds[RK_N] = {
			MP_CH_SEATS, MP_CH_SSR, MP_CH_QUOTA_PERSONS, MP_CH_QUOTA_CASES, MP_CH_CLINIC};
		mp_change *c = NULL;
		for (int i = 0; x->kind == RK_CLINIC && i < o->n_changes; i++)
			if (o->changes[i].kind == MP_CH_CLINIC)
				c = &o->changes[i]; /* one clinic: its daily capacity */
		if (c) {
			if (amount > c->amount)
				c->amount = amount, c->date = x->b;
			continue;
		}
		c = push_change(o);
		c->kind = kinds[x->kind];
		c->amount = amount;
		c->was = (int)real_limit(W, x);
		c->ssr = x->kind == RK_SSR ? x->b : 0;
		c->date = x->kind == RK_CLINIC ? x->b : MP_NODATE;
		c->id = mp_xstrdup(x->kind <= RK_SSR ? W->ds->flights[x->a].id
				   : x->kind == RK_CLINIC ? W->ds->clinics[x->a].id
				   : W->ds->quotas[x->a].id);
	}
}

static void own_change(wctx *W, mp_whatif_option *o, enum mp_change_kind kind, const char *id,
		       mp_date was, mp_date to)
{
	mp_change *c = push_change(o);
	c->kind = kind;
	c->id = mp_xstrdup(id);
	c->was_date = was;
	c->date = to;
	if (kind == MP_CH_DOCUMENT)
		c->case_id = mp_xstrdup(W->c->id);
}

static void read_own(wctx *W, const pl_itin *it, mp_whatif_option *o)
{
	double cost;
	const mp_case *c = W->c;
	unsigned m = own_changes(W, it, &cost);
	if (m & (1u << MP_CH_READY))
		own_change(W, o, MP_CH_READY, c->id, c->ready, it->dep_date);
	if (m & (1u << MP_CH_VISA))
		own_change(W, o, MP_CH_VISA, c->id, c->visa_expires, it->arr_date);
	for (int i = 0; (m & (1u << MP_CH_DOCUMENT)) && i < c->n_members; i++) {
		const mp_document *d = &c->members[i].document;
		if (d->present && d->expires != MP_NODATE && d->expires < it->arr_date)
			own_change(W, o, MP_CH_DOCUMENT, c->members[i].id, d->expires, it->arr_date);
	}
	if (m & (1u << MP_CH_MEDICAL_CLEARED))
		own_change(W, o, MP_CH_MEDICAL_CLEARED, c->id, MP_NODATE, MP_NODATE);
	if (m & (1u << MP_CH_MEDICAL_VALID))
		own_change(W, o, MP_CH_MEDICAL_VALID, c->id, c->medical_valid_until, it->dep_date);
	if (m & (1u << MP_CH_MEDICAL_DEFERRED))
		own_change(W, o, MP_CH_MEDICAL_DEFERRED, c->id, c->medical_deferred_until, it->dep_date);
}

static void read_escorts(wctx *W, pl_model *M, mp_whatif_option *o)
{
	pl_ctx *P = &W->N.P;
	for (int j = 1; j <= M->n; j++) {
		if (M->kind[j] != 'e' || glp_mip_col_val(M->lp, j) < 0.5)
			continue;
		const pl_trip *e = &M->e[M->ref[j]];
		mp_date dep = P->itins[e->itin].dep_date;
		const mp_escort *es = &W->ds->escorts[e->escort];
		if (dep < es->available_from)
			own_change(W, o, MP_CH_ESCORT_FROM, es->id, es->available_from, dep);
		else if (dep > es->available_to)
			own_change(W, o, MP_CH_ESCORT_TO, es->id, es->available_to, dep);
	}
}

/* The target's chosen itinerary in the model's solution, -1. */
static int chosen(const wctx *W, const pl_model *M)
{
	const pl_ctx *P = &W->N.P;
	for (int j = 1; j <= M->n; j++)
		if (M->kind[j] == 'x' && P->cols[M->ref[j]].unit == W->tu &&
		    glp_mip_col_val(M->lp, j) > 0.5)
			return P->cols[M->ref[j]].itin;
	return -1;
}

/* Forbids the changes of the solution together (and any larger set). */
static void cut(wctx *W, pl_model *M, int it)
{
	pl_ctx *P = &W->N.P;
	int cap = glp_get_num_cols(M->lp) + 2, n = 0;
	int *ind = mp_xcalloc((size_t)cap + 1, sizeof(int));
	double *val = mp_xcalloc((size_t)cap + 1, sizeof(double));
	int used = 0;
	for (int r = 0; r < P->n_res; r++)
		if (W->ind[r] && glp_mip_col_val(M->lp, W->ind[r]) > 0.5)
			ind[++n] = W->ind[r], val[n] = 1, used++;
	for (int s = 0; s < P->ds->n_escorts; s++)
		if (W->esc_ind[s] && glp_mip_col_val(M->lp, W->esc_ind[s]) > 0.5)
			ind[++n] = W->esc_ind[s], val[n] = 1, used++;
	double cost;
	unsigned want = own_changes(W, &P->itins[it], &cost);
	for (int k = 0; k < MP_N_CHANGE; k++) {
		if (!((want >> k) & 1u))
			continue;
		used++;
		for (int j = 1; j <= M->n; j++) {
			if (M->kind[j] != 'x' || P->cols[M->ref[j]].unit != W->tu)
				continue;
			unsigned m = own_changes(W, &P->itins[P->cols[M->ref[j]].itin], &cost);
			if ((m >> k) & 1u) {
				bool have = false;
				for (int q = 1; q <= n && !have; q++)
					if (ind[q] == j)
						val[q] += 1, have = true;
				if (!have && n < cap)
					ind[++n] = j, val[n] = 1;
			}
		}
	}
	int row = glp_add_rows(M->lp, 1);
	glp_set_mat_row(M->lp, row, n, ind, val);
	glp_set_row_bnds(M->lp, row, GLP_UP, 0, used - 1);
	free(ind);
	free(val);
}

/* The cheapest proposals of the elastic model, into W->cand; false when
 * the first solve found none. */
static void candidates(wctx *W, int want)
{
	pl_ctx *P = &W->N.P;
	pl_model *M = W->N.M;
	for (int round = 0; round < want; round++) {
		if (!solve(M, &W->cut)) {
			W->rows = glp_get_num_rows(M->lp);
			W->cols = glp_get_num_cols(M->lp);
			break;
		}
		int it = chosen(W, M);
		if (it < 0)
			break;
		MP_GROW(W->cand, W->n_cand, W->cap_cand);
		mp_whatif_option *o = &W->cand[W->n_cand++];
		memset(o, 0, sizeof *o);
		o->size = glp_mip_obj_val(M->lp);
		read_limits(W, M, o);
		read_own(W, &P->itins[it], o);
		read_escorts(W, M, o);
		pl_decide_log(W->dr, "whatif: candidate %d: %d change(s), cost %g", round + 1,
			      o->n_changes, o->size);
		if (o->n_changes == 0)
			break; /* the plan could take it as it is: nothing to cut */
		cut(W, M, it);
	}
}

/* ---- 4. checked by re-plans ---- */

/* Others dropped, moved and added by the re-plan p against the plan. */
static void compare(wctx *W, const mp_plan *p, mp_whatif_option *o)
{
	const mp_plan *base = W->dr->plan;
	for (int i = 0; i < base->n_assignments; i++) {
		const mp_assignment *a = &base->assignments[i];
		const mp_assignment *b = mp_plan_assignment(p, a->case_id);
		if (!b)
			mp_strv_push(&o->dropped, &o->n_dropped, a->case_id);
		else if (!mp_assignment_same_flights(a, b))
			mp_strv_push(&o->moved, &o->n_moved, a->case_id);
	}
	for (int i = 0; i < p->n_assignments; i++) {
		const mp_assignment *b = &p->assignments[i];
		if (!mp_plan_assignment(base, b->case_id) && strcmp(b->case_id, W->c->id) != 0)
			mp_strv_push(&o->added, &o->n_added, b->case_id);
	}
	o->gain = p->objective.weighted_persons - base->objective.weighted_persons;
}

/* How much of the limit a change raises plan p uses. */
static int use_of(const mp_plan *p, const mp_change *c)
{
	int best = 0;
	switch (c->kind) {
	case MP_CH_SEATS: case MP_CH_SSR:
		for (int i = 0; i < p->n_flights; i++)
			if (strcmp(p->flights[i].id, c->id) == 0)
				return c->kind == MP_CH_SEATS ? p->flights[i].used : p->flights[i].ssr[c->ssr];
		return 0;
	case MP_CH_QUOTA_PERSONS: case MP_CH_QUOTA_CASES:
		for (int i = 0; i < p->n_quotas; i++)
			if (strcmp(p->quotas[i].id, c->id) == 0)
				return c->kind == MP_CH_QUOTA_PERSONS ? p->quotas[i].persons : p->quotas[i].cases;
		return 0;
	case MP_CH_CLINIC:
		for (int i = 0; i < p->n_clinics; i++)
			if (strcmp(p->clinics[i].clinic, c->id) == 0 && p->clinics[i].date == c->date)
				best = p->clinics[i].persons;
		return best;
	default:
		return 0;
	}
}

/* The re-plan gave the room a change made to other cases (the plan
 * breaks ties towards lower ids): adds what they took; false when no
 * limit change can grow. */
static bool raise(wctx *W, mp_whatif_option *o, const mp_plan *p)
{
	bool grew = false;
	char *before = NULL;
	for (int i = 0; i < o->n_changes; i++) {
		mp_change *c = &o->changes[i];
		if (c->kind > MP_CH_CLINIC)
			continue;
		int taken = use_of(p, c) - use_of(W->dr->plan, c);
		if (taken <= 0)
			continue;
		if (!before)
			before = mp_change_text(c);
		c->amount += taken;
		grew = true;
	}
	if (grew && !o->note) {
		o->note = mp_xasprintf("raised: with %s a re-plan books %s%s instead", before,
				       o->n_added ? o->added[0] : "other cases",
				       o->n_added > 1 ? " and others" : "");
	}
	free(before);
	return grew;
}

static void clear_outcome(mp_whatif_option *o)
{
	mp_strv_free(o->flights, o->n_flights);
	mp_strv_free(o->moved, o->n_moved);
	mp_strv_free(o->dropped, o->n_dropped);
	mp_strv_free(o->added, o->n_added);
	o->flights = o->moved = o->dropped = o->added = NULL;
	o->n_flights = o->n_moved = o->n_dropped = o->n_added = 0;
	o->confirmed = false;
}

/* One re-plan of the data with the option's changes. */
static int replan_once(wctx *W, mp_whatif_option *o, mp_plan *p, mp_errors *errs)
{
	mp_dataset ds;
	mp_dataset_copy(&ds, W->ds);
	int rc = MP_OK;
	for (int i = 0; i < o->n_changes && rc == MP_OK; i++)
		rc = mp_change_apply(&ds, &o->changes[i], errs);
	if (rc == MP_OK)
		rc = pl_replan(W->dr, &ds, p, errs);
	mp_dataset_release(&ds);
	if (rc != MP_OK)
		return rc;
	clear_outcome(o);
	const mp_assignment *a = mp_plan_assignment(p, W->c->id);
	o->confirmed = a != NULL;
	if (a) {
		for (int i = 0; i < a->n_flights; i++)
			mp_strv_push(&o->flights, &o->n_flights, a->flights[i]);
		o->departs = a->departs;
		o->arrives = a->arrives;
	}
	compare(W, p, o);
	return MP_OK;
}

#define RAISES 3

/* Checks the option by re-plans, raising its limits while the re-plan
 * gives their room to others (at most RAISES times). */
static int check(wctx *W, mp_whatif_option *o, int *replans, mp_errors *errs)
{
	int rc = MP_OK;
	for (int round = 0; rc == MP_OK && round <= RAISES; round++) {
		mp_plan p;
		mp_plan_init(&p);
		rc = replan_once(W, o, &p, errs);
		(*replans)++;
		bool again = rc == MP_OK && !o->confirmed && round < RAISES && raise(W, o, &p);
		mp_plan_release(&p);
		if (!again)
			break;
	}
	return rc;
}

/* Confirmed first; then fewest cases dropped, most level 1 for the
 * others, fewest moved, the smallest change. */
static int cmp_option(const void *a, const void *b)
{
	const mp_whatif_option *x = a, *y = b;
	if (x->confirmed != y->confirmed)
		return x->confirmed ? -1 : 1;
	if (x->n_dropped != y->n_dropped)
		return x->n_dropped - y->n_dropped;
	if (fabs(x->gain - y->gain) > 1e-9)
		return x->gain > y->gain ? -1 : 1;
	if (x->n_moved != y->n_moved)
		return x->n_moved - y->n_moved;
	return x->size < y->size ? -1 : x->size > y->size;
}

/* ---- the entry ---- */

static void none(mp_whatif *out, const mp_plan *plan, const char *case_id)
{
	out->status = MP_WI_NONE;
	const mp_unassigned *u = mp_plan_unassigned_case(plan, case_id);
	const mp_reason *r = u ? mp_unassigned_decisive(u) : NULL;
	out->note = mp_xasprintf("no change of seats, assistance limits, quotas, clinic capacity, escort "
				 "availability or the case's own dates books it: it is held by %s%s%s",
				 r ? mp_reason_names[r->code] : "its own rules", r && r->detail ? " - " : "",
				 r && r->detail ? r->detail : "");
}

/* Builds the elastic model and its candidates inside the GLPK guard. */
static int elastic(wctx *W, int want, mp_errors *errs)
{
	pl_guard g;
	pl_guard_on(&g);
	if (setjmp(g.jb)) {
		pl_nbh_close(&W->N, false);
		return pl_guard_failed(&g, errs);
	}
	pl_model *M = pl_nbh_model(&W->N, W->N.P.units[W->tu].comp);
	limits_elastic(W, M);
	costs(W, M);
	candidates(W, want);
	pl_guard_off(&g);
	return MP_OK;
}

static int run(wctx *W, mp_whatif *out, mp_errors *errs)
{
	int want = W->dr->max_answers > 0 ? W->dr->max_answers : 5;
	widen(W, errs);
	int rc = pl_nbh_open(&W->N, &W->wide, W->dr, errs);
	if (rc != MP_OK)
		return rc;
	W->tu = W->N.P.cases[W->ci].unit;
	if (W->tu < 0 || W->N.P.units[W->tu].n_elig == 0) {
		none(out, W->dr->plan, W->c->id);
		return MP_OK;
	}
	rc = elastic(W, want + 3, errs);
	/* in the model's order of cost, until `want` are confirmed */
	int confirmed = 0, checked = 0;
	for (; rc == MP_OK && checked < W->n_cand && confirmed < want; checked++) {
		rc = check(W, &W->cand[checked], &out->n_replans, errs);
		confirmed += W->cand[checked].confirmed;
	}
	if (rc != MP_OK)
		return rc;
	for (int i = checked; i < W->n_cand; i++)
		mp_whatif_option_release(&W->cand[i]);
	W->n_cand = checked;
	qsort(W->cand, (size_t)W->n_cand, sizeof *W->cand, cmp_option);
	out->status = W->n_cand ? MP_WI_OPTIONS : MP_WI_NONE;
	if (!W->n_cand && W->cut)
		/* not "no change books it": nothing was proven */
		out->note = mp_xasprintf("no change found: the search for one stopped at its limit of"
					 " %d s on this mission's program (%d rows, %d columns), so"
					 " one may exist; ask of a scenario of fewer cases",
					 SOLVE_MS / 1000, W->rows, W->cols);
	else if (!W->n_cand)
		none(out, W->dr->plan, W->c->id);
	out->n_options = W->n_cand < want ? W->n_cand : want;
	out->options = W->cand;
	for (int i = out->n_options; i < W->n_cand; i++)
		mp_whatif_option_release(&W->cand[i]);
	W->cand = NULL;
	W->n_cand = 0;
	return MP_OK;
}

int mp_whatif_case(const mp_decide_request *dr, const char *case_id, mp_whatif *out, mp_errors *errs)
{
	memset(out, 0, sizeof *out);
	const mp_case *c = mp_dataset_case(dr->ds, case_id);
	if (!c) {
		mp_errors_addf(errs, MP_EDATA, "unknown case '%.64s'", case_id ? case_id : "");
		return MP_EDATA;
	}
	out->c = c;
	if (mp_plan_assignment(dr->plan, case_id)) {
		out->status = MP_WI_BOOKED;
		return MP_OK;
	}
	if (!mp_plan_unassigned_case(dr->plan, case_id)) {
		out->status = MP_WI_HISTORY;
		return MP_OK;
	}
	wctx W;
	memset(&W, 0, sizeof W);
	W.dr = dr;
	W.ds = dr->ds;
	W.c = c;
	W.ci = (int)(c - dr->ds->cases);
	int rc = run(&W, out, errs);
	for (int i = 0; i < W.n_cand; i++)
		mp_whatif_option_release(&W.cand[i]);
	free(W.cand);
	free(W.slack);
	free(W.ind);
	free(W.esc_ind);
	pl_nbh_close(&W.N, true);
	mp_dataset_release(&W.wide);
	return rc;
}
