#!/bin/sh
# csv_parse.sh - the CSV manifest of the fullest flight of the example
# mission's plan, read by Python's csv module with its default UTF-8
# decoding (no byte order mark to trip over): RFC 4180 (CRLF records, a
# header row), one row per seated member booked on the flight (a lap
# infant on the row of an adult of its family), one per escort, totals
# at the end that add up; names as the travel document's MRZ reads them
# (the document's mrz_ names where recorded, else capital A-Z), every
# transliterated traveller named on stderr; the leg's local date and
# time; escorts only on the rows of members who need one.
set -u
. tests/scripts/reports_setup.inc

P=$(pick flight) || die "no flight to check"
# shellcheck disable=SC2086
set -- $P
FLIGHT=$1 PAX=$2 ESC=$3
"$MOVPLAN" --db "$DB" manifest "$FLIGHT" --format csv > "$W/m.csv" 2> "$W/m.err" ||
	{ cat "$W/m.err"; die "manifest --format csv failed"; }
# shellcheck disable=SC2086
python3 - "$W/m.csv" "$W/m.err" "$FLIGHT" "$PAX" "$ESC" $DATA <<'PY' || die "$FLIGHT: CSV check"
import csv, json, re, sys
path, err, flight, pax, esc, data = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6:]
raw = open(path, "rb").read()
if raw.startswith(b"\xef\xbb\xbf"):
    sys.exit("a byte order mark: the project writes none")
body = raw
if b"\n" in body.replace(b"\r\n", b"") or b"\r" in body.replace(b"\r\n", b""):
    sys.exit("a line end other than CRLF")
if not body.endswith(b"\r\n"):
    sys.exit("last record does not end with CRLF")
rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
members, flights = {}, {}
for f in data:
    d = json.load(open(f, encoding="utf-8"))
    for c in d.get("cases", []):
        for m in c["members"]:
            members[m["id"]] = (c, m)
    for fl in d.get("flights", []):
        flights[fl["id"]] = fl
p = [r for r in rows if r["role"] == "passenger"]
e = [r for r in rows if r["role"] == "escort"]
t = {r["total"]: r for r in rows if r["role"] == "total"}
infants = [r for r in p if r["infant_member"]]
if (len(p) + len(infants), len(e)) != (pax, esc):
    sys.exit("%d members and %d escorts, the plan has %d and %d" % (len(p) + len(infants), len(e), pax, esc))
if int(t["passengers"]["count"]) != pax or int(t["escorts"]["count"]) != esc:
    sys.exit("totals differ from the rows")
seats = sum(int(r["seats"]) for r in p) + len(e)
if int(t["seats"]["count"]) != seats or seats > int(t["seats"]["limit"]):
    sys.exit("seats total %s, rows add up to %d" % (t["seats"]["count"], seats))
fl = flights[flight]
for r in rows:
    if r["flight"] != flight or r["date"] != fl["departs"][:10] or r["time"] != fl["departs"][11:16]:
        sys.exit("row %s: flight, local date or time differ from the flight" % r["no"])
    if r["route"] != fl["from"] + "-" + fl["to"]:
        sys.exit("row %s: route" % r["no"])
translit = open(err, encoding="utf-8").read()
def check_names(mid, fam, giv, source):
    c, m = members[mid]
    doc = m.get("document", {})
    if "mrz_family_name" in doc or "mrz_given_names" in doc:
        if (fam, giv, source) != (doc.get("mrz_family_name", ""), doc.get("mrz_given_names", ""), "document"):
            sys.exit("member %s: the document's MRZ names are not used" % mid)
        return
    for v in (fam, giv):
        if v and not re.fullmatch(r"[A-Z]+( [A-Z]+)*", v):
            sys.exit("member %s: a name outside the MRZ alphabet" % mid)
    latin = all(re.fullmatch(r"[A-Za-z' -]*", m.get(k, "")) for k in ("family_name", "given_names"))
    if latin:
        want = [re.sub(r"[ -]+", " ", m.get(k, "").replace("'", "")).upper().strip() for k in ("family_name", "given_names")]
        if [fam, giv] != want or source != "as written":
            sys.exit("member %s: names differ from the dataset's, upper-cased" % mid)
    elif source != "transliterated" or ("member '%s'" % mid) not in translit:
        sys.exit("member %s: transliterated but not flagged" % mid)
for r in p:
    check_names(r["member"], r["family_name"], r["given_names"], r["name_source"])
    if r["infant_member"]:
        check_names(r["infant_member"], r["infant_family_name"], r["infant_given_names"], r["infant_name_source"])
        if members[r["infant_member"]][0]["id"] != r["case"]:
            sys.exit("an infant on the lap of another family's adult")
    if r["escorted_by"] and not r["needs_escort"]:
        sys.exit("member %s: an escort on a member who needs none" % r["member"])
print("ok: %d rows, %d lap infants, %d escorts" % (len(p), len(infants), len(e)))
PY
echo "ok: $FLIGHT"
