"""HTTP routes, one module per resource; they parse, call a service and shape the answer."""
