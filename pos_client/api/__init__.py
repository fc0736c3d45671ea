"""The Loyalty API client: the only code that knows the wire format (docs/API.md).

``client`` sends requests (httpx, synchronous, injectable transport), ``parse`` turns JSON into
``pos_client.domain`` values strictly, ``errors`` types every failure.
"""
