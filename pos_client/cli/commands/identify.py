"""``loyalty-pos identify NUMBER``: which series a number belongs to, locally (no network).

Exit 0 with ``kind`` and ``seriesNumber``; exit 1 with the precise ``reason`` (unknown prefix,
wrong length, bad check digit, not accepted / not issuable here) when the number cannot be used.
"""

from __future__ import annotations

import argparse
from typing import Any

from pos_client.cli.context import CliContext
from pos_client.cli.errors import WORDS
from pos_client.cli.output import KIND_LABELS, CliError, ExitCode
from pos_client.errors import ErrorCode
from pos_client.i18n import gettext as _
from pos_client.masking import mask_number


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("identify", help="the series of a number, or why it has none (local)")
    p.add_argument("number", metavar="NUMBER", help="the number as typed or scanned")
    p.add_argument("--issuing", action="store_true", help="check that it may be sold/issued here")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    found = ctx.service().identify(args.number, issuing=args.issuing)
    series = found.series
    data: dict[str, Any] = {"number": mask_number(found.number)}
    if series is not None:
        data.update(
            kind=series.kind.value,
            seriesNumber=series.series_number,
            description=series.description,
            currency=series.currency,
        )
    if found.ok and series is not None:
        label = _(KIND_LABELS[series.kind])
        human = f"{label} {mask_number(found.number)}: {series.series_number} ({series.description})"
        ctx.out.result(data, human)
        return int(ExitCode.OK)
    assert found.reason is not None
    data["reason"] = found.reason.value
    reason = _(WORDS[ErrorCode(found.reason.value)])
    message = f"{mask_number(found.number) or '-'}: {reason} ({found.reason.value})"
    if ctx.catalogue_empty():
        message += _("; the series list is empty: run `loyalty-pos series sync`")
    raise CliError(message, ExitCode.REFUSED, data)
