#!/bin/sh
# Refits the provenance calibration map (harness/provenance/data/calibration.json) on the
# simulated lab and, when present, the development set, and prints the leave-one-panel-out
# checks. Copy the printed coefficients into harness/provenance/calibration.cpp (the
# calibration test fails until they agree). Usage, from the repository root:
#   bench/provenance/refit_calibration.sh [BUILD_DIR] [VALIDATION_DIR]
set -eu
build=${1:-build}
validation=${2:-../shared/validation}
ninja -C "$build" provenance_bench >/dev/null
rows=$(mktemp /tmp/kinship-calibration-rows.XXXXXX.json)
"$build/bench/provenance_bench" features "$validation" "$rows" "${LAB_REPS:-2}"
"$build/bench/provenance_bench" refit "$rows" harness/provenance/data/calibration.json
rm -f "$rows"
