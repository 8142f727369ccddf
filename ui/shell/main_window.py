"""The main window: navigation rail, screens, menus with shortcuts, status bar. A thin frame:
it builds its rail and menus from the screens the features declare (ui/shell/screens.py) and
wires no refresh; each screen refreshes itself from what a write changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import _
from carma_logistiek.services.results import BookingResult
from ui.ops.errors import error_sentence
from ui.shell import settings_keys, theme
from ui.shell.context import AppContext
from ui.shell.screens import ActionDeclaration, Screen, ScreenDeclaration, declared_screens

BOOKED_VERBS = {
    MovementKind.DELIVERY: "Geleverd",
    MovementKind.PICKUP: "Afgehaald",
    MovementKind.CONSUMPTION: "Verbruikt",
    MovementKind.TRANSFER_OUT: "Overgeboekt",
    MovementKind.COUNT_CORRECTION: "Geteld",
    MovementKind.EXPIRY_WRITE_OFF: "Afgeboekt",
}
# The feature menus, in menu-bar order, after Bestand and Beeld.
MENUS = (("stock", "&Voorraad"), ("orders", "Be&stellingen"))


class MainWindow(QMainWindow):
    def __init__(
        self, context: AppContext, declarations: Sequence[ScreenDeclaration] | None = None
    ) -> None:
        super().__init__()
        self.context = context
        config = context.config
        title = _("CARMA Logistiek — {zone}", zone=config.zone_name)
        self.setWindowTitle(f"{title} — {_('DEMO')}" if config.demo else title)
        chosen = declarations if declarations is not None else declared_screens()
        self.declarations = [d for d in chosen if context.may(d.permission)]
        self.screens: dict[str, Screen] = {d.name: d.factory(context) for d in self.declarations}
        self.stack = QStackedWidget()
        self.loading = self._loading_page()
        self.stack.addWidget(self.loading)
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        self.rail = self._rail()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.data_actions: list[QAction] = []
        self._make_actions()
        self._make_status_bar()
        context.booked.connect(self._on_context_booked)
        context.camera_status.connect(self.camera_label.setText)
        context.navigate.connect(self.show_screen_named)
        context.masterdata_loaded.connect(self._on_context_masterdata_loaded)
        context.runner.database_opened.connect(self._on_runner_database_opened)
        context.runner.database_failed.connect(self._on_runner_database_failed)
        context.runner.progress.connect(self._on_runner_progress)
        self.resize(1280, 760)
        settings_keys.restore_geometry(settings_keys.MAIN_WINDOW_GEOMETRY, self)
        self.set_ready(False)

    def screen_named(self, name: str) -> Screen | None:
        return self.screens.get(name)

    # --- building ------------------------------------------------------------------------
    def _loading_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.loading_label = QLabel(_("Databank openen…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setWordWrap(True)
        self.loading_bar = QProgressBar()
        self.loading_bar.setRange(0, 0)
        self.loading_bar.setMaximumWidth(360)
        layout.addWidget(self.loading_label)
        layout.addWidget(self.loading_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _rail(self) -> QListWidget:
        rail = QListWidget()
        rail.setObjectName("navigationRail")
        rail.setViewMode(QListWidget.ViewMode.IconMode)
        rail.setMovement(QListWidget.Movement.Static)
        rail.setFlow(QListWidget.Flow.TopToBottom)
        rail.setIconSize(QSize(28, 28))
        rail.setGridSize(QSize(96, 68))
        rail.setFixedWidth(104)
        rail.setSpacing(2)
        for declaration in self.declarations:
            label = _(declaration.title)
            item = QListWidgetItem(declaration.icon(self), label)
            item.setToolTip(f"{label} ({declaration.shortcut})")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            rail.addItem(item)
        rail.currentRowChanged.connect(self._on_rail_current_row_changed)
        return rail

    def _action(self, menu: QMenu, text: str, shortcut: str, slot, icon: str | None = None,  # type: ignore[no-untyped-def]
                icon_of=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
        if icon:
            action.setIcon(theme.icon(self, icon))
        elif icon_of is not None:
            action.setIcon(icon_of)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _make_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Bestand"))
        self._action(file_menu, _("Afsluiten"), "Ctrl+Q", self.close, "quit")
        view = bar.addMenu(_("Beel&d"))
        for declaration in self.declarations:
            self._action(view, _(declaration.title), declaration.shortcut,
                         lambda name=declaration.name: self.show_screen_named(name),
                         declaration.name if declaration.menu_icon else None)
        view.addSeparator()
        self._action(view, _("Vernieuwen"), "Ctrl+R", self.refresh, "refresh")
        menus = {key: bar.addMenu(_(title)) for key, title in MENUS}
        for screen in self.screens.values():
            toolbar_actions: list[QAction] = []
            for offered in screen.actions_offered():
                menu = menus[offered.menu]
                if offered.separator_before:
                    menu.addSeparator()
                action = self._action(menu, offered.text, offered.shortcut,
                                      lambda o=offered: self._trigger(o), offered.icon)
                if offered.needs_data:
                    self.data_actions.append(action)
                if offered.toolbar:
                    toolbar_actions.append(action)
            if toolbar_actions:
                self._toolbar(screen, toolbar_actions)

    def _trigger(self, offered: ActionDeclaration) -> None:
        current = self.current_screen()
        if isinstance(current, Screen) and current.intercept(offered.id):
            return
        offered.slot()

    @staticmethod
    def _toolbar(screen: QWidget, actions: list[QAction]) -> None:
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(18, 18))
        for action in actions:
            toolbar.addAction(action)
        screen.layout().insertWidget(0, toolbar)  # type: ignore[attr-defined]

    def _make_status_bar(self) -> None:
        config = self.context.config
        self.database_label = QLabel()
        self.demo_label = QLabel(_(" DEMO "))
        self.demo_label.setStyleSheet(
            "background: #f9a825; color: #1a1a1a; font-weight: 700; border-radius: 3px;"
        )
        self.demo_label.setVisible(config.demo)
        self.user_label = QLabel(_("Gebruiker: {actor}", actor=config.actor))
        self.camera_label = QLabel(_("Camera: niet in gebruik"))
        self.last_booking_label = QLabel(_("Nog niets geboekt"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(80)
        self.busy_bar.setVisible(False)
        status = self.statusBar()
        status.addWidget(self.demo_label)
        status.addWidget(self.database_label)
        status.addWidget(self.last_booking_label, 1)
        status.addPermanentWidget(self.busy_bar)
        status.addPermanentWidget(self.user_label)
        status.addPermanentWidget(self.camera_label)
        self._set_database_text(_("Databank: wordt geopend…"))

    def _set_database_text(self, text: str) -> None:
        self.database_label.setText(text)
        self.database_label.setToolTip(self.context.config.database_url.split("@")[-1])

    # --- state ---------------------------------------------------------------------------
    def set_ready(self, ready: bool) -> None:
        self.rail.setEnabled(ready)
        for action in self.data_actions:
            action.setEnabled(ready)
        if not ready:
            self.stack.setCurrentWidget(self.loading)

    def show_screen(self, index: int) -> None:
        if self.rail.isEnabled():
            self.rail.setCurrentRow(index)

    def show_screen_named(self, name: str) -> None:
        names = [declaration.name for declaration in self.declarations]
        if name in names:
            self.show_screen(names.index(name))

    def current_screen(self) -> QWidget:
        return self.stack.currentWidget()

    def _on_rail_current_row_changed(self, row: int) -> None:
        screen = list(self.screens.values())[max(0, row)]
        self.stack.setCurrentWidget(screen)
        screen.shown()

    def _on_runner_progress(self, text: str) -> None:
        self.loading_label.setText(_(text))

    def _on_runner_database_opened(self, db: object) -> None:
        self._set_database_text(_("Databank: {name}", name=self.context.runner.description or "?"))
        self.loading_label.setText(_("Gegevens laden…"))
        self.context.runner.busy_changed.connect(self._on_busy_changed)
        self.context.renderer.busy_changed.connect(self._on_busy_changed)
        self.context.load_masterdata()

    def _on_busy_changed(self, _busy: bool) -> None:
        self.busy_bar.setVisible(self.context.runner.busy or self.context.renderer.busy)

    def _on_runner_database_failed(self, error: BaseException) -> None:
        text = error_sentence(error)
        self._set_database_text(_("Databank: niet geopend"))
        self.loading_bar.setVisible(False)
        self.loading_label.setText(text)
        self.context.services.prompts.error(self, _("Databank niet geopend"), text)

    def _on_context_masterdata_loaded(self) -> None:
        self.set_ready(True)
        value = settings_keys.settings().value(settings_keys.MAIN_WINDOW_SCREEN, 0)
        row = int(value or 0) if str(value).isdigit() else 0
        self.rail.setCurrentRow(row if row < self.rail.count() else 0)

    # --- actions -------------------------------------------------------------------------
    def refresh(self) -> None:
        for screen in self.screens.values():
            screen.refresh()

    @property
    def dialog(self) -> QWidget | None:
        """The dialog open now (opened through the context by any screen)."""
        return self.context.dialog

    def _on_context_booked(self, result: BookingResult) -> None:
        self.last_booking_label.setText(self.booking_text(result))

    def booking_text(self, result: BookingResult) -> str:
        verb = _(BOOKED_VERBS.get(result.kind, "Geboekt"))
        lines = [line for line in result.lines if line.quantity < 0] or list(result.lines)
        if not lines:
            return _("{verb}: geen verschil", verb=verb)
        total: dict[str, int] = {}
        for line in lines:
            total[line.product_name] = total.get(line.product_name, 0) + abs(line.quantity)
        location = self.context.location(lines[0].location_code)
        what = ", ".join(f"{qty} x {name}" for name, qty in total.items())
        return f"{verb}: {what} — {location.name if location else lines[0].location_code}"

    def closeEvent(self, event: QCloseEvent) -> None:
        settings_keys.save_geometry(settings_keys.MAIN_WINDOW_GEOMETRY, self)
        if self.rail.isEnabled():
            settings_keys.settings().setValue(
                settings_keys.MAIN_WINDOW_SCREEN, self.rail.currentRow()
            )
        for screen in self.screens.values():
            screen.save_state()
        for screen in self.screens.values():
            screen.stop()
        self.context.runner.stop()
        self.context.renderer.stop()
        super().closeEvent(event)
