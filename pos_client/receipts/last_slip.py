"""The last slip, kept for reprint: written *before* it is sent to the printer.

Design: two files in the data directory, replaced atomically (write to a temp file, then rename):
``last-slip.json`` (the document, its title, the printer profile it was rendered for, when) and
``last-slip.bin`` (the exact ESC/POS bytes). A failed print therefore always leaves a reprintable slip.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from drivers.printers.document import Document, from_json, to_json
from pos_client.files import write_atomic

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredSlip:
    """The last slip as stored."""

    document: Document
    data: bytes
    profile: str
    created: dt.datetime


class LastSlipStore:
    """Keeps the last rendered slip in ``directory``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def _json(self) -> Path:
        return self.directory / "last-slip.json"

    @property
    def _bin(self) -> Path:
        return self.directory / "last-slip.bin"

    def save(self, document: Document, data: bytes, profile: str, now: dt.datetime | None = None) -> None:
        """Store a slip (replacing the previous one)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        created = now or dt.datetime.now(dt.UTC)
        meta = {"profile": profile, "created": created.isoformat(), "document": to_json(document)}
        write_atomic(self._bin, data, durable=True)
        write_atomic(self._json, json.dumps(meta, ensure_ascii=False), durable=True)

    def load(self) -> StoredSlip | None:
        """The last slip, or None when nothing was printed yet (or the files are unreadable)."""
        try:
            meta = json.loads(self._json.read_text(encoding="utf-8"))
            data = self._bin.read_bytes()
            return StoredSlip(
                document=from_json(meta["document"]),
                data=data,
                profile=str(meta["profile"]),
                created=dt.datetime.fromisoformat(meta["created"]),
            )
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("last slip in %s is unreadable: %s", self.directory, exc)
            return None
