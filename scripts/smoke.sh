#!/usr/bin/env bash
# Smoke test of the production build in a real (virtual) display: starts
# build/bin/investec-desk under Xvfb on a scratch data directory, waits for
# the frontend to report that its shell rendered (a machine-readable marker
# written through the real Go binding), takes a screenshot of the screen and
# checks it is the app, not a blank frame.
#
#   scripts/smoke.sh [screenshot.png]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/bin/investec-desk"
shot=${1:-$root/out/smoke.png}
[ -x "$bin" ] || { echo "smoke: $bin not built (make build)" >&2; exit 1; }
mkdir -p "$(dirname "$shot")"

# The headless face first: commands must work with no display at all.
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --help >/dev/null
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" version
echo "smoke: --help and version ran with no display"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/investec-desk-smoke.XXXXXX")
ready="$scratch/ready.json"
export XDG_CACHE_HOME="$scratch/cache" XDG_DATA_HOME="$scratch/xdg-data" XDG_CONFIG_HOME="$scratch/config"
export INVESTEC_DESK_READY_FILE="$ready"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1

cat >"$scratch/run.sh" <<INNER
#!/usr/bin/env bash
set -u
"$bin" --data-dir "$scratch/data" >"$scratch/app.log" 2>&1 &
app=\$!
for _ in \$(seq 1 240); do
  [ -s "$ready" ] && break
  kill -0 \$app 2>/dev/null || { echo "smoke: the app exited early" >&2; cat "$scratch/app.log" >&2; exit 1; }
  sleep 0.5
done
[ -s "$ready" ] || { echo "smoke: the shell never reported ready" >&2; cat "$scratch/app.log" >&2; kill \$app; exit 1; }
sleep 2   # let the first paint settle before the screenshot
import -window root "$shot"
convert -size 1280x800 xc:black "$scratch/blank.png"
kill \$app; wait \$app 2>/dev/null
exit 0
INNER
chmod +x "$scratch/run.sh"

status=0
timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" "$scratch/run.sh" || status=$?
if [ $status -ne 0 ]; then rm -rf "$scratch"; exit $status; fi

# The marker: the real frontend, through the real binding, says what it drew.
python3 - "$ready" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
want = ["dashboard", "transactions", "pay", "statements", "cards", "export", "settings"]
assert r["title"] == "Investec Desk", r
assert [v for v in want if v not in r["views"]] == [], r
print("smoke: shell reported ready:", ", ".join(r["views"]), "theme", r["theme"])
PY

# The picture: many colours and far from a blank frame.
colours=$(identify -format '%k' "$shot")
diff=$(compare -metric AE "$shot" "$scratch/blank.png" null: 2>&1 || true)
diff=${diff%% *}
echo "smoke: screenshot $shot has $colours colours, $diff pixels differ from a blank frame"
rm -rf "$scratch"
[ "$colours" -ge 16 ] || { echo "smoke: the window looks blank" >&2; exit 1; }
python3 -c "import sys; sys.exit(0 if float('$diff') > 1280*800*0.05 else 1)" \
  || { echo "smoke: the screenshot is too close to a blank frame" >&2; exit 1; }
echo "smoke: ok"
