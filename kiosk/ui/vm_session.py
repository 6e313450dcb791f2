"""View models around a running session: waiting for the car, a charger in trouble, a start
that failed, and proving a session is yours (stop with the same card, "my session")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QLocale

from kiosk.domain.bay import OUT_OF_SERVICE
from kiosk.domain.session import PLUG_IN_WITHIN
from kiosk.engine.snapshot import BayView, IdentifyView, PaymentView
from kiosk.ui import texts
from kiosk.ui.money_format import money


@dataclass(frozen=True, slots=True)
class MessageModel:
    """A titled message: what happened, what it means for the money, what to do next."""

    title: str
    body: str
    note: str
    big: str = ""  # one figure to read from afar (the session code)
    primary: str = ""
    secondary: str = ""


@dataclass(frozen=True, slots=True)
class IdentifyModel:
    title: str
    instruction: str  # which card to hold to the reader
    code_prompt: str  # empty: codes are not accepted now
    message: str  # the engine's answer when it is not a match (wrong card, locked, time up)
    countdown: str
    fraction: float
    retry: bool  # offer "Try again": this identification is over without a match


def starting(bay: BayView, payment: PaymentView | None, now: datetime) -> MessageModel:
    """Money held; the charger starts when the car is plugged in (or has started already)."""
    code = payment.session_code if payment is not None else None
    note = texts.starting_hint()
    session = bay.session
    if session is not None and session.state == "starting":
        left = max(0, int((session.started_at + PLUG_IN_WITHIN - now).total_seconds()))
        note = f"{texts.plug_in_within(left // 60, left % 60)}\n{note}"
    if code:
        note = f"{texts.session_code_note()}\n{note}"
    return MessageModel(
        title=texts.starting_title(),
        body=texts.session_code_caption() if code else "",
        note=note,
        big=code or "",
        primary=texts.cancel(),
    )


def fault(bay: BayView, currency: str, locale: QLocale) -> MessageModel:
    """The charger of a running session is faulted or silent: what the driver pays, what next."""
    reason = (
        texts.charger_fault_reason()
        if bay.status in OUT_OF_SERVICE
        else texts.charger_lost_reason()
    )
    price = bay.session.price if bay.session is not None else None
    so_far = price.total_cost.incl_vat if price is not None else Decimal(0)
    return MessageModel(
        title=texts.charger_problem_title(),
        body=reason,
        note=f"{texts.fault_money(money(so_far, currency, locale))}\n{texts.fault_next()}",
        primary=texts.end_session(),
        secondary=texts.wait_for_charger(),
    )


_NOT_STARTED = {
    "charger_refused": texts.start_refused,
    "charger_not_responding": texts.start_not_responding,
    "no_car": texts.start_no_car,
}


def not_started(reason: str | None) -> MessageModel:
    """Paid, but the charge never started: the hold is released, nothing is charged."""
    why = _NOT_STARTED.get(reason or "", texts.start_refused)()
    return MessageModel(
        title=texts.start_problem_title(),
        body=why,
        note=f"{texts.money_released_nothing_charged()}\n{texts.step_other_bay()}",
        primary=texts.choose_another_bay(),
        secondary=texts.done(),
    )


def identify(
    view: IdentifyView | None, purpose: str, bay: BayView | None, *, waited: bool = True
) -> IdentifyModel:
    """Waiting for the card the session was paid with, or its code; then the engine's answer.
    `waited`: the engine did wait for a proof (else nothing here could prove any session)."""
    if purpose == "stop" and bay is not None:
        title = texts.stop_title(bay.label)
    else:
        title = texts.my_session_title()
    accepts = view.accepts if view is not None else ()
    if "card" in accepts:
        instruction = texts.identify_card()
    elif "member_card" in accepts:
        instruction = texts.identify_member_card()
    elif view is not None and view.state == "reader_unavailable":
        instruction = texts.identify_reader_unavailable()
    else:
        instruction = texts.identify_card()
    code_prompt = texts.identify_code() if view is None or "code" in accepts else ""
    message = ""
    if view is not None:
        if view.state == "no_match" and not waited and purpose == "find":
            message = texts.no_session_here()
        elif view.state == "no_match":
            message = texts.identify_no_match()
        elif view.state == "locked" or view.code_locked_s:
            message = texts.identify_locked(max(1, round((view.code_locked_s or 300) / 60)))
        elif view.state == "timeout":
            message = texts.identify_timeout()
        elif view.state == "matched":
            message = texts.identify_checking()
    countdown, fraction = "", 1.0
    if view is not None and view.remaining_s is not None and not view.done:
        countdown = texts.seconds_left(max(0, int(view.remaining_s)))
        fraction = max(0.0, min(1.0, view.remaining_s / (view.timeout_s or 1.0)))
    retry = view is not None and view.done and view.state != "matched" and waited
    return IdentifyModel(title, instruction, code_prompt, message, countdown, fraction, retry)
