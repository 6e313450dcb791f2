"""What a bay is doing: OCPP 1.6 connector status plus the kiosk's view of the charger link."""

from __future__ import annotations

import enum


class BayStatus(enum.StrEnum):
    """OCPP 1.6 ChargePointStatus, as chargers report it."""

    AVAILABLE = "Available"
    PREPARING = "Preparing"
    CHARGING = "Charging"
    SUSPENDED_EV = "SuspendedEV"
    SUSPENDED_EVSE = "SuspendedEVSE"
    FINISHING = "Finishing"
    RESERVED = "Reserved"
    UNAVAILABLE = "Unavailable"
    FAULTED = "Faulted"


#: A car is connected to the bay.
PLUGGED_IN = frozenset(
    {
        BayStatus.PREPARING,
        BayStatus.CHARGING,
        BayStatus.SUSPENDED_EV,
        BayStatus.SUSPENDED_EVSE,
        BayStatus.FINISHING,
    }
)
#: Energy is flowing (TIME is billed, not PARKING_TIME).
DELIVERING = frozenset({BayStatus.CHARGING})
#: The bay cannot take a new driver.
OUT_OF_SERVICE = frozenset({BayStatus.UNAVAILABLE, BayStatus.FAULTED})


class Link(enum.StrEnum):
    """Whether the kiosk can talk to the bay's charger."""

    UNKNOWN = "unknown"  # nothing heard since the kiosk started
    ONLINE = "online"
    OFFLINE = "offline"  # last will fired or heartbeat stopped
    NOT_RESPONDING = "not_responding"  # online but commands go unanswered


REACHABLE = frozenset({Link.ONLINE})
