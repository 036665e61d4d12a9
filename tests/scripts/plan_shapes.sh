#!/bin/sh
# plan_shapes.sh - the planner on missions shaped unlike the generator's
# presets (tests/checker/shapes.py: one destination, families twice as
# large, a third of the seats, three times the seats, twice the
# flights, no escorts, mostly urgent, a tight half, linked groups, many
# escort needs with half the escorts, weekly quotas, a third of the
# clinic days; and three pairs of them at once): every plan exits 0,
# passes the independent checker, moves at least the weighted persons
# of the officer's greedy (tests/checker/greedy_plan.py), and reports a
# bound at or above its level 1; and one mission whose optimum CBC
# proves (small tight seed 1, mostly urgent) is planned within 0.5 % of
# it, and one (small default seed 1, mostly urgent) within 1 % of CBC's
# plan after 60 s, one (small tight seed 1 with many escort needs) within
# 0.35 % of CBC's after 60 s, and no worse at effort 30 than at 15; two
# proven optimal at effort 30 (small default seed 3 with a third of the
# seats; small tight seed 31 with big families and weekly quotas),
# the latter also under --time-limit alone, starting as at effort 30;
# and a mission of two independent components (a twin) no worse at
# effort 40 than at 10.
# Exit 0 pass, 77 skip (no python3), anything else fails.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
MOVPLAN=${MOVPLAN:-$TOP/movplan}
command -v python3 >/dev/null 2>&1 || { echo "python3 not found" >&2; exit 77; }
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT
CK=$TOP/tests/checker
fail=0

"$MOVPLAN" generate --preset small --profile tight --seed 4 --out "$W/tight.json" || exit 1
"$MOVPLAN" generate --preset small --seed 6 --out "$W/default.json" || exit 1

run() { # base shape[+shape] [effort, default 2]
	name=$1-$2
	in=$W/$1.json
	for one in $(echo "$2" | tr + ' '); do # shapes one after the other
		python3 "$CK/shapes.py" "$in" "$one" "$W/$name.json" 0.5 || { echo "$name: shapes.py failed" >&2; fail=1; return; }
		in=$W/$name.in.json
		cp "$W/$name.json" "$in"
	done
	if ! "$MOVPLAN" plan --stateless "$W/$name.json" --effort "${3:-2}" --out "$W/$name.plan.json" --verbose > "$W/$name.err" 2>&1; then
		echo "$name: plan failed" >&2; tail -20 "$W/$name.err" >&2; fail=1; return
	fi
	if ! python3 "$CK/check_plan.py" "$W/$name.json" --plan "$W/$name.plan.json" > "$W/$name.check"; then
		echo "$name: the checker rejects the plan" >&2; head -20 "$W/$name.check" >&2; fail=1; return
	fi
	python3 "$CK/greedy_plan.py" "$W/$name.json" --out "$W/$name.greedy.json" || { fail=1; return; }
	python3 - "$W/$name.plan.json" "$W/$name.greedy.json" "$name" <<'EOF' || fail=1
import json, sys
p = json.load(open(sys.argv[1]))["plan"]
g = json.load(open(sys.argv[2]))["plan"]
v, b, gv = p["objective"]["weighted_persons"], p["bound"], g["objective"]["weighted_persons"]
print("%s: level 1 %s, bound %s, greedy %s" % (sys.argv[3], v, b, gv))
ok = v >= gv and b >= v
if not ok:
    print("%s: level 1 %s below the greedy's %s, or bound %s below it" % (sys.argv[3], v, gv, b), file=sys.stderr)
sys.exit(0 if ok else 1)
EOF
}

for s in onedest bigfam scarce loose manyflights noescorts urgent cutcap linked escorts weekly clinic; do
	run tight $s
done
for s in bigfam onedest; do
	run default $s
done
# two shapes at once: big linked groups that need escorts, big
# families under weekly quotas, escort needs where seats are scarce
for s in linked+escorts bigfam+weekly; do
	run tight $s
done
run default escorts+scarce

# near NAME REFERENCE SHARE WHAT: NAME's plan (planned by run) has level 1
# at least REFERENCE * (1 - SHARE); WHAT says where REFERENCE comes from.
near() {
	[ -f "$W/$1.plan.json" ] || { fail=1; return; }
	python3 - "$W/$1.plan.json" "$1" "$2" "$3" "$4" <<'EOF' || fail=1
import json, sys
plan, name, ref, share, what = sys.argv[1:]
v = json.load(open(plan))["plan"]["objective"]["weighted_persons"]
print("%s: level 1 %s (%s %s)" % (name, v, what, ref))
if v < float(ref) * (1 - float(share)):
    print("%s: level 1 %s more than %g %% under %s %s" % (name, v, 100 * float(share), what, ref),
          file=sys.stderr)
    sys.exit(1)
EOF
}

# Issue 11: the dive in the master before the exact model (large.c,
# DIVE_EXACT_ROUNDS).  Small tight seed 1 reshaped `urgent` (the whole
# mission): its optimum is 18,850 (CBC on movplan's exported model
# proves it in 10 s); the windows and the exact model's searches
# stopped at 18,651 at effort 20 (18,702 at 30), and GLPK's branch and
# bound finds nothing from there.  With the dive: 18,831 at effort 20
# (18,820 since level 1 goes in phases, solve.c pl_large_phase: the
# dive comes in the second large phase).
"$MOVPLAN" generate --preset small --profile tight --seed 1 --out "$W/t1.json" || exit 1
run t1 urgent 20
near t1-urgent 18850 0.005 "the optimum"

# Issue 11: the escort neighbourhood (rins.c pl_escort_nbh).  Small
# tight seed 1 reshaped `escorts` (one member in every fourth case needs
# a medical escort, half the escorts gone): CBC on movplan's exported
# model found 5,576 in 60 s; our searches stopped at 5,551 at effort 30
# (0.45 % under it); with every unit needing an escort and every trip
# re-optimised at once, 5,559 (the neighbourhood's optimum).
run t1 escorts 30
near t1-escorts 5576 0.0035 "CBC's plan after 60 s,"

# Issue 11: relax and fix optimising before the runs at the bound
# (rins.c face_round).  Small default seed 1 reshaped `urgent`: CBC on
# movplan's exported model found 35,698 in 60 s (its bound 35,876);
# with the runs at the bound first, effort 10 ended at 34,639, 3 %
# under it (the bound, 35,874, is out of reach and those runs found
# nothing); optimising first, 35,598.
"$MOVPLAN" generate --preset small --seed 1 --out "$W/d1.json" || exit 1
run d1 urgent 10
near d1-urgent 35698 0.01 "CBC's plan after 60 s,"

# Issue 11: a proof by GLPK's branch and bound with pseudocost branching
# (solve.c bnb_phase), between level 1's phases on small exact models
# near their bound.  Small default seed 3 reshaped `scarce`: the
# searches found 5,184 and stopped at the bound 5,187 (the LP tightened
# by the cuts); the branch and bound proves 5,184 optimal at effort 30
# (CBC on movplan's exported model proves the same in 3 s).
# proven NAME OPTIMUM: NAME's plan (planned by run) is OPTIMUM, proven.
proven() {
	[ -f "$W/$1.plan.json" ] || return
	python3 - "$W/$1.plan.json" "$1" "$2" <<'EOF' || fail=1
import json, sys
p = json.load(open(sys.argv[1]))["plan"]
name, opt = sys.argv[2], int(sys.argv[3])
v, lv = p["objective"]["weighted_persons"], p["levels"][0]
print("%s: level 1 %s, %s (the optimum %d)" % (name, v, lv, opt))
if v != opt or lv != "optimal":
    print("%s: level 1 %s %s, not %d proven optimal" % (name, v, lv, opt), file=sys.stderr)
    sys.exit(1)
EOF
}
"$MOVPLAN" generate --preset small --seed 3 --out "$W/d3.json" || exit 1
run d3 scarce 30
proven d3-scarce 5184

# Issue 11: level 1's root with its cuts again once the plan is better
# than when it last ran (solve.c root_again).  Small tight seed 31
# reshaped `bigfam` then `weekly`: the first roots had 6,148 and gave
# the bound 6,168; the plan reached 6,150 and stayed unproven at effort
# 30, until the root, run again from 6,150, proved it.
"$MOVPLAN" generate --preset small --profile tight --seed 31 --out "$W/t31.json" || exit 1
run t31 bigfam+weekly 30
proven t31-bigfam+weekly 6150

# Issue 11, anytime under a time limit alone: level 1 goes through the
# same phases as under a work budget, the limit only cutting them where
# it falls, so a longer limit only goes further along them.  Planned
# with --time-limit 20 alone, the same mission's first large phase is
# the one at effort 30 line for line, its work included (3 M; a 20 s
# limit leaves level 1 14 s, and the phase takes about 1 s here, 3 s
# under the sanitizers).  Until 7 December the large path ran first on
# 30 % of the time with unbounded work, another sequence: 7 rounds and
# 15.5 M work in 6 s.
first_phase() { # log: level 1's first run of the large path
	grep -m1 -E '^planner: component of [0-9]+ units: greedy' "$1"
}
if "$MOVPLAN" plan --stateless "$W/t31-bigfam+weekly.json" --time-limit 20 --verbose \
	--out "$W/t31-tl.plan.json" > "$W/t31-tl.log" 2>&1; then
	a=$(first_phase "$W/t31-bigfam+weekly.err") b=$(first_phase "$W/t31-tl.log")
	echo "effort 30:   $a"
	echo "time limit:  $b"
	[ -n "$a" ] && [ "$a" = "$b" ] ||
		{ echo "t31-bigfam+weekly: level 1 under --time-limit alone does not start as at effort 30" >&2; fail=1; }
	python3 "$CK/check_plan.py" "$W/t31-bigfam+weekly.json" --plan "$W/t31-tl.plan.json" > "$W/t31-tl.check" ||
		{ echo "t31 under --time-limit: the checker rejects the plan" >&2; head -20 "$W/t31-tl.check" >&2; fail=1; }
else
	echo "t31 --time-limit 20: plan failed" >&2; tail -5 "$W/t31-tl.log" >&2; fail=1
fi

# Issue 11, anytime: twice the effort never gives a worse level 1.  The
# same mission gave 35,678 at effort 15 and 35,670 at 30 while the
# exact path split its budget in shares (the large path's 30 % started
# level 1's searches from another plan); level 1 now goes in phases of
# fixed work that a budget only cuts (solve.c, pl_large_phase).
level1() { # plan.json
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["plan"]["objective"]["weighted_persons"])' "$1"
}
# no_worse NAME LOW HIGH: plans $W/NAME.json at efforts LOW and HIGH
# (NAME.eLOW.json, NAME.eHIGH.json, their verbose logs beside) and
# fails if HIGH's level 1 is below LOW's.
no_worse() {
	for e in $2 $3; do
		"$MOVPLAN" plan --stateless "$W/$1.json" --effort $e --out "$W/$1.e$e.json" --verbose \
			> "$W/$1.e$e.log" 2>&1 ||
			{ echo "$1 at effort $e: plan failed" >&2; tail -5 "$W/$1.e$e.log" >&2; fail=1; }
	done
	[ -f "$W/$1.e$2.json" ] && [ -f "$W/$1.e$3.json" ] || return
	a=$(level1 "$W/$1.e$2.json") b=$(level1 "$W/$1.e$3.json")
	echo "$1: level 1 $a at effort $2, $b at $3"
	python3 -c 'import sys; sys.exit(0 if float(sys.argv[2]) >= float(sys.argv[1]) else 1)' "$a" "$b" ||
		{ echo "$1: effort $3 gives $b, below effort $2's $a" >&2; fail=1; }
}
no_worse d1-urgent 15 30

# Issue 11, anytime, over several components: small tight seed 1
# without escorts, twice (shapes.py twin: escorts serve every case, so
# without them the copies share nothing) is two components of the exact
# path's size, each given a share of the budget and what the smaller
# ones left (solve.c solve_components).  Level 1 at effort 40 (10,821
# on 6 December) is no lower than at 10 (10,721), and both plans pass
# the checker.
python3 "$CK/shapes.py" "$W/t1.json" noescorts "$W/t1-ne.json" &&
	python3 "$CK/shapes.py" "$W/t1-ne.json" twin "$W/twin.json" || { echo "twin: shapes.py failed" >&2; fail=1; }
no_worse twin 10 40
for e in 10 40; do
	[ -f "$W/twin.e$e.json" ] || continue
	python3 "$CK/check_plan.py" "$W/twin.json" --plan "$W/twin.e$e.json" > "$W/twin.e$e.check" ||
		{ echo "twin at effort $e: the checker rejects the plan" >&2; head -20 "$W/twin.e$e.check" >&2; fail=1; }
done
grep -q '^planner: .* 2 components$' "$W/twin.e10.log" ||
	{ echo "twin: not planned as two components" >&2; grep components "$W/twin.e10.log" >&2; fail=1; }
exit $fail
