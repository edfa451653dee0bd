#!/usr/bin/env bash
# Fails when the committed Wails bindings (frontend/wailsjs) differ from what
# app.go generates today, so the frontend's types never drift from Go's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/versions.env
source "$root/scripts/versions.env"
cd "$root"
"$(go env GOPATH)/bin/wails" generate module -tags "$GO_TAGS" >/dev/null
# Content only: generators disagree on the files' mode bits (0644 or 0755), which do not matter here.
if ! git -c core.fileMode=false diff --quiet -- frontend/wailsjs || [ -n "$(git ls-files --others --exclude-standard -- frontend/wailsjs)" ]; then
  echo "bindings-check: frontend/wailsjs is out of date; regenerate it (wails generate module) and commit:" >&2
  git status --short -- frontend/wailsjs >&2
  git -c core.fileMode=false diff --stat -- frontend/wailsjs >&2
  exit 1
fi
echo "bindings-check: frontend/wailsjs matches app.go"
