#!/bin/sh
# Replays the fuzz targets (built with sanitizers) over the hostile
# corpus, the samples, the example mission, and every truncation and a
# set of byte flips of the samples: none may crash or fail its
# round-trip check.
set -eu
bin=build/san/fuzz
[ -x $bin/fuzz_json ] && [ -x $bin/fuzz_xml ] || { echo "fuzz targets not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import os, random, sys
out = sys.argv[1]
random.seed(7)
for src in ["tests/data/samples/all-fields.json", "tests/data/samples/all-fields.xml",
            "tests/data/samples/minimal.json", "tests/data/samples/minimal.xml"]:
    data = open(src, "rb").read()
    ext = src.rsplit(".", 1)[1]
    base = os.path.basename(src)
    for cut in range(0, len(data), max(1, len(data) // 150)):
        open(f"{out}/{base}.cut{cut}.{ext}", "wb").write(data[:cut])
    for k in range(200):
        b = bytearray(data)
        for _ in range(random.randint(1, 4)):
            i = random.randrange(len(b))
            b[i] = random.choice([0, 0x22, 0x3c, 0x3e, 0x7b, 0x7d, 0xff, 0xc0, random.randrange(256)])
        open(f"{out}/{base}.flip{k}.{ext}", "wb").write(bytes(b))
PY
ls tests/hostile/*.json "$tmp"/*.json tests/data/samples/*.json examples/tirana/*.json > "$tmp/json.list"
ls tests/hostile/*.xml "$tmp"/*.xml tests/data/samples/*.xml examples/tirana/*.xml > "$tmp/xml.list"
xargs $bin/fuzz_json < "$tmp/json.list" >/dev/null 2>"$tmp/err" || { echo "fuzz_json failed"; tail -20 "$tmp/err"; exit 1; }
xargs $bin/fuzz_xml < "$tmp/xml.list" >/dev/null 2>"$tmp/err" || { echo "fuzz_xml failed"; tail -20 "$tmp/err"; exit 1; }
echo "replayed $(cat "$tmp/json.list" "$tmp/xml.list" | wc -l) inputs"
