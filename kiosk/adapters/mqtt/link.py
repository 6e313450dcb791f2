"""The charger link: one paho client (MQTT 5, QoS 1, persistent session) for all bays.

Messages are routed to the codec of the bay whose topics they match; whatever a codec makes of
them is posted to the engine. A bad message becomes a `MessageRejected` event and a log line;
the client never stops for it. Commands from the engine are encoded by the bay's codec and
published with QoS 1. The kiosk's own status is a retained message with a last will, so
chargers and operators see when the kiosk is gone.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

from kiosk import credentials
from kiosk.adapters.mqtt.codec import KEEPALIVE_S, BayBinding, Codec, DecodeError
from kiosk.config import BaySettings, BrokerSettings
from kiosk.engine.commands import ChargerCommand
from kiosk.engine.events import CommandReplied, Event, MessageRejected

log = logging.getLogger("kiosk.mqtt")

QOS = 1


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
        # mid → (bay, command id) for dialects that do not reply: the broker's PUBACK is the
        # confirmation. The PUBACK can beat the registration, so early acks are kept too.
        # Never hold this lock while calling paho: paho calls on_publish under its own lock.
        self._awaiting_ack: dict[int, tuple[str, str]] = {}
        self._early_acks: set[int] = set()
        self._lock = threading.Lock()
        self.connected = threading.Event()
        self._subscribe_mid: int | None = None
        self._stopping = threading.Event()
        self._keepalive = threading.Thread(
            target=self._keep_alive, name="mqtt-keepalive", daemon=True
        )
        self._client = self._build_client(hub_id, credentials_dir)

    # --- lifecycle ---------------------------------------------------------------------------

    def _build_client(self, hub_id: str, credentials_dir: Path | None) -> mqtt.Client:
        b = self._broker
        v5 = b.protocol == "5"
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=b.client_id or f"kiosk-{hub_id}",
            protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
            clean_session=None if v5 else False,  # 3.1.1: a persistent session, no expiry
        )
        client.will_set(self.status_topic, self._status_payload("offline"), qos=QOS, retain=True)
        if b.username:
            secret = credentials.require("broker_password", credentials_dir=credentials_dir)
            client.username_pw_set(b.username, secret.value)
        if b.tls:
            client.tls_set(
                ca_certs=str(b.ca_file) if b.ca_file else None,
                certfile=str(b.cert_file) if b.cert_file else None,
                keyfile=str(b.key_file) if b.key_file else None,
                tls_version=ssl.PROTOCOL_TLS_CLIENT,
            )
        client.reconnect_delay_set(min_delay=1, max_delay=30)
        client.max_queued_messages_set(0)  # never drop a command while the broker is away
        client.on_connect = self._on_connect
        client.on_disconnect = self._on_disconnect
        client.on_message = self._on_message
        client.on_publish = self._on_publish
        client.on_subscribe = self._on_subscribe
        return client

    def start(self) -> None:
        if self._broker.protocol == "5":
            props = Properties(PacketTypes.CONNECT)
            props.SessionExpiryInterval = self._broker.session_expiry_s
            self._client.connect_async(
                self._broker.host,
                self._broker.port,
                keepalive=30,
                clean_start=False,  # keep subscriptions and queued messages across restarts
                properties=props,
            )
        else:
            self._client.connect_async(self._broker.host, self._broker.port, keepalive=30)
        self._client.loop_start()
        self._keepalive.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._keepalive.is_alive():
            self._keepalive.join(5)
        if self._client.is_connected():
            info = self._client.publish(
                self.status_topic, self._status_payload("offline"), qos=QOS, retain=True
            )
            info.wait_for_publish(timeout=3)
        self._client.disconnect()
        self._client.loop_stop()

    def _keep_alive(self) -> None:
        """Some chargers (EVerest's communication check) expect to hear from the kiosk."""
        messages = [out for codec in self._codecs.values() for out in codec.keepalive()]
        if not messages:
            return
        while not self._stopping.wait(self._keepalive_s):
            if self.connected.is_set():
                for out in messages:
                    self._client.publish(out.topic, out.payload, qos=QOS, retain=out.retain)

    @staticmethod
    def _status_payload(status: str) -> bytes:
        return json.dumps({"status": status}).encode()

    # --- paho callbacks (MQTT thread) ----------------------------------------------------------

    def _on_connect(self, client: mqtt.Client, _u: Any, flags: Any, reason: Any, _p: Any) -> None:
        if reason.is_failure:
            log.error("broker refused the connection: %s", reason)
            return
        log.info(
            "connected to broker %s:%s session_present=%s",
            self._broker.host,
            self._broker.port,
            flags.session_present,
        )
        # Subscribing again is harmless when the session was kept, and needed when it was not.
        # `connected` is set once the broker has confirmed them: then nothing can slip past.
        _, self._subscribe_mid = client.subscribe(
            [(topic_filter, QOS) for topic_filter in self._subscriptions]
        )
        client.publish(self.status_topic, self._status_payload("online"), qos=QOS, retain=True)

    def _on_subscribe(
        self, _c: mqtt.Client, _u: Any, mid: int, reasons: list[Any], _p: Any
    ) -> None:
        if mid != self._subscribe_mid:
            return
        refused = [str(r) for r in reasons if r.is_failure]
        if refused:
            log.error("broker refused subscriptions: %s", ", ".join(refused))
        self.connected.set()

    def _on_disconnect(self, _c: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        self.connected.clear()
        log.warning("disconnected from broker: %s (reconnecting)", reason)

    def _codecs_for(self, topic: str) -> list[Codec]:
        found = []
        parts = topic.split("/")
        for depth in range(len(parts) - 1, 0, -1):
            codec = self._by_base.get("/".join(parts[:depth]))
            if codec is not None:
                found.append(codec)
                break
        for topic_filter, codecs in self._outside:
            if mqtt.topic_matches_sub(topic_filter, topic):
                found.extend(codecs)
        return found

    def _on_message(self, _c: mqtt.Client, _u: Any, message: mqtt.MQTTMessage) -> None:
        topic = message.topic
        matched = False
        for codec in self._codecs_for(topic):
            matched = True
            bay_id = codec.binding.bay_id
            try:
                events = codec.decode(topic, message.payload)
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

    def _on_publish(self, _c: mqtt.Client, _u: Any, mid: int, _r: Any, _p: Any) -> None:
        with self._lock:
            awaited = self._awaiting_ack.pop(mid, None)
            if awaited is None:
                self._early_acks.add(mid)
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
            info = self._client.publish(out.topic, out.payload, qos=QOS, retain=out.retain)
            if codec.replies:
                continue
            with self._lock:
                if info.mid in self._early_acks:
                    self._early_acks.discard(info.mid)
                    acked = i == len(messages) - 1
                else:
                    acked = False
                    if i == len(messages) - 1:
                        self._awaiting_ack[info.mid] = (command.bay_id, command.id)
            if acked:
                self._post(CommandReplied(command.bay_id, command.id, ok=True))
        log.info("command sent bay=%s id=%s action=%s", command.bay_id, command.id, command.action)
