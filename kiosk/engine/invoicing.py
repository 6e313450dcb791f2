"""Invoices on the engine thread, issued in the transaction that records the capture.

`on_settled` (called by `Payments.settled` inside the batch's transaction) rebuilds the session's
price from its stored tariff and slices as the engine does, cuts the invoice (`invoice_from`
refuses anything but gross == captured), takes the next number of the hub's series and stores
it: number, invoice and settlement commit together or not at all. An issued invoice is never
changed: a refund goes to the provider through the outbox and, in the transaction that records
its return, a credit note is issued. E-mails and paper receipts are outbox entries; the address
is blanked once the entry is done, and a receipt that did not print is shown (the screen offers
the QR instead) and raised to the attendant as an anomaly. Signed meter data (OCMF) is kept with
each session as it comes and checked when the invoice is cut: the invoice tells what was found,
and whatever is not verified is an anomaly too, never a reason to withhold the invoice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as DbSession

from kiosk.adapters.payments import handlers
from kiosk.domain.invoice import (
    Invoice,
    InvoiceError,
    InvoiceNumber,
    Seller,
    credit_note_for,
    invoice_from,
    invoice_from_dict,
)
from kiosk.domain.payment import PaymentState
from kiosk.domain.session import Session, SessionState
from kiosk.domain.tariff import SessionPrice, Tariff, TariffError, load_tariff
from kiosk.engine import refunds
from kiosk.engine.costing import Costing
from kiosk.engine.events import (
    Event,
    MeterSampleReported,
    ReceiptByEmail,
    ReceiptPrint,
    ReceiptReprint,
    RefundRequested,
)
from kiosk.engine.meter_data import SignedMeterData, summary
from kiosk.engine.snapshot import InvoiceView
from kiosk.engine.state import Batch
from kiosk.store import invoices as store
from kiosk.store import models

log = logging.getLogger("kiosk.invoicing")

EMAIL, PRINT = "invoice.email", "invoice.print"  # keys mail:<number>:<n>, print:<number>:<n>
LANGUAGES = ("en", "de", "fr", "nl")
LinkMaker = Callable[[str, datetime], str]  # (invoice number, expires at) → download link
_SETTLING = (PaymentState.AUTHORISED, PaymentState.CAPTURING)  # receipts asked now wait


class Invoicing:
    """Invoices, credit notes and receipts of one hub; the engine calls it in its transaction."""

    def __init__(
        self,
        *,
        series: str,
        seller: Seller,
        zone: ZoneInfo,
        credit_note_series: str = "",
        language: str = "en",
        bay_labels: Mapping[str, str] | None = None,
        link_for: LinkMaker | None = None,
        ocmf_link_for: LinkMaker | None = None,
        link_days: int = 90,
        meter_data: SignedMeterData | None = None,
        email: bool = False,
        paper: bool = False,
        enabled: bool = True,
    ) -> None:
        InvoiceNumber(series, 1)  # raises InvoiceError for a series numbers cannot have
        InvoiceNumber(credit_note_series or series, 1)
        self.series, self.credit_note_series = series, credit_note_series or series
        self.seller, self.language, self.enabled = seller, language, enabled
        self._zone, self._labels = zone, dict(bay_labels or {})
        self._link_for, self._link_days = link_for, timedelta(days=link_days)
        self._ocmf_link_for = ocmf_link_for
        self.meter_data = meter_data or SignedMeterData()
        self._channels = {"email": email, "paper": paper}
        self.views: dict[str, InvoiceView] = {}  # bay → the invoice the screen shows
        self._waiting: dict[str, list[tuple[str, str, str]]] = {}  # session → receipt requests

    def link(self, number: str, issued_at: datetime, *, ocmf: bool = False) -> str | None:
        """The download link (QR) of a document, or of its signed meter data; the same every
        time for the same document."""
        make = self._ocmf_link_for if ocmf else self._link_for
        return make(number, issued_at + self._link_days) if make is not None else None

    # --- hooks (engine thread, inside the batch's transaction) -------------------------------

    def on_settled(
        self,
        batch: Batch,
        db: DbSession,
        payment: models.Payment,
        result: dict[str, Any] | None,
        at: datetime,
    ) -> None:
        """A capture or release came back: issue the invoice of a captured session."""
        session_id = payment.session_id
        if session_id is None:
            return
        waiting = self._waiting.pop(session_id, [])
        row = db.get(models.ChargingSession, session_id)
        issued = None
        if row is not None and payment.state == PaymentState.CAPTURED and self.enabled:
            issued = store.invoice_row_of_session(db, session_id) or self._issue(
                batch, db, row, payment, result or {}, at
            )
        bay_id = row.bay_id if row is not None else None
        for channel, address, language in waiting:
            if issued is None:
                told = {"session": session_id, "channel": channel, "state": "refused"}
                self._receipt(batch, bay_id, at, told | {"reason": "no_invoice"})
            else:
                self._queue(batch, db, issued, bay_id, channel, language, at, address)

    def signed_reading(
        self, batch: Batch, db: DbSession, event: MeterSampleReported, at: datetime
    ) -> None:
        """A meter reading that carries signed meter data (OCMF), after the rules applied it:
        `batch.bays[event.bay_id].session` is the session it belongs to, if any."""
        self.meter_data.record(batch, db, event, at)

    def apply(self, batch: Batch, db: DbSession, event: Event, at: datetime) -> bool:
        """The invoicing events; False for any other."""
        match event:
            case ReceiptByEmail() | ReceiptPrint():
                self._asked(batch, db, event, at)
            case ReceiptReprint():
                row = store.row_by_number(db, event.number)
                bay_id = store.bay_of_session(db, row.session_id if row is not None else None)
                if row is None or not self._channels["paper"]:
                    reason = "unknown_invoice" if row is None else "unavailable"
                    told = {"number": event.number, "channel": "paper", "state": "refused"}
                    self._receipt(batch, bay_id, at, told | {"reason": reason})
                else:
                    self._queue(batch, db, row, bay_id, "paper", self._lang(event.language), at)
            case RefundRequested():
                refunds.request(batch, db, event, at)
            case _:
                return False
        return True

    def finished(
        self, batch: Batch, db: DbSession, entry: models.OutboxEntry, at: datetime
    ) -> bool:
        """An outbox entry of ours is done; False for entries that are not invoicing's."""
        result, number = entry.result or {}, str(entry.payload.get("invoice", ""))
        if entry.kind in (EMAIL, PRINT):
            session_id = store.session_of_number(db, number)
            if entry.kind == EMAIL:
                entry.payload = {**entry.payload, "to": ""}  # kept only as long as needed
                channel, done = "email", "sent" if result.get("sent") else "refused"
            else:
                channel, done = "paper", "printed" if result.get("printed") else "failed"
            reason = None if done in ("sent", "printed") else str(result.get("reason", "failed"))
            bay_id = store.bay_of_session(db, session_id)
            told = {"session": session_id, "number": number, "channel": channel, "state": done}
            self._receipt(batch, bay_id, at, told | {"reason": reason})
            if done == "failed":
                self._anomaly(batch, db, "receipt_not_printed", bay_id, at, f"{number}: {reason}")
        elif entry.kind == handlers.REFUND and number:
            self._refunded(batch, db, entry, number, at)
        else:
            return False
        return True

    # --- issuing --------------------------------------------------------------------------------

    def _issue(
        self,
        batch: Batch,
        db: DbSession,
        row: models.ChargingSession,
        payment: models.Payment,
        result: dict[str, Any],
        at: datetime,
    ) -> models.Invoice | None:
        check = self.meter_data.check(db, row, at)
        if check is not None and not check.verified:
            detail = f"{row.id}: {summary(check)}"
            self._anomaly(batch, db, "meter_data_unverified", row.bay_id, at, detail)
        try:
            price, tariff = self._price(db, row)
            draft = invoice_from(
                number=InvoiceNumber(self.series, 1),  # the real one is taken when it is stored
                issued_at=at,
                seller=self.seller,
                session=store.session_facts(row, self._labels.get(row.bay_id), at),
                price=price,
                tariff=tariff,
                tariff_name=self._tariff_name(tariff),
                payment=store.payment_facts(payment, result.get("ref")),
                meter_data=check,
            )
        except (InvoiceError, TariffError, LookupError) as exc:
            self._anomaly(batch, db, "invoice_withheld", row.bay_id, at, f"{row.id}: {exc}")
            return None
        return self._store(batch, db, draft, self.series, row, at)

    def _price(self, db: DbSession, row: models.ChargingSession) -> tuple[SessionPrice, Tariff]:
        """The session's price rebuilt from its stored tariff and slices, as the engine does."""
        stored = db.get(models.Tariff, row.tariff_id) if row.tariff_id else None
        if stored is None:
            raise LookupError("the session has no stored tariff")
        costing = Costing(tariffs={}, zone=self._zone)
        costing.rebuild(db, [Session(row.id, row.bay_id, SessionState(row.state), row.started_at)])
        price = costing.price(row.id)
        if price is None:
            raise LookupError("the session's cost cannot be rebuilt")
        if row.cost_incl_vat is not None and price.total_cost.incl_vat != row.cost_incl_vat:
            raise InvoiceError(f"rebuilt {price.total_cost.incl_vat} != {row.cost_incl_vat}")
        return price, load_tariff(stored.body["text"].encode())

    def _store(
        self,
        batch: Batch,
        db: DbSession,
        draft: Invoice,
        series: str,
        row: models.ChargingSession,
        at: datetime,
    ) -> models.Invoice | None:
        try:
            stored, doc = store.store_document(db, draft, series, row.id, at)
        except SQLAlchemyError as exc:  # the savepoint is rolled back: no number is lost
            log.exception("storing the %s of session %s failed", draft.kind.value, row.id)
            detail = f"{row.id}: {type(exc).__name__}"
            self._anomaly(batch, db, "invoice_failed", row.bay_id, at, detail)
            return None
        number, corrects = str(doc.number), doc.corrects
        link = self.link(number, at)
        if corrects is None:
            self.views[row.bay_id] = InvoiceView(row.id, number, link)
        fields: dict[str, Any] = {"session": row.id, "number": number, "kind": doc.kind.value}
        fields |= {"link": link, "total": doc.gross, "currency": doc.currency}
        fields |= {"corrects": str(corrects)} if corrects else {}
        fields |= {"meter_data": doc.meter_data.status.value} if doc.meter_data else {}
        batch.record("invoice", row.bay_id, at, **fields)
        log.info("%s %s issued session=%s", doc.kind.value, number, row.id)
        return stored

    # --- receipts: e-mail and paper ---------------------------------------------------------------

    def _asked(
        self, batch: Batch, db: DbSession, ev: ReceiptByEmail | ReceiptPrint, at: datetime
    ) -> None:
        channel = "email" if isinstance(ev, ReceiptByEmail) else "paper"
        address = ev.address.strip() if isinstance(ev, ReceiptByEmail) else ""
        bay_id, language = store.bay_of_session(db, ev.session_id), self._lang(ev.language)
        told = {"session": ev.session_id, "channel": channel}
        if not self._channels[channel] or (channel == "email" and not _plausible(address)):
            reason = "unavailable" if not self._channels[channel] else "invalid_address"
            self._receipt(batch, bay_id, at, told | {"state": "refused", "reason": reason})
            return
        issued = store.invoice_row_of_session(db, ev.session_id)
        if issued is not None:
            self._queue(batch, db, issued, bay_id, channel, language, at, address)
            return
        payment = store.payment_of_session(db, ev.session_id)
        waiting = self._waiting.get(ev.session_id, [])
        if payment is None or payment.state not in _SETTLING or len(waiting) >= 4:
            self._receipt(batch, bay_id, at, told | {"state": "refused", "reason": "no_invoice"})
            return
        # In memory only: a crash before the capture returns forgets it (a replay asks once).
        self._waiting[ev.session_id] = list(dict.fromkeys([*waiting, (channel, address, language)]))
        self._receipt(batch, bay_id, at, told | {"state": "waiting"})

    def _queue(
        self,
        batch: Batch,
        db: DbSession,
        issued: models.Invoice,
        bay_id: str | None,
        channel: str,
        language: str,
        at: datetime,
        address: str = "",
    ) -> None:
        number = store.number_of(issued)
        prefix = f"mail:{number}:" if channel == "email" else f"print:{number}:"
        n = len(store.outbox_entries(db, prefix)) + len(refunds.queued(batch, prefix)) + 1
        payload: dict[str, Any] = {"invoice": number, "language": language}
        if channel == "email":
            payload["to"] = address
            ocmf_link = self.link(number, issued.issued_at, ocmf=True)
            check = invoice_from_dict(issued.body).meter_data
            if ocmf_link is not None and check is not None and check.has_pair:
                payload["ocmf_link"] = ocmf_link  # the portal has a file to give for it
        else:  # the printer drops a job id it printed already: a reprint needs its own
            job = number if n == 1 else f"{number}/{n}"
            payload |= {"job": job, "requested_at": at.isoformat()}
        link = self.link(number, issued.issued_at)
        if link is not None:
            payload["link"] = link
        kind = EMAIL if channel == "email" else PRINT
        batch.outbox_work.append({"kind": kind, "key": f"{prefix}{n}", "payload": payload})
        told = {"session": issued.session_id, "number": number, "channel": channel}
        self._receipt(batch, bay_id, at, told | {"state": "queued"})

    def _receipt(
        self, batch: Batch, bay_id: str | None, at: datetime, told: dict[str, Any]
    ) -> None:
        """Tell the screen (view) and the event stream (record) about a receipt; never the
        address. `told`: session, number, channel, state, reason."""
        view = self.views.get(bay_id) if bay_id else None
        if bay_id and view is not None and view.number == told.get("number"):
            if told["channel"] == "email":
                self.views[bay_id] = replace(view, email=told["state"])
            else:
                problem = told.get("reason") if told["state"] == "failed" else None
                self.views[bay_id] = replace(view, paper=told["state"], paper_problem=problem)
        batch.record("receipt", bay_id, at, **{k: v for k, v in told.items() if v is not None})

    # --- refunds and credit notes -----------------------------------------------------------------

    def _refunded(
        self, batch: Batch, db: DbSession, entry: models.OutboxEntry, number: str, at: datetime
    ) -> None:
        """A refund came back: the payment's state and, in the same transaction, a credit note."""
        returned = refunds.returned(batch, db, entry, number, at)
        if returned is None:
            return
        original, session, amount = returned
        try:
            draft = credit_note_for(
                invoice_from_dict(original.body),
                number=InvoiceNumber(self.credit_note_series, 1),  # numbered when stored
                issued_at=at,
                amount=amount,
                already_credited=store.credited(db, session.id),
                refund_ref=(entry.result or {}).get("refund_id"),
            )
        except InvoiceError as exc:
            self._anomaly(batch, db, "credit_note_withheld", session.bay_id, at, f"{number}: {exc}")
            return
        self._store(batch, db, draft, self.credit_note_series, session, at)

    # --- helpers ------------------------------------------------------------------------------

    def _anomaly(
        self, batch: Batch, db: DbSession, kind: str, bay_id: str | None, at: datetime, detail: str
    ) -> None:
        store.audit(db, at, f"anomaly.{kind}", bay_id, detail=detail)
        batch.record("anomaly", bay_id, at, kind=kind, reason=detail)
        log.warning("anomaly %s bay=%s %s", kind, bay_id, detail)

    def _lang(self, requested: str) -> str:
        return requested if requested in LANGUAGES else self.language

    def _tariff_name(self, tariff: Tariff) -> str:
        texts = {t.language: t.text for t in tariff.tariff_alt_text}
        return texts.get(self.language) or texts.get("en") or next(iter(texts.values()), tariff.id)


def _plausible(address: str) -> bool:
    """Worth keeping until the mailer, which checks it properly, has sent it."""
    return 3 <= len(address) <= 254 and "@" in address and address.isascii()
