"""The test receipt `python -m hw_drivers print-test` prints: every block type, a QR, a cut."""

from __future__ import annotations

from hw_drivers.receipt import Align, Columns, Feed, Qr, Receipt, Rule, Size, Text


def test_receipt(*, job_id: str, where: str, when: str) -> Receipt:
    """A receipt an installer can check by eye: alignment, emphasis, width, QR, cut."""
    return Receipt(
        (
            Text("PRINT TEST", align=Align.CENTER, bold=True, size=Size.LARGE),
            Text("hw_drivers", align=Align.CENTER),
            Rule("="),
            Columns("Printer", where),
            Columns("Time", when),
            Columns("Job", job_id),
            Rule(),
            Text("left"),
            Text("centre", align=Align.CENTER),
            Text("right", align=Align.RIGHT),
            Text("bold", bold=True),
            Text("underlined", underline=True),
            Text("tall", size=Size.TALL),
            Text("äöü ß € £", align=Align.CENTER),
            Rule(),
            Text("Scan: the phone should read the job id.", align=Align.CENTER),
            Qr(f"hw-drivers print test {job_id}"),
            Feed(),
            Text("If this is cut cleanly below, the cutter works.", align=Align.CENTER),
        )
    )
