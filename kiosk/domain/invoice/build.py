"""Cutting an invoice from a SessionPrice, and credit notes, so that every cent reconciles."""

# Rounding, decided once (docs/INVOICING.md):
#
# - The totals are the SessionPrice's own: net = total_cost.excl_vat, gross = total_cost.incl_vat,
#   each rounded half up from its exact value by the pricer; VAT = gross - net. Nothing here
#   re-rounds a total, so the invoice always equals what the screen showed and what was captured.
# - Lines are cut from the exact per-dimension amounts (energy, charging time, parking time, flat
#   fee, reservation, and the min/max price adjustment when the tariff clamped the total).
# - Net and VAT are shared out twice, each with `apportion`: first the invoice totals over the VAT
#   rates (by the rates' exact amounts), then each rate's amounts over its lines. `apportion`
#   rounds every part half up, then moves the difference to the target one minor unit at a time
#   onto the parts whose rounding moved them furthest the other way (never onto a part that is
#   exactly zero). Each part thus stays within one minor unit of its exact value, and is exactly
#   the SessionPrice's rounded component whenever no correction is needed.
# - A line's gross is its net plus its VAT, so lines, rates and totals all add up by construction.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from kiosk.domain.invoice.model import (
    DocumentKind,
    Invoice,
    InvoiceError,
    InvoiceLine,
    InvoiceNumber,
    LineKind,
    MeterDataCheck,
    Payment,
    Seller,
    SessionFacts,
    Unit,
)
from kiosk.domain.money import exponent
from kiosk.domain.tariff.model import PriceComponent, Tariff, TariffDimensionType
from kiosk.domain.tariff.pricer import SessionPrice
from kiosk.domain.tariff.restrictions import unit_prices

_EXACT = Context(prec=60)
_ZERO = Decimal(0)
_RATE_TOLERANCE = Decimal("1E-9")  # percent; tax-included prices are divided, so not exact
_AMOUNT_TOLERANCE = Decimal("1E-12")


@dataclass(frozen=True, slots=True)
class _Part:
    """A line before rounding: exact net and gross."""

    kind: LineKind
    rate: Decimal | None
    net: Decimal
    gross: Decimal
    quantity: Decimal | None = None
    unit: Unit | None = None
    prices: tuple[Decimal, Decimal] | None = None  # unit price excl., incl. VAT


def invoice_from(
    *,
    number: InvoiceNumber,
    issued_at: datetime,
    seller: Seller,
    session: SessionFacts,
    price: SessionPrice,
    tariff: Tariff,
    tariff_name: str | None = None,
    payment: Payment | None = None,
    meter_data: MeterDataCheck | None = None,
) -> Invoice:
    """The invoice of a settled session, cut from the very `SessionPrice` that was captured.

    `tariff` must be the one that priced the session: it gives each component's VAT rate and
    unit price. Raises `InvoiceError` for a payment whose capture is not the price's gross.
    """
    if price.currency != tariff.currency:
        raise InvoiceError(f"price in {price.currency}, tariff in {tariff.currency}")
    total = price.total_cost
    if payment is not None and payment.captured != total.incl_vat:
        raise InvoiceError(f"captured {payment.captured} but the session costs {total.incl_vat}")
    with localcontext(_EXACT):
        parts = _parts(price, tariff)
        lines = _share(parts, total.excl_vat, total.incl_vat - total.excl_vat, price.currency)
    return Invoice(
        kind=DocumentKind.INVOICE,
        number=number,
        issued_at=issued_at,
        seller=seller,
        session=session,
        currency=price.currency,
        tariff_name=tariff.id if tariff_name is None else tariff_name,
        lines=lines,
        payment=payment,
        meter_data=meter_data,
    )


def _parts(price: SessionPrice, tariff: Tariff) -> list[_Part]:
    exact, dim, hour = price.exact, TariffDimensionType, Unit.HOUR
    rows = (
        (LineKind.ENERGY, {dim.ENERGY}, exact.energy, price.billed_energy, Unit.KWH),
        (LineKind.CHARGING_TIME, {dim.TIME}, exact.time, price.billed_time, hour),
        (LineKind.PARKING_TIME, {dim.PARKING_TIME}, exact.parking, price.billed_parking_time, hour),
        (LineKind.FLAT_FEE, {dim.FLAT}, exact.fixed, Decimal(1), Unit.SESSION),
        (LineKind.RESERVATION, set(dim), exact.reservation, price.total_reservation_time, hour),
    )
    parts: list[_Part] = []
    for kind, kinds, cost, quantity, unit in rows:
        reserved = kind is LineKind.RESERVATION
        found = _components(tariff, reserved=reserved, kinds=kinds)
        billed = bool(cost.excl_vat or cost.incl_vat)
        if not billed and (kind is LineKind.FLAT_FEE or not (quantity if reserved else found)):
            continue
        prices = {unit_prices(c, tariff.tax_included) for c in found}
        single = next(iter(prices)) if len(prices) == 1 and not reserved else None
        if single is not None and abs(quantity * single[0] - cost.excl_vat) > _AMOUNT_TOLERANCE:
            single = None  # part of the volume went unpriced: quantity x price would mislead
        line = _Part(kind, None, cost.excl_vat, cost.incl_vat, quantity, unit, single)
        parts += _by_rate(line, [c.vat for c in found])
    if price.min_price_applied or price.max_price_applied:
        # min_price / max_price clamp the total, never a component: the difference is a line.
        net = exact.total.excl_vat - sum((p.net for p in parts), _ZERO)
        gross = exact.total.incl_vat - sum((p.gross for p in parts), _ZERO)
        kind = LineKind.MAX_PRICE if price.max_price_applied else LineKind.MIN_PRICE
        rates = [p.rate for p in parts] or [
            c.vat for c in _components(tariff, reserved=False, kinds=set(dim))
        ]
        parts += _by_rate(_Part(kind, None, net, gross), rates)
    return parts


def _components(
    tariff: Tariff, *, reserved: bool, kinds: set[TariffDimensionType]
) -> list[PriceComponent]:
    return [
        component
        for element in tariff.elements
        if (element.restrictions is not None and element.restrictions.reservation is not None)
        == reserved
        for component in element.price_components
        if component.type in kinds
    ]


def _by_rate(part: _Part, candidates: Sequence[Decimal | None]) -> list[_Part]:
    """Give `part` its VAT rate; an amount priced at two rates becomes two parts.

    The rate is the tariff's when the dimension has one. With several (never seen in a real
    tariff), the effective rate gross/net picks the matching one, or else the amount is split
    exactly between the two rates that bracket it, solved from its net and gross.
    """
    rates = list(dict.fromkeys(candidates))  # distinct, in tariff order
    net, gross = part.net, part.gross
    effective = (gross - net) / net * 100 if net else None
    if not rates:
        rate = None if gross == net else (effective or _ZERO).quantize(Decimal("0.01"))
        return [replace(part, rate=rate)]
    if len(rates) == 1 or effective is None:
        return [replace(part, rate=rates[0])]

    def value(rate: Decimal | None) -> Decimal:
        return _ZERO if rate is None else rate

    nearest = min(rates, key=lambda r: abs(value(r) - effective))
    low = [r for r in rates if value(r) <= effective]
    high = [r for r in rates if value(r) >= effective]
    if abs(value(nearest) - effective) <= _RATE_TOLERANCE or not low or not high:
        return [replace(part, rate=nearest)]
    below = max(low, key=value)
    above = min(high, key=value)
    factor = 1 + value(below) / 100
    share = (gross - net * factor) / ((value(above) - value(below)) / 100)
    rest = net - share
    return [
        _Part(part.kind, below, rest, rest * factor),
        _Part(part.kind, above, share, gross - rest * factor),
    ]


def _share(
    parts: list[_Part], net: Decimal, vat: Decimal, currency: str
) -> tuple[InvoiceLine, ...]:
    quantum = Decimal(1).scaleb(-exponent(currency))
    groups: dict[Decimal | None, list[_Part]] = {}
    for part in parts:
        groups.setdefault(part.rate, []).append(part)
    members = list(groups.values())
    nets = apportion([sum((p.net for p in g), _ZERO) for g in members], net, quantum)
    vats = apportion([sum((p.gross - p.net for p in g), _ZERO) for g in members], vat, quantum)
    lines: list[InvoiceLine] = []
    for group, group_net, group_vat in zip(members, nets, vats, strict=True):
        line_nets = apportion([p.net for p in group], group_net, quantum)
        line_vats = apportion([p.gross - p.net for p in group], group_vat, quantum)
        for part, line_net, line_vat in zip(group, line_nets, line_vats, strict=True):
            excl, incl = part.prices if part.prices is not None else (None, None)
            line = InvoiceLine(part.kind, part.rate, line_net, line_vat, part.quantity, part.unit)
            lines.append(replace(line, unit_price_excl=excl, unit_price_incl=incl))
    order = list(LineKind)
    return tuple(sorted(lines, key=lambda line: order.index(line.kind)))


def apportion(exact: Sequence[Decimal], target: Decimal, quantum: Decimal) -> list[Decimal]:
    """Round each amount half up to `quantum` so that together they make `target` exactly.

    The difference is moved one quantum at a time onto the amount whose rounding moved it
    furthest the other way (ties: the larger amount, then the earlier one); an amount that is
    exactly zero is never touched, so a free line stays free.
    """
    parts = [x.quantize(quantum, rounding=ROUND_HALF_UP) for x in exact]
    steps = int((target - sum(parts, _ZERO)) / quantum)
    live = [i for i, x in enumerate(exact) if x]
    if steps and not live:
        raise InvoiceError(f"cannot share {target} among amounts that are all zero")
    sign = 1 if steps > 0 else -1
    for _ in range(abs(steps)):
        i = max(live, key=lambda i: (sign * (exact[i] - parts[i]), abs(exact[i]), -i))
        parts[i] += sign * quantum
    return parts


# -- credit notes -------------------------------------------------------------------------


def credit_note_for(
    original: Invoice,
    *,
    number: InvoiceNumber,
    issued_at: datetime,
    amount: Decimal | None = None,
    already_credited: Decimal = _ZERO,
    refund_ref: str | None = None,
) -> Invoice:
    """A credit note for a refund of `amount` (gross; default: all that is left to credit).

    Crediting the whole invoice negates every line; a partial refund is shared over the
    invoice's VAT rates in proportion to their gross, one REFUND line per rate. The original
    stays as issued; the credit note refers to it.
    """
    if original.kind is not DocumentKind.INVOICE:
        raise InvoiceError("only an invoice can be credited")
    quantum = Decimal(1).scaleb(-exponent(original.currency))
    remaining = original.gross - already_credited
    amount = remaining if amount is None else amount
    if amount != amount.quantize(quantum) or not _ZERO < amount <= remaining:
        raise InvoiceError(f"can credit more than 0 and at most {remaining}, not {amount}")
    if amount == original.gross:
        lines = tuple(replace(line, net=-line.net, vat=-line.vat) for line in original.lines)
    else:
        totals = [t for t in original.vat_totals if t.gross]
        with localcontext(_EXACT):
            shares = apportion([amount * t.gross / original.gross for t in totals], amount, quantum)
            nets = [
                (share * t.net / t.gross).quantize(quantum, rounding=ROUND_HALF_UP)
                for share, t in zip(shares, totals, strict=True)
            ]
        lines = tuple(
            InvoiceLine(LineKind.REFUND, t.rate, -net, net - share)
            for share, net, t in zip(shares, nets, totals, strict=True)
            if share
        )
    payment = original.payment
    if payment is not None:
        payment = replace(payment, refund_ref=refund_ref, refunded=amount)
    return replace(
        original,
        kind=DocumentKind.CREDIT_NOTE,
        number=number,
        issued_at=issued_at,
        lines=lines,
        payment=payment,
        corrects=original.number,
    )
