"""The outbox on a clock the test moves (shared by the store, replayer and batch-replayer tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from offline_queue.store import Outbox
from tests.offline_queue.helpers import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(tmp_path: Path, clock: FakeClock) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.db", clock=clock)
    yield box
    box.close()
