"""How tests/data/kiosk-rev0001.sqlite was written (kept for the record; run once at 0001).

It holds a hub, two bays, an ended session with samples and a payment, as revision 0001 had
them, so the migration test upgrades a real old file rather than a freshly built one.
"""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

from kiosk.store.database import open_database

ROWS = """
INSERT INTO hub VALUES ('old-hub', 'Old Hub', 'Europe/Amsterdam', 'EUR', '2026-01-05 08:00:00');
INSERT INTO bays VALUES ('b1', 'old-hub', '1', 'CCS2', '50', 'Available', 'online', '812345.5',
                         '2026-01-05 09:30:00');
INSERT INTO bays VALUES ('b2', 'old-hub', '2', 'Type2', '22', NULL, 'unknown', NULL, NULL);
INSERT INTO charging_sessions VALUES ('sess-1', 'b1', 'ended', '2026-01-05 08:10:00',
  '2026-01-05 09:20:00', 'unplugged', '800000', '812345.5', NULL, NULL, 'EUR', '5.1873', '6.17');
INSERT INTO meter_samples (bay_id, session_id, received_at, charger_ts, seq, energy_wh, power_w)
  VALUES ('b1', 'sess-1', '2026-01-05 08:10:01', NULL, 1, '800000', '0'),
         ('b1', 'sess-1', '2026-01-05 09:19:59', NULL, 2, '812345.5', '0');
INSERT INTO payments VALUES ('pay-1', 'sess-1', 'simulator', 'pi_1', 'captured', 'EUR', '50',
  '6.17', 'visa', '4242', '2026-01-05 08:09:00', '2026-01-05 09:21:00');
"""


def main(target: Path) -> None:
    target.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{target}", upgrade=False)
    db.upgrade("0001")
    db.close()
    with closing(sqlite3.connect(target)) as raw:
        raw.executescript(ROWS)
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.commit()
    Path(f"{target}.lock").unlink(missing_ok=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
