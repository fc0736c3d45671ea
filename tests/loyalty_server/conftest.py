"""Fixtures of the server's tests: every test runs once per storage engine (SQLite, PostgreSQL); one
fresh reference server per test module and engine, and its demo till's API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.server import ENGINES, RunningServer, start_server, stop_server, use_engine
from tests.loyalty_server.helpers import Api


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each module once per engine of ``ENGINES`` (a module may name its own ``SERVER_ENGINES``)."""
    if "server_engine" in metafunc.fixturenames:
        engines = getattr(metafunc.module, "SERVER_ENGINES", ENGINES)
        metafunc.parametrize("server_engine", engines, indirect=True, scope="module")


@pytest.fixture(scope="module", autouse=True)
def server_engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """The engine of every server this module's tests start (``start_server``, ``fresh_server``, ...)."""
    cluster = request.getfixturevalue("postgres_cluster") if request.param == "postgresql" else None
    with use_engine(request.param, cluster):
        yield request.param


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server of this module's own (tests change its state freely)."""
    s = start_server(tmp_path_factory.mktemp("server"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def api(server: RunningServer) -> Iterator[Api]:
    """Requests as the demo till (terminal 0)."""
    a = Api(server)
    yield a
    a.close()
