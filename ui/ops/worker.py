"""Runs service calls off the GUI thread, one at a time, and hands the results back.

All database work goes through the one ``DbWorker`` thread (as in Anki), so two calls never
race each other and the GUI thread never waits on the database. Widgets do not use it
directly: they start an operation from ui/ops (a ``WriteOp`` or ``QueryOp``), which submits
``function(db)`` here; the callbacks run on the GUI thread.
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from carma_logistiek.config import AppConfig

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


SKIPPED = object()  # a job whose answer nobody wants any more (a newer query replaced it)


@dataclass
class _Job:
    job_id: int
    function: Callable[..., Any]
    needs_db: bool = True
    # Asked on the worker just before the job runs: True drops it unrun.
    stale: Callable[[], bool] | None = field(default=None)


class _WorkerThread(QThread):
    """Takes jobs from a queue and runs them in order; ``None`` ends the thread."""

    job_finished = Signal(int, object, object)  # job id, result, exception
    progress = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.db: Any = None
        # Who the jobs read for (DbWorker.bind_actor); None: the system (before sign-in).
        self.actor: Any = None

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            try:
                if job.stale is not None and job.stale():
                    result = SKIPPED
                elif job.needs_db:
                    if self.db is None:
                        raise RuntimeError("database not open")
                    db = self.db if self.actor is None else self.db.as_actor(self.actor)
                    result = job.function(db)
                else:
                    result = job.function()
                self.job_finished.emit(job.job_id, result, None)
            except BaseException as error:  # handed to the caller's on_error, never lost
                self.job_finished.emit(job.job_id, None, error)
        if self.db is not None:
            self.db.dispose()


class DbWorker(QObject):
    """The GUI-side handle on the worker thread."""

    database_opened = Signal(object)  # the Database
    database_failed = Signal(object)  # the exception
    reopened = Signal(object)  # what reopen's ``between`` answered, or the error it raised
    progress = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = _WorkerThread()
        self._thread.job_finished.connect(self._on_thread_job_finished)
        self._thread.progress.connect(self.progress)
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self.description = ""
        self.is_open = False
        self._opening: tuple[AppConfig, Callable[..., Any]] | None = None
        self._thread.start()

    # --- opening -------------------------------------------------------------------------
    def open(self, config: AppConfig, opener: Callable[..., Any]) -> None:
        """Open (migrate, maybe fill) the database on the worker; emits database_opened."""
        self._opening = (config, opener)

        def job() -> Any:
            db = opener(config, self._thread.progress.emit)
            self._thread.db = db
            return db

        self._submit(
            _Job(next(self._ids), lambda: job(), needs_db=False),
            self._on_opened,
            self.database_failed.emit,
        )

    def reopen(self, between: Callable[[], object]) -> int:
        """Close the database, run ``between`` (a restore puts another file in place) and open
        it again as ``open`` did, in that order on the worker, after every job queued before. ``between``'s
        answer or error comes with the ``reopened`` signal; the database is
        opened again either way (a refused restore leaves the old file, which opens as
        before), and ``database_opened`` or ``database_failed`` says how that went."""
        self.is_open = False
        outcome: list[object] = []  # between's answer or error, set on the worker

        def job() -> Any:
            if self._thread.db is not None:
                self._thread.db.dispose()
                self._thread.db = None
            try:
                outcome.append(between())
            except Exception as error:  # handed back after the database is open again
                outcome.append(error)
            assert self._opening is not None, "reopen after open"
            config, opener = self._opening
            self._thread.db = opener(config, self._thread.progress.emit)
            return self._thread.db

        def opened(db: Any) -> None:
            self._on_opened(db)
            self.reopened.emit(outcome[0])

        def failed(error: BaseException) -> None:
            self.reopened.emit(outcome[0] if outcome else error)
            self.database_failed.emit(error)

        return self._submit(_Job(next(self._ids), job, needs_db=False), opened, failed)

    def _on_opened(self, db: Any) -> None:
        self.is_open = True
        self.description = getattr(db, "description", "")
        self.database_opened.emit(db)

    def bind_actor(self, actor: Any) -> None:
        """Every job queued from now on gets ``db.as_actor(actor)``, so each read checks its
        permission against the signed-in person (and works in their zone); None: the
        system, before anyone signed in. A job, so the jobs queued before still run as
        they were asked."""

        def job() -> None:
            self._thread.actor = actor

        self._submit(_Job(next(self._ids), job, needs_db=False), None, None)

    # --- calls ---------------------------------------------------------------------------
    def submit(
        self,
        function: Callable[[Any], object],
        on_done: Done,
        on_error: Failed,
        *,
        stale: Callable[[], bool] | None = None,
    ) -> int:
        """Run ``function(db)`` on the worker; the callbacks run on the GUI thread. ``stale``
        is asked on the worker right before: when it says True the job is dropped unrun and
        neither callback is called."""
        return self._submit(_Job(next(self._ids), function, stale=stale), on_done, on_error)

    def _submit(self, job: _Job, on_done: Done | None, on_error: Failed | None) -> int:
        self._callbacks[job.job_id] = (on_done, on_error)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        self._thread.jobs.put(job)
        return job.job_id

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def _on_thread_job_finished(self, job_id: int, result: object, error: object) -> None:
        on_done, on_error = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        if result is SKIPPED:
            return
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)  # type: ignore[arg-type]
        else:
            # Nobody asked: an unexpected error goes to the excepthook (log + polite dialog).
            import sys

            assert isinstance(error, BaseException)
            sys.excepthook(type(error), error, error.__traceback__)

    def stop(self) -> None:
        """Finish queued jobs, close the database and end the thread."""
        if self._thread.isRunning():
            self._thread.jobs.put(None)
            self._thread.wait(10_000)
