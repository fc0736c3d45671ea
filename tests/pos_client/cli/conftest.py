"""Helpers of the CLI integration tests: a reference server per test module, a terminal configured
against it with ``config init`` (as a technician would), and ``cli(...)`` that runs
``pos_client.cli.main.main`` in-process and returns the exit code, the JSON and the messages.

Each module gets its own server (started once), so a module may change any sample's state; tests
within a module use different samples or state-independent checks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pos_client.cli.main import main
from tests.fixtures.server import RunningServer, start_server, stop_server


@dataclass
class Result:
    """One CLI run: exit code, the JSON object printed (None without ``--json``), stdout, stderr."""

    code: int
    data: Any
    out: str
    err: str


class Cli:
    """Runs ``loyalty-pos --config PATH [--json] ARGS…`` in-process."""

    def __init__(self, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.config = config
        self._capsys = capsys

    def __call__(self, *args: str, as_json: bool = True, config: Path | None = None) -> Result:
        self._capsys.readouterr()
        argv = ["--config", str(config or self.config), *(["--json"] if as_json else []), *args]
        code = main(argv)
        out, err = self._capsys.readouterr()
        data = None
        if as_json and out.strip():
            data = json.loads(out.strip().splitlines()[-1])
        return Result(code, data, out, err)

    def ok(self, *args: str) -> Any:
        """Run with ``--json``, assert exit 0, return the JSON."""
        result = self(*args)
        assert result.code == 0, (args, result.err, result.out)
        return result.data


def init_terminal(folder: Path, server: RunningServer, *, terminal: int = 0, sync: bool = True) -> Path:
    """``config init`` a terminal in ``folder`` (own data dir, 0600 token file, the demo operators),
    then ``series sync``; returns the configuration file."""
    folder.mkdir(parents=True, exist_ok=True)
    token = folder / "token.txt"
    token.write_text(server.token(terminal), encoding="utf-8")
    operators = folder / "operators.json"
    operators.write_text(json.dumps(server.manifest["operators"]), encoding="utf-8")
    config = folder / "terminal.toml"
    args = ["--config", str(config), "config", "init", "--server", server.base_url]
    args += ["--loyalty-group", server.loyalty_group, "--token-file", str(token)]
    args += ["--operators", str(operators), "--data-dir", str(folder / "data")]
    assert main(args) == 0
    if sync:
        assert main(["--config", str(config), "series", "sync"]) == 0
    return config


@pytest.fixture(scope="module")
def _module_env() -> Iterator[None]:
    """Module fixtures run before the suite's per-test isolation: keep the OS keyring out here too."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
        mp.delenv("LOYALTY_POS_CONFIG", raising=False)
        mp.delenv("LOYALTY_POS_MANAGER_PIN", raising=False)
        yield


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, _module_env: None) -> Iterator[RunningServer]:
    """A reference server with demo data for this module only."""
    running = start_server(tmp_path_factory.mktemp("cli-server"))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory, server: RunningServer) -> Path:
    """The demo till (terminal 0) configured against the module's server; the CLI runs as a cashier."""
    return init_terminal(tmp_path_factory.mktemp("till"), server)


@pytest.fixture
def cli(terminal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.delenv("LOYALTY_POS_MANAGER_PIN", raising=False)
    return Cli(terminal, capsys)


def manager(server: RunningServer) -> tuple[str, str]:
    """The demo manager's id and PIN."""
    entry = next(o for o in server.manifest["operators"] if o["role"] == "manager")
    return str(entry.get("id") or entry["name"]), str(entry["pin"])


def approval(server: RunningServer) -> list[str]:
    """``--manager ID --pin PIN`` of the demo manager."""
    who, pin = manager(server)
    return ["--manager", who, "--pin", pin]


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777
