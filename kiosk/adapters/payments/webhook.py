"""The optional Stripe webhook endpoint: a small HTTP server on its own thread that checks each
request's signature and asks the engine to look the named payment up at once.

The kiosk works by polling without it; a webhook only makes the kiosk notice sooner what
happened outside it (a hold cancelled or lapsed, a refund made in the dashboard, a QR page paid
or expired). The body is never trusted for money: it only says which payment to look up.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kiosk.adapters.payments.stripe_checkout import WebhookRejected, verify_webhook
from kiosk.credentials import Secret
from kiosk.engine.events import Event, PaymentNotified

log = logging.getLogger(__name__)

#: The events that may change what the kiosk knows of a payment; others are acknowledged only.
RELEVANT = frozenset(
    {
        "checkout.session.completed",
        "checkout.session.expired",
        "payment_intent.canceled",
        "payment_intent.amount_capturable_updated",
        "charge.refunded",
    }
)
#: Stripe's events are a few kilobytes; anything far larger is not one.
MAX_BODY = 256 * 1024


class WebhookServer:
    """`start` binds and serves on a thread named `stripe-webhook`; `stop` shuts it down.

    Answers: 200 for a verified event (relevant or not), 400 for a bad or old signature or a
    body that is not an event, 404 for another path, 411/413 for a missing or huge body.
    """

    def __init__(
        self,
        *,
        bind: str,
        port: int,
        path: str,
        secret: Secret,
        post: Callable[[Event], None],
        tolerance_s: int = 300,
    ) -> None:
        self._bind, self._port, self.path = bind, port, path
        self._secret = secret
        self._post = post
        self._tolerance_s = tolerance_s
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.accepted = 0  # verified events (for `kiosk doctor` and tests)
        self.rejected = 0  # bad signatures, stale or malformed bodies

    @property
    def port(self) -> int:
        """The bound port (useful when configured as 0)."""
        if self._server is None:
            raise RuntimeError("webhook server not started")
        return int(self._server.server_address[1])

    def start(self) -> WebhookServer:
        handler = type("WebhookHandler", (_Handler,), {"owner": self})
        self._server = ThreadingHTTPServer((self._bind, self._port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="stripe-webhook", daemon=True
        )
        self._thread.start()
        log.info("stripe webhook listening on %s:%d%s", self._bind, self.port, self.path)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def receive(self, body: bytes, signature: str | None) -> int:
        """Check one request; post what it names; the HTTP status to answer."""
        try:
            event = verify_webhook(body, signature, self._secret, tolerance_s=self._tolerance_s)
        except WebhookRejected as exc:
            with self._lock:
                self.rejected += 1
            log.warning("stripe webhook rejected: %s", exc)
            return 400
        with self._lock:
            self.accepted += 1
        if event.type in RELEVANT and (event.object_id or event.payment_intent):
            log.info("stripe webhook %s %s object=%s", event.id, event.type, event.object_id)
            self._post(PaymentNotified(event.type, event.object_id, event.payment_intent))
        return 200


class _Handler(BaseHTTPRequestHandler):
    owner: WebhookServer

    def do_POST(self) -> None:
        if self.path.split("?", 1)[0] != self.owner.path:
            self._answer(404)
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._answer(411)
            return
        if int(length) > MAX_BODY:
            self._answer(413)
            return
        body = self.rfile.read(int(length))
        self._answer(self.owner.receive(body, self.headers.get("Stripe-Signature")))

    def do_GET(self) -> None:
        self._answer(405)

    def _answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # every request is logged by `receive`, without its body
