"""Qt item models over the core's domain objects, for the manager and technician screens.

Each model is a thin :class:`~ui.models.table.RowsModel`: a list of frozen domain values plus the
columns that show them (translated headers, locale-formatted money and times). Screens never keep
data in widgets; they hand fresh rows to their model.
"""
