#!/bin/sh
# report_render.sh - `movplan report --out DIR` on the example mission:
# the folder holds index.html, plan.json, report.json and the CSVs (0600,
# folder 0700), nothing but plan.json names a person, every chart of
# index.html has its axis titles and a legend and every quota its mark
# in its own unit (persons, and cases where it counts them), and Debian's
# chromium renders the page headless, offline: a non-blank picture, and
# at 1280 pixels wide a page under 6,000 pixels tall (measured by the
# browser's own layout on a copy of the page that may run one script).
# Installs chromium when missing and running as root, else skips.
set -u
. tests/scripts/reports_setup.inc

"$MOVPLAN" --db "$DB" report --out "$W/report" > "$W/r.log" 2>&1 ||
	{ cat "$W/r.log"; die "report --out failed"; }
# shellcheck disable=SC2086
python3 tests/scripts/report_check.py "$W/report" - "$PLAN" $DATA || die "report folder"

need_chrome
mkdir -p "$W/profile"
run_chrome() {
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$W/profile" "$@" 2> "$W/chrome.log"
}
run_chrome --screenshot="$W/report.png" --window-size=1280,2000 "file://$W/report/index.html" > /dev/null
[ -s "$W/report.png" ] || { tail -5 "$W/chrome.log"; die "chromium wrote no screenshot"; }
# shellcheck disable=SC2086
python3 tests/scripts/report_check.py "$W/report" "$W/report.png" "$PLAN" $DATA || die "rendering"

# The page's height at 1280 px: a copy without the Content-Security-Policy
# (which forbids scripts) that writes its own height into its title.
sed -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' \
	-e 's|</body>|<script>document.title = "height=" + document.documentElement.scrollHeight;</script></body>|' \
	"$W/report/index.html" > "$W/report/measure.html"
run_chrome --window-size=1280,1000 --dump-dom "file://$W/report/measure.html" > "$W/dom.html"
H=$(sed -n 's/.*<title>height=\([0-9]*\)<\/title>.*/\1/p' "$W/dom.html")
[ -n "$H" ] || { tail -5 "$W/chrome.log"; die "chromium did not measure the page"; }
[ "$H" -lt 6000 ] || die "the report is $H pixels tall at 1280 wide, want under 6000"
echo "ok: report rendered, $H pixels tall at 1280 wide"
