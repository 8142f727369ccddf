"""EHBO: the first-aid kits, in four parts — Register (the kits and their history),
Planning (the re-checks, assigned and exported to an agenda; the shortages), Controle
(the check of one kit, from a scan of its label) and Kittypes (the kinds of kit and their
content templates)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QTabWidget, QVBoxLayout, QWidget

from carma_logistiek.i18n import _
from ui.kits.check import CheckPanel
from ui.kits.kit_types import KitTypesPanel
from ui.kits.plan import PlanPanel
from ui.kits.register import RegisterPanel
from ui.shell import settings_keys
from ui.shell.context import AppContext

REGISTER, PLAN, CHECK, TYPES = range(4)
FIRST_AID_GREEN = "#2e7d32"


def first_aid_icon(size: int = 64) -> QIcon:
    """The first-aid sign: a white cross on green (no platform icon looks like it)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(FIRST_AID_GREEN))
    painter.drawRoundedRect(QRect(2, 2, size - 4, size - 4), size / 6, size / 6)
    painter.setBrush(QColor("white"))
    arm, long = size // 5, size * 3 // 5
    painter.drawRect(QRect((size - arm) // 2, (size - long) // 2, arm, long))
    painter.drawRect(QRect((size - long) // 2, (size - arm) // 2, long, arm))
    painter.end()
    return QIcon(pixmap)


def kits_rail_item() -> QListWidgetItem:
    """The EHBO entry of the main window's navigation rail (Ctrl+4)."""
    label = _("EHBO")
    item = QListWidgetItem(first_aid_icon(), label)
    item.setToolTip(f"{label} (Ctrl+4)")
    item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
    return item


class KitsScreen(QWidget):
    camera_status = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 *, today: date | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.register = RegisterPanel(context)
        self.plan = PlanPanel(context)
        self.check = CheckPanel(context)
        self.types = KitTypesPanel(context)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for panel, label, key in ((self.register, _("Register"), "Alt+R"),
                                  (self.plan, _("Planning"), "Alt+P"),
                                  (self.check, _("Controle"), "Alt+C"),
                                  (self.types, _("Kittypes"), "Alt+T")):
            index = self.tabs.addTab(panel, label)
            self.tabs.setTabToolTip(index, f"{label} ({key})")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.set_today(today)
        self.register.start_check.connect(self.start_check)
        self.plan.start_check.connect(self.start_check)
        self.register.changed.connect(self.plan.refresh)
        self.register.kit_codes_loaded.connect(self.check.set_kit_codes)
        self.plan.assigned.connect(self.register.refresh)
        self.check.check_saved.connect(self._on_check_check_saved)
        self.check.camera_status.connect(self.camera_status)
        self.types.changed.connect(self.register.load_form_data)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.tabs)
        self._shortcuts()

    def _shortcuts(self) -> None:
        for key, index in (("Alt+R", REGISTER), ("Alt+P", PLAN), ("Alt+C", CHECK),
                           ("Alt+T", TYPES)):
            shortcut = QShortcut(QKeySequence(key), self,
                                 context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))

    def set_today(self, today: date | None) -> None:
        """The day the plan is computed for; None is the real today (tests inject one)."""
        self.today = today
        self.plan.today = today
        self.register.today = today

    def loaded(self) -> None:
        """After the master data: fill everything once."""
        self.check.show_locations()
        self.register.load_form_data()
        self.refresh()
        value = settings_keys.settings().value(settings_keys.KITS_TAB, REGISTER)
        self.tabs.setCurrentIndex(int(value) if str(value).isdigit() else REGISTER)

    def refresh(self) -> None:
        self.register.refresh()
        self.plan.refresh()
        self.types.refresh()

    def new_in_tab(self) -> bool:
        """Ctrl+N on this screen (the main window's shortcut asks first): a new kit type when
        the Kittypes tab is shown; False leaves Ctrl+N to the window (a new order)."""
        if self.tabs.currentWidget() is not self.types:
            return False
        self.types.new_kit_type()
        return True

    def refocus(self) -> None:
        if self.tabs.currentWidget() is self.check:
            self.check.refocus()
        elif self.tabs.currentWidget() is self.plan:
            self.plan.table.setFocus()
        elif self.tabs.currentWidget() is self.types:
            self.types.table.setFocus()
        else:
            self.register.search.setFocus()

    def start_check(self, code: str) -> None:
        self.tabs.setCurrentWidget(self.check)
        self.check.open_kit(code)

    def _on_tabs_current_changed(self, _index: int) -> None:
        self.refocus()

    def _on_check_check_saved(self, _check: object) -> None:
        self.refresh()

    def save_state(self) -> None:
        settings_keys.settings().setValue(settings_keys.KITS_TAB, self.tabs.currentIndex())
        self.register.save_state()
        self.plan.save_state()
        self.check.save_state()
        self.types.save_state()

    def stop_camera(self) -> None:
        self.check.stop_camera()
