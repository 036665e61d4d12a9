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

#ifndef MP_VERSION
#define MP_VERSION "dev"
#endif

static const char css[] =
	":root{--ink:#1a1a1a;--mute:#5f5f5f;--line:#d0d0d0;--accent:#0072B2}\n"
	"*{box-sizing:border-box}\n"
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
	"color:var(--ink);max-width:1100px;margin:0 auto;padding:16px 24px}\n"
	"h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;"
	"border-bottom:2px solid var(--accent);padding-bottom:4px}\n"
	".meta{color:var(--mute);margin:0 0 12px}\n"
	".cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}\n"
	".card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:140px}\n"
	".card b{display:block;font-size:22px}.card span{color:var(--mute)}\n"
	".warn b{color:#D55E00}\n"
	".tw{overflow-x:auto;margin:8px 0 16px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px}\n"
	"caption{text-align:left;font-weight:600;padding:4px 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}\n"
	"th{background:#f3f3f3}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.none{color:var(--mute);font-style:italic}\n"
	"svg.chart{width:100%;height:auto;display:block;margin:8px 0}\n"
	"svg .lbl{font-size:12px;fill:#1a1a1a}svg .val{font-size:11px;fill:#5f5f5f}\n"
	".note{color:var(--mute);font-size:12px}\n"
	"footer{margin-top:32px;color:var(--mute);font-size:12px}\n"
	"@page{size:A4;margin:14mm}\n"
	"@media print{body{max-width:none;padding:0;font-size:11px}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h2{break-after:avoid}svg.chart,.cards,tr{break-inside:avoid}"
	"thead{display:table-header-group}.tw{overflow:visible}section{break-before:auto}}\n";

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

static void title_block(rp_buf *b, const rp_report *r)
{
	const mp_plan *p = r->plan;
	char d[MP_DATE_BUF];
	rp_buf_puts(b, "<header>\n<h1>Movement plan report</h1>\n<p class=\"meta\">Mission ");
	rp_html(b, r->ds->mission.id ? r->ds->mission.id : "-");
	rp_buf_puts(b, " &middot; plan ");
	rp_html(b, p->id ? p->id : "-");
	rp_buf_puts(b, " &middot; scenario ");
	rp_html(b, p->scenario ? p->scenario : "baseline");
	rp_buf_printf(b, " &middot; as of %s", rp_date(p->as_of, d));
	if (p->created) {
		rp_buf_puts(b, " &middot; planned ");
		rp_html(b, p->created);
	}
	rp_buf_puts(b, "</p>\n</header>\n");
}

static void summary(rp_buf *b, const rp_report *r)
{
	const mp_plan *p = r->plan;
	char gap[64];
	snprintf(gap, sizeof gap, "%s, gap %.2f%%", mp_plan_status_names[p->status], 100.0 * p->gap);
	rp_buf_puts(b, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
	card_int(b, NULL, r->moved_persons, "persons moved");
	card_int(b, NULL, r->moved_cases, "cases moved");
	card_int(b, r->unassigned_cases ? "warn" : NULL, r->unassigned_cases, "cases unassigned");
	card_int(b, r->n_conflicts ? "warn" : NULL, r->n_conflicts, "conflicts");
	card(b, NULL, gap, "solver status");
	rp_buf_puts(b, "</div>\n");
	rp_table_html(b, &r->t[RP_T_SUMMARY]);
	rp_table_html(b, &r->t[RP_T_DESTINATIONS]);
	rp_buf_puts(b, "</section>\n");
}

static void flights(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"flights\">\n<h2>Flight fill</h2>\n");
	rp_svg_hbars(b, "Seats used per flight against seats held", r->flight_bars,
		     r->n_flight_bars, "seats");
	if (r->n_flights_used > r->n_flight_bars)
		rp_buf_printf(b, "<p class=\"note\">The chart shows the %d fullest of %d flights "
				 "in use; the table lists every flight.</p>\n",
			      r->n_flight_bars, r->n_flights_used);
	rp_table_html(b, &r->t[RP_T_FLIGHTS]);
	rp_buf_puts(b, "</section>\n");
}

static void arrivals(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"arrivals\">\n<h2>Arrivals per week against quotas</h2>\n");
	rp_svg_columns(b, "Persons arriving per week (Monday) by destination country", r->weeks,
		       r->n_weeks, r->countries, r->n_countries, r->week_persons, 1);
	rp_table_html(b, &r->t[RP_T_WEEKS]);
	rp_svg_hbars(b, "Persons against each quota", r->quota_bars, r->n_quota_bars, "persons");
	rp_table_html(b, &r->t[RP_T_QUOTAS]);
	rp_buf_puts(b, "</section>\n");
}

static void departures(rp_buf *b, const rp_report *r)
{
	char *series[] = {"persons"};
	rp_buf_puts(b, "<section id=\"departures\">\n<h2>Departures</h2>\n");
	rp_svg_columns(b, "Persons departing per day", r->days, r->n_days, series, 1,
		       r->day_persons, 7);
	rp_table_html(b, &r->t[RP_T_DEPARTURES]);
	rp_buf_puts(b, "</section>\n");
}

static void unassigned(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"unassigned\">\n<h2>Unassigned cases</h2>\n");
	rp_svg_hbars(b, "Unassigned cases by decisive reason", r->reason_bars,
		     r->n_reason_bars, "cases");
	rp_table_html(b, &r->t[RP_T_REASONS]);
	rp_table_html(b, &r->t[RP_T_UNASSIGNED]);
	rp_buf_puts(b, "</section>\n");
}

static void waiting(rp_buf *b, const rp_report *r)
{
	char *labels[RP_WAIT_BUCKETS], *series[] = {"cases"};
	for (int k = 0; k < RP_WAIT_BUCKETS; k++)
		labels[k] = (char *)rp_table_cell(&r->t[RP_T_WAITING], k, 0);
	rp_buf_puts(b, "<section id=\"waiting\">\n<h2>Waiting times</h2>\n");
	rp_svg_columns(b, "Cases by days from ready to departure", labels, RP_WAIT_BUCKETS,
		       series, 1, r->wait_cases, 1);
	rp_table_html(b, &r->t[RP_T_WAITING]);
	rp_table_html(b, &r->t[RP_T_WAITING_PRIORITY]);
	rp_buf_puts(b, "</section>\n");
}

static void others(rp_buf *b, const rp_report *r)
{
	rp_buf_puts(b, "<section id=\"conflicts\">\n<h2>Conflicts</h2>\n");
	rp_table_html(b, &r->t[RP_T_CONFLICTS]);
	rp_buf_puts(b, "</section>\n<section id=\"checks\">\n<h2>Checks and escorts</h2>\n");
	rp_table_html(b, &r->t[RP_T_CLINICS]);
	rp_table_html(b, &r->t[RP_T_ESCORTS]);
	rp_buf_puts(b, "</section>\n");
}

int rp_report_html(rp_buf *b, const rp_report *r)
{
	head(b, r);
	title_block(b, r);
	summary(b, r);
	flights(b, r);
	arrivals(b, r);
	departures(b, r);
	unassigned(b, r);
	waiting(b, r);
	others(b, r);
	rp_buf_puts(b, "<footer>Written by movplan " MP_VERSION ". Cases are named by id only: "
		       "this report carries no personal data.</footer>\n</body>\n</html>\n");
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
		const char *k = rp_table_cell(t, i, 0), *v = rp_table_cell(t, i, 1);
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
		    enum mp_report_format f, mp_errors *errs)
{
	if (!plan)
		return no_plan(errs);
	rp_report r;
	rp_buf b = {0};
	int rc = MP_OK;
	rp_report_build(&r, ds, plan);
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
