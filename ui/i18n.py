"""Languages and themes, switchable while the app runs.

- Texts: Qt Linguist. Sources are ``resources/translations/loyalty_pos_<lang>.ts``; after changing
  texts run ``pyside6-lupdate ui/*.py ui/screens/*.py ui/models/*.py -ts
  resources/translations/loyalty_pos_pl.ts``,
  translate in ``pyside6-linguist``, then ``pyside6-lrelease`` the ``.ts`` into the ``.qm`` that sits
  next to it (both are committed; PySide6-Essentials ships both tools). English is the source
  language (no file needed). Qt's own texts (dialog buttons) come from the ``qtbase_<lang>.qm`` PySide6 ships.
- Switching installs the new translators and emits :attr:`Translations.language_changed`, on which
  the window's frame and every screen set their texts again (``retranslate``; the cashier screen
  also redraws its card panel for the new locale). Not on Qt's ``LanguageChange`` event: a Python
  ``changeEvent`` would put ``QEvent`` in the first window (see :mod:`ui.main_window`). Qt's own
  widgets and dialogs still get that event.
- Money and dates follow the language: Polish → ``pl_PL``; English → the configured locale when it is
  an English one, else ``en_GB``. Slips use that locale, so their words (the core's gettext catalogue,
  :mod:`pos_client.i18n`) follow the app's language too; a switch also sets the core's language, in
  which :mod:`pos_client.words` names kinds, states and operations on the screens.
- What is already on screen follows a switch too: a message in the banner is said again in the new
  language (:meth:`Translations.reword`: the catalogue gives back the text's source and its
  arguments, which are put into the new language's words).
- Themes are ``resources/qss/<name>.qss`` (light, dark); widgets carry object names and dynamic
  properties (``level``, ``state``, ``role``) and no inline styles.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from pos_client import i18n as core_i18n

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
THEMES = RESOURCES / "qss"
ICON = RESOURCES / "icons" / "loyalty-pos.svg"
LANGUAGES = ("en", "pl")
THEME_NAMES = ("light", "dark")
CATALOGUE = "loyalty_pos"


_FIELD = re.compile(r"\{(\w*)(?::[^}]*)?\}")


@dataclass(frozen=True)
class _Template:
    """One catalogue text in one language, as a pattern that gives back its arguments."""

    context: str
    source: str
    fields: tuple[str, ...]
    pattern: re.Pattern[str]
    literal: int  # characters outside the fields: the more, the surer a match


def _template(context: str, source: str, text: str) -> _Template:
    fields = tuple(m.group(1) for m in _FIELD.finditer(text))
    parts = _FIELD.split(text)[::2]  # split keeps the field names at odd places
    pattern = re.compile("(?s)" + "(.+?)".join(re.escape(p) for p in parts))
    return _Template(context, source, fields, pattern, sum(len(p) for p in parts))


@cache
def _templates(language: str) -> tuple[_Template, ...]:
    """Every text of the app's catalogue as written in ``language`` (English: the sources)."""
    import xml.etree.ElementTree as ET  # only for a language switch: not at start-up

    try:
        tree = ET.parse(TRANSLATIONS / f"{CATALOGUE}_{'pl' if language == 'en' else language}.ts")
    except (OSError, ET.ParseError) as exc:
        log.warning("catalogue unreadable: %s", exc)
        return ()
    found: list[_Template] = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            text = source if language == "en" else message.findtext("translation") or ""
            template = _template(name, source, text) if source and text else None
            if template is not None and template.literal >= 2:  # "{reason}" alone says nothing
                found.append(template)
    return tuple(sorted(found, key=lambda t: -t.literal))


_SENTENCE_END = re.compile(r"[.!?)] (?=\S)")  # where one sentence of a message ends and the next begins


def _fill(words: str, args: dict[str, str]) -> str:
    """``words`` with each ``{field}`` replaced by ``args[field]``; KeyError for a field not there."""
    return _FIELD.sub(lambda m: args[m.group(1)], words)


def reword(text: str, written_in: str, depth: int = 0) -> str | None:
    """``text``, written in ``written_in`` from the app's catalogue, in the current language; None
    when it is not a catalogue text (then it stays as it is). Arguments that are catalogue texts
    themselves ("Cannot sign off: {reason}") are reworded too; others (names, amounts) stay."""
    if not text or depth > 3:
        return None
    for template in _templates(written_in):
        match = template.pattern.fullmatch(text)
        if match is None:
            continue
        words = QCoreApplication.translate(template.context, template.source)
        args: dict[str, str] = {}
        for name, value in zip(template.fields, match.groups(), strict=True):
            if args.get(name, value) != value:
                break  # a field used twice must have the same value both times
            args[name] = reword(value, written_in, depth + 1) or value
        else:
            try:
                return _fill(words, args) if template.fields else words
            except KeyError:  # the translation names a field the source has not
                continue
    # Sentences said one after the other ("Payment of 20.00 taken offline." + " The server cannot be
    # reached: …"): each catalogue sentence on its own.
    for end in _SENTENCE_END.finditer(text):
        head = reword(text[: end.start() + 1], written_in, depth + 1)
        tail = reword(text[end.end() :], written_in, depth + 1) if head is not None else None
        if head is not None and tail is not None:
            return f"{head} {tail}"
    return None


def locale_for(language: str, configured: str = "en_GB") -> str:
    """The money/date locale for ``language``."""
    if language == "pl":
        return "pl_PL"
    return configured if configured.lower().startswith("en") else "en_GB"


class Translations(QObject):
    """The app's language and theme.

    Args:
        app: the application.
        configured_locale: ``[terminal] locale``.

    Signals:
        language_changed(str): the new language code.
        theme_changed(str): the new theme name.
    """

    language_changed = Signal(str)
    theme_changed = Signal(str)

    def __init__(
        self, app: QApplication, configured_locale: str = "en_GB", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._configured = configured_locale
        self._translators: list[QTranslator] = []
        self._language = "en"
        self._theme = "light"
        core_i18n.set_language("en")  # the process has one language: the core's words start with ours

    @property
    def language(self) -> str:
        """The current language code."""
        return self._language

    @property
    def locale(self) -> str:
        """The locale for money and dates (``pl_PL``, ``en_GB``)."""
        return locale_for(self._language, self._configured)

    @property
    def theme(self) -> str:
        """The current theme name."""
        return self._theme

    def reword(self, text: str, written_in: str) -> str:
        """A shown text, written in ``written_in``, in the current language (itself if unknown)."""
        if written_in == self._language or written_in not in LANGUAGES:
            return text
        return reword(text, written_in) or text

    def set_language(self, language: str) -> None:
        """Switch every text to ``language`` (``en`` or ``pl``; anything else: English)."""
        language = language if language in LANGUAGES else "en"
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        if language != "en":
            from PySide6.QtCore import QLibraryInfo  # a type built on first touch: not for English

            self._load(TRANSLATIONS, f"{CATALOGUE}_{language}")
            self._load(
                Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}"
            )
        QLocale.setDefault(QLocale(self.locale_for_qt(language)))
        core_i18n.set_language(language)  # the core's words (slips' REPRINT, domain names) follow
        self._language = language
        self.language_changed.emit(language)

    @staticmethod
    def locale_for_qt(language: str) -> str:
        return "pl_PL" if language == "pl" else "en_GB"

    def _load(self, directory: Path, name: str) -> None:
        translator = QTranslator(self)
        if translator.load(name, str(directory)):
            self._app.installTranslator(translator)
            self._translators.append(translator)
        else:
            log.warning("translation %s not found in %s", name, directory)

    def set_theme(self, theme: str) -> None:
        """Apply ``resources/qss/<theme>.qss`` (unknown names: light)."""
        theme = theme if theme in THEME_NAMES else "light"
        try:
            sheet = (THEMES / f"{theme}.qss").read_text(encoding="utf-8")
            sheet = sheet.replace("@ICONS@", ICON.parent.as_posix())  # url() needs a real path
        except OSError as exc:
            log.warning("theme %s unreadable: %s", theme, exc.strerror)
            sheet = ""
        self._app.setStyleSheet(sheet)
        self._theme = theme
        self.theme_changed.emit(theme)
