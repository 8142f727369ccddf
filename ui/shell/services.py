"""What the app does to the world outside the database: sounds, message boxes and questions,
printing, file choosers. The app context holds one of each; tests hand in fakes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ui.widgets.file_dialogs import FileDialogs
from ui.widgets.printing import PrintService
from ui.widgets.prompts import Prompts
from ui.widgets.sounds import SoundPlayer


@dataclass
class AppServices:
    sounds: SoundPlayer = field(default_factory=SoundPlayer)
    prompts: Prompts = field(default_factory=Prompts)
    printer: PrintService = field(default_factory=PrintService)
    file_dialogs: FileDialogs = field(default_factory=FileDialogs)
