/*
 * rp_report.h - the figures of the plan report and the tables that carry
 * them to HTML, JSON and CSV (internal to reports/).
 *
 * The figures are computed once (report.c); every table is a grid of
 * text cells with the numeric columns marked, so one renderer per
 * format serves every table: an HTML <table>, a CSV file, a JSON array
 * of objects (numbers typed).  The charts (svg.c) read the figures.
 *
 * Nothing here names a person: cases appear by id only (SPEC 5).
 */
#ifndef MP_RP_REPORT_H
#define MP_RP_REPORT_H

#include "rp.h"
#include "reports.h"

/* --- tables --- */
typedef struct rp_table {
	const char *name;          /* file stem, JSON key: "flights" */
	const char *title;         /* heading for people */
	const char *const *cols;   /* keys: CSV header, JSON members */
	const char *const *labels; /* column headings for people (HTML); NULL: cols */
	int n_cols;
	unsigned numeric;          /* bit j: column j holds numbers */
	unsigned html_hidden;      /* bit j: column j is for programs (CSV, JSON) only */
	char **cells;              /* n_rows * n_cols, owned; NULL is empty */
	int n_rows, cap_cells, n_cells;
} rp_table;

void rp_table_init(rp_table *t, const char *name, const char *title,
		   const char *const *cols, int n_cols, unsigned numeric);
void rp_table_release(rp_table *t);
/* Appends the next cell of the current row (rows fill left to right). */
void rp_cell(rp_table *t, const char *s);
void rp_cell_int(rp_table *t, long v);
void rp_cell_num(rp_table *t, double v, int decimals);
void rp_cell_date(rp_table *t, mp_date d);
const char *rp_table_cell(const rp_table *t, int row, int col);

void rp_table_csv(rp_buf *b, const rp_table *t);     /* RFC 4180, header row */
void rp_table_html(rp_buf *b, const rp_table *t);    /* <table> with caption */
/* The HTML table of only the rows whose column `col` is not "0" (-1:
 * every row), cut into `parts` tables side by side to save the reader
 * scrolling (1: one table). */
void rp_table_html_rows(rp_buf *b, const rp_table *t, int col, int parts);

/* --- figures --- */
enum {
	RP_T_SUMMARY, RP_T_DESTINATIONS, RP_T_FLIGHTS, RP_T_QUOTAS, RP_T_WEEKS, RP_T_DEPARTURES,
	RP_T_REASONS, RP_T_UNASSIGNED, RP_T_WAITING, RP_T_WAITING_PRIORITY,
	RP_T_CONFLICTS, RP_T_CLINICS, RP_T_ESCORTS, RP_T_WHERE, RP_T_BOTTLENECKS, RP_T_KINDS,
	RP_N_TABLES
};

#define RP_WAIT_BUCKETS 14 /* weeks 0..12, then 13 and more */

typedef struct rp_bar {
	char *label;
	double value;
	double cap;   /* < 0: none */
} rp_bar;

/* What a chart says besides its data: every chart has both axis titles
 * with their unit and a legend (issue 13). */
typedef struct rp_chart {
	const char *title;
	const char *x_title, *y_title;  /* "departure date (local)", "persons" */
	const char *series;             /* legend of a one-series chart: "seats used" */
	const char *cap_label;          /* legend of the caps or marks: "quota (persons)" */
} rp_chart;

/* Columns per period against each quota of a group, in one unit
 * (persons or cases), grouped by series (countries, or one airport). */
typedef struct rp_quota_chart {
	char *title, *x_title, *y_title, *cap_label;
	char **xlabels; int nx;               /* periods, in time order */
	char **series; int ns;
	double *v, *marks;                    /* [s * nx + x]; a mark < 0: no quota */
	char **mark_titles;                   /* "quota YYZ-2026-W51: 5 cases" */
} rp_quota_chart;

typedef struct rp_report {
	const mp_dataset *ds;
	const mp_plan *plan;
	const mp_bottlenecks *bn;             /* NULL: not computed */
	rp_index ix;
	int moved_cases, moved_persons;
	int moved_by_prio[MP_N_PRIO];         /* persons */
	int unassigned_cases, unassigned_persons;
	int n_conflicts;
	mp_date first_departure, last_arrival;
	double mean_wait;                     /* days from ready to departure, per person */
	const char *currency;                 /* the dataset's one currency, NULL when none */
	rp_table t[RP_N_TABLES];
	/* chart data */
	rp_bar *flight_bars; int n_flight_bars, n_flights_used;
	rp_bar *reason_bars; int n_reason_bars;  /* persons held back per decisive reason */
	rp_quota_chart *quota_charts; int n_quota_charts;
	rp_quota_chart clinic_chart;           /* persons per clinic day against capacity */
	rp_bar *bn_bars;     int n_bn_bars;   /* the ten most valuable limits */
	char **weeks; int n_weeks;            /* x labels: Monday dates */
	char **countries; int n_countries;    /* series */
	double *week_persons;                 /* [country * n_weeks + week] */
	char **days; int n_days;              /* departures timeline */
	double *day_persons;
	double wait_cases[RP_WAIT_BUCKETS];
} rp_report;

/* Computes every figure; the plan may not be NULL, bn may. */
void rp_report_build(rp_report *r, const mp_dataset *ds, const mp_plan *plan,
		     const mp_bottlenecks *bn);
void rp_report_release(rp_report *r);

/* report_charts.c: the quota charts (one per group of quotas - the
 * country quotas together, each airport's reception capacity apart -
 * in persons, and in cases where a quota of the group counts them), the
 * clinic chart, and the "where" table with the last arrival; called by
 * rp_report_build once the tables are made. */
void rp_report_charts(rp_report *r);
void rp_quota_chart_release(rp_quota_chart *c);

int rp_report_html(rp_buf *b, const rp_report *r);
int rp_report_json(rp_buf *b, const rp_report *r, mp_errors *errs);
/* Every table in one RFC 4180 CSV: table,row,column,value. */
void rp_report_csv_long(rp_buf *b, const rp_report *r);

/* --- bottlenecks (bottlenecks.c) --- */
/* "seats on TK1074/2026-12-14", "quota CA-2027-01, persons" */
void rp_bottleneck_label(rp_buf *b, const mp_bottleneck *x);
/* "+1 seat: +10 (+1 person); +4 seats: +40 (+4 persons); no more after" */
void rp_bottleneck_steps(rp_buf *b, const mp_bottleneck *x);
/* The report's table: one row per measured limit, in bn's order. */
void rp_bottleneck_table(rp_table *t, const mp_bottlenecks *bn);
/* The chart's bars: the ten measured limits of most gain per unit. */
int rp_bottleneck_bars(rp_bar **bars, const mp_bottlenecks *bn);

/* --- charts (svg.c): inline SVG, sized by viewBox, classes for CSS --- */
/* Horizontal bars, one per item, against its cap when it has one; the
 * x axis is the value (x_title), the y axis the items (y_title). */
void rp_svg_hbars(rp_buf *b, const rp_chart *c, const rp_bar *bars, int n, const char *unit);
/* Columns over nx x positions, stacked by ns series; v[s * nx + x].
 * Labels are drawn every label_every positions (and never crowded). */
void rp_svg_columns(rp_buf *b, const rp_chart *c, char *const *xlabels, int nx,
		    char *const *series, int ns, const double *v, int label_every);
/* Columns over nx x positions, side by side per series, each with a
 * mark (class "quota", titled mark_titles[k]) where marks[k] >= 0. */
void rp_svg_grouped(rp_buf *b, const rp_chart *c, char *const *xlabels, int nx,
		    char *const *series, int ns, const double *v, const double *marks,
		    char *const *mark_titles);

#endif
