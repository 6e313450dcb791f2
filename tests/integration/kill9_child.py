"""Child process for the kill -9 tests: writes as fast as it can and reports what is committed.

python -m tests.integration.kill9_child DATA_DIR sessions|outbox
"""

from __future__ import annotations

import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

from kiosk.config import from_table
from kiosk.domain.bay import BayStatus
from kiosk.engine.events import (
    BayStatusReported,
    MeterSampleReported,
    OutboxWork,
    StartRequested,
)
from kiosk.hub import Hub
from tests.conftest import hub_table


def main() -> None:
    data, mode = Path(sys.argv[1]), sys.argv[2]
    settings = from_table(hub_table(4, data_dir=str(data)), base=data)

    def stuck(key: str, payload: dict) -> None:
        print(f"CALLED {key}", flush=True)
        threading.Event().wait()  # the call is "on the wire" when the process dies

    hub = Hub(settings, charger_link=False, outbox_handlers={"capture": stuck}).start()
    engine = hub.engine
    if mode == "outbox":
        engine.post(OutboxWork("capture", "capture:s-42", {"amount": "7.50"}))
        threading.Event().wait()

    reported: set[str] = set()

    def on_snapshot(snapshot) -> None:
        # Published only after the commit: everything ended here is durable.
        for bay in snapshot.bays:
            if bay.session is not None and bay.session.id not in reported:
                reported.add(bay.session.id)
                print(f"COMMITTED {bay.session.id}", flush=True)

    engine.subscribe(on_snapshot)
    seq = 0
    n = 0
    while True:
        n += 1
        bay = f"bay-{n % 4 + 1}"
        seq += 1
        engine.post(BayStatusReported(bay, BayStatus.AVAILABLE))  # the last car left
        engine.post(BayStatusReported(bay, BayStatus.PREPARING))  # the next one plugs in
        engine.post(StartRequested(bay, f"s-{n}"))
        for _ in range(5):
            seq += 1
            engine.post(MeterSampleReported(bay, Decimal(seq * 10), Decimal(11000), seq=seq))
        time.sleep(0.002)  # a busy hub's pace, not an unbounded flood


if __name__ == "__main__":
    main()
