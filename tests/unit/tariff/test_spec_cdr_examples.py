"""Worked examples of the OCPI 2.2.1 CDRs module: step_size on session totals, the example CDR."""

from __future__ import annotations

from decimal import Decimal

from kiosk.domain.tariff import Cost, price_cdr
from tests.unit.tariff.build import cdr, component, element, period, tariff

D = Decimal


def cost(excl: str, incl: str) -> Cost:
    return Cost(D(excl), D(incl))


# -- CDRs module, CDR object, step_size ------------------------------------------------


def test_cdr_step_size_charging_then_parking():
    # "step_size for both charging (TIME) and parking is 5 minutes. After 21 minutes of
    # charging, the EV is full but remains connected for 7 more minutes. The cost of charging
    # will be calculated based on 21 minutes (not 25). ... parking ... 10 minutes".
    t = tariff(element(component("TIME", 6.00, 300), component("PARKING_TIME", 3.00, 300)))
    c = cdr(
        "2024-01-08T10:00:00Z",
        "2024-01-08T10:28:00Z",
        period("2024-01-08T10:00:00Z", TIME=0.35),
        period("2024-01-08T10:21:00Z", PARKING_TIME=7 / 60),
    )
    price = price_cdr(t, c)
    assert price.billed_time * 60 == 21
    assert (price.billed_parking_time * 60).quantize(D("0.000001")) == 10
    assert price.total_cost == cost("2.60", "2.60")


def test_cdr_step_size_energy_total_not_last_period():
    # "0.20 euro/[k]Wh before 17:00 and 0.27 after 17:00 both have a step_size of 500 Wh ...
    # 4.3 kWh before 17:00 and 1.1 kWh after ... rounds this up to 5.5 kWh total. It does NOT
    # round the energy used after 17:00 to 1.5 kWh." -> 4.3 x 0.20 + 1.2 x 0.27 = 1.184.
    t = tariff(
        element(component("ENERGY", 0.20, 500), end_time="17:00"),
        element(component("ENERGY", 0.27, 500), start_time="17:00"),
    )
    c = cdr(
        "2024-01-08T16:00:00Z",
        "2024-01-08T18:00:00Z",
        period("2024-01-08T16:00:00Z", ENERGY=4.3),
        period("2024-01-08T17:00:00Z", ENERGY=1.1),
    )
    price = price_cdr(t, c)
    assert price.billed_energy == D("5.5")
    assert price.exact.total.excl_vat == D("1.184")


def test_cdr_step_size_time_total_not_last_period():
    # "5 euro/hour before 17:00 and 7 euro/hour after 17:00 both have a step_size of 10
    # minutes ... 6 minutes before 17:00 and 22 minutes after ... rounds this up to 30 minutes
    # total, so 24 minutes after 17:00 will be billed" -> 0.50 + 2.80 = 3.30.
    t = tariff(
        element(component("TIME", 5, 600), end_time="17:00"),
        element(component("TIME", 7, 600), start_time="17:00"),
    )
    c = cdr(
        "2024-01-08T16:54:00Z",
        "2024-01-08T17:22:00Z",
        period("2024-01-08T16:54:00Z", TIME=0.1),
        period("2024-01-08T17:00:00Z", TIME=22 / 60),
    )
    assert price_cdr(t, c).total_cost == cost("3.30", "3.30")


def test_cdr_step_size_only_parking_rounded_when_both_used():
    # "Charging cost 1.00 euro/hour, parking 2.00 euro/hour both have a step_size of 10
    # minutes. If a driver charges 21 minutes, and keeps his EV connected ... another 16
    # minutes. The step_size rounds the parking duration up to 20 minutes" -> 0.35 + 0.6667.
    t = tariff(element(component("TIME", 1, 600), component("PARKING_TIME", 2, 600)))
    c = cdr(
        "2024-01-08T10:00:00Z",
        "2024-01-08T10:37:00Z",
        period("2024-01-08T10:00:00Z", TIME=0.35),
        period("2024-01-08T10:21:00Z", PARKING_TIME=16 / 60),
    )
    price = price_cdr(t, c)
    assert price.billed_time == D("0.35")
    assert price.total_cost == cost("1.02", "1.02")


def test_cdr_module_example_of_a_cdr():
    # "Example of a CDR" (cdr_example.json): 2.00 per hour + 10 %, billed per 5 minutes,
    # 1.973 hours of charging -> 4.00 / 4.40 (118.38 minutes billed as 120).
    t = tariff(element(component("TIME", 2.00, 300, 10.0)))
    c = cdr(
        "2015-06-29T21:39:09Z", "2015-06-29T23:37:32Z", period("2015-06-29T21:39:09Z", TIME=1.973)
    )
    price = price_cdr(t, c)
    assert price.total_cost == cost("4.00", "4.40")
    assert price.total_time.quantize(D("0.001")) == D("1.973")
