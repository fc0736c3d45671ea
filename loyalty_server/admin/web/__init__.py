"""The web back office at ``/admin``: server-rendered pages (Jinja2, no scripts) over the admin services.

:func:`include` adds the pages, their stylesheet (``/admin/static``), the security headers and the
answers to a missing session (to the sign-in page) and a missing CSRF token (``403``).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from loyalty_server.admin.web import pages, security
from loyalty_server.admin.web.i18n import translator
from loyalty_server.admin.web.session import CsrfRefusedError, SignInNeededError, language

STATIC = Path(__file__).parent / "static"


def include(app: FastAPI) -> None:
    app.include_router(pages.router)
    app.mount("/admin/static", StaticFiles(directory=str(STATIC)), name="admin-static")
    app.add_middleware(security.SecurityHeaders)

    async def sign_in(_request: Request, _: Exception) -> Response:
        return RedirectResponse("/admin/login", status_code=303)

    async def csrf_refused(request: Request, _: Exception) -> Response:
        _t = translator(language(request))
        text = _t("This form is out of date: go back, reload the page and try again.")
        return HTMLResponse(f"<!doctype html><title>403</title><p>{text}</p>", status_code=403)

    app.add_exception_handler(SignInNeededError, sign_in)
    app.add_exception_handler(CsrfRefusedError, csrf_refused)
