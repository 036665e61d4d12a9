/*
 * price.c - the Lagrangian function of level 1 (see price.h): sums of
 * multipliers per itinerary, each unit's best columns, each escort's
 * best schedule, the value and the subgradient.
 *
 * Pricing - every unit's best columns - is nearly all of the time and
 * reads only the multipliers' sums: the units are split into
 * contiguous slices of about equal eligible pairs, one per core, each
 * priced by its own thread; what depends on the order (L's value, the
 * subgradient) is then summed in unit order by the calling thread, so
 * the result does not depend on the number of threads.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "price.h"

/* ---- multipliers summed per itinerary ---- */

static void sums(pl_price *L)
{
	pl_ctx *P = L->P;
	for (int i = 0; i < P->n_itins; i++) {
		if (!L->want[i])
			continue;
		pl_itsum *d = &L->S[i];
		memset(d, 0, sizeof *d);
		const int *rix = pl_itin_res(P, i);
		const pl_itin *it = &P->itins[i];
		for (int l = 0; l < it->n_legs; l++) {
			const int *lr = rix + l * PL_RIX_LEG;
			double y = L->lam[lr[0]];
			d->plain += y;
			d->seats += y;
			d->stretch += y * P->ds->flights[it->legs[l]].stretcher_seats;
			for (int k = 0; k < MP_N_SSR; k++)
				if (lr[1 + k] >= 0)
					d->ssr[k] += L->lam[lr[1 + k]];
		}
		const int *q = rix + it->n_legs * PL_RIX_LEG;
		for (int k = 0; k < it->n_quotas; k++)
			for (int kind = 0; kind < MP_N_KIND; kind++) {
				if (!mp_quota_counts(&P->ds->quotas[it->quotas[k]], (enum mp_case_kind)kind))
					continue;
				d->persons[kind] += L->lam[q[2 * k]];
				d->ncases[kind] += q[2 * k + 1] >= 0 ? L->lam[q[2 * k + 1]] : 0;
			}
		d->cover = L->pi[i];
		d->med = L->rho[i];
	}
}

/* The cheapest allowed check day per clinic and departure date, once
 * per iteration. */
static void day_prices(pl_price *L)
{
	pl_ctx *P = L->P;
	for (int c = 0; c < P->ds->n_clinics && P->cday; c++)
		for (int d = 0; d < P->cday_days; d++) {
			int res[3], n = pl_check_res(P, c, P->cday_base + d, res), best = -1;
			double price = 0;
			for (int k = 0; k < n; k++)
				if (best < 0 || L->lam[res[k]] < price) {
					best = res[k];
					price = L->lam[res[k]];
				}
			L->dayprice[c * P->cday_days + d] = price;
			L->dayres[c * P->cday_days + d] = best;
		}
}

/* The cheapest allowed check day of a case under the multipliers. */
int pl_price_day(const pl_price *L, int ci, mp_date dep, double *price)
{
	const pl_ctx *P = L->P;
	const pl_case *pc = &P->cases[ci];
	int off = dep - P->cday_base;
	if (off < 0 || off >= P->cday_days) {
		*price = 0;
		return -1;
	}
	int i = pc->clinic * P->cday_days + off;
	*price = L->dayprice[i] * pc->persons;
	return L->dayres[i];
}

/* Lagrangian value of a unit's column: its level-1 weight less the
 * multipliers of what it uses (profile . sums of the itinerary). */
static double col_value(const pl_itsum *d, const pl_prof *pr, const int *ssr_nz, int n_nz, double clinic)
{
	double v = pr->w1 - pr->plain * d->plain - pr->persons * d->persons[pr->kind] -
		   pr->ncases * d->ncases[pr->kind] - clinic;
	if (pr->stretch)
		v -= pr->stretch * d->stretch;
	if (pr->need)
		v -= pr->need * d->cover + pr->need_med * d->med;
	for (int i = 0; i < n_nz; i++)
		v -= pr->ssr[ssr_nz[i]] * d->ssr[ssr_nz[i]];
	return v;
}

static double unit_clinic(const pl_price *L, const pl_unit *u, mp_date dep)
{
	double total = 0, p;
	for (int i = 0; i < u->n_cases && !u->aggregated; i++)
		if (L->P->cases[u->cases[i]].clinic >= 0) {
			pl_price_day(L, u->cases[i], dep, &p);
			total += p;
		}
	return total;
}

/* Codes a profile carries (most carry none). */
static int ssr_codes(const pl_prof *pr, int nz[MP_N_SSR])
{
	int n = 0;
	for (int s = 0; s < MP_N_SSR; s++)
		if (pr->ssr[s])
			nz[n++] = s;
	return n;
}

/* Best columns of one unit; returns the best value (may be < 0).
 * Partial pricing looks only at the candidates of the last full one. */
static double unit_best(pl_price *L, int slot, bool full)
{
	const pl_ctx *P = L->P;
	const pl_unit *u = &P->units[L->C->units[slot]];
	int *best = &L->best[slot * PL_PRICE_KEEP];
	double bv[PL_PRICE_KEEP];
	for (int b = 0; b < PL_PRICE_KEEP; b++)
		best[b] = -1, bv[b] = -INFINITY;
	mp_date cdep = MP_NODATE;
	double clinic = 0;
	int pi = 0, nz[MP_N_SSR];
	int n_nz = ssr_codes(&u->prof[0], nz);
	const int *cand = &L->cand[slot * PL_PRICE_KEEP];
	const unsigned char *skip = L->skip + L->skip_at[slot];
	int n = full ? u->n_elig : PL_PRICE_KEEP;
	for (int j = 0; j < n; j++) {
		int k = full ? j : cand[j];
		if (k < 0)
			break;
		if (skip[k])
			continue;
		if (!full) {
			pi = 0;
			while (pi + 1 < u->n_prof && u->prof_from[pi + 1] <= P->itins[u->elig[k]].dep_date)
				pi++;
			n_nz = ssr_codes(&u->prof[pi], nz);
		}
		int it = u->elig[k];
		mp_date dep = P->itins[it].dep_date;
		if (full && pi + 1 < u->n_prof && u->prof_from[pi + 1] <= dep) {
			while (pi + 1 < u->n_prof && u->prof_from[pi + 1] <= dep)
				pi++; /* eligible itineraries come by departure */
			n_nz = ssr_codes(&u->prof[pi], nz);
		}
		if (u->clinic && dep != cdep) {
			clinic = unit_clinic(L, u, dep);
			cdep = dep;
		}
		double v = col_value(&L->S[it], &u->prof[pi], nz, n_nz, clinic);
		if (v <= bv[PL_PRICE_KEEP - 1])
			continue;
		for (int b = 0; b < PL_PRICE_KEEP; b++)
			if (v > bv[b]) {
				memmove(&bv[b + 1], &bv[b], (size_t)(PL_PRICE_KEEP - b - 1) * sizeof *bv);
				memmove(&best[b + 1], &best[b], (size_t)(PL_PRICE_KEEP - b - 1) * sizeof *best);
				bv[b] = v;
				best[b] = k;
				break;
			}
	}
	L->bestv[slot] = bv[0];
	memcpy(&L->bestval[slot * PL_PRICE_KEEP], bv, PL_PRICE_KEEP * sizeof *bv);
	if (full)
		memcpy(&L->cand[slot * PL_PRICE_KEEP], best, PL_PRICE_KEEP * sizeof *best);
	return bv[0];
}

/* ---- escorts: best trips under the turnaround ---- */

typedef struct trip {
	mp_date d;
	double v;
	int it;
} trip;

static int cmp_trip(const void *a, const void *b)
{
	const trip *x = a, *y = b;
	return x->d != y->d ? (x->d < y->d ? -1 : 1) : x->it - y->it;
}

double pl_price_trip(const pl_price *L, int s, int it)
{
	const mp_escort *e = &L->P->ds->escorts[s];
	const pl_itsum *d = &L->S[it];
	return e->covers * (d->cover + (e->kind == MP_ESC_MEDICAL ? d->med : 0)) - d->seats;
}

/* Weighted interval scheduling: trips at least t days apart. */
static double escort_best(pl_price *L, int s)
{
	pl_ctx *P = L->P;
	const mp_escort *e = &P->ds->escorts[s];
	trip *v = NULL;
	int n = 0;
	L->esc_trips[s].n = 0;
	L->esc_val[s] = 0;
	for (int i = 0; i < P->n_itins; i++) {
		if (!L->want[i] || !pl_escort_free(P, s, i))
			continue;
		double val = pl_price_trip(L, s, i);
		if (val <= 0)
			continue;
		v = mp_xrealloc(v, (size_t)(n + 1) * sizeof *v);
		v[n++] = (trip){P->itins[i].dep_date, val, i};
	}
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_trip);
	int t = e->turnaround_days > 1 ? e->turnaround_days : 1;
	double *f = mp_xcalloc((size_t)n + 1, sizeof *f);
	int *prev = mp_xcalloc((size_t)n + 1, sizeof *prev);
	for (int k = 0; k < n; k++) {
		int p = k - 1;
		while (p >= 0 && v[p].d > v[k].d - t)
			p--;
		prev[k] = p;
		double take = v[k].v + (p >= 0 ? f[p] : 0);
		f[k] = fmax(k > 0 ? f[k - 1] : 0, take);
	}
	double best = f[n - 1];
	L->esc_val[s] = best;
	/* the schedule and the subgradient: walk back the chosen trips */
	for (int k = n - 1; k >= 0;) {
		double take = v[k].v + (prev[k] >= 0 ? f[prev[k]] : 0);
		if (take >= f[k] - 1e-12 && (k == 0 || take >= f[k - 1])) {
			const pl_itin *it = &P->itins[v[k].it];
			for (int l = 0; l < it->n_legs; l++) {
				int r = pl_res_find(P, RK_SEATS, it->legs[l], 0);
				if (r >= 0)
					L->g[r] -= 1;
			}
			L->gpi[v[k].it] += e->covers;
			if (e->kind == MP_ESC_MEDICAL)
				L->grho[v[k].it] += e->covers;
			pl_ivec_push(&L->esc_trips[s], v[k].it);
			k = prev[k];
		} else {
			k--;
		}
	}
	free(f);
	free(prev);
	free(v);
	return best;
}

/* ---- one evaluation of L and its subgradient ---- */

typedef struct subacc {
	pl_price *L;
	double times;
} subacc;

static void sub_res(void *arg, int r, double v)
{
	subacc *a = arg;
	a->L->g[r] -= v * a->times;
}

static void unit_subgradient(pl_price *L, int slot)
{
	pl_ctx *P = L->P;
	int ui = L->C->units[slot];
	const pl_unit *u = &P->units[ui];
	int k = L->best[slot * PL_PRICE_KEEP];
	pl_col col;
	pl_col_make(P, ui, k, &col);
	subacc a = {L, u->count};
	pl_col_res(P, &col, sub_res, &a);
	L->gpi[col.itin] -= col.need * u->count;
	L->grho[col.itin] -= col.need_med * u->count;
	mp_date dep = P->itins[col.itin].dep_date;
	for (int i = 0; i < u->n_cases && !u->aggregated; i++) {
		double p;
		if (P->cases[u->cases[i]].clinic < 0)
			continue;
		int r = pl_price_day(L, u->cases[i], dep, &p);
		if (r >= 0)
			L->g[r] -= P->cases[u->cases[i]].persons;
	}
}

#define PRICE_THREADS 4
double pl_price_pairs = 20000; /* components smaller are priced by one thread */

typedef struct slice {
	pl_price *L;
	int from, to;
	bool full;
} slice;

static void *price_slice(void *arg)
{
	slice *sl = arg;
	for (int k = sl->from; k < sl->to; k++)
		unit_best(sl->L, k, sl->full);
	return NULL;
}

static int price_threads(const pl_price *L)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1 || L->C->size < pl_price_pairs) /* small: not worth a thread */
		return 1;
	return n > PRICE_THREADS ? PRICE_THREADS : (int)n;
}

static void price_all(pl_price *L, bool full)
{
	int nt = price_threads(L), n = L->C->n_units;
	slice sl[PRICE_THREADS];
	pthread_t th[PRICE_THREADS];
	bool started[PRICE_THREADS] = {false};
	double per = L->C->size / nt, acc = 0;
	int k = 0;
	for (int t = 0; t < nt; t++) {
		sl[t] = (slice){L, k, n, full};
		if (t < nt - 1) {
			while (k < n && acc < per * (t + 1))
				acc += L->P->units[L->C->units[k++]].n_elig;
			sl[t].to = k;
		}
	}
	for (int t = 1; t < nt; t++)
		started[t] = pthread_create(&th[t], NULL, price_slice, &sl[t]) == 0;
	price_slice(&sl[0]);
	for (int t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			price_slice(&sl[t]); /* no thread: price it here */
	}
}

/* L(lambda) with its subgradient; only a full pricing gives a bound. */
double pl_price_eval(pl_price *L, bool full)
{
	pl_ctx *P = L->P;
	sums(L);
	day_prices(L);
	double val = 0;
	for (int r = 0; r < P->n_res; r++) {
		L->g[r] = P->res[r].binding ? pl_res_room(&P->res[r]) : 0;
		val += L->lam[r] * L->g[r];
	}
	for (int i = 0; i < P->n_itins; i++) {
		L->gpi[i] = L->cov0[i];
		L->grho[i] = L->med0[i];
		val += L->pi[i] * L->cov0[i] + L->rho[i] * L->med0[i];
	}
	price_all(L, full);
	L->pairs += full ? L->C->size : (double)L->C->n_units * PL_PRICE_KEEP;
	for (int k = 0; k < L->C->n_units; k++) {
		double v = L->bestv[k];
		if (v > 0 && L->best[k * PL_PRICE_KEEP] >= 0) {
			val += v * P->units[L->C->units[k]].count;
			unit_subgradient(L, k);
		}
	}
	for (int s = 0; s < P->ds->n_escorts; s++)
		val += escort_best(L, s);
	return val;
}


double pl_price_col(const pl_price *L, int slot, int pos)
{
	const pl_ctx *P = L->P;
	const pl_unit *u = &P->units[L->C->units[slot]];
	int it = u->elig[pos];
	mp_date dep = P->itins[it].dep_date;
	int pi = 0, nz[MP_N_SSR];
	while (pi + 1 < u->n_prof && u->prof_from[pi + 1] <= dep)
		pi++;
	int n_nz = ssr_codes(&u->prof[pi], nz);
	double clinic = u->clinic ? unit_clinic(L, u, dep) : 0;
	return col_value(&L->S[it], &u->prof[pi], nz, n_nz, clinic);
}

/* ---- set-up ---- */

void pl_price_init(pl_price *L, pl_ctx *P, const pl_comp *C)
{
	memset(L, 0, sizeof *L);
	L->P = P;
	L->C = C;
	/* every check-day resource exists before the arrays are sized */
	int res[3];
	for (int c = 0; c < P->ds->n_clinics; c++)
		for (mp_date d = P->as_of - 1; d <= P->horizon_end; d++)
			pl_check_res(P, c, d, res);
	size_t nr = (size_t)P->n_res + 1, ni = (size_t)P->n_itins + 1, nu = (size_t)C->n_units + 1;
	L->n_dual = (int)(nr + 2 * ni);
	L->lam = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->pi = L->lam + nr;
	L->rho = L->pi + ni;
	L->g = mp_xcalloc((size_t)L->n_dual, sizeof(double));
	L->gpi = L->g + nr;
	L->grho = L->gpi + ni;
	L->active = mp_xcalloc((size_t)L->n_dual, sizeof(bool));
	for (size_t r = 0; r < nr + 2 * ni; r++)
		L->active[r] = r >= nr || ((int)r < P->n_res && P->res[r].binding);
	L->S = mp_xcalloc(ni, sizeof(pl_itsum));
	L->want = mp_xcalloc(ni, sizeof(bool));
	L->cov0 = mp_xcalloc(ni, sizeof(int));
	L->med0 = mp_xcalloc(ni, sizeof(int));
	L->best = mp_xcalloc(nu * PL_PRICE_KEEP, sizeof(int));
	L->bestval = mp_xcalloc(nu * PL_PRICE_KEEP, sizeof(double));
	L->skip_at = mp_xcalloc(nu, sizeof(size_t));
	size_t npos = 0;
	for (int k = 0; k < C->n_units; k++) {
		L->skip_at[k] = npos;
		npos += (size_t)P->units[C->units[k]].n_elig;
	}
	L->skip = mp_xcalloc(npos + 1, 1);
	for (int k = 0; k < C->n_units; k++) {
		const pl_unit *u = &P->units[C->units[k]];
		for (int j = 0; j < u->n_elig; j++)
			L->skip[L->skip_at[k] + (size_t)j] = u->col_at[j] >= 0 && P->cols[u->col_at[j]].dropped;
	}
	L->cand = mp_xcalloc(nu * PL_PRICE_KEEP, sizeof(int));
	L->bestv = mp_xcalloc(nu, sizeof(double));
	size_t nd = (size_t)P->ds->n_clinics * (size_t)P->cday_days + 1;
	L->dayprice = mp_xcalloc(nd, sizeof(double));
	L->dayres = mp_xcalloc(nd, sizeof(int));
	L->esc_val = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(double));
	L->esc_trips = mp_xcalloc((size_t)P->ds->n_escorts + 1, sizeof(pl_ivec));
	for (int k = 0; k < C->n_units; k++)
		for (int p = 0; p < P->units[C->units[k]].n_elig; p++)
			L->want[P->units[C->units[k]].elig[p]] = true;
	for (int i = 0; i < P->n_itins; i++) {
		int cov = 0, med = 0;
		for (int s = 0; s < P->ds->n_escorts; s++)
			if (pl_escort_on(P, s, i)) {
				cov += P->ds->escorts[s].covers;
				med += P->ds->escorts[s].kind == MP_ESC_MEDICAL ? P->ds->escorts[s].covers : 0;
			}
		L->cov0[i] = cov > P->pin_need[i] ? cov - P->pin_need[i] : 0;
		L->med0[i] = med > P->pin_med[i] ? med - P->pin_med[i] : 0;
	}
}

void pl_price_release(pl_price *L)
{
	free(L->lam), free(L->g), free(L->active);
	free(L->S), free(L->want), free(L->cov0), free(L->med0);
	free(L->best), free(L->bestval), free(L->cand), free(L->skip), free(L->skip_at), free(L->bestv);
	free(L->dayprice), free(L->dayres), free(L->esc_val);
	for (int s = 0; L->esc_trips && s < L->P->ds->n_escorts; s++)
		free(L->esc_trips[s].v);
	free(L->esc_trips);
}
