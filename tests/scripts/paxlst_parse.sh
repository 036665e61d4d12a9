#!/bin/sh
# paxlst_parse.sh - the PAXLST message of the fullest flight of the
# example mission's plan, read by the npm package `edifact` (an
# independent UN/EDIFACT parser, UNOA enforced): UNT segment counts,
# CNT+42 per part, part numbering, UNZ message count and references,
# and one NAD+FL per member and escort on the flight.  The sender and
# recipient given on the command line reach UNB.
set -u
. tests/scripts/reports_setup.inc
. tests/scripts/npm_setup.inc
npm_need edifact

P=$(pick flight) || die "no flight to check"
# shellcheck disable=SC2086
set -- $P
FLIGHT=$1 PAX=$2 ESC=$3
"$MOVPLAN" --db "$DB" manifest "$FLIGHT" --format paxlst > "$W/m.edi" 2> "$W/m.err" ||
	{ cat "$W/m.err"; die "manifest --format paxlst failed"; }
node tests/scripts/paxlst_check.js "$W/m.edi" $((PAX + ESC)) || die "$FLIGHT: PAXLST check"
head -c 9 "$W/m.edi" | grep -q "^UNA:+.? '" || die "no UNA service string advice"

"$MOVPLAN" --db "$DB" manifest "$FLIGHT" --format paxlst --sender TESTSND --recipient TESTRCV \
	> "$W/s.edi" 2> "$W/s.err" || { cat "$W/s.err"; die "manifest with --sender failed"; }
grep -q "^UNB+UNOA:4+TESTSND+TESTRCV+" "$W/s.edi" || die "--sender/--recipient not in UNB"
node tests/scripts/paxlst_check.js "$W/s.edi" $((PAX + ESC)) || die "$FLIGHT: PAXLST check (2)"
echo "ok: $FLIGHT, $((PAX + ESC)) travellers"
