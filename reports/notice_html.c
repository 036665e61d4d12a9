/*
 * notice_html.c - the arrival notice as one printable HTML page (a
 * cover summary that answers who, when and where, then a table per
 * arrival date and airport) and as XML (namespace urn:movplan:1, root
 * <notice version="1">, valid against reports/notice.xsd, written with
 * libxml2's xmlTextWriter).
 *
 * The page fetches nothing (inline CSS, no script, CSP default-src
 * 'none') and escapes every value.  Names, sex and birth dates appear
 * only in a notice made with names, which says so at its foot.
 */
#include <stdlib.h>
#include <string.h>
#include "rp_notice.h"
#include "rp_xw.h"

/* --- HTML --- */

static const char css[] =
	"body{font:14px/1.45 'Noto Sans','DejaVu Sans',Arial,sans-serif;color:#1a1a1a;"
	"max-width:1000px;margin:0 auto;padding:16px 24px}\n"
	"h1{font-size:23px;margin:6px 0}h2{font-size:17px;margin:24px 0 6px;"
	"border-bottom:2px solid #0072B2;padding-bottom:3px}\n"
	".meta{color:#444;margin:2px 0}\n"
	".cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}\n"
	".card{border:1px solid #ccc;border-radius:6px;padding:6px 12px;min-width:120px}\n"
	".card b{display:block;font-size:21px}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px}caption{text-align:left;"
	"font-weight:600;padding:4px 0}\nth,td{border-bottom:1px solid #ccc;padding:3px 6px;"
	"text-align:left;vertical-align:top}th{background:#f0f0f0}td.n{text-align:right}\n"
	".pd{color:#D55E00;font-weight:600}footer{margin-top:24px;color:#555;font-size:12px}\n"
	"@page{size:A4;margin:14mm}@media print{body{max-width:none;padding:0}"
	"thead{display:table-header-group}tr,.cards{break-inside:avoid}h2{break-after:avoid}}\n";

static void card(rp_buf *b, long v, const char *what)
{
	rp_buf_printf(b, "<div class=\"card\"><b>%ld</b>", v);
	rp_html(b, what);
	rp_buf_puts(b, "</div>\n");
}

static void date_html(rp_buf *b, mp_date d)
{
	rp_buf t = {0};
	rp_date_long(&t, d);
	rp_html(b, t.s);
	rp_buf_release(&t);
}

static void head(rp_buf *b, const rp_notice *nt)
{
	rp_buf c = {0};
	rp_notice_country(&c, nt);
	rp_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		       "style-src 'unsafe-inline'\">\n<title>Notice of arrivals - ");
	rp_html(b, c.s);
	rp_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
			 "<h1>Notice of arrivals: ", css);
	rp_html(b, c.s);
	rp_buf_puts(b, "</h1>\n<p class=\"meta\">From the movement of mission ");
	rp_html(b, nt->ds->mission.id ? nt->ds->mission.id : "-");
	if (nt->ds->mission.sender) {
		rp_buf_puts(b, " (");
		rp_html(b, nt->ds->mission.sender);
		rp_buf_puts(b, ")");
	}
	rp_buf_puts(b, ". Arrivals ");
	date_html(b, nt->from);
	rp_buf_puts(b, " to ");
	date_html(b, nt->to);
	rp_buf_puts(b, ", local times.</p>\n<p class=\"meta\">Reference: plan ");
	rp_html(b, nt->plan->id ? nt->plan->id : "-");
	if (nt->plan->created) {
		rp_buf_puts(b, ", prepared ");
		rp_html(b, nt->plan->created);
	}
	rp_buf_puts(b, ". A later notice with another reference replaces this one.</p>\n</header>\n");
	rp_buf_release(&c);
}

static void summary(rp_buf *b, const rp_notice *nt)
{
	rp_buf t = {0};
	rp_buf_puts(b, "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
	card(b, nt->total.persons, "persons arriving");
	card(b, nt->n, "cases (families)");
	card(b, nt->n_groups, "arrivals (date and airport)");
	card(b, nt->n_escorts, "escorts travelling");
	rp_buf_puts(b, "</div>\n<p>Age groups: ");
	for (int k = 0; k < RP_N_AGE; k++)
		rp_buf_printf(b, "%s%d aged %s", k ? ", " : "", nt->total.ages[k], rp_age_names[k]);
	rp_buf_puts(b, ".</p>\n<p>By kind of movement: ");
	rp_notice_kinds_text(&t, &nt->total);
	rp_html(b, t.n ? t.s : "none");
	rp_buf_clear(&t);
	rp_buf_puts(b, ".</p>\n<p>Special needs: ");
	rp_notice_needs_text(&t, nt->total.needs);
	rp_html(b, t.n ? t.s : "none");
	rp_buf_puts(b, ".</p>\n<div><table>\n<caption>Arrivals by date and airport</caption>\n"
		       "<thead><tr><th>date</th><th>airport</th><th>flights</th>"
		       "<th class=\"n\">cases</th><th class=\"n\">persons</th><th>special needs</th>"
		       "</tr></thead>\n<tbody>\n");
	for (int g = 0; g < nt->n_groups; g++) {
		const rp_arrival_group *gr = &nt->groups[g];
		rp_buf_puts(b, "<tr><td>");
		date_html(b, gr->date);
		rp_buf_puts(b, "</td><td>");
		rp_html(b, gr->airport);
		rp_buf_puts(b, "</td><td>");
		for (int i = gr->first; i < gr->first + gr->n; i++) {
			rp_buf f = {0};
			rp_flight_name(&f, nt->v[i].last);
			if (i == gr->first || nt->v[i].last != nt->v[i - 1].last) {
				rp_buf_puts(b, i == gr->first ? "" : ", ");
				rp_html(b, f.s);
			}
			rp_buf_release(&f);
		}
		rp_buf_clear(&t);
		rp_notice_needs_text(&t, gr->needs);
		rp_buf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td>", gr->n,
			      gr->persons);
		rp_html(b, t.s);
		rp_buf_puts(b, "</td></tr>\n");
	}
	if (nt->n_groups == 0)
		rp_buf_puts(b, "<tr><td colspan=\"6\">no arrivals in these dates</td></tr>\n");
	rp_buf_puts(b, "</tbody></table></div>\n</section>\n");
	rp_buf_release(&t);
}

static void members_cell(rp_buf *b, const rp_arrival *v)
{
	for (int i = 0; i < v->c->n_members; i++) {
		const mp_member *m = &v->c->members[i];
		char d[MP_DATE_BUF];
		rp_buf_puts(b, i ? "<br>" : "");
		rp_html(b, v->names[i].family);
		rp_buf_puts(b, ", ");
		rp_html(b, v->names[i].given);
		rp_buf_printf(b, " (%c, %s)", m->sex, rp_date(m->birth_date, d));
	}
}

static void case_row(rp_buf *b, const rp_notice *nt, const rp_arrival *v)
{
	rp_buf t = {0};
	rp_buf_puts(b, "<tr><td>");
	rp_hhmm(&t, v->arrives);
	rp_html(b, t.s);
	rp_buf_clear(&t);
	rp_flight_name(&t, v->last);
	rp_buf_puts(b, "</td><td>");
	rp_html(b, t.s);
	rp_buf_puts(b, "</td><td>");
	rp_html(b, v->c->id);
	rp_buf_printf(b, "</td><td>%s</td><td class=\"n\">%d</td><td>",
		      rp_notice_status(v), v->c->n_members);
	for (int k = 0, first = 1; k < RP_N_AGE; k++)
		if (v->ages[k]) {
			rp_buf_printf(b, "%s%d&times;%s", first ? "" : ", ", v->ages[k], rp_age_names[k]);
			first = 0;
		}
	rp_buf_clear(&t);
	rp_notice_needs_text(&t, v->needs);
	rp_buf_puts(b, "</td><td>");
	rp_html(b, t.s);
	rp_buf_puts(b, "</td><td>");
	for (int k = 0; k < v->n_escorts; k++) {
		const mp_escort *e = mp_dataset_escort(nt->ds, v->escorts[k]);
		rp_buf_puts(b, k ? ", " : "");
		rp_html(b, v->escorts[k]);
		if (e)
			rp_buf_printf(b, " (%s)", mp_escort_kind_names[e->kind]);
	}
	if (nt->with_names) {
		rp_buf_puts(b, "</td><td>");
		members_cell(b, v);
	}
	rp_buf_puts(b, "</td></tr>\n");
	rp_buf_release(&t);
}

static void group_section(rp_buf *b, const rp_notice *nt, const rp_arrival_group *g)
{
	rp_buf_puts(b, "<section>\n<h2>");
	date_html(b, g->date);
	rp_buf_puts(b, ", ");
	rp_html(b, g->airport);
	rp_buf_printf(b, ": %d persons in %d cases</h2>\n<div><table>\n<thead><tr><th>arrives</th>"
			 "<th>flight</th><th>case</th><th>booking</th><th class=\"n\">persons</th>"
			 "<th>age groups</th><th>special needs</th><th>escorts</th>%s</tr></thead>\n"
			 "<tbody>\n", g->persons, g->n,
		      nt->with_names ? "<th>names (as in the passport), sex, birth date</th>" : "");
	for (int i = g->first; i < g->first + g->n; i++)
		case_row(b, nt, &nt->v[i]);
	rp_buf_puts(b, "</tbody></table></div>\n</section>\n");
}

void rp_notice_html(rp_buf *b, const rp_notice *nt)
{
	head(b, nt);
	summary(b, nt);
	for (int g = 0; g < nt->n_groups; g++)
		group_section(b, nt, &nt->groups[g]);
	rp_buf_puts(b, nt->with_names
			       ? "<footer>This notice carries names and birth dates: personal data, for "
				 "the authority that needs them only.</footer>\n"
			       : "<footer>Cases are named by id only: this notice carries no names.</footer>\n");
	rp_buf_puts(b, "</body>\n</html>\n");
}

/* --- XML --- */

static void x_counts(rp_xw *x, int persons, const int *ages, const int *needs)
{
	rp_xw_int(x, "persons", persons);
	for (int k = 0; k < RP_N_AGE; k++)
		rp_xw_int(x, rp_age_fields[k], ages[k]);
	for (int k = 0; k < RP_N_NEEDS; k++) {
		if (!needs[k])
			continue;
		rp_xw_start(x, "need");
		rp_xw_attr(x, "code", rp_need_code(k));
		rp_xw_attr(x, "words", rp_need_words(k));
		rp_xw_int(x, "persons", needs[k]);
		rp_xw_end(x);
	}
}

static void x_case(rp_xw *x, const rp_notice *nt, const rp_arrival *v)
{
	char dt[MP_DATETIME_BUF];
	rp_buf f = {0};
	rp_xw_start(x, "case");
	rp_xw_attr(x, "id", v->c->id);
	rp_xw_attr(x, "status", rp_notice_status(v));
	rp_xw_attr(x, "kind", mp_case_kind_names[v->c->kind]);
	rp_flight_name(&f, v->last);
	rp_xw_attr(x, "flight", f.s);
	rp_buf_release(&f);
	rp_xw_attr(x, "from", v->last ? v->last->from : NULL);
	mp_datetime_format(v->arrives, dt);
	rp_xw_attr(x, "arrives", dt);
	x_counts(x, v->c->n_members, v->ages, v->needs);
	for (int k = 0; k < v->n_escorts; k++) {
		const mp_escort *e = mp_dataset_escort(nt->ds, v->escorts[k]);
		rp_xw_start(x, "escort");
		rp_xw_attr(x, "id", v->escorts[k]);
		rp_xw_attr(x, "kind", e ? mp_escort_kind_names[e->kind] : NULL);
		rp_xw_end(x);
	}
	for (int i = 0; nt->with_names && i < v->c->n_members; i++) {
		const mp_member *m = &v->c->members[i];
		char s[2] = {m->sex, 0};
		rp_xw_start(x, "member");
		rp_xw_attr(x, "id", m->id);
		rp_xw_attr(x, "family_name", v->names[i].family);
		rp_xw_attr(x, "given_names", v->names[i].given);
		rp_xw_attr(x, "sex", s);
		rp_xw_date(x, "birth_date", m->birth_date);
		rp_xw_end(x);
	}
	rp_xw_end(x);
}

static void x_body(rp_xw *x, const void *arg)
{
	const rp_notice *nt = arg;
	rp_xw_attr(x, "version", "1");
	rp_xw_attr(x, "country", nt->country);
	rp_xw_attr(x, "mission", nt->ds->mission.id);
	rp_xw_attr(x, "plan", nt->plan->id);
	rp_xw_attr(x, "prepared", nt->plan->created);
	rp_xw_date(x, "from", nt->from);
	rp_xw_date(x, "to", nt->to);
	rp_xw_attr(x, "with_names", nt->with_names ? "true" : "false");
	rp_xw_start(x, "summary");
	rp_xw_int(x, "cases", nt->n);
	rp_xw_int(x, "escorts", nt->n_escorts);
	x_counts(x, nt->total.persons, nt->total.ages, nt->total.needs);
	rp_xw_end(x);
	for (int g = 0; g < nt->n_groups; g++) {
		const rp_arrival_group *gr = &nt->groups[g];
		rp_xw_start(x, "arrival");
		rp_xw_date(x, "date", gr->date);
		rp_xw_attr(x, "airport", gr->airport);
		rp_xw_int(x, "cases", gr->n);
		x_counts(x, gr->persons, gr->ages, gr->needs);
		for (int i = gr->first; i < gr->first + gr->n; i++)
			x_case(x, nt, &nt->v[i]);
		rp_xw_end(x);
	}
}

int rp_notice_xml(rp_buf *b, const rp_notice *nt, mp_errors *errs)
{
	return rp_xw_document(b, "notice", x_body, nt, errs);
}
