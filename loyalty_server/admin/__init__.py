"""The back office: the admin API (``/api/v1/admin/…``), its accounts and audit, and till pairing.

- ``auth``: admin accounts, password hashing, bearer sessions, lock-out, and the one authorisation
  check (:func:`~loyalty_server.admin.auth.authorize`) every service function makes first.
- ``services``: plain functions over an :class:`~loyalty_server.admin.auth.AdminCtx` that the JSON
  routes call and server-rendered pages can call too; every change writes an audit row.
- ``routes``: the JSON routes, kept out of the POS contract document (``resources/openapi.json``).
"""
