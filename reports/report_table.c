/*
 * report_table.c - the report's tables: a grid of text cells with the
 * numeric columns marked, rendered as CSV (RFC 4180) or an HTML table.
 */
#include <stdlib.h>
#include <string.h>
#include "rp_report.h"

void rp_table_init(rp_table *t, const char *name, const char *title,
		   const char *const *cols, int n_cols, unsigned numeric)
{
	memset(t, 0, sizeof *t);
	t->name = name;
	t->title = title;
	t->cols = cols;
	t->n_cols = n_cols;
	t->numeric = numeric;
}

void rp_table_release(rp_table *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->n_cells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* Takes ownership of s. */
static void put(rp_table *t, char *s)
{
	MP_GROW(t->cells, t->n_cells, t->cap_cells);
	t->cells[t->n_cells++] = s;
	t->n_rows = (t->n_cells + t->n_cols - 1) / t->n_cols;
}

void rp_cell(rp_table *t, const char *s)
{
	put(t, mp_xstrdup(s));
}

void rp_cell_int(rp_table *t, long v)
{
	put(t, mp_xasprintf("%ld", v));
}

void rp_cell_num(rp_table *t, double v, int decimals)
{
	put(t, mp_xasprintf("%.*f", decimals, v));
}

void rp_cell_date(rp_table *t, mp_date d)
{
	char buf[MP_DATE_BUF];
	put(t, d == MP_NODATE ? NULL : mp_xstrdup(rp_date(d, buf)));
}

const char *rp_table_cell(const rp_table *t, int row, int col)
{
	int k = row * t->n_cols + col;
	return k < t->n_cells ? t->cells[k] : NULL;
}

void rp_table_csv(rp_buf *b, const rp_table *t)
{
	for (int j = 0; j < t->n_cols; j++) {
		if (j)
			rp_buf_putc(b, ',');
		rp_csv_field(b, t->cols[j]);
	}
	rp_csv_end(b);
	for (int i = 0; i < t->n_rows; i++) {
		for (int j = 0; j < t->n_cols; j++) {
			if (j)
				rp_buf_putc(b, ',');
			rp_csv_field(b, rp_table_cell(t, i, j));
		}
		rp_csv_end(b);
	}
}

static void html_head(rp_buf *b, const rp_table *t, int part, int parts)
{
	rp_buf_puts(b, "<div class=\"tw\"><table>\n<caption>");
	rp_html(b, t->title);
	if (parts > 1)
		rp_buf_printf(b, " (%d of %d)", part + 1, parts);
	rp_buf_puts(b, "</caption>\n<thead><tr>");
	for (int j = 0; j < t->n_cols; j++) {
		if ((t->html_hidden >> j) & 1u)
			continue;
		rp_buf_puts(b, (t->numeric >> j) & 1u ? "<th class=\"n\">" : "<th>");
		rp_html(b, t->labels ? t->labels[j] : t->cols[j]);
		rp_buf_puts(b, "</th>");
	}
	rp_buf_puts(b, "</tr></thead>\n<tbody>\n");
}

static void html_row(rp_buf *b, const rp_table *t, int i)
{
	rp_buf_puts(b, "<tr>");
	for (int j = 0; j < t->n_cols; j++) {
		if ((t->html_hidden >> j) & 1u)
			continue;
		rp_buf_puts(b, (t->numeric >> j) & 1u ? "<td class=\"n\">" : "<td>");
		rp_html(b, rp_table_cell(t, i, j));
		rp_buf_puts(b, "</td>");
	}
	rp_buf_puts(b, "</tr>\n");
}

static bool kept(const rp_table *t, int i, int col)
{
	const char *v = col >= 0 ? rp_table_cell(t, i, col) : NULL;
	return col < 0 || (v && strcmp(v, "0") != 0);
}

void rp_table_html_rows(rp_buf *b, const rp_table *t, int col, int parts)
{
	int n = 0;
	for (int i = 0; i < t->n_rows; i++)
		n += kept(t, i, col);
	if (parts < 1 || n < 2 * parts)
		parts = 1;
	int per = (n + parts - 1) / parts, row = 0;
	if (parts > 1)
		rp_buf_puts(b, "<div class=\"split\">\n");
	for (int part = 0; part < parts; part++) {
		html_head(b, t, part, parts);
		for (int k = 0; row < t->n_rows && k < per; row++)
			if (kept(t, row, col)) {
				html_row(b, t, row);
				k++;
			}
		if (n == 0)
			rp_buf_printf(b, "<tr><td colspan=\"%d\" class=\"none\">none</td></tr>\n",
				      t->n_cols);
		rp_buf_puts(b, "</tbody></table></div>\n");
	}
	if (parts > 1)
		rp_buf_puts(b, "</div>\n");
}

void rp_table_html(rp_buf *b, const rp_table *t)
{
	rp_table_html_rows(b, t, -1, 1);
}
