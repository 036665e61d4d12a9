/*
 * dominance.c - within a unit, two columns that touch the same binding
 * resources with the same coefficients are interchangeable for every
 * constraint, so only the better one for the objective is kept (exact,
 * for the units of components given every column).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

typedef struct sig {
	const pl_ctx *P;
	pl_ivec res;
	double *coef;
	int n, cap;
} sig;

static void sig_add(void *arg, int r, double v)
{
	sig *s = arg;
	if (!s->P->res[r].binding)
		return;
	pl_ivec_push(&s->res, r);
	MP_GROW(s->coef, s->n, s->cap);
	s->coef[s->n++] = v;
}

static uint64_t col_sig(pl_ctx *P, const pl_unit *u, const pl_col *c, sig *s)
{
	s->res.n = s->n = 0;
	s->P = P;
	pl_col_res(P, c, sig_add, s);
	/* sort entries by resource (insertion sort: a handful) */
	for (int i = 1; i < s->n; i++)
		for (int k = i; k > 0 && s->res.v[k - 1] > s->res.v[k]; k--) {
			int t = s->res.v[k];
			s->res.v[k] = s->res.v[k - 1], s->res.v[k - 1] = t;
			double d = s->coef[k];
			s->coef[k] = s->coef[k - 1], s->coef[k - 1] = d;
		}
	uint64_t h = 1469598103934665603ull;
	for (int i = 0; i < s->n; i++)
		h = pl_hash_mix(pl_hash_mix(h, s->res.v[i]), s->coef[i]);
	if (u->clinic)
		h = pl_hash_mix(h, P->itins[c->itin].dep_date);
	return h;
}

/* True when a is better than b on levels 1-4, then lower index. */
static bool col_better(const pl_col *a, int ia, const pl_col *b, int ib)
{
	if (a->w1 != b->w1)
		return a->w1 > b->w1;
	if (a->ref != b->ref)
		return a->ref > b->ref;
	if (a->wait != b->wait)
		return a->wait < b->wait;
	if (a->cost != b->cost)
		return a->cost < b->cost;
	return ia < ib;
}

typedef struct sigent {
	uint64_t h;
	int col;
} sigent;

static int cmp_sigent(const void *a, const void *b)
{
	const sigent *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->col - y->col;
}

static bool sig_equal(pl_ctx *P, const pl_unit *u, int a, int b, sig *sa, sig *sb)
{
	col_sig(P, u, &P->cols[a], sa);
	col_sig(P, u, &P->cols[b], sb);
	if (sa->n != sb->n)
		return false;
	if (u->clinic && P->itins[P->cols[a].itin].dep_date != P->itins[P->cols[b].itin].dep_date)
		return false;
	for (int i = 0; i < sa->n; i++)
		if (sa->res.v[i] != sb->res.v[i] || sa->coef[i] != sb->coef[i])
			return false;
	return true;
}

/* Two columns of one unit touching the same binding resources with the
 * same coefficients are interchangeable for every constraint: keep the
 * better one for the objective (exact, for materialised units). */
static void dominate_unit(pl_ctx *P, pl_unit *u, sig *sa, sig *sb)
{
	if (u->escort || u->n_cols < 2)
		return;
	sigent *v = mp_xcalloc((size_t)u->n_cols, sizeof *v);
	for (int j = 0; j < u->n_cols; j++)
		v[j] = (sigent){col_sig(P, u, &P->cols[u->cols[j]], sa), u->cols[j]};
	qsort(v, (size_t)u->n_cols, sizeof *v, cmp_sigent);
	for (int i = 0; i < u->n_cols;) {
		int e = i + 1;
		while (e < u->n_cols && v[e].h == v[i].h)
			e++;
		for (int a = i; a < e; a++)
			for (int b = a + 1; b < e && !P->cols[v[a].col].dropped; b++) {
				int ca = v[a].col, cb = v[b].col;
				if (P->cols[cb].dropped || !sig_equal(P, u, ca, cb, sa, sb))
					continue;
				if (col_better(&P->cols[ca], ca, &P->cols[cb], cb))
					P->cols[cb].dropped = true;
				else
					P->cols[ca].dropped = true;
			}
		i = e;
	}
	free(v);
}

void pl_dominate(pl_ctx *P, const pl_comp *k)
{
	sig sa = {0}, sb = {0};
	for (int i = 0; i < k->n_units; i++)
		dominate_unit(P, &P->units[k->units[i]], &sa, &sb);
	free(sa.res.v), free(sa.coef), free(sb.res.v), free(sb.coef);
}
