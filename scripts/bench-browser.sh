#!/usr/bin/env bash
# Browser measurements on a 1,000,000-row cache (called by scripts/bench.sh,
# under scripts/with-keyring.sh): builds a data directory whose demo
# connection holds the big cache (scripts/fillcache), builds the frontend
# for production (as the desktop app ships it) and serves it with vite
# preview, starts `wails dev` on the data directory with that frontend under
# Xvfb (so the page has live Go bindings), runs frontend/e2e/perf.spec.ts in
# Debian's chromium (light theme only) and prints each figure beside its raw
# baseline.
#
#   scripts/bench-browser.sh
# Environment: BENCH_PORT (default 34175), BENCH_TRANSACTIONS (1000000),
# PERF_RUNS (7), PERF_SEARCH (woolworths), BENCH_KEEP=1 keeps the scratch dir.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/versions.env
source "$root/scripts/versions.env"
port=${BENCH_PORT:-34175}
preview_port=${BENCH_PREVIEW_PORT:-34176}
n=${BENCH_TRANSACTIONS:-1000000}
wails=$(go env GOPATH)/bin/wails

scratch=$(mktemp -d "${TMPDIR:-/tmp}/investec-desk-bench.XXXXXX")
data="$scratch/data"
export XDG_CACHE_HOME="$scratch/cache"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1

if curl -s -o /dev/null "http://localhost:$port"; then
  echo "bench-browser: something already listens on port $port" >&2
  exit 1
fi

cd "$root"
echo "bench-browser: filling a cache with $n transactions" >&2
go run -tags "$GO_TAGS" ./scripts/fillcache -data-dir "$data" -transactions "$n" >&2

echo "bench-browser: building the frontend for production" >&2
(cd frontend && npm run --silent build >&2)
setsid bash -c "cd frontend && exec npx vite preview --port $preview_port --strictPort" >"$scratch/preview.log" 2>&1 &
preview=$!

# timeout --foreground keeps wails dev in this process group, so stop()
# reaches it (plain timeout moves itself and wails dev to a group of their
# own, which then outlives the run).
echo "bench-browser: starting wails dev on localhost:$port" >&2
setsid xvfb-run -a -s "-screen 0 1280x800x24" \
  timeout --foreground 3600 "$wails" dev -s -tags "$GO_TAGS" -devserver "localhost:$port" -frontenddevserverurl "http://localhost:$preview_port" \
  -m -nosyncgomod -skipbindings -noreload -appargs "--data-dir $data" >"$scratch/wails-dev.log" 2>&1 &
dev=$!

stop() {
  kill -TERM -- "-$preview" 2>/dev/null || true
  kill -INT -- "-$dev" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$dev" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$dev" 2>/dev/null || true
  wait "$dev" 2>/dev/null || true
  if [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$scratch"; else echo "bench-browser: kept $scratch" >&2; fi
}
trap stop EXIT

ready=""
for _ in $(seq 1 900); do
  if ! kill -0 "$dev" 2>/dev/null; then break; fi
  if curl -s "http://localhost:$port/wails/ipc.js" -o /dev/null -w '%{http_code}' 2>/dev/null | grep -q 200 \
     && grep -q "INF.*Serving application at\|To develop in the browser" "$scratch/wails-dev.log" 2>/dev/null; then
    ready=1; break
  fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "bench-browser: wails dev did not come up; its log:" >&2
  tail -n 60 "$scratch/wails-dev.log" >&2
  exit 1
fi

cd frontend
E2E_BASE_URL="http://localhost:$port" E2E_DATA_DIR="$data" E2E_SCRATCH="$scratch" \
  npx playwright test e2e/perf.spec.ts --project light --reporter list
