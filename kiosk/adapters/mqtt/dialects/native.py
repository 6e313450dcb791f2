"""The hub's native MQTT schema (GUIDE §3): JSON meter, status, command and reply topics.

Topics below the bay's base (`evhub/<hub>/bays/<bay>`):

| topic | payload | event |
|---|---|---|
| `meter` | `{"ts", "seq", "energy_wh", "power_w", "soc_pct"?, "ocmf"?}` | MeterSampleReported |
| `status` | `{"ts", "status": OCPP 1.6 name, "error"?}` | BayStatusReported |
| `cmd/reply` | `{"id", "ok": bool, "error"?}` | CommandReplied |
| `heartbeat` | `{"ts"?}` (an extension of GUIDE §3, see below) | ChargerHeartbeat |
| `cmd` (outgoing) | `{"id", "action", "session"?}` | — |

Schema extension: `<base>/heartbeat` carries a JSON object, optionally `{"ts": RFC 3339}`,
published by the charger at a fixed interval (QoS 0 or 1, not retained) so that the kiosk
notices a silent charger even while its status does not change. Chargers that never send it
still work; their liveness comes from the retained status and its last will.

Fields not listed above are ignored (forward compatibility); every listed field is checked.
Any other topic below the base is refused as unknown.
"""

from __future__ import annotations

from decimal import Decimal

from kiosk.adapters.mqtt.codec import DecodeError, Outgoing
from kiosk.adapters.mqtt.dialects.payload import Fields, dump, short
from kiosk.adapters.mqtt.dialects.registry import DialectCodec
from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerCommand
from kiosk.engine.events import (
    BayStatusReported,
    ChargerHeartbeat,
    CommandReplied,
    Event,
    MeterSampleReported,
)

_STATUSES = {status.value: status for status in BayStatus}


class NativeCodec(DialectCodec):
    """One bay speaking the kiosk's own schema; the charger answers every command."""

    dialect = "native"
    replies = True

    def subscriptions(self) -> list[str]:
        return [f"{self.base}/{name}" for name in ("meter", "status", "cmd/reply", "heartbeat")]

    def decode(self, topic: str, payload: bytes) -> list[Event]:
        name = self.relative(topic)
        if name == "meter":
            return [self._meter(Fields.load(payload, "meter"))]
        if name == "status":
            return [self._status(Fields.load(payload, "status"))]
        if name == "cmd/reply":
            return [self._reply(Fields.load(payload, "reply"))]
        if name == "heartbeat":
            beat = Fields.load(payload, "heartbeat")
            beat.opt_timestamp("ts")
            return [ChargerHeartbeat(bay_id=self.binding.bay_id)]
        raise DecodeError(f"unknown topic {short(topic, 100)}")

    def _meter(self, f: Fields) -> MeterSampleReported:
        return MeterSampleReported(
            bay_id=self.binding.bay_id,
            charger_ts=f.timestamp("ts"),
            seq=f.integer("seq", minimum=0),
            energy_wh=f.number("energy_wh", minimum=Decimal(0)),
            power_w=f.number("power_w"),
            soc_pct=f.opt_percent("soc_pct"),
            ocmf=f.opt_text("ocmf"),
        )

    def _status(self, f: Fields) -> BayStatusReported:
        f.timestamp("ts")
        name = f.text("status")
        status = _STATUSES.get(name)
        if status is None:
            raise DecodeError(f"status: {short(name)} is not an OCPP 1.6 status")
        return BayStatusReported(
            bay_id=self.binding.bay_id, status=status, error=f.opt_text("error")
        )

    def _reply(self, f: Fields) -> CommandReplied:
        command_id = f.text("id")
        if not command_id:
            raise DecodeError("reply: id is empty")
        return CommandReplied(
            bay_id=self.binding.bay_id,
            command_id=command_id,
            ok=f.boolean("ok"),
            error=f.opt_text("error"),
        )

    def encode(self, command: ChargerCommand) -> list[Outgoing]:
        body: dict[str, str] = {"id": command.id, "action": command.action.value}
        if command.session_id is not None:
            body["session"] = command.session_id
        return [Outgoing(topic=f"{self.base}/cmd", payload=dump(body))]
