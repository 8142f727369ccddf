"""A database file that is not there when the window opens (a mistyped --db, a file deleted
since the last start): the window says so and asks before it makes a new, empty one; it never
makes one silently."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from carma_logistiek.domain.errors import DatabaseMissing
from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def offer_new_database(window: MainWindow, error: BaseException) -> bool:
    """Ask whether to make a new, empty database where the missing one should be; True when
    the error was that one (asked, whatever the answer), False for any other error."""
    if not isinstance(error, DatabaseMissing):
        return False
    context = window.context
    question = _(
        "Een nieuwe, lege databank maken in {path}? Of zet een back-up terug via "
        "Bestand › Back-up terugzetten.",
        path=error.fields.get("detail", ""),
    )
    if context.services.prompts.confirm(
        window,
        _("Databank bestaat niet"),
        f"{error.message()}\n\n{question}",
        yes=_("Nieuwe, lege databank maken"),
        no=_("Niets maken"),
    ):
        from ui.shell.app import open_database

        window.loading_bar.setVisible(True)
        context.runner.open(replace(context.config, create_database=True), open_database)
    return True
