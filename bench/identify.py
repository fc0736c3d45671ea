"""Benchmark of series identification; prints ONE JSON line of measured figures and ratios.

The catalogue's real lookup (``Catalogue.identify``: normalisation, then the prefix index) is timed with
a catalogue of 10 series and with one of 100,000 series, both drawn from the same distribution (prefix
lengths 4 to 8, 16-digit Luhn numbers, a few alphanumeric coupon series); the baseline is the same
normalisation followed by a linear scan of every series (``SeriesIndex.linear_identify``) over the
100,000. The scanned numbers are a fixed mix: numbers of real series (found), numbers with a wrong check
digit, and numbers of no series. Every figure is the median over batches of the time per number, the
10- and 100,000-series batches interleaved so machine noise hits both alike. ``index_only_*`` times the
prefix-index walk alone on already normalised numbers (normalisation is the same for any catalogue).

Targets (issue 3): ``ratio_100k_vs_10`` ≤ 2 (the lookup is O(length), not O(series)) and
``speedup_vs_linear_100k`` ≥ 100.

Run from the repository root: ``python -m bench.identify [--batches 41] [--batch 200]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from pos_client.catalogue import Catalogue, SeriesIndex, luhn_digit
from pos_client.domain import AmountMode, CheckDigit, IssueMode, Kind, OfflinePolicy, Series

NUMBER_LENGTH = 16
PREFIX_LENGTHS = (4, 5, 6, 7, 8)


def _series(index: int, prefix: str, *, coupon: bool = False) -> Series:
    return Series(
        series_number=f"S{index:06d}",
        kind=Kind.COUPON if coupon else Kind.GIFTCARD,
        description=f"bench series {index}",
        prefix=prefix,
        length=10 if coupon else NUMBER_LENGTH,
        check_digit=CheckDigit.NONE if coupon else CheckDigit.LUHN,
        alphanumeric=coupon,
        currency="PLN",
        issue_mode=IssueMode.PREISSUED,
        amount_mode=AmountMode.MANUAL,
        fixed_amount=None,
        min_amount=Decimal("10.00"),
        max_amount=Decimal("1000.00"),
        validity_days=730,
        issuer_merchant_group="MG-PL",
        acceptor_merchant_group="MG-PL",
        issuable_here=True,
        acceptable_here=True,
        single_use=True if coupon else None,
        offline_policy=OfflinePolicy(),
    )


# Prefix lengths of successive series, per hundred: few short prefixes (there are only 4,000 numeric
# prefixes of 4 digits here), most of 6 to 8 digits, as in a large multi-issuer catalogue.
_LENGTH_PATTERN = (4,) * 1 + (5,) * 10 + (6,) * 30 + (7,) * 30 + (8,) * 29


def make_series(count: int, rng: random.Random) -> list[Series]:
    """``count`` series with distinct prefixes of every length in PREFIX_LENGTHS (1 in 50 a coupon)."""
    prefixes: set[str] = set()
    result: list[Series] = []
    while len(result) < count:
        i = len(result)
        coupon = i % 50 == 7
        length = _LENGTH_PATTERN[i % len(_LENGTH_PATTERN)]
        if coupon:
            prefix = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(length - 1))
        else:
            prefix = rng.choice("3456") + "".join(rng.choice("0123456789") for _ in range(length - 1))
        if prefix in prefixes:
            continue
        prefixes.add(prefix)
        result.append(_series(i, prefix, coupon=coupon))
    return result


def make_numbers(series: Sequence[Series], count: int, rng: random.Random) -> list[bytes]:
    """Scans (bytes, as a serial scanner sends them, with an AIM identifier and CR/LF): 60 % numbers of
    real series, 20 % with a wrong check digit, 20 % of no series at all."""
    numbers: list[bytes] = []
    cards = [s for s in series if s.check_digit is CheckDigit.LUHN]
    for i in range(count):
        kind = i % 5
        if kind in (0, 1, 2):
            target = rng.choice(series)
            if target.alphanumeric:
                number = target.prefix + "".join(
                    rng.choice("0123456789ABCDEFGHJK") for _ in range(target.length - len(target.prefix))
                )
            else:
                body = target.prefix + "".join(
                    rng.choice("0123456789") for _ in range(target.length - len(target.prefix) - 1)
                )
                number = body + luhn_digit(body)
        elif kind == 3:
            target = rng.choice(cards)
            body = target.prefix + "".join(
                rng.choice("0123456789") for _ in range(target.length - len(target.prefix) - 1)
            )
            number = body + str((int(luhn_digit(body)) + 1) % 10)
        else:
            body = "9" + "".join(rng.choice("0123456789") for _ in range(NUMBER_LENGTH - 2))
            number = body + luhn_digit(body)
        numbers.append(f"]E0{number}\r\n".encode("ascii"))
    return numbers


def _per_number_us(lookup: Callable[[Any], object], numbers: Sequence[Any]) -> float:
    start = time.perf_counter_ns()
    for raw in numbers:
        lookup(raw)
    return (time.perf_counter_ns() - start) / len(numbers) / 1000


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--batches", type=int, default=41, help="timed batches per catalogue size")
    parser.add_argument("--batch", type=int, default=200, help="numbers per batch of the indexed lookups")
    parser.add_argument("--linear-numbers", type=int, default=40, help="numbers per batch of the linear scan")
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    big_series = make_series(100_000, rng)
    small_series = rng.sample(big_series, 10)
    # The 10-series catalogue has every prefix length too, so both walk the same prefix lengths.
    small_series = [
        next(s for s in big_series if len(s.prefix) == n and not s.alphanumeric) for n in PREFIX_LENGTHS
    ] + small_series[:5]

    build_start = time.perf_counter()
    big = Catalogue(":memory:")
    big.replace(big_series)
    build_seconds = time.perf_counter() - build_start
    small = Catalogue(":memory:")
    small.replace(small_series)
    linear = SeriesIndex(big.all())

    def linear_lookup(raw: bytes) -> object:
        number, _ = big.normalise(raw)
        return linear.linear_identify(number)

    small_numbers = make_numbers(small_series, args.batch, rng)
    big_numbers = make_numbers(big_series, args.batch, rng)
    linear_numbers = big_numbers[: args.linear_numbers]

    # Same answers from the index and from the scan: the baseline does the same work.
    for raw in big_numbers:
        assert big.identify(raw) == linear_lookup(raw), raw
    found_share = sum(big.identify(raw).ok for raw in big_numbers) / len(big_numbers)

    for lookup, numbers in ((small.identify, small_numbers), (big.identify, big_numbers)):
        _per_number_us(lookup, numbers)  # warm-up

    # The index walk alone, on numbers already normalised (the part that depends on the catalogue).
    small_index, big_index = SeriesIndex(small_series), SeriesIndex(big_series)
    small_clean = [small.normalise(raw)[0] for raw in small_numbers]
    big_clean = [big.normalise(raw)[0] for raw in big_numbers]

    small_times: list[float] = []
    big_times: list[float] = []
    small_index_times: list[float] = []
    big_index_times: list[float] = []
    linear_times: list[float] = []
    gc.disable()
    try:
        for i in range(args.batches):
            runs: list[tuple[list[float], Callable[[Any], object], Sequence[Any]]] = [
                (small_times, small.identify, small_numbers),
                (big_times, big.identify, big_numbers),
                (small_index_times, small_index.identify, small_clean),
                (big_index_times, big_index.identify, big_clean),
            ]
            for times, run, scans in runs if i % 2 else reversed(runs):
                times.append(_per_number_us(run, scans))
        for _ in range(max(5, args.batches // 4)):
            linear_times.append(_per_number_us(linear_lookup, linear_numbers))
    finally:
        gc.enable()

    small_us = statistics.median(small_times)
    big_us = statistics.median(big_times)
    linear_us = statistics.median(linear_times)
    small_index_us = statistics.median(small_index_times)
    big_index_us = statistics.median(big_index_times)
    result = {
        "benchmark": "identify",
        "lookup_us_10_series": round(small_us, 3),
        "lookup_us_100k_series": round(big_us, 3),
        "linear_scan_us_100k_series": round(linear_us, 1),
        "ratio_100k_vs_10": round(big_us / small_us, 3),
        "speedup_vs_linear_100k": round(linear_us / big_us, 1),
        "index_only_us_10_series": round(small_index_us, 3),
        "index_only_us_100k_series": round(big_index_us, 3),
        "index_only_ratio_100k_vs_10": round(big_index_us / small_index_us, 3),
        "target_ratio_100k_vs_10_max": 2,
        "target_speedup_vs_linear_100k_min": 100,
        "ok": big_us / small_us <= 2 and linear_us / big_us >= 100,
        "numbers_per_batch": args.batch,
        "batches": args.batches,
        "linear_numbers_per_batch": args.linear_numbers,
        "found_share": round(found_share, 2),
        "catalogue_build_seconds_100k": round(build_seconds, 2),
        "python": platform.python_version(),
    }
    big.close()
    small.close()
    sys.stdout.write(json.dumps(result, separators=(", ", ": ")) + "\n")


if __name__ == "__main__":
    main()
