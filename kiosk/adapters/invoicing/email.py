"""Sending an invoice by e-mail (SMTP, STARTTLS, AUTH) as an outbox handler, once per key."""

# Exactly once, as far as SMTP allows: the outbox retries a key only when the handler raised, and
# a key this handler already delivered is answered from memory without sending again. What SMTP
# itself cannot rule out (the server took the message but the connection died before its "250")
# is made recognisable: the Message-ID is derived from the key, so a retry carries the same id
# and mail clients fold the two. Permanent refusals (5xx) are a result, not an error, since no
# retry can fix them. The recipient address is in the payload; it is never logged and never put
# into an error message or result (server replies often quote it, so only their codes are kept).

from __future__ import annotations

import hashlib
import logging
import smtplib
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from typing import Any

from kiosk.adapters.invoicing.labels import Labels
from kiosk.adapters.invoicing.ocmf import SignedRecords, transparency_xml
from kiosk.adapters.invoicing.pdf import render_invoice_pdf
from kiosk.credentials import Secret
from kiosk.domain.invoice import Invoice

log = logging.getLogger(__name__)

_REMEMBERED = 10_000  # results kept for repeated keys (the outbox itself remembers for longer)
InvoiceSource = Callable[[str], Invoice | None]  # invoice number → the issued invoice
OcmfSource = Callable[[str], SignedRecords | None]  # invoice number → its signed meter data


class MailError(RuntimeError):
    """Sending failed in a way a later attempt may fix; the outbox retries."""


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    sender: str  # From: e.g. "Evhub Riverside <invoices@evhub.example>"
    port: int = 587
    username: str | None = None
    password: Secret | None = field(default=None, repr=False)
    timeout_s: float = 30.0
    tls: ssl.SSLContext | None = field(default=None, repr=False)  # None: system CAs, verified


def message_id_for(key: str, sender: str) -> str:
    """The same Message-ID for every attempt with one idempotency key."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "kiosk.invalid"
    return f"<invoice.{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def build_message(
    invoice: Invoice,
    *,
    to: str,
    sender: str,
    message_id: str,
    pdf: bytes,
    language: str = "en",
    link: str | None = None,
    zone: tzinfo | None = None,
    ocmf_link: str | None = None,
    ocmf_xml: bytes | None = None,
) -> EmailMessage:
    """The e-mail: the PDF attached and, when the session has signed meter data, the
    Transparenzsoftware file attached too and its download link in the text."""
    lab = Labels(language)
    links = lab["mail_link"].format(url=link) if link else ""
    ocmf_file = f"{invoice.number}-ocmf.xml"
    where = [f"{ocmf_file} ({lab['mail_attached']})"] if ocmf_xml is not None else []
    where += [ocmf_link] if ocmf_link else []
    if where:
        links += lab["mail_ocmf"].format(what=" · ".join(where))
    kind = lab.title(invoice.kind)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = lab["mail_subject"].format(kind=kind, number=invoice.number)
    message["Message-ID"] = message_id
    message["Date"] = formatdate(usegmt=True)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies, please
    message.set_content(
        lab["mail_body"].format(
            kind=kind,
            number=invoice.number,
            date=lab.date(invoice.session.started_at, zone),
            total=lab.money(invoice.gross, invoice.currency),
            link=links,
            seller=invoice.seller.name,
        )
    )
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=f"{invoice.number}.pdf"
    )
    if ocmf_xml is not None:
        message.add_attachment(ocmf_xml, maintype="application", subtype="xml", filename=ocmf_file)
    return message


class InvoiceMailer:
    """The outbox handler: `(key, payload) -> result`.

    Payload: {"invoice": "RIV-000042", "to": "driver@example.org", "language": "de",
    "link": optional download link, "ocmf_link": optional}. Result: {"sent": true,
    "message_id": …} or, for a permanent refusal, {"sent": false, "reason": …, "code": …}.
    With `ocmf_for`, an invoice's signed meter data goes along as its Transparenzsoftware file.
    """

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        invoice_for: InvoiceSource,
        zone: tzinfo | None = None,
        ocmf_for: OcmfSource | None = None,
    ) -> None:
        self.settings = settings
        self.invoice_for = invoice_for
        self.ocmf_for = ocmf_for
        self.zone = zone
        self._lock = threading.Lock()
        self._done: dict[str, dict[str, Any]] = {}  # key → result; no addresses in here
        self._busy: dict[str, threading.Lock] = {}

    def __call__(self, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            if key in self._done:
                return self._done[key]
            busy = self._busy.setdefault(key, threading.Lock())
        with busy:  # the same key twice at once: the second waits and gets the first's result
            with self._lock:
                if key in self._done:
                    return self._done[key]
            result = self._send(key, payload)
            with self._lock:
                self._done[key] = result
                self._busy.pop(key, None)
                if len(self._done) > _REMEMBERED:
                    del self._done[next(iter(self._done))]
            return result

    def _send(self, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        number, to = str(payload.get("invoice", "")), str(payload.get("to", ""))
        invoice = self.invoice_for(number)
        if invoice is None:
            return {"sent": False, "reason": "unknown_invoice"}
        if not _plausible(to):
            return {"sent": False, "reason": "invalid_address"}
        language = str(payload.get("language", "en"))
        link, ocmf_link = payload.get("link"), payload.get("ocmf_link")
        pdf = render_invoice_pdf(
            invoice, language=language, link=link, ocmf_link=ocmf_link, zone=self.zone
        )
        signed = self.ocmf_for(number) if self.ocmf_for is not None else None
        message_id = message_id_for(key, self.settings.sender)
        message = build_message(
            invoice,
            to=to,
            sender=self.settings.sender,
            message_id=message_id,
            pdf=pdf,
            language=language,
            link=link,
            zone=self.zone,
            ocmf_link=ocmf_link,
            ocmf_xml=transparency_xml(signed) if signed is not None else None,
        )
        refused = self._deliver(message)
        if refused is not None:
            log.warning("invoice e-mail refused invoice=%s code=%s", number, refused["code"])
            return refused
        log.info("invoice e-mail sent invoice=%s message_id=%s", number, message_id)
        return {"sent": True, "message_id": message_id, "bytes": len(message.as_bytes())}

    def _deliver(self, message: EmailMessage) -> dict[str, Any] | None:
        s = self.settings
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout_s) as smtp:
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise MailError("the SMTP server does not offer STARTTLS; not sending")
                smtp.starttls(context=s.tls or ssl.create_default_context())
                smtp.ehlo()
                if s.username:
                    password = s.password.value if s.password is not None else ""
                    smtp.login(s.username, password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            return _refusal("recipient_refused", codes)
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(f"SMTP authentication failed ({exc.smtp_code})") from None
        except smtplib.SMTPResponseException as exc:  # sender refused, data refused, ...
            return _refusal(type(exc).__name__, [exc.smtp_code])
        except (smtplib.SMTPException, OSError) as exc:
            raise MailError(f"{type(exc).__name__}: {_safe(exc)}") from None
        return None


def _refusal(reason: str, codes: list[int]) -> dict[str, Any]:
    if all(500 <= code < 600 for code in codes):
        return {"sent": False, "reason": reason, "code": codes[0]}
    raise MailError(f"{reason}: SMTP {', '.join(map(str, codes))}, will retry") from None


def _safe(exc: BaseException) -> str:
    """An error text that cannot quote the recipient: only connection-level errors get here."""
    return "" if isinstance(exc, smtplib.SMTPException) else str(exc)[:200]


def _plausible(address: str) -> bool:
    name, parsed = parseaddr(address)
    local, at, domain = parsed.rpartition("@")
    return (
        parsed == address.strip()
        and parsed.isascii()  # no SMTPUTF8: a non-ASCII address would fail on every retry
        and not name
        and bool(local and at and "." in domain)
        and len(parsed) <= 254
        and not any(c in parsed for c in "\r\n\0 ")
    )
