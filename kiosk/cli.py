"""`kiosk …` subcommands. Expected failures end with one line on stderr, never a traceback.

Exit codes: 0 done, 1 a check or the runtime failed, 2 bad input (config, arguments).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__, logs
from kiosk.config import ConfigError, Settings, describe, load
from kiosk.credentials import CredentialError
from kiosk.resources import resource_path
from kiosk.store.database import StoreError, head_revision, open_database

log = logging.getLogger("kiosk")

DEFAULT_CONFIG = Path("/etc/evhub-kiosk/kiosk.toml")


class UsageError(Exception):
    """Bad input from the person at the command line (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logs.setup(args.log_level)
    try:
        return int(args.func(args))
    except (ConfigError, UsageError) as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return 2
    except (StoreError, CredentialError) as exc:
        print(f"kiosk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="EV charging hub kiosk")
    p.add_argument("--version", action="version", version=f"kiosk {__version__}")
    p.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser("demo", help="the whole app with a simulated hub (start here)")
    demo.add_argument("--data", type=Path, help="data folder (default: a fresh temporary one)")
    demo.add_argument("--fullscreen", action="store_true", help="frameless full screen")
    demo.set_defaults(func=_demo)

    run = sub.add_parser("run", help="run the kiosk for a real hub")
    run.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    run.add_argument("--headless", action="store_true", help="engine without the touchscreen")
    run.add_argument("--fullscreen", action="store_true", help="override ui.fullscreen")
    run.set_defaults(func=_run)

    doctor = sub.add_parser("doctor", help="check config, database, broker, devices, payments")
    doctor.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    doctor.set_defaults(func=_doctor)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser("upgrade", help="migrate the database to this version's schema")
    up.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    up.set_defaults(func=_db_upgrade)

    cfg = sub.add_parser("config", help="about kiosk.toml")
    cfg_sub = cfg.add_subparsers(dest="config_command", required=True, metavar="ACTION")
    keys = cfg_sub.add_parser("keys", help="every key with its type, default and meaning")
    keys.set_defaults(func=_config_keys)
    check = cfg_sub.add_parser("check", help="validate a config file")
    check.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    check.set_defaults(func=_config_check)
    return p


def demo_settings(data: Path | None) -> Settings:
    settings = load(resource_path("demo/kiosk.toml"))
    folder = data or Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    return dataclasses.replace(settings, data_dir=folder.resolve(), database_url="")


def _demo(args: argparse.Namespace) -> int:
    settings = demo_settings(args.data)
    print(f"kiosk demo: data in {settings.data_dir}", file=sys.stderr)
    return _serve(settings, headless=False, fullscreen=args.fullscreen, simulate=True)


def _run(args: argparse.Namespace) -> int:
    settings = load(args.config)
    fullscreen = args.fullscreen or settings.ui.fullscreen
    return _serve(settings, headless=args.headless, fullscreen=fullscreen, simulate=False)


def _serve(settings: Settings, *, headless: bool, fullscreen: bool, simulate: bool) -> int:
    from kiosk.hub import Hub

    if not headless and not _has_display():
        raise UsageError(
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset): start the kiosk from a "
            "graphical session, or use `kiosk run --headless` for the engine alone"
        )

    # Handlers first: a SIGTERM that arrives while the hub starts must still stop it cleanly.
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    hub = Hub(settings, simulate_chargers=simulate).start()
    try:
        if headless:
            stop.wait()
            return 0
        from kiosk.ui.app import run as run_ui

        return run_ui(
            hub.engine,
            timezone=settings.hub.timezone,
            fullscreen=fullscreen,
            width=settings.ui.width,
            height=settings.ui.height,
            stop=stop,
        )
    finally:
        hub.stop()


def _has_display() -> bool:
    env = os.environ
    platform = env.get("QT_QPA_PLATFORM", "")
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) or platform not in (
        "",
        "xcb",
        "wayland",
    )


def _doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import run_checks

    try:
        settings = load(args.config)
    except ConfigError as exc:
        print(f"FAIL config    {exc}")
        return 1
    failed = 0
    for check in run_checks(settings):
        print(f"{'ok  ' if check.ok else 'FAIL'} {check.name:<10} {check.detail}")
        failed += not check.ok
    return 1 if failed else 0


def _db_upgrade(args: argparse.Namespace) -> int:
    settings = load(args.config)
    db = open_database(settings.resolved_database_url, upgrade=True)
    try:
        print(f"database at revision {db.revision()} (head {head_revision()})")
    finally:
        db.close()
    return 0


def _config_check(args: argparse.Namespace) -> int:
    print(f"{load(args.config).source}: ok")
    return 0


def _config_keys(_args: argparse.Namespace) -> int:
    for key, type_name, default, doc in describe():
        print(f"{key}\n    type: {type_name}\n    default: {default}\n    {doc}")
    return 0
