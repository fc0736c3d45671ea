"""The back office's pages at ``/admin``: server-rendered forms over the admin services.

Every page calls the same service functions as the JSON admin API (``loyalty_server.admin.services``)
through the same :class:`~loyalty_server.admin.routes.deps.Runner`, after the same request models
(``loyalty_server.admin.schemas``) checked the form: one set of rules, roles and audit. A refusal is
shown on the page (beside its field when the service names one). Card numbers are masked on every page;
the one place they are whole is the CSV of a batch just issued (a download).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ValidationError

from loyalty_server.admin import audit, auth
from loyalty_server.admin.schemas import (
    IssueBatchRequest,
    LoginRequest,
    MemberRequest,
    MerchantGroupRequest,
    MerchantRequest,
    PosRequest,
    SeriesRequest,
    StoreRequest,
)
from loyalty_server.admin.services import customers, devices, instruments, merchants, reports, series
from loyalty_server.admin.web import security
from loyalty_server.admin.web.i18n import LANGUAGES, MESSAGES, translator
from loyalty_server.admin.web.session import Web, language, signed_in, state_of
from loyalty_server.context import utcnow
from loyalty_server.errors import ApiError

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
F = Annotated[str, Form(max_length=300)]
MAX_NUMBER = 64


def mask(number: object) -> str:
    """A card number as pages show it: its last four characters only."""
    text = str(number or "")
    return "•••• " + text[-4:] if len(text) > 4 else "••••"


templates.env.filters["mask"] = mask
templates.env.filters["pretty"] = lambda v: "" if v is None else json.dumps(v, ensure_ascii=False)


class Refusal:
    """What a page shows of a refusal: the message, its code, and the field it names (if any)."""

    def __init__(self, message: str, code: str, field: str | None = None) -> None:
        self.message, self.code, self.field = message, code, field

    @classmethod
    def of(cls, exc: ApiError) -> Refusal:
        field = exc.details.get("field")
        return cls(exc.message, exc.code, str(field) if field else None)

    @classmethod
    def invalid(cls, exc: ValidationError) -> list[Refusal]:
        out = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err.get("loc", ()))
            out.append(cls(f"{loc}: {err.get('msg', '')}", "INVALID_REQUEST", loc or None))
        return out


#: The form fields each page shows its refusals beside (the others go to the top of the page).
FIELDS = {
    "stores.html": ("store", "name"),
    "merchants.html": ("code", "name"),
    "instrument.html": ("reason",),
    "series.html": (
        "seriesNumber", "kind", "description", "prefix", "length", "checkDigit", "currency", "issueMode",
        "amountMode", "fixedAmount", "minAmount", "maxAmount", "validityDays", "issuerGroup", "acceptorGroup",
        "pointsConfig.account", "pointsConfig.pointValue",
    ),
}  # fmt: skip


def _status(refusals: list[Refusal]) -> int:
    return 400 if refusals else 200


def render(request: Request, web: Web | None, name: str, status: int = 200, **context: Any) -> Response:
    lang = web.lang if web else language(request)
    msg_key = request.query_params.get("done", "")
    page = {
        "web": web,
        "lang": lang,
        "languages": LANGUAGES,
        "_": translator(lang),
        "path": request.url.path,
        "done": msg_key if msg_key in MESSAGES else None,
        "fields": FIELDS.get(name, ()),
        **context,
    }
    return templates.TemplateResponse(request, name, page, status_code=status)


def done(path: str, key: str) -> RedirectResponse:
    """Post/redirect/get: back to ``path`` with a message from :data:`MESSAGES`."""
    return RedirectResponse(f"{path}?done={key}", status_code=303)


def check(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """The admin API's request model of a form (its shape rules), or ValidationError."""
    return model.model_validate({k: v for k, v in data.items() if v is not None and v != ""})


def _int(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 10 else text


# -- signing in and out, language, loyalty group ----------------------------------------------------


@router.get("/admin")
def home() -> Response:
    return RedirectResponse("/admin/stores", status_code=303)


def _login_page(request: Request, status: int = 200, **context: Any) -> Response:
    pre = security.cookie(request, security.PRE_COOKIE) or security.new_pre_session()
    response = render(request, None, "login.html", status, csrf=security.csrf_for(pre), **context)
    security.set_cookie(request, response, security.PRE_COOKIE, pre, None)
    return response


@router.get("/admin/login")
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/admin/login")
def login(request: Request, user: F = "", password: F = "", csrf: F = "") -> Response:
    if not security.csrf_ok(security.cookie(request, security.PRE_COOKIE), csrf):
        return _login_page(request, 403, error=Refusal("Reload the page and sign in again.", "CSRF"))
    try:
        body = check(LoginRequest, {"user": user, "password": password})
        assert isinstance(body, LoginRequest)
        state = state_of(request)
        ttl = timedelta(seconds=state.settings.admin_session_ttl_seconds)
        session = auth.login(state.db, body.user, body.password, utcnow(), ttl)
    except ValidationError:
        return _login_page(request, 400, error=Refusal("Wrong user name or password.", "INVALID_REQUEST"))
    except ApiError as exc:
        return _login_page(request, exc.status, error=Refusal.of(exc), user=user)
    response = RedirectResponse("/admin/stores", status_code=303)
    security.set_cookie(
        request, response, security.SESSION_COOKIE, session["token"], int(ttl.total_seconds())
    )
    security.drop_cookie(request, response, security.PRE_COOKIE)
    return response


@router.post("/admin/logout")
def logout(request: Request, csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)
    for attempt in web.state.db.attempts():
        with attempt as conn:
            auth.logout(conn, web.token)
    response = RedirectResponse("/admin/login", status_code=303)
    security.drop_cookie(request, response, security.SESSION_COOKIE)
    return response


def _back(next_path: str) -> str:
    """A safe place to go back to: a back-office path of this site only."""
    if next_path.startswith("/admin") and "//" not in next_path and "\\" not in next_path:
        return next_path
    return "/admin/stores"


@router.get("/admin/lang/{lang}")
def choose_language(request: Request, lang: str, next: str = "/admin/stores") -> Response:
    response = RedirectResponse(_back(next), status_code=303)
    if lang in LANGUAGES:
        security.set_cookie(request, response, security.LANG_COOKIE, lang, 365 * 86400)
    return response


@router.post("/admin/group")
def choose_group(request: Request, group: F = "", csrf: F = "", next: F = "/admin/stores") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)
    response = RedirectResponse(_back(next), status_code=303)
    if group in web.groups:
        security.set_cookie(request, response, security.GROUP_COOKIE, group, None)
    return response


# -- stores and POS ---------------------------------------------------------------------------------


def _stores_page(web: Web, status: int = 200, **context: Any) -> Response:
    stores = web.read(devices.list_stores)["stores"]
    return render(web.request, web, "stores.html", status, stores=stores, **context)


@router.get("/admin/stores")
def stores_page(request: Request) -> Response:
    return _stores_page(signed_in(request))


def _attempt(web: Web, page: Any, work: Any, model: type[BaseModel] | None, data: dict[str, Any]) -> Any:
    """Run ``work(body)`` after ``model`` checked ``data``; a refusal re-renders ``page`` with it."""
    try:
        body = check(model, data) if model is not None else None
        return work(body)
    except ValidationError as exc:
        return page(web, 400, errors=Refusal.invalid(exc), form=data)
    except ApiError as exc:
        return page(web, exc.status, errors=[Refusal.of(exc)], form=data)


@router.post("/admin/stores")
def add_store(request: Request, store: F = "", name: F = "", address: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(b: Any) -> Response:
        web.write(lambda c: devices.add_store(c, b.store, b.name, b.address, b.site))
        return done("/admin/stores", "store-added")

    data = {"store": _int(store), "name": name, "address": address}
    result: Response = _attempt(web, _stores_page, work, StoreRequest, data)
    return result


@router.post("/admin/stores/{store}/merchant")
def add_merchant(request: Request, store: int, name: F = "", currency: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(b: Any) -> Response:
        web.write(lambda c: merchants.add_merchant(c, b.store, b.name, b.currency))
        return done("/admin/stores", "merchant-added")

    data = {"store": store, "name": name, "currency": currency.strip().upper()}
    result: Response = _attempt(web, _stores_page, work, MerchantRequest, data)
    return result


@router.post("/admin/stores/{store}/pos")
def add_pos(request: Request, store: int, pos: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(b: Any) -> Response:
        web.write(lambda c: devices.add_pos(c, store, b.pos))
        return done("/admin/stores", "pos-added")

    result: Response = _attempt(web, _stores_page, work, PosRequest, {"pos": _int(pos)})
    return result


@router.post("/admin/stores/{store}/pos/{pos}/pair")
def pairing_code(request: Request, store: int, pos: int, csrf: F = "") -> Response:
    """A fresh one-time pairing code, shown big once (it is stored only hashed)."""
    web = signed_in(request)
    web.check_csrf(csrf)
    ttl = timedelta(seconds=web.state.settings.pairing_ttl_seconds)

    def work(_: Any) -> Response:
        code = web.write(lambda c: devices.pairing_code(c, store, pos, ttl))
        return render(request, web, "pairing.html", 201, code=code, minutes=int(ttl.total_seconds() // 60))

    result: Response = _attempt(web, _stores_page, work, None, {})
    return result


@router.post("/admin/stores/{store}/pos/{pos}/revoke")
def revoke_pos(request: Request, store: int, pos: int, csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(_: Any) -> Response:
        web.write(lambda c: devices.revoke_pos(c, store, pos))
        return done("/admin/stores", "pos-revoked")

    result: Response = _attempt(web, _stores_page, work, None, {})
    return result


# -- merchants and merchant groups ------------------------------------------------------------------


def _merchants_page(web: Web, status: int = 200, **context: Any) -> Response:
    found = web.read(lambda c: (merchants.list_merchants(c), merchants.list_merchant_groups(c)))
    return render(
        web.request,
        web,
        "merchants.html",
        status,
        merchants=found[0]["merchants"],
        groups=found[1]["merchantGroups"],
        **context,
    )


@router.get("/admin/merchants")
def merchants_page(request: Request) -> Response:
    return _merchants_page(signed_in(request))


@router.post("/admin/merchant-groups")
def add_group(request: Request, code: F = "", name: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(b: Any) -> Response:
        web.write(lambda c: merchants.add_merchant_group(c, b.code, b.name))
        return done("/admin/merchants", "group-added")

    result: Response = _attempt(
        web, _merchants_page, work, MerchantGroupRequest, {"code": code, "name": name}
    )
    return result


@router.post("/admin/merchant-groups/join")
def join_group(request: Request, group: F = "", merchant: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(b: Any) -> Response:
        web.write(lambda c: merchants.join_merchant_group(c, group, b.merchantId))
        return done("/admin/merchants", "group-joined")

    result: Response = _attempt(web, _merchants_page, work, MemberRequest, {"merchantId": merchant})
    return result


# -- series and batches -----------------------------------------------------------------------------


def _series_page(web: Web, status: int = 200, **context: Any) -> Response:
    found = web.read(lambda c: (series.list_series(c), merchants.list_merchant_groups(c)))
    return render(
        web.request,
        web,
        "series.html",
        status,
        series=found[0]["series"],
        groups=found[1]["merchantGroups"],
        kinds=series.KINDS,
        **context,
    )


@router.get("/admin/series")
def series_page(request: Request) -> Response:
    return _series_page(signed_in(request))


@router.post("/admin/series")
def add_series(
    request: Request,
    seriesNumber: F = "",  # noqa: N803
    kind: F = "",
    description: F = "",
    prefix: F = "",
    length: F = "",
    checkDigit: F = "luhn",  # noqa: N803
    alphanumeric: F = "",
    currency: F = "",
    issueMode: F = "preissued",  # noqa: N803
    amountMode: F = "manual",  # noqa: N803
    fixedAmount: F = "",  # noqa: N803
    minAmount: F = "",  # noqa: N803
    maxAmount: F = "",  # noqa: N803
    validityDays: F = "",  # noqa: N803
    issuerGroup: F = "",  # noqa: N803
    acceptorGroup: F = "",  # noqa: N803
    account: F = "points",
    pointValue: F = "",  # noqa: N803
    csrf: F = "",
) -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)
    data: dict[str, Any] = {
        "seriesNumber": seriesNumber.strip(),
        "kind": kind,
        "description": description.strip(),
        "prefix": prefix.strip().upper(),
        "length": _int(length),
        "checkDigit": checkDigit,
        "alphanumeric": alphanumeric == "on",
        "currency": currency.strip().upper(),
        "issueMode": issueMode,
        "amountMode": amountMode,
        "fixedAmount": fixedAmount.strip(),
        "minAmount": minAmount.strip(),
        "maxAmount": maxAmount.strip(),
        "validityDays": _int(validityDays),
        "issuerGroup": issuerGroup,
        "acceptorGroup": acceptorGroup,
    }
    if kind == "loyaltycard":  # its rules are set afterwards (points-rules); here what the cards keep
        config: dict[str, Any] = {"account": account, "rules": []}
        if account != "money":
            config["pointValue"] = pointValue.strip() or "0.01"
        data["pointsConfig"] = config

    def work(b: Any) -> Response:
        wire = b.model_dump(mode="json", exclude_none=True)
        web.write(lambda c: series.create_series(c, wire))
        return done("/admin/series", "series-added")

    result: Response = _attempt(web, _series_page, work, SeriesRequest, data)
    return result


@router.post("/admin/series/{number}/issue")
def issue_batch(request: Request, number: str, count: F = "", amount: F = "", csrf: F = "") -> Response:
    """A batch of pre-issued cards, answered as the card printer's CSV (whole numbers: a download)."""
    web = signed_in(request)
    web.check_csrf(csrf)

    def work(b: Any) -> Response:
        batch = web.write(lambda c: instruments.issue_batch(c, number, b.count, b.amount))
        return Response(
            instruments.batch_csv(batch),
            status_code=201,
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{batch["batchId"]}.csv"'},
        )

    data = {"count": _int(count), "amount": amount.strip()}
    result: Response = _attempt(
        web, lambda w, s, **kw: _series_page(w, s, batch_for=number, **kw), work, IssueBatchRequest, data
    )
    return result


# -- instruments ------------------------------------------------------------------------------------


def _instrument_id(web: Web, number: str) -> str:
    found = web.read(lambda c: instruments.show(c, number))
    return str(found["instrument"]["instrumentId"])


def _lookup_page(web: Web, status: int = 200, **context: Any) -> Response:
    return render(web.request, web, "instrument_lookup.html", status, **context)


@router.get("/admin/instruments")
def lookup_form(request: Request) -> Response:
    return _lookup_page(signed_in(request))


@router.post("/admin/instruments")
def lookup(request: Request, number: F = "", csrf: F = "") -> Response:
    """By number (a POST: the whole number stays out of addresses and history); shown by its id."""
    web = signed_in(request)
    web.check_csrf(csrf)
    try:
        if not number.strip() or len(number) > MAX_NUMBER:
            raise ApiError(404, "UNKNOWN_INSTRUMENT", "No such card or coupon in this loyalty group.", {})
        found = _instrument_id(web, number)
    except ApiError as exc:
        return _lookup_page(web, exc.status, errors=[Refusal.of(exc)])
    return RedirectResponse(f"/admin/instruments/{quote(found)}", status_code=303)


def _number_of(web: Web, instrument_id: str) -> str:
    with web.state.db.read() as conn:
        row = conn.execute(
            "SELECT number FROM instruments WHERE instrument_id = :instrument_id AND loyalty_group = "
            ":loyalty_group",
            {"instrument_id": instrument_id, "loyalty_group": web.loyalty_group},
        ).fetchone()
    if row is None:
        raise ApiError(404, "UNKNOWN_INSTRUMENT", "No such card or coupon in this loyalty group.", {})
    return str(row[0])


def _instrument_page(web: Web, instrument_id: str, status: int = 200, **context: Any) -> Response:
    try:
        number = _number_of(web, instrument_id)
        found = web.read(lambda c: instruments.show(c, number))
    except ApiError as exc:
        return _lookup_page(web, exc.status, errors=[Refusal.of(exc)])
    return render(web.request, web, "instrument.html", status, found=found, **context)


@router.get("/admin/instruments/{instrument_id}")
def instrument_page(request: Request, instrument_id: str) -> Response:
    return _instrument_page(signed_in(request), instrument_id)


@router.post("/admin/instruments/{instrument_id}/block")
def block(request: Request, instrument_id: str, reason: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)
    try:
        number = _number_of(web, instrument_id)
        if not reason.strip():
            raise ApiError(400, "INVALID_REQUEST", "Say why the card is blocked.", {"field": "reason"})
        web.write(lambda c: instruments.block(c, number, reason.strip()))
    except ApiError as exc:
        return _instrument_page(web, instrument_id, exc.status, errors=[Refusal.of(exc)])
    return done(f"/admin/instruments/{quote(instrument_id)}", "blocked")


@router.post("/admin/instruments/{instrument_id}/unblock")
def unblock(request: Request, instrument_id: str, csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)
    try:
        number = _number_of(web, instrument_id)
        web.write(lambda c: instruments.unblock(c, number))
    except ApiError as exc:
        return _instrument_page(web, instrument_id, exc.status, errors=[Refusal.of(exc)])
    return done(f"/admin/instruments/{quote(instrument_id)}", "unblocked")


# -- customers --------------------------------------------------------------------------------------


def _customers_page(web: Web, status: int = 200, **context: Any) -> Response:
    return render(web.request, web, "customers.html", status, **context)


@router.get("/admin/customers")
def customers_page(request: Request) -> Response:
    return _customers_page(signed_in(request))


@router.post("/admin/customers")
def find_customers(request: Request, by: F = "customerId", value: F = "", csrf: F = "") -> Response:
    """Look-up, masked (the service masks; a POST keeps phone numbers and e-mails out of addresses)."""
    web = signed_in(request)
    web.check_csrf(csrf)
    text = value.strip() or None
    try:
        found = web.write(
            lambda c: customers.look_up(
                c,
                customer_id=text if by == "customerId" else None,
                phone=text if by == "phone" else None,
                email=text if by == "email" else None,
                card=text if by == "card" else None,
            )
        )
    except ApiError as exc:
        return _customers_page(web, exc.status, errors=[Refusal.of(exc)], by=by)
    return _customers_page(web, found=found["customers"], by=by, searched=True)


@router.post("/admin/customers/{customer_id}/export")
def export_customer(request: Request, customer_id: str, csrf: F = "") -> Response:
    """One customer's data as a JSON download (a data-subject access request; audited)."""
    web = signed_in(request)
    web.check_csrf(csrf)
    try:
        data = web.write(lambda c: customers.export(c, customer_id))
    except ApiError as exc:
        return _customers_page(web, exc.status, errors=[Refusal.of(exc)])
    name = "".join(ch for ch in customer_id if ch.isalnum() or ch in "-_")[:64] or "customer"
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="customer-{name}.json"'},
    )


@router.post("/admin/customers/{customer_id}/erase")
def erase_customer(request: Request, customer_id: str, confirm: F = "", csrf: F = "") -> Response:
    web = signed_in(request)
    web.check_csrf(csrf)
    try:
        if confirm != "on":
            raise ApiError(400, "NOT_CONFIRMED", "Tick the box to confirm the erasure.", {"field": "confirm"})
        web.write(lambda c: customers.erase(c, customer_id))
    except ApiError as exc:
        return _customers_page(web, exc.status, errors=[Refusal.of(exc)])
    return done("/admin/customers", "erased")


# -- reports and audit ------------------------------------------------------------------------------

Day = Annotated[str | None, Query(max_length=10)]


@router.get("/admin/reports")
def reports_page(
    request: Request, date_from: Annotated[Day, Query(alias="from")] = None, to: Day = None
) -> Response:
    web = signed_in(request)
    errors: list[Refusal] = []
    try:
        found = web.read(lambda c: (reports.liability(c), reports.totals(c, date_from or None, to or None)))
        liability, totals = found
    except ApiError as exc:
        errors = [Refusal.of(exc)]
        liability, totals = web.read(reports.liability), None
    return render(
        request, web, "reports.html", _status(errors), liability=liability, totals=totals, errors=errors
    )


@router.get("/admin/audit")
def audit_page(request: Request, action: Annotated[str | None, Query(max_length=64)] = None) -> Response:
    web = signed_in(request)
    found = web.read(lambda c: audit.entries(c, 200, action or None))
    return render(request, web, "audit.html", entries=found["entries"], action=action or "")
