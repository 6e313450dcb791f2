"""What a driver sees before starting, as values: AFIR-ordered price lines, hold, estimate."""

# Values only (enum kinds, `Decimal` amounts, the currency): the UI formats and translates.

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal, localcontext

from kiosk.domain.tariff.model import (
    DayOfWeek,
    PriceComponent,
    Tariff,
    TariffDimensionType,
    TariffRestrictions,
)
from kiosk.domain.tariff.pricer import CONTEXT, Cost, SessionPrice
from kiosk.domain.tariff.restrictions import unit_prices
from kiosk.domain.tariff.running import MeterSlice, RunningCost


class LineKind(enum.StrEnum):
    PER_KWH = "per_kwh"  # energy, per kWh
    PER_MINUTE = "per_minute"  # charging time, per minute
    PER_SESSION = "per_session"  # start or transaction fee
    PARKING_PER_MINUTE = "parking_per_minute"  # idle / parking fee, per minute
    MIN_PRICE = "min_price"  # a session costs at least this
    MAX_PRICE = "max_price"  # a session costs at most this


# EU AFIR (Regulation (EU) 2023/1804): per kWh, per minute, per session, then other components.
AFIR_ORDER = (
    LineKind.PER_KWH,
    LineKind.PER_MINUTE,
    LineKind.PER_SESSION,
    LineKind.PARKING_PER_MINUTE,
    LineKind.MIN_PRICE,
    LineKind.MAX_PRICE,
)
OTHER = frozenset({LineKind.PARKING_PER_MINUTE, LineKind.MIN_PRICE, LineKind.MAX_PRICE})
PER_MINUTE_KINDS = frozenset({LineKind.PER_MINUTE, LineKind.PARKING_PER_MINUTE})

_KIND_OF = {
    TariffDimensionType.ENERGY: LineKind.PER_KWH,
    TariffDimensionType.TIME: LineKind.PER_MINUTE,
    TariffDimensionType.FLAT: LineKind.PER_SESSION,
    TariffDimensionType.PARKING_TIME: LineKind.PARKING_PER_MINUTE,
}


@dataclass(frozen=True, slots=True)
class When:
    """The conditions under which a line applies, in the driver's terms (empty: always)."""

    from_time: time | None = None  # local, inclusive
    until_time: time | None = None  # local, exclusive; 00:00 means midnight at the end of the day
    days: tuple[DayOfWeek, ...] = ()  # in week order
    from_date: date | None = None
    until_date: date | None = None  # exclusive
    min_kwh: Decimal | None = None
    max_kwh: Decimal | None = None
    min_power_kw: Decimal | None = None
    max_power_kw: Decimal | None = None
    min_current_a: Decimal | None = None
    max_current_a: Decimal | None = None
    after: timedelta | None = None  # session time; on a parking line this is the grace period
    before: timedelta | None = None

    @property
    def always(self) -> bool:
        return self == When()

    @classmethod
    def of(cls, r: TariffRestrictions | None) -> When:
        if r is None:
            return cls()
        return cls(
            from_time=None if r.start_time is None else time(*divmod(r.start_time, 60)),
            until_time=None if r.end_time is None else time(*divmod(r.end_time, 60)),
            days=tuple(d for d in DayOfWeek if d in r.day_of_week),
            from_date=r.start_date,
            until_date=r.end_date,
            min_kwh=r.min_kwh,
            max_kwh=r.max_kwh,
            min_power_kw=r.min_power,
            max_power_kw=r.max_power,
            min_current_a=r.min_current,
            max_current_a=r.max_current,
            after=None if r.min_duration is None else timedelta(seconds=r.min_duration),
            before=None if r.max_duration is None else timedelta(seconds=r.max_duration),
        )


@dataclass(frozen=True, slots=True)
class PriceLine:
    kind: LineKind
    amount: Decimal  # incl. VAT, per kWh / per minute / per session (exact, not rounded)
    amount_excl_vat: Decimal
    vat_percent: Decimal | None  # None: no VAT applies
    currency: str
    when: When = When()
    step_size: int | None = None  # billing step: Wh for PER_KWH, seconds for per-minute kinds
    element: int | None = None  # index of the tariff element the line comes from

    @property
    def free(self) -> bool:
        return not self.amount


def price_lines(tariff: Tariff) -> tuple[PriceLine, ...]:
    """Every price the tariff can charge, in AFIR order, then in the tariff's element order.

    Reservation elements are left out (the kiosk sells ad-hoc sessions); min/max price come
    last, amounts incl. VAT where the tariff gives them.
    """
    lines: list[PriceLine] = []
    with localcontext(CONTEXT):
        for index, element in enumerate(tariff.elements):
            restrictions = element.restrictions
            if restrictions is not None and restrictions.reservation is not None:
                continue
            for component in element.price_components:
                lines.append(_line(tariff, component, When.of(restrictions), index))
        for kind, limit in (
            (LineKind.MIN_PRICE, tariff.min_price),
            (LineKind.MAX_PRICE, tariff.max_price),
        ):
            if limit is not None:
                incl = limit.incl_vat if limit.incl_vat is not None else limit.excl_vat
                lines.append(PriceLine(kind, incl, limit.excl_vat, None, tariff.currency))
    return tuple(sorted(lines, key=lambda line: AFIR_ORDER.index(line.kind)))


def _line(tariff: Tariff, component: PriceComponent, when: When, index: int) -> PriceLine:
    excl, incl = unit_prices(component, tariff.tax_included)
    kind = _KIND_OF[component.type]
    if kind in PER_MINUTE_KINDS:
        excl, incl = excl / 60, incl / 60  # OCPI prices time per hour
    step = None if kind is LineKind.PER_SESSION else component.step_size
    return PriceLine(kind, incl, excl, component.vat, tariff.currency, when, step, index)


class HoldReason(enum.StrEnum):
    """Message keys; suggested English sentences in the comments, the UI owns the texts."""

    # "The operator reserves this amount on your card. You only pay what you use."
    TARIFF = "hold.tariff_preauthorize"
    # "No session costs more than this, so we reserve this amount. You only pay what you use."
    MAX_PRICE = "hold.max_price"
    # "We reserve this amount on your card. You only pay what you use; the rest is released."
    DEFAULT = "hold.default"


@dataclass(frozen=True, slots=True)
class Hold:
    amount: Decimal
    currency: str
    reason: HoldReason


def hold_amount(tariff: Tariff, default: Decimal) -> Hold:
    """The amount to pre-authorise: the tariff's own (OCPI 2.3), else `default` capped at
    max_price incl. VAT (a hold above the most a session can cost reserves money for nothing)."""
    if tariff.preauthorize_amount is not None:
        return Hold(tariff.preauthorize_amount, tariff.currency, HoldReason.TARIFF)
    limit = tariff.max_price
    if limit is not None:
        cap = limit.incl_vat if limit.incl_vat is not None else limit.excl_vat
        if cap < default:
            return Hold(cap, tariff.currency, HoldReason.MAX_PRICE)
    return Hold(default, tariff.currency, HoldReason.DEFAULT)


@dataclass(frozen=True, slots=True)
class Estimate:
    """ "About `cost` for `energy_kwh`": charging at `power_kw` from `start` for `duration`."""

    energy_kwh: Decimal
    power_kw: Decimal
    start: datetime
    duration: timedelta
    cost: Cost  # rounded to the currency's minor unit
    currency: str
    price: SessionPrice  # the full breakdown the estimate comes from


DEFAULT_POWER_KW = Decimal(11)  # a three-phase 16 A AC charge; pass the bay's real power


def estimate(
    tariff: Tariff,
    *,
    energy_kwh: Decimal,
    start: datetime,
    zone: tzinfo = UTC,
    power_kw: Decimal = DEFAULT_POWER_KW,
) -> Estimate:
    """Price `energy_kwh` charged at a steady `power_kw` from `start`, with no parking after."""
    if energy_kwh <= 0 or power_kw <= 0:
        raise ValueError("energy_kwh and power_kw must be positive")
    with localcontext(CONTEXT):
        seconds = (energy_kwh / power_kw * 3600).quantize(Decimal("0.000001"), ROUND_HALF_UP)
        duration = max(_span(seconds), timedelta(microseconds=1))
    running = RunningCost(tariff, start=start, zone=zone)
    running.add(MeterSlice(start, start + duration, energy_kwh, True, power_kw))
    price = running.current()
    return Estimate(energy_kwh, power_kw, start, duration, price.total_cost, tariff.currency, price)


def _span(seconds: Decimal) -> timedelta:
    whole = int(seconds)
    return timedelta(seconds=whole, microseconds=int((seconds - whole) * 1_000_000))
