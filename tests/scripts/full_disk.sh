#!/bin/sh
# full_disk.sh - a full disk (issue 10, on a small tmpfs): every output
# command exits 73 and leaves its old output as it was, whole, with no
# temporary beside it; a write to a database on a full disk exits 73
# ("disk full") and leaves the database as it was.
# Exit 0 pass, 77 skip (reason on the last line), anything else fails.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || exit 1
skip() { echo "skip: $*"; exit 77; }
die() { echo "FAIL: $*"; exit 1; }
[ -n "${MOVPLAN:-}" ] && [ -x "$MOVPLAN" ] || skip "no movplan binary in \$MOVPLAN"
command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"
W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-full.XXXXXX") || die "mktemp"
mkdir "$W/mnt"
mount -t tmpfs -o size=8m tmpfs "$W/mnt" 2>/dev/null || { rm -rf "$W"; skip "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)"; }
trap 'umount "$W/mnt"; rm -rf "$W"' EXIT
M=$MOVPLAN
D=$W/mnt
cd "$W" || die "cd"
fill() { # to the last byte
	for bs in 64k 4k 1; do
		dd if=/dev/zero of="$D/fill" bs=$bs oflag=append conv=notrunc > /dev/null 2>&1
	done
	[ "$(df --output=avail -B1 "$D" | tail -1)" -lt 4096 ] || die "the tmpfs did not fill"
}
unfill() { rm -f "$D/fill"; }

# ---- outputs on a full disk ----
$M --db d.db import "$TOP/tests/data/samples/all-fields.json" > /dev/null || die "import"
$M --db d.db plan --quiet || die "plan"
set -- \
	"x.json|$M --db d.db export --out $D/x.json" \
	"p.json|$M --db d.db plan --quiet --out $D/p.json" \
	"m.lp|$M --db d.db plan --quiet --write-model $D/m.lp" \
	"s.json|$M plan --stateless $TOP/tests/data/samples/all-fields.json --quiet --out $D/s.json" \
	"m.csv|$M --db d.db manifest TK1074/2026-12-14 --out $D/m.csv" \
	"i.ics|$M --db d.db itinerary AFG-0001 --format ics --out $D/i.ics" \
	"n.csv|$M --db d.db notice CA --out $D/n.csv" \
	"rep|$M --db d.db report --out $D/rep" \
	"g.json|$M generate --preset small --out $D/g.json"
for c in "$@"; do # the old outputs, kept aside to compare
	out=${c%%|*}
	${c#*|} > /dev/null 2>&1 || die "${c#*|}: failed before the disk was full"
	cp -R "$D/$out" "old.$out"
done
fill
n=0
for c in "$@"; do
	out=${c%%|*}
	${c#*|} > /dev/null 2> err.txt
	rc=$?
	[ "$rc" = 73 ] || { cat err.txt; die "${c#*|}: exit $rc on a full disk, want 73"; }
	if [ -d "$D/$out" ]; then diff -r "$D/$out" "old.$out" > /dev/null; else cmp -s "$D/$out" "old.$out"; fi ||
		die "${c#*|}: the old $out changed"
	ls -a "$D" | grep -q '\.tmp\.' && { ls -a "$D"; die "${c#*|}: a temporary is left"; }
	n=$((n + 1))
done
unfill

# ---- the database on a full disk ----
$M generate --preset small --out big.json || die "generate"
$M --db "$D/g.db" import big.json > /dev/null || die "import into the tmpfs"
$M --db "$D/g.db" export --out before.json || die "export"
fill
for c in "import big.json" "plan --quiet"; do
	$M --db "$D/g.db" $c > /dev/null 2> err.txt
	rc=$?
	[ "$rc" = 73 ] || { cat err.txt; die "$c: exit $rc with the database on a full disk, want 73"; }
	grep -q "disk full" err.txt || { cat err.txt; die "$c: no 'disk full'"; }
	n=$((n + 1))
done
unfill
[ "$(sqlite3 "$D/g.db" 'PRAGMA integrity_check')" = ok ] || die "the database is damaged"
$M --db "$D/g.db" export --out after.json || die "export after"
cmp -s before.json after.json || die "the database changed"
echo "full_disk: $n commands met a full disk: 73 each, the old output or data kept"
