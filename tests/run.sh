#!/bin/sh
# run.sh MOVPLAN UNITDIR - run every test and end with one line
# "N ran: N passed, N failed, N skipped".
#
#   unit tests     every cmocka binary in UNITDIR (each test counts;
#                  a test that calls skip() counts as skipped)
#   e2e cases      tests/e2e/NAME/ : `cmd` (a shell line run in a scratch
#                  copy of the folder, $MOVPLAN is the binary), `exit`
#                  (expected status, default 0), optional `stdout`
#                  (expected exactly), `stderr` (lines that must each
#                  appear in stderr), `after` (a shell script that must
#                  exit 0 afterwards, run in the same scratch folder)
#   hostile inputs tests/hostile/FILE with FILE.expect: `check` and
#                  `import` must exit 65, stderr must hold every line of
#                  FILE.expect, and the database must be unchanged
#   scripts        tests/scripts/*.sh, each one test: exit 0 passes,
#                  77 skips (with a reason on stderr), anything else fails
set -u
MOVPLAN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
UNITDIR=$2
export MOVPLAN
TOP=$(pwd)
export TOP
OUT=$TOP/build/test-out
rm -rf "$OUT"
mkdir -p "$OUT"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
pass=0 fail=0 skip=0
failed_names=""

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); failed_names="$failed_names $1"; echo "FAIL: $1" >&2; }

# --- unit tests (cmocka) ---
# (the binaries of tests/unit/test_*.c: not a stale one whose source is gone)
for src in "$TOP"/tests/unit/test_*.c; do
	name=$(basename "$src" .c)
	t=$UNITDIR/$name
	[ -x "$t" ] || { bad "$name"; echo "  $name: not built" >&2; continue; }
	CMOCKA_MESSAGE_OUTPUT=stdout "$t" > "$OUT/$name.log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$OUT/$name.log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$OUT/$name.log" | awk '{s+=$1} END {print s+0}')
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$OUT/$name.log" | awk '{s+=$1} END {print s+0}')
	pass=$((pass + p))
	skip=$((skip + s))
	[ "$s" = 0 ] || sed -n 's/^\[  SKIPPED \] \([^0-9].*\)/SKIP: '"$name"': \1/p' "$OUT/$name.log" >&2
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	if [ "$f" != 0 ]; then
		fail=$((fail + f)); failed_names="$failed_names $name"
		echo "FAIL: $name ($f)" >&2
		grep -E '^\[  (FAILED|ERROR)|error|ERROR' "$OUT/$name.log" | head -20 >&2
	fi
done

# --- e2e cases ---
for d in "$TOP"/tests/e2e/*/; do
	[ -f "$d/cmd" ] || continue
	name=e2e/$(basename "$d")
	w="$OUT/$name"
	mkdir -p "$w"
	cp -R "$d"/. "$w"/
	want=0
	[ -f "$d/exit" ] && want=$(cat "$d/exit")
	(cd "$w" && MOVPLAN_DB="$w/test.db" sh ./cmd > "$w/.stdout" 2> "$w/.stderr")
	rc=$?
	res=ok
	[ "$rc" = "$want" ] || { res=bad; echo "  $name: exit $rc, want $want" >&2; }
	if [ -f "$d/stdout" ] && ! cmp -s "$d/stdout" "$w/.stdout"; then
		res=bad; echo "  $name: stdout differs" >&2; diff "$d/stdout" "$w/.stdout" | head -10 >&2
	fi
	if [ -f "$d/stderr" ]; then
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			grep -qF -- "$line" "$w/.stderr" || { res=bad; echo "  $name: stderr lacks: $line" >&2; }
		done < "$d/stderr"
	fi
	if [ -f "$d/after" ] && [ $res = ok ]; then
		(cd "$w" && sh ./after) >&2 || { res=bad; echo "  $name: after failed" >&2; }
	fi
	if [ $res = ok ]; then ok; else bad "$name"; sed 's/^/    /' "$w/.stderr" | head -10 >&2; fi
done

# --- hostile inputs ---
base="$OUT/hostile-base.db"
if ls "$TOP"/tests/hostile/* >/dev/null 2>&1; then
	"$MOVPLAN" --db "$base" import "$TOP/tests/hostile/base.json" > /dev/null 2>&1
	before=$(sqlite3 "$base" .dump 2>/dev/null | md5sum)
fi
for f in "$TOP"/tests/hostile/*; do
	case "$f" in *.expect|*/base.json|*/README*) continue ;; esac
	[ -f "$f.expect" ] || continue
	name=hostile/$(basename "$f")
	res=ok
	for cmd in check import; do
		timeout 20 "$MOVPLAN" --db "$base" $cmd "$f" > "$OUT/h.out" 2> "$OUT/h.err"
		rc=$?
		[ "$rc" = 65 ] || { res=bad; echo "  $name: $cmd exit $rc, want 65" >&2; }
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			grep -qF -- "$line" "$OUT/h.err" || { res=bad; echo "  $name: $cmd stderr lacks: $line" >&2; }
		done < "$f.expect"
		if grep -q 'root:' "$OUT/h.err" "$OUT/h.out"; then res=bad; echo "  $name: leaked file content" >&2; fi
	done
	after=$(sqlite3 "$base" .dump 2>/dev/null | md5sum)
	[ "$before" = "$after" ] || { res=bad; echo "  $name: database changed" >&2; }
	if [ $res = ok ]; then ok; else bad "$name"; head -5 "$OUT/h.err" >&2; fi
done

# --- scripts ---
for s in "$TOP"/tests/scripts/*.sh; do
	[ -f "$s" ] || continue
	name=script/$(basename "$s" .sh)
	(cd "$TOP" && sh "$s") > "$OUT/$(basename "$s").log" 2>&1
	rc=$?
	case $rc in
	0) ok ;;
	77) skip=$((skip + 1)); echo "SKIP: $name: $(tail -1 "$OUT/$(basename "$s").log")" >&2 ;;
	*) bad "$name"; tail -15 "$OUT/$(basename "$s").log" | sed 's/^/    /' >&2 ;;
	esac
done

echo "$((pass + fail + skip)) ran: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
