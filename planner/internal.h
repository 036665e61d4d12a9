/*
 * internal.h - the planner's private types, shared by the planner/ sources.
 *
 * One pl_ctx holds everything a run needs: indexes over the dataset,
 * the itineraries (built once per origin and destination and shared),
 * per-case eligibility, the units the model chooses for (a case, a
 * linked group, or a bag of identical cases), their columns, the
 * limited resources (seats, assistance limits, quotas, clinic days) and
 * finally the solution.  See docs/optimisation.md for the whole story.
 *
 * Reading order: prep.c (bookings, escorts, pinned use), itinerary.c,
 * eligibility.c, columns.c (units, columns, resources, decomposition),
 * greedy.c, model.c + solve.c (GLPK), result.c (the mp_plan), explain.c.
 */
#ifndef PL_INTERNAL_H
#define PL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <glpk.h>
#include "planner.h"
#include "../models/facts.h"
#include "../models/strmap.h"

/* Growable int vector. */
typedef struct pl_ivec {
	int *v;
	int n, cap;
} pl_ivec;
static inline void pl_ivec_push(pl_ivec *a, int x)
{
	MP_GROW(a->v, a->n, a->cap);
	a->v[a->n++] = x;
}

/* Reason bits: one per mp_reason_code. */
#define PL_BIT(code) (1u << (code))

/* ---- itineraries (itinerary.c) ---- */

typedef struct pl_itin {
	int legs[3];
	int n_legs;
	int64_t dep_utc, arr_utc;
	mp_date dep_date;   /* local date of the first departure */
	mp_date arr_date;   /* local date of the last arrival */
	mp_tod arr_tod;
	int arr_airport;    /* airport index, -1 when unknown */
	bool beyond;        /* a leg departs after as_of + horizon_days */
	bool valid;         /* connections hold (pinned bookings may break them) */
	int *quotas;        /* quotas its arrival counts against */
	int n_quotas;
	int *rix;           /* its resources, cached (columns.c): per leg the
			     * seats and each SSR limit (-1: none), then per
			     * quota persons and cases (-1: none) */
} pl_itin;

#define PL_RIX_LEG (1 + MP_N_SSR)

/* Itineraries from one origin to one destination, shared by cases. */
typedef struct pl_route {
	int origin;               /* airport index */
	const char *country;      /* destination country */
	const char *airport;      /* destination airport, NULL: any of country */
	int *itins;               /* within the horizon, by departure */
	int n_itins;
	bool beyond;              /* none within the horizon, some beyond */
} pl_route;

/* ---- cases, groups, escorts ---- */

enum pl_kind { PK_FREE, PK_PINNED, PK_HISTORY };

typedef struct pl_case {
	const mp_case *c;
	int index;             /* in ds->cases */
	enum pl_kind kind;
	int booking;           /* ds->bookings index of its booking, -1 */
	bool void_booking;     /* confirmed on a cancelled or missing flight */
	int pin_itin;          /* PK_PINNED (and history): its itinerary, -1 */
	mp_date pin_ftt;       /* pinned check date, MP_NODATE */
	int route;             /* -1: no route (unknown airports) */
	uint32_t *mask;        /* per route itinerary: reasons, 0 eligible */
	int n_eligible;
	int clinic;            /* clinic index, -1 */
	int persons;
	double weight;
	int ref_itin;          /* reference booking's itinerary, -1 */
	bool has_ref;          /* has a reference booking at all */
	mp_date ref_ftt;
	int group;             /* link group, -1 */
	int unit;              /* -1 */
	/* solution */
	int sol_itin;          /* -1 unassigned */
	mp_date sol_ftt;
} pl_case;

typedef struct pl_group {
	int *cases;            /* pl_case indexes (not history), id order */
	int n_cases;
	int pin_itin;          /* itinerary fixed by a pinned member, -1 */
} pl_group;

typedef struct pl_escort {
	const mp_escort *e;
	int index;
	mp_date *busy;         /* departure dates of history and pinned trips */
	int n_busy;
	int *pin_itins;        /* itineraries of its pinned trips */
	int n_pin;
} pl_escort;

/* ---- resources: limits every plan shares (columns.c) ---- */

enum pl_rkind { RK_SEATS, RK_SSR, RK_QPERS, RK_QCASES, RK_CLINIC, RK_N };

typedef struct pl_res {
	enum pl_rkind kind;
	int a, b;          /* flight/-, flight/ssr, quota/-, quota/-, clinic/date */
	double limit;      /* the data's limit */
	double fixed;      /* use by pinned (and for quotas history) bookings */
	double maxuse;     /* most the free units could use together */
	bool binding;      /* maxuse > room: the model needs the row */
	int row;           /* row in the current GLPK model, 0 none */
	double used;       /* free units' use in the plan */
	bool relaxed;      /* confirmed bookings alone exceed the limit */
} pl_res;

/* ---- units and columns ---- */

/* What one copy of a unit brings to a column, on some departure date
 * (derived facts change at birthdays, so a unit has one profile per
 * stretch of dates; nearly always one). */
typedef struct pl_prof {
	int plain, stretch;   /* seats on a leg: plain + stretch * stretcher_seats */
	int persons, ncases;
	int ssr[MP_N_SSR];
	int need, need_med;   /* persons needing an escort, a medical one */
	int kind;             /* enum mp_case_kind (linked cases share one): which
			       * quotas count it (SPEC 1 kinds) */
	double w1;            /* level 1: persons x priority weight */
} pl_prof;

/* A unit is what the model assigns: one case, the cases of a link
 * group (they travel together), or `count` identical single cases
 * aggregated into one integer variable per itinerary.
 *
 * Its eligible itineraries are kept as a list; a column (the unit on
 * one of them, with every coefficient) is materialised only when the
 * model, the greedy or the pricing needs it - on the largest datasets
 * there are millions of eligible pairs and a few per unit matter. */
typedef struct pl_unit {
	int *cases;
	int n_cases;
	int count;         /* copies: n_cases when aggregated, else 1 */
	bool aggregated;
	int *elig;         /* eligible itineraries, by departure */
	int n_elig;
	int *col_at;       /* per eligible position: its column, -1 */
	int *cols;         /* materialised columns */
	int n_cols, cap_cols;
	pl_prof *prof;     /* profiles ... */
	mp_date *prof_from;/* ... from these departure dates on */
	int n_prof;
	bool escort;       /* some profile needs escorts */
	bool clinic;       /* some member has a clinic */
	double wait_none;  /* waiting of its cases when left out (per copy) */
	int comp;          /* component, -1 */
	int pin_itin;      /* >= 0: only this itinerary (a pinned member's) */
} pl_unit;

typedef struct pl_col {
	int unit, itin;
	int pos;              /* position in the unit's eligible list */
	int plain, stretch;
	int persons, ncases;
	int ssr[MP_N_SSR];
	int need, need_med;
	int kind;             /* enum mp_case_kind of its cases: quotas count by it */
	double w1;            /* level 1: persons x priority weight */
	double ref;           /* level 2: members whose reference this is */
	double wait;          /* level 3: persons x w^2 when on this column */
	double cost;          /* level 4: fare x seats over the legs */
	bool dropped;         /* dominated by another column of its unit */
	double val;           /* solution: copies on it */
} pl_col;

/* An escort trip: escort s on itinerary i. */
typedef struct pl_trip {
	int escort, itin;
	bool pinned;
} pl_trip;

/* A check-day choice of one case (clinic) for a departure date. */
typedef struct pl_zvar {
	int pcase;
	mp_date dep, day;
	int res;           /* clinic-day resource */
} pl_zvar;

typedef struct pl_comp {
	int *units;
	int n_units;
	bool trivial;      /* solved directly, no GLPK */
	bool full;         /* every column materialised: the exact model */
	double size;       /* eligible pairs, for time budgets */
} pl_comp;

/* A budget of work (work.c): stop when the work clock reaches work_end
 * (INFINITY: no effort given) or the monotonic clock time_end (the
 * hard --time-limit; INFINITY: none). */
typedef struct pl_budget {
	double work_end;
	double time_end;
} pl_budget;

typedef struct pl_ctx {
	const mp_dataset *ds;
	mp_dataset *own;              /* defaulted copy, when the input lacked defaults */
	const mp_plan_request *req;
	mp_errors *errs;
	mp_date as_of, horizon_end;   /* horizon_end = as_of + horizon_days */

	mp_strmap airport_ix, flight_ix, case_ix, clinic_ix, escort_ix;
	mp_strmap arule_ix, trule_ix, quota_ix, group_ix;
	int *case_order;              /* ds case indexes sorted by id */
	int *flight_order;            /* flight indexes sorted by id */
	int **dep_list;               /* per airport: flights by departure */
	int *n_dep;

	pl_itin *itins;  int n_itins, cap_itins;
	mp_u64map itin_ix;
	pl_route *routes; int n_routes, cap_routes;
	mp_strmap route_ix;
	char **route_keys; int n_route_keys;

	pl_case *cases;               /* per ds case */
	pl_group *groups; int n_groups;
	pl_escort *escorts;           /* per ds escort */
	mp_date *notice_day;          /* per arrival rule: earliest arrival date */
	int *pin_need, *pin_med;      /* per itinerary: pinned persons needing escorts */

	pl_res *res; int n_res, cap_res;
	mp_u64map res_ix;

	pl_unit *units; int n_units, cap_units;
	pl_col *cols; int n_cols, cap_cols;
	pl_trip *trips; int n_trips, cap_trips;   /* chosen (and pinned) trips */
	pl_comp *comps; int n_comps;

	int *cday;                    /* check-day resources per clinic and date (columns.c) */
	mp_date cday_base;
	int cday_days;

	/* facts cache */
	int fc_case;
	mp_date fc_date;
	mp_case_facts fc;

	/* solving */
	double work;                  /* the work clock (work.c) */
	/* a hard stop on the work clock (when hard_stop): searches stop
	 * there but decide by their budgets, so a run stopped sooner is a
	 * prefix of the one stopped later (solve.c, level 1) */
	bool hard_stop;
	double work_stop;
	bool time_cut;                /* --time-limit stopped a search */
	struct pl_held *held;         /* what the error path frees (pl_hold) */
	int n_held, cap_held;
	pl_budget budget;             /* the run's work and time (planner.c) */
	double t0;                    /* when the run began (monotonic) */
	/* progress (pl_progress): the components solved, and the one
	 * being solved */
	struct {
		double value, bound, next;
		double rest;          /* trivial bounds of those not reached */
		int persons, done;
		double cur_value, cur_bound;
		int cur_persons;
		/* level 1 of an exact component under way: its model, whose
		 * incumbent (inc) its searches improve in place, and the
		 * level's bound so far (pl_progress reads them; NULL
		 * otherwise) */
		const struct pl_model *model;
		double model_bound;
	} prog;
	enum mp_level_status levels[4]; /* how each level's search ended */
	double bound;                 /* level 1, summed over components */
	bool optimal;
	bool glpk_failed;
	int n_mip, n_trivial;         /* components solved by GLPK / directly */
} pl_ctx;

/* The integer program of a component (model.c). */
typedef struct pl_model {
	pl_ctx *P;
	bool full;              /* every row and column, pinned as fixed columns */
	bool links;             /* unit-escort link rows (model.c unit_links) */
	glp_prob *lp;
	int n, cap_cols;        /* GLPK columns 1..n */
	char *kind;             /* per column: 'x' 'z' 'e', 'p'/'t' pinned */
	int *ref;               /* ctx column, zvar, trip, case, escort */
	double *obj[4];         /* per level objective coefficients */
	double const3;          /* waiting of every unit left out */
	pl_zvar *z; int n_z, cap_z;
	pl_trip *e; int n_e, cap_e;
	int *col_of;            /* per ctx column: its GLPK column, 0 */
	int cap_col_of;
	int *unit_row;          /* per unit: its row, 0 */
	int *cover_row, *med_row;
	pl_ivec res_rows;
	int *ia, *ja; double *ar; int ne, cap_ne;
	double *inc;            /* incumbent, 1-based */
	double *sol;            /* scratch solution, 1-based */
	int level;              /* objective level currently set */
	bool warm;              /* levels 2-4 start from the basis below */
	char *bas;              /* the last level's optimal LP basis: */
	int bas_m, bas_n;       /* GLPK statuses of rows 1..m, then cols */
} pl_model;

/* Test hook: when set, the next GLPK solve makes GLPK fail on purpose
 * (tests the error hook path). */
extern int pl_debug_glpk_fail;
/* Test hook: when set, level 1 goes without the cuts of cuts.c (the
 * tests of rins.c's searches, which the cuts would make unnecessary). */
extern int pl_debug_no_cuts;

/* ---- prep.c ---- */
void pl_escort_pin(pl_ctx *P, int s, int it);
bool pl_escort_on(const pl_ctx *P, int s, int it);
int pl_ctx_init(pl_ctx *P, const mp_dataset *ds, const mp_plan_request *req, mp_errors *errs);
void pl_ctx_release(pl_ctx *P);
const mp_case_facts *pl_facts(pl_ctx *P, int pcase, mp_date on);
double pl_weight(const pl_ctx *P, enum mp_priority prio);
/* Escort s may start a new trip on itinerary it (dates, turnaround with
 * history and pinned trips). */
bool pl_escort_free(const pl_ctx *P, int s, int it);
/* Allowed check days (1-3 days before dep, >= as_of, not closed) into
 * days[], latest first; returns how many. */
int pl_check_days(const pl_ctx *P, int clinic, mp_date dep, mp_date days[3]);
/* Whether day is one of those days (SPEC 2.10). */
bool pl_check_day_allowed(const pl_ctx *P, int clinic, mp_date dep, mp_date day);
void pl_add_conflict(pl_ctx *P, mp_plan *out, int pcase, const char *rule,
		     enum mp_reason_code code, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* ---- itinerary.c ---- */
void pl_itins_build(pl_ctx *P);
int pl_itin_lookup(pl_ctx *P, char **flight_ids, int n);   /* -1: unknown flight */
int pl_itin_of_legs(pl_ctx *P, const int *legs, int n);
int pl_route_of(pl_ctx *P, const mp_case *c);
void pl_itins_release(pl_ctx *P);

/* ---- eligibility.c ---- */
typedef struct pl_detail {
	char *text[MP_N_REASON];
} pl_detail;
void pl_detail_release(pl_detail *d);
uint32_t pl_check(pl_ctx *P, int pcase, int it, bool pinned, pl_detail *det);
void pl_eligibility(pl_ctx *P);
int pl_min_escorts(pl_ctx *P, int it, int need, int need_med);

/* ---- pinned.c ---- */
void pl_pinned_prepare(pl_ctx *P, mp_plan *out);
void pl_void_conflicts(pl_ctx *P, mp_plan *out);

/* ---- resources.c ---- */
/* The resource of (kind, a, b): pl_res_get creates it when new,
 * pl_res_find returns -1. */
int pl_res_get(pl_ctx *P, enum pl_rkind kind, int a, int b);
int pl_res_find(const pl_ctx *P, enum pl_rkind kind, int a, int b);
/* Its room: limit less fixed (pinned and history) use, at least 0. */
double pl_res_room(const pl_res *r);
/* Sets every resource's maxuse and binding flag (before any model). */
void pl_res_mark_binding(pl_ctx *P);
/* Calls fn for each (resource, coefficient) of one copy of a column,
 * clinic days excluded. */
void pl_col_res(pl_ctx *P, const pl_col *col, void (*fn)(void *, int, double), void *arg);
/* Seats one copy of the column takes on a flight (escorts aside). */
int pl_seats_on(const pl_ctx *P, const pl_col *col, int flight);
/* The resources of itinerary it (layout: pl_itin.rix). */
const int *pl_itin_res(pl_ctx *P, int it);
/* Resources of the allowed check days of clinic for a departure on
 * dep, latest first, into res[3]; returns how many. */
int pl_check_res(pl_ctx *P, int clinic, mp_date dep, int res[3]);

/* ---- dominance.c ---- */
/* Drops the dominated columns of a component's materialised units. */
void pl_dominate(pl_ctx *P, const pl_comp *k);

/* ---- columns.c ---- */
/* FNV-style mixing of a double's bits into a hash. */
uint64_t pl_hash_mix(uint64_t h, double v);
/* Calls fn(P, arg, column) for each column of unit ui: its
 * materialised, undominated ones when it has every column, else every
 * eligible pair as a temporary column. */
void pl_each_col(pl_ctx *P, int ui, void (*fn)(pl_ctx *, void *, const pl_col *), void *arg);
void pl_units_build(pl_ctx *P, bool aggregate);
/* Column of cases on it computed from their facts (pinned, results). */
void pl_col_fill(pl_ctx *P, pl_col *col, const int *cases, int n_cases, int it);
/* Column of unit u on its pos-th eligible itinerary, not stored. */
void pl_col_make(const pl_ctx *P, int u, int pos, pl_col *col);
/* The same, materialised: returns its index in P->cols (P->cols may
 * move). */
int pl_col_get(pl_ctx *P, int u, int pos);
void pl_unit_materialize(pl_ctx *P, int u);
void pl_units_release(pl_ctx *P);
bool pl_eligible(const pl_ctx *P, int pcase, int pos);
int pl_route_pos(const pl_ctx *P, int pcase, int it);
/* Components up to this many eligible pairs get the exact model, if
 * also pairs x units stays under PL_FULL_UNITS x the limit (4.2 M): the
 * simplex on the exact model costs about units (iterations) x pairs
 * (work per iteration), and above that its first LP did not finish
 * within the default effort (tight and default medium presets cut to
 * 360-1,200 units and 12,000-50,000 pairs), so the large path's search
 * never ran past its 30 % share.  Sent to the large path, whose column
 * generation solves the same LP in under a second, those plans gained 1-45
 * weighted persons at effort 30, none lost (docs/optimisation.md 7). */
#define PL_FULL_LIMIT 60000.0
#define PL_FULL_UNITS 70.0
/* The limit in use; tests lower it to drive small datasets through the
 * large-component path. */
extern double pl_full_limit;
/* Large components with more units than this put column generation on
 * trial with a big master (large.c); tests set 0 to run it on small
 * instances. */
extern double pl_lp_trial_units;
/* Column generation's masters of this many units or more purge their
 * columns and smooth their duals (cg.c); tests set 0 to do it on small
 * instances.  pl_cg_purged counts the columns purged. */
extern double pl_cg_lean_units;
extern long pl_cg_purged;
/* A large component dives in its master (large.c, cg.c) when its best
 * plan is more than this share below the LP, or at all below it when
 * its master is small and the budget has room (then the RINS after the
 * dive frees every column but those both the dive and the LP use);
 * tests set -1 to dive always.  pl_dive_stats counts the dives that
 * ended whole, their columns that did not fit when placed (none
 * should), the RINS runs that improved a dive's whole solution, by how
 * much in all, the dives whose plan was placed with the budget already
 * spent, and the RINS runs on a whole master. */
extern double pl_dive_gap;
extern long pl_dive_stats[6];
/* The work of level 1's first phases in an exact component that starts
 * from the large path (solve.c: the large path, then the searches of
 * rins.c, each phase twice the work of the one before); tests scale
 * them down with their efforts. */
extern double pl_large_phase, pl_rins_phase, pl_bnb_phase;
/* Components with fewer eligible pairs are priced by one thread
 * (lagr.c); tests set 0 to run the threaded path on small instances. */
extern double pl_price_pairs;

/* Exact components with this many units first get an incumbent from
 * the Lagrangian relaxation and the window search. */
#define PL_LNS_UNITS 50

/* ---- components.c ---- */
/* Binding resources, components, dominance (when reduce); a component
 * with at most full_limit eligible pairs gets every column (the exact
 * model), larger ones keep their columns unmaterialised (lagr.c). */
void pl_decompose(pl_ctx *P, bool reduce, double full_limit);

/* ---- greedy.c ---- */
/* Use of every resource by free units, escort covers and needs per
 * itinerary, new escort trips and chosen check days. */
typedef struct pl_state pl_state;
/* An escort's turnaround in days: at least 1 (two trips of one escort
 * are that far apart or more). */
static inline int pl_turnaround(const mp_escort *e)
{
	return e->turnaround_days < 1 ? 1 : e->turnaround_days;
}
/* Day d is clear of escort s's trips in S and of its busy dates by its
 * turnaround (availability aside). */
bool pl_state_escort_day_free(const pl_ctx *P, const pl_state *S, int s, mp_date d);
pl_state *pl_state_new(pl_ctx *P);
void pl_state_free_esc(pl_ctx *P, pl_state *S);
void pl_state_reset(pl_ctx *P, pl_state *S);
double pl_state_use(pl_state *S, int r);
mp_date pl_state_day(const pl_state *S, int pcase);
const pl_trip *pl_state_trips(const pl_state *S, int *n);
void pl_state_add_trip(pl_ctx *P, pl_state *S, int s, int it);
/* Takes S's trip k out (its covers and seats with it). */
void pl_state_drop_trip(pl_ctx *P, pl_state *S, int k);
void pl_state_apply_col(pl_ctx *P, pl_state *S, const pl_col *col);
void pl_state_set_day(pl_ctx *P, pl_state *S, int pcase, mp_date day);
void pl_state_cover(const pl_state *S, int it, int *cov, int *med, int *need, int *mneed);
/* Escort s may fly itinerary it: available, and clear of its confirmed
 * trips and of S's by its turnaround. */
bool pl_state_escort_free(const pl_ctx *P, const pl_state *S, int s, int it);
int pl_state_pick_escorts(const pl_ctx *P, const pl_state *S, int it, int need, int mneed, int *picks);
mp_date pl_pick_day(pl_ctx *P, pl_state *S, int pcase, mp_date dep);
/* Check days (per case, MP_NODATE none) pl_pick_day takes first where
 * allowed and room is left; NULL: none.  S keeps the pointer. */
void pl_state_wish(pl_state *S, const mp_date *days);
/* Tries one copy of unit u on its pos-th eligible itinerary against
 * every limit; commits on success when asked (materialises the column
 * and counts it in val; resources, check days, new escort trips). */
bool pl_try(pl_ctx *P, pl_state *S, int u, int pos, bool commit);
/* Takes one copy of column c out of the plan: its resources, escort
 * needs and check days (its escorts' trips stay). */
void pl_unplace(pl_ctx *P, pl_state *S, int c);
void pl_greedy(pl_ctx *P, pl_state *S, const int *units, int n_units);
int pl_greedy_refs(pl_ctx *P, pl_state *S, const int *units, int n_units);
void pl_state_unit(pl_ctx *P, pl_state *S, int u, double sign);
void pl_state_put_day(pl_state *S, int pcase, mp_date day);
int pl_unit_placed(const pl_ctx *P, int u); /* copies with val */
/* Up to max copies of unit ui on its reference itineraries (level 2),
 * the first reference first, where they fit; `dominated`: on dominated
 * columns too.  Returns how many were placed. */
int pl_place_on_refs(pl_ctx *P, pl_state *S, int ui, int max, bool dominated);
/* Whether u's k-th eligible itinerary is the reference (level 2) of one
 * of its cases. */
bool pl_is_ref(const pl_ctx *P, const pl_unit *u, int k);
void pl_direct(pl_ctx *P, pl_state *S, int unit);

/* ---- model.c ---- */
/* What a model is built for: a window of the large path (lns.c), an
 * exact component (solve.c: with the escort link rows of model.c), or
 * the whole dataset for --write-model and whatif (every row, pinned
 * bookings as fixed columns). */
enum pl_build { PL_BUILD_WINDOW, PL_BUILD_EXACT, PL_BUILD_FULL };
pl_model *pl_model_build(pl_ctx *P, const int *units, int n_units, enum pl_build kind);
void pl_model_free(pl_model *M, bool glpk_alive);

/* The plan in S (columns' values, check days, trips) as a vector of
 * M's columns, into x (1-based). */
void pl_model_vector(const pl_model *M, pl_state *S, double *x);
/* A vector of M's columns as a plan in P: columns' values and check
 * days (of the component's cases, cleared first by the caller); its
 * trips into *trips (malloc'd; *n_trips of them). */
void pl_model_seed(pl_model *M, const double *x, pl_trip **trips, int *n_trips);
void pl_model_incumbent(pl_model *M, pl_state *S);
void pl_model_apply(pl_model *M, const double *x);
/* Only the columns' values (no days, no trips): for progress lines. */
void pl_model_apply_cols(pl_model *M, const double *x);
double pl_model_value(const pl_model *M, int level, const double *x);

/* ---- large.c (with price.c, lagr.c, cg.c) ---- */
/* Best positions remembered per unit by the pricing (price.h). */
#define PL_KEEP 8
typedef struct pl_large_result {
	double bound;       /* valid upper bound on level 1 */
	double value;       /* level 1 of the plan kept */
	double greedy;      /* level 1 of the plain greedy */
	bool integral;      /* level 1's coefficients are whole numbers */
	bool lp_optimal;    /* column generation solved the LP: lp_value */
	double lp_value;
	int iterations;     /* volume steps */
	int rounds, moves, windows, improved;
} pl_large_result;
/* A plan for pl_large_solve to start from (when better than its
 * greedy's): columns' val and cases' sol_ftt of the component in P,
 * with these trips. */
typedef struct pl_large_seed {
	const pl_trip *trips;
	int n_trips;
} pl_large_seed;
/* Level 1's bound and the plan of large component C within budget b
 * (large.c: volume algorithm, LP by column generation, plans from prices
 * and the LP, a dive in the LP unless exact_next (the exact model
 * takes the plan on, with its own LP-driven searches), ejection and
 * window searches).  The plan is in the
 * columns' val; the returned state holds its check days and escort
 * trips, held (pl_hold): the caller unholds and frees it. */
pl_state *pl_large_solve(pl_ctx *P, const pl_comp *C, const pl_budget *b, bool exact_next,
			const pl_large_seed *seed, pl_large_result *out);
/* Level 1 of component C's current solution (the columns' val). */
double pl_comp_value(const pl_ctx *P, const pl_comp *C);
/* Every unit on its best column: a trivial bound on level 1. */
double pl_comp_trivial_bound(const pl_ctx *P, const pl_comp *C);
/* Whether level 1's coefficients of C are whole numbers (bounds round). */
bool pl_comp_integral(const pl_ctx *P, const pl_comp *C);

/* ---- work.c: the work clock ---- */
/* What things cost in work units (about a microsecond each on the
 * machine the defaults were measured on): one eligible pair priced,
 * one multiplier moved, one placement tried (greedy.c), one simplex
 * iteration per row of the problem, one branch-and-bound node. */
#define PL_WORK_PAIR 0.03
#define PL_WORK_DUAL 0.002
#define PL_WORK_TRY 0.3
#define PL_WORK_ITER_ROW 0.08
#define PL_WORK_NODE 100.0
/* A branch-and-bound node also costs GLPK a pass over the problem (its
 * bounds and basis restored, refactorised) and over the open nodes (the
 * next one chosen): measured on the example mission's level 3 (1,214
 * rows, 2,834 columns) at 2.3 ms a node with few open, 5 ms with 10,000
 * open, against 0.4 ms the iterations alone account for. */
#define PL_WORK_NODE_VAR 0.6     /* per row and column of the problem */
#define PL_WORK_NODE_OPEN 0.3    /* per open node */
/* The work of the node GLPK is about to solve (call at GLP_ISELECT). */
double pl_node_work(glp_tree *T);
/* Work of `its` simplex iterations on a problem of m rows. */
#define PL_WORK_ITERS(its, m) ((its) * (1.0 + (m) * PL_WORK_ITER_ROW))
void pl_work(pl_ctx *P, double units);
/* True when b is spent: its work, or its time (then P->time_cut). */
bool pl_spent(pl_ctx *P, const pl_budget *b);
/* True when b's time is up (then P->time_cut); else draws the progress
 * line if it is due (pl_progress).  For GLPK's callbacks, which count
 * their work themselves. */
bool pl_time_up(pl_ctx *P, const pl_budget *b);
/* A share of what is left of b, from now; or at most `work` more. */
pl_budget pl_budget_share(pl_ctx *P, const pl_budget *b, double share);
pl_budget pl_budget_work(pl_ctx *P, const pl_budget *b, double work);
double pl_work_left(const pl_ctx *P, const pl_budget *b);
/* Where a search on b stops: b's work end, or the hard stop before it
 * (pl_ctx.work_stop).  Decisions go by pl_work_left, stops by this. */
double pl_work_end(const pl_ctx *P, const pl_budget *b);
/* GLPK limits from a budget: simplex iterations at `cost` work units
 * each, and milliseconds of time left. */
int pl_iter_limit(const pl_ctx *P, const pl_budget *b, double cost);
int pl_ms_left(const pl_ctx *P, const pl_budget *b);
/* A GLPK call's work, given its return code: one that GLPK's time
 * limit stopped sets P->time_cut, and when that was the work budget's
 * backstop (pl_ms_left) it is charged no more than b had left, so the
 * searches after it keep their share. */
void pl_work_call(pl_ctx *P, const pl_budget *b, double units, int ret);

/* ---- planner.c ---- */
/* Memory held across GLPK calls.  GLPK's error hook leaves by longjmp
 * (solve.c) past every frame between the solve and the failing call,
 * so nothing those frames would free is freed.  A search registers
 * what it allocates before it calls GLPK (pl_hold, with the function
 * that frees it after a GLPK failure), and unregisters it (pl_unhold)
 * when it frees it itself; pl_free_held, on the error path, frees
 * everything still held, newest first.  Held memory must be on the
 * heap: the frames the longjmp leaves are gone. */
typedef void pl_release_fn(pl_ctx *P, void *p);
typedef struct pl_held {
	void *p;
	pl_release_fn *release;
} pl_held;
void pl_hold(pl_ctx *P, void *p, pl_release_fn *release);
void pl_unhold(pl_ctx *P, void *p);
void pl_free_held(pl_ctx *P);
/* Release functions for pl_hold: free(p); pl_state_free_esc; a model
 * after GLPK failed (pl_model_free(M, false)). */
pl_release_fn pl_release_mem, pl_release_state, pl_release_model;

double pl_now(void);  /* monotonic seconds, for time budgets; INFINITY once the request is stopped (>= any time_end) */
/* Reports the run's progress through req->progress, at most about once
 * a second (by the clock: it prints, it decides nothing).  pl_progress_comp
 * sets the current component's plan and bound; pl_progress_done adds it
 * to the solved ones; while level 1 of an exact component is searched
 * (prog.model) the plan is its incumbent and the bound the level's. */
void pl_progress(pl_ctx *P);
/* Seconds between two progress lines (1; tests set 0 to see every one). */
extern double pl_progress_every;
void pl_progress_comp(pl_ctx *P, const pl_comp *C, double bound);
void pl_progress_done(pl_ctx *P);
/* A progress line to req->log (nothing when req or its log is NULL). */
void pl_log(const mp_plan_request *req, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- escplan.c ---- */
typedef struct pl_escplan {
	pl_trip *trips;     /* new escort trips */
	int n_trips, cap_trips;
	struct pl_put {
		int unit, pos;  /* a unit copy and its eligible position */
	} *put;
	int n_put, cap_put;
} pl_escplan;
/* Escort trips, and the units of more than the lowest weight per
 * person that need escorts on them, for component C (seats aside). */
void pl_escort_plan(pl_ctx *P, const pl_comp *C, pl_escplan *out);
/* Components whose trips came from the dense greedy (for tests). */
extern int pl_escplan_dense;
/* Test counter: LPs of levels 2-4 solved from the level before's basis
 * (solve.c warm_lp). */
extern int pl_warm_lps;
/* Adds the trips to S and places the units where they fit. */
void pl_escplan_apply(pl_ctx *P, pl_state *S, const pl_escplan *E);
void pl_escplan_free(pl_escplan *E);

/* ---- ls.c ---- */
typedef struct pl_ls_result {
	int moves;          /* units placed (taking out others or not) */
} pl_ls_result;
/* Ejection search on component C's plan (columns' val, S): places
 * unplaced units by moving or taking out others, while level 1 rises
 * and the budget lasts.  best/value: per unit slot, its PL_KEEP best
 * positions and its best Lagrangian value (both may be NULL). */
void pl_ls(pl_ctx *P, const pl_comp *C, pl_state *S, const int *best, const double *value,
	   const pl_budget *b, pl_ls_result *out);

/* ---- lns.c ---- */
typedef struct pl_lns_result {
	int windows, improved;
} pl_lns_result;
/* The LP's solution per unit (large.c, from cg.c), for the window
 * search: unit ui's columns with a positive value are its eligible
 * positions pos[first[ui] .. first[ui] + n[ui] - 1], with values x. */
typedef struct pl_lp_hint {
	int *first, *n;     /* per unit of P */
	int *pos;
	double *x;
} pl_lp_hint;

/* Where the window search of a component stands, between calls. */
typedef struct pl_lns_cursor {
	const pl_lp_hint *lp; /* the LP's solution, or NULL */
	bool ready;
	mp_date lo, hi;     /* departure dates of the component */
	int width, stride, n_windows, cap_waiting;
	int w;              /* the next window */
	int *quotas;        /* binding quotas: their neighbourhoods (lns.c) */
	int n_quotas;
	int quiet;          /* windows in a row that found nothing */
	bool exhausted;     /* the widest windows found nothing either */
} pl_lns_cursor;
/* Improves the component's plan (columns' val, S) window by window,
 * from where cur stands, until every window in a row found nothing or
 * the budget is spent; bound: level 1's, to stop at the requested gap. */
void pl_lns(pl_ctx *P, const pl_comp *C, pl_state *S, const pl_budget *b, double bound,
	    pl_lns_cursor *cur, pl_lns_result *out);
void pl_lns_cursor_release(pl_lns_cursor *cur);
/* Makes every window worth trying again (the plan changed elsewhere). */
void pl_lns_wake(pl_lns_cursor *cur);

/* ---- solve.c ---- */
typedef struct pl_levels {
	bool optimal;       /* every level proved optimal */
	double bound;       /* best bound on level 1 */
} pl_levels;
/* Levels 1-4 on the model within b, from incumbent x (the best
 * solution on return), each level with at most its cap of `nominal`
 * work (the window's size, whatever b leaves of it); out (may be NULL)
 * gets level 1's bound and whether every level was proved optimal.  No
 * LP-driven searches: the windows of lns.c call it. */
void pl_solve_levels(pl_ctx *P, const pl_comp *C, pl_model *M, double *x, const pl_budget *b,
		     double nominal, pl_levels *out);
/* Solves every component, levels 1-4; MP_EINTERNAL on a GLPK failure. */
int pl_solve_all(pl_ctx *P);
/* Writes the full model (level-1 objective) in CPLEX LP format: with
 * glp_write_lp, or above pl_stream_pairs eligible pairs streamed by
 * lpwrite.c (a GLPK problem that size would take gigabytes). */
int pl_write_model(pl_ctx *P, const char *file);
int pl_write_model_stream(pl_ctx *P, const char *file);
extern long pl_stream_pairs;

/* ---- result.c ---- */
void pl_disaggregate(pl_ctx *P);
/* The plan's use of every limit, replayed from the cases (callers free
 * it with pl_state_free_esc). */
pl_state *pl_final_state(pl_ctx *P);
void pl_fill_plan(pl_ctx *P, mp_plan *out);
void pl_case_reasons(pl_ctx *P, pl_state *S, int pcase, mp_unassigned *u);

/* ---- reason.c ---- */
/* Marks u's decisive reason (SPEC 2): reasons [0, first_exclusion) hold
 * for the case as a whole, [first_exclusion, first_limit) exclude its
 * itineraries, the rest are the full limits of its eligible ones. */
void pl_mark_decisive(const pl_ctx *P, int pcase, mp_unassigned *u, int first_exclusion,
		      int first_limit);

/* ---- rins.c: searches driven by the LP relaxation (exact components) ---- */

/* pl_debug_glpk_fail (above): 1 fails the next level's LP (solve.c), 2
 * the next sub-problem of these searches, 3 the next solve of a big
 * column generation master (cg.c), 4 the next re-solve of a dive in a
 * master (cg.c). */

/* The LP solution of the model's current level (values, reduced costs,
 * duals, which columns and rows are nonbasic), taken right after
 * glp_simplex.  Held in GLPK's allocator: glp_free_env frees it after a
 * GLPK error. */
typedef struct pl_lpsol pl_lpsol;
pl_lpsol *pl_lpsol_take(const pl_model *M);
void pl_lpsol_free(pl_lpsol *L);
double pl_lpsol_z(const pl_lpsol *L); /* the LP's value */

/* The best bound an LP value z gives: floor(z) maximising, ceil(z)
 * minimising, when the objective is integral (within 1e-6); else z. */
double pl_round_bound(int dir, double z, bool integral);

typedef enum pl_found {
	PL_FOUND,           /* a solution: written to x */
	PL_NONE,            /* proved: there is none */
	PL_LIMIT            /* node budget or time ran out */
} pl_found;

/* Face search: a solution of the model's level worth at least target
 * (at most, minimising), for an integral objective, on a copy of the
 * model with the objective as a row and reduced-cost fixing against the
 * LP solution L; attempt 0 keeps the column order, others shuffle it;
 * at most `nodes` branch-and-bound nodes.  x (1-based, the model's
 * columns) gets the solution when found. */
pl_found pl_face_search(pl_model *M, const pl_lpsol *L, double target, int attempt, int nodes,
			const pl_budget *b, double *x);

/* Relax and fix on the same face problem (objective at least
 * target - tol, at most target + tol minimising): the columns in windows of
 * departure dates, in date order, are made integer one window at a
 * time (the later ones relaxed, the earlier ones fixed), a window that
 * fails merging with the one before; each window takes its first
 * solution, or with `optimise` the best within its node budget;
 * `variant` picks the window sizes and the column order; PL_NONE when
 * it proved there is no such solution. */
pl_found pl_relax_fix(pl_model *M, const pl_lpsol *L, double target, double tol, int variant,
		      bool optimise, int nodes, const pl_budget *b, double *x);

/* RINS: improves the incumbent x (in place when found) on a copy of
 * the model with the columns fixed where x and the LP solution agree;
 * PL_NONE when that neighbourhood holds nothing better. */
pl_found pl_rins(pl_model *M, const pl_lpsol *L, double *x, bool integral, int nodes,
		 const pl_budget *b);
/* The escort neighbourhood of incumbent x (rins.c): units needing an
 * escort and escort trips free, the other units held or dropped; a
 * better plan goes to x. */
pl_found pl_escort_nbh(pl_model *M, double *x, int nodes, const pl_budget *b);

/* The same on any problem lp: xlp its LP solution, x (1-based) the
 * incumbent, worth v; with all_int (the column-generation master, whose
 * columns are continuous) its columns made integer and GLPK's cut
 * generators on, Gomory's too. */
pl_found pl_rins_prob(pl_ctx *P, glp_prob *lp, const double *xlp, double *x, double v, bool integral,
		      bool all_int, int nodes, const pl_budget *b);

typedef struct pl_search {
	double bound;       /* proven bound on the level (rounded) */
	bool optimal;       /* x reaches it */
	int relax_fix;      /* relax-and-fix runs at the bound */
	int below, below_better; /* ... below it, and how many found a plan */
	int faces, bound_steps, rins, rins_better;
	int bnb, bnb_better; /* branch-and-bound phases (solve.c) */
	int roots;          /* roots with cuts run again (solve.c root_again) */
	/* where the searches stopped, for pl_lp_search_on to go on from */
	int k;              /* the next round (rins.c face_round) */
	double try_hi;      /* the lowest target that failed */
	bool rins_stale;
	double esc_tried;   /* the plan's value when the escort neighbourhood last ran */
	int escnbh, escnbh_better;
} pl_search;

/* Face searches with relax and fix (when `face` and the objective is
 * integral) and RINS from incumbent x (improved in place) until the
 * level is proven (from out->bound, rounded: the LP's or better), the
 * relative gap is at most `gap` (when > 0) or b is spent; without face
 * searches it stops when RINS finds nothing better.  They go on from
 * where the searches in *out stopped (x may have improved meanwhile);
 * the first call has out zeroed but for bound and try_hi, both the
 * level's bound. */
void pl_lp_search_on(pl_model *M, const pl_lpsol *L, double *x, bool integral, bool face,
		     const pl_budget *b, double gap, pl_search *out);

/* ---- cuts.c: a bound from GLPK's cuts at the root ---- */
typedef struct pl_cuts {
	bool reached;       /* the root's cut loop ended within the budget: */
	double root;        /* its LP value with its cuts */
	int cuts, rounds;   /* cuts at the root; its LP solves */
	bool solved;        /* the root settled the level: x is optimal */
} pl_cuts;
/* GLPK's cut generators that pay on our models: MIR, cover, clique
 * (Gomory's, dearer, only in pl_root_cuts's second pass). */
void pl_cuts_on(glp_iocp *iocp);
/* Runs GLPK's branch and cut on the model's current level (maximising)
 * up to the root's first branching from incumbent x (1-based), with gmi
 * Gomory's cuts as well; GLPK's solution stays in the model
 * (glp_mip_col_val). */
void pl_root_cuts(pl_model *M, double *x, const pl_budget *b, bool gmi, pl_cuts *out);
/* The work of GLPK's cut generators at one node of its branch and
 * bound on lp (GLP_ICUTGEN; work.c's units). */
double pl_cut_node_work(glp_prob *lp);

#endif
