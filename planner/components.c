/*
 * components.c - the split into independent components.
 *
 * Units that share no binding resource and no escort are independent
 * (union-find over units, resources, escorts and the coverage rows of
 * shared itineraries); each connected group of units (a component) is
 * solved on its own, which is exact because no constraint links them.
 * Components small enough get every column (the exact model of
 * model.c), and dominated columns dropped (dominance.c).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int uf_find(int *p, int x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

static void uf_union(int *p, int a, int b)
{
	a = uf_find(p, a);
	b = uf_find(p, b);
	if (a != b) {
		if (a < b)
			p[b] = a;
		else
			p[a] = b;
	}
}

typedef struct linker {
	int *parent;
	int *first;      /* per resource: first unit seen, -1 */
	int *esc_first;  /* per escort */
	int *it_first;   /* per itinerary with escort needs */
	int unit;
	bool touched_binding;
} linker;

static void link_res(pl_ctx *P, linker *L, int r)
{
	if (!P->res[r].binding)
		return;
	L->touched_binding = true;
	if (L->first[r] < 0)
		L->first[r] = L->unit;
	else
		uf_union(L->parent, L->first[r], L->unit);
}

typedef struct linkacc {
	pl_ctx *P;
	linker *L;
} linkacc;

static void link_res_cb(void *arg, int r, double v)
{
	linkacc *a = arg;
	(void)v;
	link_res(a->P, a->L, r);
}

/* Units with escort needs on one itinerary share its coverage rows;
 * units that could use one escort share its turnaround. */
static void link_escorts(pl_ctx *P, linker *L, const pl_col *c)
{
	int u = L->unit;
	if (L->it_first[c->itin] < 0)
		L->it_first[c->itin] = u;
	else
		uf_union(L->parent, L->it_first[c->itin], u);
	for (int s = 0; s < P->ds->n_escorts; s++) {
		if (!pl_escort_free(P, s, c->itin))
			continue;
		if (L->esc_first[s] < 0)
			L->esc_first[s] = u;
		else
			uf_union(L->parent, L->esc_first[s], u);
	}
}

static void link_col(pl_ctx *P, void *arg, const pl_col *c)
{
	linker *L = arg;
	linkacc a = {P, L};
	pl_col_res(P, c, link_res_cb, &a);
	const pl_unit *un = &P->units[L->unit];
	for (int i = 0; i < un->n_cases; i++) {
		const pl_case *pc = &P->cases[un->cases[i]];
		mp_date days[3];
		int n = pc->clinic < 0 ? 0 : pl_check_days(P, pc->clinic, P->itins[c->itin].dep_date, days);
		for (int d = 0; d < n; d++)
			link_res(P, L, pl_res_get(P, RK_CLINIC, pc->clinic, days[d]));
	}
	if (c->need > 0)
		link_escorts(P, L, c);
}

static void build_comps(pl_ctx *P, int *parent, const bool *binding_touch)
{
	int *comp_of = mp_xcalloc((size_t)P->n_units + 1, sizeof(int));
	for (int u = 0; u < P->n_units; u++)
		comp_of[u] = -1;
	for (int u = 0; u < P->n_units; u++) {
		if (P->units[u].n_elig == 0)
			continue;
		int root = uf_find(parent, u);
		if (comp_of[root] < 0) {
			comp_of[root] = P->n_comps++;
			P->comps = mp_xrealloc(P->comps, (size_t)P->n_comps * sizeof *P->comps);
			memset(&P->comps[comp_of[root]], 0, sizeof *P->comps);
		}
		pl_comp *k = &P->comps[comp_of[root]];
		k->units = mp_xrealloc(k->units, (size_t)(k->n_units + 1) * sizeof(int));
		k->units[k->n_units++] = u;
		k->size += P->units[u].n_elig;
		P->units[u].comp = comp_of[root];
	}
	for (int c = 0; c < P->n_comps; c++) {
		pl_comp *k = &P->comps[c];
		const pl_unit *u = &P->units[k->units[0]];
		k->trivial = k->n_units == 1 && !u->escort &&
			     (u->count == 1 || !binding_touch[k->units[0]]);
	}
	free(comp_of);
}

static void link_all(pl_ctx *P)
{
	int nu = P->n_units;
	linker L;
	L.parent = mp_xcalloc((size_t)nu + 1, sizeof(int));
	L.first = mp_xcalloc((size_t)P->n_res + 1, sizeof(int));
	L.esc_first = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(int));
	L.it_first = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	bool *touch = mp_xcalloc((size_t)nu + 1, sizeof(bool));
	for (int u = 0; u < nu; u++)
		L.parent[u] = u;
	for (int r = 0; r < P->n_res; r++)
		L.first[r] = -1;
	for (int s = 0; s < P->ds->n_escorts; s++)
		L.esc_first[s] = -1;
	for (int i = 0; i < P->n_itins; i++)
		L.it_first[i] = -1;
	for (int u = 0; u < nu; u++) {
		L.unit = u;
		L.touched_binding = false;
		pl_each_col(P, u, link_col, &L);
		touch[u] = L.touched_binding;
	}
	build_comps(P, L.parent, touch);
	free(L.parent), free(L.first), free(L.esc_first), free(L.it_first), free(touch);
}

void pl_decompose(pl_ctx *P, bool reduce, double full_limit)
{
	pl_res_mark_binding(P);
	if (!reduce)
		for (int r = 0; r < P->n_res; r++)
			P->res[r].binding = true;
	link_all(P);
	for (int c = 0; c < P->n_comps; c++) {
		pl_comp *k = &P->comps[c];
		k->full = !k->trivial && k->size <= full_limit &&
			  k->size * k->n_units <= full_limit * PL_FULL_UNITS;
		if (!k->full)
			continue;
		for (int i = 0; i < k->n_units; i++)
			pl_unit_materialize(P, k->units[i]);
		if (reduce)
			pl_dominate(P, k);
	}
}
