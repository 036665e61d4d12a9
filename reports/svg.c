/*
 * svg.c - the report's charts as inline SVG, drawn here so the report
 * needs nothing from outside (no script, no font, no image to fetch).
 *
 * Three shapes serve every chart: horizontal bars against a capacity
 * (flight fill, persons held back), columns over a category axis,
 * stacked by series (departures per day, waiting times), and grouped
 * columns with a mark per column (arrivals per period against each
 * quota, in the quota's own unit; clinic days against capacity).
 *
 * Every chart carries what a reader needs without the table beneath:
 * a title, an axis title on each axis with its unit (class
 * "axis-title"), ticks, and a legend (class "legend") naming every
 * series and mark; a quota or capacity mark is a line of class "quota"
 * whose <title> names the quota and its limit.  Sizes come from a
 * viewBox, so a chart scales to the page and prints sharp; colours are
 * the Okabe-Ito palette, readable by colour-blind readers.
 */
#include <math.h>
#include <string.h>
#include "rp_report.h"

static const char *const palette[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
};
#define N_PALETTE 8
#define MARK_COLOUR "#D55E00"
#define CAP_COLOUR "#e3e3e3"

#define W 960          /* viewBox width */

/* The chart's title as a caption people see, then the picture. */
static void open_svg(rp_buf *b, const rp_chart *c, int height)
{
	rp_buf_puts(b, "<p class=\"chart-title\">");
	rp_html(b, c->title);
	rp_buf_puts(b, "</p>\n");
	rp_buf_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, height);
	rp_html(b, c->title);
	rp_buf_puts(b, "\"><title>");
	rp_html(b, c->title);
	rp_buf_puts(b, "</title>\n");
}

static void text(rp_buf *b, double x, double y, const char *anchor, const char *cls,
		 const char *s)
{
	rp_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" class=\"%s\">", x, y,
		      anchor, cls);
	rp_html(b, s);
	rp_buf_puts(b, "</text>\n");
}

static void num(char *buf, size_t n, double v)
{
	if (v == floor(v))
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.1f", v);
}

/* The y axis title, turned to read upwards beside the axis. */
static void y_title(rp_buf *b, double x, double y, const char *s)
{
	rp_buf_printf(b, "<text x=\"0\" y=\"0\" transform=\"translate(%.1f %.1f) rotate(-90)\" "
			 "text-anchor=\"middle\" class=\"axis-title\">", x, y);
	rp_html(b, s);
	rp_buf_puts(b, "</text>\n");
}

/* --- legend: one row of swatches above the plot --- */

typedef struct legend_item {
	const char *label;
	const char *colour;
	bool mark;     /* a line (quota) rather than a box */
} legend_item;

static void legend(rp_buf *b, const legend_item *v, int n, double x, double y)
{
	rp_buf_puts(b, "<g class=\"legend\">\n");
	for (int i = 0; i < n; i++) {
		if (v[i].mark)
			rp_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
					 "stroke=\"%s\" stroke-width=\"3\"/>\n", x, x + 14, y - 4,
				      y - 4, v[i].colour);
		else
			rp_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" "
					 "fill=\"%s\"/>\n", x, y - 10, v[i].colour);
		text(b, x + 18, y, "start", "lbl", v[i].label);
		x += 32 + 7.0 * (double)strlen(v[i].label);
	}
	rp_buf_puts(b, "</g>\n");
}

/* A round step for about four grid lines up to max. */
static double tick_step(double max)
{
	if (max <= 0)
		return 1;
	double raw = max / 4, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	return step < 1 ? 1 : step;
}

/* --- horizontal bars --- */

#define LABEL_W 230    /* left column of bar labels */
#define VALUE_W 120    /* right column of values */
#define ROW_H 20
#define HB_TOP 44      /* legend and axis ticks above the rows */

static void hbar(rp_buf *b, const rp_bar *bar, int i, double scale, const char *unit)
{
	double y = HB_TOP + i * ROW_H, plot = W - LABEL_W - VALUE_W;
	char v[80], c[32];
	text(b, LABEL_W - 8, y + 14, "end", "lbl", bar->label);
	if (bar->cap >= 0)
		rp_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
				 "fill=\"%s\" class=\"cap\"/>\n", LABEL_W, y + 3,
			      fmin(bar->cap * scale, plot), CAP_COLOUR);
	bool over = bar->cap >= 0 && bar->value > bar->cap;
	rp_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\" "
			 "class=\"%s\"/>\n", LABEL_W, y + 3, fmin(bar->value * scale, plot),
		      over ? MARK_COLOUR : palette[0], over ? "bar over" : "bar");
	num(v, sizeof v, bar->value);
	if (bar->cap >= 0) {
		num(c, sizeof c, bar->cap);
		snprintf(v + strlen(v), sizeof v - strlen(v), " of %s", c);
	}
	if (unit && *unit)
		snprintf(v + strlen(v), sizeof v - strlen(v), " %s", unit);
	text(b, W - VALUE_W + 6, y + 14, "start", "val", v);
}

/* Ticks along the top of the bars, with the value axis title. */
static void hbar_axis(rp_buf *b, const rp_chart *c, double max, double scale, int rows)
{
	double step = tick_step(max), bottom = HB_TOP + rows * ROW_H;
	for (double v = 0; v <= max + 1e-9 && scale > 0; v += step) {
		char s[32];
		double x = LABEL_W + v * scale;
		num(s, sizeof s, v);
		rp_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" "
				 "stroke=\"#cccccc\" class=\"grid\"/>\n", x, x, HB_TOP, bottom);
		text(b, x, HB_TOP - 4, "middle", "val", s);
	}
	text(b, LABEL_W + (W - LABEL_W - VALUE_W) / 2.0, bottom + 18, "middle", "axis-title",
	     c->x_title);
	y_title(b, 14, HB_TOP + rows * ROW_H / 2.0, c->y_title);
}

void rp_svg_hbars(rp_buf *b, const rp_chart *c, const rp_bar *bars, int n, const char *unit)
{
	double max = 0;
	bool caps = false;
	for (int i = 0; i < n; i++) {
		max = fmax(max, fmax(bars[i].value, bars[i].cap));
		caps |= bars[i].cap >= 0;
	}
	double scale = max > 0 ? (W - LABEL_W - VALUE_W) / max : 0;
	int rows = n > 0 ? n : 1, height = HB_TOP + rows * ROW_H + 26;
	open_svg(b, c, height);
	legend_item li[2] = {{c->series ? c->series : "value", palette[0], false},
			     {c->cap_label ? c->cap_label : "capacity", CAP_COLOUR, false}};
	legend(b, li, caps ? 2 : 1, LABEL_W, 14);
	hbar_axis(b, c, max, scale, rows);
	if (n == 0)
		text(b, W / 2.0, HB_TOP + 14, "middle", "lbl", "nothing to show");
	for (int i = 0; i < n; i++)
		hbar(b, &bars[i], i, scale, unit);
	rp_buf_puts(b, "</svg>\n");
}

/* --- columns (stacked, or grouped with marks) --- */

#define COL_LEFT 70
#define COL_TOP 40
#define COL_H 200
#define COL_BOTTOM 58  /* category labels and the x axis title */

typedef struct plot {
	double top;    /* value at the top of the plot */
	double slot;   /* width per x position */
} plot;

static double y_of(const plot *p, double v)
{
	return COL_TOP + COL_H - v / p->top * COL_H;
}

static void y_axis(rp_buf *b, const rp_chart *c, const plot *p, double step)
{
	for (double v = 0; v <= p->top + 1e-9; v += step) {
		char s[32];
		double y = y_of(p, v);
		num(s, sizeof s, v);
		rp_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
				 "stroke=\"#cccccc\" class=\"grid\"/>\n", COL_LEFT, W - 10, y, y);
		text(b, COL_LEFT - 6, y + 4, "end", "val", s);
	}
	y_title(b, 16, COL_TOP + COL_H / 2.0, c->y_title);
	rp_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333333\"/>\n",
		      COL_LEFT, W - 10, COL_TOP + COL_H, COL_TOP + COL_H);
}

/* Category labels under the axis (never crowded), then the x title. */
static void x_axis(rp_buf *b, const rp_chart *c, char *const *xlabels, int nx, double slot,
		   int label_every)
{
	int every = label_every > 0 ? label_every : 1;
	size_t widest = 1;
	for (int x = 0; x < nx; x++)
		widest = strlen(xlabels[x]) > widest ? strlen(xlabels[x]) : widest;
	while (every * slot < 7.0 * (double)widest + 10) /* about 7 units a character */
		every++;
	for (int x = 0; x < nx; x += every) {
		double cx = COL_LEFT + (x + 0.5) * slot, half = 3.5 * (double)strlen(xlabels[x]);
		if (cx + half > W)
			text(b, W - 2, COL_TOP + COL_H + 18, "end", "lbl", xlabels[x]);
		else
			text(b, cx, COL_TOP + COL_H + 18, "middle", "lbl", xlabels[x]);
	}
	text(b, COL_LEFT + (W - 10 - COL_LEFT) / 2.0, COL_TOP + COL_H + 44, "middle",
	     "axis-title", c->x_title);
}

static double stacked_max(const double *v, int nx, int ns)
{
	double max = 0;
	for (int x = 0; x < nx; x++) {
		double sum = 0;
		for (int s = 0; s < ns; s++)
			sum += v[s * nx + x];
		max = fmax(max, sum);
	}
	return max;
}

static void stacked_column(rp_buf *b, const plot *p, const double *v, int nx, int ns, int x)
{
	double base = COL_TOP + COL_H, w = fmin(p->slot * 0.8, 60), sum = 0;
	double left = COL_LEFT + x * p->slot + (p->slot - w) / 2;
	for (int s = 0; s < ns; s++) {
		double h = v[s * nx + x] / p->top * COL_H;
		sum += v[s * nx + x];
		if (h <= 0)
			continue;
		base -= h;
		rp_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				 "fill=\"%s\" class=\"bar\"/>\n", left, base, w, h,
			      palette[s % N_PALETTE]);
	}
	if (sum > 0 && p->slot >= 22) { /* the total above the column, where it fits */
		char t[32];
		num(t, sizeof t, sum);
		text(b, left + w / 2, base - 4, "middle", "val", t);
	}
}

static void series_legend(rp_buf *b, char *const *series, int ns, const char *mark)
{
	legend_item li[N_PALETTE + 1];
	int n = 0;
	for (int s = 0; s < ns && n < N_PALETTE; s++)
		li[n++] = (legend_item){series[s], palette[s % N_PALETTE], false};
	if (mark)
		li[n++] = (legend_item){mark, MARK_COLOUR, true};
	legend(b, li, n, COL_LEFT, 16);
}

static void nothing(rp_buf *b)
{
	text(b, W / 2.0, COL_TOP + COL_H / 2.0, "middle", "lbl", "nothing to show");
	rp_buf_puts(b, "</svg>\n");
}

void rp_svg_columns(rp_buf *b, const rp_chart *c, char *const *xlabels, int nx,
		    char *const *series, int ns, const double *v, int label_every)
{
	open_svg(b, c, COL_TOP + COL_H + COL_BOTTOM);
	series_legend(b, series, ns, NULL);
	if (nx == 0 || ns == 0)
		{ nothing(b); return; }
	double max = stacked_max(v, nx, ns), step = tick_step(max);
	plot p = {step * ceil(fmax(max, 1) / step), (double)(W - 10 - COL_LEFT) / nx};
	y_axis(b, c, &p, step);
	for (int x = 0; x < nx; x++)
		stacked_column(b, &p, v, nx, ns, x);
	x_axis(b, c, xlabels, nx, p.slot, label_every);
	rp_buf_puts(b, "</svg>\n");
}

/* One column of a group and its mark (a quota, a capacity). */
static void grouped_column(rp_buf *b, const plot *p, int x, int s, int ns, double v,
			   double mark, const char *mark_title)
{
	double gw = p->slot * 0.84, w = fmin(gw / ns, 48);
	double left = COL_LEFT + x * p->slot + (p->slot - w * ns) / 2 + s * w;
	char t[32];
	if (v > 0)
		rp_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				 "fill=\"%s\" class=\"bar\"/>\n", left + 1, y_of(p, v), w - 2,
			      COL_TOP + COL_H - y_of(p, v), palette[s % N_PALETTE]);
	if (v > 0 && w >= 18) {
		num(t, sizeof t, v);
		text(b, left + w / 2, y_of(p, v) - 3, "middle", "val", t);
	}
	if (mark < 0)
		return;
	rp_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			 "stroke-width=\"3\" class=\"quota\"><title>", left - 1, left + w + 1,
		      y_of(p, mark), y_of(p, mark), MARK_COLOUR);
	rp_html(b, mark_title);
	rp_buf_puts(b, "</title></line>\n");
}

void rp_svg_grouped(rp_buf *b, const rp_chart *c, char *const *xlabels, int nx,
		    char *const *series, int ns, const double *v, const double *marks,
		    char *const *mark_titles)
{
	open_svg(b, c, COL_TOP + COL_H + COL_BOTTOM);
	series_legend(b, series, ns, c->cap_label);
	if (nx == 0 || ns == 0)
		{ nothing(b); return; }
	double max = 0;
	for (int k = 0; k < nx * ns; k++)
		max = fmax(max, fmax(v[k], marks ? marks[k] : 0));
	double step = tick_step(max);
	plot p = {step * ceil(fmax(max, 1) / step), (double)(W - 10 - COL_LEFT) / nx};
	y_axis(b, c, &p, step);
	for (int x = 0; x < nx; x++)
		for (int s = 0; s < ns; s++)
			grouped_column(b, &p, x, s, ns, v[s * nx + x], marks ? marks[s * nx + x] : -1,
				       mark_titles ? mark_titles[s * nx + x] : "");
	x_axis(b, c, xlabels, nx, p.slot, 1);
	rp_buf_puts(b, "</svg>\n");
}
