"""Child for the kill -9 numbering test: numbers invoices as fast as it can.

python -m tests.integration.numbering_child DATABASE_URL
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from decimal import Decimal

from kiosk.store import models
from kiosk.store.database import open_database
from kiosk.store.numbering import next_number


def main() -> None:
    db = open_database(sys.argv[1])
    n = 0
    while True:
        n += 1
        with db.sessions.begin() as s:
            number = next_number(s.connection(), "HUB1")
            s.add(
                models.Invoice(
                    series="HUB1",
                    number=number,
                    kind="invoice",
                    session_id=None,
                    issued_at=datetime.now(UTC),
                    currency="EUR",
                    total_excl_vat=Decimal("10.00"),
                    total_incl_vat=Decimal("11.90"),
                    body={"n": n},
                )
            )
        print(f"ISSUED {number}", flush=True)


if __name__ == "__main__":
    main()
