"""Real components for the invoicing tests: poppler and zxing-cpp to read PDFs back, an aiosmtpd
server with STARTTLS and AUTH, a loopback ESC/POS printer. A missing one fails, never skips."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.services import free_port, require_binary


def _require(module: str, install: str) -> Any:
    try:
        return __import__(module)
    except ImportError:
        pytest.fail(f"{module} is missing: {install}", pytrace=False)


class PdfReader:
    """Reads a PDF the way a person would: its text (pdftotext) and its QR codes (pdftoppm)."""

    def __init__(self, folder: Path) -> None:
        self.pdftotext = require_binary("pdftotext", "poppler-utils")
        self.pdftoppm = require_binary("pdftoppm", "poppler-utils")
        self.pdffonts = require_binary("pdffonts", "poppler-utils")
        self.folder = folder
        self._count = 0

    def _file(self, data: bytes) -> Path:
        self._count += 1
        path = self.folder / f"doc{self._count}.pdf"
        path.write_bytes(data)
        return path

    def text(self, data: bytes, *, layout: bool = True) -> str:
        args = [self.pdftotext, *(["-layout"] if layout else []), str(self._file(data)), "-"]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    def fonts(self, data: bytes) -> str:
        args = [self.pdffonts, str(self._file(data))]
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout

    def qr_codes(self, data: bytes, dpi: int = 150) -> list[str]:
        zxingcpp = _require("zxingcpp", "pip install 'zxing-cpp>=3.1'")
        from PIL import Image

        path = self._file(data)
        prefix = self.folder / path.stem
        subprocess.run([self.pdftoppm, "-r", str(dpi), "-png", str(path), str(prefix)], check=True)
        found: list[str] = []
        for page in sorted(self.folder.glob(f"{path.stem}-*.png")):
            with Image.open(page) as image:
                found += [r.text for r in zxingcpp.read_barcodes(image.convert("L"))]
        return found


@pytest.fixture
def pdf_reader(tmp_path: Path) -> PdfReader:
    return PdfReader(tmp_path)


# -- SMTP ----------------------------------------------------------------------------------


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, made here so nothing is shared or stale."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp.crt", folder / "smtp.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    login: str | None
    tls: bool


@dataclass
class SmtpServer:
    host: str
    port: int
    client_tls: ssl.SSLContext
    user: str = "kiosk"
    password: str = "s3cret-smtp"
    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered with 550
    defer: set[str] = field(default_factory=set)  # recipients answered with 450
    logins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected"
        if address in self.server.defer:
            return f"450 4.2.0 <{address}>: Mailbox busy"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data.decode() if isinstance(session.auth_data, bytes) else None
        with self.server.lock:
            self.server.messages.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    bytes(envelope.original_content or envelope.content),
                    login,
                    session.ssl is not None,
                )
            )
        return "250 Message accepted for delivery"


def _start_smtp(tmp_path: Path, *, starttls: bool) -> tuple[Any, SmtpServer]:
    _require("aiosmtpd", "pip install 'aiosmtpd>=1.4'")
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = self_signed_certificate(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    state = SmtpServer("127.0.0.1", free_port(), ssl.create_default_context(cafile=str(cert)))

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == state.user
            and auth_data.password.decode() == state.password
        )
        if ok:
            state.logins.append(state.user)
        # handled=False: aiosmtpd itself answers 235 or 535 (True would leave the client waiting)
        return AuthResult(success=ok, handled=False, auth_data=auth_data.login if ok else None)

    options: dict[str, Any] = {"authenticator": authenticator}
    if starttls:
        options |= {"tls_context": server_tls, "require_starttls": True, "auth_required": True}
    else:  # it would take a password in the clear: the mailer must never offer one
        options |= {"auth_require_tls": False}
    controller = Controller(_Handler(state), hostname=state.host, port=state.port, **options)
    controller.start()
    return controller, state


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    controller, state = _start_smtp(tmp_path, starttls=True)
    yield state
    controller.stop()


@pytest.fixture
def plain_smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    """A server that offers no STARTTLS: the mailer must refuse to send credentials to it."""
    controller, state = _start_smtp(tmp_path, starttls=False)
    yield state
    controller.stop()


# -- printer -------------------------------------------------------------------------------


@pytest.fixture
def loopback_printer() -> Iterator[Any]:
    _require("escpos", "pip install 'python-escpos>=3.1'")
    from tests.hw.escpos_printer import LoopbackPrinter

    printer = LoopbackPrinter()
    yield printer
    printer.close()
