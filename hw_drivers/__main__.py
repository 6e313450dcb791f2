"""`python -m hw_drivers list | watch | print-test URI`: what a technician needs at a kiosk.

- `list [URI …]`: the readers and printers found here (and any given), with their state;
  exits 1 when a device given on the command line does not work.
- `watch [URI …]`: taps (card shown as a hash, never its number), removals and hot-plug, one
  line each, until Ctrl-C, `--count` taps or `--timeout` seconds.
- `print-test URI`: a test receipt with a QR code; exits 1 when the job fails.
"""

from __future__ import annotations

import argparse
import logging
import queue
import signal
import sys
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from hw_drivers.cardid import MIN_KEY_BYTES
from hw_drivers.events import (
    CardPresented,
    CardReadFailed,
    CardRemoved,
    DeviceEvent,
    PrinterStatusChanged,
    PrintJobCompleted,
    PrintJobDuplicate,
    PrintJobFailed,
    ReaderAttached,
    ReaderDetached,
)
from hw_drivers.probe import (
    Probe,
    discover_printers,
    discover_readers,
    probe_printer,
    probe_reader,
    wedge_candidates,
)
from hw_drivers.registry import drivers, open_printer, open_reader, printer_class, reader_class
from hw_drivers.uri import DeviceUri, UriError


def _kind(uri: str) -> str:
    parsed = DeviceUri.parse(uri)
    if parsed.scheme.startswith("escpos"):
        return "printer"
    try:
        reader_class(parsed)
    except UriError:
        printer_class(parsed)
        return "printer"
    return "reader"


def _show(probe: Probe) -> None:
    line = f"{probe.kind:<8} {probe.uri:<40} {probe.state:<14}"
    if probe.detail:
        line += f" {probe.detail}"
    print(line.rstrip())
    for part in probe.parts:
        print(f"{'':<8} {'':<40}   {part}")


def cmd_list(args: argparse.Namespace) -> int:
    for kind in ("reader", "printer"):
        usable = [
            f"{d.scheme} {'ok' if d.usable.ok else '(unusable: ' + d.usable.reason + ')'}"
            for d in drivers()
            if d.kind == kind
        ]
        print(f"{kind} drivers: " + ", ".join(usable))
    given = list(args.uri)
    found = discover_readers() + discover_printers()
    failed = False
    for uri in dict.fromkeys(found + given):
        try:
            kind = _kind(uri)
        except UriError as exc:
            print(f"error    {uri}: {exc}")
            failed = True
            continue
        probe = (probe_reader if kind == "reader" else probe_printer)(uri, timeout=args.timeout)
        _show(probe)
        failed |= uri in given and not probe.ok
    for uri in wedge_candidates():
        print(f"{'wedge?':<8} {uri}  (a keyboard; if it is an RFID reader use this URI)")
    return 1 if failed else 0


def _describe(event: DeviceEvent, key: bytes | None) -> str:
    if isinstance(event, CardPresented):
        shown = event.uid.hmac(key) if key is not None else str(event.uid)
        return f"tap      {event.device}  {event.reader}  {shown}  ({event.uid.length} bytes)"
    if isinstance(event, CardRemoved):
        return f"removed  {event.device}  {event.reader}"
    if isinstance(event, CardReadFailed):
        return f"unread   {event.device}  {event.reader}  {event.reason}"
    if isinstance(event, ReaderAttached):
        return f"attached {event.device}  {event.reader}"
    if isinstance(event, ReaderDetached):
        return f"detached {event.device}  {event.reader}  {event.reason}"
    return f"event    {event}"


def cmd_watch(args: argparse.Namespace) -> int:
    key = None
    if args.key_file:
        key = Path(args.key_file).read_bytes().strip()
        if len(key) < MIN_KEY_BYTES:
            print(f"the key in {args.key_file} is shorter than {MIN_KEY_BYTES} bytes")
            return 2
    events: queue.SimpleQueue[DeviceEvent] = queue.SimpleQueue()
    readers = [open_reader(uri, emit=events.put) for uri in (args.uri or discover_readers())]
    deadline = time.monotonic() + args.timeout if args.timeout else None
    taps = 0
    try:
        while args.count is None or taps < args.count:
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                return 1 if args.count else 0
            try:
                event = events.get(timeout=wait)
            except queue.Empty:
                continue
            print(_describe(event, key), flush=True)
            taps += isinstance(event, CardPresented)
    except KeyboardInterrupt:
        pass
    finally:
        for reader in readers:
            reader.close()
    return 0


def cmd_print_test(args: argparse.Namespace) -> int:
    from hw_drivers.printers.testpage import test_receipt

    events: queue.SimpleQueue[DeviceEvent] = queue.SimpleQueue()
    job_id = args.job_id or f"test-{uuid.uuid4().hex[:8]}"
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    printer = open_printer(args.uri, emit=events.put)
    try:
        where = printer.uri.text.split("?", 1)[0]
        printer.submit(test_receipt(job_id=job_id, where=where, when=when), job_id=job_id)
        deadline = time.monotonic() + args.timeout
        while (wait := deadline - time.monotonic()) > 0:
            try:
                event = events.get(timeout=wait)
            except queue.Empty:
                break
            if isinstance(event, PrinterStatusChanged):
                print(f"status   {event.state}", flush=True)
            elif isinstance(event, PrintJobCompleted):
                print(f"printed  job {job_id} on {printer.name}")
                return 0
            elif isinstance(event, PrintJobFailed | PrintJobDuplicate):
                print(f"failed   job {job_id}: {getattr(event, 'reason', 'duplicate id')}")
                return 1
        print(f"failed   job {job_id}: no outcome within {args.timeout:g} s")
        return 1
    finally:
        printer.close()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m hw_drivers", description=__doc__.split("\n")[0])
    top.add_argument("-v", "--verbose", action="store_true", help="log what the drivers do")
    sub = top.add_subparsers(dest="command", required=True)
    p = sub.add_parser("list", help="readers and printers found here, with their state")
    p.add_argument("uri", nargs="*", help="device URIs to check as well")
    p.add_argument("--timeout", type=float, default=3.0, help="seconds to wait per device")
    p.set_defaults(run=cmd_list)
    p = sub.add_parser("watch", help="print taps (hashed), removals and hot-plug")
    p.add_argument("uri", nargs="*", help="reader URIs (default: pcsc://)")
    p.add_argument("--count", type=int, help="stop after this many taps")
    p.add_argument("--timeout", type=float, help="stop after this many seconds")
    p.add_argument("--key-file", help="show HMAC-SHA256 under this key (what a kiosk stores)")
    p.set_defaults(run=cmd_watch)
    p = sub.add_parser("print-test", help="print a test receipt with a QR code")
    p.add_argument("uri", help="printer URI, e.g. escpos+tcp://10.0.0.9:9100?paper=58")
    p.add_argument("--job-id", help="job id (default: a fresh one)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the result")
    p.set_defaults(run=cmd_print_test)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s [%(threadName)s] %(message)s",
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        code: int = args.run(args)
    except UriError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
