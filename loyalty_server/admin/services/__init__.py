"""Back-office services: plain functions over an ``AdminCtx``, each authorised once and audited."""
