#!/usr/bin/env bash
# End-to-end tests in a real browser against the real Go backend: starts
# `wails dev` under Xvfb (on a scratch data directory and a throwaway
# keyring), waits until it serves the UI with live Go bindings, runs the
# Playwright suite in frontend/e2e against it in Debian's chromium, then
# stops everything.
#
#   scripts/e2e.sh [extra args for the e2e runner]
# Environment: E2E_PORT (default 34115), E2E_KEEP=1 keeps the scratch dir.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/versions.env
source "$root/scripts/versions.env"
port=${E2E_PORT:-34115}
wails=$(go env GOPATH)/bin/wails

scratch=$(mktemp -d "${TMPDIR:-/tmp}/investec-desk-e2e.XXXXXX")
export E2E_SCRATCH="$scratch"
export E2E_DATA_DIR="$scratch/data"
# Exports go to the scratch directory, never into a real Documents folder.
export INVESTEC_DESK_EXPORT_DIR="$scratch/exports"
export E2E_READY_FILE="$scratch/ready.json"
# The app reads these (a dev build prints usage noise for -appargs flags).
export INVESTEC_DESK_DATA_DIR="$E2E_DATA_DIR" INVESTEC_DESK_READY_FILE="$E2E_READY_FILE"
export XDG_CACHE_HOME="$scratch/cache" XDG_DATA_HOME="$scratch/xdg-data"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$E2E_DATA_DIR"

if curl -s -o /dev/null "http://localhost:$port"; then
  echo "e2e: something already listens on port $port" >&2
  exit 1
fi

cd "$root"
echo "e2e: starting wails dev on localhost:$port (first start compiles everything: a few minutes)" >&2
# -m/-nosyncgomod: never rewrite go.mod; -nogorebuild: don't rebuild when a Go
# file changes mid-run; bindings are checked separately (make bindings-check).
setsid xvfb-run -a -s "-screen 0 1280x800x24" \
  timeout --foreground 1800 "$wails" dev -tags "$GO_TAGS" -devserver "localhost:$port" \
  -m -nosyncgomod -nogorebuild -skipbindings -skipembedcreate -noreload -viteservertimeout 120 \
  >"$scratch/wails-dev.log" 2>&1 &
dev=$!

stop() {
  # One SIGINT lets wails dev shut its app and vite down; then make sure.
  kill -INT -- "-$dev" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$dev" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$dev" 2>/dev/null || true
  wait "$dev" 2>/dev/null || true
  if [ -z "${E2E_KEEP:-}" ]; then rm -rf "$scratch"; else echo "e2e: kept $scratch" >&2; fi
}
trap stop EXIT

ready=""
for _ in $(seq 1 900); do
  if ! kill -0 "$dev" 2>/dev/null; then break; fi
  if grep -q "Build error" "$scratch/wails-dev.log"; then break; fi
  # Ready when the dev server answers AND the Go app's webview drew the
  # shell (it writes the ready file through the real binding).
  if curl -s -o /dev/null "http://localhost:$port" && [ -s "$E2E_READY_FILE" ]; then
    ready=1; break
  fi
  sleep 1
done
if [ -z "$ready" ]; then
  echo "e2e: wails dev did not come up; its log:" >&2
  tail -n 80 "$scratch/wails-dev.log" >&2
  exit 1
fi
echo "e2e: wails dev is up" >&2

set +e
(cd frontend && E2E_BASE_URL="http://localhost:$port" npm run --silent e2e -- "$@")
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "e2e: failed; the last lines of the wails dev log:" >&2
  tail -n 40 "$scratch/wails-dev.log" >&2
fi
exit $rc
