#!/bin/sh
# format_doc.sh - docs/format.md stays true to the code: every field the
# decoder accepts (the keys[] lists of io/decode.c), every SSR code and
# reason code is documented, and every XML example in it validates
# against io/movplan.xsd (xmllint), every JSON example parses.
# Exit 0 pass, 77 skip (reason on the last line), anything else fails.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || exit 1
command -v python3 >/dev/null 2>&1 || { echo "skip: python3 is not installed"; exit 77; }
command -v xmllint >/dev/null 2>&1 || { echo "skip: xmllint is not installed"; exit 77; }
W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-doc.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
python3 - "$W" <<'PY' || exit 1
import json, re, sys
w = sys.argv[1]
doc = open("docs/format.md").read()
bad = []
dec = open("io/decode.c").read()
for block in re.findall(r'keys\[\] = \{(.*?)\}', dec, re.S):
    for key in re.findall(r'"([a-z_]+)"', block):
        if "`%s`" % key not in doc and "**`%s`**" % key not in doc:
            bad.append("field %s (io/decode.c) is not in docs/format.md" % key)
names = open("models/dataset.c").read() + open("models/plan.c").read()
for arr in ("mp_ssr_names", "mp_reason_names"):
    m = re.search(arr + r'\[[A-Z_]*\] = \{(.*?)\};', names, re.S)
    if not m:
        bad.append("cannot find %s" % arr)
        continue
    for code in re.findall(r'"([A-Z_]+)"', m.group(1)):
        if code not in doc:
            bad.append("code %s (%s) is not in docs/format.md" % (code, arr))
parts = {"airport": "airports", "flight": "flights", "quota": "quotas",
         "arrival_rule": "arrival_rules", "transit_rule": "transit_rules",
         "clinic": "clinics", "escort": "escorts", "case": "cases", "booking": "bookings"}
for i, x in enumerate(re.findall(r'```xml\n(.*?)```', doc, re.S)):
    x = x.strip()
    tag = re.match(r'<(\w+)', x).group(1)
    if tag != "movplan":
        inner = x if tag == "mission" else "<%s>%s</%s>" % (parts[tag], x, parts[tag])
        x = '<movplan xmlns="urn:movplan:1" version="1">%s</movplan>' % inner
    open("%s/example%d.xml" % (w, i), "w").write(x)
for j in re.findall(r'```json\n(.*?)```', doc, re.S):
    s = j.strip()
    try:
        json.loads("{" + s + "}" if s.startswith('"') else s)
    except ValueError as e:
        bad.append("a JSON example does not parse (%s): %s" % (e, s[:50]))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
for f in "$W"/example*.xml; do
	xmllint --noout --schema io/movplan.xsd "$f" 2>&1 | grep -v ' validates$' && exit 1
done
echo "format_doc: docs/format.md names every field and code; its examples are valid"
