"""Money and price lines formatted for the driver's locale (display only; amounts stay Decimal)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QLocale

from kiosk.domain.tariff.display import LineKind, PriceLine
from kiosk.ui import texts

_SYMBOLS = {
    "EUR": "€",
    "GBP": "£",
    "CHF": "CHF",
    "USD": "$",
    "DKK": "kr.",
    "SEK": "kr",
    "NOK": "kr",
}


def money(amount: Decimal, currency: str, locale: QLocale, places: int = 2) -> str:
    """`€0.59` / `0,59 €` as the locale writes it. Rounded half up for display only."""
    shown = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    symbol = _SYMBOLS.get(currency, currency)
    # QLocale formats a binary float; the value was rounded to `places` first, so what is
    # shown is the exact decimal.
    return locale.toCurrencyString(float(shown), symbol, places)


def tile_price(lines: tuple[PriceLine, ...], locale: QLocale) -> tuple[str, str]:
    """(headline, note) for a bay tile: the energy price, then fees a driver must not miss."""
    energy = [line for line in lines if line.kind is LineKind.PER_KWH and not line.free]
    if not energy:
        return "", ""
    cheapest = min(energy, key=lambda line: line.amount)
    amount = money(cheapest.amount, cheapest.currency, locale)
    varies = len({line.amount for line in energy}) > 1
    headline = texts.from_per_kwh(amount) if varies else texts.per_kwh(amount)
    notes = []
    for line in lines:
        if line.free:
            continue
        price = money(line.amount, line.currency, locale)
        if line.kind is LineKind.PER_SESSION:
            notes.append(texts.plus_per_session(price))
        elif line.kind is LineKind.PER_MINUTE:
            notes.append(texts.plus_per_minute(price))
        elif line.kind is LineKind.PARKING_PER_MINUTE:
            after = line.when.after
            minutes = int(after.total_seconds() // 60) if after else 0
            notes.append(texts.idle_fee(price, minutes))
    return headline, " · ".join(dict.fromkeys(notes))
