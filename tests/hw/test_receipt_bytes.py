"""Receipts become the same ESC/POS bytes as python-escpos's own calls, on every transport."""

from __future__ import annotations

import pytest

from hw_drivers import Cut, Paper, PrintJobCompleted, Receipt, Text
from hw_drivers.printers.render import RenderError, render
from tests.hw.escpos_decode import decode
from tests.hw.receipts import PORTAL, logo_png, session_receipt, session_receipt_by_hand


@pytest.mark.parametrize(("paper", "columns"), [(Paper.MM58, 32), (Paper.MM80, 48)])
def test_a_receipt_is_byte_for_byte_what_python_escpos_prints(paper, columns):
    assert render(session_receipt(), paper=paper) == session_receipt_by_hand(columns)


def test_the_decoded_receipt_has_its_text_styles_qr_and_cut():
    doc = decode(render(session_receipt(), paper=Paper.MM58))
    assert doc.line("Evhub Riverside").bold
    assert (doc.line("Evhub Riverside").width, doc.line("Evhub Riverside").height) == (2, 2)
    assert doc.line("Bay 3 · CCS2").align == "center"
    assert doc.line("Energy                 12.34 kWh").text == "Energy                 12.34 kWh"
    assert doc.line("Total" + " " * 21 + "5,31 €").bold
    thanks = doc.line("Thank you")
    assert (thanks.align, thanks.underline) == ("right", True)
    assert max(len(line.text) for line in doc.lines) == 32
    [qr] = doc.qr_codes
    assert (qr.data.decode(), qr.model, qr.module_size, qr.level, qr.align) == (
        PORTAL,
        2,
        6,
        "M",
        "center",
    )
    assert qr.read_back() == PORTAL
    assert [c.mode for c in doc.cuts] == ["full"]
    assert doc.items[-1] == doc.cuts[0], "the cut is the last thing printed"


def test_long_text_wraps_at_word_boundaries_to_the_paper():
    text = "Your charging session has ended and the receipt is also on the portal"
    doc = decode(render(Receipt((Text(text),)), paper=Paper.MM58))
    lines = [line.text for line in doc.lines if line.text]
    assert all(len(line) <= 32 for line in lines)
    assert " ".join(lines) == text


@pytest.mark.parametrize(("cut", "expected"), [(Cut.PARTIAL, ["partial"]), (Cut.NONE, [])])
def test_cut_modes(cut, expected):
    doc = decode(render(Receipt((Text("x"),), cut=cut)))
    assert [c.mode for c in doc.cuts] == expected


def test_a_logo_is_printed_as_a_raster_image_centred_on_the_paper():
    doc = decode(render(session_receipt(logo=logo_png()), paper=Paper.MM80))
    [image] = doc.images
    assert image.width == 576
    picture = image.image()
    box = picture.point(lambda v: 255 if v < 128 else 0).getbbox()  # the black area
    assert box is not None
    left, top, right, bottom = box
    assert (right - left, bottom - top) == (120, 40)
    assert abs(left - (576 - right)) <= 8, "the logo should be centred"
    assert picture.getpixel((left + 15, top + 15)) > 128, "the logo's white window survives"
    assert doc.items[0] is image, "the logo comes first"


def test_a_logo_wider_than_the_paper_is_scaled_down():
    doc = decode(render(Receipt((Text("x"),), logo=logo_png(1000, 100)), paper=Paper.MM58))
    assert doc.images[0].width == 384
    assert doc.images[0].height < 100


def test_a_broken_logo_or_unknown_profile_is_a_render_error():
    with pytest.raises(RenderError, match="logo"):
        render(Receipt((Text("x"),), logo=b"not an image"))
    with pytest.raises(RenderError, match="profile"):
        render(Receipt((Text("x"),)), profile="no-such-printer")


def test_text_cannot_carry_printer_commands():
    with pytest.raises(ValueError, match="control character"):
        Text("Name\x1b@\x1dV\x00")


def test_every_transport_sends_the_same_bytes(
    printer, events, loopback_printer, pty_printer, tmp_path
):
    receipt = session_receipt(logo=logo_png())
    expected = render(receipt, paper=Paper.MM58)
    paper_file = tmp_path / "lp0"
    paper_file.write_bytes(b"")
    tcp = printer(f"{loopback_printer.uri}?paper=58&poll_s=0")
    serial = printer(f"{pty_printer.uri}&paper=58&poll_s=0")
    file = printer(f"escpos+file://{paper_file}?paper=58")
    simulated = printer("simulated://?paper=58")
    for device in (tcp, serial, file, simulated):
        device.submit(receipt, job_id="receipt-1")
    events.wait_count(PrintJobCompleted, 4, job_id="receipt-1")
    assert loopback_printer.wait_data(len(expected)) == expected
    assert pty_printer.wait_data(len(expected)) == expected
    assert paper_file.read_bytes() == expected
    assert simulated.printed == expected
