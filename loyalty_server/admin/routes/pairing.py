"""``POST /api/v1/pair``: a till exchanges a one-time pairing code for its POS token (no credentials)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from loyalty_server.admin.schemas import PairRequest
from loyalty_server.admin.services import pairing
from loyalty_server.context import utcnow
from loyalty_server.deps import ServerState, json_response, server_state

router = APIRouter(tags=["pairing"])


@router.post("/pair", operation_id="pair_terminal")
def pair(
    body: PairRequest, request: Request, state: Annotated[ServerState, Depends(server_state)]
) -> Response:
    client = request.client.host if request.client else "unknown"
    base_url = str(request.base_url).rstrip("/")
    result = pairing.exchange(state.db, body.code, client, utcnow(), base_url)
    return json_response(result, 201, {"Cache-Control": "no-store"})
