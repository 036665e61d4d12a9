#!/bin/sh
# killed_outputs.sh - an output killed at any point is wholly old or
# wholly new (issue 10).  For export --out, manifest --out, itinerary
# --out and report --out, the command runs under strace with SIGKILL
# injected before its N-th write, rename, fsync or fdatasync, for every
# N it makes; after each kill the file (the report folder, file by
# file) is byte for byte the old one or the new one, never a mix or a
# part; the next run leaves no temporary behind.
# Exit 0 pass, 77 skip (reason on the last line), anything else fails.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || exit 1
skip() { echo "skip: $*"; exit 77; }
die() { echo "FAIL: $*"; exit 1; }
[ -n "${MOVPLAN:-}" ] && [ -x "$MOVPLAN" ] || skip "no movplan binary in \$MOVPLAN"
. tests/scripts/strace.inc
strace_need
W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-killout.XXXXXX") || die "mktemp"
trap 'rm -rf "$W"' EXIT
cd "$W" || die "cd"
M=$MOVPLAN
$M --db old.db import "$TOP/tests/data/samples/all-fields.json" > /dev/null || die "import"
$M --db old.db plan --quiet || die "plan"
cp old.db new.db
# the new data: a flight's seats and number change, so every
# output differs
printf '{"movplan": 1, "flights": [{"id": "TK1074/2026-12-14", "from": "TIA", "to": "IST", "departs": "2026-12-14T06:15+01:00", "arrives": "2026-12-14T10:00+03:00", "seats": 29, "carrier": "TK", "number": "1075"}]}' > change.json
$M --db new.db import change.json > /dev/null || die "import the change"
$M --db new.db plan --quiet || die "plan the change"
same() { # same A B: files, or folders file by file
	if [ -d "$1" ]; then diff -r "$1" "$2" > /dev/null 2>&1; else cmp -s "$1" "$2"; fi
}
tried=0
# points OUT CMD...: OUT (a name) is written by CMD with --db DB
points() {
	out=$1
	shift
	rm -rf "$out" want.old want.new
	"$@" --db old.db > /dev/null 2>&1 || die "$*: old"; mv "$out" want.old
	"$@" --db new.db > /dev/null 2>&1 || die "$*: new"; mv "$out" want.new
	same want.old want.new && die "$*: old and new are the same"
	for sc in write rename renameat2 fsync fdatasync; do
		rm -rf "$out"; cp -R want.old "$out"
		n=$(strace_count "$sc" -- "$@" --db new.db)
		i=1
		while [ "$i" -le "$n" ]; do
			rm -rf "$out"; cp -R want.old "$out"
			strace_kill "$sc" "$i" -- "$@" --db new.db > /dev/null 2>&1
			rc=$?
			[ "$rc" = 137 ] || die "$* at $sc #$i: exit $rc, want 137 (killed)"
			same "$out" want.old || same "$out" want.new ||
				die "$* killed at $sc #$i: $out is neither the old nor the new"
			tried=$((tried + 1))
			i=$((i + 1))
		done
	done
	# the next run completes and cleans what the killed ones left
	"$@" --db new.db > /dev/null 2>&1 || die "$*: after the kills"
	same "$out" want.new || die "$*: not the new after the kills"
	ls -a | grep -q '\.tmp\.' && { ls -a; die "$*: temporaries left"; }
	echo "$*: $tried kill points so far"
}
# the commands take --db last (points appends it)
points x.json "$M" export --out x.json
points m.csv "$M" manifest TK1074/2026-12-14 --out m.csv
points i.ics "$M" itinerary AFG-0001 --format ics --out i.ics
points rep "$M" report --out rep
echo "killed_outputs: $tried kill points, each left the output wholly old or wholly new"
