"""In-process simulated chargers: cars plug in, ramp up, taper with state of charge, sit idle,
leave. They obey charger commands. Used by `kiosk demo`; the MQTT simulator builds on the same
car model.
"""

from __future__ import annotations

import enum
import logging
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from kiosk.config import BaySettings
from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import BayLinkChanged, BayStatusReported, Event, MeterSampleReported

log = logging.getLogger("kiosk.sim")


class _Poster(Protocol):
    def post(self, event: Event) -> None: ...


class Phase(enum.Enum):
    EMPTY = "empty"
    PLUGGED = "plugged"
    CHARGING = "charging"
    FULL = "full"  # plugged in, not charging: the car is done (idle fees start here)
    LEAVING = "leaving"
    FAULT = "fault"
    DISABLED = "disabled"


_STATUS = {
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


class _SimBay:
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

    def step(self, dt: float) -> list[Event]:
        """Advance the bay by dt seconds; return what the charger would publish."""
        before = self.phase
        self.timer -= dt
        power_kw = 0.0
        if self.phase is Phase.EMPTY and self.timer <= 0:
            self.car, self.phase, self.timer = self._new_car(), Phase.PLUGGED, 3.0
        elif self.phase is Phase.PLUGGED and self.timer <= 0:
            self.phase = Phase.CHARGING
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
            events.append(BayStatusReported(self.cfg.id, _STATUS[self.phase]))
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
        return [BayStatusReported(self.cfg.id, _STATUS[self.phase])]


class SimulatedChargers:
    """Steps every simulated bay on its own thread and posts what the chargers report."""

    # Varied starting points so a fresh demo shows every kind of bay at once.
    _OPENING = (Phase.EMPTY, Phase.CHARGING, Phase.CHARGING, Phase.FULL, Phase.EMPTY, Phase.FAULT)

    def __init__(
        self, engine: _Poster, bays: Sequence[BaySettings], *, rate_hz: float = 2.0, seed: int = 7
    ) -> None:
        rng = random.Random(seed)
        self._engine = engine
        self._bays = {
            cfg.id: _SimBay(cfg, random.Random(rng.random()), self._OPENING[i % len(self._OPENING)])
            for i, cfg in enumerate(bays)
        }
        self._dt = 1.0 / rate_hz
        self._stop = threading.Event()
        self._commands: list[ChargerCommand] = []
        self._lock = threading.Lock()  # guards only the hand-over list of commands
        self._thread = threading.Thread(target=self._run, name="sim-chargers", daemon=True)

    def start(self) -> None:
        for bay in self._bays.values():
            self._engine.post(BayLinkChanged(bay.cfg.id, Link.ONLINE))
            self._engine.post(BayStatusReported(bay.cfg.id, _STATUS[bay.phase]))
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)

    def command(self, command: ChargerCommand) -> None:
        """Engine thread hands a command over; the sim thread carries it out."""
        with self._lock:
            self._commands.append(command)

    def _run(self) -> None:
        while not self._stop.wait(self._dt):
            with self._lock:
                commands, self._commands = self._commands, []
            for cmd in commands:
                bay = self._bays.get(cmd.bay_id)
                for event in bay.command(cmd.action) if bay else []:
                    self._engine.post(event)
            for bay in self._bays.values():
                for event in bay.step(self._dt):
                    self._engine.post(event)
