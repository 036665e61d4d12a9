#!/bin/sh
# cycle_week.sh - the daily cycle over a week of the example mission
# (cycle_week.py says what is checked): import and plan (the shared
# setup), confirm two, the airline cancels a flight, the cron job
# re-plans, `changes`, and the manifests and calendars sent again, read
# by Python's csv, the npm `edifact` parser and the npm `ical.js`
# calendar library; every plan passes the independent checker.
set -u
. tests/scripts/reports_setup.inc
. tests/scripts/npm_setup.inc
npm_need ical.js
npm_need edifact
mkdir -p "$W/week" || die "mkdir"
# shellcheck disable=SC2086
python3 tests/scripts/cycle_week.py "$MOVPLAN" "$DB" "$PLAN" "$W/week" $DATA
