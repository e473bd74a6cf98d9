#!/bin/sh
# The provenance accuracy and speed benchmark (issue 4 items 5-6): prints one report with the
# simulated lab, the development set (skipped when ../shared/validation is absent) and the
# speed table. Not a CI test. Usage, from the repository root:
#   bench/provenance/run_benchmark.sh [BUILD_DIR] [VALIDATION_DIR]
# Set SPEED=0 to skip the speed runs, LAB_REPS to change the lab's repetitions (default 2).
# The end-to-end row times the kinship binary itself (import, then one provenance question)
# with GNU time (Debian package `time`); it is skipped with a message when that is missing.
set -eu
build=${1:-build}
validation=${2:-../shared/validation}
ninja -C "$build" provenance_bench kinship >/dev/null
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
  echo
  echo "## End to end through the command line (200 x 800, the speed table's answers)"
  echo
  if [ -x /usr/bin/time ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    "$bench" speed-jsonl 200 800 "$work/answers.jsonl"
    echo "| step | wall | CPU (user + system) | peak RSS |"
    echo "|---|---|---|---|"
    timed() {
      step=$1
      shift
      /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$@" >/dev/null
      read -r wall user sys rss <"$work/time"
      awk -v step="$step" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        'BEGIN { printf "| %s | %.1f s | %.1f s | %.0f MB |\n", step, w, u + s, r / 1024 }'
    }
    timed "kinship import ($(du -m "$work/answers.jsonl" | cut -f1) MB JSONL)" \
      "$build/kinship" import "$work/answers.jsonl" --format jsonl --out "$work/run" --quiet
    controls=""
    for i in $(seq 20 31); do controls="$controls --control m0$i"; done
    # shellcheck disable=SC2086
    timed "kinship provenance (5 candidates, 12 controls, JSON)" \
      "$build/kinship" provenance "$work/run" --suspect m010 --candidate m000 --candidate m001 \
      --candidate m002 --candidate m003 --candidate m004 $controls --format json
  else
    echo "skipped: /usr/bin/time (Debian package \`time\`) is not installed"
  fi
fi
