"""The running cost: constant work per slice, and the same price as the batch pricer at stop."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.tariff import CdrDimensionType, MeterSlice, RunningCost, Tariff, price_cdr
from kiosk.domain.tariff.pricer import Ledger
from tests.unit.tariff.build import component, element, tariff

D = Decimal
BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2024, 1, 8, 15, 50, tzinfo=UTC)
KIND = CdrDimensionType


def feed(running: RunningCost, *parts: tuple[int, str, bool, str | None]) -> None:
    """Slices as (seconds, kWh, charging, kW) starting where the running cost ended."""
    for seconds, kwh, charging, kw in parts:
        end = running.end + timedelta(seconds=seconds)
        running.add(MeterSlice(running.end, end, D(kwh), charging, None if kw is None else D(kw)))


def dims(period) -> dict[str, Decimal]:
    return {d.type.value: d.volume for d in period.dimensions}


def test_driver_sees_cost_rise_while_charging():
    running = RunningCost(tariff(element(component("ENERGY", 0.3, 1, 19))), start=T0)
    seen = []
    for _ in range(12):
        feed(running, (10, "0.03", True, "11"))
        seen.append(running.current().total_cost.incl_vat)
    assert seen == sorted(seen) and seen[-1] == D("0.13")  # 0.36 kWh x 0.357
    assert len(running.to_cdr_periods()) == 1  # nothing changed: one period, extended


def test_slice_is_split_at_a_local_time_mark_with_energy_pro_rated():
    t = tariff(
        element(component("ENERGY", 0.2, 1), end_time="17:00"),
        element(component("ENERGY", 0.4, 1), start_time="17:00"),
    )
    running = RunningCost(t, start=datetime(2024, 1, 8, 15, 50, tzinfo=UTC), zone=BERLIN)
    feed(running, (1200, "2", True, None))  # 16:50 to 17:10 Berlin time
    first, second = running.to_cdr_periods()
    assert second.start_date_time == datetime(2024, 1, 8, 16, 0, tzinfo=UTC)
    assert dims(first)[KIND.ENERGY] == dims(second)[KIND.ENERGY] == 1
    assert running.current().total_energy_cost.excl_vat == D("0.60")


def test_slice_is_split_where_energy_crosses_a_kwh_mark():
    t = tariff(element(component("ENERGY", 0, 1), max_kwh=1), element(component("ENERGY", 1, 1)))
    running = RunningCost(t, start=T0)
    feed(running, (400, "0.5", True, None), (400, "2", True, None))
    first, second = running.to_cdr_periods()
    # 0.5 of the 2 kWh fall under the mark: a quarter of the slice's 400 s.
    assert second.start_date_time == T0 + timedelta(seconds=500)
    assert dims(first)[KIND.ENERGY] == 1 and dims(second)[KIND.ENERGY] == D("1.5")
    assert running.current().total_energy_cost.excl_vat == D("1.50")


def test_slice_is_split_at_a_session_duration_mark():
    t = tariff(
        element(component("PARKING_TIME", 0, 1), max_duration=1800),
        element(component("PARKING_TIME", 6, 60)),
    )
    running = RunningCost(t, start=T0)
    feed(running, (1700, "0", False, "0"), (400, "0", False, "0"))
    periods = running.to_cdr_periods()
    assert [p.start_date_time - T0 for p in periods] == [timedelta(0), timedelta(minutes=30)]
    assert running.current().total_parking_cost.excl_vat == D("0.50")  # 5 minutes at 6.00


def test_dst_jump_splits_at_the_instant_the_window_opens():
    # 31 March 2024, Berlin: 02:00 jumps to 03:00 at 01:00 UTC, which opens 02:30-03:30.
    t = tariff(
        element(component("ENERGY", 1, 1), start_time="02:30", end_time="03:30"),
        element(component("ENERGY", 0, 1)),
    )
    start = datetime(2024, 3, 31, 0, 30, tzinfo=UTC)
    running = RunningCost(t, start=start, zone=BERLIN)
    feed(running, (5400, "9", True, None))
    starts = [p.start_date_time for p in running.to_cdr_periods()]
    assert starts == [
        start,
        datetime(2024, 3, 31, 1, tzinfo=UTC),
        datetime(2024, 3, 31, 1, 30, tzinfo=UTC),
    ]
    assert running.current().total_energy_cost.excl_vat == D("3.00")


def test_new_period_when_power_tier_or_charging_state_changes():
    t = tariff(
        element(component("ENERGY", 0.2, 1), max_power=16),
        element(component("ENERGY", 0.5, 1)),
        element(component("TIME", 1, 1), component("PARKING_TIME", 2, 1)),
    )
    running = RunningCost(t, start=T0)
    feed(
        running,
        (60, "0.1", True, "6"),
        (60, "0.1", True, "6"),
        (60, "0.8", True, "48"),
        (60, "0.1", True, "6"),
        (60, "0", False, "0"),
    )
    periods = running.to_cdr_periods()
    assert [KIND.TIME in dims(p) for p in periods] == [True, True, True, False]
    assert dims(periods[0])[KIND.ENERGY] == D("0.2")
    assert dims(periods[1])[KIND.MAX_POWER] == 48


def test_readings_from_a_cumulative_register():
    running = RunningCost(tariff(element(component("ENERGY", 1, 1))), start=T0)
    running.add_reading(T0, D("1000000"), charging=True)
    running.add_reading(T0 + timedelta(seconds=60), D("1000250"), charging=True)
    running.add_reading(T0 + timedelta(seconds=60), D("1000300"), charging=True)  # same instant
    running.add_reading(T0 + timedelta(seconds=120), D("1000500"), charging=True)
    running.add_reading(T0 + timedelta(seconds=180), D("999000"), charging=True)  # backwards
    running.add_reading(T0 + timedelta(seconds=240), D("999100"), charging=True)
    assert running.energy_kwh == D("0.6")
    assert running.register_anomalies == 1
    with pytest.raises(ValueError, match="before the last one"):
        running.add_reading(T0, D("999200"), charging=True)


def test_slices_must_be_consecutive_and_sane():
    running = RunningCost(tariff(element(component("ENERGY", 1, 1))), start=T0)
    with pytest.raises(ValueError, match="expected"):
        running.add(MeterSlice(T0 + timedelta(seconds=1), T0 + timedelta(seconds=2), D(0), True))
    with pytest.raises(ValueError, match="negative"):
        running.add(MeterSlice(T0, T0 + timedelta(seconds=2), D(-1), True))
    with pytest.raises(ValueError, match="end after"):
        running.add(MeterSlice(T0, T0 - timedelta(seconds=1), D(1), True))
    with pytest.raises(ValueError, match="no slice"):
        running.to_cdr()
    with pytest.raises(ValueError, match="timezone-aware"):
        RunningCost(running.tariff, start=datetime(2024, 1, 1))


def test_energy_reported_at_the_instant_a_stretch_ended_belongs_to_that_stretch():
    # A charger's final reading stamped with the end of its transaction: no time passes, the
    # energy is billed at the price of the stretch that just ended (here the evening one).
    t = tariff(
        element(component("ENERGY", 0.5, 1), start_time="17:00", end_time="18:00"),
        element(component("ENERGY", 0.3, 1)),
        element(component("TIME", 1.2, 60)),
    )
    evening = datetime(2024, 3, 5, 17, 30, tzinfo=UTC)
    running = RunningCost(t, start=evening, zone=UTC)
    end = evening + timedelta(minutes=30)  # 18:00: the next stretch would be 0.30
    running.add(MeterSlice(evening, end, D(10), True, D(20)))
    running.add(MeterSlice(end, end, D(2), True))  # the final 2 kWh, at the same instant
    price = running.current()
    assert price.total_energy == D(12) and running.end == end
    assert price.total_energy_cost.excl_vat == D("6.00")  # all 12 kWh at 0.50
    assert price.total_time_cost.excl_vat == D("0.60")  # 30 minutes, not a second more
    assert price_cdr(t, running.to_cdr(), UTC).total_cost == price.total_cost

    first = RunningCost(t, start=evening, zone=UTC)
    first.add(MeterSlice(evening, evening, D(1), True))  # before any stretch: one of no length
    assert first.current().total_energy_cost.excl_vat == D("0.50")


def test_work_per_slice_does_not_depend_on_session_length(monkeypatch):
    # Only a closed period ever reaches the ledger; current() books the open one on a copy.
    calls = []
    original = Ledger.add
    monkeypatch.setattr(
        Ledger, "add", lambda self, *a, **k: calls.append(1) or original(self, *a, **k)
    )
    t = tariff(
        element(component("ENERGY", 0.3, 1), start_time="17:00", end_time="20:00"),
        element(component("ENERGY", 0.2, 1)),
    )
    running = RunningCost(t, start=T0)
    for _ in range(3000):
        feed(running, (5, "0.01", True, "7.2"))
        running.current()
    periods = len(running.to_cdr_periods())
    assert periods == 2
    assert len(calls) == 3000 + (periods - 1)  # one per current() + one per closed period


# -- property: running cost at stop == batch price of its own charging periods ------------

TIMES = ["00:00", "06:00", "07:30", "16:10", "17:00", "20:00", "22:00"]
DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
PRICES = [0, 0.05, 0.2, 0.25, 0.3, 1, 1.2, 2.4, 3]


def bounded(draw, low: str, high: str, values: list) -> dict:
    """A lower bound, an upper bound or both, the lower one below the upper one."""
    a, b = sorted(draw(st.lists(st.sampled_from(values), min_size=2, max_size=2, unique=True)))
    keep = draw(st.sampled_from([(low,), (high,), (low, high)]))
    return {k: v for k, v in ((low, a), (high, b)) if k in keep}


@st.composite
def elements(draw) -> dict:
    kinds = draw(
        st.lists(
            st.sampled_from(["ENERGY", "TIME", "PARKING_TIME", "FLAT"]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    parts = []
    for kind in kinds:
        step = 0 if kind == "FLAT" else draw(st.sampled_from([1, 60, 300, 500, 900, 1000]))
        parts.append(
            component(
                kind,
                draw(st.sampled_from(PRICES)),
                step,
                draw(st.sampled_from([None, 0, 10, 19, 21])),
            )
        )
    r: dict = {}
    if draw(st.integers(0, 2)) == 0:
        r |= {
            k: draw(st.sampled_from(TIMES))
            for k in draw(
                st.sampled_from([["start_time"], ["end_time"], ["start_time", "end_time"]])
            )
        }
    if draw(st.integers(0, 3)) == 0:
        r["day_of_week"] = draw(
            st.lists(st.sampled_from(DAYS), min_size=1, max_size=4, unique=True)
        )
    if draw(st.integers(0, 2)) == 0:
        r |= bounded(draw, "min_power", "max_power", [3.7, 7.4, 11, 22])
    if draw(st.integers(0, 3)) == 0:
        r |= bounded(draw, "min_kwh", "max_kwh", [0.5, 1, 2, 5])
    if draw(st.integers(0, 3)) == 0:
        r |= bounded(draw, "min_duration", "max_duration", [300, 900, 1800, 3600])
    if draw(st.integers(0, 4)) == 0:
        r |= bounded(draw, "min_current", "max_current", [10, 16, 32])
    return element(*parts, **r)


@st.composite
def tariffs(draw) -> Tariff:
    extra: dict = {}
    if draw(st.booleans()):
        extra["min_price"] = {"excl_vat": draw(st.sampled_from([0.5, 1, 2.5]))}
    if draw(st.booleans()):
        extra["max_price"] = {"excl_vat": 3, "incl_vat": draw(st.sampled_from([3, 3.3, 3.6]))}
    return tariff(*draw(st.lists(elements(), min_size=1, max_size=5)), **extra)


STARTS = [
    datetime(2024, 1, 8, 15, 40, tzinfo=UTC),
    datetime(2024, 3, 30, 23, 30, tzinfo=UTC),  # Berlin springs forward at 01:00 UTC
    datetime(2024, 10, 26, 23, 50, tzinfo=UTC),  # Berlin falls back at 01:00 UTC
    datetime(2024, 3, 10, 6, 20, tzinfo=UTC),  # New York springs forward at 07:00 UTC
    datetime(2024, 6, 7, 21, 45, tzinfo=UTC),  # a Friday evening into Saturday
]


@st.composite
def sessions(draw) -> tuple[datetime, list[MeterSlice]]:
    start = draw(st.sampled_from(STARTS)) + timedelta(minutes=draw(st.integers(0, 240)))
    at, slices = start, []
    charged_for = draw(st.integers(1, 30))
    for i in range(draw(st.integers(1, 30))):
        seconds = draw(st.integers(1, 1500))
        charging = i < charged_for and draw(st.integers(0, 9)) > 0
        kw = D(str(draw(st.sampled_from([3.7, 7.4, 11, 22, 50])))) if charging else D(0)
        kwh = (kw * seconds / 3600).quantize(D("0.001"))
        given_kw = draw(st.sampled_from([None, kw]))
        amps = draw(st.sampled_from([None, D(6), D(16), D(32), D(40)]))
        end = at + timedelta(seconds=seconds, microseconds=draw(st.sampled_from([0, 250_000])))
        slices.append(MeterSlice(at, end, kwh, charging, given_kw, amps))
        at = end
    return start, slices


ZONES = [UTC, BERLIN, ZoneInfo("America/New_York")]
COMPONENTS = ("energy", "time", "parking", "fixed", "reservation", "total")


@settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tariffs(), sessions(), st.sampled_from(ZONES))
def test_running_cost_equals_batch_price_of_its_periods(t, session, zone):
    start, slices = session
    running = RunningCost(t, start=start, zone=zone)
    for piece in slices:
        running.add(piece)
    live = running.current()
    batch = price_cdr(t, running.to_cdr(), zone)
    for name in COMPONENTS:
        assert getattr(live.rounded, name) == getattr(batch.rounded, name), name
    assert (live.total_energy, live.total_time, live.total_parking_time) == (
        batch.total_energy,
        batch.total_time,
        batch.total_parking_time,
    )
    assert live.total_energy == sum((s.energy_kwh for s in slices), D(0))


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tariffs(), sessions(), st.sampled_from(ZONES))
def test_finer_slices_give_the_same_price(t, session, zone):
    start, slices = session
    coarse = RunningCost(t, start=start, zone=zone)
    fine = RunningCost(t, start=start, zone=zone)
    for piece in slices:
        coarse.add(piece)
        kw = (
            piece.power_kw
            if piece.power_kw is not None
            else piece.energy_kwh
            / (D((piece.end - piece.start) // timedelta(microseconds=1)) / D(3_600_000_000))
        )
        middle = piece.start + (piece.end - piece.start) // 2
        share = (
            piece.energy_kwh
            * D((middle - piece.start) // timedelta(microseconds=1))
            / D((piece.end - piece.start) // timedelta(microseconds=1))
        ).quantize(D("1E-9"))
        for a, b, kwh in (
            (piece.start, middle, share),
            (middle, piece.end, piece.energy_kwh - share),
        ):
            if b > a:
                fine.add(MeterSlice(a, b, kwh, piece.charging, kw, piece.current_a))
    for name in COMPONENTS:
        here, there = getattr(coarse.current().exact, name), getattr(fine.current().exact, name)
        assert abs(here.excl_vat - there.excl_vat) < D("1E-6"), name
        assert abs(here.incl_vat - there.incl_vat) < D("1E-6"), name


@st.composite
def minute_sessions(draw) -> tuple[datetime, list[MeterSlice]]:
    """Meter readings every whole minute, as chargers send them: restriction marks (times of
    day, session durations) then fall exactly on slice ends, the case random slices miss."""
    start = draw(st.sampled_from(STARTS)).replace(second=0) + timedelta(
        minutes=draw(st.integers(0, 240))
    )
    at, slices = start, []
    charged_for = draw(st.integers(1, 40))
    for i in range(draw(st.integers(1, 60))):
        minutes = draw(st.sampled_from([1, 1, 1, 5, 15]))
        charging = i < charged_for
        kw = D(str(draw(st.sampled_from([3.7, 11, 22, 50])))) if charging else D(0)
        end = at + timedelta(minutes=minutes)
        slices.append(MeterSlice(at, end, kw * minutes / 60, charging, kw, None))
        at = end
    return start, slices


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tariffs(), minute_sessions(), st.sampled_from(ZONES))
def test_marks_on_slice_ends_price_the_same_as_the_batch(t, session, zone):
    start, slices = session
    running = RunningCost(t, start=start, zone=zone)
    for piece in slices:
        running.add(piece)
    live, batch = running.current(), price_cdr(t, running.to_cdr(), zone)
    for name in COMPONENTS:
        assert getattr(live.rounded, name) == getattr(batch.rounded, name), name


def test_a_time_window_and_an_idle_fee_that_start_on_a_reading():
    """Regression: readings each minute from 10:50 Berlin; the 10:00–11:00 price ends on a
    reading, and so does the idle fee's 30-minute grace period."""
    t = tariff(
        element(component("ENERGY", 0.40, 1, 19), start_time="10:00", end_time="11:00"),
        element(component("ENERGY", 0.60, 1, 19), min_power=100),
        element(component("ENERGY", 0.50, 1, 19)),
        element(component("TIME", 1.20, 60, 19)),
        element(component("PARKING_TIME", 6.00, 300, 19), min_duration=1800),
    )
    start = datetime(2026, 11, 24, 9, 50, tzinfo=UTC)
    running, at = RunningCost(t, start=start, zone=BERLIN), start
    for minute in range(40):
        kw = D(120) if minute < 20 else D(50)
        running.add(MeterSlice(at, at + timedelta(minutes=1), kw / 60, True, kw, None))
        at += timedelta(minutes=1)
    running.add(MeterSlice(at, at + timedelta(minutes=42), D(0), False, None, None))
    price = running.current()
    assert price.total_energy_cost.excl_vat == D("28.33")  # 20 × 0.40 + 20 × 0.60 + 16.67 × 0.50
    assert price.total_time_cost.excl_vat == D("0.80")  # 40 min at 1.20/h
    assert price.total_parking_cost.excl_vat == D("4.50")  # 42 min → 45 min at 6.00/h
    assert price.total_cost == price_cdr(t, running.to_cdr(), BERLIN).total_cost
