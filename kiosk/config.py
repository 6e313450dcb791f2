"""kiosk.toml → typed, validated settings; every key is declared once with its default and meaning.

A mistake in the file becomes one `ConfigError` line naming the key, the value and what is
expected. Secrets are refused here: they come from the environment or credential files
(see `kiosk.credentials`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tomllib
import types
import typing
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from kiosk.domain.invoice import InvoiceError, InvoiceNumber
from kiosk.domain.money import parse_decimal
from kiosk.domain.tariff import Tariff, TariffError, load_tariff


class ConfigError(Exception):
    """One line an operator can act on: where, what was found, what is expected."""


@dataclass(frozen=True)
class LoadedTariff:
    """A validated tariff with the exact text it came from (stored with each session)."""

    tariff: Tariff
    text: str
    key: str  # "<tariff id>@<content hash>": the same text always gets the same key


def _doc(text: str, default: Any = dataclasses.MISSING, **kw: Any) -> Any:
    if default is dataclasses.MISSING and "default_factory" not in kw:
        return field(metadata={"doc": text}, **kw)
    return field(default=default, metadata={"doc": text}, **kw)


_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
# Key names that would put a secret into the TOML file.
_SECRET_WORDS = ("password", "secret", "api_key", "apikey", "token", "private_key")


@dataclass(frozen=True)
class HubSettings:
    id: str = _doc("Short identifier of this hub; used in MQTT topics and invoice numbers.")
    name: str = _doc("Name shown to drivers and printed on receipts.")
    timezone: str = _doc("IANA time zone of the hub; tariff time restrictions use it.", "UTC")
    currency: str = _doc("ISO 4217 currency all prices are in.", "EUR")
    languages: tuple[str, ...] = _doc(
        "Languages offered on screen, first is the default.", ("en", "de", "fr", "nl")
    )


@dataclass(frozen=True)
class SellerSettings:
    name: str = _doc("Legal name of the operator, printed on invoices.", "")
    address: str = _doc(
        "Postal address of the operator, printed on invoices; one line per comma or newline.", ""
    )
    country: str = _doc("ISO 3166-1 alpha-2 country of the operator, e.g. 'DE'.", "")
    vat_id: str = _doc("VAT identification number of the operator.", "")
    tax_number: str = _doc("Tax number of the operator, where invoices must show it.", "")
    registration: str = _doc("Commercial register entry, e.g. 'HRB 12345 B, AG Berlin'.", "")
    email: str = _doc("Contact e-mail shown on receipts.", "")
    phone: str = _doc("Contact phone number printed on invoices.", "")
    website: str = _doc("Website printed on invoices.", "")


@dataclass(frozen=True)
class BaySettings:
    id: str = _doc("Identifier of the bay as the charger publishes it (MQTT topic part).")
    label: str = _doc("What drivers see painted on the bay, e.g. '3' or 'B2'.")
    max_power_kw: Decimal = _doc("Maximum power of the charger, in kW.", Decimal(22))
    connector: str = _doc("Connector type shown to drivers: CCS2, Type2, CHAdeMO.", "Type2")
    dialect: Literal["native", "everest", "openevse"] = _doc(
        "MQTT dialect the charger speaks.", "native"
    )
    tariff: Path | None = _doc("OCPI 2.2.1 tariff (JSON file) for ad-hoc payment.", None)
    member_tariff: Path | None = _doc("OCPI tariff for RFID members; defaults to `tariff`.", None)
    free_vend: bool = _doc("Start on plug-in without payment; billed to the house.", False)
    mqtt_base: str = _doc(
        "Topic base of the charger: empty for native (<topic_prefix>/bays/<id>); "
        "everest: everest_api/1/evse_manager_consumer/<module_id>; openevse: its base topic.",
        "",
    )
    meter_public_key: str = _doc(
        "Public key of the charger's signing (Eichrecht) meter, to verify its OCMF data: hex as "
        "printed on the charger (spaces and colons allowed), base64 or PEM; empty: none.",
        "",
    )
    meter_serial: str = _doc(
        "Serial of that meter as its signed data states it (OCMF MS); empty: not checked.", ""
    )


@dataclass(frozen=True)
class BrokerSettings:
    host: str = _doc("MQTT broker host.", "127.0.0.1")
    port: int = _doc("MQTT broker port.", 1883)
    protocol: Literal["5", "3.1.1"] = _doc(
        "MQTT version: 5, or 3.1.1 for brokers that lack 5 (the session then has no expiry).",
        "5",
    )
    topic_prefix: str = _doc("Prefix of the native topics; `{hub}` is the hub id.", "evhub/{hub}")
    username: str = _doc("Broker user name; the password is the credential `broker_password`.", "")
    tls: bool = _doc("Connect with TLS.", False)
    ca_file: Path | None = _doc("CA certificate file for TLS.", None)
    cert_file: Path | None = _doc("Client certificate file for TLS.", None)
    key_file: Path | None = _doc("Client key file for TLS.", None)
    client_id: str = _doc("MQTT client id; empty means kiosk-<hub id>. Keep it stable.", "")
    session_expiry_s: int = _doc(
        "How long the broker keeps the kiosk's subscriptions and queued messages while it is "
        "away (restart, update).",
        3600,
    )
    offline_after_s: int = _doc("A charger silent this long is shown offline.", 15)
    command_timeout_s: int = _doc("Wait this long for a charger to confirm a command.", 5)
    command_retries: int = _doc("Send a command this many times before giving up.", 3)


@dataclass(frozen=True)
class PaymentSettings:
    provider: Literal["simulator", "stripe"] = _doc(
        "Payment provider; `stripe` reads the key from the credential `stripe_api_key`.",
        "simulator",
    )
    preauth_amount: Decimal = _doc("Hold put on the card before charging.", Decimal(50))
    reader_id: str = _doc("Stripe Terminal reader id (tmr_…) of this kiosk's card reader.", "")
    checkout_success_url: str = _doc(
        "Where the driver's phone goes after paying by QR code (the operator's page).",
        "https://example.com/paid",
    )
    card_timeout_s: int = _doc("How long the card reader waits for a card.", 60)
    stripe_api_base: str = _doc("Stripe API address; only for tests against a Stripe double.", "")
    webhook_enabled: bool = _doc(
        "Serve a Stripe webhook endpoint (only with a public URL in front of it); the endpoint "
        "secret is the credential `stripe_webhook_secret`. Off: the kiosk polls, which suffices.",
        False,
    )
    webhook_bind: str = _doc("Address the Stripe webhook endpoint listens on.", "127.0.0.1")
    webhook_port: int = _doc("TCP port of the Stripe webhook endpoint (the proxy forwards).", 8471)
    webhook_path: str = _doc("URL path Stripe posts events to.", "/stripe/webhook")


@dataclass(frozen=True)
class DeviceSettings:
    card_readers: tuple[str, ...] = _doc(
        "Card reader URIs: pcsc:// (every PC/SC reader), pcsc://<name part>, "
        "wedge:///dev/input/by-id/<device>, simulated://.",
        (),
    )
    printer: str = _doc(
        "Receipt printer URI: escpos+usb://VID:PID, escpos+tcp://host:9100, "
        "escpos+serial:///dev/ttyUSB0?baudrate=…, escpos+file:///dev/usb/lp0, simulated://; "
        "empty for none.",
        "",
    )


@dataclass(frozen=True)
class InvoicingSettings:
    enabled: bool = _doc("Issue an invoice when a session's payment is captured.", True)
    series: str = _doc(
        "Invoice number series of this hub (RIV: RIV-000042); empty: hub.id in capitals. "
        "1-24 letters, digits, '.', '_', '/', '-'. Never change it once invoices exist.",
        "",
    )
    credit_note_series: str = _doc("Series of credit notes; empty: the invoice series.", "")
    language: str = _doc(
        "Language of stored invoice texts and of PDFs from the portal (en, de, fr, nl); "
        "empty: the first of hub.languages.",
        "",
    )
    public_base_url: str = _doc(
        "Public address of the invoice download portal behind the operator's reverse proxy, "
        "e.g. https://charge.example.com/invoices; empty: no portal, no download links or QR.",
        "",
    )
    portal_bind: str = _doc("Address the download portal listens on.", "127.0.0.1")
    portal_port: int = _doc("TCP port of the download portal (the proxy forwards to it).", 8470)
    trusted_proxies: tuple[str, ...] = _doc(
        "Reverse proxy addresses whose X-Forwarded-For the portal believes (rate limits).", ()
    )
    rate_limit_requests: int = _doc("Portal requests one client may make per rate_limit_s.", 30)
    rate_limit_s: int = _doc("The window of rate_limit_requests, in seconds.", 60)
    link_days: int = _doc("Days a download link (QR code) works after the invoice is issued.", 90)
    smtp_host: str = _doc("SMTP server for invoice e-mails (STARTTLS required); empty: none.", "")
    smtp_port: int = _doc("SMTP port (submission with STARTTLS).", 587)
    smtp_username: str = _doc(
        "SMTP user; the password is the credential `smtp_password`. Empty: no AUTH.", ""
    )
    smtp_sender: str = _doc(
        "From: of invoice e-mails, e.g. 'Example Charging <invoices@example.com>'.", ""
    )
    smtp_ca_file: Path | None = _doc(
        "CA certificate to verify the SMTP server with; empty: the system's CAs.", None
    )
    smtp_timeout_s: int = _doc("Give up one SMTP attempt after this many seconds.", 30)
    receipt_timeout_s: int = _doc(
        "Wait this long for the printer to finish a receipt before offering the QR instead.", 20
    )
    receipt_max_age_s: int = _doc(
        "A receipt still unprinted this many seconds after it was asked for is dropped.", 300
    )


@dataclass(frozen=True)
class UiSettings:
    fullscreen: bool = _doc("Frameless full screen, for the kiosk itself.", False)
    width: int = _doc("Window width in pixels when not full screen.", 1280)
    height: int = _doc("Window height in pixels when not full screen.", 800)


@dataclass(frozen=True)
class Settings:
    hub: HubSettings = _doc("Identity of the hub.")
    bays: tuple[BaySettings, ...] = _doc("The bays this kiosk serves, one [[bays]] table each.")
    seller: SellerSettings = _doc("Operator details for invoices.", default_factory=SellerSettings)
    broker: BrokerSettings = _doc("MQTT broker the chargers use.", default_factory=BrokerSettings)
    payments: PaymentSettings = _doc("How drivers pay.", default_factory=PaymentSettings)
    devices: DeviceSettings = _doc(
        "Card readers and the receipt printer.", default_factory=DeviceSettings
    )
    ui: UiSettings = _doc("The touchscreen window.", default_factory=UiSettings)
    invoicing: InvoicingSettings = _doc(
        "Invoices: numbers, download portal, e-mail, paper receipts.",
        default_factory=InvoicingSettings,
    )
    data_dir: Path = _doc("Folder for the database and generated files.", Path("data"))
    database_url: str = _doc(
        "SQLAlchemy URL; empty means SQLite `kiosk.sqlite` in data_dir. "
        "Use postgresql+psycopg://… for several screens or a fleet.",
        "",
    )
    source: Path | None = field(default=None, metadata={"doc": "", "internal": True})
    #: Every configured tariff file, parsed and validated when the config is loaded.
    tariffs: dict[Path, LoadedTariff] = field(
        default_factory=dict, metadata={"doc": "", "internal": True}, compare=False
    )

    def tariff_for(self, bay: BaySettings, *, member: bool) -> LoadedTariff | None:
        """The bay's tariff for members (RFID accounts) or for ad-hoc payment."""
        path = (bay.member_tariff or bay.tariff) if member else bay.tariff
        return self.tariffs.get(path) if path is not None else None

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'kiosk.sqlite').resolve()}"


# --- loading -------------------------------------------------------------------------------


def load(path: Path) -> Settings:
    """Read and validate a kiosk.toml; relative paths are resolved against its folder."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return from_table(table, base=path.parent.resolve(), name=str(path))


def from_table(table: dict[str, Any], *, base: Path, name: str = "kiosk.toml") -> Settings:
    _refuse_secrets(table, "", name)
    settings = _build(Settings, table, "", _Ctx(base=base, name=name))
    _check_cross_fields(settings, name)
    return dataclasses.replace(settings, source=Path(name), tariffs=_load_tariffs(settings, name))


def _load_tariffs(s: Settings, name: str) -> dict[Path, LoadedTariff]:
    tariffs: dict[Path, LoadedTariff] = {}
    for i, bay in enumerate(s.bays):
        for attr in ("tariff", "member_tariff"):
            path = getattr(bay, attr)
            if path is None or path in tariffs:
                continue
            try:
                raw = path.read_bytes()
                tariff = load_tariff(raw)
                text = raw.decode("utf-8")
            except (TariffError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{name}: bays[{i}].{attr}: {path}: {exc}") from None
            if tariff.currency != s.hub.currency:
                raise ConfigError(
                    f"{name}: bays[{i}].{attr}: {path}: currency {tariff.currency} differs "
                    f"from hub.currency {s.hub.currency}"
                )
            digest = hashlib.sha256(raw).hexdigest()[:12]
            tariffs[path] = LoadedTariff(tariff, text, f"{tariff.id}@{digest}")
    return tariffs


def _refuse_secrets(value: Any, prefix: str, name: str) -> None:
    """Anywhere in the file, a key that looks like a secret is an error (it must not be here)."""
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, inner in items:
        dotted = (
            f"{prefix}[{key}]" if isinstance(key, int) else f"{prefix}{'.' if prefix else ''}{key}"
        )
        if isinstance(key, str) and any(word in key.lower() for word in _SECRET_WORDS):
            raise ConfigError(
                f"{name}: {dotted}: secrets do not belong in the config file; provide them as a "
                "credential (environment variable KIOSK_<NAME> or a credential file)"
            )
        _refuse_secrets(inner, dotted, name)


@dataclass(frozen=True)
class _Ctx:
    base: Path
    name: str

    def fail(self, key: str, value: Any, expected: str) -> typing.NoReturn:
        shown = repr(value) if not isinstance(value, dict) else "a table"
        raise ConfigError(f"{self.name}: {key} = {shown}: expected {expected}")


def _build(cls: type[Any], table: Any, prefix: str, ctx: _Ctx) -> Any:
    if not isinstance(table, dict):
        ctx.fail(prefix or "(top level)", table, "a table")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    for key in table:
        dotted = f"{prefix}{key}"
        if key not in fields:
            known = ", ".join(sorted(fields))
            raise ConfigError(f"{ctx.name}: {dotted}: unknown key (known here: {known})")
    values = {}
    for name, f in fields.items():
        dotted = f"{prefix}{name}"
        if name in table:
            values[name] = _convert(hints[name], table[name], dotted, ctx)
        elif isinstance(f.default, Path):  # defaults are relative to the config file too
            values[name] = ctx.base / f.default
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ConfigError(f"{ctx.name}: {dotted}: required key is missing ({_doc_of(f)})")
    return cls(**values)


def _doc_of(f: dataclasses.Field[Any]) -> str:
    return str(f.metadata.get("doc", "")).rstrip(".")


def _convert(tp: Any, value: Any, key: str, ctx: _Ctx) -> Any:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if value in ("", None):
            return None
        return _convert(inner[0], value, key, ctx)
    if origin is Literal:
        choices = typing.get_args(tp)
        if value not in choices:
            ctx.fail(key, value, "one of " + ", ".join(repr(c) for c in choices))
        return value
    if origin is tuple:
        (item,) = typing.get_args(tp)[:1]
        if not isinstance(value, list):
            ctx.fail(key, value, "a list")
        return tuple(_convert(item, v, f"{key}[{i}]", ctx) for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp):
        return _build(tp, value, f"{key}.", ctx)
    if tp is bool:
        if not isinstance(value, bool):
            ctx.fail(key, value, "true or false")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.fail(key, value, "a whole number")
        return value
    if tp is str:
        if not isinstance(value, str):
            ctx.fail(key, value, "a string")
        return value
    if tp is Decimal:
        if isinstance(value, float):
            # TOML floats arrive as binary floats; their shortest repr is what the operator wrote.
            value = repr(value)
        try:
            result = parse_decimal(value)
        except ValueError:
            ctx.fail(key, value, "a decimal number")
        if result < 0:
            ctx.fail(key, value, "a number that is not negative")
        return result
    if tp is Path:
        if not isinstance(value, str) or not value:
            ctx.fail(key, value, "a file or folder path")
        path = Path(value).expanduser()
        return path if path.is_absolute() else (ctx.base / path)
    raise TypeError(f"no converter for {tp!r} at {key}")  # a programming error, not the user's


def _check_cross_fields(s: Settings, name: str) -> None:
    def fail(key: str, value: Any, expected: str) -> typing.NoReturn:
        raise ConfigError(f"{name}: {key} = {value!r}: expected {expected}")

    if not _ID.match(s.hub.id):
        fail("hub.id", s.hub.id, "letters, digits, '-', '_' or '.', at most 64 characters")
    try:
        zoneinfo.ZoneInfo(s.hub.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fail("hub.timezone", s.hub.timezone, "an IANA time zone such as 'Europe/Berlin'")
    if not re.fullmatch(r"[A-Z]{3}", s.hub.currency):
        fail("hub.currency", s.hub.currency, "an ISO 4217 code such as 'EUR'")
    if not s.hub.languages:
        fail("hub.languages", [], "at least one language")
    if not s.bays:
        fail("bays", [], "at least one [[bays]] table")
    seen: set[str] = set()
    for i, bay in enumerate(s.bays):
        if not _ID.match(bay.id):
            fail(f"bays[{i}].id", bay.id, "letters, digits, '-', '_' or '.'")
        if bay.id in seen:
            fail(f"bays[{i}].id", bay.id, "an id not used by another bay")
        seen.add(bay.id)
        if bay.dialect != "native" and not bay.mqtt_base:
            fail(f"bays[{i}].mqtt_base", "", f"the charger's topic base for dialect {bay.dialect}")
        if bay.max_power_kw <= 0:
            fail(f"bays[{i}].max_power_kw", str(bay.max_power_kw), "a power above 0 kW")
        for attr in ("tariff", "member_tariff"):
            path = getattr(bay, attr)
            if path is not None and not path.is_file():
                fail(f"bays[{i}].{attr}", str(path), "an existing OCPI tariff JSON file")
        if bay.meter_public_key or bay.meter_serial:
            _check_meter(f"bays[{i}]", bay, fail)
    if not 0 < s.broker.port < 65536:
        fail("broker.port", s.broker.port, "a TCP port between 1 and 65535")
    for key in ("session_expiry_s", "offline_after_s", "command_timeout_s", "command_retries"):
        if getattr(s.broker, key) < 1:
            fail(f"broker.{key}", getattr(s.broker, key), "a whole number of at least 1")
    if s.broker.tls and s.broker.ca_file is None:
        fail("broker.ca_file", None, "a CA certificate file when broker.tls = true")
    if s.ui.width < 320 or s.ui.height < 320:
        fail("ui.width/ui.height", f"{s.ui.width}x{s.ui.height}", "at least 320x320 pixels")
    for i, uri in enumerate(s.devices.card_readers):
        _check_uri(f"devices.card_readers[{i}]", uri, reader=True, fail=fail)
    if s.devices.printer:
        _check_uri("devices.printer", s.devices.printer, reader=False, fail=fail)
    if s.payments.provider == "stripe" and not s.payments.reader_id:
        fail(
            "payments.reader_id",
            "",
            "the Stripe Terminal reader id (tmr_…) when provider = 'stripe'",
        )
    if s.payments.preauth_amount <= 0:
        fail("payments.preauth_amount", str(s.payments.preauth_amount), "an amount above 0")
    if not s.payments.webhook_path.startswith("/"):
        fail("payments.webhook_path", s.payments.webhook_path, "a path starting with '/'")
    if not 0 <= s.payments.webhook_port < 65536:
        fail("payments.webhook_port", s.payments.webhook_port, "a TCP port (0: any free one)")
    _check_invoicing(s, fail)


def _check_invoicing(s: Settings, fail: Any) -> None:
    inv = s.invoicing
    rule = "1-24 letters, digits, '.', '_', '/' or '-', starting and ending with a letter or digit"
    for key, value in (
        ("series", inv.series or s.hub.id.upper()),
        ("credit_note_series", inv.credit_note_series),
    ):
        try:
            if value:
                InvoiceNumber(value, 1)
        except InvoiceError:
            shown = getattr(inv, key)
            fail(f"invoicing.{key}", shown, rule + ("" if shown else " (hub.id is not one)"))
    if s.seller.country and not re.fullmatch(r"[A-Z]{2}", s.seller.country):
        fail("seller.country", s.seller.country, "an ISO 3166-1 alpha-2 code such as 'DE'")
    if inv.language and inv.language not in ("en", "de", "fr", "nl"):
        fail("invoicing.language", inv.language, "one of 'en', 'de', 'fr', 'nl'")
    if inv.public_base_url:
        parts = urlsplit(inv.public_base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            fail("invoicing.public_base_url", inv.public_base_url, "http(s)://host[/path]")
    for key in ("portal_port", "smtp_port"):
        if not 0 < getattr(inv, key) < 65536:
            fail(f"invoicing.{key}", getattr(inv, key), "a TCP port between 1 and 65535")
    for key in ("rate_limit_requests", "rate_limit_s", "smtp_timeout_s"):
        if getattr(inv, key) < 1:
            fail(f"invoicing.{key}", getattr(inv, key), "a whole number of at least 1")
    if not 1 <= inv.link_days <= 3650:
        fail("invoicing.link_days", inv.link_days, "between 1 and 3650 days")
    if not 1 <= inv.receipt_timeout_s <= inv.receipt_max_age_s:
        fail(
            "invoicing.receipt_timeout_s",
            inv.receipt_timeout_s,
            "at least 1 and at most invoicing.receipt_max_age_s",
        )
    if inv.smtp_host and not inv.smtp_sender:
        fail("invoicing.smtp_sender", "", "the From: address when invoicing.smtp_host is set")
    if inv.smtp_ca_file is not None and not inv.smtp_ca_file.is_file():
        fail("invoicing.smtp_ca_file", str(inv.smtp_ca_file), "an existing CA certificate file")


def _check_meter(key: str, bay: BaySettings, fail: Any) -> None:
    from kiosk.adapters.invoicing.ocmf import key_problem  # pyocmf: only when a key is set

    text = bay.meter_public_key
    if not text:
        fail(f"{key}.meter_public_key", "", "the meter's public key when meter_serial is set")
    problem = key_problem(text)
    if problem is not None:
        shown = text if len(text) <= 40 else text[:36] + "..."
        fail(f"{key}.meter_public_key", shown, f"a public key as hex, base64 or PEM ({problem})")
    serial = bay.meter_serial
    if serial and (serial != serial.strip() or not serial.isprintable() or len(serial) > 64):
        fail(f"{key}.meter_serial", serial, "the meter serial as its signed data states it")


def _check_uri(key: str, uri: str, *, reader: bool, fail: Any) -> None:
    from hw_drivers.registry import printer_class, reader_class
    from hw_drivers.uri import DeviceUri, UriError

    try:
        (reader_class if reader else printer_class)(DeviceUri.parse(uri))
    except UriError as exc:
        fail(key, uri, f"a {'card reader' if reader else 'printer'} URI ({exc})")


def describe() -> list[tuple[str, str, str, str]]:
    """(key, type, default, description) for every key, for `kiosk config keys` and the docs."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(cls: type[Any], prefix: str) -> None:
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            tp = hints[f.name]
            args = typing.get_args(tp)
            if typing.get_origin(tp) is tuple and args and dataclasses.is_dataclass(args[0]):
                walk(args[0], f"{prefix}{f.name}[].")
                continue
            if dataclasses.is_dataclass(tp):
                walk(tp, f"{prefix}{f.name}.")  # type: ignore[arg-type]
                continue
            if f.default is not dataclasses.MISSING:
                default = repr(f.default)
            elif f.default_factory is not dataclasses.MISSING:
                default = repr(f.default_factory())
            else:
                default = "(required)"
            rows.append((prefix + f.name, _type_name(tp), default, _doc_of(f)))

    walk(Settings, "")
    return rows


def _type_name(tp: Any) -> str:
    if isinstance(tp, type):
        return tp.__name__
    return str(tp).replace("typing.", "").replace("pathlib.", "").replace("decimal.", "")
