"""The technician pairs the till on the shown Server screen, against the real reference server: an
admin makes a pairing code over the admin API; a wrong code, a used code and a till with an open
payment are refused in plain words; the right code stores the new server, group and POS token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_client.config import load
from pos_client.secrets import SecretError, load_token
from pos_client.terminal_identity import OPEN_HOLD_FILE
from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.admin.helpers import Admin
from tests.ui.test_manager_support import TECHNICIAN, harnesses, show
from ui.screens.technician_server import ServerCheckScreen

pytestmark = pytest.mark.ui
WAIT = 15_000  # ms; only reached when a test fails


@pytest.fixture
def harness_factory(qtbot: QtBot, tmp_path: Path) -> Iterator[Any]:
    yield from harnesses(qtbot, tmp_path)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("ui-pairing"))
    yield s
    stop_server(s)


def _pair(qtbot: QtBot, screen: Any, code: str) -> str:
    screen.pair_code.clear()
    qtbot.keyClicks(screen.pair_code, code)
    qtbot.keyClick(screen.pair_code, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            screen.pair_button.isEnabled() and screen.pair_message.property("level") in ("error", "warning")
        ),
        timeout=WAIT,
    )
    return str(screen.pair_message.text())


def test_the_technician_pairs_the_till_with_a_code_from_the_back_office(
    qtbot: QtBot, server: RunningServer, harness_factory: Any
) -> None:
    admin = Admin(server)
    admin.store_with_pos(31)
    code = admin.pairing_code(31)
    h = harness_factory(server, TECHNICIAN)
    screen = show(qtbot, ServerCheckScreen(h.ctx))
    assert screen.pair_server.text() == server.base_url  # the configured server, ready to keep

    assert "code is wrong" in _pair(qtbot, screen, "WXYZ-2345")

    hold = h.ctx.config.data_path / OPEN_HOLD_FILE
    hold.write_text("{}", encoding="utf-8")
    busy = _pair(qtbot, screen, code)
    assert "work waits" in busy and "payment hold is open" in busy and "still valid" in busy
    with pytest.raises(SecretError):  # refused before the code was used: no token stored
        load_token(h.config_path)
    hold.unlink()

    done = _pair(qtbot, screen, code)
    assert "store 31, POS 1" in done and "start it again" in done
    assert screen.pair_message.property("level") == "warning"
    token = load_token(h.config_path)
    assert token != server.token(0) and token not in done
    config = load(h.config_path)
    assert config.server.url == server.base_url and config.server.loyalty_group == server.loyalty_group
    me = httpx.get(f"{server.group_url}/terminal", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert me.status_code == 200 and (me.json()["store"], me.json()["pos"]) == (31, 1)

    assert "expired or was already used" in _pair(qtbot, screen, code)
    admin.close()


def test_an_unreachable_server_and_empty_fields_are_told_plainly(
    qtbot: QtBot, server: RunningServer, harness_factory: Any
) -> None:
    h = harness_factory(server, TECHNICIAN)
    screen = show(qtbot, ServerCheckScreen(h.ctx))
    screen.pair_button.click()
    assert screen.pair_message.property("level") == "warning" and "pairing code" in screen.pair_message.text()
    screen.pair_server.setText("http://127.0.0.1:9")  # the discard port: nothing listens
    assert "cannot be reached" in _pair(qtbot, screen, "ABCD-EFGH")
