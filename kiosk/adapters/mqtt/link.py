"""The charger link: one MQTT connection (MQTT 5, QoS 1, persistent session) for all bays.

The socket itself lives in a process of its own (`wire.py`, see there why); this side routes
each message to the codec of the bay whose topics it matches and posts whatever the codec makes
of it to the engine. A bad message becomes a `MessageRejected` event and a log line; the link
never stops for it. Commands from the engine are encoded by the bay's codec and published with
QoS 1. The kiosk's own status is a retained message with a last will, so chargers and operators
see when the kiosk is gone.
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from paho.mqtt.client import topic_matches_sub

from kiosk import credentials
from kiosk.adapters.mqtt.codec import KEEPALIVE_S, BayBinding, Codec, DecodeError
from kiosk.adapters.mqtt.process import WireCallbacks, WireProcess
from kiosk.adapters.mqtt.wire import QOS, WireSpec
from kiosk.config import BaySettings, BrokerSettings
from kiosk.engine.commands import ChargerCommand
from kiosk.engine.events import CommandReplied, Event, MessageRejected

log = logging.getLogger("kiosk.mqtt")

__all__ = ["QOS", "ChargerLink", "bay_base"]


def bay_base(bay: BaySettings, prefix: str) -> str:
    return bay.mqtt_base or f"{prefix}/bays/{bay.id}"


class ChargerLink:
    def __init__(
        self,
        *,
        broker: BrokerSettings,
        hub_id: str,
        bays: Sequence[BaySettings],
        codecs: Mapping[str, type[Codec]],
        post: Callable[[Event], None],
        credentials_dir: Path | None = None,
        keepalive_s: float = KEEPALIVE_S,
    ) -> None:
        self._broker = broker
        self._keepalive_s = keepalive_s
        self._post = post
        self.prefix = broker.topic_prefix.format(hub=hub_id)
        self.status_topic = f"{self.prefix}/kiosk/status"
        self._codecs = {
            bay.id: codecs[bay.dialect](BayBinding(bay.id, bay_base(bay, self.prefix)))
            for bay in bays
        }
        self._subscriptions = sorted(
            {
                topic_filter
                for codec in self._codecs.values()
                for topic_filter in codec.subscriptions()
            }
        )
        # Routing: a topic under a bay's base goes to that bay's codec (one dict lookup per
        # topic level); the few filters outside any base (OpenEVSE's announce topic) are
        # matched once per distinct filter. Matching every filter of every bay was the
        # bottleneck at 100 bays.
        self._by_base = {codec.binding.base: codec for codec in self._codecs.values()}
        outside: dict[str, list[Codec]] = {}
        for codec in self._codecs.values():
            for topic_filter in codec.subscriptions():
                if not topic_filter.startswith(codec.binding.base + "/"):
                    outside.setdefault(topic_filter, []).append(codec)
        self._outside = list(outside.items())
        # token → (bay, command id) for dialects that do not reply: the broker's PUBACK is
        # the confirmation (the socket process pairs PUBACKs with tokens).
        self._awaiting_ack: dict[int, tuple[str, str]] = {}
        self._tokens = itertools.count(1)
        self._lock = threading.Lock()
        self.connected = threading.Event()
        self._stopping = threading.Event()
        self._keepalive = threading.Thread(
            target=self._keep_alive, name="mqtt-keepalive", daemon=True
        )
        self._wire = WireProcess(
            self._spec(hub_id, credentials_dir),
            WireCallbacks(
                message=self._on_message, up=self.connected.set, down=self._down, acked=self._acked
            ),
        )

    # --- lifecycle ---------------------------------------------------------------------------

    def _spec(self, hub_id: str, credentials_dir: Path | None) -> WireSpec:
        b = self._broker
        password = None
        if b.username:
            password = credentials.require("broker_password", credentials_dir=credentials_dir)
        return WireSpec(
            host=b.host,
            port=b.port,
            client_id=b.client_id or f"kiosk-{hub_id}",
            subscriptions=tuple(self._subscriptions),
            status_topic=self.status_topic,
            online_payload=self._status_payload("online"),
            offline_payload=self._status_payload("offline"),
            protocol=b.protocol,
            session_expiry_s=b.session_expiry_s,
            username=b.username or None,
            password=password.value if password is not None else None,
            tls=b.tls,
            ca_file=str(b.ca_file) if b.ca_file else None,
            cert_file=str(b.cert_file) if b.cert_file else None,
            key_file=str(b.key_file) if b.key_file else None,
        )

    def start(self) -> None:
        self._wire.start()
        self._keepalive.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._keepalive.is_alive():
            self._keepalive.join(5)
        self._wire.stop()
        self.connected.clear()

    def _keep_alive(self) -> None:
        """Some chargers (EVerest's communication check) expect to hear from the kiosk."""
        messages = [out for codec in self._codecs.values() for out in codec.keepalive()]
        if not messages:
            return
        while not self._stopping.wait(self._keepalive_s):
            if self.connected.is_set():
                for out in messages:
                    self._wire.publish(out.topic, out.payload, retain=out.retain, token=None)

    @staticmethod
    def _status_payload(status: str) -> bytes:
        return json.dumps({"status": status}).encode()

    # --- from the socket process (its reader thread) -------------------------------------------

    def _down(self, _reason: str) -> None:
        self.connected.clear()

    def _codecs_for(self, topic: str) -> list[Codec]:
        found = []
        parts = topic.split("/")
        for depth in range(len(parts) - 1, 0, -1):
            codec = self._by_base.get("/".join(parts[:depth]))
            if codec is not None:
                found.append(codec)
                break
        for topic_filter, codecs in self._outside:
            if topic_matches_sub(topic_filter, topic):
                found.extend(codecs)
        return found

    def _on_message(self, topic: str, payload: bytes) -> None:
        matched = False
        for codec in self._codecs_for(topic):
            matched = True
            bay_id = codec.binding.bay_id
            try:
                events = codec.decode(topic, payload)
            except DecodeError as exc:
                self._reject(bay_id, topic, exc.reason)
                continue
            except Exception as exc:  # a codec bug must not take the link down
                log.exception("codec %s failed on %s", codec.dialect, topic)
                self._reject(bay_id, topic, f"internal error: {type(exc).__name__}")
                continue
            for event in events:
                self._post(event)
        if not matched:
            self._reject(None, topic, "no bay listens on this topic")

    def _acked(self, token: int) -> None:
        with self._lock:
            awaited = self._awaiting_ack.pop(token, None)
        if awaited is not None:
            self._post(CommandReplied(awaited[0], awaited[1], ok=True))

    def _reject(self, bay_id: str | None, topic: str, reason: str) -> None:
        log.warning("message rejected bay=%s topic=%s reason=%s", bay_id, topic, reason)
        self._post(MessageRejected(bay_id, topic, reason))

    # --- commands (engine thread) ----------------------------------------------------------

    def send(self, command: ChargerCommand) -> None:
        codec = self._codecs.get(command.bay_id)
        if codec is None:
            log.error("command for unknown bay=%s dropped", command.bay_id)
            return
        messages = codec.encode(command)
        if not messages:
            self._post(
                CommandReplied(
                    command.bay_id,
                    command.id,
                    ok=False,
                    error=f"{codec.dialect} chargers cannot {command.action}",
                )
            )
            return
        for i, out in enumerate(messages):
            token = None
            if not codec.replies and i == len(messages) - 1:
                token = next(self._tokens)
                with self._lock:
                    self._awaiting_ack[token] = (command.bay_id, command.id)
            if not self._wire.publish(out.topic, out.payload, retain=out.retain, token=token):
                # The socket process is being restarted: the engine retries the command with
                # the same id when no reply comes.
                log.warning(
                    "command not sent bay=%s id=%s: link restarting", command.bay_id, command.id
                )
                return
        log.info("command sent bay=%s id=%s action=%s", command.bay_id, command.id, command.action)
