#!/bin/sh
# itinerary_render.sh - itineraries a family can read, on the example
# mission: every case's page in its own language names no SSR or reason
# code and no plan id, and a family not booked reads only that; the HTML
# page of a Dari (fa-AF) and of a Pashto (ps) family is right to left,
# parses as HTML, and Debian's chromium prints it headless, offline, to
# a PDF set in Noto Naskh Arabic (fonts-noto-core, named by family, no
# font fetched).  Installs chromium and fonts-noto-core when missing
# and running as root, else skips (77).
set -u
. tests/scripts/reports_setup.inc

CODES='WCHR|WCHS|WCHC|STCR|MEDA|OXYG|BLND|DEAF|DPNA|MAAS|INFT|UMNR|NO_ROUTE|HORIZON|NOT_READY|VISA_EXPIRY|DOCUMENT_EXPIRY|MEDICAL_PENDING|MEDICAL_EXPIRED|MEDICAL_DEFERRED|PREGNANCY|ARRIVAL_RULE|TRANSIT_VISA|NO_ESCORT|LINKED_CASE|CAPACITY|ASSISTANCE_LIMIT|QUOTA|CLINIC|NOT_SELECTED'
PLANID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["plan"]["id"])' "$PLAN")
CASES=$(python3 -c 'import json,sys; [print(c["id"]) for c in json.load(open(sys.argv[1]))["cases"]]' \
	examples/tirana/cases.json)
UNBOOKED=$(pick unbooked) || die "no unassigned case"
n=0
for c in $CASES; do
	"$MOVPLAN" --db "$DB" itinerary "$c" > "$W/it.txt" 2> "$W/it.err" ||
		{ cat "$W/it.err"; die "itinerary $c failed"; }
	grep -Eqw "$CODES" "$W/it.txt" && die "$c: a code on the family's page"
	grep -q "$PLANID" "$W/it.txt" && die "$c: the plan's id on the family's page"
	n=$((n + 1))
done
"$MOVPLAN" --db "$DB" itinerary "$UNBOOKED" --lang en > "$W/u.txt" 2>&1 || die "itinerary $UNBOOKED"
grep -q "Not yet booked. Your caseworker will contact you." "$W/u.txt" || die "$UNBOOKED: not-booked line"
[ "$(grep -c . "$W/u.txt")" -le 12 ] || die "$UNBOOKED: more than the family needs"

need_chrome fonts-noto-core
command -v fc-list > /dev/null 2>&1 && fc-list | grep -q "Noto Naskh Arabic" ||
	skip "fonts-noto-core (Noto Naskh Arabic) is not installed"
for tag in fa-AF ps; do
	C=$(pick "lang=$tag") || die "no booked $tag case"
	"$MOVPLAN" --db "$DB" itinerary "$C" --format html > "$W/$tag.html" 2> "$W/$tag.err" ||
		{ cat "$W/$tag.err"; die "itinerary $C --format html failed"; }
	grep -q "<html lang=\"$tag\" dir=\"rtl\">" "$W/$tag.html" || die "$C: not right to left in $tag"
	python3 - "$W/$tag.html" <<'PY' || die "$C: HTML"
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.stack = []; self.tags = set()
    def handle_starttag(self, t, a):
        self.tags.add(t)
        if t not in ("meta", "br", "img", "link"): self.stack.append(t)
    def handle_endtag(self, t):
        if not self.stack or self.stack.pop() != t: sys.exit("unbalanced </%s>" % t)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
if p.stack: sys.exit("unclosed " + " ".join(p.stack))
if "script" in p.tags: sys.exit("a script")
PY
	mkdir -p "$W/profile"
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$W/profile" --no-pdf-header-footer --print-to-pdf="$W/$tag.pdf" \
		"file://$W/$tag.html" > "$W/chrome.log" 2>&1
	[ -s "$W/$tag.pdf" ] || { tail -5 "$W/chrome.log"; die "chromium printed no PDF"; }
	grep -aq "BaseFont */[A-Z]*+NotoNaskhArabic" "$W/$tag.pdf" ||
		die "$C ($tag): the PDF is not set in Noto Naskh Arabic"
	echo "ok: $C in $tag printed ($(wc -c < "$W/$tag.pdf") bytes)"
done
echo "ok: $n itineraries without codes; Dari and Pashto printed right to left"
