/*
 * report.c - the figures of the plan report: persons and cases moved by
 * destination and priority, flight fill, quota use, arrivals per week,
 * departures per day, unassigned cases by reason, waiting times,
 * conflicts, clinic days and escort trips; each as a table (see
 * rp_report.h) and, where a chart shows it, as chart data.
 *
 * Cases are named by id only; no member field is read except to count
 * persons (SPEC 5).
 */
#include <stdlib.h>
#include <string.h>
#include "rp_report.h"

#define FLIGHT_BARS 15 /* the fullest flights charted; the table lists every one in use */

static const char *const cols_summary[] = {"item", "label", "value"};
static const char *const labels_summary[] = {"item", "figure", "value"};
static const char *const cols_kinds[] = {"kind", "cases_moved", "persons_moved",
					 "cases_unassigned", "persons_unassigned"};
static const char *const labels_kinds[] = {"kind of movement", "cases moved", "persons moved",
					   "cases not booked", "persons not booked"};
static const char *const cols_dest[] = {"country", "airport", "priority", "cases", "persons"};
static const char *const labels_dest[] = {"country", "airport", "priority", "cases",
					  "persons"};
static const char *const cols_flights[] = {"flight", "from", "to", "departs", "seats", "used",
					   "fill_pct", "full"};
static const char *const labels_flights[] = {"flight", "from", "to", "departs (local)",
					     "seats held", "seats used", "fill (%)", "full"};
static const char *const cols_quotas[] = {"quota", "country", "airport", "from", "to",
					  "persons", "max_persons", "cases", "max_cases",
					  "fill_pct", "binding"};
static const char *const labels_quotas[] = {"quota", "country", "airport", "from", "to",
					    "persons", "quota (persons)", "cases", "quota (cases)",
					    "fill (%)", "counted in"};
static const char *const cols_weeks[] = {"week", "country", "cases", "persons"};
static const char *const cols_days[] = {"date", "flights", "cases", "persons"};
static const char *const cols_reasons[] = {"code", "meaning", "cases", "persons", "limits"};
static const char *const labels_reasons[] = {"reason", "what holds them back", "cases",
					     "persons", "full limits"};
static const char *const cols_unassigned[] = {"case", "priority", "persons", "decisive", "reasons",
					      "detail"};
static const char *const cols_wait[] = {"days", "cases", "persons"};
static const char *const cols_wait_prio[] = {"priority", "cases", "persons", "min_days",
					     "median_days", "mean_days", "max_days"};
static const char *const labels_wait_prio[] = {"priority", "cases", "persons", "shortest (days)",
					       "median (days)", "average (days)", "longest (days)"};
static const char *const cols_unassigned_labels[] = {"case", "priority", "persons",
						     "decisive reason", "all reasons", "detail"};
static const char *const cols_conflicts[] = {"case", "rule", "code", "detail"};
static const char *const cols_clinics[] = {"clinic", "date", "persons", "capacity"};
static const char *const cols_escorts[] = {"escort", "departs", "flights", "cases"};
static const char *const cols_where[] = {"country", "airport", "cases", "persons",
					 "first_arrival", "last_arrival"};
static const char *const labels_where[] = {"country", "airport", "cases", "persons",
					   "first arrival", "last arrival"};

#define N(a) ((int)(sizeof a / sizeof a[0]))

static void init_tables(rp_report *r)
{
	rp_table *t = r->t;
	rp_table_init(&t[RP_T_SUMMARY], "summary", "Plan figures", cols_summary, N(cols_summary),
		      0);
	t[RP_T_SUMMARY].labels = labels_summary;
	t[RP_T_SUMMARY].html_hidden = 0x1; /* the key is for programs */
	rp_table_init(&t[RP_T_DESTINATIONS], "destinations",
		      "Persons and cases moved by destination and priority", cols_dest,
		      N(cols_dest), 0x18);
	t[RP_T_DESTINATIONS].labels = labels_dest;
	rp_table_init(&t[RP_T_FLIGHTS], "flights", "Flights in use: seats used against seats held",
		      cols_flights, N(cols_flights), 0x70);
	t[RP_T_FLIGHTS].labels = labels_flights;
	rp_table_init(&t[RP_T_QUOTAS], "quotas",
		      "Quota use, in the unit that binds (persons, or cases where the quota counts "
		      "them)", cols_quotas, N(cols_quotas), 0x3e0);
	t[RP_T_QUOTAS].labels = labels_quotas;
	rp_table_init(&t[RP_T_WEEKS], "weeks", "Arrivals per week (Monday) and destination",
		      cols_weeks, N(cols_weeks), 0xc);
	rp_table_init(&t[RP_T_DEPARTURES], "departures", "Departures per day", cols_days,
		      N(cols_days), 0xe);
	rp_table_init(&t[RP_T_REASONS], "reasons",
		      "What holds the rest back: persons not booked by decisive reason",
		      cols_reasons, N(cols_reasons), 0xc);
	t[RP_T_REASONS].labels = labels_reasons;
	t[RP_T_REASONS].html_hidden = 0x1; /* the words say it to people */
	rp_table_init(&t[RP_T_UNASSIGNED], "unassigned", "Cases not booked", cols_unassigned,
		      N(cols_unassigned), 0x4);
	t[RP_T_UNASSIGNED].labels = cols_unassigned_labels;
	rp_table_init(&t[RP_T_WAITING], "waiting", "Days from ready to departure", cols_wait,
		      N(cols_wait), 0x6);
	rp_table_init(&t[RP_T_WAITING_PRIORITY], "waiting_by_priority",
		      "Days from ready to departure by priority", cols_wait_prio,
		      N(cols_wait_prio), 0x7e);
	t[RP_T_WAITING_PRIORITY].labels = labels_wait_prio;
	rp_table_init(&t[RP_T_CONFLICTS], "conflicts", "Conflicts", cols_conflicts,
		      N(cols_conflicts), 0);
	rp_table_init(&t[RP_T_CLINICS], "clinics", "Fit-to-travel checks per clinic and day",
		      cols_clinics, N(cols_clinics), 0xc);
	rp_table_init(&t[RP_T_ESCORTS], "escorts", "Escort trips", cols_escorts,
		      N(cols_escorts), 0);
	rp_table_init(&t[RP_T_WHERE], "where", "Where: persons and cases moved per destination",
		      cols_where, N(cols_where), 0xc);
	t[RP_T_WHERE].labels = labels_where;
	rp_table_init(&t[RP_T_KINDS], "kinds",
		      "Cases and persons by kind of movement (resettlement, relocation, return)",
		      cols_kinds, N(cols_kinds), 0x1e);
	t[RP_T_KINDS].labels = labels_kinds;
}

/* --- moved by destination and priority --- */

typedef struct dest_row {
	const char *country, *airport;
	int prio, cases, persons;
} dest_row;

static int cmp_dest(const void *a, const void *b)
{
	const dest_row *x = a, *y = b;
	int c = strcmp(x->country, y->country);
	if (!c)
		c = strcmp(x->airport, y->airport);
	return c ? c : x->prio - y->prio;
}

static void destinations(rp_report *r)
{
	dest_row *v = NULL;
	int n = 0;
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_assignment *a = &r->plan->assignments[i];
		const mp_case *c = rp_case(&r->ix, a->case_id);
		const mp_flight *last = a->n_flights ? rp_flight(&r->ix, a->flights[a->n_flights - 1]) : NULL;
		const char *country = c && c->dest_country ? c->dest_country : "";
		const char *airport = last ? last->to : c && c->dest_airport ? c->dest_airport : "";
		int prio = c ? (int)c->priority : MP_PRIO_NORMAL, k;
		for (k = 0; k < n; k++)
			if (v[k].prio == prio && !strcmp(v[k].country, country) && !strcmp(v[k].airport, airport))
				break;
		if (k == n) {
			v = mp_xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n++] = (dest_row){country, airport, prio, 0, 0};
		}
		v[k].cases++;
		v[k].persons += c ? c->n_members : 0;
		r->moved_cases++;
		r->moved_persons += c ? c->n_members : 0;
		r->moved_by_prio[prio] += c ? c->n_members : 0;
	}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_dest);
	rp_table *t = &r->t[RP_T_DESTINATIONS];
	for (int k = 0; k < n; k++) {
		rp_cell(t, v[k].country);
		rp_cell(t, v[k].airport);
		rp_cell(t, mp_priority_names[v[k].prio]);
		rp_cell_int(t, v[k].cases);
		rp_cell_int(t, v[k].persons);
	}
	free(v);
}

/* --- flights --- */

typedef struct flight_row {
	const mp_flight_use *u;
	const mp_flight *f;
} flight_row;

static int cmp_flight_row(const void *a, const void *b)
{
	const flight_row *x = a, *y = b;
	int64_t tx = x->f ? x->f->departs.utc : INT64_MAX, ty = y->f ? y->f->departs.utc : INT64_MAX;
	if (tx != ty)
		return tx < ty ? -1 : 1;
	return strcmp(x->u->id, y->u->id);
}

static double fill(int used, int seats)
{
	return seats > 0 ? 100.0 * used / seats : 0;
}

static char *flight_label(const flight_row *fr)
{
	char d[MP_DATE_BUF] = "";
	if (fr->f)
		mp_date_format(mp_datetime_local_date(fr->f->departs), d);
	if (fr->f && (fr->f->carrier || fr->f->number))
		return mp_xasprintf("%s%s %s %s-%s", fr->f->carrier ? fr->f->carrier : "",
				    fr->f->number ? fr->f->number : "", d, fr->f->from, fr->f->to);
	return mp_xstrdup(fr->u->id);
}

static int cmp_bar_fill(const void *a, const void *b)
{
	const flight_row *x = a, *y = b;
	double fx = fill(x->u->used, x->u->seats), fy = fill(y->u->used, y->u->seats);
	if (fx != fy)
		return fx > fy ? -1 : 1;
	return cmp_flight_row(a, b);
}

static void flight_bars(rp_report *r, flight_row *v, int n)
{
	flight_row *used = mp_xcalloc((size_t)n + 1, sizeof *used);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (v[i].u->used > 0)
			used[m++] = v[i];
	r->n_flights_used = m;
	if (m > FLIGHT_BARS) {
		qsort(used, (size_t)m, sizeof *used, cmp_bar_fill); /* the fullest ... */
		m = FLIGHT_BARS;
		qsort(used, (size_t)m, sizeof *used, cmp_flight_row); /* ... in time order */
	}
	r->flight_bars = mp_xcalloc((size_t)m + 1, sizeof *r->flight_bars);
	for (int i = 0; i < m; i++)
		r->flight_bars[i] = (rp_bar){flight_label(&used[i]), used[i].u->used, used[i].u->seats};
	r->n_flight_bars = m;
	free(used);
}

static void flights(rp_report *r)
{
	int n = r->plan->n_flights;
	flight_row *v = mp_xcalloc((size_t)n + 1, sizeof *v);
	for (int i = 0; i < n; i++)
		v[i] = (flight_row){&r->plan->flights[i], rp_flight(&r->ix, r->plan->flights[i].id)};
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_flight_row);
	rp_table *t = &r->t[RP_T_FLIGHTS];
	for (int i = 0; i < n; i++) {
		char dt[MP_DATETIME_BUF] = "";
		if (v[i].f)
			mp_datetime_format(v[i].f->departs, dt);
		rp_cell(t, v[i].u->id);
		rp_cell(t, v[i].f ? v[i].f->from : NULL);
		rp_cell(t, v[i].f ? v[i].f->to : NULL);
		rp_cell(t, dt);
		rp_cell_int(t, v[i].u->seats);
		rp_cell_int(t, v[i].u->used);
		rp_cell_num(t, fill(v[i].u->used, v[i].u->seats), 1);
		rp_cell(t, v[i].u->used >= v[i].u->seats ? "yes" : "no");
	}
	flight_bars(r, v, n);
	free(v);
}

/* --- quotas --- */

static void quotas(rp_report *r)
{
	rp_table *t = &r->t[RP_T_QUOTAS];
	int n = r->plan->n_quotas;
	for (int i = 0; i < n; i++) {
		const mp_quota_use *u = &r->plan->quotas[i];
		const mp_quota *q = mp_dataset_quota(r->ds, u->id);
		rp_cell(t, u->id);
		rp_cell(t, q ? q->country : NULL);
		rp_cell(t, q ? q->airport : NULL);
		rp_cell_date(t, q ? q->from : MP_NODATE);
		rp_cell_date(t, q ? q->to : MP_NODATE);
		rp_cell_int(t, u->persons);
		rp_cell_int(t, u->max_persons);
		rp_cell_int(t, u->cases);
		if (u->max_cases >= 0)
			rp_cell_int(t, u->max_cases);
		else
			rp_cell(t, NULL);
		/* the unit that binds: YYZ's week at 5 of 5 cases is full, not 77 % */
		double fp = fill(u->persons, u->max_persons);
		double fc = u->max_cases >= 0 ? fill(u->cases, u->max_cases) : -1;
		rp_cell_num(t, fc > fp ? fc : fp, 1);
		rp_cell(t, fc > fp ? "cases" : "persons");
	}
}

/* --- arrivals per week and destination --- */

static int index_of(char ***v, int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return i;
	mp_strv_push(v, n, s);
	return *n - 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The Monday of assignment i's local arrival week into w and its case
 * into *c; false when it has no arrival. */
static bool arrival_week(const rp_report *r, int i, const mp_case **c, char w[MP_DATE_BUF])
{
	const mp_assignment *a = &r->plan->assignments[i];
	*c = rp_case(&r->ix, a->case_id);
	mp_datetime arr = rp_arrives(&r->ix, a);
	if (!arr.present)
		return false;
	mp_date_format(rp_week_start(mp_datetime_local_date(arr)), w);
	return true;
}

static const char *dest_country(const mp_case *c)
{
	return c && c->dest_country ? c->dest_country : "?";
}

/* Sorted distinct arrival weeks and destination countries. */
static void week_axes(rp_report *r)
{
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_case *c;
		char w[MP_DATE_BUF];
		if (!arrival_week(r, i, &c, w))
			continue;
		index_of(&r->weeks, &r->n_weeks, w);
		index_of(&r->countries, &r->n_countries, dest_country(c));
	}
	if (r->n_weeks > 1)
		qsort(r->weeks, (size_t)r->n_weeks, sizeof *r->weeks, cmp_str);
	if (r->n_countries > 1)
		qsort(r->countries, (size_t)r->n_countries, sizeof *r->countries, cmp_str);
}

static void weeks(rp_report *r)
{
	week_axes(r);
	size_t cells = (size_t)r->n_weeks * (size_t)r->n_countries + 1;
	r->week_persons = mp_xcalloc(cells, sizeof *r->week_persons);
	int *week_cases = mp_xcalloc(cells, sizeof *week_cases);
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_case *c;
		char w[MP_DATE_BUF];
		if (!arrival_week(r, i, &c, w))
			continue;
		int x = index_of(&r->weeks, &r->n_weeks, w);
		int s = index_of(&r->countries, &r->n_countries, dest_country(c));
		r->week_persons[s * r->n_weeks + x] += c ? c->n_members : 0;
		week_cases[s * r->n_weeks + x]++;
	}
	rp_table *t = &r->t[RP_T_WEEKS];
	for (int x = 0; x < r->n_weeks; x++)
		for (int s = 0; s < r->n_countries; s++) {
			if (!week_cases[s * r->n_weeks + x])
				continue;
			rp_cell(t, r->weeks[x]);
			rp_cell(t, r->countries[s]);
			rp_cell_int(t, week_cases[s * r->n_weeks + x]);
			rp_cell_int(t, (long)r->week_persons[s * r->n_weeks + x]);
		}
	free(week_cases);
}

/* --- departures per day --- */

typedef struct first_leg {
	mp_date date;
	const char *flight;
} first_leg;

static int cmp_first_leg(const void *a, const void *b)
{
	const first_leg *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->flight, y->flight);
}

/* Distinct first legs per day, counted into legs[date - lo]. */
static void count_first_legs(rp_report *r, mp_date lo, int *legs)
{
	int n = 0;
	first_leg *v = mp_xcalloc((size_t)r->plan->n_assignments + 1, sizeof *v);
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_assignment *a = &r->plan->assignments[i];
		mp_date d = rp_departure_date(&r->ix, a);
		if (d != MP_NODATE && a->n_flights)
			v[n++] = (first_leg){d, a->flights[0]};
	}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_first_leg);
	for (int i = 0; i < n; i++)
		if (i == 0 || cmp_first_leg(&v[i], &v[i - 1]) != 0)
			legs[v[i].date - lo]++;
	free(v);
}

static void departures(rp_report *r)
{
	mp_date lo = MP_NODATE, hi = MP_NODATE;
	for (int i = 0; i < r->plan->n_assignments; i++) {
		mp_date d = rp_departure_date(&r->ix, &r->plan->assignments[i]);
		if (d == MP_NODATE)
			continue;
		if (lo == MP_NODATE || d < lo)
			lo = d;
		if (hi == MP_NODATE || d > hi)
			hi = d;
	}
	if (lo == MP_NODATE)
		return;
	r->first_departure = lo;
	int n = hi - lo + 1;
	int *cases = mp_xcalloc((size_t)n, sizeof *cases), *legs = mp_xcalloc((size_t)n, sizeof *legs);
	r->day_persons = mp_xcalloc((size_t)n, sizeof *r->day_persons);
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_assignment *a = &r->plan->assignments[i];
		mp_date d = rp_departure_date(&r->ix, a);
		if (d == MP_NODATE)
			continue;
		cases[d - lo]++;
		r->day_persons[d - lo] += rp_case_persons(&r->ix, a->case_id);
	}
	count_first_legs(r, lo, legs);
	rp_table *t = &r->t[RP_T_DEPARTURES];
	for (int k = 0; k < n; k++) {
		char buf[MP_DATE_BUF];
		mp_strv_push(&r->days, &r->n_days, rp_date(lo + k, buf));
		if (!cases[k])
			continue;
		rp_cell(t, buf);
		rp_cell_int(t, legs[k]);
		rp_cell_int(t, cases[k]);
		rp_cell_int(t, (long)r->day_persons[k]);
	}
	free(legs);
	free(cases);
}

/* --- unassigned --- */

/* Per decisive reason: cases, persons and the full limits that hold them. */
typedef struct held {
	int code, cases, persons;
	char **limits;
	int n_limits;
} held;

static void hold(held *h, const mp_reason *dr, int persons)
{
	h->code = dr->code;
	h->cases++;
	h->persons += persons;
	for (int k = 0; k < dr->n_refs; k++) {
		int j = 0;
		while (j < h->n_limits && strcmp(h->limits[j], dr->refs[k]) != 0)
			j++;
		if (j == h->n_limits)
			mp_strv_push(&h->limits, &h->n_limits, dr->refs[k]);
	}
}

static int cmp_held(const void *a, const void *b)
{
	const held *x = a, *y = b;
	if (x->persons != y->persons)
		return x->persons > y->persons ? -1 : 1;
	return x->code - y->code;
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The reasons table, most persons first, and the chart of them. */
static void held_back(rp_report *r, held *h)
{
	rp_table *rt = &r->t[RP_T_REASONS];
	qsort(h, MP_N_REASON, sizeof *h, cmp_held);
	r->reason_bars = mp_xcalloc(MP_N_REASON, sizeof *r->reason_bars);
	for (int k = 0; k < MP_N_REASON && h[k].cases; k++) {
		rp_buf lim = {0};
		if (h[k].n_limits > 1)
			qsort(h[k].limits, (size_t)h[k].n_limits, sizeof(char *), cmp_str_ptr);
		for (int j = 0; j < h[k].n_limits; j++)
			rp_buf_printf(&lim, "%s%s", j ? " " : "", h[k].limits[j]);
		rp_cell(rt, mp_reason_names[h[k].code]);
		rp_cell(rt, rp_reason_text(h[k].code));
		rp_cell_int(rt, h[k].cases);
		rp_cell_int(rt, h[k].persons);
		rp_cell(rt, lim.s);
		rp_buf_release(&lim);
		r->reason_bars[r->n_reason_bars++] =
			(rp_bar){mp_xstrdup(rp_reason_text(h[k].code)), h[k].persons, -1};
	}
	for (int k = 0; k < MP_N_REASON; k++)
		mp_strv_free(h[k].limits, h[k].n_limits);
}

static void unassigned(rp_report *r)
{
	held h[MP_N_REASON];
	memset(h, 0, sizeof h);
	rp_table *t = &r->t[RP_T_UNASSIGNED];
	for (int i = 0; i < r->plan->n_unassigned; i++) {
		const mp_unassigned *u = &r->plan->unassigned[i];
		const mp_case *c = rp_case(&r->ix, u->case_id);
		const mp_reason *dr = mp_unassigned_decisive(u);
		int np = c ? c->n_members : 0;
		if (dr && (unsigned)dr->code < MP_N_REASON) /* SPEC 2: counted by the decisive one */
			hold(&h[dr->code], dr, np);
		rp_buf codes = {0}, detail = {0};
		if (dr && dr->detail)
			rp_buf_printf(&detail, "%s", dr->detail);
		for (int k = 0; k < u->n_reasons; k++) {
			const mp_reason *re = &u->reasons[k];
			rp_buf_printf(&codes, "%s%s", k ? " " : "", mp_reason_names[re->code]);
			if (re->detail && re != dr)
				rp_buf_printf(&detail, "%s%s", detail.n ? "; " : "", re->detail);
		}
		rp_cell(t, u->case_id);
		rp_cell(t, c ? mp_priority_names[c->priority] : NULL);
		rp_cell_int(t, np);
		rp_cell(t, dr ? mp_reason_names[dr->code] : NULL);
		rp_cell(t, codes.s);
		rp_cell(t, detail.s);
		rp_buf_release(&codes);
		rp_buf_release(&detail);
		r->unassigned_cases++;
		r->unassigned_persons += np;
	}
	held_back(r, h);
}

/* --- waiting times --- */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void wait_priority_row(rp_table *t, int prio, int *days, int n, int persons)
{
	rp_cell(t, mp_priority_names[prio]);
	rp_cell_int(t, n);
	rp_cell_int(t, persons);
	if (n == 0) {
		for (int k = 0; k < 4; k++)
			rp_cell(t, NULL);
		return;
	}
	qsort(days, (size_t)n, sizeof *days, cmp_int);
	long sum = 0;
	for (int k = 0; k < n; k++)
		sum += days[k];
	double median = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
	rp_cell_int(t, days[0]);
	rp_cell_num(t, median, 1);
	rp_cell_num(t, (double)sum / n, 1);
	rp_cell_int(t, days[n - 1]);
}

static void waiting(rp_report *r)
{
	int n = r->plan->n_assignments;
	int *days[MP_N_PRIO], n_days[MP_N_PRIO] = {0}, persons[MP_N_PRIO] = {0};
	int bucket_persons[RP_WAIT_BUCKETS] = {0}, wait_persons = 0;
	double wait_sum = 0;
	for (int p = 0; p < MP_N_PRIO; p++)
		days[p] = mp_xcalloc((size_t)n + 1, sizeof(int));
	for (int i = 0; i < n; i++) {
		const mp_assignment *a = &r->plan->assignments[i];
		const mp_case *c = rp_case(&r->ix, a->case_id);
		mp_date d = rp_departure_date(&r->ix, a);
		if (!c || d == MP_NODATE || c->ready == MP_NODATE)
			continue;
		int w = d - c->ready < 0 ? 0 : d - c->ready;
		int b = w / 7 < RP_WAIT_BUCKETS - 1 ? w / 7 : RP_WAIT_BUCKETS - 1;
		wait_sum += (double)w * c->n_members;
		wait_persons += c->n_members;
		r->wait_cases[b]++;
		bucket_persons[b] += c->n_members;
		days[c->priority][n_days[c->priority]++] = w;
		persons[c->priority] += c->n_members;
	}
	r->mean_wait = wait_persons ? wait_sum / wait_persons : 0;
	rp_table *t = &r->t[RP_T_WAITING];
	for (int b = 0; b < RP_WAIT_BUCKETS; b++) {
		char label[32];
		if (b < RP_WAIT_BUCKETS - 1)
			snprintf(label, sizeof label, "%d-%d", b * 7, b * 7 + 6);
		else
			snprintf(label, sizeof label, "%d+", b * 7);
		rp_cell(t, label);
		rp_cell_int(t, (long)r->wait_cases[b]);
		rp_cell_int(t, bucket_persons[b]);
	}
	for (int p = 0; p < MP_N_PRIO; p++) {
		wait_priority_row(&r->t[RP_T_WAITING_PRIORITY], p, days[p], n_days[p], persons[p]);
		free(days[p]);
	}
}

/* --- conflicts, clinics, escorts --- */

static void lists(rp_report *r)
{
	const mp_plan *p = r->plan;
	for (int i = 0; i < p->n_conflicts; i++) {
		rp_table *t = &r->t[RP_T_CONFLICTS];
		rp_cell(t, p->conflicts[i].case_id);
		rp_cell(t, p->conflicts[i].rule);
		rp_cell(t, mp_reason_names[p->conflicts[i].code]);
		rp_cell(t, p->conflicts[i].detail);
	}
	r->n_conflicts = p->n_conflicts;
	for (int i = 0; i < p->n_clinics; i++) {
		rp_table *t = &r->t[RP_T_CLINICS];
		rp_cell(t, p->clinics[i].clinic);
		rp_cell_date(t, p->clinics[i].date);
		rp_cell_int(t, p->clinics[i].persons);
		rp_cell_int(t, p->clinics[i].capacity);
	}
	for (int i = 0; i < p->n_escort_trips; i++) {
		const mp_escort_trip *e = &p->escort_trips[i];
		rp_table *t = &r->t[RP_T_ESCORTS];
		rp_buf fl = {0}, cs = {0};
		char dt[MP_DATETIME_BUF];
		for (int k = 0; k < e->n_flights; k++)
			rp_buf_printf(&fl, "%s%s", k ? " " : "", e->flights[k]);
		for (int k = 0; k < e->n_cases; k++)
			rp_buf_printf(&cs, "%s%s", k ? " " : "", e->cases[k]);
		mp_datetime_format(e->departs, dt);
		rp_cell(t, e->escort);
		rp_cell(t, dt);
		rp_cell(t, fl.s);
		rp_cell(t, cs.s);
		rp_buf_release(&fl);
		rp_buf_release(&cs);
	}
}

/* --- summary --- */

static void item(rp_table *t, const char *name, const char *label, const char *value)
{
	rp_cell(t, name);
	rp_cell(t, label);
	rp_cell(t, value);
}

static void item_num(rp_table *t, const char *name, const char *label, double v, int decimals)
{
	rp_cell(t, name);
	rp_cell(t, label);
	rp_cell_num(t, v, decimals);
}

static void summary(rp_report *r)
{
	static const char *const prio_label[MP_N_PRIO] = {
		"persons moved, emergency priority", "persons moved, urgent priority",
		"persons moved, normal priority",
	};
	const mp_plan *p = r->plan;
	rp_table *t = &r->t[RP_T_SUMMARY];
	char cost[64];
	snprintf(cost, sizeof cost, "cost in %s (fares of every seat used)",
		 r->currency ? r->currency : "the fares' currency");
	item(t, "mission", "mission", r->ds->mission.id);
	item(t, "plan", "plan", p->id);
	item(t, "scenario", "scenario", p->scenario ? p->scenario : "baseline");
	rp_cell(t, "as_of");
	rp_cell(t, "planning date");
	rp_cell_date(t, p->as_of);
	item(t, "created", "planned at (UTC)", p->created);
	item(t, "status", "solver status", mp_plan_status_names[p->status]);
	item_num(t, "weighted_persons", "persons moved, weighted by priority",
		 p->objective.weighted_persons, 0);
	item_num(t, "bound", "best possible (proven bound, weighted persons)", p->bound, 0);
	item_num(t, "gap_pct", "gap to the best possible plan (%)", 100.0 * p->gap, 2);
	item_num(t, "changes", "bookings changed against the previous plan", p->objective.changes,
		 0);
	item_num(t, "average_wait_days", "average wait in days (ready to departure, per person)",
		 r->mean_wait, 1);
	item_num(t, "waiting", "waiting score (persons x days squared; lower is better)",
		 p->objective.waiting, 0);
	item_num(t, "cost", cost, p->objective.cost, 2);
	item_num(t, "cases_moved", "cases moved", r->moved_cases, 0);
	item_num(t, "persons_moved", "persons moved", r->moved_persons, 0);
	for (int k = 0; k < MP_N_PRIO; k++) {
		char name[48];
		snprintf(name, sizeof name, "persons_moved_%s", mp_priority_names[k]);
		item_num(t, name, prio_label[k], r->moved_by_prio[k], 0);
	}
	item_num(t, "cases_unassigned", "cases not booked", r->unassigned_cases, 0);
	item_num(t, "persons_unassigned", "persons not booked", r->unassigned_persons, 0);
	item_num(t, "conflicts", "conflicts with confirmed bookings", r->n_conflicts, 0);
}

/* The dataset's one currency (SPEC 1), NULL when no fare names one. */
static const char *currency(const mp_dataset *ds)
{
	for (int i = 0; i < ds->n_flights; i++)
		if (ds->flights[i].currency)
			return ds->flights[i].currency;
	return NULL;
}

/* SPEC 1 kinds: moved and unassigned per kind of movement, every kind
 * listed (zeros included) so the table's shape never changes. */
static void kinds(rp_report *r)
{
	int cm[MP_N_KIND] = {0}, pm[MP_N_KIND] = {0}, cu[MP_N_KIND] = {0}, pu[MP_N_KIND] = {0};
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_case *c = rp_case(&r->ix, r->plan->assignments[i].case_id);
		if (c)
			cm[c->kind]++, pm[c->kind] += c->n_members;
	}
	for (int i = 0; i < r->plan->n_unassigned; i++) {
		const mp_case *c = rp_case(&r->ix, r->plan->unassigned[i].case_id);
		if (c)
			cu[c->kind]++, pu[c->kind] += c->n_members;
	}
	rp_table *t = &r->t[RP_T_KINDS];
	for (int k = 0; k < MP_N_KIND; k++) {
		rp_cell(t, mp_case_kind_names[k]);
		rp_cell_int(t, cm[k]);
		rp_cell_int(t, pm[k]);
		rp_cell_int(t, cu[k]);
		rp_cell_int(t, pu[k]);
	}
}

void rp_report_build(rp_report *r, const mp_dataset *ds, const mp_plan *plan,
		     const mp_bottlenecks *bn)
{
	memset(r, 0, sizeof *r);
	r->ds = ds;
	r->plan = plan;
	r->bn = bn;
	rp_index_init(&r->ix, ds);
	r->currency = currency(ds);
	r->first_departure = r->last_arrival = MP_NODATE;
	init_tables(r);
	destinations(r);
	flights(r);
	quotas(r);
	weeks(r);
	departures(r);
	unassigned(r);
	waiting(r);
	lists(r);
	summary(r);
	rp_report_charts(r);
	kinds(r);
	rp_bottleneck_table(&r->t[RP_T_BOTTLENECKS], bn);
	r->n_bn_bars = rp_bottleneck_bars(&r->bn_bars, bn);
}

static void free_bars(rp_bar *v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i].label);
	free(v);
}

void rp_report_release(rp_report *r)
{
	if (!r)
		return;
	for (int i = 0; i < RP_N_TABLES; i++)
		rp_table_release(&r->t[i]);
	free_bars(r->flight_bars, r->n_flight_bars);
	free_bars(r->reason_bars, r->n_reason_bars);
	for (int i = 0; i < r->n_quota_charts; i++)
		rp_quota_chart_release(&r->quota_charts[i]);
	free(r->quota_charts);
	rp_quota_chart_release(&r->clinic_chart);
	free_bars(r->bn_bars, r->n_bn_bars);
	mp_strv_free(r->weeks, r->n_weeks);
	mp_strv_free(r->countries, r->n_countries);
	mp_strv_free(r->days, r->n_days);
	free(r->week_persons);
	free(r->day_persons);
	rp_index_release(&r->ix);
	memset(r, 0, sizeof *r);
}
