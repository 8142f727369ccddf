#!/usr/bin/env bash
# Hard-to-read codes in the REAL window (Xvfb + openbox), on the demo: the camera reading a label
# the first attempt cannot, "Code uit foto lezen…" on a blurred photo and on one without a code,
# and a scanner burst after it, into /tmp/shots-hard/<size>-<lang>/ (scripts/screenshots_hard.py).
#   SIZES=1024x768 LANGS="nl en" scripts/screenshots_hard.sh
set -u
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1024x768 1366x768 1920x1080"}
langs=${LANGS:-"nl en"}
out=${OUT:-/tmp/shots-hard}
status=0
for size in $sizes; do
  for lang in $langs; do
    folder=$out/$size-$lang
    rm -rf "$folder"; mkdir -p "$folder"
    home=$(mktemp -d /tmp/carma-hard-shots-XXXX)
    eval "$(${REAL_WINDOW:-../shared/tools/real-window.sh} "$size")"
    CARMA_HOME=$home timeout 600 .venv/bin/python scripts/screenshots_hard.py --lang "$lang" \
      --out "$folder" > "$folder/tour.log" 2>&1 || status=1
    kill $REAL_WINDOW_PIDS 2>/dev/null
    rm -rf "$home"
    echo "$folder: $(ls "$folder"/*.png 2>/dev/null | wc -l) pictures; $(cat "$folder/report.txt" 2>/dev/null | wc -l) findings"
  done
done
exit $status
