"""Several worker processes on one listening socket (``loyalty-pos server --workers N``).

The socket is bound once by the parent; each worker is a ``fork`` of it that serves that socket with
its own event loop and its own database connections (the kernel spreads new connections over the
workers). Nothing of a worker is shared with another but the database, so this needs an engine that
takes writers from several processes: PostgreSQL (``__main__`` refuses it on SQLite). The parent
only supervises: it passes SIGTERM / SIGINT on to the workers and waits for them; when a worker
dies, the others are stopped too, so a supervisor (systemd, a container) sees the server stop and
starts it again rather than running on with fewer workers than asked.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType


def run_workers(count: int, serve: Callable[[int], None]) -> int:
    """Fork ``count`` workers, each running ``serve(index)``; the exit status of the first to end."""
    children: list[int] = []
    for index in range(count):
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                serve(index)
            except BaseException:  # noqa: BLE001 - a worker must never return into the parent's loop
                code = 1
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children.append(pid)

    def stop(signum: int, _frame: FrameType | None) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    first_status: int | None = None
    alive = set(children)
    while alive:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        alive.discard(pid)
        if first_status is None:
            first_status = os.waitstatus_to_exitcode(status)
            stop(signal.SIGTERM, None)  # one worker gone: stop the rest (see the module's docstring)
    return max(0, first_status or 0)
