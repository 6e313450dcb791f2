"""Fixtures for the payments tests: localstripe in its own virtualenv, the Stripe test server in
front of it, Stripe clients made the kiosk's way (secret from the credential), simulated drivers
(card taps, phones paying), and every log line of the suite kept for the secrets check."""

from __future__ import annotations

import json
import logging
import os
import secrets
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import stripe

from kiosk import credentials
from kiosk.adapters.payments.base import Progress, Stage
from kiosk.adapters.payments.stripe_checkout import StripeCheckout
from kiosk.adapters.payments.stripe_common import StripeConnection
from kiosk.adapters.payments.stripe_terminal import StripeTerminal
from kiosk.credentials import Secret
from tests.payments.localstripe import ComponentMissing, running, wipe
from tests.payments.stripe_double import StripeDouble

READER = "tmr_kiosk_hub_1"
SECRET = "sk_test_kiosk_" + secrets.token_hex(12)  # unique per run: the log check greps it
LOG_FILE = "payments-suite.log"
LAST = "test_no_secrets_in_logs.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The secrets check reads the logs of every payments test: it runs last among them."""
    here = Path(__file__).parent
    mine = [i for i, item in enumerate(items) if here in item.path.parents]
    block = sorted((items[i] for i in mine), key=lambda item: item.path.name == LAST)
    for i, item in zip(mine, block, strict=True):
        items[i] = item


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:  # Handler.handle holds self.lock
        self.lines.append(self.format(record))


@pytest.fixture(scope="package", autouse=True)
def payment_logs() -> Iterator[LogCapture]:
    """Every log record (DEBUG up, stripe-python's request logs included) of the suite."""
    root = logging.getLogger()
    handler, level = LogCapture(), root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="package")
def stripe_secret() -> Secret:
    """The key reaches the kiosk the production way: the credential `stripe_api_key` (the
    environment is set only while it is read, so no other test sees it)."""
    name = credentials.env_name("stripe_api_key")
    before = os.environ.get(name)
    os.environ[name] = SECRET
    try:
        return credentials.require("stripe_api_key")
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


@dataclass
class LocalStripe:
    url: str
    log: Path


@pytest.fixture(scope="package")
def localstripe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStripe]:
    log = tmp_path_factory.mktemp("localstripe") / LOG_FILE
    try:
        with running(log) as url:
            yield LocalStripe(url, log)
            return
    except ComponentMissing as exc:
        problem = str(exc)
    pytest.fail(problem, pytrace=False)  # a missing component fails, never skips


@pytest.fixture(scope="package")
def stripe_double(localstripe: LocalStripe) -> Iterator[StripeDouble]:
    double = StripeDouble(localstripe.url)
    double.start()
    yield double
    double.stop()


@dataclass
class StripeBed:
    """The test server, a kiosk-side client, and the hands of a simulated driver."""

    double: StripeDouble
    connection: StripeConnection
    client: stripe.StripeClient
    secret: Secret

    def raw(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        """A plain HTTP call (no stripe-python, so test card numbers stay out of its logs)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.double.url + path,
            data=data,
            method=method,
            headers={
                "Authorization": f"Bearer {self.secret.value}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.loads(exc.read())

    def tap(self, number: str | None = None, reader: str = READER) -> dict[str, Any]:
        """The driver presents a card (Stripe's present_payment_method test helper)."""
        body = {"type": "card_present", "card_present": {"number": number}} if number else {}
        status, answer = self.raw(
            "POST", f"/v1/test_helpers/terminal/readers/{reader}/present_payment_method", body
        )
        assert status == 200, answer
        return dict(answer)

    def pay_page(self, page_id: str, number: str) -> tuple[int, Any]:
        """The driver's phone pays the Checkout page with a card."""
        return self.raw("POST", f"/_test/checkout/{page_id}/pay", {"number": number})

    def intent(self, ref: str) -> dict[str, Any]:
        """What Stripe holds, read past the kiosk's adapters."""
        found = self.client.v1.payment_intents.retrieve(ref, {"expand": ["latest_charge"]})
        return dict(found.to_dict())


@pytest.fixture
def bed(
    localstripe: LocalStripe, stripe_double: StripeDouble, stripe_secret: Secret
) -> Iterator[StripeBed]:
    wipe(localstripe.url)
    stripe_double.reset()
    stripe_double.terminal.add_reader(READER)
    connection = StripeConnection(
        stripe_secret, api_base=stripe_double.url, timeout_s=10, max_network_retries=0
    )
    yield StripeBed(stripe_double, connection, connection.client, stripe_secret)
    connection.close()


@pytest.fixture
def terminal(bed: StripeBed) -> StripeTerminal:
    return StripeTerminal(
        bed.client, reader_id=READER, timeout_s=5.0, poll_s=0.02, cancel_grace_s=1.0
    )


@pytest.fixture
def checkout(bed: StripeBed) -> StripeCheckout:
    return StripeCheckout(
        bed.client, success_url="https://kiosk.example.invalid/paid", timeout_s=5.0, poll_s=0.02
    )


def when_waiting(stage: Stage, act: Callable[[Progress], None]) -> Callable[[Progress], None]:
    """A progress callback that acts once, the first time the provider waits in `stage`
    (runs on the authorising thread, like the engine's post would)."""
    seen: list[Progress] = []

    def on_progress(progress: Progress) -> None:
        seen.append(progress)
        if progress.stage is stage and sum(p.stage is stage for p in seen) == 1:
            act(progress)

    on_progress.seen = seen  # type: ignore[attr-defined]
    return on_progress
