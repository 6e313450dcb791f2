"""What the engine asks the outside world to do, as values; adapters carry them out."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ChargerAction(enum.StrEnum):
    START = "start"
    STOP = "stop"
    ENABLE = "enable"
    DISABLE = "disable"
    UNLOCK = "unlock"


@dataclass(frozen=True, slots=True)
class ChargerCommand:
    id: str  # request id; a repeat with the same id has no further effect at the charger
    bay_id: str
    action: ChargerAction
    session_id: str | None = None
