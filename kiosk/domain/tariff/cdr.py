"""The parts of an OCPI 2.2.1 CDR that pricing reads: session times and charging periods."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from kiosk.domain.tariff.errors import CdrError
from kiosk.domain.tariff.reader import Node, parse_json, show


class CdrDimensionType(enum.StrEnum):
    """CdrDimensionType plus the Session-only values, which a CDR built from sessions may carry."""

    CURRENT = "CURRENT"  # average current, A
    ENERGY = "ENERGY"  # kWh
    ENERGY_EXPORT = "ENERGY_EXPORT"
    ENERGY_IMPORT = "ENERGY_IMPORT"
    MAX_CURRENT = "MAX_CURRENT"  # A, sum over phases
    MIN_CURRENT = "MIN_CURRENT"
    MAX_POWER = "MAX_POWER"  # kW
    MIN_POWER = "MIN_POWER"
    PARKING_TIME = "PARKING_TIME"  # hours
    POWER = "POWER"  # average power, kW
    RESERVATION_TIME = "RESERVATION_TIME"  # hours
    STATE_OF_CHARGE = "STATE_OF_CHARGE"
    TIME = "TIME"  # hours charging


VOLUMES = frozenset(
    {
        CdrDimensionType.ENERGY,
        CdrDimensionType.TIME,
        CdrDimensionType.PARKING_TIME,
        CdrDimensionType.RESERVATION_TIME,
    }
)
POWER_READINGS = frozenset(
    {CdrDimensionType.MIN_POWER, CdrDimensionType.MAX_POWER, CdrDimensionType.POWER}
)
CURRENT_READINGS = frozenset(
    {CdrDimensionType.MIN_CURRENT, CdrDimensionType.MAX_CURRENT, CdrDimensionType.CURRENT}
)


@dataclass(frozen=True, slots=True)
class CdrDimension:
    type: CdrDimensionType
    volume: Decimal


@dataclass(frozen=True, slots=True)
class ChargingPeriod:
    """A stretch of the session; it ends where the next one starts (or the session ends)."""

    start_date_time: datetime
    dimensions: tuple[CdrDimension, ...]
    tariff_id: str | None = None

    def volume(self, kind: CdrDimensionType) -> Decimal | None:
        for dimension in self.dimensions:
            if dimension.type is kind:
                return dimension.volume
        return None

    def range_of(
        self, low: CdrDimensionType, mean: CdrDimensionType, high: CdrDimensionType
    ) -> tuple[Decimal, Decimal] | None:
        """The (lowest, highest) reading in this period; a missing side falls back to the other."""
        lo = self.volume(low)
        hi = self.volume(high)
        avg = self.volume(mean)
        lo = lo if lo is not None else avg if avg is not None else hi
        hi = hi if hi is not None else avg if avg is not None else lo
        if lo is None or hi is None:
            return None
        return lo, hi

    @property
    def power_range(self) -> tuple[Decimal, Decimal] | None:
        found = self.range_of(
            CdrDimensionType.MIN_POWER, CdrDimensionType.POWER, CdrDimensionType.MAX_POWER
        )
        if found is not None:
            return found
        # No power reading: the average over the period from its energy and charging time.
        energy = self.volume(CdrDimensionType.ENERGY)
        hours = self.volume(CdrDimensionType.TIME)
        if energy is None or not hours:
            return None
        average = energy / hours
        return average, average

    @property
    def current_range(self) -> tuple[Decimal, Decimal] | None:
        return self.range_of(
            CdrDimensionType.MIN_CURRENT, CdrDimensionType.CURRENT, CdrDimensionType.MAX_CURRENT
        )


@dataclass(frozen=True, slots=True)
class Cdr:
    """A charging session to price: its start, end and ordered charging periods."""

    start_date_time: datetime
    end_date_time: datetime
    charging_periods: tuple[ChargingPeriod, ...]
    currency: str | None = None
    id: str | None = None


def load_cdr(source: str | bytes) -> Cdr:
    """Parse and validate OCPI CDR JSON text; raises `CdrError` naming the bad field."""
    return parse_cdr(parse_json(source, CdrError))


def parse_cdr(root: Node) -> Cdr:
    start_node = root.require("start_date_time")
    start = start_node.datetime()
    end_node = root.require("end_date_time")
    end = end_node.datetime()
    if end < start:
        end_node.fail(f"must not be before start_date_time ({start.isoformat()})")
    periods: list[ChargingPeriod] = []
    for node in root.require("charging_periods").nonempty_items():
        period = _period(node)
        moment = period.start_date_time
        where = node.require("start_date_time")
        if moment < start or moment > end:
            where.fail(f"must lie within the session ({start.isoformat()} to {end.isoformat()})")
        if periods and moment < periods[-1].start_date_time:
            where.fail("must not be before the previous period's start (periods are in order)")
        periods.append(period)
    currency = root.get("currency")
    cdr_id = root.get("id")
    return Cdr(
        start_date_time=start,
        end_date_time=end,
        charging_periods=tuple(periods),
        currency=currency.string() if currency else None,
        id=cdr_id.string() if cdr_id else None,
    )


def _period(node: Node) -> ChargingPeriod:
    start = node.require("start_date_time").datetime()
    dimensions: list[CdrDimension] = []
    for dim_node in node.require("dimensions").nonempty_items():
        kind = dim_node.require("type").member_of(CdrDimensionType)
        if any(d.type is kind for d in dimensions):
            dim_node.require("type").fail(f"{show(kind.value)} appears twice in this period")
        dimensions.append(CdrDimension(kind, dim_node.require("volume").non_negative()))
    tariff_id = node.get("tariff_id")
    return ChargingPeriod(start, tuple(dimensions), tariff_id.string() if tariff_id else None)
