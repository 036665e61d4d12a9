#!/bin/sh
# checker_selftest.sh - runs the independent plan checker's own tests
# (tests/checker/test_check_plan.py): the hand-worked plan of
# all-fields.expected.md must pass, every mutation must fail its rule.
# Exit 0 pass, 77 skip (no python3), anything else fails.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
if ! command -v python3 >/dev/null 2>&1; then
	echo "python3 not found" >&2
	exit 77
fi
cd "$TOP" && python3 tests/checker/test_check_plan.py
