/*
 * report_charts.c - the report's figures that need more than one table
 * row at a time: arrivals per period against each quota in the quota's
 * own unit, clinic days against capacity, and where the plan moves
 * people (see rp_report.h).
 *
 * Quotas are grouped as a reader compares them: the country quotas
 * together (one series per country over the months), and each airport's
 * reception capacity apart (over the weeks).  Each group gets a chart in
 * persons, and one in cases when a quota of it counts cases too: a week
 * at YYZ full at 5 of 5 cases shows full, not 77 % of its persons.
 * Values are the plan's own quota use (SPEC 3 `quotas`).
 */
#include <stdlib.h>
#include <string.h>
#include "rp_report.h"

/* --- where --- */

typedef struct where_row {
	const char *country, *airport;
	int cases, persons;
	mp_date first, last;
} where_row;

static int cmp_where(const void *a, const void *b)
{
	const where_row *x = a, *y = b;
	int c = strcmp(x->country, y->country);
	return c ? c : strcmp(x->airport, y->airport);
}

static void where_add(where_row **v, int *n, const char *country, const char *airport,
		      int persons, mp_date d)
{
	int k = 0;
	while (k < *n && (strcmp((*v)[k].country, country) || strcmp((*v)[k].airport, airport)))
		k++;
	if (k == *n) {
		*v = mp_xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
		(*v)[(*n)++] = (where_row){country, airport, 0, 0, d, d};
	}
	where_row *w = &(*v)[k];
	w->cases++;
	w->persons += persons;
	w->first = d < w->first ? d : w->first;
	w->last = d > w->last ? d : w->last;
}

static void where(rp_report *r)
{
	where_row *v = NULL;
	int n = 0;
	for (int i = 0; i < r->plan->n_assignments; i++) {
		const mp_assignment *a = &r->plan->assignments[i];
		const mp_case *c = rp_case(&r->ix, a->case_id);
		mp_datetime arr = rp_arrives(&r->ix, a);
		const mp_flight *last = a->n_flights ? rp_flight(&r->ix, a->flights[a->n_flights - 1])
						     : NULL;
		if (!c || !arr.present)
			continue;
		mp_date d = mp_datetime_local_date(arr);
		where_add(&v, &n, c->dest_country ? c->dest_country : "",
			  last ? last->to : c->dest_airport ? c->dest_airport : "", c->n_members, d);
		if (r->last_arrival == MP_NODATE || d > r->last_arrival)
			r->last_arrival = d;
	}
	if (n > 1)
		qsort(v, (size_t)n, sizeof *v, cmp_where);
	rp_table *t = &r->t[RP_T_WHERE];
	for (int k = 0; k < n; k++) {
		rp_cell(t, v[k].country);
		rp_cell(t, v[k].airport);
		rp_cell_int(t, v[k].cases);
		rp_cell_int(t, v[k].persons);
		rp_cell_date(t, v[k].first);
		rp_cell_date(t, v[k].last);
	}
	free(v);
}

/* --- a chart's axes and cells --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int slot_of(char ***v, int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return i;
	mp_strv_push(v, n, s);
	return *n - 1;
}

static void chart_alloc(rp_quota_chart *c)
{
	size_t cells = (size_t)c->nx * (size_t)c->ns + 1;
	c->v = mp_xcalloc(cells, sizeof *c->v);
	c->marks = mp_xcalloc(cells, sizeof *c->marks);
	c->mark_titles = mp_xcalloc(cells, sizeof *c->mark_titles);
	for (size_t k = 0; k < cells; k++)
		c->marks[k] = -1;
}

static void chart_set(rp_quota_chart *c, int s, int x, double v, double mark, char *title)
{
	int k = s * c->nx + x;
	c->v[k] += v;
	if (mark >= 0) {
		c->marks[k] = mark;
		free(c->mark_titles[k]);
		c->mark_titles[k] = title; /* ownership to c */
	} else {
		free(title);
	}
}

void rp_quota_chart_release(rp_quota_chart *c)
{
	if (!c)
		return;
	for (int k = 0; k < c->nx * c->ns; k++)
		free(c->mark_titles[k]);
	free(c->mark_titles);
	free(c->v);
	free(c->marks);
	mp_strv_free(c->xlabels, c->nx);
	mp_strv_free(c->series, c->ns);
	free(c->title);
	free(c->x_title);
	free(c->y_title);
	free(c->cap_label);
	memset(c, 0, sizeof *c);
}

/* --- quota periods --- */

enum period_kind { PERIOD_MONTH, PERIOD_WEEK, PERIOD_OTHER };

static enum period_kind kind_of(const mp_quota *q)
{
	int y, m, d, y2, m2, d2;
	mp_date_to_ymd(q->from, &y, &m, &d);
	mp_date_to_ymd(q->to + 1, &y2, &m2, &d2);
	if (d == 1 && d2 == 1 && (y2 * 12 + m2) - (y * 12 + m) == 1)
		return PERIOD_MONTH;
	if (q->to - q->from == 6 && mp_date_weekday(q->from) == 0)
		return PERIOD_WEEK;
	return PERIOD_OTHER;
}

/* "Dec 2026", "14 Dec" (a week's Monday), "14 Dec-20 Dec". */
static char *period_label(const mp_quota *q, enum period_kind k)
{
	static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, d, y2, m2, d2;
	mp_date_to_ymd(q->from, &y, &m, &d);
	mp_date_to_ymd(q->to, &y2, &m2, &d2);
	if (k == PERIOD_MONTH)
		return mp_xasprintf("%s %d", mon[(m - 1) % 12], y);
	if (k == PERIOD_WEEK)
		return mp_xasprintf("%d %s", d, mon[(m - 1) % 12]);
	return mp_xasprintf("%d %s-%d %s", d, mon[(m - 1) % 12], d2, mon[(m2 - 1) % 12]);
}

typedef struct qref {
	const mp_quota *q;
	const mp_quota_use *u;
} qref;

static int cmp_qref(const void *a, const void *b)
{
	const qref *x = a, *y = b;
	if (x->q->from != y->q->from)
		return x->q->from < y->q->from ? -1 : 1;
	if (x->q->to != y->q->to)
		return x->q->to < y->q->to ? -1 : 1;
	return strcmp(x->q->id, y->q->id);
}

/* The quotas of a group (airport NULL: the country quotas), by period. */
static int group_quotas(const rp_report *r, const char *airport, qref *out)
{
	int n = 0;
	for (int i = 0; i < r->plan->n_quotas; i++) {
		const mp_quota_use *u = &r->plan->quotas[i];
		const mp_quota *q = mp_dataset_quota(r->ds, u->id);
		if (!q || (airport ? !q->airport || strcmp(q->airport, airport) : q->airport != NULL))
			continue;
		out[n++] = (qref){q, u};
	}
	if (n > 1)
		qsort(out, (size_t)n, sizeof *out, cmp_qref);
	return n;
}

static const char *const period_title[3] = {"month of arrival", "week of arrival (Monday)",
					    "period of arrival"};
static const char *const period_word[3] = {"per month", "per week", "per period"};

static void quota_titles(rp_quota_chart *c, const char *airport, bool cases, enum period_kind k)
{
	const char *unit = cases ? "cases" : "persons";
	if (airport)
		c->title = mp_xasprintf("%s arriving at %s %s, against its reception capacity "
					"(%s)", cases ? "Cases" : "Persons", airport, period_word[k],
					unit);
	else
		c->title = mp_xasprintf("%s arriving in each country %s, against the country "
					"quotas (%s)", cases ? "Cases" : "Persons", period_word[k],
					unit);
	c->x_title = mp_xstrdup(period_title[k]);
	c->y_title = mp_xstrdup(cases ? "cases (families) arriving" : "persons arriving");
	c->cap_label = mp_xasprintf("quota (%s)", unit);
}

/* One chart of a group in one unit. */
static void quota_chart(rp_quota_chart *c, const qref *v, int n, const char *airport,
			bool cases)
{
	enum period_kind k = kind_of(v[0].q);
	for (int i = 1; i < n; i++)
		if (kind_of(v[i].q) != k)
			k = PERIOD_OTHER;
	memset(c, 0, sizeof *c);
	quota_titles(c, airport, cases, k);
	for (int i = 0; i < n; i++) {
		char *label = period_label(v[i].q, k);
		slot_of(&c->xlabels, &c->nx, label);
		free(label);
		slot_of(&c->series, &c->ns, airport ? airport : v[i].q->country);
	}
	chart_alloc(c);
	for (int i = 0; i < n; i++) {
		const mp_quota_use *u = v[i].u;
		char *label = period_label(v[i].q, k);
		int x = slot_of(&c->xlabels, &c->nx, label);
		int s = slot_of(&c->series, &c->ns, airport ? airport : v[i].q->country);
		int max = cases ? u->max_cases : u->max_persons;
		chart_set(c, s, x, cases ? u->cases : u->persons, max,
			  mp_xasprintf("quota %s: %d %s", u->id, max, cases ? "cases" : "persons"));
		free(label);
	}
}

static void add_chart(rp_report *r, const qref *v, int n, const char *airport)
{
	bool cases = false;
	for (int i = 0; i < n; i++)
		cases |= v[i].u->max_cases >= 0;
	for (int unit = 0; unit <= (int)cases; unit++) {
		r->quota_charts = mp_xrealloc(r->quota_charts, (size_t)(r->n_quota_charts + 1) *
							       sizeof *r->quota_charts);
		quota_chart(&r->quota_charts[r->n_quota_charts++], v, n, airport, unit == 1);
	}
}

static void quota_charts(rp_report *r)
{
	qref *v = mp_xcalloc((size_t)r->plan->n_quotas + 1, sizeof *v);
	char **airports = NULL;
	int n_airports = 0, n = group_quotas(r, NULL, v);
	if (n)
		add_chart(r, v, n, NULL);
	for (int i = 0; i < r->plan->n_quotas; i++) {
		const mp_quota *q = mp_dataset_quota(r->ds, r->plan->quotas[i].id);
		if (q && q->airport)
			slot_of(&airports, &n_airports, q->airport);
	}
	for (int a = 0; a < n_airports; a++) {
		n = group_quotas(r, airports[a], v);
		if (n)
			add_chart(r, v, n, airports[a]);
	}
	mp_strv_free(airports, n_airports);
	free(v);
}

/* --- clinic days --- */

static void clinic_chart(rp_report *r)
{
	rp_quota_chart *c = &r->clinic_chart;
	const mp_plan *p = r->plan;
	char d[MP_DATE_BUF];
	memset(c, 0, sizeof *c);
	c->title = mp_xstrdup("Travellers checked per day at each clinic, against its capacity");
	c->x_title = mp_xstrdup("date of the fit-to-travel check");
	c->y_title = mp_xstrdup("persons checked");
	c->cap_label = mp_xstrdup("capacity (persons a day)");
	for (int i = 0; i < p->n_clinics; i++) {
		slot_of(&c->xlabels, &c->nx, rp_date(p->clinics[i].date, d));
		slot_of(&c->series, &c->ns, p->clinics[i].clinic);
	}
	if (c->nx > 1)
		qsort(c->xlabels, (size_t)c->nx, sizeof *c->xlabels, cmp_str);
	chart_alloc(c);
	for (int i = 0; i < p->n_clinics; i++) {
		const mp_clinic_day *cd = &p->clinics[i];
		int x = slot_of(&c->xlabels, &c->nx, rp_date(cd->date, d));
		int s = slot_of(&c->series, &c->ns, cd->clinic);
		chart_set(c, s, x, cd->persons, cd->capacity,
			  mp_xasprintf("clinic %s: %d persons a day", cd->clinic, cd->capacity));
	}
}

void rp_report_charts(rp_report *r)
{
	where(r);
	quota_charts(r);
	clinic_chart(r);
}
