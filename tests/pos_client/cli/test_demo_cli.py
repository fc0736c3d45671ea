"""``loyalty-pos demo`` and ``run``: the demo terminal's set-up, and the whole demo end to end (server,
terminal, app offscreen, sign-on, scan, screenshot) as a user runs it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pos_client import config as cfg
from pos_client.cli.commands.demo import setup_terminal
from pos_client.secrets import load_token
from pos_client.security import OperatorStore
from tests.fixtures.server import RunningServer


def _cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_client.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or dict(os.environ),
    )


def test_the_demo_terminal_is_set_up_like_config_init(demo_server: RunningServer, tmp_path: Path) -> None:
    path = setup_terminal(tmp_path / "demo", demo_server.manifest)

    config = cfg.load(path)
    assert config.server.url == demo_server.base_url.rstrip("/")
    assert config.server.loyalty_group == demo_server.loyalty_group
    assert config.printer.url == "emulator" and config.scanner.url == "wedge"
    assert load_token(path) == demo_server.token(0)
    assert not (tmp_path / "demo" / "demo.token").exists()  # the token is only where secrets go
    token_file = Path(f"{path}.token")
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    store = OperatorStore(config.data_path / "operators.db")
    try:
        assert {op.operator_id for op in store.all()} == {
            op["id"] for op in demo_server.manifest["operators"]
        }
    finally:
        store.close()


@pytest.mark.slow
def test_demo_screenshot_after_a_scan(tmp_path: Path) -> None:
    png = tmp_path / "till.png"

    done = _cli("demo", "--screenshot", str(png), "--scan", "giftcard_active")

    assert done.returncode == 0, done.stderr[-3000:]
    assert "Anna Nowak (cashier): 1111" in done.stderr  # the demo PINs are listed
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 1280 and image.height() >= 800
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(colours) > 10  # a drawn window, not a blank image


def test_run_without_a_configuration_says_what_to_do(tmp_path: Path) -> None:
    done = _cli("--config", str(tmp_path / "missing.toml"), "run")

    assert done.returncode == 2
    assert "config init" in done.stderr
    assert "Traceback" not in done.stderr


def test_demo_refuses_an_unknown_operator(tmp_path: Path) -> None:
    done = _cli("demo", "--operator", "nobody", "--screenshot", str(tmp_path / "x.png"))

    assert done.returncode == 2
    assert "no demo operator nobody" in done.stderr
    assert not (tmp_path / "x.png").exists()
