#!/bin/sh
# manifest_xml_schema.sh - the XML manifest of the fullest flight of the
# example mission's plan validates against reports/manifest.xsd with
# xmllint (libxml2's own validator, not movplan's code), holds one
# <passenger> per member booked on the flight (a lap infant as an
# <infant> inside its adult), and a flight nobody is
# booked on gives a valid empty manifest.
set -u
. tests/scripts/reports_setup.inc
command -v xmllint >/dev/null 2>&1 || skip "xmllint is not installed (libxml2-utils)"

P=$(pick flight) || die "no flight to check"
# shellcheck disable=SC2086
set -- $P
FLIGHT=$1 PAX=$2 ESC=$3
"$MOVPLAN" --db "$DB" manifest "$FLIGHT" --format xml > "$W/m.xml" 2> "$W/m.err" ||
	{ cat "$W/m.err"; die "manifest --format xml failed"; }
xmllint --noout --nonet --schema reports/manifest.xsd "$W/m.xml" || die "$FLIGHT: not valid"
n=$(grep -c '<passenger \|<infant ' "$W/m.xml")
[ "$n" = "$PAX" ] || die "$FLIGHT: $n passengers and lap infants, the plan books $PAX"
n=$(grep -c '<escort ' "$W/m.xml")
[ "$n" = "$ESC" ] || die "$FLIGHT: $n escorts, the plan has $ESC"

# a flight of the network that no assignment uses
EMPTY=$(python3 - "$PLAN" examples/tirana/network.json <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))["plan"]
used = {f for a in plan.get("assignments", []) for f in a["flights"]}
ids = sorted(f["id"] for f in json.load(open(sys.argv[2]))["flights"] if f["id"] not in used)
print(ids[0] if ids else "")
PY
)
if [ -n "$EMPTY" ]; then
	"$MOVPLAN" --db "$DB" manifest "$EMPTY" --format xml > "$W/e.xml" 2> "$W/e.err" ||
		{ cat "$W/e.err"; die "manifest of an empty flight failed"; }
	xmllint --noout --nonet --schema reports/manifest.xsd "$W/e.xml" || die "$EMPTY: empty manifest not valid"
fi

# an unknown flight is bad input: exit 65
"$MOVPLAN" --db "$DB" manifest NO-SUCH-FLIGHT --format xml > /dev/null 2> "$W/u.err"
rc=$?
[ "$rc" = 65 ] || die "unknown flight: exit $rc, want 65"
grep -q "unknown flight 'NO-SUCH-FLIGHT'" "$W/u.err" || die "unknown flight: message"
echo "ok: $FLIGHT with $PAX passengers and $ESC escorts validates"
