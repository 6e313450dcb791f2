"""The optional Stripe webhook endpoint over real HTTP: signed events make the kiosk look the
payment up at once (a hold cancelled in the dashboard stops the charge), the body is never
believed about money, and tampered, unsigned or replayed requests are refused with 400."""

from __future__ import annotations

import json
import time

import pytest

from kiosk import credentials
from kiosk.hub import Hub
from tests.helpers import Watcher
from tests.integration.paid_sessions import anomalies, payment
from tests.payments.engine_bed import (
    WEBHOOK_SECRET,
    Records,
    one_bay,
    post_webhook,
    signature,
    stripe_event,
    tap_and_charge,
    terminal_hub,
)


@pytest.fixture
def hub(bed, terminal, tmp_path, clock, monkeypatch):
    """A kiosk with its webhook endpoint on a free port; the secret is a credential."""
    monkeypatch.setenv(credentials.env_name("stripe_webhook_secret"), WEBHOOK_SECRET)
    settings = one_bay(tmp_path, webhook_enabled=True, webhook_port=0)
    with terminal_hub(settings, clock, terminal) as running:
        yield running


def endpoint(hub: Hub) -> str:
    assert hub.webhook is not None
    return f"http://127.0.0.1:{hub.webhook.port}/stripe/webhook"


def canceled(ref: str) -> bytes:
    return stripe_event(
        "payment_intent.canceled", {"id": ref, "object": "payment_intent", "status": "canceled"}
    )


def test_a_hold_cancelled_in_the_dashboard_stops_the_charge_at_once(bed, hub):
    watch = Watcher(hub.engine)
    tap_and_charge(hub, watch, bed, "s-hook")
    ref = payment(hub, "s-hook").provider_ref
    bed.client.v1.payment_intents.cancel(ref)  # someone released the hold by hand
    body = canceled(ref)
    assert post_webhook(endpoint(hub), body, signature(WEBHOOK_SECRET, body)) == 200
    watch.until(lambda s: s.bay("bay-1").session.state == "stopping")
    assert payment(hub, "s-hook").state == "needs_reconciliation"
    assert anomalies(hub) == ["payment_needs_reconciliation"]
    assert (hub.webhook.accepted, hub.webhook.rejected) == (1, 0)


def test_the_kiosk_looks_for_itself_and_never_believes_the_body(bed, hub):
    watch = Watcher(hub.engine)
    records = Records(hub)
    tap_and_charge(hub, watch, bed, "s-lie")
    ref = payment(hub, "s-lie").provider_ref
    body = canceled(ref)  # signed, but the hold is still there
    assert post_webhook(endpoint(hub), body, signature(WEBHOOK_SECRET, body)) == 200
    looked = records.until(lambda r: r.get("session") == "s-lie" and r.get("reason") == "look_up")
    assert looked["state"] == "authorised"
    assert payment(hub, "s-lie").state == "authorised"
    assert watch.latest.bay("bay-1").session.state == "active" and anomalies(hub) == []


@pytest.mark.parametrize("attack", ["tampered", "replayed_old", "unsigned", "other_secret"])
def test_forged_tampered_or_replayed_webhooks_are_refused(bed, hub, attack):
    watch = Watcher(hub.engine)
    tap_and_charge(hub, watch, bed, "s-safe")
    ref = payment(hub, "s-safe").provider_ref
    body = canceled(ref)
    signed = signature(WEBHOOK_SECRET, body)
    if attack == "tampered":  # signed for one payment, sent about another
        body = json.dumps({**json.loads(body), "id": "evt_forged"}).encode()
    elif attack == "replayed_old":  # a genuine event captured ten minutes ago
        signed = signature(WEBHOOK_SECRET, body, at=time.time() - 600)
    elif attack == "unsigned":
        signed = None
    else:
        signed = signature("whsec_someone_else", body)
    assert post_webhook(endpoint(hub), body, signed) == 400
    # Refused before anything reached the engine: nothing was posted, nothing looked up.
    assert (hub.webhook.accepted, hub.webhook.rejected) == (0, 1)
    assert payment(hub, "s-safe").state == "authorised"


def test_other_paths_and_events_change_nothing(bed, hub):
    body = stripe_event("customer.created", {"id": "cus_1", "object": "customer"})
    assert post_webhook(endpoint(hub) + "x", body, signature(WEBHOOK_SECRET, body)) == 404
    assert post_webhook(endpoint(hub), body, signature(WEBHOOK_SECRET, body)) == 200
    assert (hub.webhook.accepted, hub.webhook.rejected) == (1, 0)
