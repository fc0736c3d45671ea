"""The headless twin of the app: ``loyalty-pos …`` (docs/ARCHITECTURE.md#cli).

Layout: ``main.py`` parses the global options and dispatches; each command group lives in
``commands/<group>.py`` and exposes ``register(subparsers)``, which adds its parser(s) and sets
``handler`` (a function ``(args, ctx) -> int``) with ``set_defaults``. ``context.py`` holds what the
handlers share (output, configuration, the service), built lazily so that ``--help`` and ``server``
stay fast. Exit codes are :class:`pos_client.cli.output.ExitCode`.
"""

from pos_client.cli.main import main

__all__ = ["main"]
