#!/usr/bin/env bash
# A tour of the real window under Xvfb + openbox, driven by xdotool as a clerk would (screen
# shortcuts, a location and a product label typed at scanner speed, Enter to book):
#   scripts/real_window_tour.sh 1366x768 nl /tmp/shots/1366x768-nl
# Screenshots land in the folder; the demo database lives in a private CARMA_HOME.
set -u
size=$1; lang=$2; out=$3; mkdir -p "$out"
cd "$(dirname "$0")/.."
eval "$(${REAL_WINDOW:-../shared/tools/real-window.sh} $size)"
export CARMA_HOME=/tmp/carma-shots-home
mkdir -p $CARMA_HOME
.venv/bin/carma-logistiek --demo --lang $lang > "$out/app.log" 2>&1 &
app=$!
xdotool search --sync --name "CARMA" > /dev/null
sleep ${WAIT:-6}
wid=$(xdotool search --name "CARMA" | head -1)
xdotool windowactivate --sync $wid; xdotool windowmove $wid 0 0; xdotool windowsize $wid 100% 100%; sleep 1.5
shot() { sleep "${2:-1.5}"; import -window root "$out/$1.png"; }
shot 01-start 1
xdotool key ctrl+1; shot 02-voorraad
xdotool key ctrl+2; shot 03-bestellingen
xdotool key ctrl+4; shot 04-ehbo
xdotool key ctrl+3; shot 05-scan
# a scanner burst: location label, then a product label (xdotool presses Shift for capitals and ':')
xdotool type --delay 2 'CL1:CARMA:L:GNK-MAG'; xdotool key Return; shot 06-scan-locatie 1
xdotool type --delay 2 'CL1:CARMA:P:DT-SPK'; xdotool key Return; shot 07-scan-product 1
xdotool key Return; shot 07b-scan-geboekt 1.5
xdotool key ctrl+1; sleep 0.5; xdotool key ctrl+f 2>/dev/null; shot 08-voorraad-terug
kill $app 2>/dev/null; sleep 1; kill -9 $app 2>/dev/null
kill $REAL_WINDOW_PIDS 2>/dev/null
