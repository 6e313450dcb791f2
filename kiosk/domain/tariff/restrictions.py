"""Which tariff element applies when: restriction matching and the instants it may change."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from kiosk.domain.tariff.model import (
    PriceComponent,
    ReservationRestrictionType,
    Tariff,
    TariffDimensionType,
    TariffRestrictions,
    TaxIncluded,
)

_US_PER_MINUTE = 60_000_000
_DAY_MINUTES = 24 * 60


class StretchKind(enum.Enum):
    """What a charging period is about, which decides the elements that may price it."""

    SESSION = "session"  # charging or parking: elements without a reservation restriction
    RESERVATION = "reservation"  # reserved, then the driver came: RESERVATION elements
    RESERVATION_EXPIRED = "reservation_expired"  # nobody came: RESERVATION_EXPIRES first


RESERVATION_KINDS = frozenset({StretchKind.RESERVATION, StretchKind.RESERVATION_EXPIRED})


@dataclass(frozen=True, slots=True)
class Situation:
    """The facts restrictions are checked against, at the start of a stretch of the session."""

    local: datetime | None  # wall clock in the hub zone; None when no restriction needs it
    elapsed: timedelta  # since the session started
    energy_kwh: Decimal  # delivered before the stretch
    power_kw: tuple[Decimal, Decimal] | None  # (lowest, highest) during the stretch
    current_a: tuple[Decimal, Decimal] | None


@dataclass(frozen=True, slots=True)
class Choice:
    """A price component that won its dimension, with its unit prices worked out once."""

    element: int
    component: PriceComponent
    unit_excl: Decimal
    unit_incl: Decimal


@dataclass(frozen=True, slots=True)
class Selection:
    """The winning component per dimension for one stretch (None: that dimension is free)."""

    flat: Choice | None
    energy: Choice | None
    time: Choice | None  # for a reservation stretch: the reservation time price
    parking: Choice | None

    @property
    def key(self) -> tuple[int, int, int, int]:
        """The winning element per dimension (-1: none); equal keys price alike."""
        flat, energy, time_, parking = (-1 if c is None else c.element for c in self.parts)
        return flat, energy, time_, parking

    @property
    def parts(self) -> tuple[Choice | None, Choice | None, Choice | None, Choice | None]:
        return (self.flat, self.energy, self.time, self.parking)


class Rule:
    """One element's restrictions, prepared for fast checking."""

    __slots__ = (
        "current",
        "days",
        "duration",
        "end_date",
        "kwh",
        "local",
        "power",
        "start_date",
        "window",
    )

    def __init__(self, r: TariffRestrictions | None) -> None:
        r = r or TariffRestrictions()
        self.local = r.uses_local_time
        self.window = _window(r.start_time, r.end_time)
        self.start_date: date | None = r.start_date
        self.end_date: date | None = r.end_date
        self.days = frozenset(d.weekday for d in r.day_of_week)
        self.kwh = _bounds(r.min_kwh, r.max_kwh)
        self.power = _bounds(r.min_power, r.max_power)
        self.current = _bounds(r.min_current, r.max_current)
        low = None if r.min_duration is None else timedelta(seconds=r.min_duration)
        high = None if r.max_duration is None else timedelta(seconds=r.max_duration)
        self.duration = (low, high) if low is not None or high is not None else None

    def holds(self, s: Situation) -> bool:
        if self.local:
            local = s.local
            assert local is not None, "a local-time rule needs the wall clock"
            if self.window is not None:
                start, end = self.window
                now = (local.hour * 60 + local.minute) * _US_PER_MINUTE
                now += local.second * 1_000_000 + local.microsecond
                inside = start <= now < end if start < end else now >= start or now < end
                if not inside:
                    return False
            day = local.date()
            if self.start_date is not None and day < self.start_date:
                return False
            if self.end_date is not None and day >= self.end_date:
                return False
            if self.days and day.weekday() not in self.days:
                return False
        if self.kwh is not None:
            low, high = self.kwh
            if low is not None and s.energy_kwh < low:
                return False
            if high is not None and s.energy_kwh >= high:
                return False
        if self.duration is not None:
            low_d, high_d = self.duration
            if (low_d is not None and s.elapsed < low_d) or (
                high_d is not None and s.elapsed >= high_d
            ):
                return False
        return _within(self.power, s.power_kw) and _within(self.current, s.current_a)


def _window(start: int | None, end: int | None) -> tuple[int, int] | None:
    """[start, end) in microseconds after local midnight; end 00:00 means the end of the day."""
    if start is None and end is None:
        return None
    low = (start or 0) * _US_PER_MINUTE
    high = (end or _DAY_MINUTES) * _US_PER_MINUTE
    if low == high:
        return None  # start_time == end_time: a whole 24 hours
    return low, high


_Bounds = tuple[Decimal | None, Decimal | None]


def _bounds(low: Decimal | None, high: Decimal | None) -> _Bounds | None:
    return (low, high) if low is not None or high is not None else None


def _within(bounds: _Bounds | None, reading: tuple[Decimal, Decimal] | None) -> bool:
    """min inclusive, max exclusive, for the whole stretch; an unknown reading matches no bound."""
    if bounds is None:
        return True
    if reading is None:
        return False
    low, high = bounds
    return (low is None or reading[0] >= low) and (high is None or reading[1] < high)


def unit_prices(
    component: PriceComponent, tax_included: TaxIncluded | None
) -> tuple[Decimal, Decimal]:
    """(excl. VAT, incl. VAT) per unit; no `vat` means no VAT applies."""
    if component.vat is None:
        return component.price, component.price
    factor = 1 + component.vat / 100
    if tax_included is TaxIncluded.YES:
        return component.price / factor, component.price
    return component.price, component.price * factor


_Candidates = tuple[tuple[Rule, Choice], ...]
_Group = ReservationRestrictionType | None


class TariffIndex:
    """A tariff prepared for repeated selection: per dimension, its candidates in order."""

    def __init__(self, tariff: Tariff) -> None:
        self.tariff = tariff
        self.rules = tuple(Rule(e.restrictions) for e in tariff.elements)
        groups: dict[_Group, dict[TariffDimensionType, list[tuple[Rule, Choice]]]]
        groups = {None: {}, **{k: {} for k in ReservationRestrictionType}}
        for index, (element, rule) in enumerate(zip(tariff.elements, self.rules, strict=True)):
            reservation = element.restrictions.reservation if element.restrictions else None
            seen: set[TariffDimensionType] = set()
            for component in element.price_components:
                if component.type in seen:
                    continue  # a second component of the same type in one element is unreachable
                seen.add(component.type)
                excl, incl = unit_prices(component, tariff.tax_included)
                groups[reservation].setdefault(component.type, []).append(
                    (rule, Choice(index, component, excl, incl))
                )

        def pick(group: _Group, kind: TariffDimensionType) -> _Candidates:
            return tuple(groups[group].get(kind, ()))

        dims = tuple(TariffDimensionType)
        self.session = {d: pick(None, d) for d in dims}
        booked = ReservationRestrictionType.RESERVATION
        expired = ReservationRestrictionType.RESERVATION_EXPIRES
        self.reserved = {d: pick(booked, d) for d in dims}
        # An expired reservation prefers RESERVATION_EXPIRES elements, then falls back.
        self.expired = {d: pick(expired, d) + pick(booked, d) for d in dims}
        restrictions = [e.restrictions for e in tariff.elements if e.restrictions is not None]
        self.uses_local_time = any(r.uses_local_time for r in restrictions)
        marks = {0} if self.uses_local_time else set()
        marks |= {m for r in restrictions for m in (r.start_time, r.end_time) if m is not None}
        self.local_marks = tuple(sorted(marks))
        seconds = {s for r in restrictions for s in (r.min_duration, r.max_duration) if s}
        self.duration_marks = tuple(timedelta(seconds=s) for s in sorted(seconds))
        kwh = {k for r in restrictions for k in (r.min_kwh, r.max_kwh) if k is not None}
        self.kwh_marks = tuple(sorted(k for k in kwh if k > 0))
        # Power and current bounds split the readings into classes that every restriction
        # treats alike (min inclusive, max exclusive): the class is the count of marks <= value.
        power = {p for r in restrictions for p in (r.min_power, r.max_power) if p is not None}
        self.power_marks = tuple(sorted(power))
        amps = {a for r in restrictions for a in (r.min_current, r.max_current) if a is not None}
        self.current_marks = tuple(sorted(amps))

    def select(self, s: Situation, kind: StretchKind = StretchKind.SESSION) -> Selection:
        verdicts: dict[int, bool] = {}

        def first(candidates: _Candidates) -> Choice | None:
            for rule, choice in candidates:
                verdict = verdicts.get(choice.element)
                if verdict is None:
                    verdict = verdicts[choice.element] = rule.holds(s)
                if verdict:
                    return choice
            return None

        if kind is StretchKind.SESSION:
            table = self.session
            return Selection(
                flat=first(table[TariffDimensionType.FLAT]),
                energy=first(table[TariffDimensionType.ENERGY]),
                time=first(table[TariffDimensionType.TIME]),
                parking=first(table[TariffDimensionType.PARKING_TIME]),
            )
        table = self.expired if kind is StretchKind.RESERVATION_EXPIRED else self.reserved
        return Selection(
            flat=first(table[TariffDimensionType.FLAT]),
            energy=None,
            time=first(table[TariffDimensionType.TIME]),
            parking=None,
        )


def next_local_change(after: datetime, zone: tzinfo, marks: tuple[int, ...]) -> datetime:
    """The first instant after `after` where the wall clock in `zone` may cross a mark.

    Marks are minutes after local midnight. Both readings of an ambiguous wall time are
    candidates, and so is a change of UTC offset (a DST jump can skip over a mark). Extra
    candidates are harmless: they only split a stretch where nothing changes.
    """
    local_day = after.astimezone(zone).date()
    best: datetime | None = None
    for offset in range(3):
        day = local_day + timedelta(days=offset)
        for mark in marks:
            wall = datetime.combine(day, time(mark // 60, mark % 60))
            for fold in (0, 1):
                moment = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
                if moment > after and (best is None or moment < best):
                    best = moment
        if best is not None:
            break
    assert best is not None, "a local mark recurs every day"
    if after.astimezone(zone).utcoffset() != best.astimezone(zone).utcoffset():
        best = _offset_change(after, best, zone)
    return best


def _offset_change(low: datetime, high: datetime, zone: tzinfo) -> datetime:
    """Bisect to the first microsecond in (low, high] that has high's UTC offset."""
    before = low.astimezone(zone).utcoffset()
    step = timedelta(microseconds=1)
    while high - low > step:
        middle = low + (high - low) // 2
        if middle.astimezone(zone).utcoffset() == before:
            low = middle
        else:
            high = middle
    return high
