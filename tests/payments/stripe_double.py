"""A Stripe-compatible test server in front of localstripe: it serves what localstripe lacks
(Terminal readers, incremental authorisation, Checkout Sessions) after Stripe's API reference,
proxies everything else, and can lose answers on purpose to test retries."""

from __future__ import annotations

import http.client
import json
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.payments.stripe_double_checkout import CheckoutDouble
from tests.payments.stripe_double_terminal import TerminalDouble


class ApiError(Exception):
    """Answered as Stripe's error object: {"error": {"type", "code", "message", …}}."""

    def __init__(self, status: int, kind: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": kind, "message": message, **extra}}


def decode_form(text: str) -> dict[str, Any]:
    """`a[b][0][c]=v` (how stripe-python encodes parameters) into nested dicts and lists."""
    root: dict[str, Any] = {}
    for name, value in parse_qsl(text, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", name)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def random_id(prefix: str) -> str:
    return prefix + secrets.token_hex(8)


@dataclass
class Seen:
    method: str
    path: str
    idempotency_key: str | None
    from_stripe_python: bool
    body: dict[str, Any]  # kept for stripe-python's requests only (the kiosk never sends cards)


@dataclass
class Fault:
    method: str
    pattern: str
    after_forwarding: bool  # True: Stripe did the work, only the answer is lost
    skip: int = 0  # matching requests to let through first


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, Any]
    body: dict[str, Any]
    raw_body: bytes
    raw_query: str = ""
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[Request, re.Match[str]], Any]


class StripeDouble:
    """Start with `start()`; `url` is what `api_base` points at; `reset()` between tests."""

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.lock = threading.RLock()
        self.terminal = TerminalDouble(self)
        self.checkout = CheckoutDouble(self)
        self.seen: list[Seen] = []
        self._faults: list[Fault] = []
        self.card_present: dict[str, dict[str, Any]] = {}  # pm or pi id -> card_present details
        self._routes: list[tuple[str, re.Pattern[str], Route]] = [
            *self.terminal.routes(),
            *self.checkout.routes(),
            ("GET", re.compile(r"/v1/payment_intents"), self._list_intents),
        ]
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- life ------------------------------------------------------------------------------

    def start(self) -> None:
        double = self

        class Handler(_Handler):
            owner = double

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="stripe-double")
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(10)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def reset(self) -> None:
        with self.lock:
            self.terminal.reset()
            self.checkout.reset()
            self.seen.clear()
            self._faults.clear()
            self.card_present.clear()

    def requests(self, method: str, pattern: str) -> list[Seen]:
        """The kiosk's requests (stripe-python) that matched."""
        with self.lock:
            return [
                s
                for s in self.seen
                if s.from_stripe_python and s.method == method and re.fullmatch(pattern, s.path)
            ]

    def lose_answer(
        self, method: str, pattern: str, *, after_forwarding: bool = True, skip: int = 0
    ) -> None:
        """A matching request (after `skip` others) gets no answer, the connection drops: with
        `after_forwarding` the work was done, as when a response is lost on the way back."""
        with self.lock:
            self._faults.append(Fault(method, pattern, after_forwarding, skip))

    def _fault_for(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self._faults:
                if fault.method == method and re.fullmatch(fault.pattern, path):
                    if fault.skip > 0:
                        fault.skip -= 1
                        continue
                    self._faults.remove(fault)
                    return fault
        return None

    # --- upstream --------------------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        auth: str,
        body: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
    ) -> tuple[int, Any]:
        """A JSON request to localstripe (it reads JSON bodies, so ints stay ints)."""
        if query:
            path += "?" + urlencode(query)
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": auth}
        if data is not None:
            headers["Content-Type"] = "application/json"
        return self._send(method, path, data, headers)

    def _send(
        self, method: str, path: str, data: bytes | None, headers: dict[str, str]
    ) -> tuple[int, Any]:
        host, port = self.upstream.hostname or "127.0.0.1", self.upstream.port or 80
        conn = http.client.HTTPConnection(host, port, timeout=20)
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            raw = response.read()
        finally:
            conn.close()
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, raw.decode("utf-8", "replace")

    def must(self, method: str, path: str, auth: str, body: dict[str, Any] | None = None) -> Any:
        status, answer = self.call(method, path, auth, body)
        if status >= 400:
            error = answer.get("error", {}) if isinstance(answer, dict) else {}
            raise ApiError(status, error.get("type", "api_error"), error.get("message", ""))
        return answer

    def intent(self, auth: str, ref: str) -> dict[str, Any]:
        status, found = self.call(
            "GET", f"/v1/payment_intents/{ref}", auth, query={"expand[0]": "latest_charge"}
        )
        if status == 404:
            raise ApiError(
                404, "invalid_request_error", f"No such payment_intent: '{ref}'",
                code="resource_missing", param="intent",
            )  # fmt: skip
        return self.dress(found)

    # --- what localstripe lacks in its objects -----------------------------------------------

    def dress(self, value: Any) -> Any:
        """Card-present payments look as Stripe shows them: `card_present` payment methods and
        `payment_method_details` on their charges (localstripe knows only `card`)."""
        if isinstance(value, list):
            return [self.dress(v) for v in value]
        if not isinstance(value, dict):
            return value
        value = {k: self.dress(v) for k, v in value.items()}
        with self.lock:
            if value.get("object") == "payment_method" and value.get("id") in self.card_present:
                value["type"] = "card_present"
                value["card_present"] = dict(self.card_present[value["id"]])
                value.pop("card", None)
            if value.get("object") == "charge" and value.get("payment_intent") in self.card_present:
                details = dict(self.card_present[value["payment_intent"]])
                value["payment_method_details"] = {"type": "card_present", "card_present": details}
            if value.get("object") == "payment_intent" and value.get("id") in self.card_present:
                value["payment_method_types"] = ["card_present"]
        return value

    def _list_intents(self, request: Request, _match: re.Match[str]) -> Any:
        """localstripe cannot filter intents by customer; Stripe can."""
        query = dict(request.query)
        customer = query.pop("customer", None)
        query["limit"] = "100"
        status, listed = self.call(
            "GET", "/v1/payment_intents", request.headers["authorization"], query=query
        )
        if status >= 400 or customer is None:
            return self.dress(listed)
        listed["data"] = [i for i in listed["data"] if i.get("customer") == customer]
        return self.dress(listed)

    # --- dispatch ----------------------------------------------------------------------------

    def handle(self, request: Request) -> tuple[int, Any] | None:
        """Status and JSON body, or None to drop the connection without an answer."""
        kiosk = "PythonBindings" in request.headers.get("user-agent", "")
        with self.lock:
            self.seen.append(
                Seen(
                    request.method,
                    request.path,
                    request.headers.get("idempotency-key"),
                    kiosk,
                    request.body if kiosk else {},
                )
            )
        fault = self._fault_for(request.method, request.path)
        if fault is not None and not fault.after_forwarding:
            return None
        answer = self._answer(request)
        return None if fault is not None else answer

    def _answer(self, request: Request) -> tuple[int, Any]:
        auth = request.headers.get("authorization", "")
        if not request.path.startswith("/_") and not auth.startswith("Bearer sk_"):
            return 401, ApiError(401, "invalid_request_error", "Invalid API Key provided").body
        for method, pattern, route in self._routes:
            match = pattern.fullmatch(request.path)
            if method == request.method and match:
                try:
                    return 200, route(request, match)
                except ApiError as exc:
                    return exc.status, exc.body
        target = request.path + ("?" + request.raw_query if request.raw_query else "")
        headers = {
            k: v
            for k, v in request.headers.items()
            if k in ("authorization", "content-type", "idempotency-key", "stripe-version")
        }
        status, answer = self._send(request.method, target, request.raw_body or None, headers)
        return status, self.dress(answer)


class _Handler(BaseHTTPRequestHandler):
    owner: StripeDouble
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests carry card numbers (test helpers): log nothing

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type", "")
        if "json" in content_type:
            body = json.loads(raw or b"{}")
        else:
            body = decode_form(raw.decode("utf-8"))
        request = Request(
            self.command,
            parts.path,
            decode_form(parts.query),
            body,
            raw,
            parts.query,
            {k.lower(): v for k, v in self.headers.items()},
        )
        result = self.owner.handle(request)
        if result is None:
            self.close_connection = True
            return
        status, answer = result
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", random_id("req_"))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _serve
