#!/bin/sh
# checker_selftest.sh - tests of the independent plan checker
# (tests/checker/): the hand-worked plan of all-fields.expected.md must
# pass and every mutation fail its rule (test_check_plan.py); the Tirana
# example must rebuild identically, match its XML, and a greedy plan of
# it must pass the checker (test_examples.py).
# Exit 0 pass, 77 skip (no python3), anything else fails.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not found" >&2
	exit 77
fi
cd "$TOP" || exit 1
python3 tests/checker/test_check_plan.py || exit 1
python3 tests/checker/test_examples.py || exit 1
