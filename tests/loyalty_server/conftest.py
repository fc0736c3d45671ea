"""Fixtures of the server's tests: one fresh reference server per test module, and its demo till's API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.server import RunningServer, start_server, stop_server
from tests.loyalty_server.helpers import Api


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
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
