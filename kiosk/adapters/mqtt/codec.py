"""The one interface every charger dialect implements: topics in, events out, commands back.

A codec instance serves one bay and is only ever called on the MQTT thread, so it may keep
state (OpenEVSE spreads one reading over several topics). It never raises anything but
`DecodeError`, whose reason ends up in a per-bay counter and the event stream.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from kiosk.engine.commands import ChargerCommand
from kiosk.engine.events import Event

#: Payloads above this size are refused before parsing (a charger never needs more).
MAX_PAYLOAD_BYTES = 64 * 1024


class DecodeError(ValueError):
    """A payload that is too large, not JSON, of the wrong shape or in the wrong units."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Outgoing:
    topic: str
    payload: bytes
    retain: bool = False


@dataclass(frozen=True, slots=True)
class BayBinding:
    """Where a bay's charger lives on the broker."""

    bay_id: str
    #: native: the bay's topic base, e.g. `evhub/hub-1/bays/bay-3`;
    #: everest: `everest_api/1/evse_manager_consumer/<module_id>`;
    #: openevse: the charger's base topic, e.g. `openevse-1a2b`.
    base: str


class Codec(ABC):
    dialect: ClassVar[str]
    #: True when the charger answers commands itself; otherwise a command counts as delivered
    #: once the broker has it (QoS 1), and liveness comes from heartbeats and status.
    replies: ClassVar[bool] = False

    def __init__(self, binding: BayBinding) -> None:
        self.binding = binding

    @abstractmethod
    def subscriptions(self) -> list[str]:
        """Topic filters to subscribe to (QoS 1) for this bay."""

    @abstractmethod
    def decode(self, topic: str, payload: bytes) -> list[Event]:
        """Turn one message into events for the engine, or raise DecodeError."""

    @abstractmethod
    def encode(self, command: ChargerCommand) -> list[Outgoing]:
        """Messages that carry out the command (empty if the dialect cannot do it)."""

    def keepalive(self) -> list[Outgoing]:
        """Messages the charger expects from the kiosk regularly (every KEEPALIVE_S)."""
        return []


#: How often the link sends each codec's keep-alive messages.
KEEPALIVE_S = 10.0
