"""The app's screens and how the main window finds them.

A screen is a :class:`Screen`: a ``QWidget`` subclass with

- ``title``: its tab title, marked for translation with
  ``QT_TRANSLATE_NOOP("screens", "Day summary")`` (the main window translates it at run time);
- ``roles``: the operator roles that see it (left empty: ``manager_*`` modules' screens are for
  managers, ``technician_*`` modules' for technicians);
- a constructor ``(ctx: ui.context.AppContext, parent: QWidget | None = None)``;
- optionally :meth:`Screen.activated` (shown), :meth:`Screen.retranslate` (language changed, on
  :attr:`ui.i18n.Translations.language_changed`) and
  :meth:`Screen.busy_reason` (a reason not to sign off now).

Screens live in ``ui/screens/``: ``cashier*.py`` for the till, ``manager_*.py`` and
``technician_*.py`` for the other roles. A ``manager_*``/``technician_*`` module lists its screens in
``SCREENS = [ScreenClass, ...]``; :func:`discover` imports them (a module that fails to import is
logged with its traceback and left out, so the till keeps working).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_client.security import Role

if TYPE_CHECKING:
    from ui.context import AppContext

log = logging.getLogger(__name__)

ROLE_PREFIXES = ("manager_", "technician_")


class Screen(QWidget):
    """Base of every screen (see the module doc)."""

    title: ClassVar[str] = ""
    roles: ClassVar[frozenset[Role]] = frozenset()  # empty: decided by the module's name
    order: ClassVar[int] = 100  # tab position: lower first

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # On the app's signal rather than Qt's LanguageChange event: see ui.main_window.
        ctx.i18n.language_changed.connect(self.retranslate)

    @classmethod
    def display_title(cls) -> str:
        """The translated title."""
        return QCoreApplication.translate("screens", cls.title)

    def activated(self) -> None:
        """Called when the screen becomes the visible one (refresh here)."""

    def retranslate(self) -> None:
        """Called when the language changed: set every visible text again."""

    def busy_reason(self) -> str | None:
        """A translated reason why the operator should not sign off now (an open payment hold...)."""
        return None


def discover() -> list[type[Screen]]:
    """Every screen class: the cashier screens and those of the ``manager_*``/``technician_*`` modules."""
    import importlib  # here, not at the top: the sign-on form needs Screen, not the finder (ui.launch)
    import pkgutil

    import ui.screens as package

    found: list[type[Screen]] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name != "cashier" and not info.name.startswith(ROLE_PREFIXES):
            continue
        try:
            module = importlib.import_module(f"{package.__name__}.{info.name}")
        except Exception:
            log.exception("screen module %s could not be loaded; left out", info.name)
            continue
        for cls in getattr(module, "SCREENS", ()):
            if isinstance(cls, type) and issubclass(cls, QWidget):
                found.append(cls)  # type: ignore[arg-type]  # a QWidget with the Screen protocol
    return sorted(found, key=lambda cls: (getattr(cls, "order", 100), cls.__name__))


def roles_of(cls: type[QWidget]) -> frozenset[Role]:
    """Who sees screen ``cls``: its ``roles``, else by its module's name."""
    roles: frozenset[Role] = frozenset(getattr(cls, "roles", frozenset()))
    if roles:
        return roles
    module = cls.__module__.rsplit(".", 1)[-1]
    if module.startswith("manager_"):
        return frozenset({Role.MANAGER})
    if module.startswith("technician_"):
        return frozenset({Role.TECHNICIAN})
    return frozenset({Role.CASHIER, Role.MANAGER})


def screens_for(role: Role, screens: list[type[Screen]]) -> list[type[Screen]]:
    """The screens an operator of ``role`` sees, in tab order."""
    return [cls for cls in screens if role in roles_of(cls)]
