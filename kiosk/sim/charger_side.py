"""What simulated chargers put on the wire, per dialect: the charger's side of each codec.

Each takes the values a `SimBay` reports and returns (topic, payload) pairs, and recognises the
commands the kiosk sends. Written from the same public descriptions as the kiosk's codecs, but
from the other end, so the two check each other in the end-to-end tests.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from datetime import datetime
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
