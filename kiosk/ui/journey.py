"""The driver's journey as an explicit state machine: which screen, for which bay and session.

Steps move on the driver's choices (bay, way to pay, stop, done) and on what the engine's
snapshots say (payment authorised or refused, session running, session over). The machine
never talks to payments or chargers itself: it posts engine events through the hub port.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from kiosk.engine.events import PayCancelled, PayRequested, StopRequested
from kiosk.engine.port import HubPort
from kiosk.engine.snapshot import BayView, HubSnapshot


class Step(enum.Enum):
    HOME = "home"
    PRICE = "price"  # the bay's prices and the hold, before anything is asked of the driver
    PAYING = "paying"  # waiting for the card, the phone or the membership card
    STARTING = "starting"  # money held; waiting for the car and the charger
    LIVE = "live"  # charging (or idle): running cost, how to stop
    SUMMARY = "summary"  # final cost, captured and released, receipt
    ERROR = "error"  # a payment that did not go through, a charger that did not start


#: Steps during which the screen never times out back home (money is moving).
NO_TIMEOUT = frozenset({Step.PAYING, Step.STARTING})


@dataclass(frozen=True)
class State:
    step: Step = Step.HOME
    bay_id: str | None = None
    session_id: str | None = None
    method: str | None = None
    tap_after: int | None = None  # waiting for a membership card newer than this tap


class Journey(QObject):
    """Owns the current step; screens render `state` and call the driver's actions."""

    changed = Signal(object)  # State

    def __init__(self, port: HubPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._port = port
        self.state = State()
        self.snapshot: HubSnapshot | None = None

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

    def cancel_payment(self) -> None:
        if self.state.step is not Step.PAYING:
            return
        if self.state.tap_after is not None:  # no card tapped yet: nothing to cancel
            self._go(State(Step.PRICE, self.state.bay_id))
        elif self.state.session_id is not None:
            self._port.post(PayCancelled(self.state.session_id))

    def stop(self) -> None:
        if self.state.bay_id is not None and self.state.step is Step.LIVE:
            self._port.post(StopRequested(self.state.bay_id))

    def home(self) -> None:
        if self.state.step is Step.PAYING:
            self.cancel_payment()
        self._go(State())

    def open_session(self, bay_id: str) -> None:
        """Back to a running session from the home screen ("my session")."""
        bay = self._bay(bay_id)
        if bay is not None and bay.session is not None:
            self._go(State(Step.LIVE, bay_id, bay.session.id))

    # --- what the engine says ------------------------------------------------------------------

    def on_snapshot(self, snapshot: HubSnapshot) -> None:
        self.snapshot = snapshot
        s = self.state
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
        if s.step is Step.PAYING and payment is not None:
            if payment.state == "authorised":
                self._go(replace(s, step=Step.STARTING))
            elif payment.state in ("failed", "needs_reconciliation"):
                self._go(replace(s, step=Step.ERROR))
        elif s.step is Step.STARTING:
            if session is not None and session.state == "active":
                self._go(replace(s, step=Step.LIVE))
            elif session is None and payment is not None and payment.state != "authorised":
                self._go(replace(s, step=Step.SUMMARY))  # the start was refused: hold released
        elif s.step is Step.LIVE and session is None:
            self._go(replace(s, step=Step.SUMMARY))
        elif s.step in (Step.SUMMARY,) and payment is not None:
            self.changed.emit(self.state)  # captured / released figures arrive later

    # --- helpers ---------------------------------------------------------------------------------

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
