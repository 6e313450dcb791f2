"""The simulated charger's physics: cars plug in, ramp up, taper with state of charge, sit
idle when full, leave; the charger obeys start, stop, enable and disable. No I/O here: the
MQTT fleet (`kiosk.sim.fleet`) publishes what these bays report.
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass
from decimal import Decimal

from kiosk.config import BaySettings
from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerAction
from kiosk.engine.events import BayStatusReported, Event, MeterSampleReported


class Phase(enum.Enum):
    EMPTY = "empty"
    PLUGGED = "plugged"
    CHARGING = "charging"
    FULL = "full"  # plugged in, not charging: the car is done (idle fees start here)
    LEAVING = "leaving"
    FAULT = "fault"
    DISABLED = "disabled"


STATUS = {
    Phase.EMPTY: BayStatus.AVAILABLE,
    Phase.PLUGGED: BayStatus.PREPARING,
    Phase.CHARGING: BayStatus.CHARGING,
    Phase.FULL: BayStatus.SUSPENDED_EV,
    Phase.LEAVING: BayStatus.FINISHING,
    Phase.FAULT: BayStatus.FAULTED,
    Phase.DISABLED: BayStatus.UNAVAILABLE,
}


@dataclass
class _Car:
    """A car's battery as the charger sees it: capacity, state of charge, acceptance curve."""

    capacity_wh: float
    soc: float
    target_soc: float
    max_kw: float

    def acceptance_kw(self) -> float:
        # Full power up to 80 %, then a linear taper to 15 % of it at 100 %.
        if self.soc < 0.8:
            return self.max_kw
        return self.max_kw * max(0.15, 1 - (self.soc - 0.8) / 0.2 * 0.85)


class SimBay:
    def __init__(self, cfg: BaySettings, rng: random.Random, phase: Phase) -> None:
        self.cfg = cfg
        self.rng = rng
        self.phase = phase
        self.register_wh = rng.uniform(1e5, 9e6)  # meters are not new
        self.seq = 0
        self.power_kw = 0.0
        self.timer = rng.uniform(4, 20)
        self.car: _Car | None = self._new_car() if phase is not Phase.EMPTY else None
        if phase is Phase.CHARGING and self.car:
            self.car.soc = rng.uniform(0.3, 0.7)

    def _new_car(self) -> _Car:
        return _Car(
            capacity_wh=self.rng.choice([40e3, 58e3, 77e3, 100e3]),
            soc=self.rng.uniform(0.1, 0.5),
            target_soc=self.rng.choice([0.8, 0.9, 1.0]),
            max_kw=self.rng.choice([11.0, 50.0, 135.0, 250.0]),
        )

    def reset_register(self) -> None:
        """A meter that restarts from zero (firmware update, power loss): fault injection."""
        self.register_wh = 0.0

    def step(self, dt: float) -> list[Event]:
        """Advance the bay by dt seconds; return what the charger would publish."""
        before = self.phase
        self.timer -= dt
        power_kw = 0.0
        if self.phase is Phase.EMPTY and self.timer <= 0:
            self.car, self.phase, self.timer = self._new_car(), Phase.PLUGGED, 3.0
        # A plugged-in car waits (Preparing) until the kiosk sends START, as ad-hoc chargers do.
        elif self.phase is Phase.CHARGING and self.car is not None:
            power_kw = min(float(self.cfg.max_power_kw), self.car.acceptance_kw())
            power_kw *= self.rng.uniform(0.97, 1.0)
            energy = power_kw * 1000 * dt / 3600
            self.register_wh += energy
            self.car.soc = min(1.0, self.car.soc + energy / self.car.capacity_wh)
            if self.car.soc >= self.car.target_soc:
                self.phase, self.timer = Phase.FULL, self.rng.uniform(20, 60)
        elif self.phase is Phase.FULL and self.timer <= 0:
            self.phase, self.timer = Phase.LEAVING, 4.0
        elif self.phase is Phase.LEAVING and self.timer <= 0:
            self.car, self.phase, self.timer = None, Phase.EMPTY, self.rng.uniform(10, 60)
        self.power_kw = power_kw
        events: list[Event] = []
        if self.phase is not before:
            events.append(BayStatusReported(self.cfg.id, STATUS[self.phase]))
        if self.phase not in (Phase.FAULT, Phase.DISABLED):
            self.seq += 1
            soc = self.car.soc if self.car else None
            events.append(
                MeterSampleReported(
                    self.cfg.id,
                    energy_wh=Decimal(f"{self.register_wh:.1f}"),
                    power_w=Decimal(f"{power_kw * 1000:.0f}"),
                    seq=self.seq,
                    soc_pct=Decimal(f"{soc * 100:.0f}") if soc is not None else None,
                )
            )
        return events

    def act(self, hand: str) -> list[Event]:
        """What a person does at the bay (the demo's panel): plug_in, unplug, fault, repair."""
        before = self.phase
        if hand == "plug_in" and self.phase is Phase.EMPTY:
            self.car, self.phase = self._new_car(), Phase.PLUGGED
        elif hand == "unplug" and self.car is not None and self.phase is not Phase.FAULT:
            self.car, self.phase = None, Phase.EMPTY
            self.timer = self.rng.uniform(60, 120)  # the next car does not come at once
        elif hand == "fault" and self.phase is not Phase.DISABLED:
            self.phase = Phase.FAULT
        elif hand == "repair" and self.phase is Phase.FAULT:
            self.phase = Phase.PLUGGED if self.car is not None else Phase.EMPTY
            self.timer = self.rng.uniform(30, 90)
        if self.phase is before:
            return []
        self.power_kw = 0.0
        return [BayStatusReported(self.cfg.id, STATUS[self.phase])]

    def command(self, action: ChargerAction) -> list[Event]:
        if action is ChargerAction.STOP and self.phase in (Phase.CHARGING, Phase.FULL):
            self.phase, self.timer = Phase.LEAVING, 5.0
        elif action is ChargerAction.START and self.phase is Phase.PLUGGED:
            self.phase = Phase.CHARGING
        elif action is ChargerAction.DISABLE and self.phase is Phase.EMPTY:
            self.phase = Phase.DISABLED
        elif action is ChargerAction.ENABLE and self.phase is Phase.DISABLED:
            self.phase, self.timer = Phase.EMPTY, self.rng.uniform(10, 60)
        else:
            return []
        return [BayStatusReported(self.cfg.id, STATUS[self.phase])]


#: Varied starting points so a fresh demo shows every kind of bay at once.
OPENING = (Phase.EMPTY, Phase.PLUGGED, Phase.PLUGGED, Phase.EMPTY, Phase.FAULT, Phase.EMPTY)
