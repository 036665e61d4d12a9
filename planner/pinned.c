/*
 * pinned.c - confirmed bookings (SPEC 2.12) and history before the
 * model is built.
 *
 * A pinned booking is kept exactly as booked and counts against every
 * limit: its use becomes the resources' `fixed` part, which the model's
 * rows subtract.  Where it breaks a rule it is listed in conflicts and
 * kept all the same.  Where pinned bookings alone exceed a limit, the
 * limit is taken as their use (room 0) and each of them is listed.
 * History (travelled, or confirmed and departed) counts against quotas
 * and escort turnaround only.
 *
 * What the booking leaves open is settled here, once, so the model
 * never has to choose for a pinned case: a check date when none was
 * booked (the latest allowed day with room), and escorts when the
 * booked ones do not cover the pinned cases' needs (free escorts,
 * medical first, largest covers first).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const char *rule_of(enum mp_reason_code code)
{
	switch (code) {
	case MP_R_NO_ROUTE: case MP_R_HORIZON: return "2";
	case MP_R_PREGNANCY: return "2.4";
	case MP_R_ARRIVAL_RULE: return "2.8";
	case MP_R_TRANSIT_VISA: return "2.9";
	case MP_R_CLINIC: return "2.10";
	case MP_R_NO_ESCORT: return "2.11";
	case MP_R_CAPACITY: return "2.5";
	case MP_R_ASSISTANCE_LIMIT: return "2.6";
	case MP_R_QUOTA: return "2.7";
	case MP_R_LINKED_CASE: return "2.2";
	default: return "2.3";
	}
}

/* SPEC 2 itinerary shape: origin, connections, destination. */
static void check_shape(pl_ctx *P, mp_plan *out, int ci)
{
	const pl_case *pc = &P->cases[ci];
	const pl_itin *it = &P->itins[pc->pin_itin];
	const mp_flight *first = &P->ds->flights[it->legs[0]];
	const mp_flight *last = &P->ds->flights[it->legs[it->n_legs - 1]];
	const char *why = NULL;
	if (strcmp(first->from, pc->c->origin) != 0)
		why = "the first flight does not leave from the case's origin";
	else if (!it->valid)
		why = "the flights do not connect within the airports' connection times";
	else if (pc->c->dest_airport ? strcmp(last->to, pc->c->dest_airport) != 0
		 : (it->arr_airport < 0 ||
		    strcmp(P->ds->airports[it->arr_airport].country, pc->c->dest_country) != 0))
		why = "the last flight does not arrive at the case's destination";
	if (why)
		pl_add_conflict(P, out, ci, "2", MP_R_NO_ROUTE, "confirmed booking: %s", why);
}

static void rule_conflicts(pl_ctx *P, mp_plan *out, int ci)
{
	pl_detail det;
	memset(&det, 0, sizeof det);
	uint32_t m = pl_check(P, ci, P->cases[ci].pin_itin, true, &det);
	for (int code = 0; code < MP_N_REASON; code++)
		if (m & PL_BIT(code))
			pl_add_conflict(P, out, ci, rule_of(code), code, "confirmed booking: %s",
					det.text[code] ? det.text[code] : mp_reason_names[code]);
	pl_detail_release(&det);
}

typedef struct fixacc {
	pl_ctx *P;
} fixacc;

static void add_fixed(void *arg, int r, double v)
{
	fixacc *f = arg;
	f->P->res[r].fixed += v;
}

static void pinned_use(pl_ctx *P, int ci)
{
	pl_col col;
	pl_col_fill(P, &col, &ci, 1, P->cases[ci].pin_itin);
	fixacc f = {P};
	pl_col_res(P, &col, add_fixed, &f);
	const pl_itin *it = &P->itins[col.itin];
	P->pin_need[col.itin] += col.need;
	P->pin_med[col.itin] += col.need_med;
	(void)it;
}

static void history_use(pl_ctx *P, int ci)
{
	const pl_case *pc = &P->cases[ci];
	if (pc->pin_itin < 0)
		return;
	const pl_itin *it = &P->itins[pc->pin_itin];
	for (int q = 0; q < it->n_quotas; q++) {
		int qi = it->quotas[q];
		if (!mp_quota_counts(&P->ds->quotas[qi], pc->c->kind))
			continue; /* SPEC 1 quota kinds */
		P->res[pl_res_get(P, RK_QPERS, qi, 0)].fixed += pc->persons;
		if (P->ds->quotas[qi].max_cases != MP_ABSENT)
			P->res[pl_res_get(P, RK_QCASES, qi, 0)].fixed += 1;
		it = &P->itins[pc->pin_itin];
	}
}

/* SPEC 2.10 for pinned cases: a booked date is kept (listed when not
 * allowed); otherwise the latest allowed day with room. */
static void pinned_clinic(pl_ctx *P, mp_plan *out, int ci, bool booked_pass)
{
	pl_case *pc = &P->cases[ci];
	if (pc->clinic < 0)
		return;
	mp_date dep = P->itins[pc->pin_itin].dep_date;
	char a[MP_DATE_BUF];
	if (booked_pass) {
		if (pc->pin_ftt == MP_NODATE)
			return;
		if (!pl_check_day_allowed(P, pc->clinic, dep, pc->pin_ftt)) {
			mp_date_format(pc->pin_ftt, a);
			pl_add_conflict(P, out, ci, "2.10", MP_R_CLINIC,
					"confirmed booking: check date %s is not 1-3 days before departure, "
					"on or after as_of, on a day clinic %s is open", a,
					P->ds->clinics[pc->clinic].id);
		}
	} else {
		if (pc->pin_ftt != MP_NODATE)
			return;
		mp_date days[3];
		int n = pl_check_days(P, pc->clinic, dep, days);
		if (n == 0) {
			pl_add_conflict(P, out, ci, "2.10", MP_R_CLINIC,
					"confirmed booking: clinic %s has no allowed check day",
					P->ds->clinics[pc->clinic].id);
			return;
		}
		pc->pin_ftt = days[0];
		for (int i = 0; i < n; i++) {
			const pl_res *r = &P->res[pl_res_get(P, RK_CLINIC, pc->clinic, days[i])];
			if (r->fixed + pc->persons <= r->limit) {
				pc->pin_ftt = days[i];
				break;
			}
		}
	}
	P->res[pl_res_get(P, RK_CLINIC, pc->clinic, pc->pin_ftt)].fixed += pc->persons;
}

/* SPEC 2.11: a booked escort must be available and keep turnaround. */
static void booked_escorts(pl_ctx *P, mp_plan *out, int ci)
{
	const pl_case *pc = &P->cases[ci];
	const mp_booking *bk = &P->ds->bookings[pc->booking];
	mp_date d = P->itins[pc->pin_itin].dep_date;
	for (int i = 0; i < bk->n_escorts; i++) {
		int s = mp_strmap_get(&P->escort_ix, bk->escorts[i]);
		if (s < 0)
			continue;
		const pl_escort *e = &P->escorts[s];
		bool ok = d >= e->e->available_from && d <= e->e->available_to;
		for (int j = 0; j < e->n_busy && ok; j++) {
			int gap = d > e->busy[j] ? d - e->busy[j] : e->busy[j] - d;
			ok = gap == 0 || gap >= e->e->turnaround_days;
		}
		/* same-day busy dates are this trip, or a clash */
		for (int j = 0; j < e->n_pin && ok; j++)
			ok = e->pin_itins[j] == pc->pin_itin || P->itins[e->pin_itins[j]].dep_date != d;
		if (!ok)
			pl_add_conflict(P, out, ci, "2.11", MP_R_NO_ESCORT,
					"confirmed booking: escort %s is not available on that date or breaks its turnaround",
					e->e->id);
	}
}

static void itin_covers(const pl_ctx *P, int it, int *cov, int *med)
{
	*cov = *med = 0;
	for (int s = 0; s < P->ds->n_escorts; s++)
		if (pl_escort_on(P, s, it)) {
			*cov += P->ds->escorts[s].covers;
			if (P->ds->escorts[s].kind == MP_ESC_MEDICAL)
				*med += P->ds->escorts[s].covers;
		}
}

/* Adds free escorts to a pinned itinerary until its pinned needs are
 * covered; returns false when they cannot be. */
static bool cover_pinned(pl_ctx *P, int it)
{
	int cov, med;
	itin_covers(P, it, &cov, &med);
	for (int pass = 0; pass < 3; pass++) {
		for (;;) {
			bool short_med = med < P->pin_med[it], short_all = cov < P->pin_need[it];
			if (!(pass == 0 ? short_med : short_all))
				break;
			int best = -1;
			for (int s = 0; s < P->ds->n_escorts; s++) {
				const mp_escort *e = &P->ds->escorts[s];
				bool want = pass == 1 ? e->kind == MP_ESC_OPERATIONAL : pass == 0 ? e->kind == MP_ESC_MEDICAL : true;
				if (!want || !pl_escort_free(P, s, it))
					continue;
				if (best < 0 || e->covers > P->ds->escorts[best].covers)
					best = s;
			}
			if (best < 0)
				break;
			pl_escort_pin(P, best, it);
			itin_covers(P, it, &cov, &med);
		}
	}
	return med >= P->pin_med[it] && cov >= P->pin_need[it];
}

static void escort_seats(pl_ctx *P)
{
	for (int s = 0; s < P->ds->n_escorts; s++) {
		const pl_escort *e = &P->escorts[s];
		for (int j = 0; j < e->n_pin; j++) {
			const pl_itin *it = &P->itins[e->pin_itins[j]];
			for (int l = 0; l < it->n_legs; l++)
				P->res[pl_res_get(P, RK_SEATS, it->legs[l], 0)].fixed += 1;
		}
	}
}

static enum mp_reason_code res_code(enum pl_rkind k)
{
	return k == RK_SEATS ? MP_R_CAPACITY : k == RK_SSR ? MP_R_ASSISTANCE_LIMIT
	       : k == RK_CLINIC ? MP_R_CLINIC : MP_R_QUOTA;
}

typedef struct overacc {
	pl_ctx *P;
	mp_plan *out;
	int ci;
} overacc;

static void over_conflict(void *arg, int r, double v)
{
	overacc *o = arg;
	pl_res *x = &o->P->res[r];
	if (v <= 0 || x->fixed <= x->limit)
		return;
	x->relaxed = true;
	const char *what = x->kind == RK_SEATS || x->kind == RK_SSR ? o->P->ds->flights[x->a].id
			   : o->P->ds->quotas[x->a].id;
	enum mp_reason_code code = res_code(x->kind);
	pl_add_conflict(o->P, o->out, o->ci, rule_of(code), code,
			"confirmed bookings alone exceed the limit of %s (%g of %g%s%s)", what,
			x->fixed, x->limit, x->kind == RK_SSR ? " " : "",
			x->kind == RK_SSR ? mp_ssr_names[x->b] : "");
}

static void limit_conflicts(pl_ctx *P, mp_plan *out, int ci)
{
	pl_col col;
	pl_col_fill(P, &col, &ci, 1, P->cases[ci].pin_itin);
	overacc o = {P, out, ci};
	pl_col_res(P, &col, over_conflict, &o);
	const pl_case *pc = &P->cases[ci];
	if (pc->clinic < 0 || pc->pin_ftt == MP_NODATE)
		return;
	pl_res *r = &P->res[pl_res_get(P, RK_CLINIC, pc->clinic, pc->pin_ftt)];
	if (r->fixed > r->limit) {
		r->relaxed = true;
		char a[MP_DATE_BUF];
		mp_date_format(pc->pin_ftt, a);
		pl_add_conflict(P, out, ci, "2.10", MP_R_CLINIC,
				"confirmed bookings alone exceed clinic %s on %s (%g of %g persons)",
				P->ds->clinics[pc->clinic].id, a, r->fixed, r->limit);
	}
}

void pl_pinned_prepare(pl_ctx *P, mp_plan *out)
{
	const mp_dataset *ds = P->ds;
	P->pin_need = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	P->pin_med = mp_xcalloc((size_t)P->n_itins + 1, sizeof(int));
	for (int pass = 0; pass < 3; pass++)
		for (int k = 0; k < ds->n_cases; k++) {
			int ci = P->case_order[k];
			const pl_case *pc = &P->cases[ci];
			if (pass == 0 && pc->kind == PK_HISTORY)
				history_use(P, ci);
			if (pc->kind != PK_PINNED)
				continue;
			if (pass == 0) {
				check_shape(P, out, ci);
				rule_conflicts(P, out, ci);
				pinned_use(P, ci);
				booked_escorts(P, out, ci);
			}
			pinned_clinic(P, out, ci, pass == 1);
		}
	for (int k = 0; k < ds->n_cases; k++) {
		int ci = P->case_order[k];
		const pl_case *pc = &P->cases[ci];
		if (pc->kind != PK_PINNED || P->pin_need[pc->pin_itin] == 0)
			continue;
		if (!cover_pinned(P, pc->pin_itin)) {
			const pl_col *dummy = NULL;
			(void)dummy;
			pl_col col;
			pl_col_fill(P, &col, &ci, 1, pc->pin_itin);
			if (col.need > 0)
				pl_add_conflict(P, out, ci, "2.11", MP_R_NO_ESCORT,
						"confirmed booking: escorts on its flights cannot cover its %d member(s) needing one",
						col.need);
		}
	}
	escort_seats(P);
	for (int k = 0; k < ds->n_cases; k++) {
		int ci = P->case_order[k];
		if (P->cases[ci].kind == PK_PINNED)
			limit_conflicts(P, out, ci);
	}
	for (int r = 0; r < P->n_res; r++)
		if (P->res[r].fixed > P->res[r].limit)
			P->res[r].relaxed = true;
}

/* SPEC 2.12: a void booking is listed, the case planned afresh. */
void pl_void_conflicts(pl_ctx *P, mp_plan *out)
{
	for (int k = 0; k < P->ds->n_cases; k++) {
		int ci = P->case_order[k];
		const pl_case *pc = &P->cases[ci];
		if (!pc->void_booking)
			continue;
		const mp_booking *bk = &P->ds->bookings[pc->booking];
		const char *bad = NULL;
		for (int i = 0; i < bk->n_flights && !bad; i++) {
			int f = mp_strmap_get(&P->flight_ix, bk->flights[i]);
			if (f < 0 || P->ds->flights[f].cancelled)
				bad = bk->flights[i];
		}
		pl_add_conflict(P, out, ci, "2.12", MP_R_VOID_BOOKING,
				"confirmed booking on %s flight %s is void; the case is planned afresh",
				bad && mp_strmap_get(&P->flight_ix, bad) >= 0 ? "cancelled" : "missing",
				bad ? bad : "?");
	}
}
