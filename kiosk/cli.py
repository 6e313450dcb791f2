"""`kiosk …` subcommands. Expected failures end with one line on stderr, never a traceback.

Exit codes: 0 done, 1 a check or the runtime failed, 2 bad input (config, arguments).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kiosk import __version__, invoices_cli, logs, pricing_cli
from kiosk.config import ConfigError, Settings, describe, load
from kiosk.credentials import CredentialError
from kiosk.events_out import EventWriter
from kiosk.resources import resource_path
from kiosk.store.errors import StoreError

if TYPE_CHECKING:
    from kiosk.hub import Hub
    from kiosk.ui.devpanel import BayActions

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
    demo.add_argument("--headless", action="store_true", help="engine and chargers, no screen")
    demo.add_argument("--events", metavar="FILE", help="engine events as JSON lines ('-': stdout)")
    demo.set_defaults(func=_demo)

    run = sub.add_parser("run", help="run the kiosk for a real hub")
    run.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    run.add_argument("--headless", action="store_true", help="engine without the touchscreen")
    run.add_argument("--fullscreen", action="store_true", help="override ui.fullscreen")
    run.add_argument("--events", metavar="FILE", help="engine events as JSON lines ('-': stdout)")
    run.set_defaults(func=_run)

    simulate = sub.add_parser("simulate", help="simulated chargers on an MQTT broker")
    simulate.add_argument("--broker", required=True, metavar="HOST:PORT")
    simulate.add_argument("--bays", type=int, required=True, help="how many chargers")
    simulate.add_argument(
        "--rate",
        type=float,
        default=1.0,
        metavar="HZ",
        help="meter messages per second per charger",
    )
    simulate.add_argument("--dialect", choices=["native", "everest", "openevse"], default="native")
    simulate.add_argument("--hub", default="demo-hub", help="hub id in native topics")
    simulate.add_argument(
        "--faults",
        default="",
        metavar="NAME=P,...",
        help="drop, duplicate, reorder, garbage, reset, offline probabilities",
    )
    simulate.add_argument("--protocol", choices=["5", "3.1.1"], default="5")
    simulate.set_defaults(func=_simulate)

    doctor = sub.add_parser("doctor", help="check config, database, broker, devices, payments")
    doctor.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    doctor.set_defaults(func=_doctor)

    price = sub.add_parser("price", help="price an OCPI 2.2.1 CDR against an OCPI tariff")
    pricing_cli.add_arguments(price)
    price.set_defaults(func=pricing_cli.run)

    invoices_cli.add_arguments(sub)

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
    # The download portal on a free loopback port, so the receipt's QR code opens the invoice
    # on this machine (a real hub puts its public address behind a reverse proxy here).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    invoicing = dataclasses.replace(
        settings.invoicing,
        portal_bind="127.0.0.1",
        portal_port=port,
        public_base_url=f"http://127.0.0.1:{port}",
    )
    return dataclasses.replace(
        settings, data_dir=folder.resolve(), database_url="", invoicing=invoicing
    )


def _demo(args: argparse.Namespace) -> int:
    from kiosk.sim.demo import bay_actions, demo

    settings = demo_settings(args.data)
    print(f"kiosk demo: data in {settings.data_dir}", file=sys.stderr)
    running: list[Any] = []

    @contextmanager
    def demo_hub() -> Iterator[Hub]:
        with demo(settings) as started:
            running.append(started)
            yield started.hub

    return _serve(
        settings,
        demo_hub,
        headless=args.headless,
        fullscreen=args.fullscreen,
        events=args.events,
        demo=lambda: bay_actions(running[0].fleet),
    )


def _run(args: argparse.Namespace) -> int:
    from kiosk.hub import Hub

    settings = load(args.config)
    return _serve(
        settings,
        lambda: Hub(settings),
        headless=args.headless,
        fullscreen=args.fullscreen or settings.ui.fullscreen,
        events=args.events,
    )


def _serve(
    settings: Settings,
    hub_factory: Callable[[], AbstractContextManager[Hub]],
    *,
    headless: bool,
    fullscreen: bool,
    events: str | None,
    demo: Callable[[], BayActions] | None = None,
) -> int:
    if not headless and not _has_display():
        raise UsageError(
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset): start the kiosk from a "
            "graphical session, or use --headless for the engine alone"
        )
    if not headless:
        from kiosk.ui.i18n import missing_catalogues

        missing = missing_catalogues([c for c in settings.hub.languages if c != "en"])
        if missing:
            raise UsageError(
                f"translations not built ({', '.join(p.name for p in missing)} missing): run "
                "`make translations` (python scripts/translations.py build)"
            )
    # Handlers first: a SIGTERM that arrives while the hub starts must still stop it cleanly.
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    with ExitStack() as running:

        def start_hub() -> Hub:
            hub = running.enter_context(hub_factory())
            stream = running.enter_context(_event_stream(events))
            if stream is not None:
                hub.engine.on_record(EventWriter(stream))
            return hub

        if headless:
            start_hub()
            stop.wait()
            return 0
        # The window first, from the config alone; the hub starts behind it (kiosk/ui/starting.py).
        from kiosk.ui.starting import Started, StartingPort, first_snapshot
        from kiosk.ui.starting import run as run_ui

        def start() -> Started:
            hub = start_hub()
            from kiosk.ui.vm_receipt import ReceiptOptions

            actions, hands = None, None
            if demo is not None:
                from kiosk.sim.demo import dev_actions, seed_member

                seed_member(hub)
                actions, hands = dev_actions(hub), demo()
            invoicing = hub.invoicing
            receipts = ReceiptOptions(
                paper=invoicing is not None and invoicing.printer is not None,
                email=invoicing is not None and invoicing.mailer is not None,
                link=invoicing is not None and invoicing.portal is not None,
            )
            return Started(hub.engine, receipts, actions, hands)

        return run_ui(
            StartingPort(first_snapshot(settings)),
            start,
            timezone=settings.hub.timezone,
            fullscreen=fullscreen,
            width=settings.ui.width,
            height=settings.ui.height,
            stop=stop,
            languages=settings.hub.languages,
        )


@contextmanager
def _event_stream(target: str | None) -> Iterator[TextIO | None]:
    if target is None:
        yield None
    elif target == "-":
        yield sys.stdout
    else:
        try:
            with open(target, "a", encoding="utf-8") as stream:
                yield stream
        except OSError as exc:
            raise UsageError(f"--events {target}: {exc.strerror}") from None


def _simulate(args: argparse.Namespace) -> int:
    from kiosk.sim.fleet import ChargerFleet, Faults, fleet_bays

    host, _, port = args.broker.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"--broker {args.broker!r}: expected HOST:PORT")
    if args.bays < 1 or args.rate <= 0:
        raise UsageError("--bays must be at least 1 and --rate above 0")
    try:
        faults = Faults.parse(args.faults)
    except ValueError as exc:
        raise UsageError(f"--faults: {exc}") from None
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    fleet = ChargerFleet(
        host=host,
        port=int(port),
        bays=fleet_bays(args.bays, args.dialect, args.hub),
        rate_hz=args.rate,
        faults=faults,
        protocol=args.protocol,
    )
    fleet.start()
    print(f"simulating {args.bays} {args.dialect} chargers on {args.broker}", file=sys.stderr)
    stop.wait()
    fleet.stop()
    return 0


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
    from kiosk.store.database import head_revision, open_database

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
