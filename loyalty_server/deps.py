"""FastAPI dependencies: the server state, the calling terminal, reads and idempotent writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Header, Path, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from loyalty_server.auth import terminal_for
from loyalty_server.context import SUBREQUEST, Ctx, Settings, Terminal, utcnow
from loyalty_server.db import Database, Group
from loyalty_server.idempotency import KEY_PATTERN, check_key, json_bytes, request_hash, run_idempotent


@dataclass(frozen=True)
class ServerState:
    """What every request needs: the database and the settings."""

    db: Database
    settings: Settings


@dataclass(frozen=True)
class Subrequest:
    """What a batch item's own request inherits from its batch (``scope[SUBREQUEST]``): the terminal
    its batch's token named, and where its work runs (the batch's group transaction)."""

    terminal: Terminal
    db: Database | Group


# The dependencies below that do no I/O are ``async``: FastAPI runs a plain ``def`` dependency on a
# worker thread, a thread hop per dependency per request (and per batch item).


async def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


#: ``Authorization: Bearer <terminal token>``, published as the schema's security scheme. It does not
#: refuse by itself (``auto_error=False``): :func:`terminal_for` answers 401 in the API's error shape.
BEARER = HTTPBearer(
    scheme_name="terminalToken",
    description="The terminal's token: `Authorization: Bearer <token>`",
    auto_error=False,
)


async def current_terminal(
    request: Request,
    state: Annotated[ServerState, Depends(server_state)],
    loyaltyGroup: Annotated[str, Path(max_length=64, description="The loyalty group (tenant)")],  # noqa: N803
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> Terminal:
    """The terminal of the bearer token (401 otherwise); a batch item's is its batch's."""
    sub: Subrequest | None = request.scope.get(SUBREQUEST)
    if sub is not None and sub.terminal.loyalty_group == loyaltyGroup:
        return sub.terminal
    return await run_in_threadpool(
        _terminal_of_token, state.db, request.headers.get("authorization"), loyaltyGroup
    )


def _terminal_of_token(db: Database, authorization: str | None, loyalty_group: str) -> Terminal:
    with db.read() as conn:
        return terminal_for(conn, authorization, loyalty_group)


def work_db(request: Request, state: ServerState) -> Database | Group:
    """Where a request's reads and writes run: the database, or a batch item's group transaction."""
    sub: Subrequest | None = request.scope.get(SUBREQUEST)
    return state.db if sub is None else sub.db


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response with the server's own serialisation."""
    return Response(json_bytes(body), status_code=status, media_type="application/json", headers=headers)


@dataclass(frozen=True)
class Reader:
    """Runs a read in one snapshot."""

    state: ServerState
    terminal: Terminal
    db: Database | Group

    def run(self, work: Callable[[Ctx], Any]) -> Any:
        with self.db.read() as conn:
            return work(Ctx(conn=conn, terminal=self.terminal, now=utcnow(), settings=self.state.settings))


@dataclass(frozen=True)
class Writer:
    """Runs an idempotent write (docs/API.md "Idempotency")."""

    state: ServerState
    terminal: Terminal
    key: str
    method: str
    path: str
    db: Database | Group

    def run(self, body: BaseModel | None, work: Callable[[Ctx], dict[str, Any]]) -> Response:
        payload = {} if body is None else body.model_dump(mode="json", exclude_unset=True)
        fingerprint = request_hash(self.method, self.path, payload)
        return run_idempotent(self.db, self.state.settings, self.terminal, self.key, fingerprint, work)


async def reader(
    request: Request,
    state: Annotated[ServerState, Depends(server_state)],
    terminal: Annotated[Terminal, Depends(current_terminal)],
) -> Reader:
    return Reader(state, terminal, work_db(request, state))


async def writer(
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
    key = check_key(idempotency_key)
    return Writer(state, terminal, key, request.method, request.url.path, work_db(request, state))


ReaderDep = Annotated[Reader, Depends(reader)]
WriterDep = Annotated[Writer, Depends(writer)]
