#!/bin/sh
# run.sh MOVPLAN - `make bench`: prints the figures of issue 11 for every
# preset and profile (BENCH_PRESETS=small,medium and BENCH_PROFILES=tight
# to choose; BENCH_PEERS=cbc,glpsol,greedy; BENCH_EFFORT=N for the two
# identical runs; BENCH_SHAPES=bigfam,cutcap:0.3 adds reshaped missions,
# tests/checker/shapes.py).  Never fails on time.
set -eu
exec python3 "$(dirname "$0")/bench.py" "$1" --presets "${BENCH_PRESETS:-small,medium,large}" \
	--profiles "${BENCH_PROFILES:-default,tight}" --peers "${BENCH_PEERS:-greedy,cbc,glpsol}" \
	--shapes "${BENCH_SHAPES:-}"
