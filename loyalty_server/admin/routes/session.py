"""Signing in and out, accounts, loyalty groups, and the admin API's own OpenAPI document."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from loyalty_server.admin import auth
from loyalty_server.admin.auth import AdminCtx
from loyalty_server.admin.routes.deps import AdminDep, Runner, signed_in
from loyalty_server.admin.schemas import AccountRequest, LoginRequest, LoyaltyGroupRequest
from loyalty_server.admin.services import accounts
from loyalty_server.context import utcnow
from loyalty_server.deps import ServerState, json_response, server_state

router = APIRouter(tags=["admin: session"])
StateDep = Annotated[ServerState, Depends(server_state)]


@router.post("/session", operation_id="admin_login")
def login(body: LoginRequest, state: StateDep) -> Response:
    ttl = timedelta(seconds=state.settings.admin_session_ttl_seconds)
    return json_response(auth.login(state.db, body.user, body.password, utcnow(), ttl), 201)


@router.get("/session", operation_id="admin_me", dependencies=[Depends(signed_in)])
def me(admin: AdminDep) -> Response:
    return json_response(admin.json())


@router.delete("/session", operation_id="admin_logout", dependencies=[Depends(signed_in)])
def logout(request: Request, state: StateDep) -> Response:
    for attempt in state.db.attempts():
        with attempt as conn:
            auth.logout(conn, auth.bearer_token(request.headers.get("authorization")))
    return Response(status_code=204)


@router.post("/accounts", operation_id="admin_add_account")
def add_account(body: AccountRequest, admin: AdminDep, state: StateDep) -> Response:
    group = body.loyaltyGroup or admin.loyalty_group
    if group is None:  # a superuser making a superuser: its audit row is of no group
        made = state.db.transact(
            lambda conn: accounts.add_account(
                AdminCtx(conn, admin, "", utcnow()), body.user, body.password, body.role, None
            )
        )
        return json_response(made, 201)
    result = Runner(state, admin, group).write(
        lambda c: accounts.add_account(c, body.user, body.password, body.role, group)
    )
    return json_response(result, 201)


@router.post("/loyaltyGroups", operation_id="admin_add_loyalty_group")
def add_loyalty_group(body: LoyaltyGroupRequest, admin: AdminDep, state: StateDep) -> Response:
    made = state.db.transact(
        lambda conn: accounts.add_loyalty_group(conn, admin, body.code, body.name, utcnow())
    )
    return json_response(made, 201)
