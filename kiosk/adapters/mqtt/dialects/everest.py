"""The EVerest MQTT API v1 (evse_manager_consumer) as a codec for one EvseManager module.

Source: EVerest/everest-core `docs/source/reference/EVerest_API/evse_manager_consumer_API.yaml`
and `powermeter_API.yaml` (schemas Powermeter, SignedMeterValue), `auth_consumer_API.yaml`
(ProvidedIdToken). The bay's base is `everest_api/1/evse_manager_consumer/<module_id>`.

Incoming (`<base>/e2m/…`):
- `powermeter` → MeterSampleReported: `energy_Wh_import.total` (Wh) is the register,
  `power_W.total` the power, `timestamp` the charger time. `current_A` has no total in the
  schema: DC if present, else the largest of L1/L2/L3 (the per-phase current a bay's rating
  refers to; N is ignored). `signed_meter_value.signed_meter_data` becomes `ocmf` when its
  `encoding_method` is "OCMF" or the data starts with "OCMF|" (EVerest's OCMF meters set
  `encoding_method` and often leave `signing_method` empty). The state of charge is the last
  `soc` from `e2m/ev_info` in this session.
- `session_event` → status per `_EVENT_STATUS` below, plus ChargerSessionReported for
  Authorized / TransactionStarted (token: `transaction_started.id_tag.id_token.value`) /
  TransactionFinished (token if present, `reason`). Transaction events carry a required
  `meter_value`, emitted as a MeterSampleReported (with the event's own signed value, the
  Eichrecht begin/end record) — STARTED before its sample, the final sample before FINISHED.
- `session_info` → status per `_STATE_STATUS`, only when it differs from the last one this
  codec reported (EVerest republishes it about once a second during a session).
- `heartbeat` → ChargerHeartbeat. The yaml says an integer id (example 42); the module as
  implemented publishes `{}`: both are accepted.
- `reply/<action>/<command id>` → CommandReplied (see commands). Every other single-level
  `e2m/<name>` topic (evse_id, hw_capabilities, limits, …) is ignored; anything else is refused.

Commands (`<base>/m2e/…`): every request is `{"headers": {"replyTo": …}, "payload": …}` and
EVerest publishes the boolean result to `replyTo`, so this dialect gets replies. The yaml only
gives a template for that address; the kiosk uses `<base>/e2m/reply/<action>/<command id>`
(id percent-encoded to stay one topic level), which makes every reply self-describing. The
consumer API has no "authorise" call (authorisation stays with EVerest's Auth module, to be
configured to accept sessions the kiosk has paid for, e.g. free service), and
`resume_charging` only lifts a pause of a running transaction, so:
- START and ENABLE → `enable_disable` with the kiosk's own source entry set to Enable
  ("Charging is only possible if an EVSE is enabled"); DISABLE → the same entry set to Disable.
  Reply: whether the EVSE is enabled afterwards (a higher-priority source may overrule us).
- STOP → `stop_transaction` with reason "Local" (the driver stopped at the hub's kiosk).
- UNLOCK → `force_unlock` for connector 1 (connectors are numbered from 1).
`pause_charging` is not used: the kiosk has no pause command. EVerest expects
`m2e/communication_check` = true periodically when its check is configured: see
`communication_check()`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import quote, unquote

from kiosk.adapters.mqtt.codec import BayBinding, DecodeError, Outgoing
from kiosk.adapters.mqtt.dialects.payload import Fields, check_size, dump, load_json, short
from kiosk.adapters.mqtt.dialects.registry import DialectCodec
from kiosk.domain.bay import BayStatus
from kiosk.engine.commands import ChargerAction, ChargerCommand
from kiosk.engine.events import (
    BayStatusReported,
    ChargerHeartbeat,
    ChargerSessionKind,
    ChargerSessionReported,
    CommandReplied,
    Event,
    MeterSampleReported,
)

S = BayStatus

#: EvseStateEnum (session_info.state) → OCPP 1.6; None: says nothing about the connector.
_STATE_STATUS: dict[str, BayStatus | None] = {
    "Unknown": None,
    "Unplugged": S.AVAILABLE,
    "Disabled": S.UNAVAILABLE,
    "Preparing": S.PREPARING,
    "Reserved": S.RESERVED,
    "AuthRequired": S.PREPARING,
    "WaitingForEnergy": S.SUSPENDED_EVSE,
    "ChargingPausedEV": S.SUSPENDED_EV,
    "ChargingPausedEVSE": S.SUSPENDED_EVSE,
    "Charging": S.CHARGING,
    "AuthTimeout": S.FINISHING,  # a replug is needed: not available to a new driver yet
    "Finished": S.FINISHING,
    "FinishedEVSE": S.FINISHING,
    "FinishedEV": S.FINISHING,
}

#: SessionEventEnum → OCPP 1.6: the state EVerest's own session_info moves to on that event
#: (modules/API/evse_manager_consumer_API/session_info.cpp), mapped as above, plus
#: ReservationStart → Reserved. None: no status change is implied.
_EVENT_STATUS: dict[str, BayStatus | None] = {
    "Authorized": None,
    "Deauthorized": None,
    "Enabled": S.AVAILABLE,
    "Disabled": S.UNAVAILABLE,
    "SessionStarted": S.PREPARING,
    "AuthRequired": S.PREPARING,
    "TransactionStarted": S.PREPARING,
    "PrepareCharging": S.PREPARING,
    "ChargingStarted": S.CHARGING,
    "ChargingPausedEV": S.SUSPENDED_EV,
    "ChargingPausedEVSE": S.SUSPENDED_EVSE,
    "WaitingForEnergy": S.SUSPENDED_EVSE,
    "ChargingResumed": S.CHARGING,
    "StoppingCharging": S.FINISHING,
    "ChargingFinished": S.FINISHING,
    "TransactionFinished": S.FINISHING,
    "SessionFinished": S.AVAILABLE,
    "ReservationStart": S.RESERVED,
    "ReservationEnd": None,  # the next state depends on whether the holder plugged in
    "ReplugStarted": None,
    "ReplugFinished": None,
    "PluginTimeout": S.FINISHING,
    "SwitchingPhases": None,
    "SessionResumed": None,
}

_ENABLE_STATE = {
    ChargerAction.START: "Enable",
    ChargerAction.ENABLE: "Enable",
    ChargerAction.DISABLE: "Disable",
}
_ACTIONS = {action.value: action for action in ChargerAction}
_HEARTBEAT_LIMIT = Decimal(2) ** 64  # HeartBeatId: 64-bit unsigned


class EverestCodec(DialectCodec):
    """One EVerest EvseManager reached through the evse_manager_consumer API module."""

    dialect = "everest"
    replies = True
    #: Source entry the kiosk holds in EVerest's enable/disable table (0 is the highest
    #: priority; 5000 is what EVerest's OCPP module uses for ChangeAvailability).
    enable_source: ClassVar[str] = "LocalAPI"
    enable_priority: ClassVar[int] = 5000
    unlock_connector: ClassVar[int] = 1
    stop_reason: ClassVar[str] = "Local"

    def __init__(self, binding: BayBinding) -> None:
        super().__init__(binding)
        self._soc: Decimal | None = None
        self._last_status: BayStatus | None = None

    def subscriptions(self) -> list[str]:
        names = ("powermeter", "session_event", "session_info", "heartbeat", "ev_info")
        return [f"{self.base}/e2m/{name}" for name in names] + [f"{self.base}/e2m/reply/+/+"]

    def decode(self, topic: str, payload: bytes) -> list[Event]:
        rel = self.relative(topic)
        parts = rel.split("/") if rel is not None else []
        if len(parts) == 2 and parts[0] == "e2m":
            return self._variable(parts[1], payload)
        if len(parts) == 4 and parts[:2] == ["e2m", "reply"] and parts[2] in _ACTIONS and parts[3]:
            return [self._reply(_ACTIONS[parts[2]], unquote(parts[3]), payload)]
        raise DecodeError(f"unknown topic {short(topic, 100)}")

    def _variable(self, name: str, payload: bytes) -> list[Event]:
        if name == "powermeter":
            return [self._sample(Fields.load(payload, "powermeter"))]
        if name == "session_event":
            return self._session_event(Fields.load(payload, "session_event"))
        if name == "session_info":
            return self._session_info(Fields.load(payload, "session_info"))
        if name == "heartbeat":
            self._heartbeat(load_json(payload, "heartbeat"))
            return [ChargerHeartbeat(bay_id=self.binding.bay_id)]
        if name == "ev_info":
            soc = Fields.load(payload, "ev_info").opt_percent("soc")
            if soc is not None:
                self._soc = soc
            return []
        check_size(payload, name)
        return []  # other EVerest variables: not used by the kiosk

    def _sample(self, f: Fields, signed: Fields | None = None) -> MeterSampleReported:
        charger_ts = f.timestamp("timestamp")
        energy_wh = f.obj("energy_Wh_import").number("total", minimum=Decimal(0))
        power = f.opt_obj("power_W")
        power_w = power.number("total") if power is not None else None
        ocmf = _ocmf(signed) if signed is not None else None
        own = f.opt_obj("signed_meter_value")
        if ocmf is None and own is not None:
            ocmf = _ocmf(own)
        return MeterSampleReported(
            bay_id=self.binding.bay_id,
            energy_wh=energy_wh,
            power_w=power_w,
            charger_ts=charger_ts,
            soc_pct=self._soc,
            current_a=_current(f.opt_obj("current_A")),
            ocmf=ocmf,
        )

    def _session_event(self, f: Fields) -> list[Event]:
        f.text("uuid")
        f.timestamp("timestamp")
        name = f.text("event")
        if name not in _EVENT_STATUS:
            raise DecodeError(f"session_event: {short(name)} is not an EVerest session event")
        bay = self.binding.bay_id
        events: list[Event] = []
        status = _EVENT_STATUS[name]
        if status is not None:
            self._last_status = status
            events.append(BayStatusReported(bay_id=bay, status=status))
        if name == "Authorized":
            events.append(ChargerSessionReported(bay_id=bay, kind=ChargerSessionKind.AUTHORIZED))
        elif name == "TransactionStarted":
            data = f.opt_obj("transaction_started")
            token = _token(data.obj("id_tag")) if data is not None else None
            events.append(
                ChargerSessionReported(bay_id=bay, kind=ChargerSessionKind.STARTED, token=token)
            )
            if data is not None:
                events.append(self._transaction_sample(data))
        elif name == "TransactionFinished":
            data = f.opt_obj("transaction_finished")
            token = reason = None
            if data is not None:
                id_tag = data.opt_obj("id_tag")
                token = _token(id_tag) if id_tag is not None else None
                reason = data.opt_text("reason")
                events.append(self._transaction_sample(data))
            events.append(
                ChargerSessionReported(
                    bay_id=bay, kind=ChargerSessionKind.FINISHED, token=token, reason=reason
                )
            )
        elif name == "SessionFinished":
            self._soc = None  # the car has left; its state of charge with it
        return events

    def _transaction_sample(self, data: Fields) -> MeterSampleReported:
        return self._sample(data.obj("meter_value"), data.opt_obj("signed_meter_value"))

    def _session_info(self, f: Fields) -> list[Event]:
        f.timestamp("timestamp")
        state = f.text("state")
        if state not in _STATE_STATUS:
            raise DecodeError(f"session_info: {short(state)} is not an EVerest EVSE state")
        status = _STATE_STATUS[state]
        if status is None or status == self._last_status:
            return []
        self._last_status = status
        return [BayStatusReported(bay_id=self.binding.bay_id, status=status)]

    @staticmethod
    def _heartbeat(value: Any) -> None:
        if isinstance(value, dict):
            return
        if (
            isinstance(value, Decimal)
            and value.is_finite()
            and value == value.to_integral_value()
            and 0 <= value < _HEARTBEAT_LIMIT
        ):
            return
        raise DecodeError("heartbeat: payload must be a heartbeat id or an object")

    def _reply(self, action: ChargerAction, command_id: str, payload: bytes) -> CommandReplied:
        value = load_json(payload, "reply")
        if not isinstance(value, bool):
            raise DecodeError("reply: payload must be true or false")
        if action in _ENABLE_STATE:
            # EnableDisableReply: true when the EVSE is enabled after the command.
            want = _ENABLE_STATE[action] == "Enable"
            ok = value is want
            error = None if ok else f"EVSE is still {'enabled' if value else 'disabled'}"
        else:
            ok = value
            error = None if ok else f"{action.value} refused by EVerest"
        return CommandReplied(bay_id=self.binding.bay_id, command_id=command_id, ok=ok, error=error)

    def encode(self, command: ChargerCommand) -> list[Outgoing]:
        body: Any
        if command.action in _ENABLE_STATE:
            operation = "enable_disable"
            body = {
                "connector_id": 0,  # 0: the whole EVSE
                "source": {
                    "enable_source": self.enable_source,
                    "enable_state": _ENABLE_STATE[command.action],
                    "enable_priority": self.enable_priority,
                },
            }
        elif command.action is ChargerAction.STOP:
            operation, body = "stop_transaction", {"reason": self.stop_reason}
        else:
            operation, body = "force_unlock", self.unlock_connector
        reply_to = f"{self.base}/e2m/reply/{command.action.value}/{quote(command.id, safe='')}"
        request = {"headers": {"replyTo": reply_to}, "payload": body}
        return [Outgoing(topic=f"{self.base}/m2e/{operation}", payload=dump(request))]

    def communication_check(self) -> Outgoing:
        """The keep-alive EVerest expects every `cfg_communication_check_to_s` seconds."""
        return Outgoing(topic=f"{self.base}/m2e/communication_check", payload=b"true")

    def keepalive(self) -> list[Outgoing]:
        return [self.communication_check()]


def _current(f: Fields | None) -> Decimal | None:
    if f is None:
        return None
    if f.has("DC"):
        return f.number("DC")
    phases = [f.number(line) for line in ("L1", "L2", "L3") if f.has(line)]
    return max(phases) if phases else None


def _ocmf(f: Fields) -> str | None:
    data = f.text("signed_meter_data")
    f.text("signing_method")
    encoding = f.text("encoding_method")
    if encoding.strip().upper() == "OCMF" or data.startswith("OCMF|"):
        return data
    return None


def _token(id_tag: Fields) -> str:
    return id_tag.obj("id_token").text("value")
