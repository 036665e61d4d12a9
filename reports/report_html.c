/*
 * report_html.c - the plan report as one self-contained HTML page, as
 * JSON, and as one long CSV; and mp_report_write, which picks the form.
 *
 * The page needs nothing from outside: inline CSS, inline SVG charts
 * (svg.c), no script, and a Content-Security-Policy that forbids any
 * fetch, so it opens the same from a USB stick on a machine with no
 * network.  Print CSS gives A4 pages with repeated table headers and
 * charts kept whole.  Every text is HTML-escaped; cases appear by id
 * only, never a member's name, birth date or document (SPEC 5).
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "rp_report.h"
#include "i18n.h"

#ifndef MP_VERSION
#define MP_VERSION "dev"
#endif

static const char css[] =
	":root{--ink:#1a1a1a;--mute:#5f5f5f;--line:#d0d0d0;--accent:#0072B2}\n"
	"*{box-sizing:border-box}\n"
	"body{font:14px/1.4 'Noto Sans','DejaVu Sans',system-ui,Arial,sans-serif;"
	"color:var(--ink);max-width:1100px;margin:0 auto;padding:12px 24px}\n"
	"h1{font-size:23px;margin:6px 0 2px}h2{font-size:17px;margin:22px 0 6px;"
	"border-bottom:2px solid var(--accent);padding-bottom:3px}\n"
	".meta{color:var(--mute);margin:0 0 8px}.lead{font-size:16px;margin:8px 0}\n"
	".cards{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0}\n"
	".card{border:1px solid var(--line);border-radius:6px;padding:5px 12px;min-width:130px}\n"
	".card b{display:block;font-size:20px}.card span{color:var(--mute)}\n"
	".warn b{color:#D55E00}\n"
	".split,.pair{display:grid;grid-template-columns:1fr 1fr;gap:14px;align-items:start}\n"
	".tw{overflow-x:auto;margin:6px 0 10px}\n"
	"table{border-collapse:collapse;width:100%;font-size:12.5px}\n"
	"caption{text-align:left;font-weight:600;padding:3px 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top}\n"
	"th{background:#f3f3f3}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.none{color:var(--mute);font-style:italic}\n"
	"svg.chart{width:100%;height:auto;display:block;margin:2px 0 8px}\n"
	".chart-title{font-weight:600;margin:8px 0 0}\n"
	"svg .lbl{font-size:12px;fill:#1a1a1a}svg .val{font-size:11px;fill:#5f5f5f}\n"
	"svg .axis-title{font-size:12px;font-weight:600;fill:#333333}\n"
	".note{color:var(--mute);font-size:12px}\n"
	"footer{margin-top:24px;color:var(--mute);font-size:12px}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:11px}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h2{break-after:avoid}svg.chart,.cards,tr{break-inside:avoid}"
	"thead{display:table-header-group}.tw{overflow:visible}}\n";

static void head(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		       "style-src 'unsafe-inline'; img-src data:\">\n<title>movplan report - ");
	rp_html(b, r->ds->mission.id ? r->ds->mission.id : "mission");
	rp_buf_puts(b, " - plan ");
	rp_html(b, r->plan->id ? r->plan->id : "-");
	rp_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

static void card(rp_buf *b, const char *cls, const char *value, const char *what)
{
	rp_buf_printf(b, "<div class=\"card%s%s\"><b>", cls ? " " : "", cls ? cls : "");
	rp_html(b, value);
	rp_buf_puts(b, "</b><span>");
	rp_html(b, what);
	rp_buf_puts(b, "</span></div>\n");
}

static void card_int(rp_buf *b, const char *cls, long v, const char *what)
{
	char s[32];
	snprintf(s, sizeof s, "%ld", v);
	card(b, cls, s, what);
}

static void card_date(rp_buf *b, mp_date d, const char *what)
{
	rp_buf t = {0};
	rp_date_long(&t, d);
	card(b, NULL, d == MP_NODATE ? "-" : t.s, what);
	rp_buf_release(&t);
}

static void title_block(rp_buf *b, const rp_report *r)
{
	const mp_plan *p = r->plan;
	rp_buf_puts(b, "<header>\n<h1>Movement plan ");
	rp_html(b, r->ds->mission.id ? r->ds->mission.id : "");
	rp_buf_puts(b, "</h1>\n<p class=\"meta\">Plan ");
	rp_html(b, p->id ? p->id : "-");
	rp_buf_puts(b, " &middot; scenario ");
	rp_html(b, p->scenario ? p->scenario : "baseline");
	rp_buf_puts(b, " &middot; planning date ");
	rp_date_long(b, p->as_of);
	if (p->created) {
		rp_buf_puts(b, " &middot; planned ");
		rp_html(b, p->created);
	}
	rp_buf_printf(b, " &middot; %s, %.2f %% from the best possible plan</p>\n</header>\n",
		      p->status == MP_PLAN_OPTIMAL ? "optimal" : "feasible", 100.0 * p->gap);
}

/* "80 to CA, 58 to US ...": persons per destination country, most first. */
static void where_words(rp_buf *b, const rp_report *r)
{
	const rp_table *t = &r->t[RP_T_WHERE];
	char **countries = NULL;
	int n = 0, persons[64] = {0};
	for (int i = 0; i < t->n_rows; i++) {
		const char *c = rp_table_cell(t, i, 0);
		int k = 0;
		while (k < n && strcmp(countries[k], c) != 0)
			k++;
		if (k == n && n < 64)
			mp_strv_push(&countries, &n, c);
		if (k < 64)
			persons[k] += atoi(rp_table_cell(t, i, 3));
	}
	for (int done = 0; done < n; done++) {
		int best = -1;
		for (int k = 0; k < n; k++)
			if (persons[k] >= 0 && (best < 0 || persons[k] > persons[best]))
				best = k;
		const char *name = rp_country_msgid(countries[best]); /* English names */
		rp_buf_printf(b, "%s%d to %s", done ? ", " : "", persons[best],
			      name ? name : countries[best]);
		persons[best] = -1;
	}
	mp_strv_free(countries, n);
}

/* The first screen: how many move, when, where, what holds the rest back. */
static void overview(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"overview\">\n<h2>At a glance</h2>\n<p class=\"lead\">");
	rp_buf_printf(b, "<b>%d person%s</b> in %d case%s move", r->moved_persons,
		      r->moved_persons == 1 ? "" : "s", r->moved_cases, r->moved_cases == 1 ? "" : "s");
	if (r->first_departure != MP_NODATE) {
		rp_buf_puts(b, " between ");
		rp_date_long(b, r->first_departure);
		rp_buf_puts(b, " (first departure) and ");
		rp_date_long(b, r->last_arrival);
		rp_buf_puts(b, " (last arrival): ");
		where_words(b, r);
	}
	rp_buf_printf(b, ". <b>%d person%s</b> in %d case%s %s not booked", r->unassigned_persons,
		      r->unassigned_persons == 1 ? "" : "s", r->unassigned_cases,
		      r->unassigned_cases == 1 ? "" : "s", r->unassigned_persons == 1 ? "is" : "are");
	const rp_table *rt = &r->t[RP_T_REASONS];
	for (int i = 0; i < rt->n_rows && i < 3; i++) { /* the three that hold most */
		rp_buf_puts(b, i ? ", " : "; what holds them back: ");
		rp_html(b, rp_table_cell(rt, i, 1));
		rp_buf_printf(b, " (%s persons)", rp_table_cell(rt, i, 3));
	}
	rp_buf_puts(b, ".</p>\n<div class=\"cards\">\n");
	card_int(b, NULL, r->moved_persons, "persons move");
	card_int(b, NULL, r->moved_cases, "cases move");
	card_date(b, r->first_departure, "first departure");
	card_date(b, r->last_arrival, "last arrival");
	card_int(b, r->unassigned_persons ? "warn" : NULL, r->unassigned_persons,
		 "persons not booked");
	card_int(b, r->n_conflicts ? "warn" : NULL, r->n_conflicts, "conflicts");
	rp_buf_puts(b, "</div>\n<div class=\"pair\">\n<div>");
	rp_table_html(b, &r->t[RP_T_WHERE]);
	rp_buf_puts(b, "</div>\n<div>");
	rp_table_html(b, &r->t[RP_T_REASONS]);
	rp_buf_puts(b, "</div>\n</div>\n");
	rp_table_html(b, &r->t[RP_T_KINDS]);
	rp_buf_puts(b, "</section>\n");
}

static void quota_chart(rp_buf *b, const rp_quota_chart *q)
{
	rp_chart c = {q->title, q->x_title, q->y_title, NULL, q->cap_label};
	rp_svg_grouped(b, &c, q->xlabels, q->nx, q->series, q->ns, q->v, q->marks,
		       q->mark_titles);
}

static void quotas(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"quotas\">\n<h2>Arrivals against quotas</h2>\n");
	for (int i = 0; i < r->n_quota_charts; i++) {
		/* a group's persons and cases charts side by side */
		bool pair = i + 1 < r->n_quota_charts &&
			    strstr(r->quota_charts[i + 1].title, "Cases") &&
			    !strstr(r->quota_charts[i].title, "Cases");
		if (pair)
			rp_buf_puts(b, "<div class=\"pair\">\n<div>");
		quota_chart(b, &r->quota_charts[i]);
		if (pair) {
			rp_buf_puts(b, "</div>\n<div>");
			quota_chart(b, &r->quota_charts[++i]);
			rp_buf_puts(b, "</div>\n</div>\n");
		}
	}
	if (r->n_quota_charts == 0)
		rp_buf_puts(b, "<p class=\"note\">No quotas in the data.</p>\n");
	rp_table_html(b, &r->t[RP_T_QUOTAS]);
	rp_buf_puts(b, "</section>\n");
}

static void departures(rp_buf *b, const rp_report *r)
{
	char *series[] = {"persons departing"};
	rp_chart c = {"Persons departing per day", "departure date (local)", "persons", NULL, NULL};
	rp_buf_puts(b, "<section id=\"departures\">\n<h2>When</h2>\n");
	rp_svg_columns(b, &c, r->days, r->n_days, series, 1, r->day_persons, 7);
	rp_buf_puts(b, "</section>\n");
}

/* One row of the flights in use: id, route, local departure, seats. */
static void flight_row(rp_buf *b, const rp_table *t, int i)
{
	const char *dep = rp_table_cell(t, i, 3); /* "2026-12-03T13:20+01:00" */
	rp_buf_puts(b, "<tr><td>");
	rp_html(b, rp_table_cell(t, i, 0));
	rp_buf_puts(b, "</td><td>");
	rp_html(b, rp_table_cell(t, i, 1));
	rp_buf_puts(b, "-");
	rp_html(b, rp_table_cell(t, i, 2));
	rp_buf_puts(b, "</td><td>");
	if (dep && strlen(dep) >= 16)
		rp_buf_printf(b, "%.5s %.5s", dep + 5, dep + 11); /* "12-03 13:20" */
	rp_buf_puts(b, "</td><td class=\"n\">");
	rp_html(b, rp_table_cell(t, i, 5));
	rp_buf_puts(b, " / ");
	rp_html(b, rp_table_cell(t, i, 4));
	rp_buf_puts(b, "</td><td class=\"n\">");
	rp_html(b, rp_table_cell(t, i, 6));
	rp_buf_puts(b, "</td></tr>\n");
}

/* The flights in use only (flights.csv lists every flight), in two
 * tables side by side. */
static void flights_in_use(rp_buf *b, const rp_report *r)
{
	const rp_table *t = &r->t[RP_T_FLIGHTS];
	int n = r->n_flights_used, per = (n + 1) / 2, row = 0;
	rp_buf_puts(b, "<div class=\"split\">\n");
	for (int part = 0; part < 2; part++) {
		rp_buf_printf(b, "<div class=\"tw\"><table>\n<caption>Flights in use (%d of %d)"
				 "</caption>\n<thead><tr><th>flight</th><th>route</th><th>departs "
				 "(local)</th><th class=\"n\">seats used / held</th><th class=\"n\">"
				 "fill (%%)</th></tr></thead>\n<tbody>\n", part + 1, 2);
		for (int k = 0; row < t->n_rows && k < per; row++) {
			const char *used = rp_table_cell(t, row, 5);
			if (!used || strcmp(used, "0") == 0)
				continue;
			flight_row(b, t, row);
			k++;
		}
		rp_buf_puts(b, "</tbody></table></div>\n");
	}
	rp_buf_puts(b, "</div>\n");
}

static void flights(rp_buf *b, const rp_report *r)
{
	rp_chart c = {"Seats used on the fullest flights, against the seats held for the mission",
		      "seats", "flight (carrier and number, date, route)", "seats used",
		      "seats held"};
	rp_buf_puts(b, "<section id=\"flights\">\n<h2>Flights</h2>\n");
	rp_svg_hbars(b, &c, r->flight_bars, r->n_flight_bars, "seats");
	if (r->n_flights_used > r->n_flight_bars)
		rp_buf_printf(b, "<p class=\"note\">The chart shows the %d fullest of the %d flights "
				 "in use; the table lists every flight in use, flights.csv every "
				 "flight.</p>\n", r->n_flight_bars, r->n_flights_used);
	flights_in_use(b, r);
	rp_buf_puts(b, "</section>\n");
}

static void unassigned(rp_buf *b, const rp_report *r)
{
	rp_chart c = {"Persons not booked, by what holds them back", "persons not booked",
		      "decisive reason", "persons", NULL};
	rp_buf_puts(b, "<section id=\"unassigned\">\n<h2>Not booked</h2>\n");
	rp_svg_hbars(b, &c, r->reason_bars, r->n_reason_bars, "persons");
	rp_table_html(b, &r->t[RP_T_UNASSIGNED]);
	rp_buf_puts(b, "</section>\n");
}

static void waiting(rp_buf *b, const rp_report *r)
{
	char *labels[RP_WAIT_BUCKETS], *series[] = {"cases"};
	rp_chart c = {"Cases by time from ready to departure",
		      "days from ready to departure (weekly)", "cases", NULL, NULL};
	for (int k = 0; k < RP_WAIT_BUCKETS; k++)
		labels[k] = (char *)rp_table_cell(&r->t[RP_T_WAITING], k, 0);
	rp_buf_puts(b, "<section id=\"waiting\">\n<h2>Waiting</h2>\n");
	rp_buf_printf(b, "<p>Average wait in days from ready to departure: <b>%.1f</b> per "
			 "person moved.</p>\n", r->mean_wait);
	rp_buf_puts(b, "<div class=\"pair\">\n<div>");
	rp_svg_columns(b, &c, labels, RP_WAIT_BUCKETS, series, 1, r->wait_cases, 1);
	rp_buf_puts(b, "</div>\n<div>");
	rp_table_html(b, &r->t[RP_T_WAITING_PRIORITY]);
	rp_buf_puts(b, "</div>\n</div>\n</section>\n");
}

static void others(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"checks\">\n<h2>Checks and escorts</h2>\n");
	quota_chart(b, &r->clinic_chart);
	rp_buf_puts(b, "<div class=\"pair\">\n<div>");
	rp_table_html(b, &r->t[RP_T_ESCORTS]);
	rp_buf_puts(b, "</div>\n<div>");
	rp_table_html(b, &r->t[RP_T_CONFLICTS]);
	rp_buf_puts(b, "</div>\n</div>\n</section>\n");
	rp_buf_puts(b, "<section id=\"figures\">\n<h2>Plan figures</h2>\n");
	rp_table_html_rows(b, &r->t[RP_T_SUMMARY], -1, 2);
	rp_buf_puts(b, "</section>\n");
}

/* The limits worth most (SPEC 4 `bottlenecks`), when computed. */
static void bottlenecks(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"bottlenecks\">\n<h2>What one more seat or quota place is worth</h2>\n");
	if (!r->bn) {
		rp_buf_puts(b, "<p class=\"note\">Not computed: <code>movplan report --bottlenecks</code> or "
			       "<code>movplan bottlenecks</code> measures them (a re-plan each).</p>\n"
			       "</section>\n");
		return;
	}
	rp_buf_printf(b, "<p class=\"note\">%d limits bind in the LP relaxation; the gains below are "
			 "measured by %d full re-plans of the data with the limit raised "
			 "(docs/decisions.md).</p>\n", r->bn->n_binding, r->bn->n_replans);
	rp_chart c = {"Level 1 gained per unit more: the ten most valuable limits",
		      "level 1 a unit", "limit (seats on a flight, a quota, a clinic)",
		      "level 1 gained per unit more", NULL};
	rp_svg_hbars(b, &c, r->bn_bars, r->n_bn_bars, "level 1 a unit");
	rp_table_html(b, &r->t[RP_T_BOTTLENECKS]);
	rp_buf_puts(b, "</section>\n");
}

int rp_report_html(rp_buf *b, const rp_report *r)
{
	head(b, r);
	title_block(b, r);
	overview(b, r);
	quotas(b, r);
	departures(b, r);
	flights(b, r);
	unassigned(b, r);
	waiting(b, r);
	bottlenecks(b, r);
	others(b, r);
	rp_buf_puts(b, "<footer>Written by movplan " MP_VERSION ". Cases are named by id only: "
		       "this report carries no personal data. Every table in full: the CSV files "
		       "beside it.</footer>\n</body>\n</html>\n");
	return MP_OK;
}

/* --- JSON --- */

static cJSON *json_table(const rp_table *t)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < t->n_rows; i++) {
		cJSON *o = cJSON_CreateObject();
		for (int j = 0; j < t->n_cols; j++) {
			const char *v = rp_table_cell(t, i, j);
			cJSON *item = !v ? cJSON_CreateNull()
				      : (t->numeric >> j) & 1u ? cJSON_CreateNumber(strtod(v, NULL))
				      : cJSON_CreateString(v);
			cJSON_AddItemToObject(o, t->cols[j], item); /* ownership to o */
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* The summary as one object; numbers typed. */
static cJSON *json_summary(const rp_table *t)
{
	cJSON *o = cJSON_CreateObject();
	for (int i = 0; i < t->n_rows; i++) {
		const char *k = rp_table_cell(t, i, 0), *v = rp_table_cell(t, i, 2);
		char *end = NULL;
		double d = v ? strtod(v, &end) : 0;
		cJSON *item = !v ? cJSON_CreateNull()
			      : (end && *end == '\0' && end != v && strcmp(k, "plan") != 0 &&
				 strcmp(k, "mission") != 0 && strcmp(k, "scenario") != 0)
				      ? cJSON_CreateNumber(d)
				      : cJSON_CreateString(v);
		cJSON_AddItemToObject(o, k, item);
	}
	return o;
}

int rp_report_json(rp_buf *b, const rp_report *r, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *rep = cJSON_AddObjectToObject(root, "report");
	cJSON_AddItemToObject(rep, "summary", json_summary(&r->t[RP_T_SUMMARY]));
	cJSON *tables = cJSON_AddObjectToObject(rep, "tables");
	for (int i = RP_T_SUMMARY + 1; i < RP_N_TABLES; i++)
		cJSON_AddItemToObject(tables, r->t[i].name, json_table(&r->t[i]));
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

/* --- one long CSV --- */

void rp_report_csv_long(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "table,row,column,value\r\n");
	for (int i = 0; i < RP_N_TABLES; i++) {
		const rp_table *t = &r->t[i];
		for (int row = 0; row < t->n_rows; row++)
			for (int j = 0; j < t->n_cols; j++) {
				rp_csv_field(b, t->name);
				rp_buf_printf(b, ",%d,", row + 1);
				rp_csv_field(b, t->cols[j]);
				rp_buf_putc(b, ',');
				rp_csv_field(b, rp_table_cell(t, row, j));
				rp_csv_end(b);
			}
	}
}

/* --- entry point --- */

static int no_plan(mp_errors *errs)
{
	mp_errors_addf(errs, MP_ENOPLAN, "no plan to report on");
	return MP_ENOPLAN;
}

int mp_report_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		    const mp_bottlenecks *bn, enum mp_report_format f, mp_errors *errs)
{
	if (!plan)
		return no_plan(errs);
	rp_report r;
	rp_buf b = {0};
	int rc = MP_OK;
	rp_report_build(&r, ds, plan, bn);
	switch (f) {
	case MP_REPORT_HTML: rc = rp_report_html(&b, &r); break;
	case MP_REPORT_JSON: rc = rp_report_json(&b, &r, errs); break;
	case MP_REPORT_CSV: rp_report_csv_long(&b, &r); break;
	default:
		mp_errors_addf(errs, MP_EUSAGE, "unknown report format %d", (int)f);
		rc = MP_EUSAGE;
	}
	if (rc == MP_OK)
		rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	rp_report_release(&r);
	return rc;
}
