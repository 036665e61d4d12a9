/*
 * lpwrite.c - the full model in CPLEX LP format, streamed, for models
 * too big to build as one GLPK problem.
 *
 * --write-model writes the whole integer program of SPEC 2 (every unit,
 * every eligible itinerary, every row, pinned bookings as fixed
 * columns, level 1 as objective).  Up to a few hundred thousand
 * columns model.c builds it in GLPK and glp_write_lp writes it; beyond,
 * a GLPK problem of millions of columns takes gigabytes, so this file
 * generates the same model column by column straight from the units
 * (columns are never materialised), keeps only the nonzeros (row,
 * column, coefficient), sorts them by row and writes the file.  The
 * rows and columns are the ones model.c builds in full mode, in the
 * same order of creation; the format is what glp_write_lp writes
 * (GLPK's and CBC's readers take it).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

enum rkind { R_UNIT, R_RES, R_CHECKDAY, R_COVER, R_MEDCOVER, R_ESCLINK, R_TURN };
static const char *const rnames[] = {"unit", "res", "checkday", "cover", "medcover", "esclink", "turn"};
enum ckind { C_X, C_Z, C_E, C_PINNED, C_PTRIP };
static const char *const cnames[] = {"x", "z", "e", "pinned", "pinnedtrip"};

typedef struct row {
	unsigned char kind, type;   /* type: GLP_UP, GLP_FX */
	int a;                      /* unit, resource, case, itinerary, escort */
	double rhs;
} row;

typedef struct col {
	unsigned char kind;
	int a, b;                   /* unit/case/escort, itinerary or day */
	float obj;
	int ub;                     /* 1 binary, >1 general, 0 fixed at 1 */
} col;

typedef struct nz {
	int col;
	float v;
} nz;

typedef struct lpw {
	pl_ctx *P;
	row *rows; int n_rows, cap_rows;
	col *cols; int n_cols, cap_cols;
	/* nonzeros by row: the first pass counts them per row, the second
	 * (the very same generation) files them, so no copy is sorted */
	bool fill;
	long *start;                /* per row: first nonzero (second pass) */
	long *next;                 /* per row: where the next one goes */
	nz *nzs; long n_nz;
	int *res_row;               /* per resource: its row + 1, 0 none */
	int n_res_row;
	int *cover_row, *med_row;   /* per itinerary */
	mp_u64map link;               /* (case, date) -> row + 1 */
	int *first_x;               /* per unit: its first x column */
} lpw;

static int add_row(lpw *W, int kind, int a, int type, double rhs)
{
	if (W->n_rows >= W->cap_rows && !W->fill) {
		int cap = W->cap_rows ? 2 * W->cap_rows : 1024;
		W->next = mp_xrealloc(W->next, (size_t)cap * sizeof(long));
		memset(W->next + W->cap_rows, 0, (size_t)(cap - W->cap_rows) * sizeof(long));
	}
	MP_GROW(W->rows, W->n_rows, W->cap_rows);
	W->rows[W->n_rows] = (row){(unsigned char)kind, (unsigned char)type, a, rhs};
	return W->n_rows++;
}

static int add_col(lpw *W, int kind, int a, int b, double obj, int ub)
{
	MP_GROW(W->cols, W->n_cols, W->cap_cols);
	W->cols[W->n_cols] = (col){(unsigned char)kind, a, b, (float)obj, ub};
	return W->n_cols++;
}

static void add_nz(lpw *W, int r, int c, double v)
{
	if (v == 0)
		return;
	if (W->fill)
		W->nzs[W->next[r]++] = (nz){c, (float)v};
	else
		W->n_nz++, W->next[r]++;
}

/* SPEC 2.12: the full model keeps the limit, relaxed to the fixed use;
 * the fixed use comes from the pinned columns. */
static int res_row(lpw *W, int r)
{
	if (r >= W->n_res_row) {
		int n = 2 * r + 16;
		W->res_row = mp_xrealloc(W->res_row, (size_t)n * sizeof(int));
		memset(W->res_row + W->n_res_row, 0, (size_t)(n - W->n_res_row) * sizeof(int));
		W->n_res_row = n;
	}
	if (!W->res_row[r]) {
		const pl_res *x = &W->P->res[r];
		W->res_row[r] = add_row(W, R_RES, r, GLP_UP, x->fixed > x->limit ? x->fixed : x->limit) + 1;
	}
	return W->res_row[r] - 1;
}

typedef struct colacc {
	lpw *W;
	int col;
} colacc;

static void col_res(void *arg, int r, double v)
{
	colacc *a = arg;
	add_nz(a->W, res_row(a->W, r), a->col, v);
}

static void x_cols(lpw *W)
{
	pl_ctx *P = W->P;
	pl_col c;
	for (int u = 0; u < P->n_units; u++) {
		const pl_unit *un = &P->units[u];
		if (un->n_elig == 0)
			continue;
		int ur = add_row(W, R_UNIT, u, GLP_UP, un->count);
		W->first_x[u] = W->n_cols;
		for (int k = 0; k < un->n_elig; k++) {
			pl_col_make(P, u, k, &c);
			int j = add_col(W, C_X, u, c.itin, c.w1, un->count);
			add_nz(W, ur, j, 1);
			colacc a = {W, j};
			pl_col_res(P, &c, col_res, &a);
			un = &P->units[u];
		}
	}
}

static int link_row(lpw *W, int ci, mp_date dep)
{
	uint64_t key = ((uint64_t)(uint32_t)ci << 32) | (uint32_t)dep;
	int r = mp_u64map_get(&W->link, key);
	return r < 0 ? -1 : r;
}

static void z_cols(lpw *W)
{
	pl_ctx *P = W->P;
	for (int u = 0; u < P->n_units; u++) {
		const pl_unit *un = &P->units[u];
		for (int i = 0; i < un->n_cases && un->clinic; i++) {
			int ci = un->cases[i];
			const pl_case *pc = &P->cases[ci];
			if (pc->clinic < 0)
				continue;
			for (int k = 0; k < un->n_elig; k++) {
				mp_date dep = P->itins[un->elig[k]].dep_date;
				if (link_row(W, ci, dep) >= 0)
					continue;
				int lr = add_row(W, R_CHECKDAY, ci, GLP_FX, 0);
				mp_u64map_put(&W->link, ((uint64_t)(uint32_t)ci << 32) | (uint32_t)dep, lr);
				mp_date days[3];
				int n = pl_check_days(P, pc->clinic, dep, days);
				for (int d = n - 1; d >= 0; d--) {
					int j = add_col(W, C_Z, ci, days[d], 0, 1);
					add_nz(W, lr, j, 1);
					add_nz(W, res_row(W, pl_res_get(P, RK_CLINIC, pc->clinic, days[d])), j,
					       pc->persons);
				}
				for (int q = 0; q < un->n_elig; q++)
					if (P->itins[un->elig[q]].dep_date == dep)
						add_nz(W, lr, W->first_x[u] + q, -1);
				un = &P->units[u];
			}
		}
	}
}

static void seats_of(lpw *W, int j, int it)
{
	pl_ctx *P = W->P;
	const int *rix = pl_itin_res(P, it);
	for (int l = 0; l < P->itins[it].n_legs; l++)
		add_nz(W, res_row(W, rix[l * PL_RIX_LEG]), j, 1);
}

/* Cover rows of one itinerary, as model.c's cover_rows in full mode. */
static void cover(lpw *W, int it, const pl_ivec *xs, int e0, int e1)
{
	pl_ctx *P = W->P;
	int cov = 0, med = 0, need = P->pin_need[it], mneed = P->pin_med[it], fmed = 0;
	for (int s = 0; s < P->ds->n_escorts; s++)
		if (pl_escort_on(P, s, it)) {
			cov += P->ds->escorts[s].covers;
			med += P->ds->escorts[s].kind == MP_ESC_MEDICAL ? P->ds->escorts[s].covers : 0;
		}
	pl_col c;
	for (int i = 0; i < xs->n; i += 2) {
		pl_col_make(P, xs->v[i], xs->v[i + 1], &c);
		fmed += c.need_med;
	}
	int rc = add_row(W, R_COVER, it, GLP_UP, need > cov ? need - cov : 0);
	int rm = fmed > 0 || mneed > 0 ? add_row(W, R_MEDCOVER, it, GLP_UP, mneed > med ? mneed - med : 0) : -1;
	int rl = e1 > e0 ? add_row(W, R_ESCLINK, it, GLP_UP, 0) : -1;
	for (int i = 0; i < xs->n; i += 2) {
		pl_col_make(P, xs->v[i], xs->v[i + 1], &c);
		int j = W->first_x[xs->v[i]] + xs->v[i + 1];
		add_nz(W, rc, j, c.need);
		if (rm >= 0)
			add_nz(W, rm, j, c.need_med);
		if (rl >= 0)
			add_nz(W, rl, j, -c.need);
	}
	for (int j = e0; j < e1; j++) {
		const mp_escort *e = &P->ds->escorts[W->cols[j].a];
		add_nz(W, rc, j, -e->covers);
		if (rm >= 0 && e->kind == MP_ESC_MEDICAL)
			add_nz(W, rm, j, -e->covers);
		if (rl >= 0)
			add_nz(W, rl, j, 1);
	}
	W->cover_row[it] = rc + 1;
	W->med_row[it] = rm + 1;
}

static void turn(lpw *W, int s, const pl_ivec *js)
{
	pl_ctx *P = W->P;
	int t = P->ds->escorts[s].turnaround_days;
	t = t < 1 ? 1 : t;
	int prev_hi = -1;
	for (int a = 0; a < js->n; a++) {
		mp_date d = P->itins[W->cols[js->v[a]].b].dep_date;
		int b = a;
		while (b + 1 < js->n && P->itins[W->cols[js->v[b + 1]].b].dep_date < d + t)
			b++;
		if (b == a || b <= prev_hi)
			continue;
		int r = add_row(W, R_TURN, s, GLP_UP, 1);
		for (int k = a; k <= b; k++)
			add_nz(W, r, js->v[k], 1);
		prev_hi = b;
	}
}

static int cmp_edate(const void *a, const void *b, void *arg)
{
	const lpw *W = arg;
	mp_date x = W->P->itins[W->cols[*(const int *)a].b].dep_date;
	mp_date y = W->P->itins[W->cols[*(const int *)b].b].dep_date;
	return x != y ? (x < y ? -1 : 1) : *(const int *)a - *(const int *)b;
}

static void e_cols(lpw *W)
{
	pl_ctx *P = W->P;
	pl_ivec *by_itin = mp_xcalloc((size_t)P->n_itins + 1, sizeof *by_itin);
	pl_col c;
	for (int u = 0; u < P->n_units; u++)
		for (int k = 0; k < P->units[u].n_elig && P->units[u].escort; k++) {
			pl_col_make(P, u, k, &c);
			if (c.need > 0) {
				pl_ivec_push(&by_itin[c.itin], u);
				pl_ivec_push(&by_itin[c.itin], k);
			}
		}
	pl_ivec *per_esc = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof *per_esc);
	for (int it = 0; it < P->n_itins; it++) {
		if (by_itin[it].n == 0)
			continue;
		int e0 = W->n_cols;
		for (int s = 0; s < P->ds->n_escorts; s++) {
			if (!pl_escort_free(P, s, it))
				continue;
			double fare = 0;
			for (int l = 0; l < P->itins[it].n_legs; l++)
				fare += P->ds->flights[P->itins[it].legs[l]].fare;
			int j = add_col(W, C_E, s, it, 0, 1);
			(void)fare; /* level 1 objective: trips carry no weight */
			seats_of(W, j, it);
			pl_ivec_push(&per_esc[s], j);
		}
		cover(W, it, &by_itin[it], e0, W->n_cols);
	}
	for (int it = 0; it < P->n_itins; it++) {
		free(by_itin[it].v);
		if (P->pin_need[it] > 0 && !W->cover_row[it]) {
			pl_ivec none = {0};
			cover(W, it, &none, 0, 0);
		}
	}
	for (int s = 0; s < P->ds->n_escorts; s++) {
		if (per_esc[s].n > 1) {
			qsort_r(per_esc[s].v, (size_t)per_esc[s].n, sizeof(int), cmp_edate, W);
			turn(W, s, &per_esc[s]);
		}
		free(per_esc[s].v);
	}
	free(per_esc);
	free(by_itin);
}

static void pinned_cols(lpw *W)
{
	pl_ctx *P = W->P;
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		const pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_PINNED)
			continue;
		pl_col c;
		pl_col_fill(P, &c, &ci, 1, pc->pin_itin);
		int j = add_col(W, C_PINNED, ci, pc->pin_itin, c.w1, 0);
		colacc a = {W, j};
		pl_col_res(P, &c, col_res, &a);
		if (pc->clinic >= 0 && pc->pin_ftt != MP_NODATE)
			add_nz(W, res_row(W, pl_res_get(P, RK_CLINIC, pc->clinic, pc->pin_ftt)), j, pc->persons);
		if (W->cover_row[pc->pin_itin])
			add_nz(W, W->cover_row[pc->pin_itin] - 1, j, c.need);
		if (W->med_row[pc->pin_itin])
			add_nz(W, W->med_row[pc->pin_itin] - 1, j, c.need_med);
	}
	for (int s = 0; s < P->ds->n_escorts; s++)
		for (int t = 0; t < P->escorts[s].n_pin; t++) {
			int it = P->escorts[s].pin_itins[t];
			int j = add_col(W, C_PTRIP, s, it, 0, 0);
			seats_of(W, j, it);
			const mp_escort *e = &P->ds->escorts[s];
			if (W->cover_row[it])
				add_nz(W, W->cover_row[it] - 1, j, -e->covers);
			if (W->med_row[it] && e->kind == MP_ESC_MEDICAL)
				add_nz(W, W->med_row[it] - 1, j, -e->covers);
		}
}

/* ---- writing ---- */

static void sanitize(char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			*s = '_';
}

static void col_name(const lpw *W, int j, char *buf, size_t n)
{
	const pl_ctx *P = W->P;
	const col *c = &W->cols[j];
	const char *id = c->kind == C_X ? P->cases[P->units[c->a].cases[0]].c->id
			 : c->kind == C_Z || c->kind == C_PINNED ? P->cases[c->a].c->id
			 : P->ds->escorts[c->a].id;
	snprintf(buf, n, "%s%d_%s_%d", cnames[c->kind], j + 1, id, c->b);
	sanitize(buf);
}

static void row_name(const lpw *W, int i, char *buf, size_t n)
{
	const pl_ctx *P = W->P;
	const row *r = &W->rows[i];
	const char *id = "";
	switch (r->kind) {
	case R_UNIT: id = P->cases[P->units[r->a].cases[0]].c->id; break;
	case R_CHECKDAY: id = P->cases[r->a].c->id; break;
	case R_TURN: id = P->ds->escorts[r->a].id; break;
	case R_RES: {
		const pl_res *x = &P->res[r->a];
		id = x->kind == RK_SEATS || x->kind == RK_SSR ? P->ds->flights[x->a].id
		     : x->kind == RK_CLINIC ? P->ds->clinics[x->a].id : P->ds->quotas[x->a].id;
		break;
	}
	default: id = P->ds->flights[P->itins[r->a].legs[0]].id; break;
	}
	snprintf(buf, n, "%s%d_%s", rnames[r->kind], i + 1, id);
	sanitize(buf);
}

/* Names are made once: the streamed models have millions of terms. */
static char **make_names(const lpw *W, bool cols)
{
	int n = cols ? W->n_cols : W->n_rows;
	char **v = mp_xcalloc((size_t)n + 1, sizeof *v);
	char buf[300];
	for (int i = 0; i < n; i++) {
		if (cols)
			col_name(W, i, buf, sizeof buf);
		else
			row_name(W, i, buf, sizeof buf);
		v[i] = mp_xstrdup(buf);
	}
	return v;
}

/* A coefficient: integers (nearly all) without printf. */
static int number(char *out, double v)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		char tmp[24];
		long long x = (long long)v;
		int n = 0;
		do {
			tmp[n++] = (char)('0' + x % 10);
			x /= 10;
		} while (x);
		for (int i = 0; i < n; i++)
			out[i] = tmp[n - 1 - i];
		out[n] = '\0';
		return n;
	}
	return snprintf(out, 32, "%.15g", v);
}

/* One term, breaking lines as GLPK's writer does. */
static void term(FILE *f, int *len, double v, const char *name)
{
	char num[40];
	int n = number(num, fabs(v));
	int w = 4 + n + (int)strlen(name);
	if (*len + w > 72) {
		fputc('\n', f);
		*len = 0;
	}
	fputs(v < 0 ? " - " : " + ", f);
	fputs(num, f);
	fputc(' ', f);
	fputs(name, f);
	*len += w;
}

static void write_rows(lpw *W, FILE *f, char **cn, char **rn)
{
	char num[40];
	for (int i = 0; i < W->n_rows; i++) {
		long a = W->start[i], b = W->start[i + 1];
		if (a == b)
			continue; /* an empty row says nothing */
		fprintf(f, " %s:", rn[i]);
		int len = (int)strlen(rn[i]) + 2;
		for (long q = a; q < b; q++)
			term(f, &len, W->nzs[q].v, cn[W->nzs[q].col]);
		number(num, W->rows[i].rhs);
		fprintf(f, " %s %s\n", W->rows[i].type == GLP_FX ? "=" : "<=", num);
	}
}

static int write_file(lpw *W, FILE *f)
{
	char **cn = make_names(W, true), **rn = make_names(W, false);
	fprintf(f, "\\* Problem: movplan *\\\n\nMaximize\n weighted_persons:");
	int len = 18;
	for (int j = 0; j < W->n_cols; j++)
		if (W->cols[j].obj != 0)
			term(f, &len, W->cols[j].obj, cn[j]);
	fprintf(f, "\n\nSubject To\n");
	write_rows(W, f, cn, rn);
	fprintf(f, "\nBounds\n");
	for (int j = 0; j < W->n_cols; j++) {
		if (W->cols[j].ub == 0)
			fprintf(f, " %s = 1\n", cn[j]);
		else
			fprintf(f, " 0 <= %s <= %d\n", cn[j], W->cols[j].ub);
	}
	fprintf(f, "\nGenerals\n");
	for (int j = 0; j < W->n_cols; j++)
		if (W->cols[j].ub != 0)
			fprintf(f, " %s\n", cn[j]);
	fprintf(f, "\nEnd\n");
	mp_strv_free(cn, W->n_cols);
	mp_strv_free(rn, W->n_rows);
	return ferror(f) ? -1 : 0;
}

/* Every column with its nonzeros, in model.c's order. */
static void generate(lpw *W)
{
	W->n_rows = W->n_cols = 0;
	if (W->res_row)
		memset(W->res_row, 0, (size_t)W->n_res_row * sizeof(int));
	memset(W->cover_row, 0, (size_t)(W->P->n_itins + 1) * sizeof(int));
	memset(W->med_row, 0, (size_t)(W->P->n_itins + 1) * sizeof(int));
	mp_u64map_release(&W->link);
	mp_u64map_init(&W->link);
	x_cols(W);
	z_cols(W);
	e_cols(W);
	pinned_cols(W);
}

int pl_write_model_stream(pl_ctx *P, const char *file)
{
	lpw W;
	memset(&W, 0, sizeof W);
	W.P = P;
	W.cover_row = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	W.med_row = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	W.first_x = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	mp_u64map_init(&W.link);
	generate(&W);                    /* count */
	W.start = mp_xcalloc((size_t)W.n_rows + 2, sizeof(long));
	for (int i = 0; i < W.n_rows; i++)
		W.start[i + 1] = W.start[i] + W.next[i];
	memcpy(W.next, W.start, (size_t)W.n_rows * sizeof(long));
	W.nzs = mp_xcalloc((size_t)W.n_nz + 1, sizeof *W.nzs);
	W.fill = true;
	generate(&W);                    /* file */
	int rc = MP_OK;
	FILE *f = fopen(file, "w"); /* the 0600 temporary of write_full_model */
	if (f)
		setvbuf(f, NULL, _IOFBF, 1 << 20);
	if (!f || write_file(&W, f) != 0)
		rc = MP_ECANTCREAT;
	if (f && fclose(f) != 0)
		rc = MP_ECANTCREAT;
	if (rc != MP_OK)
		mp_errors_addf(P->errs, MP_ECANTCREAT, "%s: cannot write the model",
			       P->req->write_model);
	free(W.rows), free(W.cols), free(W.nzs), free(W.start), free(W.next);
	free(W.res_row), free(W.cover_row), free(W.med_row), free(W.first_x);
	mp_u64map_release(&W.link);
	return rc;
}
