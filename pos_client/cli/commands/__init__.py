"""Command groups of ``loyalty-pos``; see :mod:`pos_client.cli`."""
