"""The invoice model: totals equal the captured amount to the cent, whatever the session."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain.invoice import (
    DocumentKind,
    InvoiceError,
    InvoiceNumber,
    LineKind,
    Payment,
    SessionFacts,
    apportion,
    credit_note_for,
    format_number,
    invoice_from,
    invoice_from_dict,
    invoice_to_dict,
    parse_number,
)
from kiosk.domain.tariff import RunningCost, load_cdr, load_tariff, price_cdr
from tests.invoicing.samples import SELLER, T0, ad_hoc_tariff, sample_invoice, session_price
from tests.unit.tariff.build import component, element, tariff
from tests.unit.tariff.test_running import ZONES, sessions, tariffs

D = Decimal
CENT = D("0.01")
CASES = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "ocpi-tariffs"


def facts(start=T0, end=None) -> SessionFacts:
    return SessionFacts("s-1", "bay-1", start, end or start + timedelta(hours=1))


def build(price, t, **kwargs):
    return invoice_from(
        number=InvoiceNumber("RIV", 1),
        issued_at=T0,
        seller=SELLER,
        session=facts(),
        price=price,
        tariff=t,
        **kwargs,
    )


def assert_reconciles(invoice, price) -> None:
    total = price.total_cost
    assert invoice.gross == total.incl_vat
    assert invoice.net == total.excl_vat
    assert invoice.vat == total.incl_vat - total.excl_vat
    totals = invoice.vat_totals
    assert sum(t.net for t in totals) == invoice.net
    assert sum(t.vat for t in totals) == invoice.vat
    assert sum(t.gross for t in totals) == invoice.gross
    for t in totals:
        mine = [line for line in invoice.lines if line.vat_rate == t.rate]
        assert sum(line.gross for line in mine) == t.gross
    for line in invoice.lines:
        assert line.net == line.net.quantize(CENT) and line.vat == line.vat.quantize(CENT)


# -- the property the whole design is for -----------------------------------------------


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tariffs(), sessions(), st.sampled_from(ZONES), st.integers(1, 10_000))
def test_invoice_totals_equal_the_session_price_for_random_sessions(t, session, zone, cents):
    start, slices = session
    running = RunningCost(t, start=start, zone=zone)
    for piece in slices:
        running.add(piece)
    price = running.current()
    invoice = build(price, t)
    assert_reconciles(invoice, price)
    rates = {c.vat for e in t.elements for c in e.price_components}
    assert {line.vat_rate for line in invoice.lines} <= rates | {None}
    # each dimension's lines stay within a cent of what the screen showed for it
    shown = {
        LineKind.ENERGY: price.total_energy_cost,
        LineKind.CHARGING_TIME: price.total_time_cost,
        LineKind.PARKING_TIME: price.total_parking_cost,
        LineKind.FLAT_FEE: price.total_fixed_cost,
    }
    for kind, cost in shown.items():
        lines = [line for line in invoice.lines if line.kind is kind]
        if lines:
            assert abs(sum(line.net for line in lines) - cost.excl_vat) <= CENT, kind
            assert abs(sum(line.gross for line in lines) - cost.incl_vat) <= 2 * CENT, kind
    for line in invoice.lines:  # quantity x unit price, when shown, is the line to the cent
        if line.unit_price_excl is not None and line.quantity is not None:
            assert abs(line.quantity * line.unit_price_excl - line.net) <= CENT, line
    assert invoice_from_dict(json.loads(json.dumps(invoice_to_dict(invoice)))) == invoice
    if invoice.gross > 0:
        amount = min(invoice.gross, D(cents) / 100)
        note = credit_note_for(
            invoice, number=InvoiceNumber("RIV-C", 1), issued_at=T0, amount=amount
        )
        assert note.gross == -amount
        assert sum(t.gross for t in note.vat_totals) == note.gross
        assert {t.rate for t in note.vat_totals} <= {t.rate for t in invoice.vat_totals}


@pytest.mark.parametrize(
    "case", sorted(CASES.glob("*/cdr*.json")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_invoice_of_every_reference_cdr_reconciles(case):
    t = load_tariff((case.parent / "tariff.json").read_text())
    price = price_cdr(t, load_cdr(case.read_text()))
    assert_reconciles(build(price, t), price)


# -- rounding -----------------------------------------------------------------------------


def test_apportion_keeps_half_up_when_it_adds_up():
    assert apportion([D("1.004"), D("2.006")], D("3.01"), CENT) == [D("1.00"), D("2.01")]


def test_apportion_moves_the_cent_to_the_part_rounded_furthest():
    # 0.335 + 0.335 + 0.33 = 1.000, but half up gives 0.34 + 0.34 + 0.33 = 1.01
    assert apportion([D("0.335"), D("0.335"), D("0.33")], D("1.00"), CENT) == [
        D("0.33"),
        D("0.34"),
        D("0.33"),
    ]


def test_apportion_never_puts_a_cent_on_a_free_line():
    # a target off by more than rounding (as when a clamp moved it): the zero stays zero
    assert apportion([D(0), D("0.006"), D("0.006")], D("0.03"), CENT) == [
        D(0),
        D("0.02"),
        D("0.01"),
    ]
    with pytest.raises(InvoiceError):
        apportion([D(0), D(0)], CENT, CENT)


def test_a_typical_session_gives_one_line_per_component_at_its_tariff_price():
    invoice = sample_invoice()
    kinds = [line.kind for line in invoice.lines]
    assert kinds == [LineKind.ENERGY, LineKind.PARKING_TIME, LineKind.FLAT_FEE]
    energy = invoice.lines[0]
    assert (energy.quantity, energy.unit_price_excl, energy.vat_rate) == (
        D("23.456"),
        D("0.49"),
        19,
    )
    assert energy.net == D("11.49")  # 23.456 × 0.49 = 11.49344
    parking = invoice.lines[1]
    # 15 idle minutes: the first 5 free, then 10 at 6.00/h; two prices, so no single unit price
    assert (parking.quantity, parking.unit_price_excl, parking.net) == (D("0.25"), None, D("1.00"))
    assert invoice.gross == D("15.46")  # 12.99344 net × 1.19 = 15.4622 → 15.46
    assert [(t.rate, t.net, t.vat) for t in invoice.vat_totals] == [(19, D("12.99"), D("2.47"))]


def test_a_minimum_price_appears_as_its_own_line():
    t = tariff(element(component("ENERGY", 0.30, 1, 19)), min_price={"excl_vat": 5})
    price, _ = session_price(t, kwh="2", idle_min=0)
    invoice = build(price, t)
    assert [line.kind for line in invoice.lines] == [LineKind.ENERGY, LineKind.MIN_PRICE]
    assert invoice.lines[1].net == D("4.40") and invoice.lines[1].vat_rate == 19
    assert invoice.gross == D("5.95")
    assert_reconciles(invoice, price)


def test_a_price_cap_appears_as_a_negative_line():
    t = tariff(element(component("ENERGY", 0.50, 1, 19)), max_price={"excl_vat": 10})
    price, _ = session_price(t, kwh="30", idle_min=0)
    invoice = build(price, t)
    assert invoice.lines[-1].kind is LineKind.MAX_PRICE and invoice.lines[-1].net == D("-5.00")
    assert invoice.gross == D("11.90")


def test_one_dimension_at_two_vat_rates_is_split_exactly_between_them():
    # 7 % by day, 19 % at night (a tariff no one should write; the invoice still tells the truth)
    t = tariff(
        element(component("ENERGY", 1, 1, 7), start_time="00:00", end_time="09:30"),
        element(component("ENERGY", 1, 1, 19)),
    )
    price, _ = session_price(t, kwh="6", charging_min=60, idle_min=0)  # 09:00 to 10:00 UTC
    invoice = build(price, t)
    assert [(line.vat_rate, line.net, line.vat) for line in invoice.lines] == [
        (7, D("3.00"), D("0.21")),
        (19, D("3.00"), D("0.57")),
    ]
    assert_reconciles(invoice, price)


def test_tax_included_prices_keep_their_gross():
    t = tariff(element(component("ENERGY", 0.59, 1, 19)), tax_included="YES")
    price, _ = session_price(t, kwh="10", idle_min=0)
    invoice = build(price, t)
    assert invoice.gross == D("5.90") and invoice.net == D("4.96")
    assert invoice.lines[0].unit_price_incl == D("0.59")


def test_a_capture_that_differs_from_the_price_is_refused():
    t = ad_hoc_tariff()
    price, _ = session_price(t)
    wrong = Payment("Visa", D(50), price.total_cost.incl_vat - CENT, "4242")
    with pytest.raises(InvoiceError, match="captured"):
        build(price, t, payment=wrong)


def test_payment_keeps_only_the_last_four_digits():
    with pytest.raises(InvoiceError):
        Payment("Visa", D(50), D(10), "4242424242424242")
    assert Payment("Visa", D(50), D("12.34"), "4242").released == D("37.66")


# -- issued documents never change; refunds are credit notes -------------------------------


def test_an_issued_invoice_cannot_be_changed():
    invoice = sample_invoice()
    with pytest.raises(dataclasses.FrozenInstanceError):
        invoice.lines = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        invoice.lines[0].net = D(0)  # type: ignore[misc]


def test_a_full_refund_negates_every_line_and_refers_to_the_invoice():
    invoice = sample_invoice()
    note = credit_note_for(
        invoice, number=InvoiceNumber("RIV-C", 1), issued_at=T0, refund_ref="re_1"
    )
    assert note.kind is DocumentKind.CREDIT_NOTE and note.corrects == invoice.number
    assert [line.gross for line in note.lines] == [-line.gross for line in invoice.lines]
    assert note.gross == -invoice.gross and note.vat == -invoice.vat
    assert note.payment.refunded == invoice.gross and note.payment.refund_ref == "re_1"
    assert invoice.kind is DocumentKind.INVOICE  # the original is untouched


def test_partial_refunds_never_exceed_the_invoice():
    invoice = sample_invoice()
    number = InvoiceNumber("RIV-C", 2)
    first = credit_note_for(invoice, number=number, issued_at=T0, amount=D("5.00"))
    assert [line.kind for line in first.lines] == [LineKind.REFUND]
    assert (first.net, first.vat, first.gross) == (D("-4.20"), D("-0.80"), D("-5.00"))
    rest = credit_note_for(invoice, number=number, issued_at=T0, already_credited=D("5.00"))
    assert rest.gross == -(invoice.gross - D("5.00"))
    for amount, credited in ((D("0.01"), invoice.gross), (D("15.47"), D(0)), (D("0.001"), D(0))):
        with pytest.raises(InvoiceError):
            credit_note_for(
                invoice, number=number, issued_at=T0, amount=amount, already_credited=credited
            )
    with pytest.raises(InvoiceError, match="only an invoice"):
        credit_note_for(first, number=number, issued_at=T0)


def test_numbers_are_series_dash_six_digits():
    assert format_number("RIV", 42) == "RIV-000042"
    assert format_number("RIV-2026", 1234567) == "RIV-2026-1234567"
    assert parse_number("RIV-2026-000042") == InvoiceNumber("RIV-2026", 42)
    assert InvoiceNumber("RIV", 9) < InvoiceNumber("RIV", 10)
    for series, n in (("", 1), ("RIV", 0), ("R IV", 1), ("RIV-", 1), ("x" * 30, 1)):
        with pytest.raises(InvoiceError):
            InvoiceNumber(series, n)
    for text in ("RIV-42", "RIV000042", "RIV-00004x"):
        with pytest.raises(InvoiceError):
            parse_number(text)


def test_a_stored_invoice_reads_back_identically_and_refuses_garbage():
    invoice = sample_invoice()
    data = json.loads(json.dumps(invoice_to_dict(invoice)))
    assert data["lines"][0]["net"] == "11.49"  # amounts as strings, never floats
    assert invoice_from_dict(data) == invoice
    with pytest.raises(InvoiceError):
        invoice_from_dict({**data, "format": 99})
    with pytest.raises(InvoiceError):
        invoice_from_dict({**data, "lines": [{"kind": "energy", "net": 1.5}]})
