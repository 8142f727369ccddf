#!/usr/bin/env bash
# Screenshots of the people-and-access screens in the REAL window (Xvfb + openbox): the first
# admin on an empty database, signing in (refused, then accepted), the lock with a scanner burst
# swallowed, the staff register, the users and roles screen and the audit search, into
# /tmp/shots-signin/<size>-<lang>/ (scripts/screenshots_signin.py drives the window).
#   SIZES=1024x768 LANGS="nl en" scripts/screenshots_signin.sh
set -u
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1024x768 1366x768"}
langs=${LANGS:-"nl en"}
out=${OUT:-/tmp/shots-signin}
home=$(mktemp -d /tmp/carma-signin-shots-XXXX)
cli() { CARMA_HOME=$home/seed .venv/bin/carma-logistiek "$@"; }
url="sqlite:///$home/zone.sqlite"
cli migrate --create --db "$url" >/dev/null
cat > "$home/personeel.csv" <<'CSV'
Stamnummer;Naam;Voornaam;Graad;Operationeel/CALog;Dienst;E-mail;Toestand;Vanaf
01209;Peeters;An;Hoofdinspecteur;operationeel;Logistiek;an.peeters@pz-carma.be;in dienst;2015-03-01
01210;Claes;Jan;Inspecteur;operationeel;Interventie Genk;jan.claes@pz-carma.be;in dienst;2019-09-01
01211;Janssens;Sofie;Consulent;CALog;Logistiek;sofie.janssens@pz-carma.be;in dienst;2021-01-04
01212;Maes;Tom;Inspecteur;operationeel;Wijk Zutendaal;tom.maes@pz-carma.be;NAPA;2026-10-01
01213;Jacobs;Lotte;Assistent;CALog;Onthaal;lotte.jacobs@pz-carma.be;loopbaanonderbreking;2026-06-01
CSV
cli import staff "$home/personeel.csv" --db "$url" >/dev/null
echo 'Wachtwoord-2026!' | cli users add apeeters --name "An Peeters" --staff 01209 \
  --role beheerder --password-stdin --db "$url" >/dev/null
# Two more colleagues, as the admin would add them in the users screen.
CARMA_HOME=$home/seed .venv/bin/python - "$url" <<'PY'
import sys

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.services import accounts

db = Database(sys.argv[1])
admin = Actor.with_every_role("apeeters")
for username, name, number, roles in (("jclaes", "Jan Claes", "01210", {Role.LOGISTICS}),
                                      ("sjanssens", "Sofie Janssens", "01211",
                                       {Role.LOGISTICS, Role.READER})):
    accounts.create_account(db, username=username, full_name=name, staff_number=number,
                            roles=frozenset(roles), zone="CARMA",
                            temporary_password="Tijdelijk-2026!", actor=admin)
PY
status=0
for size in $sizes; do
  for lang in $langs; do
    folder=$out/$size-$lang
    rm -rf "$folder"; mkdir -p "$folder"
    run=$home/$size-$lang; mkdir -p "$run"
    cp "$home/zone.sqlite" "$run/zone.sqlite"
    .venv/bin/carma-logistiek migrate --create --db "sqlite:///$run/empty.sqlite" >/dev/null
    eval "$(${REAL_WINDOW:-../shared/tools/real-window.sh} "$size")"
    CARMA_HOME=$run timeout 300 .venv/bin/python scripts/screenshots_signin.py --lang "$lang" \
      --db "sqlite:///$run/empty.sqlite" --first-admin --out "$folder/first" \
      > "$folder/first.log" 2>&1 || status=1
    mv "$folder"/first/*.png "$folder"/ 2>/dev/null
    CARMA_HOME=$run timeout 600 .venv/bin/python scripts/screenshots_signin.py --lang "$lang" \
      --db "sqlite:///$run/zone.sqlite" --out "$folder" > "$folder/tour.log" 2>&1 || status=1
    kill $REAL_WINDOW_PIDS 2>/dev/null
    echo "$folder: $(ls "$folder"/*.png 2>/dev/null | wc -l) pictures; $(cat "$folder/report.txt" 2>/dev/null | wc -l) findings"
  done
done
rm -rf "$home"
exit $status
