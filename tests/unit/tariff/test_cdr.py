"""Reading the CDR side: session times, ordered periods and their dimensions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.domain.tariff import CdrDimensionType, CdrError, load_cdr
from tests.unit.tariff.build import cdr, cdr_json, period

T0 = "2022-01-13T14:30:00Z"
T1 = "2022-01-13T15:30:00Z"


def test_periods_and_dimensions_are_read_exactly():
    c = cdr(T0, T1, period(T0, ENERGY=20.125, MAX_POWER=11, TIME=1), currency="EUR", id="c1")
    (p,) = c.charging_periods
    assert p.volume(CdrDimensionType.ENERGY) == Decimal("20.125")
    assert p.volume(CdrDimensionType.PARKING_TIME) is None
    assert p.power_range == (Decimal(11), Decimal(11))
    assert (c.currency, c.id) == ("EUR", "c1")


def test_power_range_falls_back_to_average_then_to_energy_over_time():
    c = cdr(T0, T1, period(T0, ENERGY=22, TIME=2), period(T1, POWER=7, MIN_POWER=3))
    first, second = c.charging_periods
    assert first.power_range == (Decimal(11), Decimal(11))
    assert second.power_range == (Decimal(3), Decimal(7))
    assert first.current_range is None


def test_expected_totals_in_the_cdr_are_ignored_by_the_reader():
    text = cdr_json(T0, T1, period(T0, ENERGY=1), total_cost={"excl_vat": 1})
    assert load_cdr(text).charging_periods[0].volume(CdrDimensionType.ENERGY) == 1


BAD = [
    ("[1]", "", "must be a JSON object"),
    (cdr_json(T0, T1), "charging_periods", "at least one"),
    (f'{{"start_date_time":"{T0}","end_date_time":"{T1}"}}', "charging_periods", "is required"),
    (
        '{"end_date_time":"2022-01-13T15:30:00Z","charging_periods":[]}',
        "start_date_time",
        "is required",
    ),
    (cdr_json(T1, T0, period(T1, ENERGY=1)), "end_date_time", "must not be before"),
    (cdr_json(T0, T1, period(T0)), "charging_periods[0].dimensions", "at least one"),
    (
        cdr_json(T0, T1, period(T0, WATTS=1)),
        "charging_periods[0].dimensions[0].type",
        "must be one of CURRENT",
    ),
    (
        cdr_json(T0, T1, period(T0, ENERGY=-1)),
        "charging_periods[0].dimensions[0].volume",
        "must be >= 0",
    ),
    (
        cdr_json(T0, T1, period(T0, ENERGY="1")),
        "charging_periods[0].dimensions[0].volume",
        "must be a number",
    ),
    (
        cdr_json(T0, T1, period("2022-01-13T14:00:00Z", ENERGY=1)),
        "charging_periods[0].start_date_time",
        "must lie within the session",
    ),
    (
        cdr_json(T0, T1, period("2022-01-13T15:00:00Z", ENERGY=1), period(T0, ENERGY=1)),
        "charging_periods[1].start_date_time",
        "must not be before the previous",
    ),
    (
        cdr_json(
            T0,
            T1,
            {
                "start_date_time": T0,
                "dimensions": [{"type": "ENERGY", "volume": 1}, {"type": "ENERGY", "volume": 2}],
            },
        ),
        "charging_periods[0].dimensions[1].type",
        "appears twice",
    ),
]


@pytest.mark.parametrize(("text", "path", "message"), BAD)
def test_invalid_cdr_names_the_field(text, path, message):
    with pytest.raises(CdrError) as caught:
        load_cdr(text)
    assert caught.value.field_path == path
    assert message in caught.value.message
    assert str(caught.value).startswith(f"cdr {path}: " if path else "cdr: ")
