#!/usr/bin/env bash
# Benchmarks: the Go benchmarks (each prints its figure beside a raw
# baseline measured in the same run, because these machines are shared and
# noisy) and the browser measurements on a 1,000,000-row cache. Results are
# written to out/bench-*.txt as well as the terminal.
#
#   scripts/bench.sh [go|browser]   (default: both)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/versions.env
source "$root/scripts/versions.env"
cd "$root"
mkdir -p out
what=${1:-all}

if [ "$what" = all ] || [ "$what" = go ]; then
  echo "== Go benchmarks (figures beside their raw baselines)" >&2
  # -benchtime 1x/3x: each op is large (200k or 1M rows); -count gives a second sample.
  go test -tags "$GO_TAGS" -run '^$' -count 1 -timeout 60m \
    -bench 'BenchmarkFilteredPage|BenchmarkSearchPage|BenchmarkUnfilteredPage' -benchtime 200x ./backend/store/ \
    | tee out/bench-store.txt
  go test -tags "$GO_TAGS" -run '^$' -count 1 -timeout 60m -bench 'BenchmarkSync200k' -benchtime 3x ./backend/sync/ \
    | tee out/bench-sync.txt
  go test -tags "$GO_TAGS" -run '^$' -count 1 -timeout 60m -bench 'BenchmarkWorkbook' -benchtime 3x ./backend/export/ \
    | tee out/bench-export.txt
  go test -tags "$GO_TAGS" -run '^$' -count 1 -timeout 60m -bench 'BenchmarkGenerate1M|BenchmarkAmountRoundTrip200k' -benchtime 1x ./backend/sandbox/ \
    | tee out/bench-sandbox.txt
  go test -tags "$GO_TAGS" -run '^$' -count 1 -bench 'BenchmarkSimulateStarter' ./backend/cardcode/ \
    | tee out/bench-cardcode.txt
fi

if [ "$what" = all ] || [ "$what" = browser ]; then
  echo "== Browser measurements on a 1,000,000-row cache" >&2
  scripts/with-keyring.sh scripts/bench-browser.sh | tee out/bench-browser.txt
fi
