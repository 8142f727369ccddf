"""The main window: navigation rail, screens, menus with shortcuts, status bar. A thin frame:
it builds its rail and menus from the screens the features declare (ui/shell/screens.py) and
wires no refresh; each screen refreshes itself from what a write changed.

Start-up: the frame (rail, menu bar, status bar, "Databank openen…") is painted first; right
after that first paint ``start`` lets the database open on the worker and builds the screen
that will be shown first while the worker works. The other screens are built once the first
data is on screen and the worker is idle (or at once when someone goes to them), so they do
not compete with the first screen's data for the interpreter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QMargins, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
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

from carma_logistiek.domain.access import Permission
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.results import BookingResult
from ui.ops.errors import error_sentence
from ui.shell import settings_keys, theme
from ui.shell.backups import BackupController
from ui.shell.context import AppContext
from ui.shell.first_start import FirstStartPanel, needs_first_start
from ui.shell.missing_database import offer_new_database
from ui.shell.screens import (
    ActionDeclaration,
    Screen,
    ScreenDeclaration,
    declared_screens,
    session_for,
)
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.sizing import USUAL_FRAME
from ui.widgets.table_export import export_list_on
from ui.widgets.table_view import EXPORT_SHORTCUT

BOOKED_VERBS = {
    MovementKind.DELIVERY: N_("Geleverd"),
    MovementKind.PICKUP: N_("Afgehaald"),
    MovementKind.CONSUMPTION: N_("Verbruikt"),
    MovementKind.TRANSFER_OUT: N_("Overgeboekt"),
    MovementKind.COUNT_CORRECTION: N_("Geteld"),
    MovementKind.EXPIRY_WRITE_OFF: N_("Afgeboekt"),
    MovementKind.REVERSAL: N_("Teruggedraaid"),
}
# The feature menus, in menu-bar order, after Bestand and Beeld.
MENUS = (("stock", N_("&Voorraad")), ("orders", N_("Be&stellingen")),
         ("masterdata", N_("Stam&gegevens")))


# The first window's size; a smaller screen gets its free area (first_geometry).
PREFERRED_SIZE = QSize(1280, 760)


def first_geometry(available: QRect, frame: QMargins) -> QRect:
    """The window's geometry (without the frame) on the first start: the preferred size, or
    less where the screen's free area is smaller, centred in it."""
    room = available.marginsRemoved(frame)
    width = min(PREFERRED_SIZE.width(), room.width())
    height = min(PREFERRED_SIZE.height(), room.height())
    left = room.left() + (room.width() - width) // 2
    top = room.top() + (room.height() - height) // 2
    return QRect(left, top, width, height)


class MainWindow(QMainWindow):
    started = Signal()  # the frame is on screen: open the database now

    def __init__(
        self, context: AppContext, declarations: Sequence[ScreenDeclaration] | None = None
    ) -> None:
        super().__init__()
        self.context = context
        config = context.config
        # "Zone — DEMO — CARMA Logistiek": the app's name once, here only (no application
        # display name is set, so Qt appends it to no title; see ui/shell/app.py).
        parts = [config.zone_name, _("DEMO")] if config.demo else [config.zone_name]
        self.setWindowTitle(" — ".join((*parts, settings_keys.APPLICATION)))
        chosen = declarations if declarations is not None else declared_screens()
        self._declared = list(chosen)  # every feature's screen; the actor's are in the rail
        self.declarations = [d for d in chosen if context.may(d.permission)]
        self.screens: dict[str, Screen] = {}  # built by start(), right after the first paint
        self._started = False
        self._opened_once = False
        self._reopening = False  # a restore closed the database; it opens again
        self.first_start: FirstStartPanel | None = None  # the welcome on an empty database
        self.stack = QStackedWidget()
        self.loading = self._loading_page()
        self.stack.addWidget(self.loading)
        self.rail = self._rail()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.data_actions: list[QAction] = []
        self.screen_actions: list[QAction] = []  # the screens' menu entries (made with them)
        self._awaiting_build = False  # the other screens are built once the worker is idle
        self.menus: dict[str, QMenu] = {}
        self.session = session_for(self)  # ui/signin: who signs in, the lock, the demo's role
        self._make_menus()
        self._make_status_bar()
        self.backups = self._backups()
        context.booked.connect(self._on_context_booked)
        context.camera_status.connect(self.camera_label.setText)
        context.navigate.connect(self.show_screen_named)
        context.masterdata_loaded.connect(self._on_context_masterdata_loaded)
        context.actor_changed.connect(self._on_context_actor_changed)
        context.runner.database_opened.connect(self._on_runner_database_opened)
        context.runner.database_failed.connect(self._on_runner_database_failed)
        context.runner.progress.connect(self._on_runner_progress)
        self.place_on_screen()
        self.set_ready(False)


    def place_on_screen(self, available: QRect | None = None) -> None:
        """The window as it was left, else (the first start) a size that fits the screen's
        free area (without task bar); a window left on a larger screen is brought back onto
        this one."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry()
        restored = settings_keys.restore_geometry(settings_keys.MAIN_WINDOW_GEOMETRY, self)
        if restored and (self.isMaximized() or available.contains(self.frameGeometry())):
            return
        self.setGeometry(first_geometry(available, self.frame_margins()))

    def frame_margins(self) -> QMargins:
        """The window manager's frame (title bar, borders); before the first show Qt does
        not know it yet, so a usual one is assumed."""
        frame, inner = self.frameGeometry(), self.geometry()
        if self.isVisible() and frame != inner:
            return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                            frame.right() - inner.right(), frame.bottom() - inner.bottom())
        return USUAL_FRAME

    # --- start-up ------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._started:
            QTimer.singleShot(0, self.start)  # the frame is painted: now the rest
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            QTimer.singleShot(100, self.start)  # in case no paint event comes (minimised)

    def start(self) -> None:
        """Open the database (``started``) and build the screens while it opens. Runs once;
        a window that is never shown (tests) calls it itself."""
        if self._started:
            return
        self._started = True
        self.started.emit()
        if self.declarations:
            self.screen_named(self.declarations[self._restored_row()].name)
        self.set_ready(False)

    def screen_named(self, name: str) -> Screen:
        """The screen called ``name``, built now if it was not yet."""
        built = self.screens.get(name)
        if built is not None:
            return built
        declaration = next(d for d in self.declarations if d.name == name)
        screen = declaration.factory(self.context)
        self.screens[name] = screen
        self.stack.addWidget(screen)
        self._add_screen_actions(screen)
        return screen

    def _build_remaining_screens(self) -> None:
        """One screen per turn of the event loop, so answers keep flowing in between."""
        waiting = [d.name for d in self.declarations if d.name not in self.screens]
        if waiting:
            self.screen_named(waiting[0])
            # With the window as context: a closed window's timer never fires.
            QTimer.singleShot(0, self, self._build_remaining_screens)

    def _on_runner_busy_changed_build(self, busy: bool) -> None:
        if not busy and self.context.masterdata_ready:
            self.context.runner.busy_changed.disconnect(self._on_runner_busy_changed_build)
            self._awaiting_build = False
            # Two turns of the event loop: the answer that made the worker idle is shown (and
            # painted) first.
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self,
                                                                self._build_remaining_screens))

    def _restored_row(self) -> int:
        """The screen left at the last close (saved by name), else the first (the stuurbord).
        A number was saved before the stuurbord came first in the rail: it counted from
        Voorraad, so it still means the screen it meant."""
        names = [declaration.name for declaration in self.declarations]
        value = str(settings_keys.settings().value(settings_keys.MAIN_WINDOW_SCREEN, "") or "")
        if value.isdigit():
            row = int(value) + (1 if names[:1] == ["dashboard"] else 0)
            value = names[row] if row < len(names) else ""
        return names.index(value) if value in names else 0

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
        rail.setSpacing(2)
        self._fill_rail(rail)
        rail.currentRowChanged.connect(self._on_rail_current_row_changed)
        return rail

    def _fill_rail(self, rail: QListWidget) -> None:
        labels = [_(declaration.title) for declaration in self.declarations]
        for declaration, label in zip(self.declarations, labels, strict=True):
            item = QListWidgetItem(declaration.icon(self), label)
            item.setToolTip(f"{label} ({declaration.shortcut})")
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            rail.addItem(item)
        # As wide as the longest title needs ("Consumption", "Stamgegevens"), never narrower
        # than the rail always was.
        widest = max((rail.fontMetrics().horizontalAdvance(label) for label in labels),
                     default=0)
        cell = max(96, widest + 16)
        rail.setGridSize(QSize(cell, 68))
        rail.setFixedWidth(cell + 8)

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

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Bestand"))
        # The backups' entries; BackupController (made with the status bar) says which apply.
        self.backup_actions = (
            self._action(file_menu, _("Back-up maken"), "Ctrl+Shift+B",
                         lambda: self.backups.take_now()),
            self._action(file_menu, _("Back-up terugzetten…"), "",
                         lambda: self.backups.ask_restore()),
        )
        file_menu.addSeparator()
        # Ctrl+I is the stock screen's product detail: the import takes Ctrl+Shift+I.
        self.import_action = self._action(file_menu, _("Importeren…"), "Ctrl+Shift+I",
                                          self.open_import)
        self.data_actions.append(self.import_action)
        # The current screen's list as shown (the table with focus, else its first table).
        self.export_action = self._action(
            file_menu, _("Lijst exporteren…"), EXPORT_SHORTCUT,
            lambda: export_list_on(self.context, self.current_screen()))
        file_menu.addSeparator()
        self.session.add_actions(file_menu, self._action)  # Vergrendelen, Afmelden…
        self._action(file_menu, _("Afsluiten"), "Ctrl+Q", self.close, "quit")
        self.view_menu = bar.addMenu(_("Beel&d"))
        self.view_actions: list[QAction] = []
        self.view_separator = self.view_menu.addSeparator()
        self._action(self.view_menu, _("Vernieuwen"), "Ctrl+R", self.refresh, "refresh")
        self._fill_view_menu()
        self._apply_permissions()
        # The feature menus exist from the first paint; their entries come with the screens.
        self.menus = {key: bar.addMenu(_(title)) for key, title in MENUS}

    def _fill_view_menu(self) -> None:
        """Beeld: one entry per screen of the rail, above Vernieuwen."""
        for action in self.view_actions:
            self.view_menu.removeAction(action)
            action.deleteLater()
        self.view_actions = []
        for declaration in self.declarations:
            action = self._action(self.view_menu, _(declaration.title), declaration.shortcut,
                                  lambda name=declaration.name: self.show_screen_named(name),
                                  declaration.name if declaration.menu_icon else None)
            self.view_menu.removeAction(action)
            self.view_menu.insertAction(self.view_separator, action)
            self.view_actions.append(action)

    def _apply_permissions(self) -> None:
        """Bestand's entries the actor may not use are not shown (a restore replaces the
        whole database: the admin's; an import fills the master data)."""
        self.import_action.setVisible(self.context.may(Permission.MASTERDATA_EDIT))
        for action in self.backup_actions:
            action.setVisible(self.context.may(Permission.ADMIN))

    def _on_context_actor_changed(self, _actor: object) -> None:
        """Someone signed in or out (or, in the demo, took another role): the rail, the Beeld
        menu and every screen are made again for what this actor may do (a screen decides at
        its start what it offers); the data is read again, in the actor's zone."""
        self.set_ready(False)
        for screen in self.screens.values():
            screen.stop()
            self.stack.removeWidget(screen)
            screen.deleteLater()
        self.screens.clear()
        for action in self.screen_actions:
            if action in self.data_actions:
                self.data_actions.remove(action)
            action.deleteLater()
        self.screen_actions.clear()
        for menu in self.menus.values():
            menu.clear()
        self.declarations = [d for d in self._declared if self.context.may(d.permission)]
        self.rail.blockSignals(True)
        self.rail.clear()
        self._fill_rail(self.rail)
        self.rail.blockSignals(False)
        self._fill_view_menu()
        self._apply_permissions()
        self.context.masterdata_ready = False
        if self._opened_once and not self._awaiting_build:
            self._awaiting_build = True
            self.context.runner.busy_changed.connect(self._on_runner_busy_changed_build)
        if self._started and self.declarations:
            self.screen_named(self.declarations[self._restored_row()].name)

    def _add_screen_actions(self, screen: Screen) -> None:
        toolbar_actions: list[QAction] = []
        for offered in screen.actions_offered():
            if offered.permission is not None and not self.context.may(offered.permission):
                continue  # not for this actor: not shown
            menu = self.menus[offered.menu]
            if offered.separator_before:
                menu.addSeparator()
            action = self._action(menu, offered.text, offered.shortcut,
                                  lambda o=offered: self._trigger(o), offered.icon)
            action.setEnabled(self.rail.isEnabled() or not offered.needs_data)
            self.screen_actions.append(action)
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
        layout = screen.layout()
        assert isinstance(layout, QBoxLayout)  # every screen has a vertical box layout
        layout.insertWidget(0, toolbar)

    def _make_status_bar(self) -> None:
        config = self.context.config
        # Labels that give way (ElidedLabel), so a long database path or booking text never
        # makes the window wider than the screen.
        self.database_label = ElidedLabel()
        self.demo_label = QLabel(_(" DEMO "))
        self.demo_label.setStyleSheet(
            "background: #f9a825; color: #1a1a1a; font-weight: 700; border-radius: 3px;"
        )
        self.demo_label.setVisible(config.demo)
        self.user_label = ElidedLabel(_("Gebruiker: {actor}", actor=config.actor))
        self.camera_label = ElidedLabel(_("Camera: niet in gebruik"))
        self.last_booking_label = ElidedLabel(_("Nog niets geboekt"))
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
        self.session.add_status_widgets(status)  # the demo's role choice
        status.addPermanentWidget(self.camera_label)
        self._set_database_text(_("Databank: wordt geopend…"))

    def _backups(self) -> BackupController:
        """The schedule, the two Bestand entries and their text in the status bar."""
        label = ElidedLabel()
        self.statusBar().addPermanentWidget(label)
        take, restore = self.backup_actions
        self.data_actions.append(take)  # a backup needs the database open; a restore does not
        return BackupController(self.context, self, label, take, restore,
                                on_closing=lambda: self._closing_for_restore())

    def _closing_for_restore(self) -> None:
        self._reopening = True
        self.set_ready(False)
        self.loading_bar.setVisible(True)
        self.loading_label.setText(_("Back-up terugzetten…"))
        self._set_database_text(_("Databank: wordt teruggezet…"))

    def _set_database_text(self, text: str) -> None:
        self.database_label.setText(text)
        self.database_label.setToolTip(self.context.config.database_url.split("@")[-1])

    # --- state ---------------------------------------------------------------------------
    def open_import(self, kind: str | None = None) -> None:
        """Bestand > Importeren…: the import dialog (ui/imports), window-modal."""
        from ui.imports.dialog import ImportDialog

        shown = getattr(self, "import_dialog", None)
        if shown is not None and shown.isVisible():
            shown.raise_()
            return
        self.import_dialog = ImportDialog(self.context, self, kind=kind)
        self.import_dialog.open()

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
        """``name``, or "name#request" (a card of the stuurbord, ui/shell/cards.py): then the
        screen's ``focus_on(request)`` once it is shown."""
        name, _sep, request = name.partition("#")
        names = [declaration.name for declaration in self.declarations]
        if name in names and self.rail.isEnabled():
            self.show_screen(names.index(name))
            if request:
                self.screen_named(name).focus_on(request)

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _on_rail_current_row_changed(self, row: int) -> None:
        screen = self.screen_named(self.declarations[max(0, row)].name)
        self.stack.setCurrentWidget(screen)
        screen.shown()

    def _on_runner_progress(self, text: str) -> None:
        self.loading_label.setText(_(text))

    def _on_runner_database_opened(self, db: object) -> None:
        self._set_database_text(_("Databank: {name}", name=self.context.runner.description or "?"))
        self.loading_label.setText(_("Gegevens laden…"))
        if not self._opened_once:
            self._opened_once = True
            self.context.runner.busy_changed.connect(self._on_busy_changed)
            self.context.runner.busy_changed.connect(self._on_runner_busy_changed_build)
            self._awaiting_build = True
            self.context.renderer.busy_changed.connect(self._on_busy_changed)
        # Someone signs in first (ui/signin), then the data is read for them.
        self.session.database_opened(self.context.load_masterdata)

    def _on_busy_changed(self, _busy: bool) -> None:
        self.busy_bar.setVisible(self.context.runner.busy or self.context.renderer.busy)

    def _on_runner_database_failed(self, error: BaseException) -> None:
        text = error_sentence(error)
        self._set_database_text(_("Databank: niet geopend"))
        self.set_ready(False)
        self.loading_bar.setVisible(False)
        self.loading_label.setText(text)
        # A damaged (or foreign, or newer) file: the way out is a backup, offered at once.
        if not self.backups.offer_restore(error) and not offer_new_database(self, error):
            self.context.services.prompts.error(self, _("Databank niet geopend"), text)

    def _on_context_masterdata_loaded(self) -> None:
        reopened, self._reopening = self._reopening, False
        row = self.rail.currentRow() if reopened and self.rail.currentRow() >= 0 else (
            self._restored_row())
        self.set_ready(True)
        self.rail.setCurrentRow(row)
        if reopened:  # another database file: every screen reads everything again
            self._on_rail_current_row_changed(row)
            self.refresh()
        # An empty real database: say what to do, not a blank (to whom may fill it).
        if self.context.may(Permission.MASTERDATA_EDIT) and needs_first_start(self):
            self.first_start = self.first_start or FirstStartPanel(self)
            self.first_start.show_in_window()
        self.backups.start()

    # --- actions -------------------------------------------------------------------------
    def refresh(self) -> None:
        for screen in list(self.screens.values()):
            screen.refresh()

    @property
    def dialog(self) -> QWidget | None:
        """The dialog open now (opened through the context by any screen)."""
        return self.context.dialog

    def _on_context_booked(self, result: BookingResult) -> None:
        self.last_booking_label.setText(self.booking_text(result))

    def booking_text(self, result: BookingResult) -> str:
        verb = _(BOOKED_VERBS.get(result.kind, N_("Geboekt")))
        lines = [line for line in result.lines if line.quantity < 0] or list(result.lines)
        if not lines:
            return _("{verb}: geen verschil", verb=verb)
        if result.kind is MovementKind.COUNT_CORRECTION:
            return self.count_text(verb, result)
        total: dict[str, int] = {}
        for line in lines:
            total[line.product_name] = total.get(line.product_name, 0) + abs(line.quantity)
        location = self.context.location(lines[0].location_code)
        what = ", ".join(f"{qty} x {name}" for name, qty in total.items())
        return f"{verb}: {what} — {location.name if location else lines[0].location_code}"

    def count_text(self, verb: str, result: BookingResult) -> str:
        """What was counted (the level now), and the difference apart: "Geteld: 0 x
        Speekseltest (verschil -23)", not the difference as if it were the count."""
        what = ", ".join(
            _("{counted} x {product} (verschil {difference:+d})", counted=line.level_after,
              product=line.product_name, difference=line.quantity)
            for line in result.lines)
        location = self.context.location(result.lines[0].location_code)
        return f"{verb}: {what} — {location.name if location else result.lines[0].location_code}"

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_close():
            event.ignore()
            return
        settings_keys.save_geometry(settings_keys.MAIN_WINDOW_GEOMETRY, self)
        if self.rail.isEnabled() and self.declarations:
            settings_keys.settings().setValue(
                settings_keys.MAIN_WINDOW_SCREEN,
                self.declarations[max(0, self.rail.currentRow())].name,
            )
        for screen in self.screens.values():
            screen.save_state()
        for screen in self.screens.values():
            screen.stop()
        self.context.runner.stop()
        self.context.renderer.stop()
        super().closeEvent(event)

    def may_close(self) -> bool:
        """Work a screen says is not booked yet (a scan basket, a count) is thrown away only
        when the clerk says so; "Verder werken", the default, keeps the window open."""
        pending = [text for screen in self.screens.values() if (text := screen.pending_work())]
        if not pending:
            return True
        text = "\n".join(pending) + "\n\n" + _("Wat niet geboekt is, gaat verloren als u "
                                                  "nu afsluit.")
        return self.context.services.prompts.confirm(
            self, _("Niet geboekt werk"), text, _("Weggooien en afsluiten"), _("Verder werken"),
            destructive=True)
