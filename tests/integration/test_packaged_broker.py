"""The broker config shipped in packaging/mosquitto runs, and confines each charger to its bay."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import paho.mqtt.client as mqtt

from tests.conftest import REPO
from tests.services import free_port, make_certificates, require_binary, wait_for_port

PACKAGED = REPO / "packaging" / "mosquitto"


def client(port: int, user: str, password: str) -> mqtt.Client:
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"t-{user}", protocol=mqtt.MQTTv5)
    c.username_pw_set(user, password)
    ready = threading.Event()
    c.on_connect = lambda *_: ready.set()
    c.connect("127.0.0.1", port)
    c.loop_start()
    assert ready.wait(5)
    return c


def test_packaged_config_runs_and_the_acl_keeps_chargers_in_their_bay():
    # Not pytest's tmp_path: its parents are private, and mosquitto drops to its own user.
    tmp_path = Path(tempfile.mkdtemp(prefix="kiosk-broker-"))
    folder = tmp_path / "evhub"
    folder.mkdir()
    make_certificates(folder)
    port, tls_port = free_port(), free_port()
    conf = (PACKAGED / "evhub.conf").read_text()
    conf = conf.replace("/etc/mosquitto/evhub", str(folder))
    conf = conf.replace("/var/lib/mosquitto/", f"{tmp_path}/")
    conf = conf.replace("listener 1883 127.0.0.1", f"listener {port} 127.0.0.1")
    conf = conf.replace("listener 8883", f"listener {tls_port} 127.0.0.1")
    (folder / "mosquitto.conf").write_text(conf)
    (folder / "acl").write_text((PACKAGED / "acl").read_text())
    passwd = require_binary("mosquitto_passwd", "mosquitto")
    (folder / "passwd").touch()
    for user in ("kiosk", "bay-1"):
        subprocess.run([passwd, "-b", str(folder / "passwd"), user, f"pw-{user}"], check=True)
    for path in (tmp_path, *tmp_path.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)  # mosquitto drops to its own user
    broker = subprocess.Popen(
        [
            require_binary("mosquitto", "mosquitto", [Path("/usr/sbin")]),
            "-c",
            str(folder / "mosquitto.conf"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port)
        wait_for_port(tls_port)
        got: list[str] = []
        arrived = threading.Condition()

        def on_message(_c, _u, m) -> None:
            with arrived:
                got.append(m.topic)
                arrived.notify_all()

        kiosk = client(port, "kiosk", "pw-kiosk")
        kiosk.on_message = on_message
        kiosk.subscribe("evhub/#", qos=1)
        charger = client(port, "bay-1", "pw-bay-1")
        charger.publish("evhub/h/bays/bay-2/meter", b"{}", qos=1).wait_for_publish(5)
        charger.publish("evhub/h/bays/bay-1/meter", b"{}", qos=1).wait_for_publish(5)
        with arrived:
            assert arrived.wait_for(lambda: "evhub/h/bays/bay-1/meter" in got, 5)
        assert "evhub/h/bays/bay-2/meter" not in got  # another bay's topic: refused
        for c in (kiosk, charger):
            c.disconnect()
            c.loop_stop()
    finally:
        broker.terminate()
        broker.communicate(timeout=10)
        shutil.rmtree(tmp_path, ignore_errors=True)
