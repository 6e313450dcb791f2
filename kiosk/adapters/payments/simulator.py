"""A payment provider without money or network behind the same interface, for `kiosk demo` and UI
tests: approve, decline, timeout, reader offline or busy, chosen by the card or by the amount."""

from __future__ import annotations

import enum
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.adapters.payments.accounts import Account
from kiosk.adapters.payments.base import (
    AbortSignal,
    Authorisation,
    Authorised,
    Captured,
    Card,
    Incremented,
    IncrementRefused,
    LookedUp,
    NotAuthorised,
    NotCaptured,
    NotReleased,
    Progress,
    ProgressCallback,
    Refunded,
    Released,
    Stage,
    never_aborted,
)
from kiosk.domain.money import Money
from kiosk.domain.payment import Failure, PaymentMethod, RemoteStatus


class Outcome(enum.StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    READER_OFFLINE = "reader_offline"
    READER_BUSY = "reader_busy"


@dataclass(frozen=True, slots=True)
class SimCard:
    brand: str
    last4: str
    outcome: Outcome
    increments: bool = True  # False: the card cannot be incremented (charge stops at the hold)


#: Cards the demo's simulated reader can present, by name.
CARDS = {
    "visa": SimCard("visa", "4242", Outcome.APPROVE),
    "mastercard": SimCard("mastercard", "4444", Outcome.APPROVE),
    "no_increment": SimCard("jcb", "0505", Outcome.APPROVE, increments=False),
    "declined": SimCard("visa", "0002", Outcome.DECLINE),
    "insufficient_funds": SimCard("visa", "9995", Outcome.INSUFFICIENT_FUNDS),
}
#: Like Stripe's test amounts, the minor units' last two digits choose an outcome.
AMOUNT_ENDINGS = {
    5: Outcome.DECLINE,
    95: Outcome.INSUFFICIENT_FUNDS,
    98: Outcome.READER_BUSY,
    99: Outcome.READER_OFFLINE,
}
_FAILURES = {
    Outcome.DECLINE: Failure.DECLINED,
    Outcome.INSUFFICIENT_FUNDS: Failure.INSUFFICIENT_FUNDS,
    Outcome.READER_OFFLINE: Failure.READER_OFFLINE,
    Outcome.READER_BUSY: Failure.READER_BUSY,
}


@dataclass(frozen=True, slots=True)
class Delays:
    network_s: float = 0.3  # each call to the "provider"
    card_s: float = 2.0  # until the automatic card is presented / the phone has paid


NO_DELAYS = Delays(0.0, 0.0)


@dataclass
class _Payment:
    amount: Money
    status: RemoteStatus
    captured: Money | None = None
    refunded: Money | None = None
    card: Card | None = None
    increments_ok: bool = True
    session_id: str | None = None


class Simulator:
    """`present(name)` is the simulated tap (or the phone paying); `auto_card` presents one by
    itself after `delays.card_s`. Results are remembered by key, so repeats change nothing."""

    def __init__(
        self,
        *,
        method: PaymentMethod = PaymentMethod.TERMINAL,
        name: str = "simulator",
        delays: Delays = Delays(),
        timeout_s: float = 60.0,
        poll_s: float = 0.25,
        auto_card: str | None = "visa",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.method = method
        self.reader_online = True
        self._delays, self._timeout_s, self._poll_s = delays, timeout_s, poll_s
        self._auto_card = auto_card
        self._clock = clock
        self._cond = threading.Condition()
        self._presented: str | None = None
        self._payments: dict[str, _Payment] = {}
        self._done: dict[str, object] = {}
        self._ids = itertools.count(1)
        self._last_ref: str | None = None  # the payment the "reader" worked on last

    def present(self, card: str = "visa") -> None:
        if card not in CARDS:
            raise ValueError(f"unknown simulated card {card!r}; known: {', '.join(CARDS)}")
        with self._cond:
            self._presented = card
            self._cond.notify_all()

    def _network(self) -> None:
        if self._delays.network_s:
            time.sleep(self._delays.network_s)  # a simulated round trip, nothing to wait for

    def _wait_for_card(
        self, ref: str, report: ProgressCallback, abort: AbortSignal, timeout_s: float | None = None
    ) -> str | NotAuthorised:
        start = self._clock()
        wait_s = self._timeout_s if timeout_s is None else timeout_s
        stage = Stage.SCAN_QR if self.method is PaymentMethod.QR else Stage.PRESENT_CARD
        url = f"https://pay.example.invalid/sim/{ref}" if stage is Stage.SCAN_QR else None
        with self._cond:
            self._presented = None
            while True:
                elapsed = self._clock() - start
                remaining = wait_s - elapsed
                if abort.is_set():  # before looking for a card: it is for whoever waits now
                    return NotAuthorised(Failure.CANCELLED, ref, "simulated")
                if self._presented is None and self._auto_card and elapsed >= self._delays.card_s:
                    self._presented = self._auto_card
                if self._presented is not None:
                    card, self._presented = self._presented, None
                    return card
                if remaining <= 0:
                    return NotAuthorised(Failure.TIMEOUT, ref, "simulated")
                report(Progress(stage, remaining, wait_s, ref, url))
                pause = min(self._poll_s, remaining)
                if self._auto_card:
                    pause = min(pause, max(0.0, self._delays.card_s - elapsed))
                self._cond.wait(pause)

    def authorise(
        self,
        *,
        key: str,
        session_id: str,
        amount: Money,
        payer: str | None = None,
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
    ) -> Authorisation:
        report = on_progress or (lambda _p: None)
        report(Progress(Stage.PREPARING, self._timeout_s, self._timeout_s))
        self._network()
        by_amount = AMOUNT_ENDINGS.get(amount.minor_units() % 100)
        if not self.reader_online and self.method is PaymentMethod.TERMINAL:
            by_amount = Outcome.READER_OFFLINE
        if by_amount in (Outcome.READER_OFFLINE, Outcome.READER_BUSY):
            return NotAuthorised(_FAILURES[by_amount], None, "simulated")
        ref = f"sim_pi_{next(self._ids)}"
        with self._cond:
            self._payments[ref] = _Payment(
                amount, RemoteStatus.NOT_AUTHORISED, session_id=session_id
            )
            self._last_ref = ref
        got = self._wait_for_card(ref, report, abort or never_aborted())
        if isinstance(got, NotAuthorised):
            return self._ended(ref, got)
        card = CARDS[got]
        outcome = by_amount or card.outcome
        if outcome is not Outcome.APPROVE:
            return self._ended(ref, NotAuthorised(_FAILURES[outcome], ref, "simulated"))
        report(Progress(Stage.CONFIRMING, 0.0, self._timeout_s, ref))
        self._network()
        seen = Card(card.brand, card.last4, f"simfp_{got}")
        with self._cond:
            payment = self._payments[ref]
            payment.status, payment.card = RemoteStatus.HELD, seen
            payment.increments_ok = card.increments and self.method is PaymentMethod.TERMINAL
        return Authorised(ref, amount, seen, payment.increments_ok)

    def _ended(self, ref: str, result: NotAuthorised) -> NotAuthorised:
        with self._cond:
            self._payments[ref].status = RemoteStatus.CANCELLED
        return result

    def read_card(
        self,
        *,
        key: str,
        amount: Money,
        on_progress: ProgressCallback | None = None,
        abort: AbortSignal | None = None,
        timeout_s: float | None = None,
    ) -> Card | NotAuthorised:
        if not self.reader_online and self.method is PaymentMethod.TERMINAL:
            return NotAuthorised(Failure.READER_OFFLINE, None, "simulated")
        got = self._wait_for_card(
            "sim_read", on_progress or (lambda _p: None), abort or never_aborted(), timeout_s
        )
        if isinstance(got, NotAuthorised):
            return got
        card = CARDS[got]
        return Card(card.brand, card.last4, f"simfp_{got}")

    def _once(self, key: str, make: Callable[[], object]) -> object:
        with self._cond:
            if key in self._done:
                return _repeated(self._done[key])
        self._network()
        with self._cond:
            if key in self._done:
                return _repeated(self._done[key])
            self._done[key] = make()
            return self._done[key]

    def increment(self, *, key: str, ref: str, new_total: Money) -> Incremented | IncrementRefused:
        def make() -> Incremented | IncrementRefused:
            payment = self._payments[ref]
            if payment.status is not RemoteStatus.HELD or not payment.increments_ok:
                return IncrementRefused(ref, payment.amount, unsupported=True, code="simulated")
            payment.amount = new_total
            return Incremented(ref, new_total)

        result = self._once(key, make)
        assert isinstance(result, Incremented | IncrementRefused)
        return result

    def capture(self, *, key: str, ref: str, amount: Money) -> Captured | NotCaptured:
        def make() -> Captured | NotCaptured:
            payment = self._payments[ref]
            if payment.status is RemoteStatus.CAPTURED and payment.captured is not None:
                return Captured(ref, payment.captured, already=True)
            if payment.status is not RemoteStatus.HELD or amount.amount > payment.amount.amount:
                return NotCaptured(ref, Failure.PROVIDER_ERROR, payment.status, "simulated")
            payment.status, payment.captured = RemoteStatus.CAPTURED, amount
            return Captured(ref, amount)

        result = self._once(key, make)
        assert isinstance(result, Captured | NotCaptured)
        return result

    def cancel(self, *, key: str, ref: str) -> Released | NotReleased:
        def make() -> Released | NotReleased:
            payment = self._payments.get(ref)
            if payment is None or payment.status is RemoteStatus.CANCELLED:
                return Released(ref, already=True)
            if payment.status in (RemoteStatus.CAPTURED, RemoteStatus.REFUNDED):
                return NotReleased(ref, payment.status)
            payment.status = RemoteStatus.CANCELLED
            return Released(ref)

        result = self._once(key, make)
        assert isinstance(result, Released | NotReleased)
        return result

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        def make() -> Refunded:
            payment = self._payments[ref]
            payment.refunded = amount if payment.refunded is None else payment.refunded + amount
            payment.status = RemoteStatus.REFUNDED
            return Refunded(ref, f"sim_re_{next(self._ids)}", amount)

        result = self._once(key, make)
        assert isinstance(result, Refunded)
        return result

    def look_up(self, *, ref: str) -> LookedUp:
        with self._cond:
            p = self._payments.get(ref)
            if p is None:
                return LookedUp(ref, RemoteStatus.ABSENT)
            return LookedUp(ref, p.status, p.amount, p.captured, p.refunded, p.card, p.session_id)

    def last_reader_intent(self) -> str | None:
        """Like `StripeTerminal.last_reader_intent`: the payment the reader worked on last."""
        with self._cond:
            return self._last_ref


def _repeated(result: object) -> object:
    if isinstance(result, Captured | Released | Refunded | Incremented):
        return replace(result, already=True)
    return result


class SimulatedOffSession:
    """Off-session charges for the demo's card-on-file members; a payment method id containing
    "declined" is refused, like Stripe's test card 4000000000000341."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done: dict[str, Captured | NotCaptured] = {}
        self._refunds: dict[str, Refunded] = {}
        self._charged: dict[str, Money] = {}

    def charge(
        self, *, key: str, account: Account, amount: Money, session_id: str
    ) -> Captured | NotCaptured:
        with self._lock:
            if key in self._done:
                earlier = self._done[key]
                if isinstance(earlier, Captured):
                    return Captured(earlier.ref, earlier.amount, already=True)
                return earlier
            ref = f"sim_pi_offsession_{len(self._done) + 1}"
            if "declined" in (account.payment_method_id or ""):
                result: Captured | NotCaptured = NotCaptured(
                    ref, Failure.DECLINED, RemoteStatus.NOT_AUTHORISED, "card_declined"
                )
            else:
                result = Captured(ref, amount)
                self._charged[ref] = amount
            self._done[key] = result
            return result

    def refund(self, *, key: str, ref: str, amount: Money) -> Refunded:
        with self._lock:
            if key not in self._refunds:
                self._refunds[key] = Refunded(ref, f"sim_re_{len(self._refunds) + 1}", amount)
                return self._refunds[key]
            earlier = self._refunds[key]
            return Refunded(earlier.ref, earlier.refund_id, earlier.amount, already=True)

    def look_up(self, *, ref: str) -> LookedUp:
        with self._lock:
            paid = self._charged.get(ref)
        if paid is None:
            return LookedUp(ref, RemoteStatus.ABSENT)
        return LookedUp(ref, RemoteStatus.CAPTURED, paid, paid)
