"""Background work for the app: run a core call on a worker thread, get its result on the GUI thread.

Feature code reads as one line per operation (Anki's ``QueryOp`` pattern)::

    ctx.tasks.run(lambda: service.balance(number), self._show_card, self._show_error)

- ``fn`` runs on one of the runner's worker threads (or on a given
  :class:`~PySide6.QtCore.QThreadPool`), never on the GUI thread.
- ``on_success(result)`` and ``on_failure(exc)`` are called on the GUI thread, through a queued signal
  of the :class:`TaskRunner` (which lives on the GUI thread).
- A :class:`Task` can be cancelled: the worker cannot be interrupted (the core call ends by its own
  timeout), but its result is dropped and no callback runs. That is how the cashier "cancels a wait".
  A result for a Qt object deleted meanwhile (a screen closed; its callbacks are its methods, or
  functions defined inside them) is dropped the same way.
- Errors: with ``on_failure`` given, it receives every exception (so a screen can always leave its busy
  state; :func:`ui.errors.describe_error` has words for each). An unexpected exception (a bug, see
  :func:`ui.errors.is_expected`) is also logged with its traceback and handed to the crash handler.
  Without ``on_failure``, expected errors are announced with :attr:`TaskRunner.failed` (the app shows
  them in its message area) and bugs go to the crash handler only.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ui.errors import describe_error, is_expected

log = logging.getLogger(__name__)
T = TypeVar("T")

CrashHandler = Callable[[BaseException], None]


def _default_crash_handler(exc: BaseException) -> None:
    """Hand a bug to ``sys.excepthook`` (the app installs the crash dialog there)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


class Task(Generic[T]):
    """One piece of background work; returned by :meth:`TaskRunner.run`.

    Attributes:
        task_id: a number unique within the runner (for logs).
        description: what the task does, for logs ("" when not given).
    """

    def __init__(
        self,
        task_id: int,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None,
        description: str = "",
    ) -> None:
        self.task_id = task_id
        self.description = description
        self.fn = fn
        self.on_success = on_success
        self.on_failure = on_failure
        self._cancelled = False
        self._done = False

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called (before the result came back)."""
        return self._cancelled

    @property
    def done(self) -> bool:
        """True once the result was delivered (or dropped because cancelled)."""
        return self._done

    def cancel(self) -> None:
        """Drop the result: no callback will run. The worker finishes on its own (core timeouts)."""
        if not self._done:
            self._cancelled = True

    def __repr__(self) -> str:
        state = "cancelled" if self._cancelled else "done" if self._done else "running"
        return f"<Task {self.task_id} {self.description or ''} {state}>"


def _receiver_gone(callback: Callable[..., Any] | None) -> bool:
    """True when ``callback`` belongs to a Qt object that no longer exists (a closed screen): it is a
    method of that object, or a function defined inside one of its methods (closing over ``self``)."""
    owners = [getattr(callback, "__self__", None)]
    code, cells = getattr(callback, "__code__", None), getattr(callback, "__closure__", None)
    if code is not None and cells and "self" in code.co_freevars:
        with contextlib.suppress(ValueError):  # ValueError: a cell not yet filled
            owners.append(cells[code.co_freevars.index("self")].cell_contents)
    return any(isinstance(owner, QObject) and not shiboken6.isValid(owner) for owner in owners)


def _execute(runner: TaskRunner, task: Task[Any]) -> None:  # worker thread
    """Run one task's function and report back through the runner's queued signal."""
    try:
        result: Any = task.fn()
        exc: BaseException | None = None
    except BaseException as error:  # noqa: BLE001 - delivered to the GUI thread, never lost
        result, exc = None, error
    try:
        runner._finished.emit(task, result, exc)
    except RuntimeError:  # the runner was deleted: the app shut down while this call still ran
        log.debug("%r finished after the app shut down; its result is dropped", task)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work

    def run(self) -> None:  # worker thread
        self._work()


class _QtPool:
    """A given :class:`~PySide6.QtCore.QThreadPool` behind the interface of :class:`_Threads`."""

    def __init__(self, pool: QThreadPool) -> None:
        self._pool = pool

    def submit(self, work: Callable[[], None]) -> None:
        self._pool.start(_Runnable(work))

    def wait(self, msecs: int) -> bool:
        return bool(self._pool.waitForDone(msecs))

    def close(self) -> None:
        """Nothing to do: the pool belongs to whoever passed it."""


class _Threads:
    """Up to ``size`` long-lived daemon threads that take work from one queue.

    Used instead of a :class:`~PySide6.QtCore.QThreadPool` by default: handing a task to a thread
    blocked in ``SimpleQueue.get`` costs ~0.02 ms on the GUI thread and the task runs ~0.05 ms later,
    against ~0.09 ms and ~0.2 ms for ``QThreadPool.start`` of a Python ``QRunnable`` (measured; in
    the app ``start`` took ~0.7 ms per look-up). A thread is added only when none is idle, so a task
    stuck on a hung server never holds up the next one.
    """

    def __init__(self, size: int, name: str) -> None:
        self._size = size
        self._name = name
        self._queue: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._lock = threading.Condition()
        self._threads = 0
        self._idle = 0
        self._pending = 0  # submitted and not finished

    def submit(self, work: Callable[[], None]) -> None:
        with self._lock:
            self._pending += 1
            start = self._idle <= 0 and self._threads < self._size
            if start:
                self._threads += 1
                name = f"{self._name} {self._threads}"
            else:
                # An idle thread takes it, or (all busy: ``_idle`` goes below 0) the next one to finish.
                self._idle -= 1
        self._queue.put(work)
        if start:
            threading.Thread(target=self._loop, name=name, daemon=True).start()

    def _loop(self) -> None:  # worker thread
        while True:
            work = self._queue.get()
            if work is None:
                return
            try:
                work()
            finally:
                with self._lock:
                    self._pending -= 1
                    self._idle += 1
                    self._lock.notify_all()

    def wait(self, msecs: int) -> bool:
        deadline = None if msecs < 0 else time.monotonic() + msecs / 1000
        with self._lock:
            while self._pending:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def close(self) -> None:
        """Let the idle threads end (busy ones end after their task)."""
        with self._lock:
            threads, self._threads = self._threads, 0
        for _ in range(threads):
            self._queue.put(None)


class TaskRunner(QObject):
    """Runs core calls off the GUI thread and delivers their outcome on it.

    Create it on the GUI thread (the composition root does). Call :meth:`shutdown` before the app
    quits so no worker reports to a deleted object.

    Args:
        pool: a Qt thread pool to run on (e.g. a one-thread pool that owns a device); default: the
            runner's own threads, up to 4 (so a hung server cannot starve Qt's global pool).
        crash_handler: called on the GUI thread with a bug's exception (default: ``sys.excepthook``).
        parent: Qt parent.

    Signals:
        failed(str): an expected error of a task without ``on_failure``, in plain words.
        busy_changed(int): the number of tasks still running changed.
    """

    failed = Signal(str)
    busy_changed = Signal(int)
    _finished = Signal(object, object, object)  # task, result, exception

    def __init__(
        self,
        pool: QThreadPool | None = None,
        crash_handler: CrashHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = _Threads(4, "task") if pool is None else _QtPool(pool)
        self._crash_handler = crash_handler or _default_crash_handler
        self._ids = itertools.count(1)
        self._running: set[Task[Any]] = set()
        self._closed = False
        self._finished.connect(self._deliver)

    @property
    def active_count(self) -> int:
        """Tasks started and not yet delivered (cancelled ones included until their worker ends)."""
        return len(self._running)

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        description: str = "",
    ) -> Task[T]:
        """Start ``fn`` on a worker thread.

        Args:
            fn: the work; must not touch widgets.
            on_success: called with ``fn``'s result on the GUI thread.
            on_failure: called with the exception on the GUI thread (see the module doc).
            description: for logs.

        Returns:
            The task (cancel it to drop its result).
        """
        task: Task[T] = Task(next(self._ids), fn, on_success, on_failure, description)
        if self._closed:
            log.warning("task %s started after shutdown; dropped", description)
            task.cancel()
            return task
        self._running.add(task)
        self.busy_changed.emit(len(self._running))
        self._workers.submit(lambda: _execute(self, task))
        return task

    def cancel_all(self) -> None:
        """Cancel every running task."""
        for task in list(self._running):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every worker has ended (for shutdown and tests); True if all ended."""
        return self._workers.wait(msecs)

    def shutdown(self, msecs: int = 5000) -> None:
        """Cancel everything, refuse new tasks and wait up to ``msecs`` for the workers."""
        self._closed = True
        self.cancel_all()
        if not self.wait(msecs):
            log.warning("%d background task(s) still running at shutdown", len(self._running))
        self._workers.close()

    @Slot(object, object, object)
    def _deliver(self, task: Task[Any], result: Any, exc: BaseException | None) -> None:
        self._running.discard(task)
        self.busy_changed.emit(len(self._running))
        if task.cancelled:
            log.debug("result of cancelled %r dropped", task)
            task._done = True
            return
        task._done = True
        if _receiver_gone(task.on_success) or _receiver_gone(task.on_failure):
            log.debug("result of %r dropped: its widget was deleted", task)
            return
        if exc is None:
            self._call(task, lambda: task.on_success(result))
            return
        self._fail(task, exc)

    def _fail(self, task: Task[Any], exc: BaseException) -> None:
        expected = is_expected(exc)
        if not expected:
            log.error("bug in background task %r", task, exc_info=(type(exc), exc, exc.__traceback__))
        if task.on_failure is not None:
            failure = task.on_failure
            self._call(task, lambda: failure(exc))
        elif expected:
            log.info("task %r failed: %s", task, type(exc).__name__)
            self.failed.emit(describe_error(exc))
        if not expected:
            self._crash_handler(exc)

    def _call(self, task: Task[Any], callback: Callable[[], None]) -> None:
        """Run a callback; a bug in it goes to the crash handler (it must not kill the event loop)."""
        try:
            callback()
        except Exception as exc:
            log.error("bug in the callback of %r", task, exc_info=True)
            self._crash_handler(exc)
