"""The running cost of a live session, kept up to date slice by slice in constant time."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal, localcontext
from fractions import Fraction

from kiosk.domain.tariff.cdr import Cdr, CdrDimension, CdrDimensionType, ChargingPeriod
from kiosk.domain.tariff.model import Tariff
from kiosk.domain.tariff.pricer import CONTEXT, ZERO, Ledger, SessionPrice, hours
from kiosk.domain.tariff.restrictions import (
    Selection,
    Situation,
    StretchKind,
    TariffIndex,
    next_local_change,
)

ENERGY_RESOLUTION = Decimal("1E-9")  # kWh; energy pro-rated into a split piece is rounded here
_US = timedelta(microseconds=1)
_WH_PER_KWH = Decimal(1000)
_NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class MeterSlice:
    """What happened between two meter readings: energy delivered and how the car drew it."""

    start: datetime  # timezone-aware
    end: datetime
    energy_kwh: Decimal
    charging: bool  # True: TIME (charging); False: PARKING_TIME (plugged in, not charging)
    power_kw: Decimal | None = None  # None: the average over the slice
    current_a: Decimal | None = None  # None: unknown; current restrictions then do not match


@dataclass(slots=True)
class _Open:
    """The charging period being extended."""

    start: datetime
    charging: bool
    selection: Selection
    key: tuple[object, ...]
    energy: Decimal = ZERO
    span_us: int = 0
    power: tuple[Decimal, Decimal] | None = None
    current: tuple[Decimal, Decimal] | None = None

    def time_volume(self) -> Decimal:
        return hours(self.span_us * _US)


class RunningCost:
    """Feeds meter slices into per-dimension sums; never re-prices what is already booked.

    Each slice is split where a restriction may change (local time marks and DST jumps in the
    hub zone, session-duration marks, kWh marks; energy is pro-rated by time at time splits and
    time by energy at kWh splits). A charging period is extended while the winning element of
    every dimension stays the same, and closed into the ledger when one changes. `current()`
    prices the ledger plus the open period; `to_cdr()` gives the periods the batch pricer
    would take, and pricing those gives the same totals.
    """

    def __init__(self, tariff: Tariff, *, start: datetime, zone: tzinfo = UTC) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be timezone-aware")
        self.tariff = tariff
        self.zone = zone
        self.start = start
        self.end = start
        self.energy_kwh = ZERO
        self.register_anomalies = 0
        self._index = TariffIndex(tariff)
        self._ledger = Ledger(tariff)
        self._periods: list[ChargingPeriod] = []
        self._open: _Open | None = None
        self._next_local = (
            next_local_change(start, zone, self._index.local_marks)
            if self._index.uses_local_time
            else _NEVER
        )
        self._duration_at = 0  # next index into duration_marks
        self._kwh_at = 0  # next index into kwh_marks
        self._epoch = 0  # bumped whenever a restriction may have changed
        self._memo: tuple[object, Selection] | None = None
        self._last_reading: tuple[datetime, Decimal] | None = None

    # -- feeding -------------------------------------------------------------------------

    def add(self, piece: MeterSlice) -> None:
        """Book one slice; slices must be consecutive (each starts where the last one ended)."""
        if piece.start != self.end:
            raise ValueError(f"slice starts at {piece.start}, expected {self.end}")
        if piece.energy_kwh < 0:
            raise ValueError("a slice cannot deliver negative energy")
        if piece.end < piece.start:
            raise ValueError("a slice must end after it starts")
        with localcontext(CONTEXT):
            if piece.end == piece.start:
                self._add_instant(piece)
            else:
                self._add(piece)

    def _add_instant(self, piece: MeterSlice) -> None:
        """Energy reported at the very instant the last slice ended (a final reading stamped
        with the end of the transaction): it belongs to the stretch that ended then, priced
        as that stretch was. No time passes, so no time-based cost changes."""
        if not piece.energy_kwh:
            return
        if self._open is None:  # nothing booked yet: a stretch of no length opens
            power = piece.power_kw if piece.power_kw is not None else ZERO
            self._piece(piece, piece.start, piece.start, piece.energy_kwh, power)
            return
        self._open.energy += piece.energy_kwh
        self.energy_kwh += piece.energy_kwh

    def add_reading(
        self,
        at: datetime,
        register_wh: Decimal,
        *,
        charging: bool,
        power_kw: Decimal | None = None,
        current_a: Decimal | None = None,
    ) -> None:
        """Book the slice from the previous meter reading to this one (cumulative register).

        The first reading only sets the register baseline (time since `start` is booked with
        no energy). A register that goes backwards books no energy and counts an anomaly;
        counting resumes from the new value. `charging`, `power_kw` and `current_a` describe
        the interval that ends at `at`.
        """
        if at < self.end:
            raise ValueError(f"reading at {at} is before the last one at {self.end}")
        previous = self._last_reading
        delta = ZERO if previous is None else register_wh - previous[1]
        if at == self.end and previous is not None:
            return  # same instant again: its energy is counted by the next slice
        if delta < 0:
            self.register_anomalies += 1
            delta = ZERO
        self._last_reading = (at, register_wh)
        if at > self.end:
            kwh = CONTEXT.divide(delta, _WH_PER_KWH)
            self.add(MeterSlice(self.end, at, kwh, charging, power_kw, current_a))

    def _add(self, piece: MeterSlice) -> None:
        a, b, energy = piece.start, piece.end, piece.energy_kwh
        span = (b - a) // _US
        power = piece.power_kw if piece.power_kw is not None else energy / hours(b - a)
        cuts: list[tuple[Fraction, int | None, Decimal | None]] = []  # (position, us, kWh)
        # A mark inside the slice cuts it. A mark exactly at its end changes nothing in it, but
        # whatever comes next must be selected afresh: the cached selection is dropped only
        # after this slice is booked, or the stale selection would be cached as the new one.
        mark_at_end = False
        index = self._index
        while self._next_local <= b:
            if self._next_local < b:
                cuts.append(self._time_cut(self._next_local, a, span))
            else:
                mark_at_end = True
            self._next_local = next_local_change(self._next_local, self.zone, index.local_marks)
        marks = index.duration_marks
        while self._duration_at < len(marks) and self.start + marks[self._duration_at] <= b:
            moment = self.start + marks[self._duration_at]
            if moment > a:
                if moment < b:
                    cuts.append(self._time_cut(moment, a, span))
                else:
                    mark_at_end = True
            self._duration_at += 1
        kwh = index.kwh_marks
        before, after = self.energy_kwh, self.energy_kwh + energy
        while self._kwh_at < len(kwh) and kwh[self._kwh_at] <= after:
            mark = kwh[self._kwh_at]
            if mark > before:
                if mark < after:
                    cuts.append((Fraction(mark - before) / Fraction(energy), None, mark - before))
                else:
                    mark_at_end = True
            self._kwh_at += 1
        if not cuts:
            self._piece(piece, a, b, energy, power)
            if mark_at_end:
                self._epoch += 1
            return
        cuts.sort(key=lambda cut: cut[0])
        at_us, at_kwh = 0, ZERO
        for position, cut_us, cut_kwh in cuts:
            us = max(at_us, round(position * span) if cut_us is None else cut_us)
            done = (energy * us / span).quantize(ENERGY_RESOLUTION) if cut_kwh is None else cut_kwh
            done = min(max(done, at_kwh), energy)
            self._piece(piece, a + at_us * _US, a + us * _US, done - at_kwh, power)
            at_us, at_kwh = us, done
            self._epoch += 1  # the next piece starts on a mark: never reuse the last selection
        self._piece(piece, a + at_us * _US, b, energy - at_kwh, power)
        if mark_at_end:
            self._epoch += 1

    @staticmethod
    def _time_cut(moment: datetime, a: datetime, span: int) -> tuple[Fraction, int, None]:
        us = (moment - a) // _US
        return Fraction(us, span), us, None

    def _piece(
        self, piece: MeterSlice, t0: datetime, t1: datetime, energy: Decimal, power: Decimal
    ) -> None:
        if t1 == t0 and not energy:
            return
        amps = piece.current_a
        current = None if amps is None else (amps, amps)
        index = self._index
        state = (
            self._epoch,
            bisect_right(index.power_marks, power),
            None if amps is None else bisect_right(index.current_marks, amps),
        )
        if self._memo is not None and self._memo[0] == state:
            selection = self._memo[1]
        else:
            situation = Situation(
                local=t0.astimezone(self.zone) if index.uses_local_time else None,
                elapsed=t0 - self.start,
                energy_kwh=self.energy_kwh,
                power_kw=(power, power),
                current_a=current,
            )
            selection = index.select(situation)
            self._memo = (state, selection)
        key = (piece.charging, selection.key, current is None)
        period = self._open
        if period is None or period.key != key:
            self._close()
            period = self._open = _Open(t0, piece.charging, selection, key)
        period.span_us += (t1 - t0) // _US
        period.energy += energy
        period.power = _widen(period.power, power)
        if piece.current_a is not None:
            period.current = _widen(period.current, piece.current_a)
        self.energy_kwh += energy
        self.end = t1

    def _close(self) -> None:
        period = self._open
        if period is None:
            return
        self._book(self._ledger, period)
        self._periods.append(_as_cdr_period(period))
        self._open = None

    @staticmethod
    def _book(ledger: Ledger, period: _Open) -> None:
        volume = period.time_volume()
        ledger.add(
            StretchKind.SESSION,
            period.selection,
            energy=period.energy,
            time=volume if period.charging else ZERO,
            parking=ZERO if period.charging else volume,
        )

    # -- reading -------------------------------------------------------------------------

    def current(self) -> SessionPrice:
        """The session's price if it stopped now (step_size and min/max price included)."""
        with localcontext(CONTEXT):
            ledger = self._ledger
            if self._open is not None:
                ledger = ledger.copy()
                self._book(ledger, self._open)
            return ledger.finish(hours(self.end - self.start))

    def to_cdr_periods(self) -> tuple[ChargingPeriod, ...]:
        with localcontext(CONTEXT):
            tail = () if self._open is None else (_as_cdr_period(self._open),)
            return (*self._periods, *tail)

    def to_cdr(self) -> Cdr:
        """The session so far as a CDR the batch pricer takes (needs at least one slice)."""
        periods = self.to_cdr_periods()
        if not periods:
            raise ValueError("no slice has been added yet")
        return Cdr(self.start, self.end, periods, currency=self.tariff.currency)


def _widen(span: tuple[Decimal, Decimal] | None, value: Decimal) -> tuple[Decimal, Decimal]:
    if span is None:
        return value, value
    return min(span[0], value), max(span[1], value)


def _as_cdr_period(period: _Open) -> ChargingPeriod:
    kind = CdrDimensionType
    dims = []
    if period.charging or period.energy:
        dims.append(CdrDimension(kind.ENERGY, period.energy))
    time_kind = kind.TIME if period.charging else kind.PARKING_TIME
    dims.append(CdrDimension(time_kind, period.time_volume()))
    if period.power is not None:
        dims += [CdrDimension(kind.MIN_POWER, period.power[0])]
        dims += [CdrDimension(kind.MAX_POWER, period.power[1])]
    if period.current is not None:
        dims += [CdrDimension(kind.MIN_CURRENT, period.current[0])]
        dims += [CdrDimension(kind.MAX_CURRENT, period.current[1])]
    return ChargingPeriod(period.start, tuple(dims))
