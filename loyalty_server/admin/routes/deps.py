"""What every admin route needs: the signed-in admin, and its work run in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from loyalty_server.admin.auth import Admin, AdminCtx, admin_for, bearer_token
from loyalty_server.context import utcnow
from loyalty_server.deps import ServerState, server_state
from loyalty_server.errors import ApiError

ADMIN_BEARER = HTTPBearer(
    scheme_name="adminToken",
    description="An admin session token from `POST /api/v1/admin/session`: `Authorization: Bearer <token>`",
    auto_error=False,
)


def signed_in(
    request: Request,
    state: Annotated[ServerState, Depends(server_state)],
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(ADMIN_BEARER)],
) -> Admin:
    """The admin of the bearer token (``401`` otherwise; a POS token is not an admin token)."""
    token = bearer_token(request.headers.get("authorization"))
    with state.db.read() as conn:
        return admin_for(conn, token, utcnow())


@dataclass(frozen=True)
class Runner:
    """Runs a service function for the admin in ``loyalty_group``, reading or writing."""

    state: ServerState
    admin: Admin
    loyalty_group: str

    def _ctx(self, conn: Any) -> AdminCtx:
        if (
            conn.execute(
                "SELECT 1 FROM loyalty_groups WHERE code = :code", {"code": self.loyalty_group}
            ).fetchone()
            is None
        ):
            raise ApiError(
                404, "UNKNOWN_LOYALTY_GROUP", "No such loyalty group.", {"loyaltyGroup": self.loyalty_group}
            )
        return AdminCtx(conn=conn, admin=self.admin, loyalty_group=self.loyalty_group, now=utcnow())

    def read(self, work: Callable[[AdminCtx], Any]) -> Any:
        with self.state.db.read() as conn:
            return work(self._ctx(conn))

    def write(self, work: Callable[[AdminCtx], Any]) -> Any:
        return self.state.db.transact(lambda conn: work(self._ctx(conn)))


def runner(
    state: Annotated[ServerState, Depends(server_state)],
    admin: Annotated[Admin, Depends(signed_in)],
    loyaltyGroup: Annotated[str, Path(max_length=64, description="The loyalty group (tenant)")],  # noqa: N803
) -> Runner:
    return Runner(state, admin, loyaltyGroup)


AdminDep = Annotated[Admin, Depends(signed_in)]
RunnerDep = Annotated[Runner, Depends(runner)]
