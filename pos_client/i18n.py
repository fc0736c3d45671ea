"""The core's words in the terminal's language: every slip and the command line (the Qt app's own
texts are Qt Linguist's, :mod:`ui.i18n`).

- Catalogue: GNU gettext. English is the source language: a text is marked ``_("...")`` where it
  is used, or ``N_("...")`` where it only sits in a table and is translated later (``_(TABLE[k])``).
  The Polish catalogue is ``resources/translations/loyalty_pos_core_pl.po``, compiled to the ``.mo``
  next to it (both committed). After changing texts::

      xgettext -L Python -k_ -kN_ --from-code=UTF-8 -o /tmp/core.pot $(find pos_client -name '*.py')
      msgmerge -U resources/translations/loyalty_pos_core_pl.po /tmp/core.pot
      # translate the new entries, then:
      cd resources/translations && msgfmt --check -o loyalty_pos_core_pl.mo loyalty_pos_core_pl.po

  ``tests/pos_client/test_i18n.py`` fails on a marked text without a Polish translation.
- Which language: a slip is written in the language of the locale it is formatted in
  (``SlipSettings.locale``: ``pl_PL`` gives Polish words *and* Polish numbers, never one without the
  other); the app passes its current language's locale, the CLI the configured
  ``[terminal] locale``. The CLI speaks that language too (:func:`set_language` once the
  configuration is read). Locales without a catalogue get English.
- The language is a context variable with a process-wide default, so a slip built on a printer thread
  in Polish never changes the words of a CLI message or another thread's slip.
"""

from __future__ import annotations

import gettext as _gettext
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
CATALOGUE = "loyalty_pos_core"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "pl")

_process_language = SOURCE_LANGUAGE
_language: ContextVar[str | None] = ContextVar("pos_client_language", default=None)


def language_of(locale: str) -> str:
    """The language of texts for a locale: ``pl_PL`` → ``pl``; English or unknown → ``en``."""
    language = locale.replace("-", "_").partition("_")[0].lower()
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def current_language() -> str:
    """The language texts are translated into here and now."""
    return _language.get() or _process_language


def set_language(language: str) -> None:
    """Set the process's language (the CLI: the configured terminal's); unknown codes: English."""
    global _process_language
    _process_language = language if language in LANGUAGES else SOURCE_LANGUAGE


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Translate into ``language`` inside the ``with`` block (this thread / task only)."""
    token = _language.set(language if language in LANGUAGES else SOURCE_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


@cache
def _catalogue(language: str) -> _gettext.NullTranslations:
    path = TRANSLATIONS / f"{CATALOGUE}_{language}.mo"
    try:
        with path.open("rb") as file:
            return _gettext.GNUTranslations(file)
    except OSError as exc:
        log.warning("no %s texts: %s unreadable (%s)", language, path, exc.strerror)
        return _gettext.NullTranslations()


def gettext(message: str) -> str:
    """``message`` in the current language (itself when there is no translation)."""
    language = current_language()
    if language == SOURCE_LANGUAGE or not message:
        return message
    return _catalogue(language).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (for tables; see the module doc)."""
    return message


_ = gettext
