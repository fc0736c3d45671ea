"""Business logic: plain functions over a :class:`~loyalty_server.context.Ctx`, no HTTP."""
