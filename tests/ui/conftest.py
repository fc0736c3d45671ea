"""Fixtures of the app tests (the harness itself is in ``tests/ui/app_harness.py``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.app_harness import apps
from ui.app import App


@pytest.fixture
def app_for(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """A factory of started apps for a reference server, each shut down at the end of the test."""
    yield from apps(qtbot, tmp_path)
