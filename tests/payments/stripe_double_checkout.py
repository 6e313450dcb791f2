"""Checkout Sessions for the Stripe test server (localstripe has none), after Stripe's API
reference: create, retrieve, expire, plus a test-only route that plays the driver's phone paying
the page with a card; the PaymentIntent it makes lives in localstripe."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.payments.stripe_double import Request, Route, StripeDouble

MIN_LIFETIME_S = 30 * 60
MAX_LIFETIME_S = 24 * 60 * 60


class CheckoutDouble:
    def __init__(self, owner: StripeDouble) -> None:
        self.owner = owner
        self.sessions: dict[str, dict[str, Any]] = {}

    def reset(self) -> None:
        self.sessions.clear()

    def routes(self) -> list[tuple[str, re.Pattern[str], Route]]:
        s = r"/v1/checkout/sessions"
        return [
            ("POST", re.compile(s), self._create),
            ("GET", re.compile(s + r"/(?P<id>[^/]+)"), self._retrieve),
            ("POST", re.compile(s + r"/(?P<id>[^/]+)/expire"), self._expire),
            ("POST", re.compile(r"/_test/checkout/(?P<id>[^/]+)/pay"), self._pay),
        ]

    def _invalid(self, message: str, param: str | None = None) -> Exception:
        from tests.payments.stripe_double import ApiError

        extra = {"param": param} if param else {}
        return ApiError(400, "invalid_request_error", message, **extra)

    def _create(self, request: Request, _match: re.Match[str]) -> Any:
        from tests.payments.stripe_double import random_id

        body = request.body
        if body.get("mode") != "payment":
            raise self._invalid("Only `mode=payment` is supported by this test server.", "mode")
        items = body.get("line_items") or []
        if not items:
            raise self._invalid("`line_items` is required in payment mode.", "line_items")
        total, currency = 0, None
        for item in items:
            price = item.get("price_data") or {}
            if not price.get("currency") or "unit_amount" not in price:
                raise self._invalid("Each line item needs price_data.", "line_items")
            total += int(price["unit_amount"]) * int(item.get("quantity", 1))
            currency = price["currency"]
        now = int(time.time())
        expires_at = int(body.get("expires_at") or now + MAX_LIFETIME_S)
        if not now + MIN_LIFETIME_S <= expires_at <= now + MAX_LIFETIME_S:
            raise self._invalid(
                "The `expires_at` timestamp must be between 30 minutes and 24 hours from "
                "Checkout Session creation.",
                "expires_at",
            )
        intent_data = body.get("payment_intent_data") or {}
        capture = intent_data.get("capture_method", "automatic_async")
        if capture not in ("automatic", "automatic_async", "manual"):
            raise self._invalid("Invalid capture_method.", "payment_intent_data[capture_method]")
        page_id = random_id("cs_test_")
        page = {
            "id": page_id,
            "object": "checkout.session",
            "amount_subtotal": total,
            "amount_total": total,
            "client_reference_id": body.get("client_reference_id"),
            "created": now,
            "currency": currency,
            "expires_at": expires_at,
            "livemode": False,
            "metadata": body.get("metadata") or {},
            "mode": "payment",
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": body.get("success_url"),
            "url": f"{self.owner.url}/c/pay/{page_id}",
            "_intent_data": {
                "capture_method": capture,
                "metadata": intent_data.get("metadata") or {},
            },
        }
        with self.owner.lock:
            self.sessions[page_id] = page
        return self._shown(page)

    def _page(self, page_id: str) -> dict[str, Any]:
        from tests.payments.stripe_double import ApiError

        page = self.sessions.get(page_id)
        if page is None:
            raise ApiError(
                404, "invalid_request_error", f"No such checkout.session: '{page_id}'",
                code="resource_missing", param="session",
            )  # fmt: skip
        if page["status"] == "open" and time.time() >= page["expires_at"]:
            page["status"] = "expired"
        return page

    @staticmethod
    def _shown(page: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in page.items() if not k.startswith("_")}

    def _retrieve(self, _request: Request, match: re.Match[str]) -> Any:
        with self.owner.lock:
            return self._shown(self._page(match["id"]))

    def _expire(self, _request: Request, match: re.Match[str]) -> Any:
        with self.owner.lock:
            page = self._page(match["id"])
            if page["status"] != "open":
                raise self._invalid(
                    f"Only Checkout Sessions with a status of `open` can be expired; this one "
                    f"is `{page['status']}`."
                )
            page["status"] = "expired"
            return self._shown(page)

    def _pay(self, request: Request, match: re.Match[str]) -> Any:
        """The phone pays: a card PaymentIntent confirmed in localstripe, held or charged."""
        from tests.payments.stripe_double import ApiError

        auth = request.headers.get("authorization", "")
        with self.owner.lock:
            page = self._page(match["id"])
            if page["status"] != "open":
                raise self._invalid(f"This Checkout Session is {page['status']}.")
        card = {"number": str(request.body["number"]), "exp_month": 12, "exp_year": 2030}
        method = self.owner.must(
            "POST", "/v1/payment_methods", auth, {"type": "card", "card": {**card, "cvc": "123"}}
        )
        data = page["_intent_data"]
        status, intent = self.owner.call(
            "POST",
            "/v1/payment_intents",
            auth,
            {
                "amount": page["amount_total"],
                "currency": page["currency"],
                "payment_method": method["id"],
                "capture_method": data["capture_method"],
                "metadata": data["metadata"],
                "confirm": True,
            },
        )
        if status == 402:  # the page shows the decline; the driver may try another card
            raise ApiError(402, "card_error", "Your card was declined.", code="card_declined")
        if status >= 400:
            raise ApiError(status, "api_error", "payment failed")
        with self.owner.lock:
            page["status"] = "complete"
            page["payment_intent"] = intent["id"]
            page["payment_status"] = "unpaid" if data["capture_method"] == "manual" else "paid"
            return self._shown(page)
