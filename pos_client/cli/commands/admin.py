"""``loyalty-pos admin …``: the back office's command-line twin (docs/API.md, "Back office").

Each command signs in to the server's admin API (``/api/v1/admin``) with ``--user`` and the password
from ``--password-file`` or ``$LOYALTY_POS_ADMIN_PASSWORD`` (asked on the terminal when neither is
given), does one thing, and signs out. It talks HTTP only (the client packages never import the
server). Exit codes as everywhere: 0 done, 1 refused (the server's reason on stderr), 2 usage or
credentials missing, 3 the server cannot be reached. With ``--json`` the server's answer is printed
as one JSON object.

The CSV of a fresh batch (``instruments issue --csv F``) is the one place card numbers are written
whole; it is created readable by its owner only.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from pos_client.cli.context import CliContext
from pos_client.cli.output import CliError, ExitCode
from pos_client.files import write_atomic
from pos_client.masking import mask_number

PASSWORD_ENV = "LOYALTY_POS_ADMIN_PASSWORD"
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
Handler = Callable[[argparse.Namespace, "AdminClient"], tuple[dict[str, Any], str]]


class AdminClient:
    """A signed-in admin session on one server (signs out on :meth:`close`)."""

    def __init__(
        self,
        server: str,
        user: str,
        password: str,
        loyalty_group: str | None,
        *,
        needs_group: bool = True,
    ) -> None:
        self.http = httpx.Client(base_url=server.rstrip("/") + "/api/v1/admin", timeout=TIMEOUT)
        session = self._send("POST", "/session", {"user": user, "password": password}, signed_in=False)
        self.http.headers["Authorization"] = f"Bearer {session['token']}"
        self.group: str | None = loyalty_group or session.get("loyaltyGroup")
        if needs_group and not self.group:
            self.close()
            raise CliError("this account is a superuser: name the loyalty group with --loyalty-group G")

    def _send(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        signed_in: bool = True,
        params: dict[str, Any] | None = None,
        accept: str = "application/json",
    ) -> Any:
        try:
            r = self.http.request(method, path, json=body, params=params, headers={"Accept": accept})
        except httpx.HTTPError as exc:
            raise CliError(f"cannot reach the server: {exc}", ExitCode.UNAVAILABLE) from exc
        if r.status_code >= 400:
            try:
                error = r.json()["error"]
                message, code = str(error["message"]), str(error["code"])
            except (ValueError, KeyError, TypeError):
                message, code = f"the server answered {r.status_code}", "HTTP_ERROR"
            data = {"state": "refused", "error": {"code": code, "message": message}}
            raise CliError(message, ExitCode.REFUSED, data)
        if r.status_code == 204:
            return {}
        return r.text if accept == "text/csv" else r.json()

    def top(self, method: str, path: str, body: Any = None) -> Any:
        """A call outside any loyalty group (accounts, loyalty groups)."""
        return self._send(method, path, body)

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        """A call under the loyalty group's base (``/loyaltyGroups/{g}``)."""
        clean = {k: v for k, v in params.items() if v is not None}
        return self._send(method, f"/loyaltyGroups/{self.group}{path}", body, params=clean or None)

    def csv(self, path: str, body: Any) -> str:
        text: str = self._send("POST", f"/loyaltyGroups/{self.group}{path}", body, accept="text/csv")
        return text

    def close(self) -> None:
        try:
            if "Authorization" in self.http.headers:
                self.http.delete("/session")
        except httpx.HTTPError:
            pass  # the session expires by itself
        finally:
            self.http.close()


# -- the commands ---------------------------------------------------------------------------------


def _loyalty_group_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.top("POST", "/loyaltyGroups", {"code": a.code, "name": a.name})
    return data, f"loyalty group {data['code']} added; work in it with --loyalty-group {data['code']}"


def _account_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    body: dict[str, Any] = {"user": a.name, "password": _secret_file(a.new_password_file), "role": a.role}
    if a.superuser:
        if a.role != "admin":
            raise CliError("a superuser is an admin: give --role admin with --superuser")
    elif c.group is None:
        raise CliError(
            "name the account's loyalty group with --loyalty-group G (or make a superuser: --superuser)"
        )
    else:
        body["loyaltyGroup"] = c.group
    data = c.top("POST", "/accounts", body)
    where = f"in loyalty group {data['loyaltyGroup']}" if data.get("loyaltyGroup") else "superuser"
    return data, f"account {data['user']} added: {data['role']}, {where}"


def _organisation_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", "/organisations", {"code": a.code, "name": a.name})
    return data, f"organisation {data['code']} added: {data['name']}"


def _site_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    body = {"code": a.code, "organisation": a.organisation, "name": a.name, "address": a.address}
    data = c.call("POST", "/sites", body)
    return data, f"site {data['code']} of {data['organisation']} added: {data['name']}"


def _store_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    body = {"store": a.store, "name": a.name, "address": a.address or ""}
    if a.site:
        body["site"] = a.site
    data = c.call("POST", "/stores", body)
    return data, f"store {data['store']} added: {data['name']}"


def _store_list(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", "/stores")
    lines = [
        f"{s['store']:>5}  {s['name']}  merchant {s['merchantId'] or '-'}  "
        + ", ".join(f"POS {p['pos']} {p['state']}" for p in s["pos"])
        for s in data["stores"]
    ]
    return data, "\n".join(lines) or "no stores"


def _pos_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/stores/{a.store}/pos", {"pos": a.pos})
    return data, f"POS {a.pos} of store {a.store} added ({data['terminalId']}); make a pairing code next"


def _pos_pair_code(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/stores/{a.store}/pos/{a.pos}/pairingCodes")
    return data, (
        f"pairing code for store {a.store} POS {a.pos}: {data['code']} (valid until {data['expiresAt']})\n"
        f"on the till: loyalty-pos config pair --server URL --code {data['code']}"
    )


def _pos_revoke(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/stores/{a.store}/pos/{a.pos}/_revoke")
    return data, f"POS {a.pos} of store {a.store} revoked: its token no longer works"


def _merchant_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", "/merchants", {"store": a.store, "name": a.name, "currency": a.currency})
    return data, f"merchant {data['merchantId']} added for store {a.store}"


def _group_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", "/merchantGroups", {"code": a.code, "name": a.name})
    return data, f"merchant group {a.code} added"


def _group_join(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/merchantGroups/{a.code}/members", {"merchantId": a.merchant_id})
    return data, f"{a.merchant_id} is in {a.code} ({', '.join(data['merchants'])})"


def _series_add(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    body: dict[str, Any] = {
        "seriesNumber": a.number,
        "kind": a.kind,
        "description": a.description,
        "prefix": a.prefix,
        "length": a.length,
        "checkDigit": a.check_digit,
        "alphanumeric": a.alphanumeric,
        "currency": a.currency,
        "issuerGroup": a.issuer_group,
        "acceptorGroup": a.acceptor_group,
        "issueMode": a.issue_mode,
        "amountMode": a.amount_mode,
    }
    optional = {
        "fixedAmount": a.fixed_amount,
        "minAmount": a.min,
        "maxAmount": a.max,
        "validityDays": a.validity_days,
    }
    body.update({k: v for k, v in optional.items() if v is not None})
    if a.offline:
        body["offlinePolicy"] = {"operations": a.offline.split(",")}
    limits = {"maxLoad": a.max_load, "maxBalance": a.max_balance, "approvalThreshold": a.approval_threshold}
    if any(limits.values()):
        body["limits"] = {k: v for k, v in limits.items() if v is not None}
    if a.discount:
        kind, _, value = a.discount.partition(":")
        body["offer"] = {"description": a.description, "discountType": kind, "value": value}
    if a.points_config:
        body["pointsConfig"] = _json_file(a.points_config)
    data = c.call("POST", "/series", body)
    return (
        data,
        f"series {data['seriesNumber']} added: {data['kind']}, prefix {data['prefix']}, "
        f"length {data['length']}",
    )


def _series_list(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", "/series")
    lines = [
        f"{s['seriesNumber']:<12} {s['kind']:<12} {s['prefix']:<8} {s['length']:>3} {s['currency']}  "
        f"{s['description']}"
        for s in data["series"]
    ]
    return data, "\n".join(lines) or "no series"


def _instruments_issue(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    body: dict[str, Any] = {"count": a.count}
    if a.amount:
        body["amount"] = a.amount
    text = c.csv(f"/series/{a.series}/instruments/_issue", body)
    try:
        write_atomic(a.csv, text)
    except OSError as exc:
        raise CliError(f"{a.csv}: cannot write the CSV: {exc.strerror}") from exc
    count = max(len(text.splitlines()) - 1, 0)
    data = {"seriesNumber": a.series, "count": count, "csv": str(a.csv)}
    return data, f"{count} instruments of {a.series} issued; numbers in {a.csv} (keep it safe)"


def _instrument_show(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", f"/instruments/{a.number}")
    i = data["instrument"]
    lines = [f"{mask_number(i['number'])}  {i['kind']} {i['seriesNumber']}  {i['status']}"]
    if "account" in i:
        lines.append(
            f"balance {i['account']['amountNet']} {i['currency']} "
            f"(available {i['account']['amountAvailable']})"
        )
    if i.get("blockReason"):
        lines.append(f"blocked: {i['blockReason']}")
    for t in data["history"]:
        amount = t["amount"] if t["amount"] is not None else t["points"]
        lines.append(
            f"  {t['created']}  {t['type']:<8} {amount if amount is not None else ''}  "
            f"store {t['store']} POS {t['pos']}"
        )
    return data, "\n".join(lines)


def _instrument_block(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/instruments/{a.number}/_block", {"reason": a.reason})
    return data, f"{mask_number(a.number)} blocked"


def _instrument_unblock(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/instruments/{a.number}/_unblock")
    return data, f"{mask_number(a.number)} unblocked: {data['instrument']['status']}"


def _customer_show(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", "/customers", customerId=a.id, reveal="true" if a.reveal else None)
    lines = [
        f"{x['customerId']}  {x['firstName'] or ''} {x['lastName'] or ''}  "
        f"{x['phone'] or ''}  {x['email'] or ''}" + ("  (erased)" if x["erased"] else "")
        for x in data["customers"]
    ]
    return data, "\n".join(lines)


def _customer_export(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", f"/customers/{a.id}/export")
    if a.output:
        try:
            write_atomic(a.output, json.dumps(data, indent=2, ensure_ascii=False))
        except OSError as exc:
            raise CliError(f"{a.output}: cannot write: {exc.strerror}") from exc
        return data, f"customer {a.id}: exported to {a.output}"
    return data, json.dumps(data, indent=2, ensure_ascii=False)


def _customer_erase(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("POST", f"/customers/{a.id}/_erase")
    return data, f"customer {a.id}: personal data erased (ledger and consent history kept)"


def _report_liability(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", "/reports/liability")
    lines = [
        f"{s['seriesNumber']:<12} {s['kind']:<12} {s['cards']:>6} cards  "
        f"{s['outstanding']:>14} {s['currency']}"
        for s in data["series"]
    ]
    lines += [
        f"{'total':<12} {'':<12} {'':>12}  {t['outstanding']:>14} {t['currency']}" for t in data["totals"]
    ]
    return data, "\n".join(lines) or "nothing outstanding"


def _report_totals(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", "/reports/totals", **{"from": a.date_from, "to": a.date_to})
    lines = [f"{data['from']} .. {data['to']}"]
    for s in data["stores"]:
        lines.append(f"store {s['store']}")
        lines += [
            f"  {x['kind']:<12} {x['type']:<10} {x['count']:>5}  "
            f"{x['amount']:>12} {x['currency']}  {x['points']} pt"
            for x in s["lines"]
        ]
    return data, "\n".join(lines)


def _audit_list(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", "/audit", limit=a.limit, action=a.action)
    lines = [f"{e['time']}  {e['user']:<12} {e['action']:<20} {e['target']}" for e in data["entries"]]
    return data, "\n".join(lines) or "no audit entries"


def _points_rules_show(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", f"/series/{a.series}/points-rules")
    return data, _points_rules_text(data)


def _points_rules_set(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("PUT", f"/series/{a.series}/points-rules", _json_file(a.file))
    return data, f"points rules of {a.series} set\n" + _points_rules_text(data)


def _points_rules_text(data: dict[str, Any]) -> str:
    lines = [f"series {data['seriesNumber']}: a point is worth {data['pointValue']} {data['currency']}"]
    for rule in data["rules"]:
        settings = ", ".join(f"{k} {json.dumps(v)}" for k, v in rule.items() if k != "rule")
        lines.append(f"  {rule['rule']}: {settings}")
    reward = data.get("reward")
    if reward:
        lines.append(
            f"  reward: {reward['threshold']} points -> {reward['rewardValue']} ({reward['couponSeries']})"
        )
    for code, p in sorted(data.get("pointsProducts", {}).items()):
        lines.append(f"  bought with points: {code} {p['description']} for {p['points']} points")
    return "\n".join(lines)


def _coupon_offer_show(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    data = c.call("GET", f"/series/{a.series}/coupon-offer")
    return data, _offer_text(data)


def _coupon_offer_set(a: argparse.Namespace, c: AdminClient) -> tuple[dict[str, Any], str]:
    body: dict[str, Any] = {"description": a.description, "discountType": a.type, "value": a.value}
    if a.single_use is not None:
        body["singleUse"] = a.single_use
    data = c.call("PUT", f"/series/{a.series}/coupon-offer", body)
    return data, f"offer of {a.series} set: " + _offer_text(data)


def _offer_text(data: dict[str, Any]) -> str:
    value = (
        f"{data['value']}%" if data["discountType"] == "percent" else f"{data['value']} {data['currency']}"
    )
    uses = {True: "single use", False: "any number of uses", None: "uses not set"}[data["singleUse"]]
    return f"{data['seriesNumber']}: {data['description']} ({value} off, {uses})"


def _json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CliError(f"{path}: cannot read JSON: {exc}") from exc


# -- parsing and running --------------------------------------------------------------------------


def _secret_file(path: Path) -> str:
    try:
        secret = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CliError(f"{path}: cannot read the password: {exc.strerror}") from exc
    if not secret:
        raise CliError(f"{path}: the password is empty")
    return secret


def _password(args: argparse.Namespace) -> str:
    if args.password_file is not None:
        password = _secret_file(args.password_file)
    elif os.environ.get(PASSWORD_ENV):
        password = os.environ.get(PASSWORD_ENV, "")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"password of {args.user}: ")
    else:
        raise CliError(f"give the password with --password-file F or ${PASSWORD_ENV}")
    if not password:
        raise CliError("the password is empty")
    return password


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    client = AdminClient(
        args.server,
        args.user,
        _password(args),
        args.loyalty_group,
        needs_group=getattr(args, "admin_needs_group", True),
    )
    try:
        data, human = args.admin_handler(args, client)
    finally:
        client.close()
    ctx.out.result(data, human)
    return int(ExitCode.OK)


def _leaf(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_: str, handler: Handler
) -> argparse.ArgumentParser:
    p = actions.add_parser(name, help=help_)
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    p.set_defaults(handler=run, admin_handler=handler)
    return p


def _group(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help_: str
) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    return sub.add_parser(name, help=help_).add_subparsers(
        dest=f"admin_{name}", metavar="ACTION", required=True
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    admin = sub.add_parser(
        "admin", help="the back office: stores, POS pairing, series, cards, customers, reports"
    )
    admin.add_argument("--server", required=True, metavar="URL", help="the Loyalty server's base URL")
    admin.add_argument("--user", required=True, metavar="NAME", help="admin account")
    admin.add_argument(
        "--password-file", type=Path, metavar="F", help=f"file holding the password (or ${PASSWORD_ENV})"
    )
    admin.add_argument(
        "--loyalty-group", metavar="G", help="work in this loyalty group (default: the account's)"
    )
    admin.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    what = admin.add_subparsers(dest="admin_what", metavar="WHAT", required=True)

    tenants = _group(what, "loyalty-group", "loyalty groups (tenants; a superuser adds them)")
    p = _leaf(tenants, "add", "add a loyalty group", _loyalty_group_add)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--name", required=True)
    p.set_defaults(admin_needs_group=False)

    account = _group(what, "account", "back-office accounts")
    p = _leaf(account, "add", "add an account in --loyalty-group (default: yours)", _account_add)
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, choices=("admin", "support"))
    p.add_argument(
        "--new-password-file", type=Path, required=True, metavar="F", help="file holding its password"
    )
    p.add_argument("--superuser", action="store_true", help="of no loyalty group (superusers only)")
    p.set_defaults(admin_needs_group=False)

    organisation = _group(what, "organisation", "organisations (they own sites)")
    p = _leaf(organisation, "add", "add an organisation", _organisation_add)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--name", required=True)

    site = _group(what, "site", "sites of an organisation (a store may name its site)")
    p = _leaf(site, "add", "add a site", _site_add)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--organisation", required=True, metavar="CODE")
    p.add_argument("--name", required=True)
    p.add_argument("--address", default="")

    store = _group(what, "store", "stores")
    p = _leaf(store, "add", "add a store", _store_add)
    p.add_argument("--store", type=int, required=True, metavar="N")
    p.add_argument("--name", required=True)
    p.add_argument("--address", default="")
    p.add_argument("--site", default=None, metavar="CODE")
    _leaf(store, "list", "stores with their merchant and POS", _store_list)

    pos = _group(what, "pos", "POS terminals of a store")
    for name, help_, handler in (
        ("add", "add a POS to a store (its merchant first)", _pos_add),
        ("pair-code", "a one-time code that pairs a till as this POS", _pos_pair_code),
        ("revoke", "revoke the POS's token at once", _pos_revoke),
    ):
        p = _leaf(pos, name, help_, handler)
        p.add_argument("--store", type=int, required=True, metavar="N")
        p.add_argument("--pos", type=int, required=True, metavar="M")

    merchant = _group(what, "merchant", "merchants (one per store)")
    p = _leaf(merchant, "add", "add the merchant of a store", _merchant_add)
    p.add_argument("--store", type=int, required=True, metavar="N")
    p.add_argument("--name", required=True)
    p.add_argument("--currency", required=True, metavar="CUR")

    group = _group(what, "merchant-group", "merchant groups (issuers and acceptors of series)")
    p = _leaf(group, "add", "add a merchant group", _group_add)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--name", required=True)
    p = _leaf(group, "join", "put a merchant in a merchant group", _group_join)
    p.add_argument("code", metavar="CODE")
    p.add_argument("merchant_id", metavar="MERCHANT_ID")

    series = _group(what, "series", "card and coupon series")
    p = _leaf(series, "add", "add a series", _series_add)
    p.add_argument("--number", required=True, metavar="N", help="the series number, e.g. GC-PLN")
    p.add_argument("--kind", required=True, choices=("giftcard", "storecredit", "coupon", "loyaltycard"))
    p.add_argument("--description", required=True, metavar="TEXT")
    p.add_argument("--prefix", required=True, metavar="P")
    p.add_argument("--length", type=int, required=True, metavar="L")
    p.add_argument("--check-digit", choices=("luhn", "none"), default="luhn")
    p.add_argument("--alphanumeric", action="store_true", help="numbers of letters and digits")
    p.add_argument("--currency", required=True, metavar="CUR")
    p.add_argument("--issuer-group", required=True, metavar="G")
    p.add_argument("--acceptor-group", required=True, metavar="G")
    p.add_argument("--issue-mode", choices=("preissued", "live"), default="preissued")
    p.add_argument("--amount-mode", choices=("fixed", "manual"), default="manual")
    p.add_argument("--fixed-amount", metavar="A")
    p.add_argument("--min", metavar="A")
    p.add_argument("--max", metavar="A")
    p.add_argument("--validity-days", type=int, metavar="D")
    p.add_argument("--offline", metavar="OPS", help="operations allowed offline, comma-separated")
    p.add_argument("--max-load", metavar="A")
    p.add_argument("--max-balance", metavar="A")
    p.add_argument("--approval-threshold", metavar="A")
    p.add_argument("--discount", metavar="percent:V|amount:V", help="a coupon's offer")
    p.add_argument("--points-config", type=Path, metavar="F", help="a loyalty card's points rules (JSON)")
    _leaf(series, "list", "the series of the loyalty group", _series_list)

    rules = _group(what, "points-rules", "a loyalty card series' points rules and threshold reward")
    p = _leaf(rules, "show", "the points rules of a loyalty card series", _points_rules_show)
    p.add_argument("series", metavar="SERIES")
    p = _leaf(rules, "set", "replace them with a JSON file (docs/API.md, Points rules)", _points_rules_set)
    p.add_argument("series", metavar="SERIES")
    p.add_argument("--file", type=Path, required=True, metavar="F", help="the rules as JSON")

    offer = _group(what, "coupon-offer", "what a coupon series' coupons give")
    p = _leaf(offer, "show", "the offer of a coupon series", _coupon_offer_show)
    p.add_argument("series", metavar="SERIES")
    p = _leaf(offer, "set", "set the offer of a coupon series", _coupon_offer_set)
    p.add_argument("series", metavar="SERIES")
    p.add_argument("--type", required=True, choices=("percent", "amount"))
    p.add_argument("--value", required=True, metavar="V", help='a percentage ("10") or an amount ("5.00")')
    p.add_argument("--description", required=True, metavar="TEXT", help="as the till shows it")
    uses = p.add_mutually_exclusive_group()
    uses.add_argument("--single-use", dest="single_use", action="store_true", default=None)
    uses.add_argument("--multi-use", dest="single_use", action="store_false")

    instruments = _group(what, "instruments", "batches of pre-issued cards")
    p = _leaf(instruments, "issue", "pre-issue a batch and write the card printer's CSV", _instruments_issue)
    p.add_argument("series", metavar="SERIES")
    p.add_argument("--count", type=int, required=True, metavar="N")
    p.add_argument("--amount", metavar="A", help="the face value printed on the cards")
    p.add_argument("--csv", type=Path, required=True, metavar="FILE")

    instrument = _group(what, "instrument", "one card or coupon")
    p = _leaf(instrument, "show", "state, balance and history", _instrument_show)
    p.add_argument("number", metavar="NUMBER")
    p = _leaf(instrument, "block", "block a card", _instrument_block)
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--reason", required=True)
    p = _leaf(instrument, "unblock", "unblock a card", _instrument_unblock)
    p.add_argument("number", metavar="NUMBER")

    customer = _group(what, "customer", "customers' personal data")
    p = _leaf(customer, "show", "look a customer up (masked unless --reveal)", _customer_show)
    p.add_argument("id", metavar="ID")
    p.add_argument("--reveal", action="store_true", help="show personal data whole (admins; audited)")
    p = _leaf(customer, "export", "everything kept about one customer (JSON)", _customer_export)
    p.add_argument("id", metavar="ID")
    p.add_argument("--output", type=Path, metavar="FILE", help="write it to FILE (owner-only)")
    p = _leaf(customer, "erase", "erase a customer's personal data (the ledger is kept)", _customer_erase)
    p.add_argument("id", metavar="ID")

    report = _group(what, "report", "reports")
    _leaf(report, "liability", "outstanding gift-card and store-credit balances", _report_liability)
    p = _leaf(report, "totals", "a day's or period's totals per store and terminal", _report_totals)
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")

    audit = _group(what, "audit", "the audit of admin changes")
    p = _leaf(audit, "list", "the latest changes, newest first", _audit_list)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--action", metavar="ACTION", help="only this action, e.g. series.add")
