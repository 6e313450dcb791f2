"""A payment's life from hold to exact capture: states, idempotency keys, hold rules, recovery and
the driver-facing message for every way it can fail."""

# Values only: message KEYS (the UI owns the texts), `Decimal` money, times passed in.
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal

from kiosk.domain.money import Money
from kiosk.domain.tariff.display import HoldReason, hold_amount
from kiosk.domain.tariff.model import Tariff

# --- states ---------------------------------------------------------------------------------


class PaymentState(enum.StrEnum):
    CREATED = "created"  # recorded, nothing sent yet
    AUTHORISING = "authorising"  # the driver is presenting a card / paying on the phone
    AUTHORISED = "authorised"  # a hold is on the card (or the account may be charged)
    CAPTURING = "capturing"  # capture of the final price sent (outbox), result not recorded
    CAPTURED = "captured"  # the final price is taken, the rest released
    CANCELLING = "cancelling"  # release of the hold sent (outbox), result not recorded
    CANCELLED = "cancelled"  # nothing taken; any hold released
    FAILED = "failed"  # never authorised (declined, offline, timeout); nothing held
    NEEDS_RECONCILIATION = "needs_reconciliation"  # provider and kiosk disagree: look up / staff
    REFUNDING = "refunding"  # a refund was sent (outbox), result not recorded
    REFUNDED = "refunded"  # (part of) the captured amount went back


_S = PaymentState
#: Final: no automatic action left (a captured payment may still be refunded by staff).
FINAL = frozenset({_S.CAPTURED, _S.CANCELLED, _S.FAILED, _S.REFUNDED})
OPEN = frozenset(PaymentState) - FINAL
#: A call was sent whose result is not recorded: look it up before anything else.
IN_FLIGHT = frozenset({_S.AUTHORISING, _S.CAPTURING, _S.CANCELLING, _S.REFUNDING})
#: A hold is (known to be) on the driver's card.
HOLDS_MONEY = frozenset({_S.AUTHORISED, _S.CAPTURING, _S.CANCELLING})
#: A hold may exist but the kiosk does not know: reconcile with the provider.
MAY_HOLD_MONEY = HOLDS_MONEY | {_S.AUTHORISING, _S.NEEDS_RECONCILIATION}
#: Money was taken from the driver.
MONEY_TAKEN = frozenset({_S.CAPTURED, _S.REFUNDING, _S.REFUNDED})
#: At start, every payment in these states is looked up at the provider.
RECONCILE_ON_START = OPEN - {_S.CREATED}

_ALLOWED: dict[PaymentState, frozenset[PaymentState]] = {
    _S.CREATED: frozenset({_S.AUTHORISING, _S.CANCELLED, _S.FAILED}),
    _S.AUTHORISING: frozenset({_S.AUTHORISED, _S.FAILED, _S.CANCELLED, _S.NEEDS_RECONCILIATION}),
    _S.AUTHORISED: frozenset({_S.CAPTURING, _S.CANCELLING, _S.NEEDS_RECONCILIATION}),
    _S.CAPTURING: frozenset({_S.CAPTURED, _S.NEEDS_RECONCILIATION}),
    _S.CANCELLING: frozenset({_S.CANCELLED, _S.NEEDS_RECONCILIATION}),
    _S.NEEDS_RECONCILIATION: frozenset(
        {_S.AUTHORISED, _S.CAPTURING, _S.CANCELLING, _S.CAPTURED, _S.CANCELLED, _S.FAILED}
    ),
    _S.CAPTURED: frozenset({_S.REFUNDING}),
    _S.REFUNDING: frozenset({_S.REFUNDED, _S.CAPTURED}),  # CAPTURED: the refund was refused
    _S.REFUNDED: frozenset({_S.REFUNDING}),  # a further partial refund
    _S.CANCELLED: frozenset(),
    _S.FAILED: frozenset(),
}


def can_move(source: PaymentState, target: PaymentState) -> bool:
    return target in _ALLOWED[source]


class TransitionError(ValueError):
    """A payment was asked to move to a state it cannot reach from where it is."""


class PaymentMethod(enum.StrEnum):
    TERMINAL = "terminal"  # contactless card / phone wallet on the hub's card reader
    QR = "qr"  # the driver's own phone, through a per-session payment page
    ACCOUNT = "account"  # RFID membership card: saved card charged at the end, or prepaid


# --- failures and what the driver is told -----------------------------------------------------


class Failure(enum.StrEnum):
    DECLINED = "declined"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    READER_OFFLINE = "reader_offline"
    READER_BUSY = "reader_busy"
    TIMEOUT = "timeout"  # no card presented / page not paid in time
    CANCELLED = "cancelled"  # the driver cancelled
    NETWORK_ERROR = "network_error"  # the kiosk could not reach the provider
    CARD_NOT_REGISTERED = "card_not_registered"
    ACCOUNT_BLOCKED = "account_blocked"
    CREDIT_LIMIT = "credit_limit"
    UNPAID_DEBT = "unpaid_debt"
    INCREMENT_REFUSED = "increment_refused"  # the charge stops at the hold limit
    PROVIDER_ERROR = "provider_error"  # misconfiguration or an unexpected provider answer


class MoneyOutcome(enum.StrEnum):  # what happened to the driver's money
    NOTHING_TAKEN = "nothing_taken"  # nothing was reserved or charged
    HOLD_RELEASED = "hold_released"  # a reservation was made and is released again
    CHARGED_SO_FAR = "charged_so_far"  # the energy so far is charged, never more than the hold
    CHECKING = "checking"  # unknown right now; checked automatically, never charged twice


class NextStep(enum.StrEnum):  # what the driver can do now
    TRY_AGAIN = "try_again"
    TRY_ANOTHER_CARD = "try_another_card"
    PAY_ANOTHER_WAY = "pay_another_way"  # card reader, QR on the phone or membership card
    CALL_STAFF = "call_staff"
    TOP_UP_OR_PAY_ANOTHER_WAY = "top_up_or_pay_another_way"
    SETTLE_DEBT_OR_PAY_ANOTHER_WAY = "settle_debt_or_pay_another_way"
    NOTHING = "nothing"


@dataclass(frozen=True, slots=True)
class DriverMessage:
    key: str  # translation key, e.g. "payment.declined"
    money: MoneyOutcome
    next_step: NextStep


_N, _R = MoneyOutcome.NOTHING_TAKEN, MoneyOutcome.HOLD_RELEASED
#: The suggested English for each key is in docs/PAYMENTS.md ("What the driver is told").
MESSAGES: dict[Failure, DriverMessage] = {
    failure: DriverMessage(f"payment.{failure.value}", money, step)
    for failure, money, step in (
        (Failure.DECLINED, _N, NextStep.TRY_ANOTHER_CARD),
        (Failure.INSUFFICIENT_FUNDS, _N, NextStep.TRY_ANOTHER_CARD),
        (Failure.READER_OFFLINE, _N, NextStep.PAY_ANOTHER_WAY),
        (Failure.READER_BUSY, _N, NextStep.TRY_AGAIN),
        (Failure.TIMEOUT, _N, NextStep.TRY_AGAIN),
        (Failure.CANCELLED, _R, NextStep.NOTHING),
        (Failure.NETWORK_ERROR, MoneyOutcome.CHECKING, NextStep.TRY_AGAIN),
        (Failure.CARD_NOT_REGISTERED, _N, NextStep.PAY_ANOTHER_WAY),
        (Failure.ACCOUNT_BLOCKED, _N, NextStep.CALL_STAFF),
        (Failure.CREDIT_LIMIT, _N, NextStep.TOP_UP_OR_PAY_ANOTHER_WAY),
        (Failure.UNPAID_DEBT, _N, NextStep.SETTLE_DEBT_OR_PAY_ANOTHER_WAY),
        (Failure.INCREMENT_REFUSED, MoneyOutcome.CHARGED_SO_FAR, NextStep.NOTHING),
        (Failure.PROVIDER_ERROR, MoneyOutcome.CHECKING, NextStep.CALL_STAFF),
    )
}


def driver_message(failure: Failure) -> DriverMessage:
    return MESSAGES[failure]


# --- idempotency keys -----------------------------------------------------------------------


class PaymentStep(enum.StrEnum):
    AUTHORISE = "authorise"
    INCREMENT = "increment"
    CAPTURE = "capture"
    CANCEL = "cancel"
    REFUND = "refund"


_KEY_PART = re.compile(r"[A-Za-z0-9._-]{1,120}")
_NUMBERED = frozenset({PaymentStep.INCREMENT, PaymentStep.REFUND})


def payment_key(session_id: str, step: PaymentStep, n: int | None = None) -> str:
    """`pay:<session>:<step>[:<n>]`, the same for the same step of the same session; increments,
    refunds and authorisation attempts after a failure (from 2) are numbered."""
    if not _KEY_PART.fullmatch(session_id):
        raise ValueError(f"session id {session_id!r} cannot be part of an idempotency key")
    if n is not None and n < 1:
        raise ValueError("step numbers start at 1")
    if step in _NUMBERED and n is None:
        raise ValueError(f"a {step} key needs its number")
    if n is None or (step is PaymentStep.AUTHORISE and n == 1):
        return f"pay:{session_id}:{step}"
    return f"pay:{session_id}:{step}:{n}"


def sub_key(key: str, part: str) -> str:
    """A key for one request of a multi-request step (e.g. create, then hand to the reader)."""
    if not _KEY_PART.fullmatch(part):
        raise ValueError(f"{part!r} cannot be part of an idempotency key")
    return f"{key}/{part}"


# --- holds ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HoldChoice:
    amount: Money  # rounded to minor units, what the card reader or phone asks for
    reason: HoldReason  # message key telling the driver why this amount


def initial_hold(tariff: Tariff | None, default: Decimal, currency: str) -> HoldChoice:
    """The tariff's `preauthorize_amount` (OCPI 2.3), else the configured default (capped at
    the tariff's max price); shown to the driver before the card is presented."""
    if tariff is None:
        return HoldChoice(Money(default, currency).rounded(), HoldReason.DEFAULT)
    hold = hold_amount(tariff, default)
    return HoldChoice(Money(hold.amount, hold.currency).rounded(), hold.reason)


@dataclass(frozen=True, slots=True)
class HoldPolicy:
    increment_at_pct: Decimal = Decimal(80)  # ask for more when the cost reaches this share
    increment_by_pct: Decimal = Decimal(50)  # each increment adds this share of the first hold
    stop_at_pct: Decimal = Decimal(95)  # with no more room, stop here (end-of-session margin)
    max_increments: int = 10  # Stripe allows 10 attempts per PaymentIntent, declines included


class HoldDecision(enum.StrEnum):
    KEEP_CHARGING = "keep_charging"
    REQUEST_INCREMENT = "request_increment"
    STOP_AT_LIMIT = "stop_at_limit"  # tell the driver: Failure.INCREMENT_REFUSED's message


def decide_hold(
    *,
    running_cost: Money,
    hold: Money,
    policy: HoldPolicy,
    increments_done: int,
    increment_supported: bool,
    increment_refused: bool,
    increment_pending: bool = False,
) -> HoldDecision:
    """What to do as the running cost approaches the hold (OCPI 2.3 payments: the terminal
    stops the session when the pre-authorised amount is reached)."""
    if running_cost.currency != hold.currency:
        raise ValueError(f"cannot compare {running_cost.currency} with {hold.currency}")
    share = running_cost.amount * 100 / hold.amount if hold.amount > 0 else Decimal(100)
    if share < policy.increment_at_pct:
        return HoldDecision.KEEP_CHARGING
    if share >= policy.stop_at_pct:
        return HoldDecision.STOP_AT_LIMIT  # a pending increment did not come in time
    can_grow = (
        increment_supported
        and not increment_refused
        and not increment_pending
        and increments_done < policy.max_increments
    )
    return HoldDecision.REQUEST_INCREMENT if can_grow else HoldDecision.KEEP_CHARGING


def next_hold(hold: Money, first_hold: Money, policy: HoldPolicy) -> Money:
    """The new total to ask for: the hold plus a share of the first hold."""
    step = Money(first_hold.amount * policy.increment_by_pct / 100, first_hold.currency)
    return (hold + step).rounded()


@dataclass(frozen=True, slots=True)
class Settlement:
    capture: Money  # exactly the final price (rounded), never more than the hold
    release: Money  # the rest of the hold, given back to the driver
    shortfall: Money  # final price above the hold: not collectable from this card; flag it

    @property
    def cancel(self) -> bool:
        """Nothing delivered: cancel (release the whole hold) instead of capturing zero."""
        return self.capture.amount == 0


def settle(final_price: Money, hold: Money) -> Settlement:
    """Capture the exact final price and release the rest; nothing delivered means cancel."""
    final = final_price.rounded()
    zero = Money.zero(hold.currency)
    if final.currency != hold.currency:
        raise ValueError(f"cannot settle {final.currency} against a {hold.currency} hold")
    if final.amount <= 0:
        return Settlement(zero, hold, zero)
    if final.amount <= hold.amount:
        return Settlement(final, hold - final, zero)
    return Settlement(hold, zero, final - hold)


#: How long a hold lasts at the card networks before it lapses (Stripe: card-present holds about
#: 2 days, online card payments 7 days). An account payment holds nothing.
HOLD_VALIDITY = {PaymentMethod.TERMINAL: timedelta(days=2), PaymentMethod.QR: timedelta(days=7)}


def hold_expiring(
    method: PaymentMethod,
    authorised_at: datetime,
    now: datetime,
    margin: timedelta = timedelta(hours=6),
) -> bool:
    """True when a hold is close to lapsing: capture what is owed now, or flag it."""
    validity = HOLD_VALIDITY.get(method)
    return validity is not None and now >= authorised_at + validity - margin


@dataclass(frozen=True, slots=True)
class Payment:
    """Immutable payment record; every change returns a new value."""

    id: str
    session_id: str
    method: PaymentMethod
    state: PaymentState
    hold: Money  # asked for, then what is authorised (grows with increments)
    ref: str | None = None  # the provider's id (PaymentIntent, account reference)
    captured: Money | None = None
    refunded: Money | None = None
    card_brand: str | None = None  # only brand and last 4 digits are ever kept
    card_last4: str | None = None
    increments: int = 0  # increment attempts made, refused ones included
    authorised_at: datetime | None = None
    failure: Failure | None = None

    def to(self, state: PaymentState) -> Payment:
        if not can_move(self.state, state):
            raise TransitionError(f"payment {self.id}: {self.state} -> {state} is not allowed")
        return replace(self, state=state)

    def authorised(
        self, *, ref: str, hold: Money, at: datetime, brand: str | None, last4: str | None
    ) -> Payment:
        done = replace(self.to(PaymentState.AUTHORISED), ref=ref, hold=hold, authorised_at=at)
        return replace(done, card_brand=brand, card_last4=last4)

    def incremented(self, new_hold: Money | None) -> Payment:
        """One more increment attempt; `new_hold` None when it was refused."""
        if self.state is not PaymentState.AUTHORISED:
            raise TransitionError(f"payment {self.id}: cannot increment in {self.state}")
        return replace(self, increments=self.increments + 1, hold=new_hold or self.hold)

    def failed(self, failure: Failure, state: PaymentState = PaymentState.FAILED) -> Payment:
        return replace(self.to(state), failure=failure)


# --- recovery -------------------------------------------------------------------------------


class RemoteStatus(enum.StrEnum):  # what the provider says, in the kiosk's words
    ABSENT = "absent"  # the provider has no such payment
    NOT_AUTHORISED = "not_authorised"  # created but no card authorised (nothing held)
    PROCESSING = "processing"  # the provider is still deciding
    HELD = "held"  # authorised, waiting for capture
    CAPTURED = "captured"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class FollowUp(enum.StrEnum):
    NONE = "none"
    RETRY_CAPTURE = "retry_capture"  # same key; harmless if it already happened
    RETRY_CANCEL = "retry_cancel"
    RETRY_REFUND = "retry_refund"
    CANCEL_REMOTE = "cancel_remote"  # release an orphan hold / close an unused intent
    DECIDE_CAPTURE_OR_CANCEL = "decide_capture_or_cancel"  # the session decides (settle)
    LOOK_AGAIN = "look_again"  # still processing: look up again later
    FLAG_STAFF = "flag_staff"  # money may be wrong: a person must look


@dataclass(frozen=True, slots=True)
class Reconciliation:
    state: PaymentState
    follow_up: FollowUp


def reconcile(state: PaymentState, remote: RemoteStatus) -> Reconciliation:
    """At start (and after a lost answer): align the kiosk's record with the provider's."""
    r, s, f = RemoteStatus, PaymentState, FollowUp
    if remote is r.PROCESSING:
        return Reconciliation(state, f.LOOK_AGAIN)
    if state is s.CREATED:  # nothing was sent: the driver left before paying
        return Reconciliation(s.CANCELLED, f.CANCEL_REMOTE if remote is r.HELD else f.NONE)
    if state is s.AUTHORISING:
        if remote is r.HELD:
            return Reconciliation(s.AUTHORISED, f.DECIDE_CAPTURE_OR_CANCEL)
        if remote is r.NOT_AUTHORISED:
            return Reconciliation(s.FAILED, f.CANCEL_REMOTE)
        if remote in (r.ABSENT, r.CANCELLED):
            return Reconciliation(s.FAILED, f.NONE)
        return Reconciliation(s.NEEDS_RECONCILIATION, f.FLAG_STAFF)  # captured unasked
    if state is s.AUTHORISED or state is s.NEEDS_RECONCILIATION:
        if remote is r.HELD:
            return Reconciliation(s.AUTHORISED, f.DECIDE_CAPTURE_OR_CANCEL)
        if remote is r.CAPTURED and state is s.NEEDS_RECONCILIATION:
            return Reconciliation(s.CAPTURED, f.NONE)
        return Reconciliation(s.NEEDS_RECONCILIATION, f.FLAG_STAFF)  # hold lapsed or vanished
    if state is s.CAPTURING:
        if remote is r.CAPTURED or remote is r.REFUNDED:
            return Reconciliation(s.CAPTURED, f.NONE)
        if remote is r.HELD:
            return Reconciliation(s.CAPTURING, f.RETRY_CAPTURE)
        return Reconciliation(s.NEEDS_RECONCILIATION, f.FLAG_STAFF)  # hold gone: not collected
    if state is s.CANCELLING:
        if remote in (r.CANCELLED, r.NOT_AUTHORISED, r.ABSENT):
            return Reconciliation(s.CANCELLED, f.NONE)
        if remote is r.HELD:
            return Reconciliation(s.CANCELLING, f.RETRY_CANCEL)
        return Reconciliation(s.NEEDS_RECONCILIATION, f.FLAG_STAFF)  # taken though released
    if state is s.REFUNDING:  # partial refunds make "refunded" ambiguous: the retry dedupes
        return Reconciliation(s.REFUNDING, f.RETRY_REFUND)
    return Reconciliation(state, f.NONE)  # final states: nothing to do
