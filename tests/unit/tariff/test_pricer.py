"""Batch pricing rules: step_size, VAT, FLAT once, min/max price, reservations, rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.domain.tariff import CdrError, Cost, price_cdr
from tests.unit.tariff.build import cdr, component, element, period, tariff

T0 = "2024-01-08T10:00:00Z"


def d(text: str) -> Decimal:
    return Decimal(text)


def test_driver_charged_per_started_block_of_the_last_step_size():
    t = tariff(element(component("TIME", 6, 300)))
    price = price_cdr(t, cdr(T0, "2024-01-08T10:21:00Z", period(T0, TIME=0.35)))  # 21 min
    assert price.billed_time == d("0.4166666666666666666666666666666667")  # 25 min
    assert price.total_time_cost == Cost(d("2.50"), d("2.50"))


def test_charging_time_is_not_rounded_when_parking_follows():
    t = tariff(element(component("TIME", 6, 300), component("PARKING_TIME", 3, 300)))
    c = cdr(
        T0,
        "2024-01-08T10:28:00Z",
        period(T0, TIME=0.35),
        period("2024-01-08T10:21:00Z", PARKING_TIME=0.1166666),
    )
    price = price_cdr(t, c)
    assert price.billed_time == d("0.35")
    assert price.exact.time.excl_vat == d("2.1")
    assert price.billed_parking_time * 60 == 10  # 7 minutes billed as 10
    assert price.total_parking_cost.excl_vat == d("0.50")


def test_parking_alone_is_rounded_even_when_charging_resumes_after_it():
    # "In the cases that TIME and PARKING_TIME Tariff Elements are both used, step_size is only
    # taken into account for the total parking duration" (OCPI 2.2.1 CDRs module, step_size).
    t = tariff(element(component("TIME", 6, 600), component("PARKING_TIME", 6, 600)))
    c = cdr(
        T0,
        "2024-01-08T11:00:00Z",
        period(T0, PARKING_TIME=0.1),
        period("2024-01-08T10:06:00Z", TIME=0.15),
    )
    price = price_cdr(t, c)
    assert price.billed_parking_time == d("0.1666666666666666666666666666666667")
    assert price.billed_time == d("0.15")


def test_time_is_rounded_when_the_parking_that_follows_is_free():
    t = tariff(element(component("TIME", 2.4, 900)))
    c = cdr(
        T0,
        "2024-01-08T10:12:00Z",
        period(T0, TIME=1 / 6),
        period("2024-01-08T10:10:00Z", PARKING_TIME=2 / 60),
    )
    assert price_cdr(t, c).total_time_cost.excl_vat == d("0.60")


def test_energy_step_uses_session_total_and_bills_the_extra_at_the_last_price():
    t = tariff(
        element(component("ENERGY", 0.2, 500), end_time="17:00"),
        element(component("ENERGY", 0.3, 1000), start_time="17:00"),
    )
    c = cdr(
        "2024-01-08T16:00:00Z",
        "2024-01-08T18:00:00Z",
        period("2024-01-08T16:00:00Z", ENERGY=4.3),
        period("2024-01-08T17:00:00Z", ENERGY=1.1),
    )
    price = price_cdr(t, c)
    assert price.billed_energy == 6  # 5.4 kWh rounded up to whole 1000 Wh steps
    assert price.exact.energy.excl_vat == d("4.3") * d("0.2") + d("1.7") * d("0.3")
    assert price.total_energy == d("5.4")


def test_energy_that_no_element_priced_is_free_and_not_rounded():
    t = tariff(element(component("ENERGY", 1, 1000), min_kwh=2))
    c = cdr(
        T0, "2024-01-08T11:00:00Z", period(T0, ENERGY=2), period("2024-01-08T10:30:00Z", ENERGY=0.2)
    )
    price = price_cdr(t, c)
    assert price.billed_energy == 1
    assert price.total_energy_cost.excl_vat == 1


def test_no_vat_means_incl_equals_excl_and_zero_vat_too():
    no_vat = tariff(element(component("ENERGY", 0.3, 1)))
    zero_vat = tariff(element(component("ENERGY", 0.3, 1, 0)))
    c = cdr(T0, T0, period(T0, ENERGY=10))
    assert price_cdr(no_vat, c).total_cost == Cost(d("3.00"), d("3.00"))
    assert price_cdr(zero_vat, c).total_cost == Cost(d("3.00"), d("3.00"))


def test_vat_is_per_component():
    t = tariff(element(component("FLAT", 1, 0, 20), component("ENERGY", 0.5, 1, 7)))
    price = price_cdr(t, cdr(T0, T0, period(T0, ENERGY=10)))
    assert price.total_fixed_cost == Cost(d("1.00"), d("1.20"))
    assert price.total_energy_cost == Cost(d("5.00"), d("5.35"))
    assert price.total_cost == Cost(d("6.00"), d("6.55"))


def test_tax_included_prices_are_split_back_out():
    t = tariff(element(component("ENERGY", 0.55, 1, 10)), tax_included="YES")
    price = price_cdr(t, cdr(T0, T0, period(T0, ENERGY=10)))
    assert price.total_energy_cost == Cost(d("5.00"), d("5.50"))


def test_flat_is_billed_once_from_the_first_period_that_has_one():
    t = tariff(
        element(component("FLAT", 2, 0), min_duration=600),
        element(component("FLAT", 1, 0), component("TIME", 0, 1)),
    )
    c = cdr(
        T0,
        "2024-01-08T11:00:00Z",
        *(period(f"2024-01-08T10:{m:02d}:00Z", TIME=0.25) for m in (0, 15, 30, 45)),
    )
    assert price_cdr(t, c).total_fixed_cost.excl_vat == 1


def test_min_and_max_price_apply_to_excl_and_incl_separately():
    # Mixed VAT: 1.00 + 20 % and 1.00 + 0 % gives 2.00 excl, 2.20 incl.
    base = [element(component("FLAT", 1, 0, 20), component("ENERGY", 1, 1, 0))]
    c = cdr(T0, T0, period(T0, ENERGY=1))
    low = price_cdr(tariff(*base, min_price={"excl_vat": 2.1, "incl_vat": 2.2}), c)
    assert low.total_cost == Cost(d("2.10"), d("2.20")) and low.min_price_applied
    assert low.total_energy_cost == Cost(d("1.00"), d("1.00"))  # components stay as billed
    high = price_cdr(tariff(*base, max_price={"excl_vat": 3, "incl_vat": 2.1}), c)
    assert high.total_cost == Cost(d("2.00"), d("2.10")) and high.max_price_applied
    untouched = price_cdr(tariff(*base, max_price={"excl_vat": 3, "incl_vat": 3.3}), c)
    assert not (untouched.min_price_applied or untouched.max_price_applied)


def test_min_price_without_incl_vat_follows_the_session_vat_ratio():
    t = tariff(element(component("ENERGY", 0.25, 1, 10)), min_price={"excl_vat": 0.5})
    price = price_cdr(t, cdr(T0, T0, period(T0, ENERGY=1)))
    assert price.total_cost == Cost(d("0.50"), d("0.55"))


def test_rounding_is_half_up_per_output_from_exact_values():
    t = tariff(element(component("FLAT", 2.5, 0, 15), component("ENERGY", 0.125, 1, 0)))
    price = price_cdr(t, cdr(T0, T0, period(T0, ENERGY=1)))
    assert price.exact.fixed == Cost(d("2.5"), d("2.875"))
    assert price.total_fixed_cost == Cost(d("2.50"), d("2.88"))
    assert price.total_energy_cost == Cost(d("0.13"), d("0.13"))  # 0.125 rounds up
    assert price.total_cost == Cost(d("2.63"), d("3.00"))  # 2.625 -> 2.63, 3.000 -> 3.00


def test_currency_without_minor_units():
    t = tariff(element(component("ENERGY", 40.5, 1)), currency="JPY")
    assert price_cdr(t, cdr(T0, T0, period(T0, ENERGY=1))).total_cost == Cost(d("41"), d("41"))


def test_cdr_in_another_currency_is_refused():
    t = tariff(element(component("ENERGY", 1, 1)))
    with pytest.raises(CdrError, match="currency: is USD but the tariff is in EUR"):
        price_cdr(t, cdr(T0, T0, period(T0, ENERGY=1), currency="USD"))


def test_totals_of_time_and_volumes():
    t = tariff(element(component("ENERGY", 1, 1)))
    c = cdr(
        T0,
        "2024-01-08T10:45:00Z",
        period(T0, ENERGY=3, TIME=0.5),
        period("2024-01-08T10:30:00Z", PARKING_TIME=0.25),
    )
    price = price_cdr(t, c)
    assert (price.total_energy, price.total_time, price.total_parking_time) == (
        3,
        d("0.75"),
        d("0.25"),
    )


RESERVE = [
    element(component("FLAT", 4, 0, 20), reservation="RESERVATION_EXPIRES"),
    element(component("TIME", 2, 600, 20), reservation="RESERVATION"),
    element(component("FLAT", 0.5, 0, 20), component("ENERGY", 0.25, 1, 10)),
]


def test_reservation_followed_by_charging_bills_reservation_time_not_the_expiry_fee():
    c = cdr(
        T0,
        "2024-01-08T11:00:00Z",
        period(T0, RESERVATION_TIME=0.3667),
        period("2024-01-08T10:22:00Z", ENERGY=20),
    )
    price = price_cdr(tariff(*RESERVE), c)
    assert price.total_reservation_cost == Cost(d("1.00"), d("1.20"))
    assert price.total_fixed_cost == Cost(d("0.50"), d("0.60"))
    assert price.total_cost == Cost(d("6.50"), d("7.30"))


def test_expired_reservation_bills_the_expiry_fee_and_no_start_fee():
    c = cdr(T0, "2024-01-08T11:00:00Z", period(T0, RESERVATION_TIME=1))
    price = price_cdr(tariff(*RESERVE), c)
    assert price.total_fixed_cost == Cost(d("0.00"), d("0.00"))
    assert price.total_cost == Cost(d("6.00"), d("7.20"))
