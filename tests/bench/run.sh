#!/bin/sh
# run.sh MOVPLAN - `make bench`: prints the figures of issue 3 for every
# preset (BENCH_PRESETS=small,medium to choose).  Never fails on time.
set -eu
exec python3 "$(dirname "$0")/bench.py" "$1" --presets "${BENCH_PRESETS:-small,medium,large}"
