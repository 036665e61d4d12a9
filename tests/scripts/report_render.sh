#!/bin/sh
# report_render.sh - `movplan report --out DIR` on the example mission:
# the folder holds index.html, plan.json, report.json and the CSVs (0600,
# folder 0700), nothing but plan.json names a person, and Debian's
# chromium renders index.html headless, offline, to a non-blank PNG.
# Installs chromium when missing and running as root, else skips.
set -u
. tests/scripts/reports_setup.inc

"$MOVPLAN" --db "$DB" report --out "$W/report" > "$W/r.log" 2>&1 ||
	{ cat "$W/r.log"; die "report --out failed"; }
# shellcheck disable=SC2086
python3 tests/scripts/report_check.py "$W/report" - "$PLAN" $DATA || die "report folder"

CHROME=""
for c in chromium chromium-browser google-chrome; do
	command -v "$c" > /dev/null 2>&1 && { CHROME=$c; break; }
done
if [ -z "$CHROME" ]; then
	[ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1 || skip "chromium is not installed (and not root)"
	DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y chromium > "$W/apt.log" 2>&1 ||
		{ tail -3 "$W/apt.log"; skip "apt-get install chromium failed"; }
	CHROME=chromium
fi
mkdir -p "$W/profile"
timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$W/profile" --screenshot="$W/report.png" --window-size=1200,2000 \
	"file://$W/report/index.html" > "$W/chrome.log" 2>&1
[ -s "$W/report.png" ] || { tail -5 "$W/chrome.log"; die "chromium wrote no screenshot"; }
# shellcheck disable=SC2086
python3 tests/scripts/report_check.py "$W/report" "$W/report.png" "$PLAN" $DATA || die "rendering"
echo "ok: report rendered"
