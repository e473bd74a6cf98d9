#!/bin/sh
# The provenance accuracy and speed benchmark (issue 4 items 5-6): prints one report with the
# simulated lab, the development set (skipped when ../shared/validation is absent) and the
# speed table. Not a CI test. Usage, from the repository root:
#   bench/provenance/run_benchmark.sh [BUILD_DIR] [VALIDATION_DIR]
# Set SPEED=0 to skip the speed runs, LAB_REPS to change the lab's repetitions (default 2).
set -eu
build=${1:-build}
validation=${2:-../shared/validation}
ninja -C "$build" provenance_bench >/dev/null
bench="$build/bench/provenance_bench"

echo "# kinship provenance benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores)"
"$bench" lab "${LAB_REPS:-2}"
# Every set pairs.json names is scored; the program says so and skips when there is none.
"$bench" devset "$validation"
# How much the development-set figures depend on which controls there are (set
# CONTROL_DRAWS=0 to skip).
if [ "${CONTROL_DRAWS:-10}" != 0 ]; then
  "$bench" devset-controls "$validation" "${CONTROL_DRAWS:-10}" 4
fi
if [ "${SPEED:-1}" != 0 ]; then
  echo
  echo "## Speed (each row a fresh process: peak RSS is per configuration)"
  echo
  "$bench" speed 100 400 --header
  "$bench" speed 100 800
  "$bench" speed 200 400
  "$bench" speed 200 800
fi
