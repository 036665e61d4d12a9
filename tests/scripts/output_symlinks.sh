#!/bin/sh
# output_symlinks.sh - no command writes through a planted symlink
# (issue 10): for export, plan --out, --write-model, manifest --out,
# notice --out, generate --out,
# itinerary --out and report --out, a symlink at the output path is
# replaced (the file it points to keeps its bytes and mode), and
# symlinks at the names temporaries take - the old OUT.tmp.PID and
# .OUT.tmp.PID.XXXXXX for the very pid, planted before exec - are never
# followed; every output is mode 0600 and no temporary is left.
# Exit 0 pass, 77 skip (reason on the last line), anything else fails.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || exit 1
skip() { echo "skip: $*"; exit 77; }
die() { echo "FAIL: $*"; exit 1; }
[ -n "${MOVPLAN:-}" ] && [ -x "$MOVPLAN" ] || skip "no movplan binary in \$MOVPLAN"
command -v bash >/dev/null 2>&1 || skip "bash is not installed (needed to plant for its own pid)"
W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-links.XXXXXX") || die "mktemp"
trap 'rm -rf "$W"' EXIT
cd "$W" || die "cd"
"$MOVPLAN" --db d.db import "$TOP/tests/data/samples/all-fields.json" > /dev/null || die "import"
"$MOVPLAN" --db d.db plan --quiet || die "plan"
printf 'precious\n' > victim
chmod 644 victim
n=0
# check OUT CMD...: plants the links, runs CMD (which writes OUT) as the
# process whose pid the temporaries carry
check() {
	out=$1
	shift
	rm -rf "$out" ".$out".tmp.* "$out".tmp.*
	ln -s victim "$out"
	# shellcheck disable=SC2016
	bash -c 'out=$1; shift
		ln -s victim "$out.tmp.$$"
		for s in AAAAAA zzzzzz Q1w2E3 000000; do ln -s victim ".$out.tmp.$$.$s"; done
		exec "$@"' sh "$out" "$@" > /dev/null 2> err.txt || { cat err.txt; die "$*: failed"; }
	[ "$(cat victim)" = precious ] || die "$*: wrote through a symlink into victim"
	[ "$(stat -c %a victim)" = 644 ] || die "$*: changed victim's mode"
	[ ! -L "$out" ] || die "$*: $out is still a symlink"
	[ "$(stat -c %a "$out")" = 600 ] || [ "$(stat -c %a "$out")" = 700 ] ||
		die "$*: $out is mode $(stat -c %a "$out")"
	for f in "$out".tmp.* ".$out".tmp.*; do
		[ -L "$f" ] || [ ! -e "$f" ] || die "$*: left a temporary $f"
	done
	n=$((n + 1))
}
check x.json "$MOVPLAN" --db d.db export --out x.json
check x.xml "$MOVPLAN" --db d.db export --format xml --out x.xml
check p.json "$MOVPLAN" --db d.db plan --quiet --out p.json
check m.lp "$MOVPLAN" --db d.db plan --quiet --write-model m.lp
check s.json "$MOVPLAN" plan --stateless "$TOP/tests/data/samples/all-fields.json" --quiet --out s.json
check man.csv "$MOVPLAN" --db d.db manifest TK1074/2026-12-14 --out man.csv
check pax.edi "$MOVPLAN" --db d.db manifest TK1074/2026-12-14 --format paxlst --out pax.edi
check it.ics "$MOVPLAN" --db d.db itinerary AFG-0001 --format ics --out it.ics
check rep "$MOVPLAN" --db d.db report --out rep
check not.csv "$MOVPLAN" --db d.db notice CA --out not.csv
check gen.json "$MOVPLAN" generate --preset small --out gen.json
[ -f rep/index.html ] && [ -f rep/plan.json ] || die "report --out: no report"
echo "output_symlinks: $n outputs, none written through a planted symlink"
