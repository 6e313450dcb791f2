"""What simulated chargers put on the wire, per dialect: the charger's side of each codec.

Each takes the values a `SimBay` reports and returns (topic, payload) pairs, and recognises the
commands the kiosk sends. Written from the same public descriptions as the kiosk's codecs, but
from the other end, so the two check each other in the end-to-end tests.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerAction

Message = tuple[str, bytes, bool]  # topic, payload, retain


def _json(value: dict[str, Any]) -> bytes:
    def exact(v: Any) -> Any:
        if isinstance(v, Decimal):
            return int(v) if v == v.to_integral_value() else float(v)
        return v

    return json.dumps({k: exact(v) for k, v in value.items() if v is not None}).encode()


class ChargerSide(ABC):
    dialect: ClassVar[str]
    registry: ClassVar[dict[str, type[ChargerSide]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        ChargerSide.registry[cls.dialect] = cls

    def __init__(self, base: str) -> None:
        self.base = base

    @abstractmethod
    def command_topics(self) -> list[str]: ...

    @abstractmethod
    def meter(
        self,
        *,
        register_wh: Decimal,
        power_w: Decimal,
        soc_pct: Decimal | None,
        seq: int,
        ts: datetime,
    ) -> list[Message]: ...

    @abstractmethod
    def status(self, status: BayStatus, ts: datetime) -> list[Message]: ...

    @abstractmethod
    def heartbeat(self, ts: datetime) -> list[Message]: ...

    @abstractmethod
    def command(self, topic: str, payload: bytes) -> tuple[ChargerAction, str | None] | None:
        """(action, request id) for a command message, None for anything else."""

    def reply(self, request_id: str, ok: bool) -> list[Message]:
        return []  # dialects whose chargers do not answer


class NativeSide(ChargerSide):
    dialect = "native"

    def command_topics(self) -> list[str]:
        return [f"{self.base}/cmd"]

    def meter(
        self,
        *,
        register_wh: Decimal,
        power_w: Decimal,
        soc_pct: Decimal | None,
        seq: int,
        ts: datetime,
    ) -> list[Message]:
        body = {
            "ts": ts.isoformat(),
            "seq": seq,
            "energy_wh": register_wh,
            "power_w": power_w,
            "soc_pct": soc_pct,
        }
        return [(f"{self.base}/meter", _json(body), False)]

    def status(self, status: BayStatus, ts: datetime) -> list[Message]:
        return [
            (f"{self.base}/status", _json({"ts": ts.isoformat(), "status": status.value}), True)
        ]

    def heartbeat(self, ts: datetime) -> list[Message]:
        return [(f"{self.base}/heartbeat", _json({"ts": ts.isoformat()}), False)]

    def command(self, topic: str, payload: bytes) -> tuple[ChargerAction, str | None] | None:
        if topic != f"{self.base}/cmd":
            return None
        try:
            body = json.loads(payload)
            return ChargerAction(body["action"]), str(body["id"])
        except (ValueError, KeyError, TypeError):
            return None

    def reply(self, request_id: str, ok: bool) -> list[Message]:
        return [(f"{self.base}/cmd/reply", _json({"id": request_id, "ok": ok}), False)]


def _ts(ts: datetime) -> str:
    return ts.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


#: What an EVerest EvseManager's session_info says in each OCPP status (EVerest has no
#: "faulted" in this API: a faulted EVSE is disabled).
_EVEREST_STATE = {
    BayStatus.AVAILABLE: "Unplugged",
    BayStatus.PREPARING: "Preparing",
    BayStatus.CHARGING: "Charging",
    BayStatus.SUSPENDED_EV: "ChargingPausedEV",
    BayStatus.SUSPENDED_EVSE: "ChargingPausedEVSE",
    BayStatus.FINISHING: "Finished",
    BayStatus.RESERVED: "Reserved",
    BayStatus.UNAVAILABLE: "Disabled",
    BayStatus.FAULTED: "Disabled",
}


class EverestSide(ChargerSide):
    """An EVerest EvseManager behind the API module (API v1, evse_manager_consumer)."""

    dialect = "everest"

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self._asked: dict[str, tuple[str, bool]] = {}  # replyTo → (operation, wanted enabled)

    def command_topics(self) -> list[str]:
        ops = ("enable_disable", "stop_transaction", "force_unlock", "communication_check")
        return [f"{self.base}/m2e/{op}" for op in ops]

    def meter(
        self,
        *,
        register_wh: Decimal,
        power_w: Decimal,
        soc_pct: Decimal | None,
        seq: int,
        ts: datetime,
    ) -> list[Message]:
        body = {
            "timestamp": _ts(ts),
            "meter_id": "SIM_POWERMETER",
            "energy_Wh_import": {"total": float(register_wh)},
            "power_W": {"total": float(power_w)},
        }
        messages = [(f"{self.base}/e2m/powermeter", json.dumps(body).encode(), False)]
        if soc_pct is not None:
            messages.insert(
                0, (f"{self.base}/e2m/ev_info", json.dumps({"soc": float(soc_pct)}).encode(), False)
            )
        return messages

    def status(self, status: BayStatus, ts: datetime) -> list[Message]:
        body = {"state": _EVEREST_STATE[status], "timestamp": _ts(ts)}
        return [(f"{self.base}/e2m/session_info", json.dumps(body).encode(), False)]

    def heartbeat(self, ts: datetime) -> list[Message]:
        return [(f"{self.base}/e2m/heartbeat", b"{}", False)]

    def command(self, topic: str, payload: bytes) -> tuple[ChargerAction, str | None] | None:
        operation = topic.rsplit("/", 1)[-1]
        try:
            request = json.loads(payload)
            reply_to = request["headers"]["replyTo"] if isinstance(request, dict) else None
            body = request.get("payload") if isinstance(request, dict) else None
        except (ValueError, KeyError, TypeError):
            return None
        if operation == "enable_disable" and isinstance(body, dict):
            enable = body.get("source", {}).get("enable_state") == "Enable"
            self._asked[reply_to] = (operation, enable)
            return (ChargerAction.START if enable else ChargerAction.DISABLE), reply_to
        if operation == "stop_transaction":
            self._asked[reply_to] = (operation, True)
            return ChargerAction.STOP, reply_to
        if operation == "force_unlock":
            self._asked[reply_to] = (operation, True)
            return ChargerAction.UNLOCK, reply_to
        return None  # communication_check: nothing to do but be alive

    def reply(self, request_id: str, ok: bool) -> list[Message]:
        operation, wanted = self._asked.pop(request_id, ("", True))
        # enable_disable answers whether the EVSE is enabled afterwards.
        value = (ok and wanted) or (not ok and not wanted) if operation == "enable_disable" else ok
        return [(request_id, json.dumps(value).encode(), False)]


#: OpenEVSE `state` and `vehicle` for each OCPP status a simulated bay goes through.
_OPENEVSE = {
    BayStatus.AVAILABLE: (1, 0),
    BayStatus.PREPARING: (254, 1),  # asleep, car plugged in: waiting for the kiosk
    BayStatus.CHARGING: (3, 1),
    BayStatus.SUSPENDED_EV: (2, 1),  # connected, the car stopped drawing
    BayStatus.SUSPENDED_EVSE: (254, 1),
    BayStatus.FINISHING: (254, 1),
    BayStatus.RESERVED: (254, 0),
    BayStatus.UNAVAILABLE: (255, 0),
    BayStatus.FAULTED: (4, 0),  # an error state (4–11)
}


class OpenEvseSide(ChargerSide):
    """An OpenEVSE (ESP32 firmware) publishing one value per topic under its base."""

    dialect = "openevse"

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self._state: BayStatus = BayStatus.AVAILABLE

    def command_topics(self) -> list[str]:
        return [f"{self.base}/claim/set"]

    def meter(
        self,
        *,
        register_wh: Decimal,
        power_w: Decimal,
        soc_pct: Decimal | None,
        seq: int,
        ts: datetime,
    ) -> list[Message]:
        milliamps = int(power_w / Decimal("0.23")) if power_w else 0  # one phase at 230 V
        values = [("power", f"{power_w:f}"), ("amp", str(milliamps))]
        if soc_pct is not None:
            values.append(("battery_level", f"{soc_pct:f}"))
        values.append(("total_energy", f"{register_wh / 1000:f}"))  # kWh, last: it is the sample
        return [(f"{self.base}/{name}", value.encode(), False) for name, value in values]

    def status(self, status: BayStatus, ts: datetime) -> list[Message]:
        self._state = status
        state, vehicle = _OPENEVSE[status]
        return [
            (f"{self.base}/vehicle", str(vehicle).encode(), False),
            (f"{self.base}/state", str(state).encode(), False),
        ]

    def heartbeat(self, ts: datetime) -> list[Message]:
        # OpenEVSE republishes its values every 30 s; the state is what proves it is alive.
        state, _ = _OPENEVSE[self._state]
        return [(f"{self.base}/state", str(state).encode(), False)]

    def command(self, topic: str, payload: bytes) -> tuple[ChargerAction, str | None] | None:
        try:
            claim = json.loads(payload)
        except ValueError:
            return None
        if not isinstance(claim, dict):
            return None
        if claim.get("state") == "active":
            return ChargerAction.START, None
        if claim.get("state") == "disabled":
            return ChargerAction.STOP, None
        return None
