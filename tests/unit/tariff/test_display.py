"""What the driver is shown before starting: AFIR-ordered lines, the hold, an estimate."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest

from kiosk.domain.tariff import DayOfWeek
from kiosk.domain.tariff.display import (
    AFIR_ORDER,
    HoldReason,
    LineKind,
    When,
    estimate,
    hold_amount,
    price_lines,
)
from tests.unit.tariff.build import component, element, tariff

D = Decimal
IDLE_AFTER_30 = element(component("PARKING_TIME", 6.00, 60, 20), min_duration=1800)
FREE_FIRST_30 = element(component("PARKING_TIME", 0, 60), max_duration=1800)
NIGHT_ENERGY = element(component("ENERGY", 0.30, 1, 20), start_time="22:00", end_time="06:00")
DAY_ENERGY = element(component("ENERGY", 0.45, 1, 20))
TIME_FEE = element(component("TIME", 2.40, 60, 20))
START_FEE = element(component("FLAT", 1.00, 0, 20))


def test_lines_come_in_afir_order_per_kwh_per_minute_per_session_other():
    t = tariff(
        FREE_FIRST_30,
        IDLE_AFTER_30,
        START_FEE,
        TIME_FEE,
        NIGHT_ENERGY,
        DAY_ENERGY,
        min_price={"excl_vat": 2, "incl_vat": 2.4},
        max_price={"excl_vat": 50},
    )
    lines = price_lines(t)
    assert [line.kind for line in lines] == [
        LineKind.PER_KWH,
        LineKind.PER_KWH,
        LineKind.PER_MINUTE,
        LineKind.PER_SESSION,
        LineKind.PARKING_PER_MINUTE,
        LineKind.PARKING_PER_MINUTE,
        LineKind.MIN_PRICE,
        LineKind.MAX_PRICE,
    ]
    assert [line.kind for line in lines] == sorted(
        (line.kind for line in lines), key=AFIR_ORDER.index
    )
    assert all(line.currency == "EUR" for line in lines)


def test_amounts_include_vat_and_time_is_per_minute():
    night, day, per_minute, start, free, idle = price_lines(
        tariff(NIGHT_ENERGY, DAY_ENERGY, TIME_FEE, START_FEE, FREE_FIRST_30, IDLE_AFTER_30)
    )
    assert (night.amount, night.amount_excl_vat, night.vat_percent) == (D("0.36"), D("0.30"), 20)
    assert day.amount == D("0.54") and day.when.always
    assert per_minute.amount == D("0.048") and per_minute.step_size == 60
    assert start.amount == D("1.20") and start.step_size is None
    assert free.free and idle.amount == D("0.12")


def test_time_of_day_variation_is_shown_as_conditions():
    night = price_lines(tariff(NIGHT_ENERGY, DAY_ENERGY))[0]
    assert night.when == When(from_time=time(22, 0), until_time=time(6, 0))
    weekend = price_lines(
        tariff(
            element(component("ENERGY", 0.3, 1), day_of_week=["SUNDAY", "SATURDAY"], max_power=22)
        )
    )[0]
    assert weekend.when.days == (DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
    assert weekend.when.max_power_kw == 22


def test_idle_fee_grace_period_comes_from_the_duration_restriction():
    free, idle = price_lines(tariff(FREE_FIRST_30, IDLE_AFTER_30))
    assert free.when.before == timedelta(minutes=30) and free.free
    assert idle.when.after == timedelta(minutes=30) and idle.amount == D("0.12")


def test_reservation_prices_are_not_shown_for_ad_hoc_sessions():
    t = tariff(element(component("TIME", 5, 60), reservation="RESERVATION"), DAY_ENERGY)
    assert [line.kind for line in price_lines(t)] == [LineKind.PER_KWH]


def test_min_price_without_incl_vat_shows_the_excl_amount():
    t = tariff(DAY_ENERGY, min_price={"excl_vat": 2})
    assert price_lines(t)[-1].amount == 2


@pytest.mark.parametrize(
    ("fields", "amount", "reason"),
    [
        ({"preauthorize_amount": 35}, "35", HoldReason.TARIFF),
        ({"max_price": {"excl_vat": 40, "incl_vat": 48}}, "48", HoldReason.MAX_PRICE),
        ({"max_price": {"excl_vat": 90, "incl_vat": 108}}, "50", HoldReason.DEFAULT),
        ({}, "50", HoldReason.DEFAULT),
    ],
)
def test_hold_amount(fields, amount, reason):
    hold = hold_amount(tariff(DAY_ENERGY, **fields), D(50))
    assert (hold.amount, hold.currency, hold.reason) == (D(amount), "EUR", reason)
    assert hold.reason.value.startswith("hold.")


def test_estimate_for_n_kwh_at_a_start_time():
    t = tariff(START_FEE, NIGHT_ENERGY, DAY_ENERGY)
    at_noon = estimate(t, energy_kwh=D(20), start=datetime(2024, 1, 8, 12, tzinfo=UTC))
    assert at_noon.cost.incl_vat == D("12.00")  # 1.20 + 20 x 0.54
    assert at_noon.duration == timedelta(hours=20) / 11
    # Starting at 21:00 at 10 kW: 10 kWh before 22:00 at 0.54, 10 after at 0.36.
    evening = estimate(
        t, energy_kwh=D(20), start=datetime(2024, 1, 8, 21, tzinfo=UTC), power_kw=D(10)
    )
    assert evening.cost.incl_vat == D("10.20")
    assert evening.price.billed_energy == 20
    with pytest.raises(ValueError, match="positive"):
        estimate(t, energy_kwh=D(0), start=datetime(2024, 1, 8, 21, tzinfo=UTC))
