#!/usr/bin/env bash
# Runs a command against a real, throwaway Secret Service: a private D-Bus
# session with gnome-keyring-daemon unlocked by a scratch password and its
# data under a temporary XDG_DATA_HOME. Nothing touches the user's keyring.
#
#   scripts/with-keyring.sh go test ./...
set -euo pipefail

if [ -z "${WITH_KEYRING_INNER:-}" ]; then
  command -v dbus-run-session >/dev/null || { echo "with-keyring: dbus-run-session missing (run scripts/setup.sh test)" >&2; exit 1; }
  export WITH_KEYRING_INNER=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/investec-desk-keyring.XXXXXX")
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

printf 'investec-desk-test' | gnome-keyring-daemon --foreground --unlock --components=secrets >"$scratch/daemon.log" 2>&1 &
daemon=$!
cleanup() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  kill -0 "$daemon" 2>/dev/null || { echo "with-keyring: gnome-keyring-daemon exited:" >&2; cat "$scratch/daemon.log" >&2; exit 1; }
  sleep 0.1
done
dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
  org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true' \
  || { echo "with-keyring: the Secret Service did not come up" >&2; exit 1; }

export INVESTEC_DESK_REAL_KEYRING=1
set +e
"$@"
rc=$?
set -e
exit $rc
