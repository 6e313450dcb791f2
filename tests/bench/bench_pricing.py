"""Pricing benchmarks: running-cost updates against re-pricing, and `kiosk price` throughput.

`run()` returns records {"name", "value", "unit", "baseline", "ratio"}; `python -m
tests.bench.bench_pricing` prints them. The whole run takes well under a minute.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.domain.tariff import (
    Cdr,
    CdrDimension,
    CdrDimensionType,
    ChargingPeriod,
    MeterSlice,
    RunningCost,
    Tariff,
    load_tariff,
    price_cdr,
)
from kiosk.pricing_cli import price_command

SAMPLES = 10_000
SAMPLE_EVERY = timedelta(seconds=5)
POSITIONS = 20  # where the re-pricing baselines are measured, evenly spaced over the session
ZONE = ZoneInfo("Europe/Berlin")
START = datetime(2024, 11, 22, 13, 0, tzinfo=UTC)  # 14:00 local; runs into the night
CASES = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "ocpi-tariffs"


def _tariff() -> Tariff:
    """Three time-of-day windows, each with three power tiers, an idle fee and a start fee."""
    elements: list[dict[str, object]] = [
        {"price_components": [{"type": "FLAT", "price": 0.5, "vat": 19, "step_size": 1}]}
    ]
    for start, end, base in (
        ("07:00", "17:00", 0.39),
        ("17:00", "22:00", 0.49),
        ("22:00", "07:00", 0.29),
    ):
        for max_power, extra in ((11, 0), (22, 0.04), (None, 0.1)):
            restrictions: dict[str, object] = {"start_time": start, "end_time": end}
            if max_power is not None:
                restrictions["max_power"] = max_power
            price = round(base + extra, 2)
            component = {"type": "ENERGY", "price": price, "vat": 19, "step_size": 1}
            elements.append({"price_components": [component], "restrictions": restrictions})
    idle = {"type": "PARKING_TIME", "price": 6, "vat": 19, "step_size": 60}
    elements.append({"price_components": [idle], "restrictions": {"min_duration": 3600}})
    return load_tariff(json.dumps({"id": "bench", "currency": "EUR", "elements": elements}))


def _power(i: int) -> Decimal:
    """A session that wanders across the 11 and 22 kW tiers, then parks for its last tenth."""
    if i >= SAMPLES * 9 // 10:
        return Decimal(0)
    wave = (i * 7919) % 97  # deterministic jitter
    level = (6, 9, 14, 18, 24, 30)[(i // 40) % 6]
    return Decimal(level) + Decimal(wave) / 100


def _slices() -> list[MeterSlice]:
    slices, at = [], START
    for i in range(SAMPLES):
        kw = _power(i)
        end = at + SAMPLE_EVERY
        kwh = (kw * SAMPLE_EVERY.seconds / 3600).quantize(Decimal("0.000001"))
        slices.append(MeterSlice(at, end, kwh, kw > 0, kw))
        at = end
    return slices


def _naive_periods(slices: list[MeterSlice]) -> list[ChargingPeriod]:
    """One charging period per meter sample, as a system without a running cost would keep."""
    periods = []
    for s in slices:
        hours = Decimal(SAMPLE_EVERY.seconds) / 3600
        kind = CdrDimensionType.TIME if s.charging else CdrDimensionType.PARKING_TIME
        power = s.power_kw or Decimal(0)
        dims = (
            CdrDimension(CdrDimensionType.ENERGY, s.energy_kwh),
            CdrDimension(kind, hours),
            CdrDimension(CdrDimensionType.MIN_POWER, power),
            CdrDimension(CdrDimensionType.MAX_POWER, power),
        )
        periods.append(ChargingPeriod(s.start, dims))
    return periods


def _mean_reprice_us(tariff: Tariff, cdrs: list[Cdr]) -> float:
    began = time.perf_counter()
    for cdr in cdrs:
        price_cdr(tariff, cdr, ZONE)
    return (time.perf_counter() - began) / len(cdrs) * 1e6


def bench_running_cost() -> list[dict[str, object]]:
    tariff, slices = _tariff(), _slices()
    running = RunningCost(tariff, start=START, zone=ZONE)
    began = time.perf_counter()
    for piece in slices:
        running.add(piece)
    per_add = (time.perf_counter() - began) / SAMPLES * 1e6
    # What a screen reads: the price if the session stopped now (the engine reads it once per
    # batch of events, not once per sample).
    began = time.perf_counter()
    for _ in range(1000):
        running.current()
    per_read = (time.perf_counter() - began) / 1000 * 1e6
    per_update = per_add + per_read
    periods = len(running.to_cdr_periods())

    # Re-pricing costs grow linearly with the session, so measuring it at the midpoints of
    # POSITIONS equal stretches and averaging estimates the mean over every sample.
    positions = [SAMPLES * (2 * k + 1) // (2 * POSITIONS) for k in range(POSITIONS)]
    replay = RunningCost(tariff, start=START, zone=ZONE)
    merged: list[Cdr] = []
    for i, piece in enumerate(slices):
        replay.add(piece)
        if i in positions:
            merged.append(replay.to_cdr())
    naive = _naive_periods(slices)
    per_sample = [Cdr(START, slices[i].end, tuple(naive[: i + 1])) for i in positions]
    naive_us = _mean_reprice_us(tariff, per_sample)
    merged_us = _mean_reprice_us(tariff, merged)
    note = f"{SAMPLES} samples; baseline = mean at {POSITIONS} evenly spaced positions"
    return [
        {
            "name": f"running cost update per sample vs re-pricing the whole session ({note})",
            "value": per_add,
            "unit": "us/sample",
            "baseline": merged_us,
            "ratio": merged_us / per_add,
        },
        {
            "name": "running cost read (price if stopped now), once per engine batch",
            "value": per_read,
            "unit": "us/read",
            "baseline": None,
            "ratio": None,
        },
        {
            "name": f"running cost add+current vs re-pricing one period per sample ({note})",
            "value": per_update,
            "unit": "us/sample",
            "baseline": naive_us,
            "ratio": naive_us / per_update,
        },
        {
            "name": f"running cost add+current vs re-pricing its {periods} merged periods ({note})",
            "value": per_update,
            "unit": "us/sample",
            "baseline": merged_us,
            "ratio": merged_us / per_update,
        },
    ]


def bench_price_command(seconds: float = 3.0) -> list[dict[str, object]]:
    """Whole `kiosk price` path in-process: read both files, validate, price, render JSON."""
    cases = sorted(CASES.glob("*/cdr*.json"))
    if not cases:
        raise FileNotFoundError(f"no conformance CDRs under {CASES}")
    done, began = 0, time.perf_counter()
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        while time.perf_counter() - began < seconds:
            for cdr in cases:
                if price_command(cdr.parent / "tariff.json", cdr, "UTC") != 0:
                    raise RuntimeError(f"pricing {cdr} failed")
                done += 1
            sink.seek(0)
            sink.truncate()
    rate = done / (time.perf_counter() - began)
    name = f"kiosk price code path, {len(cases)} conformance CDRs round-robin, no process start"
    return [{"name": name, "value": rate, "unit": "CDR/s", "baseline": None, "ratio": None}]


def run() -> list[dict[str, object]]:
    return [*bench_running_cost(), *bench_price_command()]


if __name__ == "__main__":
    for record in run():
        print(json.dumps(record))
