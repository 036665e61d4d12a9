#!/bin/sh
# ics_parse.sh - the iCalendar itinerary of a booked case of the example
# mission's plan, read by the npm package `ical.js` (an independent
# RFC 5545 parser): one VEVENT for the journey, one per leg and one for
# the fit-to-travel check,
# CRLF and 75-octet lines, legs in UTC, UIDs naming the case and the
# same on a second run (a re-import updates, not duplicates); an
# unassigned case gives a calendar with no events; a Dari family's
# calendar is in Dari and reads as well.
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
# a Dari family's calendar (journey, legs, check), in Dari: ical.js reads it, folding never
# splits a letter (the 75-octet check), the events are the same
if D=$(pick lang=fa-AF 2> /dev/null); then
	N=$(python3 -c 'import json,sys
a=[a for a in json.load(open(sys.argv[1]))["plan"]["assignments"] if a["case"]==sys.argv[2]][0]
print(len(a["flights"]) + (1 if a.get("ftt_date") else 0) + 1)' "$PLAN" "$D")
	"$MOVPLAN" --db "$DB" itinerary "$D" --format ics > "$W/d.ics" 2> "$W/d.err" ||
		{ cat "$W/d.err"; die "itinerary $D --format ics failed"; }
	node tests/scripts/ics_check.js "$W/d.ics" "$N" "$D" > /dev/null || die "$D: Dari iCalendar"
	grep -q "SUMMARY:معاینهٔ صحی پیش از سفر" "$W/d.ics" || die "$D: the check is not in Dari"
fi
echo "ok: $CASE, $LEGS legs, check $FTT"
