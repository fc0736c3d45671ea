"""Fixtures of the server's tests: each module runs once per storage engine (SQLite, PostgreSQL); one
fresh reference server per test module and engine, and its demo till's API.

The modules of ``REQUEST_LAYER`` (tests/fixtures/server.py) check what the server does with a
request before any storage (the schema's shapes, the contract's rules, the browser's pages) and run on SQLite
only (but their tests marked ``every_engine``), to keep ``make test`` under its time budget;
``SERVER_TEST_ALL_ENGINES=1`` runs them on PostgreSQL too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.server import RunningServer, engines_of, start_server, stop_server, use_engine
from tests.loyalty_server.helpers import Api


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each module once per engine of :func:`engines_of`."""
    if "server_engine" in metafunc.fixturenames:
        engines = engines_of(metafunc.module, metafunc.function)
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
