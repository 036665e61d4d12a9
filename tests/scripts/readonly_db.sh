#!/bin/sh
# readonly_db.sh - every command that only reads works on a database the
# user may only read (issue 10): a copy on a read-only mount (opened
# immutable), and one a user without write permission on the file and
# its folder reads (setpriv to nobody); the file is not changed, and a
# command that writes exits 73 "read-only" instead.
# Exit 0 pass, 77 skip (reason on the last line), anything else fails.
set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$TOP" || exit 1
skip() { echo "skip: $*"; exit 77; }
die() { echo "FAIL: $*"; exit 1; }
[ -n "${MOVPLAN:-}" ] && [ -x "$MOVPLAN" ] || skip "no movplan binary in \$MOVPLAN"
W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-ro.XXXXXX") || die "mktemp"
chmod 755 "$W"
mkdir "$W/mnt" "$W/own"
if ! mount -t tmpfs -o size=8m tmpfs "$W/mnt" 2>/dev/null; then
	rm -rf "$W"
	skip "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN)"
fi
trap 'umount "$W/mnt" 2>/dev/null; rm -rf "$W"' EXIT
M=$MOVPLAN
S=$TOP/tests/data/samples
$M --db "$W/own/d.db" import "$S/all-fields.json" > /dev/null || die "import"
$M --db "$W/own/d.db" plan --quiet || die "plan"
cp "$W/own/d.db" "$W/mnt/d.db"
mount -o remount,ro "$W/mnt" || die "remount read-only"
reads() { # reads DB [RUNNER]: every read command, output to a writable place
	db=$1
	shift
	out=$(mktemp -d "${TMPDIR:-/tmp}/movplan-ro-out.XXXXXX")
	chmod 777 "$out"
	n=0
	for c in "export" "export --format xml" "explain AFG-0001" "explain AFG-0003 --json" \
		"whatif AFG-0003" "compare baseline baseline" "manifest TK1074/2026-12-14" \
		"manifest TK1074/2026-12-14 --format paxlst" "itinerary AFG-0001 --format ics" \
		"notice CA" "report --format json" "report --out $out/rep" "scenario list" \
		"check $S/all-fields.json"; do
		"$@" "$M" --db "$db" $c > "$out/stdout" 2> "$out/err" ||
			{ cat "$out/err"; die "$c on $db: exit $?"; }
		[ -s "$out/stdout" ] || [ -s "$out/rep/index.html" ] || die "$c on $db: no output"
		n=$((n + 1))
	done
	# a command that writes says why it cannot
	"$@" "$M" --db "$db" plan --quiet 2> "$out/err"
	rc=$?
	[ "$rc" = 73 ] || { cat "$out/err"; die "plan on $db: exit $rc, want 73"; }
	grep -q "read-only" "$out/err" || die "plan on $db: $(cat "$out/err")"
	rm -rf "$out"
	echo "$db: $n read commands"
}
before=$(md5sum < "$W/mnt/d.db")
reads "$W/mnt/d.db"
[ "$(md5sum < "$W/mnt/d.db")" = "$before" ] || die "the read-only copy changed"
# a user who may read the file but not write it or its folder
if command -v setpriv >/dev/null 2>&1; then
	chmod 644 "$W/own/d.db"
	chmod 755 "$W/own"
	rm -f "$W/own/d.db-wal" "$W/own/d.db-shm"
	before=$(md5sum < "$W/own/d.db")
	reads "$W/own/d.db" setpriv --reuid=65534 --regid=65534 --clear-groups
	[ "$(md5sum < "$W/own/d.db")" = "$before" ] || die "the database changed"
else
	echo "setpriv is not installed: the other user's read is not tried"
fi
echo "readonly_db: every read command works on a database the user may only read"
