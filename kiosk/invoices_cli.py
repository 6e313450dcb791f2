"""`kiosk invoices list|show|pdf|resend`: the parser. The commands (kiosk/invoices_commands.py)
need the database and the invoicing runtime, imported only when one of them runs, so that the
kiosk itself and every other command start without them.

`list`, `show` and `pdf` only read: they open the database read-only and take no lock, so they
work while the kiosk runs. `resend` queues an e-mail in the kiosk's outbox; it needs the
database's writer lock, so it runs while the kiosk is stopped (it says so in one line if the
kiosk holds the lock) and the kiosk sends the e-mail when it runs again. A running kiosk has no
control channel to take the request from a tool, and a second writer would break the
"one writer" rule the numbering and the outbox rely on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_CONFIG = Path("/etc/evhub-kiosk/kiosk.toml")  # the same default as the other commands
LANGUAGES = ("en", "de", "fr", "nl")


def _command(name: str):  # type: ignore[no-untyped-def]
    def run(args: argparse.Namespace) -> int:
        from kiosk import invoices_commands

        return int(getattr(invoices_commands, name)(args))

    return run


def add_arguments(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `invoices` and its actions to the `kiosk` subcommands."""
    parser = sub.add_parser("invoices", help="issued invoices and credit notes")
    actions = parser.add_subparsers(dest="invoices_command", required=True, metavar="ACTION")

    def action(name: str, help_text: str, command: str) -> argparse.ArgumentParser:
        p = actions.add_parser(name, help=help_text)
        p.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
        p.set_defaults(func=_command(command))
        return p

    listing = action("list", "the newest invoices and credit notes", "list_invoices")
    listing.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    listing.add_argument("--series", help="only this number series")
    action("show", "one document in full", "show_invoice").add_argument("number")
    pdf = action("pdf", "the PDF of a document, as issued", "pdf_invoice")
    pdf.add_argument("number")
    pdf.add_argument("--out", type=Path, help="file to write (default: ./<NUMBER>.pdf)")
    pdf.add_argument("--language", choices=LANGUAGES)
    resend = action("resend", "e-mail a document again (the kiosk sends it)", "resend_invoice")
    resend.add_argument("number")
    resend.add_argument("--to", required=True, metavar="ADDRESS", help="recipient address")
    resend.add_argument("--language", choices=LANGUAGES)
