"""The three kinds of operation a widget can start, as Anki's ``aqt/operations``:

- ``WriteOp``: a write on the single database worker. On success it tells the whole app what
  changed (``context.changed``, one ``Changes``), then calls the widget's success callback.
- ``QueryOp``: a read on the same worker. Started with ``latest_only(key)``, a newer query of
  the same key makes the older one stale: it is dropped before it runs, or its answer is
  dropped when it already ran (search-as-you-type asks many times, only the last answer counts).
- ``RenderOp``: rendering a PDF, a calendar or a file from data already fetched. It runs on
  the render pool, never on the database worker, so a long report never holds up a scan.

Every operation reports failure on the GUI thread: to the widget's failure callback when it
gave one (the callback turns the error into a sentence with ``error_sentence``), otherwise
as a polite message box. No error is swallowed.

    ops.stock.record_pickup(context, ...).success(self._on_booked).failure(self._on_failed).run()
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _
from ui.ops.changes import booking_of, changes_of
from ui.ops.errors import error_sentence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.shell.context import AppContext

T = TypeVar("T")
Success = Callable[[T], None]
Failure = Callable[[BaseException], object]

_generation = itertools.count(1)
_latest: dict[Hashable, int] = {}


class _Op(Generic[T]):
    def __init__(self, context: AppContext, run: Callable[..., Any]) -> None:
        self.context = context
        self._run = run
        self._on_success: Success[T] | None = None
        self._on_failure: Failure | None = None
        self._parent: QWidget | None = None
        self._title = ""

    def success(self, callback: Success[T]) -> _Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Failure) -> _Op[T]:
        self._on_failure = callback
        return self

    def shown_on(self, parent: QWidget | None, title: str) -> _Op[T]:
        """Without a failure callback: the message box's parent and title."""
        self._parent, self._title = parent, title
        return self

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        if self._on_failure is not None:
            self._on_failure(error)
            return
        self.context.services.prompts.error(
            self._parent, self._title or _("CARMA Logistiek"), error_sentence(error)
        )


class WriteOp(_Op[T]):
    """A write: success first announces what changed, then calls the widget back."""

    def __init__(
        self, context: AppContext, run: Callable[[Any], T], *, also: Changes | None = None
    ) -> None:
        super().__init__(context, run)
        self._also = also or Changes()

    def success(self, callback: Success[T]) -> WriteOp[T]:
        super().success(callback)
        return self

    def failure(self, callback: Failure) -> WriteOp[T]:
        super().failure(callback)
        return self

    def run(self) -> None:
        self.context.runner.submit(self._run, self._done, self._failed)

    def _done(self, result: object) -> None:
        booking = booking_of(result)
        if booking is not None:
            self.context.notify_booked(booking)
        changes = changes_of(result) | self._also
        if changes:
            self.context.changed.emit(changes)
        if self._on_success is not None:
            self._on_success(result)  # type: ignore[arg-type]


class QueryOp(_Op[T]):
    """A read on the database worker; with ``latest_only`` an outdated answer is dropped."""

    def __init__(self, context: AppContext, run: Callable[[Any], T]) -> None:
        super().__init__(context, run)
        self._key: Hashable | None = None

    def success(self, callback: Success[T]) -> QueryOp[T]:
        super().success(callback)
        return self

    def failure(self, callback: Failure) -> QueryOp[T]:
        super().failure(callback)
        return self

    def latest_only(self, owner: object, name: str) -> QueryOp[T]:
        """Only the newest query of ``owner`` named ``name`` is answered."""
        self._key = (id(owner), name)
        return self

    def run(self) -> None:
        key = self._key
        if key is None:
            self.context.runner.submit(self._run, self._done, self._failed)
            return
        generation = _latest[key] = next(_generation)

        def stale() -> bool:
            return _latest.get(key) != generation

        def done(result: object) -> None:
            if not stale():
                self._done(result)

        def failed(error: object) -> None:
            if not stale():
                self._failed(error)

        self.context.runner.submit(self._run, done, failed, stale=stale)

    def _done(self, result: object) -> None:
        if self._on_success is not None:
            self._on_success(result)  # type: ignore[arg-type]


class RenderOp(_Op[T]):
    """Rendering (PDF, calendar, file) on the render pool, off the database worker."""

    def __init__(self, context: AppContext, run: Callable[[], T]) -> None:
        super().__init__(context, run)

    def success(self, callback: Success[T]) -> RenderOp[T]:
        super().success(callback)
        return self

    def failure(self, callback: Failure) -> RenderOp[T]:
        super().failure(callback)
        return self

    def run(self) -> None:
        self.context.renderer.submit(self._run, self._done, self._failed)

    def _done(self, result: object) -> None:
        if self._on_success is not None:
            self._on_success(result)  # type: ignore[arg-type]


D = TypeVar("D")


class DocumentOp(_Op[T]):
    """A document: its data read by a query on the database worker, then rendered on the
    render pool (a 20-page report never holds up the scans queued behind it)."""

    def __init__(
        self, context: AppContext, fetch: Callable[[Any], D], render: Callable[[D], T]
    ) -> None:
        super().__init__(context, fetch)
        self._render = render

    def success(self, callback: Success[T]) -> DocumentOp[T]:
        super().success(callback)
        return self

    def failure(self, callback: Failure) -> DocumentOp[T]:
        super().failure(callback)
        return self

    def run(self) -> None:
        QueryOp(self.context, self._run).success(self._fetched).failure(self._failed).run()

    def _fetched(self, data: Any) -> None:
        render = self._render
        RenderOp(self.context, lambda: render(data)).success(self._done).failure(
            self._failed
        ).run()

    def _done(self, result: object) -> None:
        if self._on_success is not None:
            self._on_success(result)  # type: ignore[arg-type]
