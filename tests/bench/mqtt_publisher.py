"""Publisher process for the MQTT bench: native meter readings for many bays, flat out or paced.

    python -m tests.bench.mqtt_publisher PORT HUB BAYS RATE_HZ COUNT [spread|lockstep]

RATE_HZ 0 publishes as fast as the client can. Paced, `spread` (the default) gives each bay its
own phase, as independent chargers have: one reading every 1/RATE_HZ s in turn. `lockstep`
sends every bay's reading at the same instant, the worst case of synchronised chargers. Each
payload's `ts` is the wall-clock time of publishing, so the receiver can measure publish →
snapshot latency on the same machine.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime

import paho.mqtt.client as mqtt


def main() -> None:
    port, hub, bays, rate, count = (
        int(sys.argv[1]),
        sys.argv[2],
        int(sys.argv[3]),
        float(sys.argv[4]),
        int(sys.argv[5]),
    )
    lockstep = len(sys.argv) > 6 and sys.argv[6] == "lockstep"
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, protocol=mqtt.MQTTv5)
    client.max_queued_messages_set(0)
    client.connect("127.0.0.1", port)
    client.loop_start()
    topics = [f"evhub/{hub}/bays/bay-{i}/meter" for i in range(1, bays + 1)]
    interval = bays / rate if rate else 0.0  # one round of all bays per interval
    start = time.perf_counter()
    infos = []
    for n in range(count):
        bay = n % bays
        seq = n // bays + 1
        due = start + (seq - 1) * interval if lockstep else start + n / rate if rate else 0.0
        if interval and (bay == 0 or not lockstep):
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
        body = {
            "ts": datetime.now(UTC).isoformat(),
            "seq": seq,
            "energy_wh": seq * 10,
            "power_w": 11000,
        }
        infos.append(client.publish(topics[bay], json.dumps(body), qos=1))
    for info in infos:
        info.wait_for_publish(60)
    client.disconnect()
    client.loop_stop()


if __name__ == "__main__":
    main()
