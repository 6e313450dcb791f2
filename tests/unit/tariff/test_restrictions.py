"""Restriction semantics: first matching element per dimension, bounds, local time and DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain.tariff import price_cdr
from kiosk.domain.tariff.restrictions import next_local_change
from tests.unit.tariff.build import cdr, component, element, period, tariff

BERLIN = ZoneInfo("Europe/Berlin")


def energy_cost(t, start: str, end: str | None = None, zone=UTC, **dims) -> Decimal:
    """Excl. VAT energy cost of one period starting at `start` with the given dimensions."""
    dims.setdefault("ENERGY", 1)
    c = cdr(start, end or start, period(start, **dims))
    return price_cdr(t, c, zone).exact.energy.excl_vat


def priced(price: float, **restrictions) -> dict:
    return element(component("ENERGY", price), **restrictions)


FALLBACK = priced(9)


def test_first_matching_element_wins_per_dimension():
    t = tariff(
        element(component("TIME", 5, 1)),  # no ENERGY here: does not stop the ENERGY search
        priced(1, max_power=11),
        priced(2, max_power=22),
        FALLBACK,
    )
    assert energy_cost(t, "2024-01-08T10:00:00Z", MAX_POWER=7) == 1
    assert energy_cost(t, "2024-01-08T10:00:00Z", MAX_POWER=11) == 2  # max exclusive
    assert energy_cost(t, "2024-01-08T10:00:00Z", MAX_POWER=22) == 9


def test_no_matching_element_means_no_cost_for_that_dimension():
    t = tariff(priced(1, min_kwh=5))
    assert energy_cost(t, "2024-01-08T10:00:00Z") == 0


@pytest.mark.parametrize(
    ("restrictions", "dims", "expected"),
    [
        ({"min_power": 11}, {"MIN_POWER": 11, "MAX_POWER": 20}, 1),  # min inclusive
        ({"min_power": 11}, {"MIN_POWER": 10.9, "MAX_POWER": 20}, 9),  # dipped below during it
        ({"max_power": 11}, {"MIN_POWER": 3, "MAX_POWER": 10.99}, 1),
        ({"max_power": 11}, {"MIN_POWER": 3, "MAX_POWER": 11}, 9),  # max exclusive
        ({"min_current": 16}, {"MIN_CURRENT": 16}, 1),
        ({"max_current": 16}, {"MAX_CURRENT": 16}, 9),
        ({"max_current": 16}, {"CURRENT": 10}, 1),  # average when no min/max reading
        ({"max_current": 16}, {}, 9),  # unknown current matches no current bound
        ({"min_power": 10}, {"TIME": 0.1, "ENERGY": 1}, 1),  # 1 kWh in 0.1 h averages 10 kW
    ],
)
def test_power_and_current_bounds(restrictions, dims, expected):
    t = tariff(priced(1, **restrictions), FALLBACK)
    dims.setdefault("ENERGY", 1)
    assert energy_cost(t, "2024-01-08T10:00:00Z", **dims) == expected


def test_kwh_bounds_use_the_energy_delivered_before_the_period():
    t = tariff(priced(0, max_kwh=1), priced(2, min_kwh=1))
    c = cdr(
        "2024-01-08T10:00:00Z",
        "2024-01-08T11:00:00Z",
        period("2024-01-08T10:00:00Z", ENERGY=1),  # starts at 0 kWh: free
        period("2024-01-08T10:10:00Z", ENERGY=3),  # starts at exactly 1 kWh: max exclusive
    )
    assert price_cdr(t, c).exact.energy.excl_vat == 6


def test_duration_bounds_use_the_time_since_session_start():
    t = tariff(priced(0, max_duration=1800), priced(3, min_duration=1800))
    c = cdr(
        "2024-01-08T10:00:00Z",
        "2024-01-08T11:00:00Z",
        period("2024-01-08T10:00:00Z", ENERGY=1),
        period("2024-01-08T10:29:59Z", ENERGY=1),
        period("2024-01-08T10:30:00Z", ENERGY=1),
    )
    assert price_cdr(t, c).exact.energy.excl_vat == 3


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2024-01-08T21:59:00Z", 9),
        ("2024-01-08T22:00:00Z", 1),  # start_time inclusive
        ("2024-01-08T23:59:59Z", 1),
        ("2024-01-09T00:00:00Z", 1),  # window wraps over midnight
        ("2024-01-09T05:59:59Z", 1),
        ("2024-01-09T06:00:00Z", 9),  # end_time exclusive
    ],
)
def test_night_window_wraps_midnight(start, expected):
    t = tariff(priced(1, start_time="22:00", end_time="06:00"), FALLBACK)
    assert energy_cost(t, start) == expected


def test_end_time_midnight_means_end_of_day():
    t = tariff(priced(1, start_time="20:00", end_time="00:00"), FALLBACK)
    assert energy_cost(t, "2024-01-08T23:59:00Z") == 1
    assert energy_cost(t, "2024-01-08T19:59:00Z") == 9
    only_end = tariff(priced(1, end_time="00:00"), FALLBACK)
    assert energy_cost(only_end, "2024-01-08T12:00:00Z") == 1


def test_time_windows_are_local_time_in_the_given_zone():
    t = tariff(priced(1, start_time="17:00", end_time="20:00"), FALLBACK)
    # 16:30 UTC is 17:30 in Berlin in winter, 18:30 in summer.
    assert energy_cost(t, "2024-01-08T16:30:00Z", zone=BERLIN) == 1
    assert energy_cost(t, "2024-01-08T16:30:00Z", zone=UTC) == 9
    assert energy_cost(t, "2024-07-08T18:30:00Z", zone=BERLIN) == 9  # 20:30 CEST


def test_dates_and_weekdays_are_local():
    t = tariff(
        priced(1, start_date="2024-12-24", end_date="2024-12-27"),
        priced(2, day_of_week=["SATURDAY", "SUNDAY"]),
        FALLBACK,
    )
    assert energy_cost(t, "2024-12-23T23:30:00Z", zone=BERLIN) == 1  # already the 24th there
    assert energy_cost(t, "2024-12-26T23:30:00Z", zone=BERLIN) == 9  # the 27th: end exclusive
    assert energy_cost(t, "2024-12-28T12:00:00Z") == 2  # a Saturday
    assert energy_cost(t, "2024-12-30T12:00:00Z") == 9  # a Monday


def test_dst_spring_forward_window_in_the_skipped_hour():
    # 31 March 2024, Berlin: 02:00 local jumps to 03:00 at 01:00 UTC.
    t = tariff(priced(1, start_time="02:30", end_time="03:30"), FALLBACK)
    assert energy_cost(t, "2024-03-31T00:59:59Z", zone=BERLIN) == 9  # 01:59:59 CET
    assert energy_cost(t, "2024-03-31T01:00:00Z", zone=BERLIN) == 1  # 03:00 CEST
    assert energy_cost(t, "2024-03-31T01:30:00Z", zone=BERLIN) == 9  # 03:30 CEST


def test_dst_fall_back_hour_counts_twice():
    # 27 October 2024, Berlin: 03:00 CEST falls back to 02:00 CET at 01:00 UTC.
    t = tariff(priced(1, start_time="02:00", end_time="03:00"), FALLBACK)
    assert energy_cost(t, "2024-10-27T00:15:00Z", zone=BERLIN) == 1  # 02:15 CEST
    assert energy_cost(t, "2024-10-27T01:15:00Z", zone=BERLIN) == 1  # 02:15 CET
    assert energy_cost(t, "2024-10-27T02:15:00Z", zone=BERLIN) == 9  # 03:15 CET


def test_next_local_change_finds_marks_and_dst_jumps():
    def change(after: str, marks: tuple[int, ...]) -> datetime:
        return next_local_change(datetime.fromisoformat(after), BERLIN, marks)

    # A mark in the skipped hour happens at the jump itself.
    assert change("2024-03-31T00:30:00+00:00", (150,)) == datetime(2024, 3, 31, 1, tzinfo=UTC)
    # An ambiguous mark happens twice; the first is 02:30 CEST.
    first = change("2024-10-27T00:00:00+00:00", (150,))
    assert first == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    # The wall clock jumps back from 03:00 to 02:00 at 01:00 UTC: a possible change.
    assert change(first.isoformat(), (150,)) == datetime(2024, 10, 27, 1, tzinfo=UTC)
    assert change("2024-10-27T01:00:00+00:00", (150,)) == datetime(2024, 10, 27, 1, 30, tzinfo=UTC)
    # Marks are local: 17:00 Berlin in winter is 16:00 UTC.
    plain = change("2024-01-08T10:00:00+00:00", (0, 17 * 60))
    assert plain == datetime(2024, 1, 8, 16, tzinfo=UTC)
    assert change(plain.isoformat(), (0, 17 * 60)) == datetime(2024, 1, 8, 23, tzinfo=UTC)
    assert plain - datetime(2024, 1, 8, 10, tzinfo=UTC) == timedelta(hours=6)


def test_reservation_elements_do_not_price_a_session():
    t = tariff(priced(7, reservation="RESERVATION"), priced(2))
    assert energy_cost(t, "2024-01-08T10:00:00Z") == 2
