#!/bin/sh
# notice_check.sh - `movplan notice` on the example mission, read back
# by independent readers: Python's csv module (every case of the plan
# landing in Canada is there once, on its local arrival date and
# airport, with its family size; age groups add up; totals add up),
# xmllint against reports/notice.xsd, and no personal value of the
# dataset anywhere without --with-names; with it, the members' names.
# An unknown country is exit 65, a bad date 64.
set -u
. tests/scripts/reports_setup.inc

for f in csv xml html json; do
	"$MOVPLAN" --db "$DB" notice CA --format $f > "$W/n.$f" 2> "$W/n.err" ||
		{ cat "$W/n.err"; die "notice CA --format $f failed"; }
done
pick personal > "$W/personal"
python3 - "$W" <<'PY' || die "personal data in a notice without --with-names"
import sys
w = sys.argv[1]
personal = [l for l in open(w + "/personal", encoding="utf-8").read().split("\n") if len(l) > 3]
for f in ("csv", "xml", "html", "json"):
    text = open("%s/n.%s" % (w, f), encoding="utf-8").read()
    for p in personal:
        if p in text or p.upper() in text:
            sys.exit("n.%s holds a personal value" % f)
PY
# shellcheck disable=SC2086
python3 - "$W/n.csv" "$PLAN" $DATA <<'PY' || die "notice CSV"
import csv, datetime, json, sys
path, plan, data = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
flights, airports, cases = {}, {}, {}
for f in data:
    d = json.load(open(f, encoding="utf-8"))
    flights.update({x["id"]: x for x in d.get("flights", [])})
    airports.update({x["code"]: x["country"] for x in d.get("airports", [])})
    cases.update({x["id"]: x for x in d.get("cases", [])})
want = {}
for a in json.load(open(plan))["plan"]["assignments"]:
    last = flights[a["flights"][-1]]
    if airports[last["to"]] == "CA":
        want[a["case"]] = (last["arrives"][:10], last["to"], last["arrives"][11:16])
got = {r["case"]: (r["arrival_date"], r["airport"], r["arrival_time"]) for r in rows if r["row"] == "case"}
if got != want:
    sys.exit("cases arriving in CA differ from the plan's: %s" % sorted(set(got) ^ set(want)))
ages = ("age_0_1", "age_2_11", "age_12_17", "age_18_59", "age_60_plus")
for r in rows:
    if sum(int(r[k]) for k in ages) != int(r["persons"]):
        sys.exit("row %s: age groups do not add up" % r)
    if r["row"] == "case" and int(r["persons"]) != len(cases[r["case"]]["members"]):
        sys.exit("case %s: family size" % r["case"])
total = [r for r in rows if r["row"] == "total" and not r["airport"]][0]
if int(total["persons"]) != sum(int(r["persons"]) for r in rows if r["row"] == "case"):
    sys.exit("the notice's total persons")
keys = [(r["arrival_date"], r["airport"], r["arrival_time"]) for r in rows if r["row"] == "case"]
if keys != sorted(keys):
    sys.exit("not in date, airport and time order")
print("ok: %d cases, %s persons arriving in CA" % (len(got), total["persons"]))
PY
if command -v xmllint > /dev/null 2>&1; then
	xmllint --noout --nonet --schema reports/notice.xsd "$W/n.xml" || die "notice XML not valid"
fi
"$MOVPLAN" --db "$DB" notice CA --with-names --format xml > "$W/w.xml" 2> "$W/w.err" ||
	{ cat "$W/w.err"; die "notice --with-names failed"; }
grep -q 'family_name="' "$W/w.xml" || die "--with-names: no names"
if command -v xmllint > /dev/null 2>&1; then
	xmllint --noout --nonet --schema reports/notice.xsd "$W/w.xml" || die "notice XML with names"
fi
"$MOVPLAN" --db "$DB" notice ZZ > /dev/null 2> "$W/z.err"
[ $? = 65 ] || die "unknown country: want exit 65"
grep -q "unknown country 'ZZ'" "$W/z.err" || die "unknown country: message"
"$MOVPLAN" --db "$DB" notice CA --from 2026-13-01 > /dev/null 2>&1
[ $? = 64 ] || die "bad --from: want exit 64"
echo "ok: notices for CA"
