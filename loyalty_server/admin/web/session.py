"""Who is at the browser: the signed-in admin of the session cookie, the language and loyalty group,
and how a page runs a service function (the admin API's :class:`Runner`: the same services, rules,
transactions and audit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from loyalty_server.admin.auth import Admin, admin_for
from loyalty_server.admin.routes.deps import Runner
from loyalty_server.admin.web import security
from loyalty_server.admin.web.i18n import LANGUAGES, pick_language
from loyalty_server.context import utcnow
from loyalty_server.deps import ServerState
from loyalty_server.errors import ApiError


class SignInNeededError(Exception):
    """No live session: the page answers with a redirect to the sign-in form."""


class CsrfRefusedError(Exception):
    """A POST without the session's CSRF token."""


@dataclass(frozen=True)
class Web:
    """One signed-in page request."""

    request: Request
    state: ServerState
    admin: Admin
    token: str
    loyalty_group: str
    groups: tuple[str, ...]
    lang: str

    @property
    def csrf(self) -> str:
        return security.csrf_for(self.token)

    def runner(self) -> Runner:
        return Runner(self.state, self.admin, self.loyalty_group)

    def read(self, work: Callable[[Any], Any]) -> Any:
        return self.runner().read(work)

    def write(self, work: Callable[[Any], Any]) -> Any:
        return self.runner().write(work)

    def check_csrf(self, sent: str) -> None:
        if not security.csrf_ok(self.token, sent):
            raise CsrfRefusedError()


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


def language(request: Request) -> str:
    chosen = security.cookie(request, security.LANG_COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    return pick_language(request.headers.get("accept-language", ""))


def signed_in(request: Request) -> Web:
    """The :class:`Web` of the session cookie, or :class:`SignInNeededError`."""
    token = security.cookie(request, security.SESSION_COOKIE)
    if not token:
        raise SignInNeededError()
    state = state_of(request)
    with state.db.read() as conn:
        try:
            admin = admin_for(conn, token, utcnow())
        except ApiError as exc:
            raise SignInNeededError() from exc
        if admin.loyalty_group is not None:
            groups: tuple[str, ...] = (admin.loyalty_group,)
        else:  # a superuser works in any group: the one chosen in the header, else the first
            groups = tuple(str(r[0]) for r in conn.execute("SELECT code FROM loyalty_groups ORDER BY code"))
    chosen = security.cookie(request, security.GROUP_COOKIE)
    group = chosen if chosen in groups else (groups[0] if groups else "")
    return Web(request, state, admin, token, str(group), groups, language(request))
