"""OpenEVSE (openevse_esp32_firmware) as a codec: one plain JSON number per topic under a base.

Source: OpenEVSE/openevse_esp32_firmware `docs/mqtt.md` (topics, announce/last will, claims),
`models/Status.yaml` (units), `models/EvseState.yaml` (claim states) and the firmware's state
codes. The bay's base is the charger's base topic (default `openevse-xxxx`).

Values used: `power` (W), `amp` (mA → A), `battery_level` (%), `total_energy` (kWh, the
cumulative register → Wh, exactly), `state`, `vehicle` (0/1); `voltage` (V) and
`session_energy` (Wh) are checked but carried by no event. OpenEVSE publishes each value on
its own topic (all of them every 30 s and on change), so the codec keeps the latest power,
current and state of charge and emits one MeterSampleReported each time `total_energy`
arrives: the register is what billing needs, and pairing it with the freshest instantaneous
values gives one sample per register reading instead of one per topic with a stale register.
OpenEVSE has no sequence number or meter time stamp, so `seq` and `charger_ts` are None.
The firmware cannot say whether `total_energy` was mis-scaled; nothing here guesses.

Status (`state`, refined by `vehicle`): see `_FIXED` and `status()`. A car that has drawn
current since it was plugged in makes a later "connected" (2) read SuspendedEV (the car
stopped) and a later "sleeping" (254) read SuspendedEVSE (the charger was paused); before
that both read Preparing (plugged in, waiting for authorisation or the car). `state` always
emits a status; `vehicle` only when it changes the status.

Link: OpenEVSE publishes a retained `{"state": "connected", "id", "name", "mqtt": base, …}`
on `openevse/announce/<last 4 of id>` and the same topic with `"state": "disconnected"` as its
last will (which carries only state, id and name). A message is this bay's when its `mqtt` is
the base, or its `id` is the one a previous connected announce told us, or (a will seen before
any announce, e.g. after a kiosk restart) its `name` equals the base's last level — both
default to `openevse-xxxx`. Other chargers' announces are ignored.

Commands: START and ENABLE → `<base>/claim/set` `{"state": "active"}`, STOP and DISABLE →
`{"state": "disabled"}` (a claim has the MQTT service's priority and keeps only the fields
sent). UNLOCK is not supported (no message). The charger does not answer commands.

Other single-level topics under the base (pilot, temp, claim, config, …) are ignored; any
other topic is refused as unknown.
"""

from __future__ import annotations

from decimal import Decimal

from kiosk.adapters.mqtt.codec import BayBinding, DecodeError, Outgoing
from kiosk.adapters.mqtt.dialects.payload import (
    Fields,
    check_integer,
    check_number,
    check_percent,
    check_size,
    dump,
    load_json,
    scale,
    short,
)
from kiosk.adapters.mqtt.dialects.registry import DialectCodec
from kiosk.domain.bay import BayStatus, Link
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import BayLinkChanged, BayStatusReported, Event, MeterSampleReported

ANNOUNCE_PREFIX = "openevse/announce/"

STARTING, NOT_CONNECTED, CONNECTED, CHARGING, SLEEPING, DISABLED = 0, 1, 2, 3, 254, 255

#: Error states 4–11, with the reason reported alongside Faulted.
ERRORS = {
    4: "vent required",
    5: "diode check failed",
    6: "GFI fault",
    7: "no earth ground",
    8: "stuck relay",
    9: "GFI self-test failed",
    10: "over temperature",
    11: "over current",
}

#: States whose OCPP status does not depend on the car.
_FIXED = {
    STARTING: BayStatus.UNAVAILABLE,  # booting: cannot take a driver yet
    NOT_CONNECTED: BayStatus.AVAILABLE,
    CHARGING: BayStatus.CHARGING,
    DISABLED: BayStatus.UNAVAILABLE,
    **dict.fromkeys(ERRORS, BayStatus.FAULTED),
}

_CLAIM = {
    ChargerAction.START: "active",
    ChargerAction.ENABLE: "active",
    ChargerAction.STOP: "disabled",
    ChargerAction.DISABLE: "disabled",
}
_CHECKED_ONLY = frozenset({"voltage", "session_energy"})


def status(state: int, vehicle: bool | None, charged: bool) -> BayStatus:
    """OCPP 1.6 status for an OpenEVSE state, whether a car is plugged in and has charged."""
    if state in _FIXED:
        return _FIXED[state]
    if state == CONNECTED:
        return BayStatus.SUSPENDED_EV if charged else BayStatus.PREPARING
    # SLEEPING: the charger holds the pilot off (a "disabled" claim, a schedule, a limit).
    if not vehicle:
        return BayStatus.AVAILABLE
    return BayStatus.SUSPENDED_EVSE if charged else BayStatus.PREPARING


class OpenEvseCodec(DialectCodec):
    """One OpenEVSE WiFi gateway; keeps the latest values between the per-topic messages."""

    dialect = "openevse"
    replies = False

    def __init__(self, binding: BayBinding) -> None:
        super().__init__(binding)
        self._power_w: Decimal | None = None
        self._current_a: Decimal | None = None
        self._soc_pct: Decimal | None = None
        self._state: int | None = None
        self._vehicle: bool | None = None
        self._charged = False  # the car drew current since it was plugged in
        self._status: BayStatus | None = None
        self._device_id: str | None = None

    def subscriptions(self) -> list[str]:
        names = ("state", "vehicle", "power", "amp", "voltage", "battery_level")
        values = [f"{self.base}/{name}" for name in (*names, "session_energy", "total_energy")]
        return [*values, ANNOUNCE_PREFIX + "+"]

    def decode(self, topic: str, payload: bytes) -> list[Event]:
        if topic.startswith(ANNOUNCE_PREFIX) and "/" not in topic[len(ANNOUNCE_PREFIX) :]:
            return self._announce(payload)
        name = self.relative(topic)
        if name is None or not name or "/" in name:
            raise DecodeError(f"unknown topic {short(topic, 100)}")
        if name == "total_energy":
            kwh = check_number(load_json(payload, name), name, minimum=Decimal(0))
            return [self._sample(scale(kwh, 3))]
        if name == "power":
            self._power_w = check_number(load_json(payload, name), name)
        elif name == "amp":
            milliamps = check_number(load_json(payload, name), name, minimum=Decimal(0))
            self._current_a = scale(milliamps, -3)
        elif name == "battery_level":
            self._soc_pct = check_percent(load_json(payload, name), name)
        elif name in _CHECKED_ONLY:
            check_number(load_json(payload, name), name, minimum=Decimal(0))
        elif name == "state":
            return self._on_state(check_integer(load_json(payload, name), name))
        elif name == "vehicle":
            return self._on_vehicle(check_integer(load_json(payload, name), name))
        else:
            check_size(payload, name)  # a status value the kiosk does not use
        return []

    def _sample(self, energy_wh: Decimal) -> MeterSampleReported:
        return MeterSampleReported(
            bay_id=self.binding.bay_id,
            energy_wh=energy_wh,
            power_w=self._power_w,
            current_a=self._current_a,
            soc_pct=self._soc_pct,
        )

    def _on_state(self, state: int) -> list[Event]:
        if state not in _FIXED and state not in (CONNECTED, SLEEPING):
            raise DecodeError(f"state: {state} is not an OpenEVSE state")
        self._state = state
        if state == NOT_CONNECTED:
            self._vehicle, self._charged = False, False
        elif state in (CONNECTED, CHARGING):
            self._vehicle = True
            self._charged = self._charged or state == CHARGING
        return [self._report()]

    def _on_vehicle(self, value: int) -> list[Event]:
        if value not in (0, 1):
            raise DecodeError(f"vehicle: {value} is not 0 or 1")
        self._vehicle = value == 1
        if not self._vehicle:
            self._charged = False
        if self._state is None or status(self._state, self._vehicle, self._charged) == self._status:
            return []
        return [self._report()]

    def _report(self) -> BayStatusReported:
        assert self._state is not None
        self._status = status(self._state, self._vehicle, self._charged)
        return BayStatusReported(
            bay_id=self.binding.bay_id, status=self._status, error=ERRORS.get(self._state)
        )

    def _announce(self, payload: bytes) -> list[Event]:
        f = Fields.load(payload, "announce")
        device_id = f.opt_text("id")
        base = f.opt_text("mqtt")
        name = f.opt_text("name")
        if base is not None:
            ours = base.rstrip("/") == self.base
            if ours and device_id is not None:
                self._device_id = device_id
        elif self._device_id is not None:
            ours = device_id == self._device_id
        else:
            ours = name is not None and name == self.base.rsplit("/", 1)[-1]
        if not ours:
            return []
        state = f.text("state")
        if state not in ("connected", "disconnected"):
            raise DecodeError(f"announce: state {short(state)} is not connected or disconnected")
        link = Link.ONLINE if state == "connected" else Link.OFFLINE
        return [BayLinkChanged(bay_id=self.binding.bay_id, link=link)]

    def encode(self, command: ChargerCommand) -> list[Outgoing]:
        claim = _CLAIM.get(command.action)
        if claim is None:
            return []  # OpenEVSE has no unlock command
        return [Outgoing(topic=f"{self.base}/claim/set", payload=dump({"state": claim}))]
