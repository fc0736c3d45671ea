"""Schemathesis against the live reference server: whatever a terminal sends that the published
contract (resources/openapi.json) allows, or almost allows, the server never fails with a 5xx, and
every refusal has the documented error shape."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from tests.fixtures.server import RunningServer, start_server, stop_server

SCHEMA = json.loads((Path(__file__).parents[2] / "resources" / "openapi.json").read_text(encoding="utf-8"))
# The examples and fuzzing phases only: the coverage phase multiplies the run time by ten here.
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
)
schema = schemathesis.openapi.from_dict(SCHEMA, config=CONFIG)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("fuzz-server"))
    yield s
    stop_server(s)


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_refusals_are_well_formed(
    case: schemathesis.Case, server: RunningServer
) -> None:
    case.path_parameters = {**(case.path_parameters or {}), "loyaltyGroup": server.loyalty_group}
    headers = {"Authorization": f"Bearer {server.token()}"}
    if case.method.upper() == "POST":
        headers["Idempotency-Key"] = str(uuid.uuid4())
    response = case.call(base_url=server.base_url, headers=headers, timeout=30)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error = response.json()["error"]
        assert isinstance(error["code"], str) and error["code"].isupper()
        assert isinstance(error["message"], str) and error["message"]
