"""Reading and validating OCPI tariffs: every mistake names its field."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from kiosk.domain.tariff import (
    DayOfWeek,
    Price,
    ReservationRestrictionType,
    TariffDimensionType,
    TariffError,
    TariffType,
    TaxIncluded,
    load_tariff,
)
from tests.unit.tariff.build import component, element, tariff, tariff_json

ENERGY = component("ENERGY", 0.25, 1, 10)


def test_full_tariff_is_read_exactly():
    text = json.dumps(
        {
            "country_code": "DE",
            "party_id": "ALL",
            "id": "17",
            "currency": "EUR",
            "type": "AD_HOC_PAYMENT",
            "tariff_alt_text": [{"language": "en", "text": "0.25 per kWh"}],
            "tariff_alt_url": "https://example.com/t/17",
            "min_price": {"excl_vat": 0.50, "incl_vat": 0.55},
            "max_price": {"excl_vat": 10},
            "elements": [
                {
                    "price_components": [
                        {"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                        {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1},
                    ],
                    "restrictions": {
                        "start_time": "13:30",
                        "end_time": "19:45",
                        "start_date": "2015-12-24",
                        "end_date": "2015-12-27",
                        "min_kwh": 1.5,
                        "max_kwh": 50,
                        "min_current": 5,
                        "max_current": 20.5,
                        "min_power": 5,
                        "max_power": 22,
                        "min_duration": 60,
                        "max_duration": 3600,
                        "day_of_week": ["MONDAY", "SUNDAY"],
                    },
                }
            ],
            "start_date_time": "2018-12-17T11:36:01Z",
            "end_date_time": "2019-06-30T23:59:59+02:00",
            "last_updated": "2018-12-17T11:36:01",
            "preauthorize_amount": 25,
            "tax_included": "N/A",
        }
    )
    t = load_tariff(text)
    assert (t.id, t.currency, t.country_code, t.party_id) == ("17", "EUR", "DE", "ALL")
    assert t.type is TariffType.AD_HOC_PAYMENT
    assert t.tariff_alt_text[0].text == "0.25 per kWh"
    assert t.min_price == Price(Decimal("0.50"), Decimal("0.55"))
    assert t.max_price == Price(Decimal(10), None)
    flat, energy = t.elements[0].price_components
    assert flat.type is TariffDimensionType.FLAT and flat.price == Decimal("0.50")
    assert energy.vat == Decimal("10.0") and isinstance(energy.price, Decimal)
    r = t.elements[0].restrictions
    assert r is not None
    assert (r.start_time, r.end_time) == (13 * 60 + 30, 19 * 60 + 45)
    assert (r.start_date, r.end_date) == (date(2015, 12, 24), date(2015, 12, 27))
    assert r.min_kwh == Decimal("1.5") and r.max_current == Decimal("20.5")
    assert (r.min_duration, r.max_duration) == (60, 3600)
    assert r.day_of_week == {DayOfWeek.MONDAY, DayOfWeek.SUNDAY}
    assert t.end_date_time == datetime(2019, 6, 30, 21, 59, 59, tzinfo=UTC)
    assert t.last_updated is not None and t.last_updated.tzinfo is not None  # no zone means UTC
    assert t.preauthorize_amount == Decimal(25)
    assert t.tax_included is TaxIncluded.NOT_APPLICABLE


def test_numbers_are_never_floats():
    t = load_tariff(
        '{"id":"1","currency":"EUR","elements":[{"price_components":'
        '[{"type":"ENERGY","price":0.1,"step_size":1,"vat":19}]}]}'
    )
    c = t.elements[0].price_components[0]
    assert c.price == Decimal("0.1") and type(c.price) is Decimal
    assert type(c.vat) is Decimal


def test_free_of_charge_flat_may_have_step_size_zero():
    # OCPI 2.2.1 Tariffs module, "Free of Charge Tariff example": FLAT, price 0.00, step_size 0.
    t = tariff(element(component("FLAT", 0, 0)))
    assert t.elements[0].price_components[0].step_size == 0


def test_reservation_restriction_is_read():
    t = tariff(element(component("TIME", 5, 60, 20), reservation="RESERVATION_EXPIRES"))
    r = t.elements[0].restrictions
    assert r is not None and r.reservation is ReservationRestrictionType.RESERVATION_EXPIRES


def test_tariff_validity_window():
    t = tariff(
        element(ENERGY),
        start_date_time="2024-01-01T00:00:00Z",
        end_date_time="2024-02-01T00:00:00Z",
    )
    assert t.is_active_at(datetime(2024, 1, 15, tzinfo=UTC))
    assert not t.is_active_at(datetime(2023, 12, 31, tzinfo=UTC))
    assert not t.is_active_at(datetime(2024, 2, 2, tzinfo=UTC))


BAD = [
    ("{not json", "", "not valid JSON"),
    ("[]", "", "must be a JSON object"),
    ('{"currency":"EUR","elements":[]}', "id", "is required"),
    (tariff_json(element(ENERGY), currency="euro"), "currency", "ISO 4217"),
    (tariff_json(), "elements", "at least one"),
    (tariff_json(element()), "elements[0].price_components", "at least one"),
    (
        tariff_json(element(component("POWER", 1))),
        "elements[0].price_components[0].type",
        'must be one of ENERGY, FLAT, PARKING_TIME, TIME, got "POWER"',
    ),
    (
        tariff_json(element(component("ENERGY", -0.1))),
        "elements[0].price_components[0].price",
        "must be >= 0, got -0.1",
    ),
    (
        tariff_json(element(component("ENERGY", "0.25"))),
        "elements[0].price_components[0].price",
        'must be a number, got "0.25"',
    ),
    (
        tariff_json(element(component("ENERGY", True))),
        "elements[0].price_components[0].price",
        "must be a number",
    ),
    (
        tariff_json(element(ENERGY), element(component("TIME", 1, 0))),
        "elements[1].price_components[0].step_size",
        "must be > 0, got 0",
    ),
    (
        tariff_json(element(component("ENERGY", 1, 1.5))),
        "elements[0].price_components[0].step_size",
        "must be an integer",
    ),
    (
        tariff_json(element(component("FLAT", 1, -1))),
        "elements[0].price_components[0].step_size",
        "must be >= 0",
    ),
    (
        tariff_json(element(component("ENERGY", 1, 1, -5))),
        "elements[0].price_components[0].vat",
        "must be >= 0",
    ),
    (
        tariff_json(element(ENERGY, start_time="24:00")),
        "elements[0].restrictions.start_time",
        "24h time",
    ),
    (
        tariff_json(element(ENERGY, end_time="7:00")),
        "elements[0].restrictions.end_time",
        "24h time",
    ),
    (
        tariff_json(element(ENERGY, start_date="2015-02-30")),
        "elements[0].restrictions.start_date",
        "not a real date",
    ),
    (
        tariff_json(element(ENERGY, end_date="24-12-2015")),
        "elements[0].restrictions.end_date",
        "must be a date",
    ),
    (
        tariff_json(element(ENERGY, day_of_week=["MONDAY", "Mon"])),
        "elements[0].restrictions.day_of_week[1]",
        "must be one of MONDAY",
    ),
    (
        tariff_json(element(ENERGY, day_of_week="MONDAY")),
        "elements[0].restrictions.day_of_week",
        "must be a JSON array",
    ),
    (
        tariff_json(element(ENERGY, min_kwh=10, max_kwh=5)),
        "elements[0].restrictions.max_kwh",
        "must be greater than min_kwh (10), got 5",
    ),
    (
        tariff_json(element(ENERGY, min_power=22, max_power=22)),
        "elements[0].restrictions.max_power",
        "must be greater than min_power",
    ),
    (
        tariff_json(element(ENERGY, min_duration=-1)),
        "elements[0].restrictions.min_duration",
        "must be >= 0",
    ),
    (
        tariff_json(element(ENERGY, max_duration=60.5)),
        "elements[0].restrictions.max_duration",
        "must be an integer",
    ),
    (
        tariff_json(element(ENERGY, start_date="2016-01-01", end_date="2015-01-01")),
        "elements[0].restrictions.end_date",
        "must be greater than start_date",
    ),
    (
        tariff_json(element(ENERGY, reservation="SOMETIMES")),
        "elements[0].restrictions.reservation",
        "must be one of RESERVATION",
    ),
    (tariff_json(element(ENERGY), type="CHEAP"), "type", "must be one of AD_HOC_PAYMENT"),
    (tariff_json(element(ENERGY), min_price={"incl_vat": 1}), "min_price.excl_vat", "is required"),
    (
        tariff_json(element(ENERGY), min_price={"excl_vat": 5}, max_price={"excl_vat": 4}),
        "max_price.excl_vat",
        "must be at least min_price (5), got 4",
    ),
    (tariff_json(element(ENERGY), last_updated="yesterday"), "last_updated", "RFC 3339"),
    (
        tariff_json(element(ENERGY), start_date_time="2015-13-01T00:00:00Z"),
        "start_date_time",
        "not a real date-time",
    ),
    (tariff_json(element(ENERGY), preauthorize_amount=-5), "preauthorize_amount", "must be >= 0"),
    (tariff_json(element(ENERGY), tax_included="MAYBE"), "tax_included", "must be one of YES"),
    (
        '{"id":"1","currency":"EUR","elements":[{"price_components":[{"type":"ENERGY",'
        '"price":NaN,"step_size":1}]}]}',
        "",
        "not valid JSON",
    ),
]


@pytest.mark.parametrize(("text", "path", "message"), BAD)
def test_invalid_tariff_names_the_field(text, path, message):
    with pytest.raises(TariffError) as caught:
        load_tariff(text)
    assert caught.value.field_path == path
    assert message in caught.value.message
    rendered = str(caught.value)
    assert rendered.startswith(f"tariff {path}: " if path else "tariff: ")
    assert "\n" not in rendered


def test_error_message_matches_the_documented_shape():
    with pytest.raises(TariffError) as caught:
        load_tariff(tariff_json(element(ENERGY), element(component("TIME", 1, 0))))
    assert (
        str(caught.value) == "tariff elements[1].price_components[0].step_size: must be > 0, got 0"
    )


def test_null_members_count_as_absent():
    t = tariff(element(ENERGY, max_kwh=None), type=None, min_price=None)
    assert t.type is None and t.min_price is None
    assert t.elements[0].restrictions is not None and t.elements[0].restrictions.max_kwh is None
