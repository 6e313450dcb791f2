"""Child process for the payment kill -9 test: the outbox captures at Stripe, then the process
hangs before the engine can record it (and is killed there).

python -m tests.payments.kill9_capture_child DATA_DIR API_BASE PAYMENT_INTENT
"""

from __future__ import annotations

import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from kiosk import credentials
from kiosk.adapters.payments.handlers import CAPTURE, outbox_handlers, payload
from kiosk.adapters.payments.stripe_common import StripeConnection
from kiosk.adapters.payments.stripe_terminal import StripeTerminal
from kiosk.config import from_table
from kiosk.domain.money import Money
from kiosk.engine.events import OutboxWork
from kiosk.hub import Hub
from tests.conftest import hub_table

KEY = "pay:s-42:capture"


def main() -> None:
    data, api_base, ref = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    settings = from_table(hub_table(1, data_dir=str(data)), base=data)
    connection = StripeConnection(
        credentials.require("stripe_api_key"), api_base=api_base, max_network_retries=0
    )
    terminal = StripeTerminal(connection.client, reader_id="unused")
    capture = outbox_handlers({terminal.name: terminal})[CAPTURE]

    def capture_then_die(key: str, body: dict[str, Any]) -> dict[str, Any]:
        result = capture(key, body)
        print(f"CAPTURED {key} {result['amount']['amount']}", flush=True)
        threading.Event().wait()  # killed here: the result never reaches the engine
        return result

    hub = Hub(settings, charger_link=False, outbox_handlers={CAPTURE: capture_then_die}).start()
    amount = Money(Decimal("7.50"), "EUR")
    hub.engine.post(
        OutboxWork(CAPTURE, KEY, payload(provider=terminal.name, ref=ref, amount=amount))
    )
    threading.Event().wait()


if __name__ == "__main__":
    main()
