#!/usr/bin/env bash
# Installs whatever is missing to build, run or test Investec Desk on a
# Debian/Ubuntu machine: system packages (apt-get), the pinned Wails CLI and
# golangci-lint (go install), and the frontend's packages (npm ci).
#
#   scripts/setup.sh run    what `make run` / `make build` / `make dev` need
#   scripts/setup.sh test   the above plus what `make test` needs
#
# It is idempotent and quick when everything is already there.
set -euo pipefail

mode=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/versions.env
source "$root/scripts/versions.env"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

run_pkgs=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
test_pkgs=(xvfb xauth xdotool imagemagick dbus dbus-x11 gnome-keyring libsecret-tools
  chromium python3-openpyxl libreoffice-calc-nogui poppler-utils ofx psmisc procps curl)

pkgs=("${run_pkgs[@]}")
[ "$mode" = test ] && pkgs+=("${test_pkgs[@]}")

# --- system packages -------------------------------------------------------
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    die "missing system packages (${missing[*]}) and no apt-get: see README.md for other systems"
  fi
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Go tools --------------------------------------------------------------
command -v go >/dev/null || die "Go is not installed: install Go $GO_MIN or newer (https://go.dev/dl)"
command -v npm >/dev/null || die "Node.js and npm are not installed: install Node.js 20 or newer"
gobin=$(go env GOPATH)/bin
if ! "$gobin/wails" version 2>/dev/null | grep -qx "$WAILS_VERSION"; then
  log "installing the Wails CLI $WAILS_VERSION"
  go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
fi
if [ "$mode" = test ]; then
  lint="$root/.tools/bin/golangci-lint"
  if ! "$lint" version 2>/dev/null | grep -q "version ${GOLANGCI_LINT_VERSION#v} "; then
    log "installing golangci-lint $GOLANGCI_LINT_VERSION"
    GOBIN="$root/.tools/bin" go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION"
  fi
fi

# --- frontend packages -----------------------------------------------------
fe="$root/frontend"
stamp="$fe/node_modules/.package-lock.stamp"
if [ ! -f "$stamp" ] || ! cmp -s "$fe/package-lock.json" "$stamp"; then
  log "installing frontend packages (npm ci)"
  (cd "$fe" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$fe/package-lock.json" "$stamp"
fi
