"""Schemathesis against the live reference server over HTTP: the published contract is exact.

Both directions of docs/API.md's contract, on every operation of resources/openapi.json:

- *negative data* (what the schema calls invalid) is refused with ``400`` (or ``401``/``404``/``405``
  where the path or the token is what is wrong): the server takes no garbage;
- *positive data* (what the schema calls valid) is accepted: the answer is a success or a business
  refusal the schema documents (``403`` not here, ``404`` unknown, ``409`` state, ``422`` key reuse),
  never a ``400`` for the request's shape. A few ``400`` refusals depend on stored data the schema cannot
  see (the card's currency, a discount larger than the basket): ``DATA_DEPENDENT_400`` names them.

Every other built-in check runs too: no 5xx, answers and their headers match the documented responses,
refusals have the documented error shape. Half the generated card, coupon and customer ids are real
ones of the demo world, so the operations run deep rather than stopping at ``404``.
"""

from __future__ import annotations

import json
import re
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from loyalty_server.idempotency import KEY_PATTERN
from tests.fixtures.server import RunningServer, start_server, stop_server

SCHEMA = json.loads((Path(__file__).parents[2] / "resources" / "openapi.json").read_text(encoding="utf-8"))
# Positive and negative data; the examples and fuzzing phases only (the coverage phase multiplies the
# run time by ten: its header and method rules have their own tests in test_contract_rules.py).
CONFIG = SchemathesisConfig.from_dict(
    {
        # The token is the caller's (passed to each call), not a generated parameter: a negative case that
        # "drops" it would be sent with it all the same. `ignored_auth` still checks wrong tokens get 401.
        "generation": {"mode": "all", "no-shrink": True, "with-security-parameters": False},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {
            "not_a_server_error": {"expected-statuses": ["2xx", "3xx", "4xx"]},
            # 400 too: `data_dependent_refusals_only` below lets only the documented codes through.
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "304", "400", "401", "403", "404", "409", "422"]
            },
            "negative_data_rejection": {"expected-statuses": ["400", "401", "404", "405", "413"]},
        },
    }
)
schema = schemathesis.openapi.from_dict(SCHEMA, config=CONFIG)
MAX_EXAMPLES = 12  # per operation; about a minute for the whole API

#: ``400`` refusals of schema-valid requests for rules JSON Schema cannot state (docs/API.md states each
#: in words): the code, and the operations where it may answer a schema-valid request (``*``: any).
DATA_DEPENDENT_400: dict[str, frozenset[str]] = {
    # A card whose currency is not the store's, or a request naming another currency than the card's.
    "CURRENCY_MISMATCH": frozenset({"*"}),
    # A series that needs an amount to issue; a discount larger than the basket; a basket of lines
    # whose total passes 12 digits.
    "INVALID_AMOUNT": frozenset(
        {
            "issue_giftcard",
            "issue_giftcard_from_series",
            "issue_storecredit_from_series",
            "quote_points",
            "earn_points",
        }
    ),
    # A search needs one of phone, email, card: OpenAPI cannot require one of several parameters.
    "INVALID_REQUEST": frozenset({"find_customers"}),
}
_KEY = re.compile(KEY_PATTERN)
# Which sample numbers stand in for a generated path parameter, by the path's first segment.
_SAMPLES = {
    "giftcards": ("giftcard_active", "giftcard_blocked", "giftcard_preissued", "giftcard_low_balance"),
    "storecredits": ("storecredit_active",),
    "loyaltycards": ("loyaltycard_active", "loyaltycard_preissued"),
    "coupons": ("coupon_active", "coupon_used"),
}


@pytest.fixture(scope="module")
def server(server_engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    s = start_server(tmp_path_factory.mktemp("schemathesis-server"))
    yield s
    stop_server(s)


def _schema_valid(case: schemathesis.Case, name: str) -> bool:
    """Whether the generated path parameter ``name`` is valid (a negative case may have negated it)."""
    parameter = next(p for p in case.operation.definition.raw["parameters"] if p["name"] == name)
    validator = jsonschema_rs.Draft202012Validator(parameter["schema"])
    return bool(validator.is_valid((case.path_parameters or {}).get(name)))


def _real_ids(case: schemathesis.Case, server: RunningServer) -> None:
    """Our group; and every other case, a card number or customer id the demo world has.

    Only a valid generated value is replaced (by another valid one), so a negative case stays negative.
    """
    params = case.path_parameters = dict(case.path_parameters or {})
    if _schema_valid(case, "loyaltyGroup"):
        params["loyaltyGroup"] = server.loyalty_group
    pick = zlib.crc32(repr((case.path, params, case.body)).encode())
    if pick % 2:
        return
    segment = case.path.split("{loyaltyGroup}/", 1)[1].split("/", 1)[0]
    if "number" in params and segment in _SAMPLES and _schema_valid(case, "number"):
        keys = _SAMPLES[segment]
        key = keys[pick // 2 % len(keys)]
        params["number"] = server.sample(key, pick // 7 % len(server.manifest["samples"][key]))
    elif "customerId" in params and _schema_valid(case, "customerId"):
        params["customerId"] = "C-0001"
    elif "seriesNumber" in params and _schema_valid(case, "seriesNumber"):
        params["seriesNumber"] = "GC-PLN" if "giftCard" in case.path else "SC-PLN"


def _has_nul(case: schemathesis.Case) -> bool:
    sent = (case.body, case.path_parameters, case.query)
    return "\\u0000" in json.dumps(sent, default=str) or "\x00" in repr(sent)


@schemathesis.check
def data_dependent_refusals_only(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """A schema-valid request refused with 400 names a documented data-dependent rule."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 400:
        return None
    code = json.loads(response.content)["error"]["code"]
    if code == "INVALID_REQUEST" and "NUL character" in response.text and _has_nul(case):
        return None  # text never holds U+0000 (docs/API.md "Conventions"); JSON Schema cannot say so
    where = DATA_DEPENDENT_400.get(code, frozenset())
    if "*" not in where and case.operation.definition.raw.get("operationId") not in where:
        raise AssertionError(f"schema-valid request refused with 400 {code}: {response.text}")
    return None


@schemathesis.check
def refusals_are_well_formed(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """Every refusal is ``{"error": {"code", "message", "details"}}`` with an upper-case code."""
    if response.status_code < 400 or case.method.upper() == "OPTIONS":
        return None
    error = json.loads(response.content)["error"]
    assert isinstance(error["code"], str) and error["code"].isupper(), response.text
    assert isinstance(error["message"], str) and error["message"], response.text
    assert isinstance(error["details"], dict), response.text
    return None


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_server_takes_what_the_schema_allows_and_refuses_the_rest(
    case: schemathesis.Case, server: RunningServer
) -> None:
    _real_ids(case, server)
    key = (case.headers or {}).get("Idempotency-Key")
    if key is not None and _KEY.match(key):
        # A valid key stays valid; a fresh one keeps two generated requests from sharing it (422).
        case.headers = {**(case.headers or {}), "Idempotency-Key": str(uuid.uuid4())}
    # The token as the caller's credentials: `ignored_auth` then checks that a wrong one gets 401.
    case.call_and_validate(
        base_url=server.base_url, headers={"Authorization": f"Bearer {server.token()}"}, timeout=30
    )
