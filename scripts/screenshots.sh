#!/usr/bin/env bash
# Copies the screenshots the test suite took (make test: the smoke test's
# real window under Xvfb, and the end-to-end suite's browser pages) into
# build/screenshots, which README.md shows. Run it after `make test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
e2e="$root/frontend/e2e/screenshots"
dest="$root/build/screenshots"
mkdir -p "$dest"

# README name <- what the test suite wrote
pairs=(
  "window-welcome.png:$root/out/smoke.png"
  "dashboard.png:$e2e/light-dashboard.png"
  "dashboard-dark.png:$e2e/dark-dashboard.png"
  "transactions.png:$e2e/light-transactions.png"
  "pay.png:$e2e/pay.png"
  "statements.png:$e2e/statements.png"
  "cards.png:$e2e/light-cards.png"
  "export.png:$e2e/export.png"
  "settings.png:$e2e/light-settings.png"
  "welcome.png:$e2e/onboarding.png"
  "categories.png:$e2e/categories.png"
  "beneficiaries.png:$e2e/beneficiaries.png"
  "offline.png:$e2e/offline.png"
)
for p in "${pairs[@]}"; do
  name=${p%%:*} src=${p#*:}
  [ -f "$src" ] || { echo "screenshots: $src is missing: run make test first" >&2; exit 1; }
  cp "$src" "$dest/$name"
done
echo "screenshots: ${#pairs[@]} copied into build/screenshots"
