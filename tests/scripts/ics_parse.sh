#!/bin/sh
# ics_parse.sh - the iCalendar itinerary of a booked case of the example
# mission's plan, read by the npm package `ical.js` (an independent
# RFC 5545 parser): one VEVENT for the journey, one per leg and one for
# the fit-to-travel check,
# CRLF and 75-octet lines, legs in UTC, UIDs naming the case and the
# same on a second run (a re-import updates, not duplicates); an
# unassigned case gives a calendar with no events.
set -u
. tests/scripts/reports_setup.inc
. tests/scripts/npm_setup.inc
npm_need ical.js

P=$(pick case) || die "no booked case"
# shellcheck disable=SC2086
set -- $P
CASE=$1 LEGS=$2 FTT=$3
for run in 1 2; do
	"$MOVPLAN" --db "$DB" itinerary "$CASE" --format ics > "$W/$run.ics" 2> "$W/$run.err" ||
		{ cat "$W/$run.err"; die "itinerary --format ics failed"; }
	node tests/scripts/ics_check.js "$W/$run.ics" $((LEGS + FTT + 1)) "$CASE" > "$W/$run.uids" ||
		die "$CASE: iCalendar check"
done
cmp -s "$W/1.uids" "$W/2.uids" || die "$CASE: UIDs differ between two runs"

if U=$(pick unbooked 2> /dev/null); then
	"$MOVPLAN" --db "$DB" itinerary "$U" --format ics > "$W/u.ics" 2> "$W/u.err" ||
		{ cat "$W/u.err"; die "itinerary of an unassigned case failed"; }
	node tests/scripts/ics_check.js "$W/u.ics" 0 "$U" > /dev/null || die "$U: iCalendar check"
fi
echo "ok: $CASE, $LEGS legs, check $FTT"
