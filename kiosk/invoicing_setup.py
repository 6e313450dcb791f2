"""Invoicing at run time, built from the settings: the engine's part, portal, mailer, printer.

`InvoicingConfig` mirrors the `[invoicing]` section of kiosk.toml; `invoicing_config(settings)`
reads it (its defaults while the section is not in kiosk/config.py). `InvoicingSetup` is what
the Hub owns: `engine_part` for the Engine (with each bay's signing meter from `[[bays]]`),
`handlers()` for the outbox (e-mail, paper receipt), `start()` / `stop()` for the download
portal and the receipt printer.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hw_drivers import (
    DeviceEvent,
    DeviceUri,
    Paper,
    PrinterDriver,
    PrintJobCompleted,
    PrintJobDuplicate,
    PrintJobFailed,
    open_printer,
)
from kiosk import credentials
from kiosk.adapters.invoicing.email import InvoiceMailer, SmtpSettings
from kiosk.adapters.invoicing.ocmf import SignedRecords, download_for
from kiosk.adapters.invoicing.pdf import render_invoice_pdf
from kiosk.adapters.invoicing.portal import (
    KEY_NAME,
    InvoiceLinks,
    InvoicePortal,
    RateLimit,
    portal_key,
)
from kiosk.adapters.invoicing.receipt import receipt_for
from kiosk.config import ConfigError, Settings
from kiosk.domain.invoice import Invoice, InvoiceError, Seller
from kiosk.engine.clock import Clock
from kiosk.engine.invoicing import EMAIL, PRINT, Invoicing
from kiosk.engine.meter_data import MeterKey, SignedMeterData
from kiosk.engine.outbox import Handler
from kiosk.store.invoices import InvoiceSource, Sessions

log = logging.getLogger("kiosk.invoicing")


@dataclass(frozen=True)
class InvoicingConfig:
    """The `[invoicing]` keys (see kiosk/config.py `InvoicingSettings` for their meaning)."""

    enabled: bool = True
    series: str = ""
    credit_note_series: str = ""
    language: str = ""
    public_base_url: str = ""
    portal_bind: str = "127.0.0.1"
    portal_port: int = 8470
    trusted_proxies: tuple[str, ...] = ()
    rate_limit_requests: int = 30
    rate_limit_s: int = 60
    link_days: int = 90
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_sender: str = ""
    smtp_ca_file: Path | None = None
    smtp_timeout_s: int = 30
    receipt_timeout_s: int = 20
    receipt_max_age_s: int = 300


def invoicing_config(settings: Settings) -> InvoicingConfig:
    """The settings' `[invoicing]` section, or the defaults where it has none (yet)."""
    section = getattr(settings, "invoicing", None)
    names = [f.name for f in dataclasses.fields(InvoicingConfig) if hasattr(section, f.name)]
    return InvoicingConfig(**{name: getattr(section, name) for name in names})


def seller_of(settings: Settings) -> Seller:
    """The operator as invoices name it; `[seller]` keys it does not have yet stay empty."""
    s = settings.seller

    def text(name: str) -> str | None:
        return str(getattr(s, name, "") or "") or None

    return Seller(
        name=s.name or settings.hub.name,
        address=tuple(p.strip() for p in re.split(r"[\n,]", s.address) if p.strip()),
        country=str(getattr(s, "country", "") or ""),
        vat_id=text("vat_id"),
        tax_number=text("tax_number"),
        registration=text("registration"),
        email=text("email"),
        phone=text("phone"),
        website=text("website"),
    )


def series_of(settings: Settings, config: InvoicingConfig) -> str:
    return config.series or settings.hub.id.upper()


def language_of(settings: Settings, config: InvoicingConfig) -> str:
    return config.language or settings.hub.languages[0]


def link_key(config: InvoicingConfig, credentials_dir: Path, *, create: bool) -> bytes | None:
    """The download links' key when a portal address is configured (the kiosk creates it once;
    tools only read it)."""
    if not config.public_base_url:
        return None
    if create:
        return portal_key(credentials_dir)
    found = credentials.lookup(KEY_NAME, credentials_dir=credentials_dir)
    return found.value.encode() if found is not None else None


def links_for(config: InvoicingConfig, key: bytes | None) -> InvoiceLinks | None:
    return InvoiceLinks(key=key, base_url=config.public_base_url) if key else None


def meter_keys(settings: Settings) -> dict[str, MeterKey]:
    """Each bay's signing meter as `[[bays]]` gives it (checked when the config was loaded)."""
    return {
        bay.id: MeterKey(public_key=bay.meter_public_key or None, serial=bay.meter_serial or None)
        for bay in settings.bays
    }


class InvoicingSetup:
    """Everything invoicing needs while the kiosk runs; the Hub starts and stops it."""

    def __init__(
        self,
        settings: Settings,
        config: InvoicingConfig,
        *,
        sessions: Sessions,
        credentials_dir: Path,
        clock: Clock,
    ) -> None:
        self.config = config
        self.zone = ZoneInfo(settings.hub.timezone)
        self.language = language_of(settings, config)
        self.source = InvoiceSource(sessions)
        key = link_key(config, credentials_dir, create=True)
        links = links_for(config, key)
        self.portal: InvoicePortal | None = None
        if key is not None:
            self.portal = InvoicePortal(
                public_base_url=config.public_base_url,
                key=key,
                pdf_for=self.pdf,
                ocmf_for=self.ocmf,
                bind=config.portal_bind,
                port=config.portal_port,
                rate_limit=RateLimit(config.rate_limit_requests, config.rate_limit_s),
                trusted_proxies=config.trusted_proxies,
                clock=clock.now,
            )
        self.mailer: InvoiceMailer | None = None
        if config.smtp_host:
            user = config.smtp_username or None
            tls = (
                ssl.create_default_context(cafile=str(config.smtp_ca_file))
                if config.smtp_ca_file
                else None
            )
            smtp = SmtpSettings(
                host=config.smtp_host,
                sender=config.smtp_sender,
                port=config.smtp_port,
                username=user,
                password=credentials.require("smtp_password", credentials_dir=credentials_dir)
                if user
                else None,
                timeout_s=config.smtp_timeout_s,
                tls=tls,
            )
            self.mailer = InvoiceMailer(
                smtp, invoice_for=self.source.invoice, zone=self.zone, ocmf_for=self.ocmf
            )
        uri = settings.devices.printer
        self.printer = (
            ReceiptPrinting(
                uri,
                invoice_for=self.source.invoice,
                zone=self.zone,
                timeout_s=config.receipt_timeout_s,
                max_age_s=config.receipt_max_age_s,
                clock=clock,
            )
            if uri
            else None
        )
        try:
            self.engine_part = Invoicing(
                series=series_of(settings, config),
                credit_note_series=config.credit_note_series,
                seller=seller_of(settings),
                zone=self.zone,
                language=self.language,
                bay_labels={bay.id: bay.label for bay in settings.bays},
                link_for=links.link_for if links is not None else None,
                ocmf_link_for=links.ocmf_link_for if links is not None else None,
                link_days=config.link_days,
                meter_data=SignedMeterData(keys=meter_keys(settings)),
                email=self.mailer is not None,
                paper=self.printer is not None,
                enabled=config.enabled,
            )
        except InvoiceError as exc:
            raise ConfigError(f"invoicing.series: {exc}") from None

    def handlers(self) -> dict[str, Handler]:
        found: dict[str, Handler] = {}
        if self.mailer is not None:
            found[EMAIL] = self.mailer
        if self.printer is not None:
            found[PRINT] = self.printer
        return found

    def pdf(self, number: str) -> bytes | None:
        """The portal's PDF of a stored document (request threads; reads only)."""
        return self.source.pdf(number, self.render)

    def ocmf(self, number: str) -> SignedRecords | None:
        """The signed meter data of a stored invoice, as its check found them (portal request
        threads and e-mail workers; reads only). None: unknown, or no begin/end pair."""
        found = self.source.signed_data(number)
        return download_for(found[0].meter_data, found[1]) if found is not None else None

    def render(self, invoice: Invoice, language: str | None = None) -> bytes:
        """The PDF of an issued document with its own download link as its QR code, and the
        download link of its signed meter data."""
        number, issued = str(invoice.number), invoice.issued_at
        link = self.engine_part.link(number, issued)
        ocmf_link = self.engine_part.link(number, issued, ocmf=True)
        lang = language or self.language
        return render_invoice_pdf(
            invoice, language=lang, link=link, ocmf_link=ocmf_link, zone=self.zone
        )

    def start(self) -> None:
        if self.printer is not None:
            self.printer.start()
        if self.portal is not None:
            try:
                self.portal.start()
            except OSError as exc:
                where = f"{self.config.portal_bind}:{self.config.portal_port}"
                raise ConfigError(
                    f"invoicing.portal_port: cannot listen on {where} ({exc.strerror})"
                ) from None

    def stop(self) -> None:
        if self.portal is not None:
            self.portal.stop()
        if self.printer is not None:
            self.printer.stop()


@dataclass
class _Job:
    done: threading.Event = field(default_factory=threading.Event)
    outcome: DeviceEvent | None = None


class ReceiptPrinting:
    """The outbox handler of paper receipts: `receipt_for(invoice)` to the printer, job id =
    invoice number (`<number>/<n>` for reprints), then its verdict.

    A receipt that did not print (paper out, cover open, offline, no answer in time, asked too
    long ago) is a result, not an error: the outbox does not retry it, the screen offers the QR
    code instead, and the driver or attendant asks for a reprint.
    """

    def __init__(
        self,
        uri: str,
        *,
        invoice_for: Callable[[str], Invoice | None],
        zone: ZoneInfo,
        timeout_s: float,
        max_age_s: float,
        clock: Clock,
    ) -> None:
        self._uri = uri
        self._paper = Paper.parse(DeviceUri.parse(uri).option("paper", "80"))
        self._invoice_for = invoice_for
        self._zone, self._clock = zone, clock
        self._timeout, self._max_age = timeout_s, timedelta(seconds=max_age_s)
        self._device: PrinterDriver | None = None
        self._lock = threading.Lock()
        self._jobs: dict[str, _Job] = {}

    @property
    def device(self) -> PrinterDriver | None:
        """The printer driver (the demo's panel runs the simulated one out of paper)."""
        return self._device

    def start(self) -> None:
        self._device = open_printer(self._uri, emit=self._event, name="receipt-printer")

    def stop(self) -> None:
        if self._device is not None:
            self._device.close()
            self._device = None

    def _event(self, event: DeviceEvent) -> None:  # the printer's thread
        if isinstance(event, PrintJobCompleted | PrintJobFailed | PrintJobDuplicate):
            with self._lock:
                job = self._jobs.get(event.job_id)
            if job is not None:
                job.outcome = event
                job.done.set()

    def __call__(self, key: str, payload: dict[str, Any]) -> dict[str, Any]:
        number, device = str(payload.get("invoice", "")), self._device
        job_id = str(payload.get("job") or number)
        asked = datetime.fromisoformat(str(payload.get("requested_at")))
        invoice = self._invoice_for(number)
        if device is None or invoice is None:
            return {"printed": False, "job": job_id, "reason": "no printer or no such invoice"}
        if self._clock.now() - asked > self._max_age:
            return {"printed": False, "job": job_id, "reason": "asked too long ago"}
        receipt = receipt_for(
            invoice,
            paper=self._paper,
            language=str(payload.get("language", "en")),
            link=payload.get("link"),
            zone=self._zone,
        )
        job = _Job()
        with self._lock:
            self._jobs[job_id] = job
        try:
            device.submit(receipt, job_id=job_id)
            answered = job.done.wait(self._timeout)
        finally:
            with self._lock:
                self._jobs.pop(job_id, None)
        outcome = job.outcome
        if not answered or outcome is None:
            return {"printed": False, "job": job_id, "reason": "the printer did not answer"}
        if isinstance(outcome, PrintJobFailed):
            return {
                "printed": False,
                "job": job_id,
                "reason": outcome.reason,
                "state": outcome.state.value,
            }
        return {"printed": True, "job": job_id, "repeat": isinstance(outcome, PrintJobDuplicate)}
