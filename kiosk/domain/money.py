"""Money as `Decimal` with a currency; conversion to minor units happens only at the edges."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 minor-unit exponents for the currencies a European hub meets; 2 otherwise.
_EXPONENTS = {"JPY": 0, "ISK": 0, "HUF": 2, "KWD": 3, "BHD": 3, "JOD": 3, "TND": 3}


def exponent(currency: str) -> int:
    """Number of decimal places of the currency's minor unit."""
    return _EXPONENTS.get(currency.upper(), 2)


def parse_decimal(text: str | int | Decimal) -> Decimal:
    """Parse an exact decimal; floats are refused because they cannot hold money exactly."""
    if isinstance(text, bool | float):
        raise ValueError(f"{text!r} is not an exact decimal (write it as a string)")
    try:
        value = Decimal(text)
    except (InvalidOperation, TypeError) as exc:
        raise ValueError(f"{text!r} is not a decimal number") from exc
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    return value


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money.amount must be a Decimal")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise ValueError(f"{self.currency!r} is not an ISO 4217 currency code")

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def rounded(self) -> Money:
        """Round half up to the currency's minor unit, as receipts and captures need."""
        quantum = Decimal(1).scaleb(-exponent(self.currency))
        return Money(self.amount.quantize(quantum, rounding=ROUND_HALF_UP), self.currency)

    def minor_units(self) -> int:
        """Integer minor units (cents) for gateways; the amount must already be rounded."""
        scaled = self.amount.scaleb(exponent(self.currency))
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{self} has more precision than {self.currency} minor units")
        return int(scaled)

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        return cls(Decimal(units).scaleb(-exponent(currency)), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
