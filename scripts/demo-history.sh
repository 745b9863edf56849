#!/bin/sh
# Generates 90 days of history for the demo into a scratch store and builds the reports with
# the period view (docs/audit.md, "Operating effectiveness over a period").
#
#   scripts/demo-history.sh [SCRATCH_DIR] [DAYS]
#
# SCRATCH_DIR (default: a new folder under /tmp) receives the store (attest.sqlite) and the
# output (reports/); nothing is written to the repository or to its store (.attest/). The
# demo is collected once for real (`attest collect`), then DemoHistory (Benchmarks/) copies that
# run back over DAYS - 1 days (default 90) with five controls failing for a while, every 11th
# day without a run and one day run twice; finally `attest build --period ${DAYS}d` adds
# today's run and renders the readiness reports with the period view, and
# `attest score --period` prints it. SOURCE_DATE_EPOCH, when set, is "today".
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-$(mktemp -d /tmp/attest-demo-history.XXXXXX)}
days=${2:-90}
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)
case "$scratch/" in
"$root"/*) echo "error: $scratch is inside the repository; use a scratch folder" >&2; exit 2 ;;
esac
store="$scratch/attest.sqlite"
if [ -e "$store" ]; then
    echo "error: $store exists; give an empty scratch folder" >&2
    exit 2
fi

swift build --package-path "$root" --product attest >/dev/null
attest="$root/.build/debug/attest"
"$attest" collect --workspace "$root" --store "$store" --quiet >/dev/null
swift run --package-path "$root/Benchmarks" -c release DemoHistory \
    --workspace "$root" --store "$store" --days "$days"
"$attest" build --workspace "$root" --store "$store" --out "$scratch/reports" \
    --period "${days}d" --no-collect --quiet >/dev/null
"$attest" score --workspace "$root" --store "$store" --period "${days}d" --framework soc2
echo
echo "store:   $store"
echo "reports: $scratch/reports/readiness/soc2.html (period view), $scratch/reports/site/index.html"
