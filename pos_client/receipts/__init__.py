"""Receipts: the slips the terminal prints, as printer-independent documents.

``slips`` builds a :class:`~drivers.printers.document.Document` per slip from domain values,
``choose`` picks the slip for an operation result, ``printing`` prints it without ever losing it
(``last_slip`` keeps it for reprint). Rendering to ESC/POS is ``drivers.printers``' job.
"""
