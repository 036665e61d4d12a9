/*
 * itinerary_html.c - the family's journey as one printable HTML page in
 * its language: right to left for Dari and Pashto (dir="rtl"), fonts
 * Debian ships named by family (Noto Naskh Arabic and Noto Sans from
 * fonts-noto-core, DejaVu Sans from fonts-dejavu-core), nothing fetched
 * (inline CSS, no script, a Content-Security-Policy of default-src
 * 'none'), A4 print CSS.  The same sentences as the text page
 * (itinerary.c); every value HTML-escaped.
 */
#include <string.h>
#include "rp_itinerary.h"

static const char css[] =
	"body{font:15px/1.55 var(--font);color:#1a1a1a;max-width:760px;margin:0 auto;"
	"padding:18px 24px}\n"
	"h1{font-size:26px;margin:4px 0}h2{font-size:18px;margin:22px 0 6px;"
	"border-bottom:2px solid #0072B2;padding-bottom:3px}\n"
	".meta{color:#444;margin:2px 0}.status{font-weight:600;margin:12px 0;padding:8px 12px;"
	"border:2px solid #0072B2;border-radius:6px}\n"
	"ul{margin:4px 0;padding-inline-start:22px}li{margin:2px 0}\n"
	"table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;"
	"padding:4px 6px;text-align:start;vertical-align:top}th{background:#f0f0f0}\n"
	".wait{color:#333}.night{font-weight:700;color:#D55E00}\n"
	".ltr{direction:ltr;unicode-bidi:embed}\n"
	"@page{size:A4;margin:15mm}@media print{body{max-width:none;padding:0}"
	"h2{break-after:avoid}table,li{break-inside:avoid}}\n";

static const char font_rtl[] = "'Noto Naskh Arabic','Noto Sans Arabic','DejaVu Sans',sans-serif";
static const char font_ltr[] = "'Noto Sans','DejaVu Sans','Liberation Sans',Arial,sans-serif";

static void tr_html(rp_buf *b, rp_itin *it, const char *msgid)
{
	rp_html(b, rp_tr(&it->lang, msgid));
}

/* Opens a section under its heading, in the family's language. */
static void section(rp_buf *b, rp_itin *it, const char *heading)
{
	rp_buf_puts(b, "<section>\n<h2>");
	tr_html(b, it, heading);
	rp_buf_puts(b, "</h2>\n");
}

static void head(rp_buf *b, rp_itin *it)
{
	rp_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n"
			 "<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
			 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			 "style-src 'unsafe-inline'\">\n<title>",
		      it->lang.tag, it->lang.rtl ? "rtl" : "ltr");
	tr_html(b, it, N_("Your journey"));
	rp_buf_puts(b, " - ");
	rp_html(b, it->c->id);
	rp_buf_printf(b, "</title>\n<style>\n:root{--font:%s}\n%s</style>\n</head>\n<body>\n",
		      it->lang.rtl ? font_rtl : font_ltr, css);
}

static void title(rp_buf *b, rp_itin *it)
{
	rp_buf t = {0}, d = {0};
	rp_buf_puts(b, "<header>\n<h1>");
	tr_html(b, it, N_("Your journey"));
	rp_buf_puts(b, "</h1>\n<p class=\"meta\">");
	rp_trf(&t, &it->lang, N_("Case {case}"), "case", it->c->id, NULL);
	rp_html(b, t.s);
	rp_buf_puts(b, "</p>\n<p class=\"meta\">");
	rp_itin_destination(&d, it);
	rp_buf_clear(&t);
	rp_trf(&t, &it->lang, N_("To {destination}"), "destination", d.s, NULL);
	rp_html(b, t.s);
	rp_buf_puts(b, "</p>\n<p class=\"status\">");
	tr_html(b, it, rp_itin_status_line(it));
	rp_buf_puts(b, "</p>\n</header>\n");
	rp_buf_release(&t);
	rp_buf_release(&d);
}

static void members(rp_buf *b, rp_itin *it)
{
	section(b, it, N_("Travellers"));
	rp_buf_puts(b, "<ul>\n");
	for (int i = 0; i < it->c->n_members; i++) {
		const mp_member *m = &it->c->members[i];
		const char *needs[16];
		rp_buf name = {0};
		rp_itin_name(&name, m->given_names, m->family_name);
		rp_buf_puts(b, "<li><b>");
		rp_html(b, name.s);
		rp_buf_puts(b, "</b>");
		int n = it->status == RP_BOOKED ? rp_itin_needs(it, i, needs) : 0;
		if (n) {
			rp_buf_puts(b, "<ul>");
			for (int k = 0; k < n; k++) {
				rp_buf_puts(b, "<li>");
				tr_html(b, it, needs[k]);
				rp_buf_puts(b, "</li>");
			}
			rp_buf_puts(b, "</ul>");
		}
		rp_buf_puts(b, "</li>\n");
		rp_buf_release(&name);
	}
	rp_buf_puts(b, "</ul>\n</section>\n");
}

/* A section of one paragraph from the text page's sentence. */
static void paragraph(rp_buf *b, rp_itin *it, const char *heading, const rp_buf *text)
{
	section(b, it, heading);
	rp_buf_puts(b, "<p>");
	rp_html(b, text->s);
	rp_buf_puts(b, "</p>\n</section>\n");
}

static void check_and_meeting(rp_buf *b, rp_itin *it)
{
	rp_buf t = {0};
	if (it->c->clinic) {
		rp_itin_ftt_line(&t, it);
		paragraph(b, it, N_("Fit-to-travel check"), &t);
	}
	rp_buf_clear(&t);
	rp_itin_meeting_line(&t, it);
	paragraph(b, it, N_("Meeting before departure"), &t);
	rp_buf_release(&t);
}

/* A date and time cell: the time kept left to right inside RTL text. */
static void when(rp_buf *b, rp_itin *it, mp_datetime dt, const char *airport)
{
	rp_buf d = {0}, t = {0};
	rp_itin_date(&d, it, mp_datetime_local_date(dt));
	rp_hhmm(&t, dt);
	rp_buf_puts(b, "<td>");
	rp_html(b, d.s);
	rp_buf_puts(b, " <b class=\"ltr\">");
	rp_html(b, t.s);
	rp_buf_puts(b, "</b> <span class=\"ltr\">");
	rp_html(b, airport);
	rp_buf_puts(b, "</span></td>");
	rp_buf_release(&d);
	rp_buf_release(&t);
}

static void connection_row(rp_buf *b, rp_itin *it, int i)
{
	rp_buf t = {0};
	rp_itin_wait_line(&t, it, i);
	rp_buf_puts(b, "<tr><td colspan=\"3\" class=\"wait\">");
	rp_html(b, t.s);
	if (rp_itin_overnight(it, i)) {
		rp_buf_puts(b, "<br><span class=\"night\">");
		rp_html(b, rp_itin_overnight_line(it));
		rp_buf_puts(b, "</span>");
	}
	rp_buf_puts(b, "</td></tr>\n");
	rp_buf_release(&t);
}

static void flights(rp_buf *b, rp_itin *it)
{
	section(b, it, N_("Flights (local times)"));
	rp_buf_puts(b, "<table>\n<thead><tr><th>");
	tr_html(b, it, N_("Flight"));
	rp_buf_puts(b, "</th><th>");
	tr_html(b, it, N_("Departs"));
	rp_buf_puts(b, "</th><th>");
	tr_html(b, it, N_("Arrives"));
	rp_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < it->n_legs; i++) {
		const mp_flight *f = it->legs[i];
		rp_buf name = {0};
		rp_flight_name(&name, f);
		rp_buf_puts(b, "<tr><td><b class=\"ltr\">");
		rp_html(b, name.s);
		rp_buf_release(&name);
		rp_buf_puts(b, "</b></td>");
		when(b, it, f->departs, f->from);
		when(b, it, f->arrives, f->to);
		rp_buf_puts(b, "</tr>\n");
		if (i + 1 < it->n_legs)
			connection_row(b, it, i);
	}
	rp_buf_puts(b, "</tbody></table>\n</section>\n");
}

static void escorts(rp_buf *b, rp_itin *it)
{
	if (it->n_escorts == 0)
		return;
	section(b, it, N_("Escort"));
	for (int i = 0; i < it->n_escorts; i++) {
		rp_buf t = {0};
		rp_itin_escort_line(&t, it, i);
		rp_buf_puts(b, "<p>");
		rp_html(b, t.s);
		rp_buf_puts(b, "</p>\n");
		rp_buf_release(&t);
	}
	rp_buf_puts(b, "</section>\n");
}

static void bring(rp_buf *b, rp_itin *it)
{
	section(b, it, N_("What to bring"));
	rp_buf_puts(b, "<ul>\n");
	for (int i = 0; i < it->n_bring; i++) {
		rp_buf_puts(b, "<li>");
		tr_html(b, it, it->bring[i]);
		rp_buf_puts(b, "</li>\n");
	}
	rp_buf_puts(b, "</ul>\n</section>\n");
}

void rp_itin_html(rp_buf *b, rp_itin *it)
{
	head(b, it);
	title(b, it);
	members(b, it);
	if (it->status == RP_BOOKED && it->n_legs) {
		check_and_meeting(b, it);
		flights(b, it);
		escorts(b, it);
		bring(b, it);
	}
	rp_buf_puts(b, "<footer><p>");
	tr_html(b, it, N_("Questions? Ask your caseworker."));
	rp_buf_puts(b, "</p></footer>\n</body>\n</html>\n");
}
