"""Code uit foto lezen… (Ctrl+Shift+O) on the scan screen: the codes on a picture file.

The user picks a PNG or JPEG; the picture is read the hard way (``scanning.still.read_file``:
the first attempt, then the harder ones, up to about two seconds) on the render pool, off the
GUI thread and off the database worker, while the message line says it is reading. Each code
found then goes to the screen's ``scan_text`` exactly as a camera or wedge scan would; a
picture without a readable code, or a file that is no picture, gets the red refusal with its
sentence. The scan field has the focus again afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from carma_logistiek.i18n import _
from ui.ops.core import RenderOp
from ui.ops.errors import error_sentence

if TYPE_CHECKING:
    from carma_logistiek.scanning.harder import Reading
    from ui.shell.context import AppContext

SHORTCUT = "Ctrl+Shift+O"


class PhotoTarget(Protocol):
    """What the reader needs of the scan screen."""

    context: AppContext
    message: QLabel

    def scan_text(self, text: str) -> None: ...

    def refuse_scan(self, text: str) -> None: ...

    def refocus(self) -> None: ...


def _read(path: str) -> Reading:
    from carma_logistiek.scanning.still import read_file

    return read_file(path)


class PhotoReader(QObject):
    """The button and the reading; one picture at a time."""

    def __init__(self, screen: PhotoTarget, parent: QWidget) -> None:
        super().__init__(parent)
        self.screen = screen
        self._parent = parent
        self.busy = False
        self.button = QPushButton(_("Code uit foto lezen…"))
        self.button.setToolTip(
            _("De code op een foto of afbeelding (PNG of JPEG) lezen ({key})", key=SHORTCUT))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
        self.button.clicked.connect(self.choose_and_read)

    def choose_and_read(self) -> None:
        """Ask for a picture file, then read it."""
        if self.busy:
            return
        path = self.screen.context.services.file_dialogs.ask_open_path(
            self._parent, _("Code uit foto lezen"), _("Afbeeldingen (*.png *.jpg *.jpeg)"))
        self.screen.refocus()
        if path:
            self.read(path)

    def read(self, path: str) -> None:
        """Read the codes on ``path`` off the GUI thread; the answer arrives as scans."""
        if self.busy:
            return
        self.busy = True
        self.button.setEnabled(False)
        self.screen.message.setText(
            _("De foto {name} wordt gelezen…", name=Path(path).name))
        RenderOp(self.screen.context, lambda: _read(path)).success(self._on_read).failure(
            self._on_failed).run()

    def _on_read(self, reading: Reading) -> None:
        from carma_logistiek.scanning.still import nothing_read

        self._done()
        if not reading.codes:
            self.screen.refuse_scan(nothing_read(reading))
            return
        for code in reading.codes:
            self.screen.scan_text(code.text)
        self.screen.refocus()

    def _on_failed(self, error: BaseException) -> None:
        self._done()
        self.screen.refuse_scan(error_sentence(error))  # UnreadableImage, ImageTooLarge, ...

    def _done(self) -> None:
        self.busy = False
        self.button.setEnabled(True)
