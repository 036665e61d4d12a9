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
	const char *const *cols;
	int n_cols;
	unsigned numeric;          /* bit j: column j holds numbers */
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

/* --- figures --- */
enum {
	RP_T_SUMMARY, RP_T_DESTINATIONS, RP_T_FLIGHTS, RP_T_QUOTAS, RP_T_WEEKS, RP_T_DEPARTURES,
	RP_T_REASONS, RP_T_UNASSIGNED, RP_T_WAITING, RP_T_WAITING_PRIORITY,
	RP_T_CONFLICTS, RP_T_CLINICS, RP_T_ESCORTS,
	RP_N_TABLES
};

#define RP_WAIT_BUCKETS 14 /* weeks 0..12, then 13 and more */

typedef struct rp_bar {
	char *label;
	double value;
	double cap;   /* < 0: none */
} rp_bar;

typedef struct rp_report {
	const mp_dataset *ds;
	const mp_plan *plan;
	rp_index ix;
	int moved_cases, moved_persons;
	int moved_by_prio[MP_N_PRIO];         /* persons */
	int unassigned_cases, unassigned_persons;
	int n_conflicts;
	rp_table t[RP_N_TABLES];
	/* chart data */
	rp_bar *flight_bars; int n_flight_bars, n_flights_used;
	rp_bar *quota_bars;  int n_quota_bars;
	rp_bar *reason_bars; int n_reason_bars;
	char **weeks; int n_weeks;            /* x labels: Monday dates */
	char **countries; int n_countries;    /* series */
	double *week_persons;                 /* [country * n_weeks + week] */
	char **days; int n_days;              /* departures timeline */
	double *day_persons;
	double wait_cases[RP_WAIT_BUCKETS];
} rp_report;

/* Computes every figure; the plan may not be NULL. */
void rp_report_build(rp_report *r, const mp_dataset *ds, const mp_plan *plan);
void rp_report_release(rp_report *r);

int rp_report_html(rp_buf *b, const rp_report *r);
int rp_report_json(rp_buf *b, const rp_report *r, mp_errors *errs);
/* Every table in one RFC 4180 CSV: table,row,column,value. */
void rp_report_csv_long(rp_buf *b, const rp_report *r);

/* --- charts (svg.c): inline SVG, sized by viewBox, classes for CSS --- */
/* Horizontal bars, one per item, against its cap when it has one. */
void rp_svg_hbars(rp_buf *b, const char *title, const rp_bar *bars, int n, const char *unit);
/* Columns over nx x positions, stacked by ns series; v[s * nx + x].
 * Labels are drawn every label_every positions (and never crowded). */
void rp_svg_columns(rp_buf *b, const char *title, char *const *xlabels, int nx,
		    char *const *series, int ns, const double *v, int label_every);

#endif
