"""Turning a stream of meter register readings into billable energy, whatever the network does.

Billed energy is the sum of the register's increases between consecutive accepted readings, so
a lost or late message changes nothing (the next reading carries the energy), a duplicate adds
nothing, and an out-of-order reading is ignored. A register that goes backwards (a meter
reset) or jumps by more than the bay could physically deliver is an anomaly: it is reported
and never billed, and counting resumes from the new register value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

#: Headroom over the bay's rated power before a jump is called implausible (meter tolerance,
#: timing jitter between the charger's clock and ours).
PLAUSIBILITY_FACTOR = Decimal("1.10")
#: Whatever the elapsed time, this much is never implausible (register resolution, rounding).
PLAUSIBILITY_FLOOR_WH = Decimal(10)


class Verdict(enum.StrEnum):
    FIRST = "first"  # the first reading: it sets the baseline
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # same sequence number (or timestamp) seen already
    STALE = "stale"  # older than the latest accepted reading
    BACKWARDS = "backwards"  # the register decreased: reset or wrong meter
    IMPLAUSIBLE = "implausible"  # more energy than the bay's power allows in the time


#: Readings that move the baseline.
MOVES_BASELINE = frozenset(
    {Verdict.FIRST, Verdict.ACCEPTED, Verdict.BACKWARDS, Verdict.IMPLAUSIBLE}
)
#: Readings to report to the operator.
ANOMALIES = frozenset({Verdict.BACKWARDS, Verdict.IMPLAUSIBLE})


@dataclass(frozen=True, slots=True)
class Reading:
    register_wh: Decimal
    received_at: datetime  # the kiosk's clock
    seq: int | None = None
    charger_ts: datetime | None = None  # only used to judge plausibility, never to bill


@dataclass(frozen=True, slots=True)
class Register:
    """The last accepted reading of one bay's meter."""

    register_wh: Decimal
    received_at: datetime
    seq: int | None
    charger_ts: datetime | None


@dataclass(frozen=True, slots=True)
class Outcome:
    verdict: Verdict
    register: Register | None  # the baseline after this reading
    billable_wh: Decimal  # energy to add to the open session (0 unless ACCEPTED)
    detail: str = ""


def assess(last: Register | None, reading: Reading, *, max_power_kw: Decimal) -> Outcome:
    """Judge one reading against the last accepted one."""
    new = Register(reading.register_wh, reading.received_at, reading.seq, reading.charger_ts)
    if last is None:
        return Outcome(Verdict.FIRST, new, Decimal(0))
    if reading.seq is not None and last.seq is not None:
        if reading.seq == last.seq:
            return Outcome(Verdict.DUPLICATE, last, Decimal(0))
        if reading.seq < last.seq:
            return Outcome(Verdict.STALE, last, Decimal(0))
    elif reading.charger_ts is not None and last.charger_ts is not None:
        if reading.charger_ts == last.charger_ts:
            return Outcome(Verdict.DUPLICATE, last, Decimal(0))
        if reading.charger_ts < last.charger_ts:
            return Outcome(Verdict.STALE, last, Decimal(0))
    delta = reading.register_wh - last.register_wh
    if delta < 0:
        return Outcome(
            Verdict.BACKWARDS,
            new,
            Decimal(0),
            f"register went from {last.register_wh} to {reading.register_wh} Wh",
        )
    allowed = plausible_wh(last, reading, max_power_kw)
    if delta > allowed:
        seconds = _elapsed_s(last, reading)
        # Rounded for the attendant's eyes only; the verdict used the exact figures.
        detail = f"{delta} Wh in {seconds:.1f} s exceeds {allowed:.1f} Wh at {max_power_kw} kW"
        return Outcome(Verdict.IMPLAUSIBLE, new, Decimal(0), detail)
    return Outcome(Verdict.ACCEPTED, new, delta)


def plausible_wh(last: Register, reading: Reading, max_power_kw: Decimal) -> Decimal:
    """Most energy the bay could have delivered between the two readings."""
    seconds = _elapsed_s(last, reading)
    return max_power_kw * 1000 * seconds / 3600 * PLAUSIBILITY_FACTOR + PLAUSIBILITY_FLOOR_WH


def _elapsed_s(last: Register, reading: Reading) -> Decimal:
    # Messages held back by the broker while the kiosk was away arrive together; the charger's
    # own timestamps then tell the real spacing. The longer of the two is the fair one.
    ours = Decimal((reading.received_at - last.received_at).total_seconds())
    theirs = Decimal(0)
    if reading.charger_ts is not None and last.charger_ts is not None:
        theirs = Decimal((reading.charger_ts - last.charger_ts).total_seconds())
    return max(ours, theirs, Decimal(0))
