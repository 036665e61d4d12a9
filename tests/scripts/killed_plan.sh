#!/bin/sh
# killed_plan.sh - a plan killed during the write of the plan (SIGKILL at
# each write and each sync of the database and its WAL while the plan is
# saved, driven by strace) leaves the database intact: the data as it
# was, and either no new plan or the whole plan with its run record; the
# next plan goes through and passes the independent checker.
# Exit 0 pass, 77 skip (reason on the last line), anything else fails.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || exit 1
skip() { echo "skip: $*"; exit 77; }
die() { echo "FAIL: $*"; exit 1; }
[ -n "${MOVPLAN:-}" ] && [ -x "$MOVPLAN" ] || skip "no movplan binary in \$MOVPLAN"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
command -v sqlite3 >/dev/null 2>&1 || skip "sqlite3 is not installed"
. tests/scripts/strace.inc
strace_need

W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-kill.XXXXXX") || die "mktemp"
trap 'rm -rf "$W"' EXIT
DATA=$TOP/tests/data/samples/all-fields.json
"$MOVPLAN" --db "$W/base.db" import "$DATA" > /dev/null || die "import"
"$MOVPLAN" --db "$W/base.db" export > "$W/before.json" || die "export"
DB=$W/s.db
fresh() { rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$W/base.db" "$DB"; }

tried=0
for sc in pwrite64 fdatasync fsync; do
	fresh
	n=$(strace_count "$sc" "$DB" "$DB-wal" -- "$MOVPLAN" --db "$DB" plan --quiet)
	i=1
	while [ "$i" -le "$n" ]; do
		fresh
		strace_kill "$sc" "$i" "$DB" "$DB-wal" -- "$MOVPLAN" --db "$DB" plan --quiet \
			> /dev/null 2>&1
		rc=$?
		[ "$rc" = 137 ] || die "$sc #$i: exit $rc, want 137 (killed)"
		tried=$((tried + 1))
		[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || die "$sc #$i: database damaged"
		"$MOVPLAN" --db "$DB" export > "$W/after.json" || die "$sc #$i: export failed"
		cmp -s "$W/before.json" "$W/after.json" || die "$sc #$i: the data changed"
		plans=$(sqlite3 "$DB" 'SELECT count(*) FROM plans')
		runs=$(sqlite3 "$DB" 'SELECT count(*) FROM runs WHERE plan_id IS NOT NULL')
		[ "$plans" = "$runs" ] && [ "$plans" -le 1 ] ||
			die "$sc #$i: $plans plans, $runs run records"
		if [ "$plans" = 1 ]; then
			# the whole plan: its JSON reads back
			"$MOVPLAN" --db "$DB" report --format json > /dev/null ||
				die "$sc #$i: the stored plan does not read back"
		fi
		i=$((i + 1))
	done
done
[ "$tried" -gt 5 ] || die "only $tried kill points: the trace found too few writes"
# after the last kill, the next plan goes through and is feasible
"$MOVPLAN" --db "$DB" plan --quiet --out "$W/plan.json" || die "the next plan failed"
python3 tests/checker/check_plan.py "$W/after.json" --plan "$W/plan.json" || die "checker"
echo "killed_plan: $tried kill points, each left the database whole"
