#!/usr/bin/env bash
# Screenshots of every screen and the main dialogs in the real window (Xvfb + openbox, the
# window maximised by the window manager), at each size and in each language, into
# /tmp/shots/<size>-<lang>/ with a report.txt of what does not fit (scripts/screenshots_real.py):
#   scripts/screenshots_real.sh                       # 1024x768 1366x768 1920x1080, nl and en
#   SIZES=1024x768 LANGS=nl scripts/screenshots_real.sh
# One demo database is made first and copied for every run.
set -u
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1024x768 1366x768 1920x1080"}
langs=${LANGS:-"nl en"}
out=${OUT:-/tmp/shots}
home=$(mktemp -d /tmp/carma-real-shots-XXXX)
CARMA_HOME=$home/seed .venv/bin/carma-logistiek demo --db "sqlite:///$home/demo.sqlite" >/dev/null
status=0
for size in $sizes; do
  for lang in $langs; do
    folder=$out/$size-$lang
    rm -rf "$folder"; mkdir -p "$folder"
    run=$home/$size-$lang; mkdir -p "$run"
    cp "$home/demo.sqlite" "$run/demo.sqlite"
    eval "$(${REAL_WINDOW:-../shared/tools/real-window.sh} "$size")"
    CARMA_HOME=$run timeout 600 .venv/bin/python scripts/screenshots_real.py --lang "$lang" \
      --db "sqlite:///$run/demo.sqlite" --out "$folder" > "$folder/tour.log" 2>&1 || status=1
    kill $REAL_WINDOW_PIDS 2>/dev/null
    echo "$folder: $(ls "$folder"/*.png 2>/dev/null | wc -l) pictures; $(cat "$folder/report.txt" 2>/dev/null | wc -l) findings"
  done
done
rm -rf "$home"
exit $status
