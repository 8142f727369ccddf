"""Screenshots of signing in, the lock, the staff register, the users and roles screen and the
audit search, in the REAL window (scripts/screenshots_signin.sh starts Xvfb + openbox and makes
the database: five staff members, an admin "apeeters" and two colleagues). Keys are typed with
xdotool, as a person (or a scanner) would type them; each picture is the whole screen.

    .venv/bin/python scripts/screenshots_signin.py --db URL --out FOLDER [--lang en] [--first-admin]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import screenshots_real as real

PASSWORD = "Wachtwoord-2026!"  # temporary: the first sign-in asks for a new one
NEW_PASSWORD = "Eigen-Wachtwoord-2027"
BURST = "CL1:CARMA:P:DT-SPK"  # a product label, as a handheld scanner types it


class AccessTour(real.Tour):
    def keys(self, *words: str) -> None:
        """xdotool, while the window goes on handling events (it runs in this process)."""
        typing = subprocess.Popen(["xdotool", *words])
        while typing.poll() is None:
            self.pump(50)
        self.pump(300)

    def type(self, text: str, delay_ms: int = 70) -> None:
        """As a person types (a scanner types a key every few ms: ``delay_ms=8``)."""
        self.keys("type", "--delay", str(delay_ms), text)

    def burst(self, code: str) -> None:
        """The keys a handheld scanner sends (../shared/data/scanner-burst-qwerty.txt): Shift
        pressed for capitals and ':', a key every few milliseconds, Enter at the end."""
        names = {":": "shift+colon", "-": "minus", ".": "period", "/": "slash"}
        keys = [names.get(c) or (f"shift+{c}" if c.isupper() else c) for c in code]
        self.keys("key", "--delay", "3", *keys, "Return")

    def top(self) -> Any:
        from PySide6.QtWidgets import QApplication

        return QApplication.activeModalWidget() or QApplication.activeWindow()

    def wait_for(self, class_name: str) -> Any:
        self.wait(lambda: type(self.top()).__name__ == class_name, 60_000)
        self.pump(500)
        return self.top()

    def run(self) -> None:
        dialog = self.wait_for("SignInDialog")
        self.shot("70-aanmelden", dialog)
        self.type("apeeters")
        self.keys("key", "Tab")
        self.type("verkeerd-wachtwoord")
        self.keys("key", "Return")
        self.pump(2500)
        self.shot("71-aanmelden-geweigerd", dialog)
        self.type(PASSWORD)  # the refused password is selected: typing replaces it
        self.keys("key", "Return")
        change = self.wait_for("ChangePasswordDialog")
        self.shot("72-wachtwoord-verplicht", change)
        self.type(NEW_PASSWORD)
        self.keys("key", "Tab")
        self.type(NEW_PASSWORD)
        self.keys("key", "Return")
        context = self.window.context
        try:
            self.wait(lambda: context.actor.account_id is not None
                      and self.window.rail.isEnabled(), 60_000)
        except TimeoutError:
            subprocess.run(["import", "-window", "root", str(self.out / "99-not-signed-in.png")],
                           check=False)
            print("actor:", context.actor, "rail:", self.window.rail.isEnabled(), flush=True)
            raise
        self.idle()
        self.shot("72-stuurbord-aangemeld-2")
        self.people()
        self.users()
        self.audit()
        self.lock()
        self.change_password()

    def people(self) -> None:
        self.window.show_screen_named("people")
        self.idle()
        self.shot("73-personeel")
        self.type("jan")  # the search, then Enter to the first match and Enter to open it
        self.keys("key", "Return")
        self.keys("key", "Return")
        self.idle()
        self.shot("74-personeelslid")

    def users(self) -> None:
        self.window.show_screen_named("accounts")
        self.idle()
        table = getattr(self.window.stack.currentWidget(), "table", None)
        if table is not None and table.model().rowCount() > 1:
            table.selectRow(1)
            self.idle()
        self.shot("75-gebruikers")

    def audit(self) -> None:
        self.window.show_screen_named("audit")
        self.idle()
        self.shot("76-audit")
        self.keys("key", "Tab")
        self.idle()
        self.shot("77-audit-detail")

    def lock(self) -> None:
        self.window.activateWindow()
        self.keys("key", "F12")
        lock = self.wait_for("LockScreen")
        self.burst(BURST)  # a scanner at the locked window: it must book nothing

        self.pump(800)
        self.shot("78-vergrendeld-scan-genegeerd", lock)
        self.type(NEW_PASSWORD)
        self.keys("key", "Return")
        self.wait(lambda: type(self.top()).__name__ != "LockScreen", 30_000)
        self.idle()
        self.shot("79-ontgrendeld")

    def change_password(self) -> None:
        self.window.session.change_password()
        self.pump(600)
        self.dialog_shot("80-wachtwoord-wijzigen", opened=self.top())


class FirstAdminTour(AccessTour):
    def run(self) -> None:
        dialog = self.wait_for("FirstAdminDialog")
        self.type("An Peeters")
        self.keys("key", "Tab")
        self.type("01209")
        self.pump(300)
        self.shot("69-eerste-beheerder", dialog)
        dialog.reject()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--db", required=True)
    parser.add_argument("--first-admin", action="store_true",
                        help="--db is an empty database: photograph the first admin's dialog")
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("screenshots_signin.py needs an X display (scripts/screenshots_signin.sh)")
        return 2
    os.environ.setdefault("CARMA_HOME", tempfile.mkdtemp(prefix="carma-signin-shots-"))
    tour_class = FirstAdminTour if options.first_admin else AccessTour
    tour = tour_class(Path(options.out), options.lang, options.db)
    try:
        tour.run()
    finally:
        tour.finish()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
