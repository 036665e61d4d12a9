#!/bin/sh
# ref_model.sh - the compact reference model of SPEC 2 beside the
# checker (tests/checker/ref_model.py): its optimum equals movplan's
# level 1 on the sample and the Tirana example (glpsol), and the plans
# it converts back from CBC and glpsol pass check_plan.py, on those and
# on small generated instances of both profiles.
# Exit 0 pass, 77 skip (no python3 or glpsol), anything else fails.
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
for tool in python3 glpsol; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$tool not found" >&2
		exit 77
	fi
done
cd "$TOP" || exit 1
python3 tests/checker/test_ref_model.py
