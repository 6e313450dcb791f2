"""The invoicing tests' hub (tariff, simulated card, meter, paid session) and the child of the
kill -9 settlement test, which pays, charges and settles sessions as fast as it can and prints
each invoice once its commit is done:

python -m tests.integration.invoicing_child FOLDER DATABASE_URL
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from kiosk.adapters.payments.simulator import NO_DELAYS, Simulator
from kiosk.config import Settings, from_table
from kiosk.domain.bay import BayStatus
from kiosk.domain.payment import PaymentMethod
from kiosk.engine.clock import ManualClock
from kiosk.engine.engine import Engine
from kiosk.engine.events import BayStatusReported, MeterSampleReported, PayRequested
from kiosk.engine.snapshot import HubSnapshot
from kiosk.hub import Hub
from kiosk.invoicing_setup import InvoicingConfig
from tests.conftest import hub_table
from tests.helpers import Watcher

KILL_CONFIG = InvoicingConfig(series="KILL")
DRIVER = "driver.name@example.org"

TARIFF = {
    "id": "AC-ADHOC",
    "currency": "EUR",
    "tariff_alt_text": [{"language": "en", "text": "Ad hoc AC"}],
    "elements": [
        {
            "price_components": [
                {"type": "ENERGY", "price": 0.50, "vat": 19.0, "step_size": 1},
                {"type": "FLAT", "price": 1.00, "vat": 19.0, "step_size": 0},
            ]
        }
    ],
}


def make_settings(folder: Path, database_url: str = "", **extra: Any) -> Settings:
    """A two-bay hub priced with TARIFF, held 30 €, its database in `folder`/data."""
    (folder / "t.json").write_text(json.dumps(TARIFF))
    table = hub_table(2, data_dir=str(folder / "data"), payments={"preauth_amount": "30"}, **extra)
    table["seller"] = {"name": "Evhub Riverside GmbH", "address": "Hauptstraße 1, 10115 Berlin"}
    if database_url:
        table["database_url"] = database_url
    for bay in table["bays"]:
        bay["tariff"] = "t.json"
    return from_table(table, base=folder)


def simulator() -> dict[PaymentMethod, Simulator]:
    card = Simulator(
        method=PaymentMethod.TERMINAL, delays=NO_DELAYS, poll_s=0.01, timeout_s=5, auto_card="visa"
    )
    return {PaymentMethod.TERMINAL: card}


class Records:
    """The engine's event stream, as `kiosk run --events` writes it."""

    def __init__(self, engine: Engine) -> None:
        self.items: list[dict[str, Any]] = []
        engine.on_record(self.items.append)

    def of(self, record_type: str, **match: Any) -> list[dict[str, Any]]:
        return [
            r
            for r in list(self.items)
            if r["type"] == record_type and all(r.get(k) == v for k, v in match.items())
        ]


class Meter:
    """Register readings per bay, always rising."""

    def __init__(self) -> None:
        self.register: dict[str, int] = {}
        self.seq = 0

    def read(self, hub: Hub, bay: str, add_wh: int = 0) -> None:
        self.register[bay] = self.register.get(bay, 10_000) + add_wh
        self.seq += 1
        power = Decimal(add_wh) if add_wh else None
        hub.engine.post(MeterSampleReported(bay, Decimal(self.register[bay]), power, seq=self.seq))


def paid_session(
    hub: Hub,
    clock: ManualClock,
    watch: Watcher,
    meter: Meter,
    bay: str,
    session_id: str,
    kwh: int = 12,
) -> None:
    """Pay by card, charge `kwh` over an hour, unplug: the capture goes out at once."""
    meter.read(hub, bay)
    hub.engine.post(PayRequested(bay, session_id, "terminal"))
    watch.until(lambda s: getattr(s.bay(bay).session, "id", None) == session_id)
    hub.engine.post(BayStatusReported(bay, BayStatus.CHARGING))
    clock.advance(timedelta(hours=1))
    meter.read(hub, bay, kwh * 1000)
    hub.engine.post(BayStatusReported(bay, BayStatus.AVAILABLE))
    watch.until(lambda s: s.bay(bay).session is None)


def main() -> None:
    folder, url = Path(sys.argv[1]), sys.argv[2]
    settings = make_settings(folder, "" if url.startswith("sqlite") else url)
    hub = Hub(
        settings, charger_link=False, payment_providers=simulator(), invoicing=KILL_CONFIG
    ).start()
    engine = hub.engine
    names = (f"k-{n}" for n in itertools.count(1))
    asked: dict[str, str] = {}  # bay → the session last paid for there
    ended: set[str] = set()

    def drive(snapshot: HubSnapshot) -> None:  # engine thread, after each commit
        for bay in snapshot.bays:
            if bay.session is not None:
                if bay.session.id not in ended:  # plugged in: charge a moment, unplug
                    ended.add(bay.session.id)
                    engine.post(BayStatusReported(bay.id, BayStatus.CHARGING))
                    engine.post(BayStatusReported(bay.id, BayStatus.AVAILABLE))
            elif asked.get(bay.id) is None or asked[bay.id] in ended:
                asked[bay.id] = next(names)
                engine.post(PayRequested(bay.id, asked[bay.id], "terminal"))

    def report(record: dict[str, Any]) -> None:  # after the commit that issued it
        if record["type"] == "invoice":
            print(f"INVOICE {record['number']} {record['session']}", flush=True)

    engine.on_record(report)
    engine.subscribe(drive)
    engine.post(BayStatusReported("bay-1", BayStatus.AVAILABLE))  # a first snapshot to react to
    threading.Event().wait()


if __name__ == "__main__":
    main()
