"""`python -m hw_drivers list | watch | print-test` as a technician runs them."""

from __future__ import annotations

import hashlib
import hmac
import os
import subprocess
import sys

from tests.conftest import REPO
from tests.hw.conftest import SLOT0, SLOT1
from tests.hw.escpos_decode import decode

UID = bytes.fromhex("04A1B2C3D4E5F6")
HW = [sys.executable, "-m", "hw_drivers"]


def hw(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*HW, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        check=False,
    )


def test_list_finds_the_virtual_reader_and_a_loopback_printer(pcscd, loopback_printer):
    result = hw("list", loopback_printer.uri)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "reader   pcsc://" in out
    assert f"{SLOT0}: no card" in out
    assert f"{SLOT1}: no card" in out
    printer_line = next(line for line in out.splitlines() if loopback_printer.uri in line)
    assert printer_line.split()[:3] == ["printer", loopback_printer.uri, "ready"]
    assert loopback_printer.status_requests >= 1


def test_list_fails_when_a_given_printer_cannot_print(pcscd, loopback_printer):
    loopback_printer.condition.paper = "out"
    result = hw("list", loopback_printer.uri)
    assert result.returncode == 1
    assert "paper out" in result.stdout


def test_watch_shows_a_tap_with_a_hashed_uid_never_the_uid(pcscd, tmp_path):
    key = tmp_path / "card_key"
    key.write_bytes(b"0123456789abcdef0123456789abcdef\n")
    os.chmod(key, 0o600)
    watch = subprocess.Popen(
        [*HW, "watch", "--count", "1", "--timeout", "30", "--key-file", str(key), "pcsc://"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert watch.stdout is not None
        seen = [watch.stdout.readline(), watch.stdout.readline()]  # both readers attached
        assert all(line.startswith("attached") for line in seen), seen
        with pcscd.card(SLOT1, UID):
            out, err = watch.communicate(timeout=30)
    finally:
        if watch.poll() is None:
            watch.kill()
            watch.communicate()
    assert watch.returncode == 0, err
    [tap] = [line for line in out.splitlines() if line.startswith("tap")]
    expected = hmac.new(b"0123456789abcdef0123456789abcdef", UID, hashlib.sha256).hexdigest()
    assert expected in tap
    assert SLOT1 in tap
    everything = "".join(seen) + out + err
    assert UID.hex() not in everything.lower()


def test_print_test_prints_a_receipt_with_a_qr_code(loopback_printer):
    result = hw("print-test", f"{loopback_printer.uri}?paper=58", "--job-id", "install-1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "printed  job install-1" in result.stdout
    doc = decode(loopback_printer.wait_data(1))
    assert doc.line("PRINT TEST").bold
    assert doc.qr_codes[0].read_back() == "hw-drivers print test install-1"
    assert [c.mode for c in doc.cuts] == ["full"]
    assert max(len(line.text) for line in doc.lines) == 32


def test_print_test_reports_a_failed_job(loopback_printer):
    loopback_printer.condition.cover_open = True
    result = hw("print-test", loopback_printer.uri, "--job-id", "install-2")
    assert result.returncode == 1
    assert "failed   job install-2: printer cover open" in result.stdout


def test_a_bad_uri_is_a_one_line_error(loopback_printer):
    result = hw("print-test", "escpos+tcp://")
    assert result.returncode == 2
    assert result.stderr.startswith("error: escpos+tcp://")
    assert "Traceback" not in result.stderr
