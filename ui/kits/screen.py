"""EHBO: the first-aid kits, in four parts — Register (the kits and their history),
Planning (the re-checks, assigned and exported to an agenda; the shortages), Controle
(the check of one kit, from a scan of its label) and Kittypes (the kinds of kit and their
content templates)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _
from ui.kits.check import CheckPanel
from ui.kits.kit_types import KitTypesPanel
from ui.kits.plan import PlanPanel
from ui.kits.register import RegisterPanel
from ui.kits.shortages import ShortagesDialog
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.screens import ActionDeclaration, Screen

REGISTER, PLAN, CHECK, TYPES = range(4)


class KitsScreen(Screen):
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
        self.register.kit_codes_loaded.connect(self.check.set_kit_codes)
        context.when_masterdata_loaded(self.loaded)
        context.changed.connect(self._on_context_changed)
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
        self.tabs.setCurrentIndex(int(str(value)) if str(value).isdigit() else REGISTER)

    def refresh(self) -> None:
        self.register.refresh()
        self.plan.refresh()
        self.types.refresh()

    def new_in_tab(self) -> bool:
        """Ctrl+N on this screen (``intercept`` asks first): a new kit type when the Kittypes
        tab is shown; False leaves Ctrl+N to the orders (a new order)."""
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

    def _on_context_changed(self, changes: Changes) -> None:
        """Kits changed (added, moved, checked, assigned): the register and the plan; a kit
        check that took stock changes shortages too (they follow the plan). Kit types: their
        list and the register's form data. Nothing else concerns this screen."""
        if changes.kits:
            self.register.refresh()
            self.plan.refresh()
        if changes.kit_types:
            self.types.refresh()
            self.register.load_form_data()

    def save_state(self) -> None:
        settings_keys.settings().setValue(settings_keys.KITS_TAB, self.tabs.currentIndex())
        self.register.save_state()
        self.plan.save_state()
        self.check.save_state()
        self.types.save_state()

    def stop_camera(self) -> None:
        self.check.stop_camera()

    # --- the shell's questions -----------------------------------------------------------
    def shown(self) -> None:
        self.refocus()

    def focus_on(self, request: str) -> None:
        """From the stuurbord: the plan on a bucket ("plan:achterstallig", "plan:deze_week")."""
        kind, _sep, bucket = request.partition(":")
        if kind != "plan" or bucket not in self.plan.bucket_buttons:
            return
        self.tabs.setCurrentWidget(self.plan)
        self.plan.search.clear()
        self.plan.set_bucket(bucket)
        self.plan.table.setFocus()

    def stop(self) -> None:
        self.stop_camera()

    def pending_work(self) -> str | None:
        return self.check.pending_work()

    def intercept(self, action_id: str) -> bool:
        """Ctrl+N on the Kittypes tab makes a new kit type, not a new order."""
        return action_id == "orders.new" and self.new_in_tab()

    def actions_offered(self) -> list[ActionDeclaration]:
        return [ActionDeclaration("kits.shortages", "stock", _("Tekorten EHBO-kits…"), "",
                                  self.open_shortages, needs_data=False)]

    def open_shortages(self) -> None:
        self.context.open_dialog(ShortagesDialog(self.context, self.window()))
