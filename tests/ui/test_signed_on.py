"""Who is signed on is held in one place, the core's service: the app's context reads it from there,
so a sign-on or a manager's take-over in the core is what every screen sees (no copy to forget)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_client.security import Operator, Role
from tests.fixtures.server import RunningServer
from tests.ui.test_manager_support import Harness, harnesses


@pytest.fixture
def harness_factory(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    yield from harnesses(qtbot, tmp_path)


def test_the_app_reads_who_is_signed_on_from_the_service(
    demo_server: RunningServer, harness_factory: Callable[..., Harness]
) -> None:
    harness = harness_factory(demo_server, Operator("anna", "Anna", Role.CASHIER))
    harness.core.operators.add(Operator("marek", "Marek", Role.MANAGER), "9999")
    assert harness.ctx.operator.operator_id == "anna" and harness.ctx.role is Role.CASHIER
    harness.core.service.take_over("marek", "9999")
    assert harness.ctx.operator.operator_id == "marek" and harness.ctx.role is Role.MANAGER
    harness.core.service.sign_off()
    assert harness.core.service.signed_on is None
