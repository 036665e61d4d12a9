/*
 * model.c - the integer program of one component (or, for
 * --write-model, of the whole dataset) in GLPK.
 *
 * Variables (created in this order, each in id order):
 *   x  one per column: does the unit take this itinerary (binary), or
 *      how many copies of an aggregated unit take it (integer 0..count);
 *   z  one per (case with a clinic, departure date, allowed check day):
 *      the case is checked that day;
 *   e  one per (escort, itinerary with escort needs) the escort may fly:
 *      the escort makes that trip;
 *   in a full export also one fixed column per pinned case and pinned
 *   escort trip, so the file is the complete model.
 * Rows:
 *   unit      sum_i x[u,i] <= count                      (2.1, 2.2)
 *   resource  seats per flight (escorts one seat a leg),  (2.5)
 *             members per SSR limit per flight,           (2.6)
 *             persons / cases per quota,                  (2.7)
 *             persons per clinic day                      (2.10)
 *             - only binding ones unless exporting;
 *   checkday  sum_day z[c,d,day] = sum_{i departing d} x[u(c),i] (2.10)
 *   cover     sum need x - sum covers e <= pinned spare covers (2.11)
 *   medcover  the same for medical needs and medical escorts
 *   esclink   sum e - sum need x <= 0 (no trip without someone to escort)
 *   unitlink  exact components only, per unit needing an escort on the
 *             itinerary: x - count sum e <= 0 (medlink: medical escorts)
 *   turn      per escort and window of turnaround_days: sum e <= 1 (2.11)
 * Objectives (one per level, see solve.c): w1, ref, wait, cost.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static void name_col(pl_model *M, int j, const char *kind, const char *id, int extra)
{
	char buf[160];
	int n = snprintf(buf, sizeof buf, "%s%d_%s_%d", kind, j, id ? id : "", extra);
	for (int i = 0; i < n && i < (int)sizeof buf - 1; i++)
		if (!isalnum((unsigned char)buf[i]) && buf[i] != '_')
			buf[i] = '_';
	glp_set_col_name(M->lp, j, buf);
}

static void name_row(pl_model *M, int i, const char *kind, const char *id)
{
	char buf[160];
	int n = snprintf(buf, sizeof buf, "%s%d_%s", kind, i, id ? id : "");
	for (int k = 0; k < n && k < (int)sizeof buf - 1; k++)
		if (!isalnum((unsigned char)buf[k]) && buf[k] != '_')
			buf[k] = '_';
	glp_set_row_name(M->lp, i, buf);
}

static void add_nz(pl_model *M, int row, int col, double v)
{
	if (v == 0)
		return;
	if (M->ne + 1 >= M->cap_ne) {
		M->cap_ne = M->cap_ne ? 2 * M->cap_ne : 1024;
		M->ia = mp_xrealloc(M->ia, (size_t)M->cap_ne * sizeof(int));
		M->ja = mp_xrealloc(M->ja, (size_t)M->cap_ne * sizeof(int));
		M->ar = mp_xrealloc(M->ar, (size_t)M->cap_ne * sizeof(double));
	}
	M->ne++;
	M->ia[M->ne] = row;
	M->ja[M->ne] = col;
	M->ar[M->ne] = v;
}

static int new_col(pl_model *M, char kind, int ref)
{
	int j = glp_add_cols(M->lp, 1);
	if (j >= M->cap_cols) {
		M->cap_cols = 2 * j + 16;
		M->kind = mp_xrealloc(M->kind, (size_t)M->cap_cols);
		M->ref = mp_xrealloc(M->ref, (size_t)M->cap_cols * sizeof(int));
		for (int l = 0; l < 4; l++)
			M->obj[l] = mp_xrealloc(M->obj[l], (size_t)M->cap_cols * sizeof(double));
	}
	M->kind[j] = kind;
	M->ref[j] = ref;
	for (int l = 0; l < 4; l++)
		M->obj[l][j] = 0;
	M->n = j;
	return j;
}

static int new_row(pl_model *M, const char *kind, const char *id, int type, double lb, double ub)
{
	int i = glp_add_rows(M->lp, 1);
	glp_set_row_bnds(M->lp, i, type, lb, ub);
	name_row(M, i, kind, id);
	return i;
}

/* Resource row: created on first use; skipped when not binding
 * (unless exporting: every row). */
static int res_row(pl_model *M, int r)
{
	pl_ctx *P = M->P;
	pl_res *x = &P->res[r];
	if (!M->full && !x->binding)
		return 0;
	if (x->row > 0)
		return x->row;
	static const char *const kinds[RK_N] = {"seats", "ssr", "qpersons", "qcases", "clinic"};
	char id[200];
	const mp_dataset *ds = P->ds;
	if (x->kind == RK_SEATS || x->kind == RK_SSR)
		snprintf(id, sizeof id, "%s%s%s", ds->flights[x->a].id,
			 x->kind == RK_SSR ? "_" : "", x->kind == RK_SSR ? mp_ssr_names[x->b] : "");
	else if (x->kind == RK_CLINIC) {
		char d[MP_DATE_BUF];
		mp_date_format(x->b, d);
		snprintf(id, sizeof id, "%s_%s", ds->clinics[x->a].id, d);
	} else
		snprintf(id, sizeof id, "%s", ds->quotas[x->a].id);
	/* SPEC 2.12: room is the limit less fixed use, 0 when exceeded; a
	 * full export keeps the fixed use as fixed columns instead */
	double ub = M->full ? (x->fixed > x->limit ? x->fixed : x->limit) : pl_res_room(x);
	x->row = new_row(M, kinds[x->kind], id, GLP_UP, 0, ub);
	pl_ivec_push(&M->res_rows, r);
	return x->row;
}

typedef struct nzacc {
	pl_model *M;
	int col;
	double scale;
} nzacc;

static void nz_res(void *arg, int r, double v)
{
	nzacc *a = arg;
	int row = res_row(a->M, r);
	if (row > 0)
		add_nz(a->M, row, a->col, v * a->scale);
}

static void x_columns(pl_model *M, const int *units, int n_units)
{
	pl_ctx *P = M->P;
	for (int k = 0; k < n_units; k++) {
		pl_unit *u = &P->units[units[k]];
		int urow = new_row(M, "unit", P->cases[u->cases[0]].c->id, GLP_UP, 0, u->count);
		M->unit_row[units[k]] = urow;
		M->const3 += u->wait_none * u->count;
		for (int t = 0; t < u->n_cols; t++) {
			int c = u->cols[t];
			pl_col *col = &P->cols[c];
			if (col->dropped)
				continue;
			int j = new_col(M, 'x', c);
			name_col(M, j, "x", P->cases[u->cases[0]].c->id, col->itin);
			if (u->count > 1) {
				glp_set_col_kind(M->lp, j, GLP_IV);
				glp_set_col_bnds(M->lp, j, GLP_DB, 0, u->count);
			} else {
				glp_set_col_kind(M->lp, j, GLP_BV);
			}
			M->obj[0][j] = col->w1;
			M->obj[1][j] = col->ref;
			M->obj[2][j] = col->wait - u->wait_none;
			M->obj[3][j] = col->cost;
			add_nz(M, urow, j, 1);
			nzacc a = {M, j, 1};
			pl_col_res(P, col, nz_res, &a);
			u = &P->units[units[k]];
		}
	}
}

/* ---- clinic check days ---- */

static bool clinic_binding(pl_model *M, int ci, mp_date dep)
{
	pl_ctx *P = M->P;
	if (M->full)
		return true;
	mp_date days[3];
	int n = pl_check_days(P, P->cases[ci].clinic, dep, days);
	for (int d = 0; d < n; d++) {
		int r = pl_res_find(P, RK_CLINIC, P->cases[ci].clinic, days[d]);
		if (r >= 0 && P->res[r].binding)
			return true;
	}
	return false;
}

static void z_for(pl_model *M, const pl_unit *u, int ci, mp_date dep)
{
	pl_ctx *P = M->P;
	const pl_case *pc = &P->cases[ci];
	mp_date days[3];
	int n = pl_check_days(P, pc->clinic, dep, days);
	int link = new_row(M, "checkday", pc->c->id, GLP_FX, 0, 0);
	for (int d = n - 1; d >= 0; d--) {
		int j = new_col(M, 'z', M->n_z);
		glp_set_col_kind(M->lp, j, GLP_BV);
		name_col(M, j, "z", pc->c->id, days[d]);
		MP_GROW(M->z, M->n_z, M->cap_z);
		int r = pl_res_get(P, RK_CLINIC, pc->clinic, days[d]);
		M->z[M->n_z++] = (pl_zvar){ci, dep, days[d], r};
		add_nz(M, link, j, 1);
		int row = res_row(M, r);
		if (row > 0)
			add_nz(M, row, j, pc->persons);
	}
	for (int t = 0; t < u->n_cols; t++) {
		const pl_col *col = &P->cols[u->cols[t]];
		if (col->dropped || P->itins[col->itin].dep_date != dep)
			continue;
		add_nz(M, link, M->col_of[u->cols[t]], -1);
	}
}

static void z_columns(pl_model *M, const int *units, int n_units)
{
	pl_ctx *P = M->P;
	for (int k = 0; k < n_units; k++) {
		const pl_unit *u = &P->units[units[k]];
		if (!u->clinic || u->aggregated)
			continue;
		for (int i = 0; i < u->n_cases; i++) {
			int ci = u->cases[i];
			if (P->cases[ci].clinic < 0)
				continue;
			/* one set of check days per departure date (columns
			 * are not in date order once generated) */
			for (int t = 0; t < u->n_cols; t++) {
				const pl_col *col = &P->cols[u->cols[t]];
				mp_date dep = P->itins[col->itin].dep_date;
				bool seen = false;
				for (int q = 0; q < t && !seen; q++)
					seen = !P->cols[u->cols[q]].dropped &&
					       P->itins[P->cols[u->cols[q]].itin].dep_date == dep;
				if (col->dropped || seen)
					continue;
				if (clinic_binding(M, ci, dep))
					z_for(M, u, ci, dep);
			}
		}
	}
}

/* ---- escorts ---- */

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Itineraries with escort needs among the model's columns. */
static pl_ivec need_itins(pl_model *M, const int *units, int n_units)
{
	pl_ctx *P = M->P;
	pl_ivec v = {0};
	for (int k = 0; k < n_units; k++) {
		const pl_unit *u = &P->units[units[k]];
		for (int t = 0; t < u->n_cols; t++) {
			const pl_col *col = &P->cols[u->cols[t]];
			if (!col->dropped && col->need > 0)
				pl_ivec_push(&v, col->itin);
		}
	}
	if (v.n > 1)
		qsort(v.v, (size_t)v.n, sizeof(int), cmp_int);
	int w = 0;
	for (int i = 0; i < v.n; i++)
		if (w == 0 || v.v[w - 1] != v.v[i])
			v.v[w++] = v.v[i];
	v.n = w;
	return v;
}

static void e_seats(pl_model *M, int j, int it)
{
	pl_ctx *P = M->P;
	const pl_itin *iti = &P->itins[it];
	for (int l = 0; l < iti->n_legs; l++) {
		int row = res_row(M, pl_res_get(P, RK_SEATS, iti->legs[l], 0));
		if (row > 0)
			add_nz(M, row, j, 1);
		M->obj[3][j] += P->ds->flights[iti->legs[l]].fare;
		iti = &P->itins[it];
	}
}

/* At most about this many nonzeros of link rows per itinerary: with
 * many escorts free for the trip (83 in some missions) and many units
 * needing one, the rows would grow as their product; on the small
 * presets, tight and reshaped `urgent`, no itinerary needs more than
 * 20 (5 escorts, 4 units). */
#define LINK_NZ_CAP 1000.0

/* Link rows of column j (unit u, itinerary i): x[u,i] <= count(u) *
 * sum_s e[s,i] (the medical escorts' for medical needs): a unit whose
 * need the pinned escorts' spare covers (rc, rm) cannot meet travels
 * only with an escort on the trip.  The cover row alone lets the LP
 * take a third of an escort (covers 3) for one minor, so a third of the
 * escort's seat; these rows make it a whole one.  Valid for every plan,
 * they only cut fractional points: on the small presets reshaped
 * `urgent` (tight seed 6) the LP went from 19,273.7 to 19,267 and the
 * root with GLPK's cuts from 19,264.7 to 19,258, the optimum; tight
 * seed 7's bound came down to its plan, which proved it.  Only in exact
 * components: in the windows of the large path they made the plans no
 * better (medium tight seed 1 102,845 -> 102,760, medium `urgent` of
 * seed 4 425,244 -> 424,852, two cut missions +40 and -40), the
 * windows' LPs larger for the same reach. */
static void unit_links(pl_model *M, const char *id, int j, const pl_col *col, int count, int e0,
		       int e1, double rc, double rm)
{
	pl_ctx *P = M->P;
	for (int med = 0; med < 2; med++) {
		if (med ? col->need_med <= rm : col->need <= rc)
			continue;
		int row = new_row(M, med ? "medlink" : "unitlink", id, GLP_UP, 0, 0);
		add_nz(M, row, j, 1);
		for (int je = e0; je < e1; je++) {
			const mp_escort *e = &P->ds->escorts[M->e[M->ref[je]].escort];
			if (!med || e->kind == MP_ESC_MEDICAL)
				add_nz(M, row, je, -count);
		}
	}
}

/* Cover, medical cover and link rows of one itinerary. */
static void cover_rows(pl_model *M, int it, const int *units, int n_units, int e0, int e1)
{
	pl_ctx *P = M->P;
	int cov = 0, med = 0, need = P->pin_need[it], mneed = P->pin_med[it], fmed = 0;
	for (int s = 0; s < P->ds->n_escorts; s++)
		if (pl_escort_on(P, s, it)) {
			cov += P->ds->escorts[s].covers;
			med += P->ds->escorts[s].kind == MP_ESC_MEDICAL ? P->ds->escorts[s].covers : 0;
		}
	const char *id = P->ds->flights[P->itins[it].legs[0]].id;
	double rc = M->full ? (need > cov ? need - cov : 0) : (cov > need ? cov - need : 0);
	double rm = M->full ? (mneed > med ? mneed - med : 0) : (med > mneed ? med - mneed : 0);
	int rcov = new_row(M, "cover", id, GLP_UP, 0, rc);
	int rmed = 0;
	int nneed = 0; /* columns needing an escort here */
	for (int k = 0; k < n_units; k++) {
		const pl_unit *u = &P->units[units[k]];
		for (int t = 0; t < u->n_cols; t++)
			if (!P->cols[u->cols[t]].dropped && P->cols[u->cols[t]].itin == it) {
				fmed += P->cols[u->cols[t]].need_med;
				nneed += P->cols[u->cols[t]].need > 0;
			}
	}
	bool links = M->links && e1 > e0 && (double)nneed * (e1 - e0) <= LINK_NZ_CAP;
	if (fmed > 0 || (M->full && mneed > 0))
		rmed = new_row(M, "medcover", id, GLP_UP, 0, rm);
	int rlink = e1 > e0 ? new_row(M, "esclink", id, GLP_UP, 0, 0) : 0;
	for (int k = 0; k < n_units; k++) {
		const pl_unit *u = &P->units[units[k]];
		for (int t = 0; t < u->n_cols; t++) {
			const pl_col *col = &P->cols[u->cols[t]];
			if (col->dropped || col->itin != it || col->need <= 0)
				continue;
			int j = M->col_of[u->cols[t]];
			add_nz(M, rcov, j, col->need);
			if (rmed)
				add_nz(M, rmed, j, col->need_med);
			if (rlink)
				add_nz(M, rlink, j, -col->need);
			if (links)
				unit_links(M, id, j, col, u->count, e0, e1, rc, rm);
		}
	}
	for (int j = e0; j < e1; j++) {
		const mp_escort *e = &P->ds->escorts[M->e[M->ref[j]].escort];
		add_nz(M, rcov, j, -e->covers);
		if (rmed && e->kind == MP_ESC_MEDICAL)
			add_nz(M, rmed, j, -e->covers);
		if (rlink)
			add_nz(M, rlink, j, 1);
	}
	M->cover_row[it] = rcov;
	M->med_row[it] = rmed;
}

/* SPEC 2.11: two trips of an escort depart at least turnaround_days
 * apart - one row per window that holds two or more of its trips. */
static void turn_rows(pl_model *M, int s, const int *cols, int n)
{
	pl_ctx *P = M->P;
	int t = P->ds->escorts[s].turnaround_days;
	if (t < 1)
		t = 1;
	int prev_hi = -1;
	for (int a = 0; a < n; a++) {
		mp_date d = P->itins[M->e[M->ref[cols[a]]].itin].dep_date;
		int b = a;
		while (b + 1 < n && P->itins[M->e[M->ref[cols[b + 1]]].itin].dep_date < d + t)
			b++;
		if (b == a || b <= prev_hi)
			continue; /* one trip, or inside the previous window */
		int row = new_row(M, "turn", P->ds->escorts[s].id, GLP_UP, 0, 1);
		for (int k = a; k <= b; k++)
			add_nz(M, row, cols[k], 1);
		prev_hi = b;
	}
}

static int cmp_edate(const void *a, const void *b, void *arg)
{
	const pl_model *M = arg;
	const pl_ctx *P = M->P;
	mp_date x = P->itins[M->e[M->ref[*(const int *)a]].itin].dep_date;
	mp_date y = P->itins[M->e[M->ref[*(const int *)b]].itin].dep_date;
	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static void e_columns(pl_model *M, const int *units, int n_units)
{
	pl_ctx *P = M->P;
	pl_ivec its = need_itins(M, units, n_units);
	int ns = P->ds->n_escorts;
	pl_ivec *per_esc = mp_xcalloc((size_t)ns + 1, sizeof *per_esc);
	for (int k = 0; k < its.n; k++) {
		int it = its.v[k];
		int e0 = M->n + 1;
		for (int s = 0; s < ns; s++) {
			if (!pl_escort_free(P, s, it))
				continue;
			int j = new_col(M, 'e', M->n_e);
			MP_GROW(M->e, M->n_e, M->cap_e);
			M->e[M->n_e++] = (pl_trip){s, it, false};
			glp_set_col_kind(M->lp, j, GLP_BV);
			name_col(M, j, "e", P->ds->escorts[s].id, it);
			e_seats(M, j, it);
			pl_ivec_push(&per_esc[s], j);
		}
		cover_rows(M, it, units, n_units, e0, M->n + 1);
	}
	for (int s = 0; s < ns; s++) {
		if (per_esc[s].n > 1) {
			qsort_r(per_esc[s].v, (size_t)per_esc[s].n, sizeof(int), cmp_edate, M);
			turn_rows(M, s, per_esc[s].v, per_esc[s].n);
		}
		free(per_esc[s].v);
	}
	free(per_esc);
	free(its.v);
}

/* ---- pinned bookings as fixed columns (full export only) ---- */

static void pinned_columns(pl_model *M)
{
	pl_ctx *P = M->P;
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		const pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_PINNED)
			continue;
		pl_col col;
		pl_col_fill(P, &col, &ci, 1, pc->pin_itin);
		int j = new_col(M, 'p', ci);
		glp_set_col_bnds(M->lp, j, GLP_FX, 1, 1);
		name_col(M, j, "pinned", pc->c->id, pc->pin_itin);
		M->obj[0][j] = col.w1;
		nzacc a = {M, j, 1};
		pl_col_res(P, &col, nz_res, &a);
		if (pc->clinic >= 0 && pc->pin_ftt != MP_NODATE) {
			int row = res_row(M, pl_res_get(P, RK_CLINIC, pc->clinic, pc->pin_ftt));
			add_nz(M, row, j, pc->persons);
		}
		if (M->cover_row && M->cover_row[pc->pin_itin])
			add_nz(M, M->cover_row[pc->pin_itin], j, col.need);
		if (M->med_row && M->med_row[pc->pin_itin])
			add_nz(M, M->med_row[pc->pin_itin], j, col.need_med);
	}
	for (int s = 0; s < P->ds->n_escorts; s++)
		for (int t = 0; t < P->escorts[s].n_pin; t++) {
			int it = P->escorts[s].pin_itins[t];
			int j = new_col(M, 't', s);
			glp_set_col_bnds(M->lp, j, GLP_FX, 1, 1);
			name_col(M, j, "pinnedtrip", P->ds->escorts[s].id, it);
			e_seats(M, j, it);
			const mp_escort *e = &P->ds->escorts[s];
			if (M->cover_row[it])
				add_nz(M, M->cover_row[it], j, -e->covers);
			if (M->med_row[it] && e->kind == MP_ESC_MEDICAL)
				add_nz(M, M->med_row[it], j, -e->covers);
		}
}

/* Cover rows for pinned itineraries without free needs (export). */
static void pinned_cover_rows(pl_model *M)
{
	pl_ctx *P = M->P;
	for (int it = 0; it < P->n_itins; it++)
		if (P->pin_need[it] > 0 && !M->cover_row[it])
			cover_rows(M, it, NULL, 0, 0, 0);
}

pl_model *pl_model_build(pl_ctx *P, const int *units, int n_units, enum pl_build kind)
{
	bool full = kind == PL_BUILD_FULL;
	pl_model *M = mp_xcalloc(1, sizeof *M);
	M->P = P;
	M->full = full;
	M->links = kind == PL_BUILD_EXACT;
	M->warm = kind == PL_BUILD_EXACT;
	M->lp = glp_create_prob();
	glp_set_prob_name(M->lp, "movplan");
	glp_set_obj_name(M->lp, "weighted_persons");
	for (int r = 0; r < P->n_res; r++)
		P->res[r].row = 0;
	M->cap_col_of = P->n_cols + 1;
	M->col_of = mp_xcalloc((size_t)M->cap_col_of, sizeof(int));
	M->unit_row = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));

	M->cover_row = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	M->med_row = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	x_columns(M, units, n_units);
	for (int j = 1; j <= M->n; j++)
		M->col_of[M->ref[j]] = j;
	z_columns(M, units, n_units);
	e_columns(M, units, n_units);
	if (full) {
		pinned_cover_rows(M);
		pinned_columns(M);
	}
	if (M->ne > 0)
		glp_load_matrix(M->lp, M->ne, M->ia, M->ja, M->ar);
	free(M->ia), free(M->ja), free(M->ar);
	M->ia = M->ja = NULL;
	M->ar = NULL;
	M->ne = M->cap_ne = 0;
	return M;
}

/* Frees the model's own memory; the GLPK problem only when alive
 * (after a GLPK error its environment is already gone). */
void pl_model_free(pl_model *M, bool glpk_alive)
{
	if (!M)
		return;
	if (glpk_alive && M->lp)
		glp_delete_prob(M->lp);
	for (int r = 0; r < M->res_rows.n; r++)
		M->P->res[M->res_rows.v[r]].row = 0;
	free(M->res_rows.v);
	free(M->kind), free(M->ref);
	for (int l = 0; l < 4; l++)
		free(M->obj[l]);
	free(M->z), free(M->e);
	free(M->col_of), free(M->cover_row), free(M->med_row);
	free(M->unit_row);

	free(M->ia), free(M->ja), free(M->ar);
	free(M->inc);
	free(M->sol);
	free(M->bas);
	free(M);
}

/* The plan in cols' val and S as a GLPK column vector (internal.h). */
void pl_model_vector(const pl_model *M, pl_state *S, double *x)
{
	pl_ctx *P = M->P;
	int nt;
	const pl_trip *trips = pl_state_trips(S, &nt);
	for (int j = 1; j <= M->n; j++) {
		double v = 0;
		if (M->kind[j] == 'x') {
			v = P->cols[M->ref[j]].val;
		} else if (M->kind[j] == 'z') {
			const pl_zvar *z = &M->z[M->ref[j]];
			const pl_unit *u = &P->units[P->cases[z->pcase].unit];
			bool on = false;
			for (int t = 0; t < u->n_cols; t++)
				on |= P->cols[u->cols[t]].val > 0.5 &&
				      P->itins[P->cols[u->cols[t]].itin].dep_date == z->dep;
			v = on && pl_state_day(S, z->pcase) == z->day;
		} else if (M->kind[j] == 'e') {
			const pl_trip *e = &M->e[M->ref[j]];
			for (int k = 0; k < nt; k++)
				v = v || (trips[k].escort == e->escort && trips[k].itin == e->itin);
		} else {
			v = 1;
		}
		x[j] = v;
	}
	x[0] = 0;
}

void pl_model_incumbent(pl_model *M, pl_state *S)
{
	M->inc = mp_xrealloc(M->inc, (size_t)(M->n + 1) * sizeof(double));
	pl_model_vector(M, S, M->inc);
}

void pl_model_seed(pl_model *M, const double *x, pl_trip **trips, int *n_trips)
{
	pl_ctx *P = M->P;
	int n = 0;
	for (int j = 1; j <= M->n; j++)
		n += M->kind[j] == 'e' && x[j] > 0.5;
	*trips = mp_xcalloc((size_t)n + 1, sizeof **trips);
	*n_trips = 0;
	for (int j = 1; j <= M->n; j++) {
		double v = (double)(long)(x[j] + 0.5);
		if (M->kind[j] == 'x')
			P->cols[M->ref[j]].val = v;
		else if (M->kind[j] == 'z' && v > 0.5)
			P->cases[M->z[M->ref[j]].pcase].sol_ftt = M->z[M->ref[j]].day;
		else if (M->kind[j] == 'e' && v > 0.5)
			(*trips)[(*n_trips)++] = M->e[M->ref[j]];
	}
}

/* Stores a solution vector into the columns, check days and trips. */
void pl_model_apply(pl_model *M, const double *x)
{
	pl_ctx *P = M->P;
	pl_trip *trips;
	int n;
	pl_model_seed(M, x, &trips, &n);
	for (int k = 0; k < n; k++) {
		MP_GROW(P->trips, P->n_trips, P->cap_trips);
		P->trips[P->n_trips++] = trips[k];
	}
	free(trips);
}

void pl_model_apply_cols(pl_model *M, const double *x)
{
	for (int j = 1; j <= M->n; j++)
		if (M->kind[j] == 'x')
			M->P->cols[M->ref[j]].val = (double)(long)(x[j] + 0.5);
}

double pl_model_value(const pl_model *M, int level, const double *x)
{
	double v = 0;
	for (int j = 1; j <= M->n; j++)
		v += M->obj[level][j] * x[j];
	return v;
}
