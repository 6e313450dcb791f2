"""The charger link's socket process: one paho client, and nothing else, in its own interpreter.

Why a process: on a 2-core kiosk, paho's Python receive loop (≈ 45 µs a message) and the engine
(≈ 35 µs a reading) cannot share one GIL at 10,000 readings/s; two busy threads in one
interpreter spent more time handing the GIL back and forth than working, and every batch the
engine ran stalled the socket (and the touchscreen) by milliseconds. Here the socket has a core
of its own; the kiosk gets messages in batches over a local pipe and decodes them itself.

    python -c 'from kiosk.adapters.mqtt.wire import main; main()' FD

FD is one end of a socket pair, spoken to with `multiprocessing.connection.Connection`
(length-prefixed pickles of plain tuples). The kiosk sends a `WireSpec` first, then
`("pub", token, topic, payload, retain)` and finally `("stop",)`. This process sends lists of
`("msg", topic, payload)`, `("up", session_present)`, `("down", reason)`, `("ack", token)` and
`("log", level, text)`, in the order they happened, and `("stopped",)` last. If the kiosk
disappears (end of file on the pipe) the process exits without a DISCONNECT, so the broker
publishes the kiosk's last will.

This module imports only the standard library and paho: it starts in ≈ 70 ms.
"""

from __future__ import annotations

import logging
import os
import queue
import ssl
import sys
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

QOS = 1
#: Messages per pipe write at most; under load a batch fills up, when quiet each goes alone.
BATCH_MAX = 500


@dataclass(frozen=True, slots=True)
class WireSpec:
    """Everything the socket process needs: plain values only (it is pickled to the child)."""

    host: str
    port: int
    client_id: str
    subscriptions: tuple[str, ...]
    status_topic: str
    online_payload: bytes
    offline_payload: bytes
    protocol: str = "5"  # "5" or "3.1.1"
    session_expiry_s: int = 86_400
    keepalive_s: int = 30
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: bool = False
    ca_file: str | None = None
    cert_file: str | None = None
    key_file: str | None = None


class _Socket:
    """The paho client and its two helper threads (sender to the kiosk, receiver of commands)."""

    def __init__(self, conn: Connection, spec: WireSpec) -> None:
        self._conn = conn
        self._spec = spec
        self._out: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._subscribe_mid: int | None = None
        # mid → token for publishes whose broker PUBACK the kiosk waits for. The PUBACK can
        # beat `publish()` returning the mid, so early acks are kept too. Never hold this lock
        # while calling paho: paho calls on_publish under its own lock.
        self._lock = threading.Lock()
        self._awaiting: dict[int, int] = {}
        self._early: set[int] = set()
        self._client = self._build()

    def _build(self) -> mqtt.Client:
        s = self._spec
        v5 = s.protocol == "5"
        client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=s.client_id,
            protocol=mqtt.MQTTv5 if v5 else mqtt.MQTTv311,
            clean_session=None if v5 else False,  # 3.1.1: a persistent session, no expiry
        )
        client.will_set(s.status_topic, s.offline_payload, qos=QOS, retain=True)
        if s.username:
            client.username_pw_set(s.username, s.password)
        if s.tls:
            client.tls_set(
                ca_certs=s.ca_file,
                certfile=s.cert_file,
                keyfile=s.key_file,
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

    # --- lifecycle ---------------------------------------------------------------------------

    def run(self) -> None:
        sender = threading.Thread(target=self._send_loop, name="wire-send", daemon=True)
        sender.start()
        s = self._spec
        if s.protocol == "5":
            props = Properties(PacketTypes.CONNECT)
            props.SessionExpiryInterval = s.session_expiry_s
            self._client.connect_async(
                s.host,
                s.port,
                keepalive=s.keepalive_s,
                clean_start=False,  # keep subscriptions and queued messages across restarts
                properties=props,
            )
        else:
            self._client.connect_async(s.host, s.port, keepalive=s.keepalive_s)
        self._client.loop_start()
        try:
            self._command_loop()
        finally:
            self._out.put(None)
            sender.join(5)

    def _command_loop(self) -> None:
        while True:
            try:
                command = self._conn.recv()
            except (EOFError, OSError):
                # The kiosk is gone: leave without DISCONNECT so the broker sends the last will.
                os._exit(1)
            if command[0] == "pub":
                _, token, topic, payload, retain = command
                self._publish(token, topic, payload, retain)
            elif command[0] == "stop":
                self._stop()
                return

    def _stop(self) -> None:
        if self._client.is_connected():
            info = self._client.publish(
                self._spec.status_topic, self._spec.offline_payload, qos=QOS, retain=True
            )
            info.wait_for_publish(timeout=3)
        self._client.disconnect()
        self._client.loop_stop()
        self._out.put(("stopped",))

    def _send_loop(self) -> None:
        """Forward what happened to the kiosk, many items per write when they come quickly."""
        while True:
            item = self._out.get()
            if item is None:
                return
            items = [item]
            while len(items) < BATCH_MAX:
                try:
                    more = self._out.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._write(items)
                    return
                items.append(more)
            self._write(items)

    def _write(self, items: list[tuple[Any, ...]]) -> None:
        try:
            self._conn.send(items)
        except OSError:
            os._exit(1)  # the kiosk is gone (see _command_loop)

    # --- commands ----------------------------------------------------------------------------

    def _publish(self, token: int | None, topic: str, payload: bytes, retain: bool) -> None:
        info = self._client.publish(topic, payload, qos=QOS, retain=retain)
        if token is None:
            return
        with self._lock:
            acked = info.mid in self._early
            if acked:
                self._early.discard(info.mid)
            else:
                self._awaiting[info.mid] = token
        if acked:
            self._out.put(("ack", token))

    # --- paho callbacks (paho's thread) --------------------------------------------------------

    def _on_connect(self, client: mqtt.Client, _u: Any, flags: Any, reason: Any, _p: Any) -> None:
        if reason.is_failure:
            self._log(logging.ERROR, f"broker refused the connection: {reason}")
            return
        self._log(
            logging.INFO,
            f"connected to broker {self._spec.host}:{self._spec.port} "
            f"session_present={flags.session_present}",
        )
        # Subscribing again is harmless when the session was kept, and needed when it was not.
        # "up" is sent once the broker has confirmed them: then nothing can slip past.
        _, self._subscribe_mid = client.subscribe(
            [(topic_filter, QOS) for topic_filter in self._spec.subscriptions]
        )
        client.publish(self._spec.status_topic, self._spec.online_payload, qos=QOS, retain=True)

    def _on_subscribe(
        self, _c: mqtt.Client, _u: Any, mid: int, reasons: list[Any], _p: Any
    ) -> None:
        if mid != self._subscribe_mid:
            return
        refused = [str(r) for r in reasons if r.is_failure]
        if refused:
            self._log(logging.ERROR, f"broker refused subscriptions: {', '.join(refused)}")
        self._out.put(("up",))

    def _on_disconnect(self, _c: mqtt.Client, _u: Any, _f: Any, reason: Any, _p: Any) -> None:
        self._out.put(("down", str(reason)))

    def _on_message(self, _c: mqtt.Client, _u: Any, message: mqtt.MQTTMessage) -> None:
        self._out.put(("msg", message.topic, message.payload))

    def _on_publish(self, _c: mqtt.Client, _u: Any, mid: int, _r: Any, _p: Any) -> None:
        with self._lock:
            token = self._awaiting.pop(mid, None)
            if token is None:
                self._early.add(mid)
        if token is not None:
            self._out.put(("ack", token))

    def _log(self, level: int, text: str) -> None:
        self._out.put(("log", level, text))


def main(argv: list[str] | None = None) -> int:
    conn = Connection(int((argv if argv is not None else sys.argv[1:])[0]))
    try:
        spec = conn.recv()
    except (EOFError, OSError):
        return 1
    if not isinstance(spec, WireSpec):
        return 2
    _Socket(conn, spec).run()
    conn.close()
    return 0
