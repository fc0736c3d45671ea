"""Benchmarks: each module prints one JSON line of measured figures (``python -m bench.NAME``)."""
