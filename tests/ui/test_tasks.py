"""TaskRunner: work off the GUI thread, callbacks on it, cancellation, expected errors vs bugs."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread, Signal
from pytestqt.qtbot import QtBot

from pos_client.api.errors import Refused
from ui.tasks import TaskRunner


@pytest.fixture
def crashes() -> list[BaseException]:
    return []


@pytest.fixture
def runner(qtbot: QtBot, crashes: list[BaseException]) -> Iterator[TaskRunner]:
    tasks = TaskRunner(crash_handler=crashes.append)
    yield tasks
    tasks.shutdown()


def test_fn_runs_on_a_worker_and_success_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker_is_gui"] = QThread.currentThread() is gui
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_is_gui"] = QThread.currentThread() is gui

    runner.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker_is_gui": False, "value": 42, "callback_is_gui": True}
    assert runner.active_count == 0


def test_expected_error_goes_to_on_failure_not_the_crash_handler(
    qtbot: QtBot, runner: TaskRunner, crashes: list[BaseException]
) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise Refused("BLOCKED", "card blocked")

    runner.run(work, lambda _: None, failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], Refused)
    assert crashes == []


def test_expected_error_without_on_failure_is_announced_in_words(
    qtbot: QtBot, runner: TaskRunner, crashes: list[BaseException]
) -> None:
    def work() -> None:
        raise Refused("INSUFFICIENT_FUNDS", "no money")

    with qtbot.waitSignal(runner.failed) as blocker:
        runner.run(work, lambda _: None)
    assert blocker.args == ["Not enough money on the card."]
    assert crashes == []


@pytest.mark.allow_log(r"^bug in background task ", logger="ui.tasks")
def test_a_bug_goes_to_the_crash_handler(
    qtbot: QtBot, runner: TaskRunner, crashes: list[BaseException]
) -> None:
    def work() -> None:
        raise KeyError("oops")

    runner.run(work, lambda _: None)
    qtbot.waitUntil(lambda: bool(crashes))
    assert isinstance(crashes[0], KeyError)


@pytest.mark.allow_log(r"^bug in the callback of ", logger="ui.tasks")
def test_a_bug_in_a_callback_goes_to_the_crash_handler(
    qtbot: QtBot, runner: TaskRunner, crashes: list[BaseException]
) -> None:
    def broken(_: int) -> None:
        raise ZeroDivisionError

    runner.run(lambda: 1, broken)
    qtbot.waitUntil(lambda: bool(crashes))
    assert isinstance(crashes[0], ZeroDivisionError)


def test_cancelled_task_delivers_nothing(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    delivered: list[object] = []
    task = runner.run(lambda: release.wait(10), delivered.append, delivered.append)
    task.cancel()
    release.set()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    assert task.cancelled
    assert delivered == []


def test_a_stuck_task_does_not_hold_up_the_next(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    stuck: list[object] = []
    runner.run(lambda: release.wait(10), stuck.append)
    done: list[int] = []
    runner.run(lambda: 7, done.append)
    qtbot.waitUntil(lambda: done == [7])
    assert stuck == [] and runner.active_count == 1
    release.set()
    assert runner.wait(10_000)
    qtbot.waitUntil(lambda: runner.active_count == 0)
    assert stuck == [True]


def test_tasks_beyond_the_threads_wait_their_turn(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    lock = threading.Lock()
    running = [0]
    most = [0]

    def task(i: int) -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(10)
        with lock:
            running[0] -= 1
        return i

    done: list[int] = []
    for i in range(6):  # more than the runner's 4 threads
        runner.run(lambda i=i: task(i), done.append)  # type: ignore[misc]
    qtbot.waitUntil(lambda: running[0] == 4)
    assert not runner.wait(0) and done == []
    release.set()
    qtbot.waitUntil(lambda: len(done) == 6)
    assert sorted(done) == list(range(6))
    assert most[0] == 4  # never more at once than the runner's threads


@pytest.mark.parametrize("fails", [False, True])
def test_a_result_for_an_object_deleted_meanwhile_is_dropped_also_through_a_nested_callback(
    qtbot: QtBot, runner: TaskRunner, crashes: list[BaseException], fails: bool
) -> None:
    """A screen's state object starts a look-up with callbacks defined inside its method (closures
    over ``self``), and is deleted before the answer comes (a manager takes over the till): the
    answer is dropped. Emitting on the deleted object raised "Signal source has been deleted" into
    the crash handler (seen once in CI, test_offline_truthful)."""

    class Screen(QObject):
        said = Signal(str)

        def look_up(self) -> None:
            def shown(value: str) -> None:
                self.said.emit(value)

            def failed(_exc: BaseException) -> None:
                self.said.emit("")

            runner.run(work, shown, failed)

    release = threading.Event()

    def work() -> str:
        release.wait(10)
        if fails:
            raise Refused("OFFLINE", "no server")
        return "answer"

    screen, alive = Screen(), Screen()
    heard: list[str] = []
    alive.said.connect(heard.append)
    screen.look_up()
    alive.look_up()  # the same kind of callbacks, for an object still there: its answer comes
    shiboken6.delete(screen)
    release.set()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    qtbot.wait(20)
    assert crashes == []
    assert heard == ["" if fails else "answer"]
