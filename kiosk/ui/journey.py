"""The driver's journey as an explicit state machine: which screen, for which bay and session.

Steps move on the driver's choices (bay, way to pay, stop, receipt, done) and on what the
engine's snapshots say (payment authorised or refused, session running, charger in trouble,
session over, card recognised). The machine never talks to payments, chargers or printers
itself: it posts engine events through the hub port.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from kiosk.domain.bay import OUT_OF_SERVICE, Link
from kiosk.engine.events import (
    IdentifyCancelled,
    IdentifyRequested,
    PayCancelled,
    PayRequested,
    ReceiptByEmail,
    ReceiptPrint,
    SessionCodeEntered,
    StopRequested,
)
from kiosk.engine.port import HubPort
from kiosk.engine.snapshot import BayView, HubSnapshot


class Step(enum.Enum):
    HOME = "home"
    PRICE = "price"  # the bay's prices and the hold, before anything is asked of the driver
    PAYING = "paying"  # waiting for the card, the phone or the membership card
    STARTING = "starting"  # money held; waiting for the car and the charger
    LIVE = "live"  # charging (or idle): running cost, how to stop
    FAULT = "fault"  # the charger of a running session is faulted, offline or silent
    IDENTIFY = "identify"  # "is this session yours?": the same card, or the session code
    SUMMARY = "summary"  # final cost, captured and released, receipt
    EMAIL = "email"  # typing the address the receipt goes to
    ERROR = "error"  # a payment that did not go through
    NOT_STARTED = "not_started"  # paid, but the charge never started: the hold is released


#: Steps during which the screen never times out back home (money is moving).
NO_TIMEOUT = frozenset({Step.PAYING, Step.STARTING})
#: Why a session ended without ever charging (the start failed; nothing is billed).
NEVER_STARTED = frozenset({"charger_refused", "charger_not_responding", "no_car"})
#: How an attempt cancelled for "more time" ends (the driver's own cancel, or time up).
_RENEWABLE = frozenset({"payment.cancelled", "payment.timeout"})
#: Payment states that mean the driver's money was held (or taken) for this session.
_HELD = frozenset({"authorised", "capturing", "captured", "cancelling"})


class Purpose(enum.StrEnum):
    STOP = "stop"  # stop the session on the journey's bay
    FIND = "find"  # "my session": which bay is this driver's?


@dataclass(frozen=True)
class State:
    step: Step = Step.HOME
    bay_id: str | None = None
    session_id: str | None = None
    method: str | None = None
    tap_after: int | None = None  # waiting for a membership card newer than this tap
    purpose: Purpose | None = None  # IDENTIFY: what the proof is for
    identify_after: int | None = None  # IDENTIFY: the engine's identification newer than this
    identify_waited: bool = False  # IDENTIFY: the engine has been waiting for a proof
    fault_seen: bool = False  # the driver chose to wait out this charger problem
    asked_paper: bool = False  # receipt asked for, shown as "waiting" until the engine says more
    asked_email: bool = False
    show_qr: bool = False  # the receipt's QR code is shown
    renew: bool = False  # PAYING: "more time" cancelled this attempt; a fresh one follows


class Journey(QObject):
    """Owns the current step; screens render `state` and call the driver's actions.

    `changed` is emitted when the state changes, never for a mere new snapshot: the window
    renders every snapshot itself, and a change restarts the screen's idle clock."""

    changed = Signal(object)  # State

    def __init__(self, port: HubPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self.state = State()
        self.snapshot: HubSnapshot | None = None
        self.language = ""  # the screen's language, for receipts (empty: the hub's)

    def attach(self, port: HubPort) -> None:
        """The hub to post to (a starting kiosk gets its hub a moment after the screen)."""
        self._port = port

    # --- the driver's actions ------------------------------------------------------------------

    def choose_bay(self, bay_id: str) -> None:
        self._go(State(Step.PRICE, bay_id))

    def pay(self, method: str, payer: str | None = None) -> None:
        """Start paying at the chosen bay: a new session id, then the hold."""
        bay_id = self.state.bay_id
        if bay_id is None:
            return
        session_id = f"k-{uuid.uuid4().hex[:16]}"
        if method == "account" and payer is None:  # first the driver taps the card
            tap = self.snapshot.card_tap if self.snapshot else None
            self._go(State(Step.PAYING, bay_id, session_id, method, tap.seq if tap else 0))
            return
        self._go(State(Step.PAYING, bay_id, session_id, method))
        self._port.post(PayRequested(bay_id, session_id, method, payer=payer))

    def more_time(self) -> None:
        """The countdown is running out and the driver is still looking for their card: this
        attempt is cancelled and a new one starts with the whole time again (nothing is held
        twice: the engine releases the first before the second asks)."""
        s = self.state
        if s.step is Step.PAYING and s.tap_after is None and s.session_id and not s.renew:
            self._go(replace(s, renew=True))
            self._port.post(PayCancelled(s.session_id))

    def cancel_payment(self) -> None:
        if self.state.step is not Step.PAYING:
            return
        if self.state.tap_after is not None:  # no card tapped yet: nothing to cancel
            self._go(State(Step.PRICE, self.state.bay_id))
        elif self.state.session_id is not None:
            self._port.post(PayCancelled(self.state.session_id))

    def stop(self) -> None:
        """The Stop button: first the driver shows it is their session (same card or code)."""
        if self.state.bay_id is not None and self.state.step is Step.LIVE:
            self._identify(Purpose.STOP, self.state.bay_id)

    def cancel_start(self) -> None:
        """Changed their mind before the car charged: the payer is still at the screen (this
        step never times out), so no proof is asked; the hold is released."""
        if self.state.bay_id is not None and self.state.step is Step.STARTING:
            self._port.post(StopRequested(self.state.bay_id, reason="driver_cancelled"))

    def end_session(self) -> None:
        """End a session whose charger is in trouble: no proof asked, the charge is over."""
        if self.state.bay_id is not None and self.state.step is Step.FAULT:
            self._port.post(StopRequested(self.state.bay_id))
            self._go(replace(self.state, step=Step.LIVE, fault_seen=True))

    def wait_for_charger(self) -> None:
        if self.state.step is Step.FAULT:
            self._go(replace(self.state, step=Step.LIVE, fault_seen=True))

    def my_session(self, bay_id: str | None = None) -> None:
        """Back to a running session: from "My session", or by touching a busy bay."""
        self._identify(Purpose.FIND, bay_id)

    def enter_code(self, code: str) -> None:
        if self.state.step is Step.IDENTIFY:
            self._port.post(SessionCodeEntered(code))

    def retry_identify(self) -> None:
        s = self.state
        if s.step is Step.IDENTIFY and s.purpose is not None:
            self._identify(s.purpose, s.bay_id, back_to=s)

    def cancel_identify(self) -> None:
        s = self.state
        if s.step is not Step.IDENTIFY:
            return
        self._port.post(IdentifyCancelled())
        if s.purpose is Purpose.STOP and s.session_id is not None:
            self._go(replace(s, step=Step.LIVE, purpose=None, identify_after=None))
        else:
            self._go(State())

    def print_receipt(self) -> None:
        s = self.state
        if s.step is Step.SUMMARY and s.session_id is not None:
            self._port.post(ReceiptPrint(s.session_id, language=self.language))
            self._go(replace(s, asked_paper=True))

    def show_receipt_qr(self) -> None:
        if self.state.step is Step.SUMMARY:
            self._go(replace(self.state, show_qr=not self.state.show_qr))

    def ask_email(self) -> None:
        if self.state.step is Step.SUMMARY:
            self._go(replace(self.state, step=Step.EMAIL))

    def send_email(self, address: str) -> None:
        s = self.state
        if s.step is Step.EMAIL and s.session_id is not None:
            self._port.post(ReceiptByEmail(s.session_id, address, language=self.language))
            self._go(replace(s, step=Step.SUMMARY, asked_email=True))

    def cancel_email(self) -> None:
        if self.state.step is Step.EMAIL:
            self._go(replace(self.state, step=Step.SUMMARY))

    def back_to_live(self) -> None:
        if self.state.session_id is not None and self.state.bay_id is not None:
            self._go(replace(self.state, step=Step.LIVE))

    def home(self) -> None:
        if self.state.step is Step.PAYING:
            self.cancel_payment()
        elif self.state.step is Step.IDENTIFY:
            self._port.post(IdentifyCancelled())
        self._go(State())

    # --- what the engine says ------------------------------------------------------------------

    def on_snapshot(self, snapshot: HubSnapshot) -> None:
        self.snapshot = snapshot
        s = self.state
        if s.step is Step.IDENTIFY:
            self._identified(snapshot)
            return
        if s.bay_id is None or s.session_id is None:
            return
        tap = snapshot.card_tap
        if s.step is Step.PAYING and s.tap_after is not None:
            if tap is not None and tap.seq > s.tap_after:
                self._go(replace(s, tap_after=None))
                self._port.post(
                    PayRequested(s.bay_id, s.session_id, "account", payer=tap.token_hmac)
                )
            return
        bay = self._bay(s.bay_id)
        if bay is None:
            return
        payment = bay.payment if bay.payment and bay.payment.session_id == s.session_id else None
        session = bay.session if bay.session and bay.session.id == s.session_id else None
        ended = bay.ended[1] if bay.ended and bay.ended[0] == s.session_id else None
        # Snapshots reach the screen coalesced (a few a second): a step may have to move on
        # past states it never saw, so each step is judged by where things stand now.
        renewing = s.step is Step.PAYING and s.renew and payment is not None
        if (
            renewing
            and payment.state in ("failed", "cancelled")
            and (payment.message_key in _RENEWABLE)
        ):
            self._go(replace(s, renew=False))
            self.pay(s.method or "terminal")
            return
        if s.step is Step.PAYING and payment is not None:
            if payment.state in ("failed", "needs_reconciliation"):
                self._go(replace(s, step=Step.ERROR))
                return
            if payment.state in _HELD or session is not None or ended is not None:
                s = replace(s, step=Step.STARTING)
                self._go(s)
            elif payment.state == "cancelled":
                self._go(replace(s, step=Step.ERROR))
                return
        if s.step is Step.STARTING:
            if session is not None and session.state != "starting":
                self._go(replace(s, step=Step.LIVE))
            elif session is None and ended is not None:
                never = ended in NEVER_STARTED
                self._go(replace(s, step=Step.NOT_STARTED if never else Step.SUMMARY))
        elif s.step in (Step.LIVE, Step.FAULT):
            if session is None:
                self._go(replace(s, step=Step.SUMMARY))
            elif _in_trouble(bay):
                if s.step is Step.LIVE and not s.fault_seen:
                    self._go(replace(s, step=Step.FAULT))
            elif s.fault_seen or s.step is Step.FAULT:  # the charger is back: so is the screen
                self._go(replace(s, step=Step.LIVE, fault_seen=False))

    def _identified(self, snapshot: HubSnapshot) -> None:
        s = self.state
        view = snapshot.identify
        if view is None or s.identify_after is None or view.seq <= s.identify_after:
            return
        if not view.done and not s.identify_waited:
            s = replace(s, identify_waited=True)
            self._go(s)
        if view.state == "matched" and view.matched_bay is not None:
            bay = self._bay(view.matched_bay)
            if s.purpose is Purpose.STOP:
                # The engine stops the charge itself; the live screen shows "Stopping…".
                self._go(replace(s, step=Step.LIVE, purpose=None, identify_after=None))
                return
            if bay is not None and bay.session is not None:
                self._go(State(Step.LIVE, bay.id, bay.session.id))

    # --- helpers ---------------------------------------------------------------------------------

    def _identify(self, purpose: Purpose, bay_id: str | None, back_to: State | None = None) -> None:
        current = self.snapshot.identify if self.snapshot else None
        base = back_to or self.state
        self._go(
            replace(
                base if purpose is Purpose.STOP else State(bay_id=bay_id),
                step=Step.IDENTIFY,
                bay_id=bay_id,
                purpose=purpose,
                identify_after=current.seq if current else 0,
                identify_waited=False,
            )
        )
        self._port.post(IdentifyRequested(purpose.value, bay_id))

    def bay(self) -> BayView | None:
        return self._bay(self.state.bay_id) if self.state.bay_id else None

    def _bay(self, bay_id: str) -> BayView | None:
        if self.snapshot is None:
            return None
        try:
            return self.snapshot.bay(bay_id)
        except KeyError:
            return None

    def _go(self, state: State) -> None:
        if state != self.state:
            self.state = state
            self.changed.emit(state)


def _in_trouble(bay: BayView) -> bool:
    """A charger the running session cannot go on with: faulted, out of service or silent."""
    return bay.status in OUT_OF_SERVICE or bay.link in (Link.OFFLINE, Link.NOT_RESPONDING)
