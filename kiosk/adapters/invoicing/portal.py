"""The invoice download portal: HMAC-signed expiring links and the small HTTP server behind them."""

# A link is <public base URL>/i/<token>; the token is base64url of
#   version (1 byte) | expiry (4 bytes, Unix seconds) | invoice number (UTF-8) | tag (16 bytes)
# where tag = HMAC-SHA256(key, "evhub-invoice-link\0" + the bytes before it), cut to 128 bits.
# Without the key a token can be neither forged nor altered; an expired, altered or unknown one
# gets the same bare 404 as a path that never existed. The token is a bearer credential: it is
# never logged. Behind a reverse proxy, list the proxy in `trusted_proxies` so that rate limits
# count the driver's address (from X-Forwarded-For), not the proxy's.

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.adapters.invoicing.ocmf import SignedRecords, transparency_xml
from kiosk.credentials import ensure_key

log = logging.getLogger(__name__)

KEY_NAME = "invoice_link_key"  # the credential holding the HMAC key
_VERSION = 1
_TAG = 16
_CONTEXT = b"evhub-invoice-link\0"
_PATH = re.compile(r"^/i/([A-Za-z0-9_-]{16,200})(/ocmf)?$")

PdfSource = Callable[[str], bytes | None]  # invoice number → PDF bytes, None if unknown
OcmfSource = Callable[[str], SignedRecords | None]


def portal_key(credentials_dir: Path) -> bytes:
    """The link key from the credentials (created once if missing; kiosks of a hub share it)."""
    return ensure_key(KEY_NAME, credentials_dir=credentials_dir).value.encode()


class InvoiceLinks:
    """Makes and checks the signed links; needs no server, so settling can print the link."""

    def __init__(self, *, key: bytes, base_url: str) -> None:
        if len(key) < 16:
            raise ValueError("the link key must have at least 128 bits")
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError(f"public base URL must be http(s)://host[/path], not {base_url!r}")
        self._key = key
        self.base_url = base_url.rstrip("/")

    def token_for(self, number: str, expires_at: datetime) -> str:
        encoded = number.encode()
        if not 1 <= len(encoded) <= 64:
            raise ValueError("an invoice number has 1 to 64 bytes")
        expiry = int(expires_at.timestamp())
        if not 0 < expiry < 2**32:
            raise ValueError(f"a link cannot expire at {expires_at}")
        body = struct.pack(">BI", _VERSION, expiry) + encoded
        return base64.urlsafe_b64encode(body + self._tag(body)).rstrip(b"=").decode()

    def link_for(self, number: str, expires_at: datetime) -> str:
        return f"{self.base_url}/i/{self.token_for(number, expires_at)}"

    def ocmf_link_for(self, number: str, expires_at: datetime) -> str:
        return self.link_for(number, expires_at) + "/ocmf"

    def number_for(self, token: str, now: datetime) -> str | None:
        """The invoice number a genuine, unexpired token stands for; None otherwise."""
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except ValueError:
            return None
        body, tag = raw[:-_TAG], raw[-_TAG:]
        if len(body) < 6 or not hmac.compare_digest(tag, self._tag(body)):
            return None
        version, expiry = struct.unpack(">BI", body[:5])
        if version != _VERSION or expiry <= now.timestamp():
            return None
        try:
            return body[5:].decode()
        except UnicodeDecodeError:
            return None

    def _tag(self, body: bytes) -> bytes:
        return hmac.new(self._key, _CONTEXT + body, hashlib.sha256).digest()[:_TAG]


@dataclass(frozen=True, slots=True)
class RateLimit:
    """At most `requests` per `per_seconds` from one address (a token bucket); 429 beyond."""

    requests: int = 30
    per_seconds: float = 60.0


class _Buckets:
    _MAX_ADDRESSES = 10_000

    def __init__(self, limit: RateLimit, monotonic: Callable[[], float]) -> None:
        self._capacity = float(limit.requests)
        self._rate = limit.requests / limit.per_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # address → (tokens, at)

    def allow(self, address: str) -> bool:
        now = self._monotonic()
        with self._lock:
            tokens, at = self._buckets.get(address, (self._capacity, now))
            tokens = min(self._capacity, tokens + (now - at) * self._rate)
            allowed = tokens >= 1
            self._buckets[address] = (tokens - 1 if allowed else tokens, now)
            if len(self._buckets) > self._MAX_ADDRESSES:
                self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        for address, (tokens, at) in list(self._buckets.items()):
            if tokens + (now - at) * self._rate >= self._capacity:
                del self._buckets[address]


class InvoicePortal:
    """Serves `/i/<token>` (the PDF) and `/i/<token>/ocmf` (the Transparenzsoftware file).

    `pdf_for` and `ocmf_for` are called on the portal's request threads and must be safe there.
    """

    def __init__(
        self,
        *,
        public_base_url: str,
        key: bytes,
        pdf_for: PdfSource,
        ocmf_for: OcmfSource | None = None,
        bind: str = "127.0.0.1",
        port: int = 0,
        rate_limit: RateLimit = RateLimit(),
        trusted_proxies: Iterable[str] = (),
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.links = InvoiceLinks(key=key, base_url=public_base_url)
        self.pdf_for = pdf_for
        self.ocmf_for = ocmf_for
        self.clock = clock
        self.trusted_proxies = frozenset(trusted_proxies)
        self.limits = _Buckets(rate_limit, monotonic)
        self._bind = (bind, port)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def link_for(self, number: str, expires_at: datetime) -> str:
        return self.links.link_for(number, expires_at)

    def ocmf_link_for(self, number: str, expires_at: datetime) -> str:
        return self.links.ocmf_link_for(number, expires_at)

    @property
    def address(self) -> tuple[str, int]:
        if self._server is None:
            raise RuntimeError("the portal is not running")
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> None:
        if self._server is not None:
            return
        server = _Server(self._bind, _Handler)
        server.portal = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="invoice-portal"
        )
        self._thread.start()
        log.info("invoice portal listening on %s:%d", *self.address)

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(5)
        self._server = self._thread = None

    def __enter__(self) -> InvoicePortal:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    portal: InvoicePortal


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 10  # a slow or idle client cannot hold a thread for long
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        return "invoice-portal"

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, *, body: bool) -> None:
        portal = self.server.portal
        if not portal.limits.allow(self._client()):
            self._plain(429, "Too Many Requests", body, {"Retry-After": "60"})
            return
        match = _PATH.match(self.path.split("?", 1)[0])
        number = portal.links.number_for(match.group(1), portal.clock()) if match else None
        if match is None or number is None:
            self._plain(404, "Not Found", body)
            return
        try:
            if match.group(2):
                records = portal.ocmf_for(number) if portal.ocmf_for else None
                data = None if records is None else transparency_xml(records)
                kind, disposition = "application/xml", f'attachment; filename="{number}-ocmf.xml"'
            else:
                data = portal.pdf_for(number)
                kind, disposition = "application/pdf", f'inline; filename="{number}.pdf"'
        except Exception as exc:  # the caller's store failed: say nothing about it outside
            log.error("invoice portal source failed: %s", type(exc).__name__)
            self._plain(500, "Internal Server Error", body)
            return
        if data is None:
            self._plain(404, "Not Found", body)
            return
        headers = {"Content-Disposition": disposition, "Cache-Control": "private, no-store"}
        self._send(200, kind, data, body, headers)

    def _client(self) -> str:
        peer = str(self.client_address[0])
        trusted = self.server.portal.trusted_proxies
        if peer not in trusted:
            return peer
        hops = [h.strip() for h in self.headers.get("X-Forwarded-For", "").split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in trusted:
                return hop
        return peer

    def _plain(
        self, status: int, text: str, body: bool, extra: dict[str, str] | None = None
    ) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode() + b"\n", body, extra or {})

    def _send(self, status: int, kind: str, data: bytes, body: bool, extra: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Robots-Tag", "noindex")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed requests and unknown methods: the same bare answer, no server details.
        self.close_connection = True
        status = HTTPStatus.NOT_FOUND if code in (405, 501) else HTTPStatus(code)
        self._plain(status, status.phrase, True, {"Connection": "close"})

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the default logs the path, and the path holds the token

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("invoice portal %s status=%s", self.command, code)
