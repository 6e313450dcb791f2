"""Batch pricing of a CDR against a tariff, and the ledger that batch and running pricing share."""

# Rounding, decided once for the whole package:
#
# - Every intermediate amount is exact `Decimal` (34 significant digits, see `CONTEXT`): per
#   charging period, cost = volume x unit price; incl. VAT = volume x price x (1 + vat/100).
# - `step_size` is applied to session totals, never per period (OCPI 2.2.1 CDRs module, CDR
#   object, "step_size"): ENERGY once, with the step of the last ENERGY component used; TIME
#   and PARKING_TIME once between them: when both were priced only the parking total is
#   rounded, otherwise the one that was. The extra volume is billed at the last component's
#   price. Only priced volume is rounded (a stretch no component matched stays free).
# - Before the ceiling, a volume in step units (Wh, seconds) is first rounded half-even to
#   `STEP_RESOLUTION`, so that an hour volume like 0.0833333... h does not become 301 s.
# - min_price / max_price clamp the exact total (excl. and incl. VAT separately, as the Tariff
#   object's note says); the component totals are left as billed.
# - Only then is each output amount rounded, half up, to the currency's minor unit, each from
#   its own exact value; so rounded components may differ from the rounded total by a cent
#   (the spec's complex example totals 13.861 incl. VAT from parts 2.875 + 2.736 + 8.25).

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta, tzinfo
from decimal import ROUND_CEILING, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext

from kiosk.domain.money import exponent
from kiosk.domain.tariff.cdr import Cdr, CdrDimensionType
from kiosk.domain.tariff.errors import CdrError
from kiosk.domain.tariff.model import Price, Tariff
from kiosk.domain.tariff.restrictions import (
    RESERVATION_KINDS,
    Choice,
    Selection,
    Situation,
    StretchKind,
    TariffIndex,
)

CONTEXT = Context(prec=34, rounding=ROUND_HALF_EVEN)
STEP_RESOLUTION = Decimal("0.000001")  # of a Wh or a second
ZERO = Decimal(0)
_US_PER_HOUR = Decimal(3_600_000_000)
_US = timedelta(microseconds=1)
_ENERGY, _TIME, _PARKING, _RESERVATION = range(4)
_UNITS_PER_VOLUME = (Decimal(1000), Decimal(3600), Decimal(3600), Decimal(3600))  # Wh, s


def hours(span: timedelta) -> Decimal:
    """A duration in hours, from its exact number of microseconds."""
    return CONTEXT.divide(Decimal(span // _US), _US_PER_HOUR)


def minor_unit(currency: str) -> Decimal:
    """The currency's smallest amount, e.g. 0.01 for EUR."""
    return Decimal(1).scaleb(-exponent(currency))


@dataclass(frozen=True, slots=True)
class Cost:
    excl_vat: Decimal
    incl_vat: Decimal

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.excl_vat + other.excl_vat, self.incl_vat + other.incl_vat)

    def rounded(self, currency: str) -> Cost:
        """Half up to the currency's minor unit."""
        return self.quantized(minor_unit(currency))

    def quantized(self, quantum: Decimal) -> Cost:
        return Cost(
            self.excl_vat.quantize(quantum, rounding=ROUND_HALF_UP),
            self.incl_vat.quantize(quantum, rounding=ROUND_HALF_UP),
        )


NO_COST = Cost(ZERO, ZERO)


@dataclass(frozen=True, slots=True)
class CostTotals:
    energy: Cost
    time: Cost
    parking: Cost
    fixed: Cost  # FLAT components, except reservation fees
    reservation: Cost
    total: Cost  # after min_price / max_price


@dataclass(frozen=True, slots=True)
class SessionPrice:
    """What a session costs: OCPI CDR totals, exact and rounded to the currency's minor unit."""

    currency: str
    exact: CostTotals
    rounded: CostTotals
    total_energy: Decimal  # kWh delivered (not the step-rounded billed energy)
    total_time: Decimal  # hours from session start to end
    total_parking_time: Decimal  # hours
    total_reservation_time: Decimal  # hours
    billed_energy: Decimal  # kWh charged for, after step_size
    billed_time: Decimal  # charging hours charged for, after step_size
    billed_parking_time: Decimal
    min_price_applied: bool = False
    max_price_applied: bool = False

    @property
    def total_cost(self) -> Cost:
        return self.rounded.total

    @property
    def total_energy_cost(self) -> Cost:
        return self.rounded.energy

    @property
    def total_time_cost(self) -> Cost:
        return self.rounded.time

    @property
    def total_parking_cost(self) -> Cost:
        return self.rounded.parking

    @property
    def total_fixed_cost(self) -> Cost:
        return self.rounded.fixed

    @property
    def total_reservation_cost(self) -> Cost:
        return self.rounded.reservation


class Ledger:
    """Per-dimension sums over charging periods, fed in session order.

    The batch pricer and the running cost feed it the same periods in the same order, so the
    two agree to the last digit.
    """

    __slots__ = ("excl", "flat", "incl", "last", "priced", "reservation_flat", "tariff", "volume")

    def __init__(self, tariff: Tariff) -> None:
        self.tariff = tariff
        self.excl = [ZERO] * 4
        self.incl = [ZERO] * 4
        self.priced = [ZERO] * 4  # volume that a component priced, per dimension
        self.volume = [ZERO] * 4  # all volume, priced or free
        self.last: list[Choice | None] = [None] * 4
        self.flat: Choice | None = None
        self.reservation_flat: Choice | None = None

    def copy(self) -> Ledger:
        twin = Ledger(self.tariff)
        twin.excl, twin.incl = self.excl.copy(), self.incl.copy()
        twin.priced, twin.volume = self.priced.copy(), self.volume.copy()
        twin.last = self.last.copy()
        twin.flat, twin.reservation_flat = self.flat, self.reservation_flat
        return twin

    def add(
        self,
        kind: StretchKind,
        selection: Selection,
        *,
        energy: Decimal = ZERO,
        time: Decimal = ZERO,
        parking: Decimal = ZERO,
        reservation: Decimal = ZERO,
    ) -> None:
        if kind in RESERVATION_KINDS:
            if self.reservation_flat is None:
                self.reservation_flat = selection.flat
            self._book(_RESERVATION, reservation, selection.time)
            return
        if self.flat is None:
            self.flat = selection.flat  # FLAT is billed once per session: the first one found
        self._book(_ENERGY, energy, selection.energy)
        self._book(_TIME, time, selection.time)
        self._book(_PARKING, parking, selection.parking)

    def _book(self, slot: int, volume: Decimal, choice: Choice | None) -> None:
        if not volume:
            return
        self.volume[slot] += volume
        if choice is not None:
            self.excl[slot] += volume * choice.unit_excl
            self.incl[slot] += volume * choice.unit_incl
            self.priced[slot] += volume
            self.last[slot] = choice

    def finish(self, total_time: Decimal) -> SessionPrice:
        with localcontext(CONTEXT):
            return self._finish(total_time)

    def _finish(self, total_time: Decimal) -> SessionPrice:
        excl, incl, billed = self.excl.copy(), self.incl.copy(), self.priced.copy()
        rounded = [_ENERGY, _RESERVATION]
        # TIME and PARKING_TIME share one rounding: the parking total's when both were priced.
        if self.last[_PARKING] is not None:
            rounded.append(_PARKING)
        elif self.last[_TIME] is not None:
            rounded.append(_TIME)
        for slot in rounded:
            choice = self.last[slot]
            if choice is None:
                continue
            extra = _step_extra(self.priced[slot], choice.component.step_size, slot)
            excl[slot] += extra * choice.unit_excl
            incl[slot] += extra * choice.unit_incl
            billed[slot] += extra
        flat = _flat_cost(self.flat)
        reservation = Cost(excl[_RESERVATION], incl[_RESERVATION])
        reservation += _flat_cost(self.reservation_flat)
        energy = Cost(excl[_ENERGY], incl[_ENERGY])
        time = Cost(excl[_TIME], incl[_TIME])
        parking = Cost(excl[_PARKING], incl[_PARKING])
        total, raised, lowered = clamp(energy + time + parking + flat + reservation, self.tariff)
        exact = CostTotals(energy, time, parking, flat, reservation, total)
        currency = self.tariff.currency
        quantum = minor_unit(currency)
        return SessionPrice(
            currency=currency,
            exact=exact,
            rounded=CostTotals(*(c.quantized(quantum) for c in _parts(exact))),
            total_energy=self.volume[_ENERGY],
            total_time=total_time,
            total_parking_time=self.volume[_PARKING],
            total_reservation_time=self.volume[_RESERVATION],
            billed_energy=billed[_ENERGY],
            billed_time=billed[_TIME],
            billed_parking_time=billed[_PARKING],
            min_price_applied=raised,
            max_price_applied=lowered,
        )


def _parts(t: CostTotals) -> tuple[Cost, Cost, Cost, Cost, Cost, Cost]:
    return (t.energy, t.time, t.parking, t.fixed, t.reservation, t.total)


def _flat_cost(choice: Choice | None) -> Cost:
    return NO_COST if choice is None else Cost(choice.unit_excl, choice.unit_incl)


def _step_extra(volume: Decimal, step: int, slot: int) -> Decimal:
    """Volume to add so that `volume` becomes a whole number of steps (in the volume's unit)."""
    if step <= 0 or not volume:
        return ZERO
    per = _UNITS_PER_VOLUME[slot]
    units = (volume * per).quantize(STEP_RESOLUTION, rounding=ROUND_HALF_EVEN)
    blocks = (units / step).to_integral_value(rounding=ROUND_CEILING)
    return max(ZERO, blocks * step / per - volume)


def _bound(limit: Price, total: Cost) -> tuple[Decimal, Decimal]:
    """A min/max price as (excl, incl); a missing incl_vat follows the session's own VAT ratio."""
    if limit.incl_vat is not None:
        return limit.excl_vat, limit.incl_vat
    ratio = total.incl_vat / total.excl_vat if total.excl_vat else Decimal(1)
    return limit.excl_vat, limit.excl_vat * ratio


def clamp(total: Cost, tariff: Tariff) -> tuple[Cost, bool, bool]:
    """Apply min_price and max_price to an exact total; returns (total, raised, lowered)."""
    excl, incl = total.excl_vat, total.incl_vat
    raised = lowered = False
    if tariff.min_price is not None:
        low_excl, low_incl = _bound(tariff.min_price, total)
        if excl < low_excl:
            excl, raised = low_excl, True
        if incl < low_incl:
            incl, raised = low_incl, True
    if tariff.max_price is not None:
        high_excl, high_incl = _bound(tariff.max_price, total)
        if excl > high_excl:
            excl, lowered = high_excl, True
        if incl > high_incl:
            incl, lowered = high_incl, True
    return Cost(excl, incl), raised, lowered


_SESSION_VOLUMES = (CdrDimensionType.ENERGY, CdrDimensionType.TIME, CdrDimensionType.PARKING_TIME)


def price_cdr(tariff: Tariff, cdr: Cdr, zone: tzinfo = UTC) -> SessionPrice:
    """Price a CDR's charging periods against `tariff`, with local-time restrictions in `zone`.

    Restrictions are checked at each period's start: local time, elapsed session time and the
    energy of the periods before it; power and current against the period's own readings.
    Volumes come from the dimensions, never from period timestamps.
    """
    if cdr.currency is not None and cdr.currency != tariff.currency:
        raise CdrError("currency", f"is {cdr.currency} but the tariff is in {tariff.currency}")
    with localcontext(CONTEXT):
        index = TariffIndex(tariff)
        periods = cdr.charging_periods
        session_volume = any(p.volume(kind) for p in periods for kind in _SESSION_VOLUMES)
        reserved = StretchKind.RESERVATION if session_volume else StretchKind.RESERVATION_EXPIRED
        ledger = Ledger(tariff)
        energy_before = ZERO
        for period in periods:
            start = period.start_date_time
            situation = Situation(
                local=start.astimezone(zone) if index.uses_local_time else None,
                elapsed=start - cdr.start_date_time,
                energy_kwh=energy_before,
                power_kw=period.power_range,
                current_a=period.current_range,
            )
            reservation = period.volume(CdrDimensionType.RESERVATION_TIME)
            kind = StretchKind.SESSION if reservation is None else reserved
            energy = period.volume(CdrDimensionType.ENERGY) or ZERO
            ledger.add(
                kind,
                index.select(situation, kind),
                energy=energy,
                time=period.volume(CdrDimensionType.TIME) or ZERO,
                parking=period.volume(CdrDimensionType.PARKING_TIME) or ZERO,
                reservation=reservation or ZERO,
            )
            energy_before += energy
        return ledger.finish(hours(cdr.end_date_time - cdr.start_date_time))
