"""Receipt printers: the document model, ESC/POS rendering, connections by URL, status and an
ESC/POS emulator. Qt-free and independent of ``pos_client`` (docs/ARCHITECTURE.md#layers)."""
