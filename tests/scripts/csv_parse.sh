#!/bin/sh
# csv_parse.sh - the CSV manifest of the fullest flight of the example
# mission's plan, read by Python's csv module: RFC 4180 (CRLF records,
# a header row), one row per member booked on the flight and one per
# escort, names intact (the same as in the dataset, UTF-8).
set -u
. tests/scripts/reports_setup.inc

P=$(pick flight) || die "no flight to check"
# shellcheck disable=SC2086
set -- $P
FLIGHT=$1 PAX=$2 ESC=$3
"$MOVPLAN" --db "$DB" manifest "$FLIGHT" --format csv > "$W/m.csv" 2> "$W/m.err" ||
	{ cat "$W/m.err"; die "manifest --format csv failed"; }
# shellcheck disable=SC2086
python3 - "$W/m.csv" "$FLIGHT" "$PAX" "$ESC" $DATA <<'PY' || die "$FLIGHT: CSV check"
import csv, io, json, sys
path, flight, pax, esc, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
raw = open(path, "rb").read()
body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
if b"\n" in body.replace(b"\r\n", b"") or b"\r" in body.replace(b"\r\n", b""):
    sys.exit("a line end other than CRLF")  # names hold no line breaks
rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
if not body.endswith(b"\r\n"):
    sys.exit("last record does not end with CRLF")
head = rows[0]
for col in ("flight", "role", "case", "member", "family_name", "given_names", "seats", "ssr"):
    if col not in head:
        sys.exit("no column " + col)
recs = [dict(zip(head, r)) for r in rows[1:]]
if any(len(r) != len(head) for r in rows):
    sys.exit("rows of different lengths")
p = [r for r in recs if r["role"] == "passenger"]
e = [r for r in recs if r["role"] == "escort"]
if (len(p), len(e)) != (pax, esc):
    sys.exit("%d passengers and %d escorts, the plan has %d and %d" % (len(p), len(e), pax, esc))
if any(r["flight"] != flight for r in recs):
    sys.exit("a row of another flight")
members = {}
for f in data:
    for c in json.load(open(f, encoding="utf-8")).get("cases", []):
        for m in c["members"]:
            members[m["id"]] = m
for r in p:
    m = members[r["member"]]
    if r["family_name"] != m.get("family_name", "") or r["given_names"] != m.get("given_names", ""):
        sys.exit("member %s: names differ from the dataset" % r["member"])
print("ok: %d passengers, %d escorts" % (len(p), len(e)))
PY
echo "ok: $FLIGHT"
