"""View models of the journey's screens: what each shows, from a bay's view and the locale."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import QLocale

from kiosk.domain.bay import BayStatus
from kiosk.domain.tariff.display import LineKind, PriceLine
from kiosk.engine.snapshot import BayView, PaymentView
from kiosk.ui import texts
from kiosk.ui.i18n import format_decimal
from kiosk.ui.money_format import money


@dataclass(frozen=True, slots=True)
class PriceModel:
    title: str
    lines: tuple[str, ...]  # AFIR order: per kWh, per minute, per session, other
    hold: str
    hold_note: str


@dataclass(frozen=True, slots=True)
class PayingModel:
    instruction: str
    countdown: str  # "23 s left"; empty before the provider reports
    fraction: float  # of the time left, for a bar
    qr_url: str | None
    more_time: bool = False  # offer "More time to pay": the countdown is running out


#: Seconds left from which "More time to pay" is offered.
MORE_TIME_FROM_S = 20


@dataclass(frozen=True, slots=True)
class LiveModel:
    title: str
    cost: str
    energy: str
    power: str
    elapsed: str
    soc: str
    parts: tuple[tuple[str, str], ...]  # (label, amount) of each priced component
    warning: str  # idle fee warning, or empty
    stopping: bool


@dataclass(frozen=True, slots=True)
class SummaryModel:
    total: str
    energy: str
    charged: str
    released: str
    settled: bool  # captured and released are known


@dataclass(frozen=True, slots=True)
class ErrorModel:
    reason: str
    money: str
    next_step: str


def _line(line: PriceLine, locale: QLocale) -> str:
    amount = money(line.amount, line.currency, locale)
    if line.kind is LineKind.PER_KWH:
        text = texts.per_kwh(amount)
    elif line.kind is LineKind.PER_MINUTE:
        text = texts.price_per_minute(amount)
    elif line.kind is LineKind.PER_SESSION:
        text = texts.price_per_session(amount)
    elif line.kind is LineKind.PARKING_PER_MINUTE:
        after = line.when.after
        text = texts.idle_fee(amount, int(after.total_seconds() // 60) if after else 0)
    else:
        return ""
    when = line.when
    if when.from_time is not None and when.until_time is not None:
        text = texts.price_between(
            text, when.from_time.strftime("%H:%M"), when.until_time.strftime("%H:%M")
        )
    return text


def price(bay: BayView, hold: Decimal, currency: str, locale: QLocale) -> PriceModel:
    lines = tuple(
        t for t in (_line(line, locale) for line in bay.price_lines if not line.free) if t
    )
    return PriceModel(
        title=texts.bay_title(
            bay.label, bay.connector, format_decimal(bay.max_power_kw, 0, locale)
        ),
        lines=lines,
        hold=texts.hold_line(money(hold, currency, locale)),
        hold_note=texts.hold_explained(),
    )


def paying(payment: PaymentView | None, method: str) -> PayingModel:
    instruction = {
        "terminal": texts.present_card(),
        "qr": texts.scan_qr(),
        "account": texts.tap_member_card(),
    }.get(method, texts.present_card())
    if payment is None or payment.remaining_s is None:
        return PayingModel(instruction, "", 1.0, None)
    if payment.stage == "confirming":
        instruction = texts.checking_payment()
    remaining = max(0, int(payment.remaining_s))
    total = payment.timeout_s or 1.0
    return PayingModel(
        instruction,
        texts.seconds_left(remaining),
        max(0.0, min(1.0, payment.remaining_s / total)),
        payment.qr_url,
        more_time=payment.stage != "confirming" and remaining <= MORE_TIME_FROM_S,
    )


def live(bay: BayView, currency: str, locale: QLocale, now: datetime) -> LiveModel:
    session = bay.session
    price_ = session.price if session else None
    cost = money(price_.total_cost.incl_vat if price_ else Decimal(0), currency, locale)
    parts: list[tuple[str, str]] = []
    if price_ is not None:
        for label, part in (
            (texts.part_energy(), price_.total_energy_cost),
            (texts.part_time(), price_.total_time_cost),
            (texts.part_parking(), price_.total_parking_cost),
            (texts.part_fixed(), price_.total_fixed_cost),
        ):
            if part.incl_vat:
                parts.append((label, money(part.incl_vat, currency, locale)))
    energy = session.energy_wh / 1000 if session else Decimal(0)
    minutes = int((now - session.started_at).total_seconds() // 60) if session else 0
    idle = bay.status in (BayStatus.SUSPENDED_EV, BayStatus.FINISHING)
    return LiveModel(
        title=texts.idle_title(bay.label) if idle else texts.charging_title(bay.label),
        cost=cost,
        energy=texts.energy_line(format_decimal(energy, 2, locale)),
        power=f"{format_decimal((bay.power_w or Decimal(0)) / 1000, 1, locale)} kW",
        elapsed=texts.elapsed_line(str(minutes)),
        soc=f"{format_decimal(bay.soc_pct, 0, locale)} %" if bay.soc_pct is not None else "",
        parts=tuple(parts),
        warning=_idle_warning(bay, locale, now) if idle else "",
        stopping=session is not None and session.state == "stopping",
    )


def _idle_warning(bay: BayView, locale: QLocale, now: datetime) -> str:
    """Once the car is full: when the idle fee starts (its grace counts from the session's
    start, as the tariff's minimum duration does), or that it runs now."""
    fee = next(
        (
            line
            for line in bay.price_lines
            if line.kind is LineKind.PARKING_PER_MINUTE and not line.free
        ),
        None,
    )
    if fee is None or bay.session is None:
        return ""
    amount = money(fee.amount, fee.currency, locale)
    starts = bay.session.started_at + (fee.when.after or timedelta(0))
    if now >= starts:
        return texts.idle_fee_now(amount)
    return texts.idle_fee_in(math.ceil((starts - now).total_seconds() / 60), amount)


def summary(
    bay: BayView, payment: PaymentView | None, energy_wh: Decimal, locale: QLocale
) -> SummaryModel:
    currency = payment.currency if payment else "EUR"
    energy = texts.energy_line(format_decimal(energy_wh / 1000, 2, locale))
    if payment is not None and payment.state == "cancelled":
        nothing = money(Decimal(0), currency, locale)
        return SummaryModel(nothing, energy, texts.money_hold_released(), "", True)
    if payment is None or payment.captured is None:
        return SummaryModel("", energy, texts.settling(), "", False)
    total = money(payment.captured, currency, locale)
    card = _card(payment)
    released = payment.released if payment.released is not None else Decimal(0)
    return SummaryModel(
        total=total,
        energy=energy,
        charged=texts.charged_to(total, card),
        released=texts.released(money(released, currency, locale)) if released else "",
        settled=True,
    )


#: Card brands as the payment service names them, written as the cards show them.
_BRANDS = {
    "visa": "Visa",
    "mastercard": "Mastercard",
    "amex": "American Express",
    "maestro": "Maestro",
    "discover": "Discover",
    "jcb": "JCB",
    "unionpay": "UnionPay",
    "diners": "Diners Club",
    "interac": "Interac",
}


def _card(payment: PaymentView) -> str:
    """What paid, as the driver knows it: "Visa ••4242", or the membership card."""
    if payment.last4:
        brand = payment.brand or ""
        return f"{_BRANDS.get(brand.lower(), brand)} ••{payment.last4}".strip()
    return texts.pay_by_member_card() if payment.method == "account" else payment.method


_MONEY = {
    "nothing_taken": texts.money_nothing_taken,
    "hold_released": texts.money_hold_released,
    "charged_so_far": texts.money_charged_so_far,
    "checking": texts.money_checking,
}
_NEXT = {
    "try_another_card": texts.step_try_another_card,
    "pay_another_way": texts.step_pay_another_way,
    "try_again": texts.step_try_again,
    "call_staff": texts.step_call_staff,
    "top_up_or_pay_another_way": texts.step_top_up,
    "settle_debt_or_pay_another_way": texts.step_settle_debt,
}


def error(payment: PaymentView | None) -> ErrorModel:
    if payment is None or payment.message_key is None:
        return ErrorModel(texts.payment_failed(), texts.money_checking(), texts.step_call_staff())
    money_text = _MONEY.get(payment.money or "", texts.money_checking)()
    step = _NEXT.get(payment.next_step or "", lambda: "")()
    return ErrorModel(texts.reason(payment.message_key), money_text, step)
