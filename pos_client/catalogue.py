"""The series catalogue: synced from ``GET /series`` into SQLite, identifies numbers offline
(docs/ARCHITECTURE.md#domain).

Design:

- ``sync`` sends the stored ETag; a 304 changes nothing, a 200 replaces the cached list in one
  transaction. The cache is the server's JSON (camelCase), re-read with the strict API parser.
- Identification never goes online and never raises: normalise (the scanner normaliser of
  ``drivers.scanners.normalise``: whitespace, control characters, AIM identifiers, the configured
  prefix/suffix), upper-case ASCII, then walk the number's own prefixes from the longest down through
  an index ``prefix → series``. Only prefix lengths that exist are tried, so a lookup costs
  O(length of the number) whatever the number of series. The first series whose length, alphabet and
  check digit fit wins; otherwise the reason of the prefix that got furthest (length, then
  alphabet, then check digit) is given, the longest prefix among equals.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drivers.scanners.normalise import Normaliser
from pos_client.api import parse
from pos_client.api.client import LoyaltyClient
from pos_client.api.errors import ProtocolError
from pos_client.domain import CheckDigit, Series

_ALLOWED = re.compile(r"[A-Z0-9]+")
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class Reason(enum.StrEnum):
    """Why a number was not identified, most basic first."""

    EMPTY = "EMPTY"
    INVALID_CHARACTERS = "INVALID_CHARACTERS"
    UNKNOWN_PREFIX = "UNKNOWN_PREFIX"
    WRONG_LENGTH = "WRONG_LENGTH"
    BAD_CHECK_DIGIT = "BAD_CHECK_DIGIT"
    NOT_ACCEPTED_HERE = "NOT_ACCEPTED_HERE"
    NOT_ISSUABLE_HERE = "NOT_ISSUABLE_HERE"


@dataclass(frozen=True)
class Identification:
    """The answer of identification: a series, or the precise reason there is none.

    ``number`` is the normalised number either way. For NOT_ACCEPTED_HERE / NOT_ISSUABLE_HERE the
    series is known and set too; ``ok`` tells whether the number may be used here.
    """

    number: str
    series: Series | None
    reason: Reason | None = None

    @property
    def ok(self) -> bool:
        """True when the number belongs to a series usable here for the asked purpose."""
        return self.series is not None and self.reason is None


@dataclass(frozen=True)
class SyncResult:
    """The outcome of a series sync: ``changed`` is False when the server answered 304."""

    changed: bool
    count: int


# Luhn: every second digit from the right is doubled, and a doubled digit above 9 loses 9. As byte
# tables, so the sums run in C (identification is on the hot path of every scan).
_PLAIN = bytes.maketrans(b"0123456789", bytes(range(10)))
_DOUBLED = bytes.maketrans(b"0123456789", bytes(d * 2 - 9 if d > 4 else d * 2 for d in range(10)))


def luhn_ok(number: str) -> bool:
    """True when ``number`` (digits only) ends with a correct Luhn check digit."""
    if not number.isdigit() or not number.isascii():
        return False
    digits = number.encode("ascii")
    total = sum(digits[-1::-2].translate(_PLAIN)) + sum(digits[-2::-2].translate(_DOUBLED))
    return total % 10 == 0


def luhn_digit(partial: str) -> str:
    """The Luhn check digit to append to ``partial`` (digits only)."""
    for digit in "0123456789":
        if luhn_ok(partial + digit):
            return digit
    raise ValueError(f"not digits: {partial!r}")  # pragma: no cover - every digit string has one


def _fit(series: Series, number: str, checked: dict[CheckDigit, bool]) -> Reason | None:
    """None when ``number`` fits ``series`` (prefix already matched), else why not.

    ``checked`` remembers the check-digit verdict for this number across the series tried, so nested
    prefixes of one length cost one Luhn computation, not one each.
    """
    if len(number) != series.length:
        return Reason.WRONG_LENGTH
    if not series.alphanumeric and not number.isdigit():
        return Reason.INVALID_CHARACTERS
    if series.check_digit is CheckDigit.LUHN:
        ok = checked.get(CheckDigit.LUHN)
        if ok is None:
            ok = checked[CheckDigit.LUHN] = luhn_ok(number)
        if not ok:
            return Reason.BAD_CHECK_DIGIT
    return None


# How far a number got into a series before failing: the reason given is the one that got furthest
# (a 16-digit number with a typo in its check digit is a "bad check digit" even when a longer prefix
# of a 19-digit series also matches); ties go to the longest prefix, which is tried first.
_DEPTH = {Reason.WRONG_LENGTH: 1, Reason.INVALID_CHARACTERS: 2, Reason.BAD_CHECK_DIGIT: 3}


def _closer(best: Reason | None, reason: Reason) -> Reason:
    return reason if best is None or _DEPTH[reason] > _DEPTH[best] else best


class SeriesIndex:
    """Series by prefix; :meth:`identify` walks the number's prefixes, longest first.

    Args:
        series: the catalogue.
    """

    def __init__(self, series: Iterable[Series]) -> None:
        self.by_prefix: dict[str, list[Series]] = {}
        self.by_number: dict[str, Series] = {}
        for item in series:
            self.by_prefix.setdefault(item.prefix, []).append(item)
            self.by_number[item.series_number] = item
        self.lengths = sorted({len(p) for p in self.by_prefix}, reverse=True)

    def identify(self, number: str, *, issuing: bool = False) -> Identification:
        """Identify an already normalised number (see the module doc)."""
        if not number:
            return Identification(number, None, Reason.EMPTY)
        if not _ALLOWED.fullmatch(number):
            return Identification(number, None, Reason.INVALID_CHARACTERS)
        best: Reason | None = None
        checked: dict[CheckDigit, bool] = {}
        for length in self.lengths:
            if length > len(number):
                continue
            for series in self.by_prefix.get(number[:length], ()):
                reason = _fit(series, number, checked)
                if reason is None:
                    return _usable_here(number, series, issuing)
                best = _closer(best, reason)
        return Identification(number, None, best or Reason.UNKNOWN_PREFIX)

    def linear_identify(self, number: str, *, issuing: bool = False) -> Identification:
        """The same answer by scanning every series (for the benchmark's comparison only)."""
        if not number:
            return Identification(number, None, Reason.EMPTY)
        if not _ALLOWED.fullmatch(number):
            return Identification(number, None, Reason.INVALID_CHARACTERS)
        matches = [s for s in self.by_number.values() if number.startswith(s.prefix)]
        matches.sort(key=lambda s: len(s.prefix), reverse=True)
        best: Reason | None = None
        checked: dict[CheckDigit, bool] = {}
        for series in matches:
            reason = _fit(series, number, checked)
            if reason is None:
                return _usable_here(number, series, issuing)
            best = _closer(best, reason)
        return Identification(number, None, best or Reason.UNKNOWN_PREFIX)


def _usable_here(number: str, series: Series, issuing: bool) -> Identification:
    if issuing and not series.issuable_here:
        return Identification(number, series, Reason.NOT_ISSUABLE_HERE)
    if not issuing and not series.acceptable_here:
        return Identification(number, series, Reason.NOT_ACCEPTED_HERE)
    return Identification(number, series, None)


# The storage format of the cached list: "2" keeps each series' ``limits``. A cache of another
# format sends no ETag, so the next sync downloads the whole list again.
CACHE_FORMAT = "2"


def series_to_json(series: Series) -> dict[str, Any]:
    """A series as docs/API.md writes it (the cache's storage format)."""

    def money(value: Any) -> str | None:
        return None if value is None else str(value)

    policy = series.offline_policy
    return {
        "seriesNumber": series.series_number,
        "kind": series.kind.value,
        "description": series.description,
        "prefix": series.prefix,
        "length": series.length,
        "checkDigit": series.check_digit.value,
        "alphanumeric": series.alphanumeric,
        "currency": series.currency,
        "issueMode": series.issue_mode.value,
        "amountMode": series.amount_mode.value,
        "fixedAmount": money(series.fixed_amount),
        "minAmount": money(series.min_amount),
        "maxAmount": money(series.max_amount),
        "validityDays": series.validity_days,
        "issuerMerchantGroup": series.issuer_merchant_group,
        "acceptorMerchantGroup": series.acceptor_merchant_group,
        "issuableHere": series.issuable_here,
        "acceptableHere": series.acceptable_here,
        "singleUse": series.single_use,
        "offlinePolicy": {
            "operations": sorted(policy.operations),
            "maxAmountPerOperation": money(policy.max_amount_per_operation),
            "maxPointsPerOperation": policy.max_points_per_operation,
        },
        "limits": None
        if series.limits is None
        else {
            "maxLoad": money(series.limits.max_load),
            "maxBalance": money(series.limits.max_balance),
            "approvalThreshold": money(series.limits.approval_threshold),
        },
    }


class Catalogue:
    """The local series catalogue (SQLite) with its in-memory index.

    Args:
        path: the SQLite file (in the data directory); ``:memory:`` for tests.
        normaliser: the scanner normaliser (configured prefix/suffix); default a plain one.
    """

    def __init__(self, path: Path | str, normaliser: Normaliser | None = None) -> None:
        if isinstance(path, Path):
            path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.executescript(
            "CREATE TABLE IF NOT EXISTS series (series_number TEXT PRIMARY KEY, data TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        )
        self._lock = threading.Lock()
        self.normaliser = normaliser or Normaliser()
        self._index = SeriesIndex(self._load())

    def close(self) -> None:
        """Close the database."""
        self._conn.close()

    def _load(self) -> list[Series]:
        result = []
        for (data,) in self._conn.execute("SELECT data FROM series ORDER BY series_number"):
            try:
                result.append(parse.series(parse.Obj(json.loads(data))))
            except (ValueError, ProtocolError):
                continue  # a row from an older version: the next sync replaces it
        return result

    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    @property
    def etag(self) -> str | None:
        """The ETag of the cached list, if the server gave one and the list was stored in today's
        format (a list cached before the series' ``limits`` were kept is downloaded again, even when
        the server's list has not changed since)."""
        if self._meta("format") != CACHE_FORMAT:
            return None
        return self._meta("etag")

    @property
    def synced_at(self) -> dt.datetime | None:
        """When the cache was last confirmed current (UTC), None if never."""
        value = self._meta("synced_at")
        return dt.datetime.fromisoformat(value) if value else None

    def replace(self, series: Iterable[Series], etag: str | None = None) -> int:
        """Replace the whole cached list (one transaction) and rebuild the index; returns the count."""
        items = list(series)
        now = dt.datetime.now(dt.UTC).isoformat()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("DELETE FROM series")
                self._conn.executemany(
                    "INSERT OR REPLACE INTO series (series_number, data) VALUES (?, ?)",
                    [(s.series_number, json.dumps(series_to_json(s))) for s in items],
                )
                self._conn.execute("DELETE FROM meta WHERE key = 'etag'")
                if etag:
                    self._conn.execute("INSERT INTO meta VALUES ('etag', ?)", (etag,))
                self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('synced_at', ?)", (now,))
                self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._index = SeriesIndex(items)
        return len(items)

    def sync(self, client: LoyaltyClient) -> SyncResult:
        """Fetch ``GET /series`` (with the stored ETag) and cache it.

        Raises:
            Unavailable, Unauthorized, ProtocolError: from the client; the cache stays as it was.
        """
        series, etag = client.series(self.etag if self.all() else None)
        if series is None:
            with self._lock:
                self._conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('synced_at', ?)",
                    (dt.datetime.now(dt.UTC).isoformat(),),
                )
            return SyncResult(changed=False, count=len(self.all()))
        return SyncResult(changed=True, count=self.replace(series, etag))

    def all(self) -> tuple[Series, ...]:
        """Every cached series, by series number."""
        return tuple(sorted(self._index.by_number.values(), key=lambda s: s.series_number))

    def get(self, series_number: str) -> Series | None:
        """The series with this number, if cached."""
        return self._index.by_number.get(series_number)

    def normalise(self, raw: str | bytes) -> tuple[str, bool]:
        """The normalised number (ASCII upper case) and whether undecodable bytes were dropped."""
        try:
            if isinstance(raw, bytes):
                scan = self.normaliser.normalise_bytes(raw)
            else:
                scan = self.normaliser.normalise_text(raw)
        except Exception:  # noqa: BLE001 - identification never raises; treat as garbage
            return "", True
        return scan.text.translate(_ASCII_UPPER), bool(scan.invalid)

    def identify(self, raw: str | bytes, *, issuing: bool = False) -> Identification:
        """Identify a scanned (bytes) or typed (str) number; never raises.

        Args:
            raw: what the scanner sent or the person typed.
            issuing: the caller wants to issue/activate (checks the issuer group instead of the
                acceptor group).
        """
        number, had_invalid = self.normalise(raw)
        if had_invalid:
            return Identification(number, None, Reason.INVALID_CHARACTERS)
        return self._index.identify(number, issuing=issuing)
