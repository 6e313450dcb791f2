"""Money is exact: Decimal in, Decimal out, minor units only at the edge."""

from decimal import Decimal

import pytest

from kiosk.domain.money import Money, exponent, parse_decimal


def test_rounding_is_half_up_to_the_minor_unit():
    assert Money(Decimal("1.005"), "EUR").rounded() == Money(Decimal("1.01"), "EUR")
    assert Money(Decimal("1.004"), "EUR").rounded().amount == Decimal("1.00")
    assert Money(Decimal("99.5"), "JPY").rounded().amount == Decimal("100")


def test_minor_units_round_trip_and_refuse_hidden_precision():
    assert Money(Decimal("12.34"), "EUR").minor_units() == 1234
    assert Money.from_minor_units(1234, "EUR") == Money(Decimal("12.34"), "EUR")
    assert exponent("KWD") == 3
    with pytest.raises(ValueError, match="more precision"):
        Money(Decimal("0.001"), "EUR").minor_units()


def test_floats_and_mixed_currencies_are_refused():
    with pytest.raises(TypeError):
        Money(0.1, "EUR")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="exact decimal"):
        parse_decimal(0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot combine"):
        Money(Decimal(1), "EUR") + Money(Decimal(1), "CHF")
    with pytest.raises(ValueError, match="ISO 4217"):
        Money(Decimal(1), "euro")
    with pytest.raises(ValueError, match="finite"):
        parse_decimal("NaN")


def test_sums_are_exact():
    total = sum((Money(Decimal("0.1"), "EUR") for _ in range(10)), Money.zero("EUR"))
    assert total == Money(Decimal("1.0"), "EUR")
