"""Who am I (``GET /terminal``) and the series catalogue (``GET /series`` with ETag)."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Header, Response

from loyalty_server.deps import ReaderDep, json_response
from loyalty_server.idempotency import json_bytes
from loyalty_server.responses import SERIES, TERMINAL
from loyalty_server.services.catalogue import list_series
from loyalty_server.services.terminal import terminal_info

router = APIRouter(tags=["terminal"])


@router.get("/terminal", responses=TERMINAL, operation_id="get_terminal")
def get_terminal(r: ReaderDep) -> Response:
    return json_response(r.run(terminal_info))


@router.get("/series", responses={**SERIES, 304: {"description": "Not modified"}}, operation_id="list_series")
def get_series(
    r: ReaderDep,
    if_none_match: Annotated[str | None, Header(alias="If-None-Match")] = None,
) -> Response:
    content = json_bytes({"series": r.run(list_series)})
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    if if_none_match is not None and etag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(content, media_type="application/json", headers={"ETag": etag})
