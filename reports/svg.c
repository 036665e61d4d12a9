/*
 * svg.c - the report's charts as inline SVG, drawn here so the report
 * needs nothing from outside (no script, no font, no image to fetch).
 *
 * Two shapes serve every chart: horizontal bars against a capacity
 * (flight fill, quota use, reasons) and stacked columns over a category
 * axis (arrivals per week and destination, departures per day, waiting
 * times).  Sizes come from a viewBox, so the chart scales to the page
 * and prints sharp; colours are the Okabe-Ito palette, readable by
 * colour-blind readers, with the value written beside every bar.
 */
#include <math.h>
#include <string.h>
#include "rp_report.h"

static const char *const palette[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
};
#define N_PALETTE 8

#define W 960          /* viewBox width */
#define LABEL_W 250    /* left column of bar labels */
#define VALUE_W 110    /* right column of values */
#define ROW_H 22

static void open_svg(rp_buf *b, const char *title, int height)
{
	rp_buf_printf(b, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
			 "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, height);
	rp_html(b, title);
	rp_buf_puts(b, "\"><title>");
	rp_html(b, title);
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

/* --- horizontal bars --- */

static void hbar(rp_buf *b, const rp_bar *bar, int i, double scale, const char *unit)
{
	double y = 10 + i * ROW_H, plot = W - LABEL_W - VALUE_W;
	char v[64], c[32];
	text(b, LABEL_W - 8, y + 15, "end", "lbl", bar->label);
	if (bar->cap >= 0)
		rp_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"16\" "
				 "fill=\"#e6e6e6\" class=\"cap\"/>\n", LABEL_W, y + 3,
			      fmin(bar->cap * scale, plot));
	bool over = bar->cap >= 0 && bar->value > bar->cap;
	rp_buf_printf(b, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\" "
			 "class=\"%s\"/>\n", LABEL_W, y + 3, fmin(bar->value * scale, plot),
		      over ? "#D55E00" : palette[0], over ? "bar over" : "bar");
	num(v, sizeof v, bar->value);
	if (bar->cap >= 0) {
		num(c, sizeof c, bar->cap);
		snprintf(v + strlen(v), sizeof v - strlen(v), " / %s", c);
	}
	if (unit && *unit)
		snprintf(v + strlen(v), sizeof v - strlen(v), " %s", unit);
	text(b, W - VALUE_W + 6, y + 15, "start", "val", v);
}

void rp_svg_hbars(rp_buf *b, const char *title, const rp_bar *bars, int n, const char *unit)
{
	double max = 0;
	for (int i = 0; i < n; i++)
		max = fmax(max, fmax(bars[i].value, bars[i].cap));
	double scale = max > 0 ? (W - LABEL_W - VALUE_W) / max : 0;
	int height = 20 + (n > 0 ? n : 1) * ROW_H;
	open_svg(b, title, height);
	if (n == 0)
		text(b, W / 2.0, 25, "middle", "lbl", "nothing to show");
	for (int i = 0; i < n; i++)
		hbar(b, &bars[i], i, scale, unit);
	rp_buf_puts(b, "</svg>\n");
}

/* --- stacked columns --- */

#define COL_LEFT 60
#define COL_TOP 40
#define COL_H 220

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

static void y_axis(rp_buf *b, double top, double step)
{
	for (double v = 0; v <= top + 1e-9; v += step) {
		double y = COL_TOP + COL_H - v / top * COL_H;
		char s[32];
		num(s, sizeof s, v);
		rp_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" "
				 "stroke=\"#cccccc\" class=\"grid\"/>\n", COL_LEFT, W - 10, y, y);
		text(b, COL_LEFT - 6, y + 4, "end", "val", s);
	}
}

static void legend(rp_buf *b, char *const *series, int ns)
{
	if (ns < 2)
		return;
	double x = COL_LEFT;
	for (int s = 0; s < ns; s++) {
		rp_buf_printf(b, "<rect x=\"%.1f\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			      x, palette[s % N_PALETTE]);
		text(b, x + 16, 19, "start", "lbl", series[s]);
		x += 24 + 8.0 * (double)strlen(series[s]);
	}
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

static void column(rp_buf *b, const double *v, int nx, int ns, int x, double slot, double top)
{
	double base = COL_TOP + COL_H, w = fmin(slot * 0.8, 64), sum = 0;
	double left = COL_LEFT + x * slot + (slot - w) / 2;
	for (int s = 0; s < ns; s++) {
		double h = v[s * nx + x] / top * COL_H;
		sum += v[s * nx + x];
		if (h <= 0)
			continue;
		base -= h;
		rp_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				 "fill=\"%s\" class=\"bar\"/>\n", left, base, w, h,
			      palette[s % N_PALETTE]);
	}
	if (sum > 0 && slot >= 24) { /* the total above the column, where it fits */
		char t[32];
		num(t, sizeof t, sum);
		text(b, left + w / 2, base - 4, "middle", "val", t);
	}
}

/* A category label under the axis, kept inside the picture. */
static void x_label(rp_buf *b, double cx, const char *s)
{
	double half = 3.5 * (double)strlen(s); /* about half its width at 12 px */
	if (cx + half > W)
		text(b, W - 2, COL_TOP + COL_H + 18, "end", "lbl", s);
	else
		text(b, cx, COL_TOP + COL_H + 18, "middle", "lbl", s);
}

void rp_svg_columns(rp_buf *b, const char *title, char *const *xlabels, int nx,
		    char *const *series, int ns, const double *v, int label_every)
{
	int height = COL_TOP + COL_H + 40;
	open_svg(b, title, height);
	legend(b, series, ns);
	if (nx == 0 || ns == 0) {
		text(b, W / 2.0, COL_TOP + COL_H / 2.0, "middle", "lbl", "nothing to show");
		rp_buf_puts(b, "</svg>\n");
		return;
	}
	double slot = (double)(W - 10 - COL_LEFT) / nx;
	double step = tick_step(stacked_max(v, nx, ns));
	double top = step * ceil(fmax(stacked_max(v, nx, ns), 1) / step);
	y_axis(b, top, step);
	int every = label_every > 0 ? label_every : 1;
	while (every * slot < 80) /* labels need about 80 units of room */
		every++;
	for (int x = 0; x < nx; x++) {
		column(b, v, nx, ns, x, slot, top);
		if (x % every == 0)
			x_label(b, COL_LEFT + (x + 0.5) * slot, xlabels[x]);
	}
	rp_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#333333\"/>\n",
		      COL_LEFT, W - 10, COL_TOP + COL_H, COL_TOP + COL_H);
	rp_buf_puts(b, "</svg>\n");
}
