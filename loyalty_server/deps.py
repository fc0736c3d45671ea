"""FastAPI dependencies: the server state, the calling terminal, reads and idempotent writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Path, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from loyalty_server.auth import terminal_for
from loyalty_server.context import Ctx, Settings, Terminal, utcnow
from loyalty_server.db import Database
from loyalty_server.idempotency import KEY_PATTERN, check_key, json_bytes, request_hash, run_idempotent


@dataclass(frozen=True)
class ServerState:
    """What every request needs: the database and the settings."""

    db: Database
    settings: Settings


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


#: ``Authorization: Bearer <terminal token>``, published as the schema's security scheme. It does not
#: refuse by itself (``auto_error=False``): :func:`terminal_for` answers 401 in the API's error shape.
BEARER = HTTPBearer(
    scheme_name="terminalToken",
    description="The terminal's token: `Authorization: Bearer <token>`",
    auto_error=False,
)


def current_terminal(
    request: Request,
    state: Annotated[ServerState, Depends(server_state)],
    loyaltyGroup: Annotated[str, Path(max_length=64, description="The loyalty group (tenant)")],  # noqa: N803
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> Terminal:
    """The terminal of the bearer token (401 otherwise)."""
    with state.db.read() as conn:
        return terminal_for(conn, request.headers.get("authorization"), loyaltyGroup)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response with the server's own serialisation."""
    return Response(json_bytes(body), status_code=status, media_type="application/json", headers=headers)


@dataclass(frozen=True)
class Reader:
    """Runs a read in one snapshot."""

    state: ServerState
    terminal: Terminal

    def run(self, work: Callable[[Ctx], Any]) -> Any:
        with self.state.db.read() as conn:
            return work(Ctx(conn=conn, terminal=self.terminal, now=utcnow(), settings=self.state.settings))


@dataclass(frozen=True)
class Writer:
    """Runs an idempotent write (docs/API.md "Idempotency")."""

    state: ServerState
    terminal: Terminal
    key: str
    method: str
    path: str

    def run(self, body: BaseModel | None, work: Callable[[Ctx], dict[str, Any]]) -> Response:
        payload = {} if body is None else body.model_dump(mode="json", exclude_unset=True)
        fingerprint = request_hash(self.method, self.path, payload)
        return run_idempotent(self.state.db, self.state.settings, self.terminal, self.key, fingerprint, work)


def reader(
    state: Annotated[ServerState, Depends(server_state)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
) -> Reader:
    return Reader(state, terminal)


def writer(
    request: Request,
    state: Annotated[ServerState, Depends(server_state)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
    idempotency_key: Annotated[
        str,
        Header(
            alias="Idempotency-Key",
            pattern=KEY_PATTERN,
            description="Required on every POST: a UUID made by the terminal, the operation's id. A retry "
            "with the same key and body replays the first answer; another body gets 422.",
            examples=["7c9e6679-7425-40de-944b-e07fc1f90ae7"],
        ),
    ],
) -> Writer:
    return Writer(state, terminal, check_key(idempotency_key), request.method, request.url.path)


ReaderDep = Annotated[Reader, Depends(reader)]
WriterDep = Annotated[Writer, Depends(writer)]
