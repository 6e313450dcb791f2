"""A charger with an Eichrecht meter on a real broker, for the signed-meter-data tests: it signs
its readings (OCMF) with a key made in the test and publishes them in the native dialect (`ocmf`
field of `meter`) or in EVerest's (`signed_meter_value` of `powermeter` and of the transaction
events). Commands are answered through the simulator's charger side; what carries the signed
data is written here, from GUIDE §3 and EVerest's evse_manager_consumer API."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt

from kiosk.domain.bay import BayStatus
from kiosk.engine.clock import ManualClock
from kiosk.engine.events import PayRequested
from kiosk.hub import Hub
from kiosk.sim.charger_side import ChargerSide
from kiosk.store import models
from tests.helpers import Watcher
from tests.integration.invoicing_child import TARIFF, Records
from tests.integration.test_invoicing_engine import BASE
from tests.invoicing.samples import Meter as SigningMeter
from tests.services import Mosquitto, free_port, poll

PORTAL = BASE  # the invoicing tests' portal address: their `get` fetches from it
EVEREST = "everest_api/1/evse_manager_consumer/evse_manager_1"
START_WH = 1_204_330  # the register at plug-in: 1204.33 kWh, as the meter signs it


def as_printed(hex_key: str) -> str:
    """A public key the way chargers print it on their label: upper case, groups of four."""
    upper = hex_key.upper()
    return " ".join(upper[i : i + 4] for i in range(0, len(upper), 4))


def write_config(
    folder: Path, broker: Mosquitto, bays: list[dict[str, str]], **invoicing: Any
) -> Path:
    """A kiosk.toml on disk (the CLI reads it too): one [[bays]] table per dict of extra keys."""
    (folder / "t.json").write_text(json.dumps(TARIFF))

    def keys(table: dict[str, Any]) -> str:
        return "".join(f"{key} = {json.dumps(value)}\n" for key, value in table.items())

    tables = "".join(
        f'[[bays]]\nid = "bay-{i}"\nlabel = "{i}"\nmax_power_kw = "150"\ntariff = "t.json"\n'
        + keys(extra)
        for i, extra in enumerate(bays, start=1)
    )
    path = folder / "kiosk.toml"
    path.write_text(
        'data_dir = "data"\n'
        '[hub]\nid = "test-hub"\nname = "Test Hub"\ntimezone = "Europe/Berlin"\n'
        '[seller]\nname = "Evhub Riverside GmbH"\naddress = "Hauptstraße 1, 10115 Berlin"\n'
        '[payments]\npreauth_amount = "30"\n'
        f'[broker]\nport = {broker.port}\nclient_id = "kiosk-{uuid.uuid4().hex[:8]}"\n'
        f'[invoicing]\npublic_base_url = "{PORTAL}"\nportal_port = {free_port()}\n'
        + keys(invoicing)
        + tables
    )
    return path


class SigningCharger:
    """One charger (one bay) whose meter signs; `now` is its clock (the kiosk's, in tests)."""

    def __init__(
        self, broker: Mosquitto, *, dialect: str, base: str, meter: SigningMeter, clock: ManualClock
    ) -> None:
        self.dialect, self.base, self.meter, self.clock = dialect, base, meter, clock
        self.side = ChargerSide.registry[dialect](base)
        self.seq = 0
        ready = threading.Event()
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
        self.client.on_connect = lambda c, *_: c.subscribe(
            [(t, 1) for t in self.side.command_topics()]
        )
        self.client.on_subscribe = lambda *_: ready.set()
        self.client.on_message = self._command
        self.client.connect("127.0.0.1", broker.port)
        self.client.loop_start()
        assert ready.wait(10)

    def _command(self, _client: Any, _userdata: Any, message: Any) -> None:
        parsed = self.side.command(message.topic, message.payload)
        if parsed is not None and parsed[1] is not None:
            for topic, payload, retain in self.side.reply(parsed[1], ok=True):
                self.client.publish(topic, payload, qos=1, retain=retain)

    def publish(self, topic: str, body: Any, *, retain: bool = False) -> None:
        self.client.publish(topic, json.dumps(body), qos=1, retain=retain).wait_for_publish(5)

    def sign(self, tx: str, register_wh: int) -> str:
        """A signed reading of the register, in kWh as Eichrecht meters write it."""
        return self.meter.record(tx, str(Decimal(register_wh) / 1000), self.clock.now())

    # -- native ----------------------------------------------------------------------------

    def status(self, status: BayStatus) -> None:
        body = {"ts": self.clock.now().isoformat(), "status": status.value}
        self.publish(f"{self.base}/status", body, retain=True)

    def reading(self, register_wh: int, power_w: int, ocmf: str | None = None) -> None:
        self.seq += 1
        body: dict[str, Any] = {"ts": self.clock.now().isoformat(), "seq": self.seq}
        body |= {"energy_wh": register_wh, "power_w": power_w}
        self.publish(f"{self.base}/meter", body | ({"ocmf": ocmf} if ocmf else {}))

    # -- EVerest ---------------------------------------------------------------------------

    def powermeter(self, register_wh: int, power_w: int, ocmf: str | None = None) -> None:
        self.publish(f"{self.base}/e2m/powermeter", self._power(register_wh, power_w, ocmf))

    def event(self, name: str, **data: Any) -> None:
        body = {"uuid": str(uuid.uuid4()), "timestamp": self._ts(), "event": name, **data}
        self.publish(f"{self.base}/e2m/session_event", body)

    def transaction(self, name: str, register_wh: int, ocmf: str, **data: Any) -> None:
        """TransactionStarted / TransactionFinished with their meter value and signed record."""
        key = "transaction_started" if name == "TransactionStarted" else "transaction_finished"
        inner = {"meter_value": self._power(register_wh, 0), "signed_meter_value": _signed(ocmf)}
        self.event(name, **{key: inner | data})

    def _power(self, register_wh: int, power_w: int, ocmf: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"timestamp": self._ts(), "meter_id": self.meter.serial}
        body |= {"energy_Wh_import": {"total": register_wh}, "power_W": {"total": power_w}}
        return body | ({"signed_meter_value": _signed(ocmf)} if ocmf else {})

    def _ts(self) -> str:
        return self.clock.now().astimezone(UTC).isoformat(timespec="milliseconds")

    def close(self) -> None:
        self.client.disconnect()
        self.client.loop_stop()


def _signed(ocmf: str) -> dict[str, str]:
    return {"signed_meter_data": ocmf, "signing_method": "", "encoding_method": "OCMF"}


def signed_rows(hub: Hub) -> list[tuple[str | None, str]]:
    """The signed readings the kiosk stored: (session, OCMF text), in the order they came."""
    with hub.db.sessions() as db:
        rows = db.query(models.SignedMeterValue).order_by(models.SignedMeterValue.id)
        return [(row.session_id, row.ocmf) for row in rows]


def wait_rows(hub: Hub, count: int) -> list[tuple[str | None, str]]:
    """The stored signed readings once there are `count` of them."""

    def enough() -> list[tuple[str | None, str]] | None:
        rows = signed_rows(hub)
        return rows if len(rows) >= count else None

    found: list[tuple[str | None, str]] = poll(enough, timeout=10)
    return found


class NativeDrive:
    """A driver's paid session at a native charger, step by step, waiting for the kiosk each
    time so that nothing races: `plug_in_and_pay` → `begin` → `charge` → `end` / `unplug`."""

    def __init__(
        self,
        hub: Hub,
        charger: SigningCharger,
        session: str,
        *,
        bay: str = "bay-1",
        register_wh: int = START_WH,
    ) -> None:
        self.charger, self.bay, self.session = charger, bay, session
        self.clock, self.register = charger.clock, register_wh
        self.attach(hub)

    def attach(self, hub: Hub) -> None:
        """Follow this (possibly restarted) kiosk from now on."""
        self.hub, self.watch, self.records = hub, Watcher(hub.engine), Records(hub.engine)

    def plug_in_and_pay(self) -> None:
        self.charger.reading(self.register, 0)
        self.watch.until(lambda s: s.bay(self.bay).register_wh == self.register)
        self.hub.engine.post(PayRequested(self.bay, self.session, "terminal"))
        self.watch.until(lambda s: getattr(s.bay(self.bay).session, "id", None) == self.session)
        poll(lambda: self.records.of("command_reply", bay=self.bay, ok=True), timeout=10)
        self.charger.status(BayStatus.CHARGING)
        self.watch.until(lambda s: s.bay(self.bay).status is BayStatus.CHARGING)

    def begin(self) -> str:
        record = self.charger.sign("B", self.register)
        rows = len(signed_rows(self.hub))
        self.charger.reading(self.register, 0, record)
        wait_rows(self.hub, rows + 1)
        return record

    def charge(self, kwh: int = 12) -> None:
        self.clock.advance(timedelta(hours=1))
        self.register += kwh * 1000
        self.charger.reading(self.register, kwh * 1000)
        self.watch.until(lambda s: s.bay(self.bay).register_wh == self.register)

    def end(self, record: str | None = None) -> str:
        """The end record (signed now, or `record` as given), sent before unplugging."""
        record = record or self.charger.sign("E", self.register)
        rows = len(signed_rows(self.hub))
        self.charger.reading(self.register, 0, record)
        wait_rows(self.hub, rows + 1)
        return record

    def unplug(self) -> None:
        self.charger.status(BayStatus.AVAILABLE)
        self.watch.until(lambda s: s.bay(self.bay).session is None)

    def invoice(self) -> dict[str, Any]:
        (issued,) = poll(lambda: self.records.of("invoice", session=self.session), timeout=10)
        return issued
