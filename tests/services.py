"""Real outside components for tests: started on free loopback ports, stopped afterwards.

A missing component is a test failure with the command that installs it, never a skip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def require_binary(name: str, package: str, search: list[Path] | None = None) -> str:
    for folder in search or []:
        if (folder / name).is_file():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is missing: install the Debian package {package} "
            f"(`make test` does it when run as root)",
            pytrace=False,
        )
    return found


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@contextmanager
def postgres_server() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a free loopback port; yields its SQLAlchemy URL."""
    initdb = require_binary("initdb", "postgresql", PG_BIN_DIRS)
    pg_ctl = require_binary("pg_ctl", "postgresql", PG_BIN_DIRS)
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    data = folder / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = "postgres"
        try:
            pw = pwd.getpwnam(user)
        except KeyError:
            pytest.fail(
                "user 'postgres' is missing: install the Debian package postgresql", pytrace=False
            )
        os.chown(folder, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", user, "--"]
    subprocess.run(
        [*run_as, initdb, "-D", str(data), "-U", "kiosk", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on"
    subprocess.run(
        [*run_as, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        wait_for_port(port)
        subprocess.run(
            [
                *run_as,
                str(Path(initdb).with_name("createdb")),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "kiosk",
                "kiosk",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://kiosk@127.0.0.1:{port}/kiosk"
    finally:
        subprocess.run(
            [*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def xvfb_display() -> Iterator[str]:
    """A real X server (Xvfb) on a free display number; yields the DISPLAY value."""
    xvfb = require_binary("Xvfb", "xvfb")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display number")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def poll(predicate, *, timeout: float, interval: float = 0.1):
    """Ask an outside program until it says yes (for things that cannot signal us)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"not true after {timeout} s")


@dataclass
class Mosquitto:
    """A real mosquitto on a loopback port, restartable on the same port."""

    port: int
    folder: Path
    tls: bool = False
    users: dict[str, str] | None = None
    proc: subprocess.Popen[bytes] | None = None

    @property
    def ca_file(self) -> Path:
        return self.folder / "ca.pem"

    @property
    def client_cert(self) -> Path:
        return self.folder / "client.pem"

    @property
    def client_key(self) -> Path:
        return self.folder / "client.key"

    def write_config(self) -> Path:
        lines = [
            "per_listener_settings false",
            f"listener {self.port} 127.0.0.1",
            # A hub's broker must never drop QoS 1 messages for a slow kiosk (TESTBED).
            "max_queued_messages 0",
            "max_inflight_messages 0",
            "persistence false",
            "log_dest stderr",
            "log_type error",
        ]
        if self.users:
            lines += ["allow_anonymous false", f"password_file {self.folder / 'passwd'}"]
        else:
            lines.append("allow_anonymous true")
        if self.tls:
            lines += [
                f"cafile {self.ca_file}",
                f"certfile {self.folder / 'server.pem'}",
                f"keyfile {self.folder / 'server.key'}",
                "require_certificate true",
            ]
        path = self.folder / "mosquitto.conf"
        path.write_text("\n".join(lines) + "\n")
        return path

    def start(self) -> None:
        binary = require_binary("mosquitto", "mosquitto", [Path("/usr/sbin")])
        config = self.write_config()
        self.proc = subprocess.Popen(
            [binary, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        try:
            wait_for_port(self.port, 10)
        except TimeoutError:
            self.proc.kill()
            _, err = self.proc.communicate()
            raise RuntimeError(f"mosquitto did not start: {err.decode()[-500:]}") from None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.communicate(timeout=10)
            self.proc = None


def _openssl(*args: str, cwd: Path) -> None:
    openssl = require_binary("openssl", "openssl")
    subprocess.run([openssl, *args], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder: Path) -> None:
    """A throw-away CA, a server certificate for 127.0.0.1 and a client certificate."""
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=kiosk-test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        cwd=folder,
    )
    for name, cn in (("server", "127.0.0.1"), ("client", "kiosk")):
        _openssl(
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            f"/CN={cn}",
            "-keyout",
            f"{name}.key",
            "-out",
            f"{name}.csr",
            cwd=folder,
        )
        ext = folder / f"{name}.ext"
        ext.write_text("subjectAltName=IP:127.0.0.1\n" if name == "server" else "")
        _openssl(
            "x509",
            "-req",
            "-in",
            f"{name}.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            str(ext),
            "-out",
            f"{name}.pem",
            cwd=folder,
        )


@contextmanager
def mosquitto_broker(
    *, tls: bool = False, users: dict[str, str] | None = None
) -> Iterator[Mosquitto]:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-mqtt-"))
    folder.chmod(0o755)  # mosquitto drops to its own user when started as root
    broker = Mosquitto(free_port(), folder, tls=tls, users=users)
    if tls:
        make_certificates(folder)
    if users:
        passwd = require_binary("mosquitto_passwd", "mosquitto")
        pw_file = folder / "passwd"
        pw_file.touch()
        for user, password in users.items():
            subprocess.run(
                [passwd, "-b", str(pw_file), user, password], check=True, capture_output=True
            )
    for path in folder.iterdir():
        path.chmod(0o644)
    try:
        broker.start()
        yield broker
    finally:
        broker.stop()
        shutil.rmtree(folder, ignore_errors=True)
