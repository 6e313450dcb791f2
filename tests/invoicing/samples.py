"""Invoices to render, sign and send in the invoicing tests, built the way the engine will."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from kiosk.domain.invoice import (
    Invoice,
    InvoiceNumber,
    MeterDataCheck,
    Payment,
    Seller,
    SessionFacts,
    credit_note_for,
    invoice_from,
)
from kiosk.domain.tariff import MeterSlice, RunningCost, Tariff
from tests.unit.tariff.build import component, element, tariff

D = Decimal
BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
LINK = "https://charge.evhub.example/i/demo-token-RIV-000042"

SELLER = Seller(
    name="Evhub Riverside GmbH",
    address=("Hauptstraße 1", "10115 Berlin"),
    country="DE",
    vat_id="DE123456789",
    registration="HRB 12345 B",
    email="service@evhub.example",
    website="evhub.example",
)


def ad_hoc_tariff() -> Tariff:
    """Energy, a session fee and an idle fee after 45 minutes, all at 19 % VAT."""
    return tariff(
        element(component("ENERGY", 0.49, 1, 19), component("FLAT", 0.5, 0, 19)),
        element(component("PARKING_TIME", 6, 60, 19), min_duration=2700),
        element(component("PARKING_TIME", 0, 60, 19)),
        tariff_alt_text=[{"language": "en", "text": "Ad hoc DC"}],
    )


def session_price(t: Tariff, *, kwh: str = "23.456", charging_min: int = 40, idle_min: int = 15):
    running = RunningCost(t, start=T0)
    charged = T0 + timedelta(minutes=charging_min)
    running.add(MeterSlice(T0, charged, D(kwh), True, D(50)))
    if idle_min:
        running.add(MeterSlice(charged, charged + timedelta(minutes=idle_min), D(0), False, D(0)))
    return running.current(), running.end


def sample_invoice(
    *, meter_data: MeterDataCheck | None = None, n: int = 42, t: Tariff | None = None
) -> Invoice:
    t = t or ad_hoc_tariff()
    price, end = session_price(t)
    facts = SessionFacts(
        session_id="s-8f3k22",
        bay_id="bay-3",
        bay_label="Bay 3 · CCS2",
        evse_id="DE*EVH*E0003*1",
        started_at=T0,
        ended_at=end,
        meter_start_wh=D("1204330"),
        meter_stop_wh=D("1204330") + price.total_energy * 1000,
    )
    captured = price.total_cost.incl_vat
    payment = Payment("Visa", D("50.00"), captured, "4242", "auth_7731", "pi_3Q9x")
    return invoice_from(
        number=InvoiceNumber("RIV", n),
        issued_at=end,
        seller=SELLER,
        session=facts,
        price=price,
        tariff=t,
        tariff_name="Ad hoc DC",
        payment=payment,
        meter_data=meter_data,
    )


def sample_credit_note(original: Invoice, amount: Decimal | None = None) -> Invoice:
    return credit_note_for(
        original,
        number=InvoiceNumber("RIV-C", 7),
        issued_at=original.issued_at + timedelta(days=2),
        amount=amount,
        refund_ref="re_77",
    )


# -- OCMF signed by a key pair made in the test ------------------------------------------


class Meter:
    """A signing meter: secp256r1 key, serial, pagination counter, as a charger's would be."""

    def __init__(self, serial: str = "EBZ5DD32R06ETA_107") -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.serial = serial
        self.page = 40

    @property
    def public_key_hex(self) -> str:
        der = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return der.hex()

    def record(self, tx: str, value: str, at: datetime, **overrides: Any) -> str:
        self.page += 1
        payload: dict[str, Any] = {
            "FV": "1.0",
            "GI": "EVHUB CHARGER",
            "GS": self.serial,
            "GV": "1.4.2",
            "PG": f"T{self.page}",
            "MV": "eBZ",
            "MM": "DD3",
            "MS": self.serial,
            "MF": "1.0",
            "IS": True,
            "IL": "VERIFIED",
            "IF": ["RFID_PLAIN"],
            "IT": "ISO14443",
            "ID": "1F2D3A4B",
            "CT": "EVSEID",
            "CI": "DE*EVH*E0003*1",
            "RD": [
                {
                    "TM": at.astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M:%S,000%z") + " S",
                    "TX": tx,
                    "RV": float(value),
                    "RI": "1-b:1.8.0",
                    "RU": "kWh",
                    "RT": "DC",
                    "EF": "",
                    "ST": "G",
                }
            ],
        }
        payload.update(overrides)
        return sign(payload, self.key)


def sign(payload: dict[str, Any], key: ec.EllipticCurvePrivateKey) -> str:
    text = json.dumps(payload, separators=(",", ":"))
    signature = key.sign(text.encode(), ec.ECDSA(hashes.SHA256()))
    sig = {"SA": "ECDSA-secp256r1-SHA256", "SD": signature.hex().upper()}
    return f"OCMF|{text}|{json.dumps(sig, separators=(',', ':'))}"


def tamper_value(record: str, old: str, new: str) -> str:
    """Change a reading in the payload without signing again."""
    header, payload, signature = record.split("|")
    assert f'"RV":{old}' in payload
    return "|".join((header, payload.replace(f'"RV":{old}', f'"RV":{new}'), signature))
