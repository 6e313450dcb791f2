"""The download portal over real HTTP: signed links work, anything else is a bare 404."""

from __future__ import annotations

import http.client
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from pyocmf import OcmfContainer

from kiosk.adapters.invoicing.ocmf import SignedRecords
from kiosk.adapters.invoicing.pdf import render_invoice_pdf
from kiosk.adapters.invoicing.portal import InvoiceLinks, InvoicePortal, RateLimit, portal_key
from tests.invoicing.samples import T0, Meter, sample_invoice

KEY = b"k" * 32
BASE = "https://charge.evhub.example/invoices"
NOW = T0 + timedelta(hours=1)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


class Clock:
    def __init__(self) -> None:
        self.now, self.mono = NOW, 1000.0

    def wall(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono


@pytest.fixture
def meter() -> Meter:
    return Meter()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def portal(clock: Clock, meter: Meter) -> Iterator[InvoicePortal]:
    invoice = sample_invoice()
    records = SignedRecords(
        meter.record("B", "1204.33", T0), meter.record("E", "1227.786", NOW), meter.public_key_hex
    )
    links = InvoiceLinks(key=KEY, base_url=BASE)

    def pdf_for(number: str) -> bytes | None:
        if number == "BOOM-000001":
            raise RuntimeError("database is locked")
        if number != str(invoice.number):
            return None
        return render_invoice_pdf(invoice, link=links.link_for(number, NOW + timedelta(days=30)))

    server = InvoicePortal(
        public_base_url=BASE,
        key=KEY,
        pdf_for=pdf_for,
        ocmf_for=lambda n: records if n == str(invoice.number) else None,
        rate_limit=RateLimit(requests=8, per_seconds=60),
        trusted_proxies=["127.0.0.1"],
        clock=clock.wall,
        monotonic=clock.monotonic,
    )
    with server:
        yield server


def fetch(portal: InvoicePortal, link: str, method: str = "GET", **headers: str) -> Reply:
    host, port = portal.address
    path = link.removeprefix(BASE) if link.startswith(BASE) else link
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def link(portal: InvoicePortal, number: str = "RIV-000042", days: int = 30) -> str:
    return portal.link_for(number, NOW + timedelta(days=days))


def assert_bare_404(reply: Reply) -> None:
    assert (reply.status, reply.body) == (404, b"Not Found\n")
    assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert reply.headers["Server"] == "invoice-portal"  # no Python, no version


def test_a_signed_link_serves_the_pdf_whose_qr_is_the_link(portal, pdf_reader):
    url = link(portal)
    assert url.startswith(BASE + "/i/") and len(url) < 120  # short enough for a small QR
    reply = fetch(portal, url, **{"X-Forwarded-For": "203.0.113.1"})
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/pdf"
    assert reply.headers["Content-Disposition"] == 'inline; filename="RIV-000042.pdf"'
    assert reply.headers["Cache-Control"] == "private, no-store"
    assert reply.headers["Referrer-Policy"] == "no-referrer"
    assert "RIV-000042" in pdf_reader.text(reply.body)
    assert pdf_reader.qr_codes(reply.body) == [
        portal.link_for("RIV-000042", NOW + timedelta(days=30))
    ]


def test_head_answers_without_a_body(portal):
    reply = fetch(portal, link(portal), "HEAD")
    assert reply.status == 200 and reply.body == b""
    assert int(reply.headers["Content-Length"]) > 1000


def test_the_ocmf_file_opens_in_pyocmf_and_verifies(portal, tmp_path):
    reply = fetch(portal, portal.ocmf_link_for("RIV-000042", NOW + timedelta(days=1)))
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/xml"
    assert 'filename="RIV-000042-ocmf.xml"' in reply.headers["Content-Disposition"]
    path = tmp_path / "download.xml"
    path.write_bytes(reply.body)
    container = OcmfContainer.from_xml(path, strict=True)
    assert len(container) == 2 and all(r.verify_signature() for r in container)


def test_tampered_tokens_get_a_bare_404(portal):
    url = link(portal)
    token = url.rsplit("/", 1)[1]
    middle = len(token) // 2
    flipped = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    forged = InvoiceLinks(key=b"x" * 32, base_url=BASE).link_for("RIV-000042", NOW + timedelta(1))
    for i, bad in enumerate(
        (
            f"/i/{flipped}",
            f"/i/{token[:-2]}",
            f"/i/{token}x",
            forged,
            "/i/" + "A" * 40,
            "/i/%2e%2e/%2e%2e/etc/passwd",
            "/",
            f"/x/{token}",
            f"/i/{token}/ocmf/more",
        )
    ):
        assert_bare_404(fetch(portal, bad, **{"X-Forwarded-For": f"192.0.2.{i}"}))


def test_an_expired_link_gets_the_same_404(portal, clock):
    assert_bare_404(fetch(portal, portal.link_for("RIV-000042", NOW - timedelta(seconds=1))))
    url = link(portal, days=1)
    assert fetch(portal, url).status == 200
    clock.now += timedelta(days=1)
    assert_bare_404(fetch(portal, url))


def test_unknown_invoices_and_missing_meter_data_get_the_same_404(portal):
    assert_bare_404(fetch(portal, link(portal, "RIV-000043")))
    assert_bare_404(fetch(portal, portal.ocmf_link_for("RIV-000043", NOW + timedelta(days=1))))


def test_a_failing_store_answers_500_without_detail(portal, caplog):
    reply = fetch(portal, link(portal, "BOOM-000001"))
    assert (reply.status, reply.body) == (500, b"Internal Server Error\n")
    assert "database is locked" not in caplog.text


def test_other_methods_and_broken_requests_learn_nothing(portal):
    assert_bare_404(fetch(portal, link(portal), "POST"))
    host, port = portal.address
    import socket

    with socket.create_connection((host, port), timeout=10) as raw:
        raw.sendall(b"GET /i/a b HTTP/1.1\r\n\r\n")
        answer = raw.recv(4096)
    assert answer.startswith(b"HTTP/") and b" 400 " in answer.split(b"\r\n")[0]
    assert b"Python" not in answer and b"/i/a" not in answer


def test_rate_limit_per_address_with_429(portal, clock):
    url = link(portal)
    driver = {"X-Forwarded-For": "198.51.100.7"}
    statuses = [fetch(portal, url if i % 2 else "/nope", **driver).status for i in range(8)]
    assert statuses == [404, 200] * 4
    limited = fetch(portal, url, **driver)
    assert limited.status == 429 and limited.headers["Retry-After"] == "60"
    assert fetch(portal, url, **{"X-Forwarded-For": "198.51.100.8"}).status == 200
    # a spoofed X-Forwarded-For in front of the proxy's own entry does not help
    spoofed = {"X-Forwarded-For": "10.9.9.9, 198.51.100.7"}
    assert fetch(portal, url, **spoofed).status == 429
    clock.mono += 60 / 8  # one request's worth of time later
    assert fetch(portal, url, **driver).status == 200
    assert fetch(portal, url, **driver).status == 429


def test_tokens_never_reach_the_log(portal, caplog):
    url = link(portal)
    token = url.rsplit("/", 1)[1]
    with caplog.at_level(logging.DEBUG, logger="kiosk.adapters.invoicing.portal"):
        fetch(portal, url)
        fetch(portal, url[:-3])
    assert caplog.records and token not in caplog.text and token[:-3] not in caplog.text


def test_links_reject_weak_keys_and_bad_urls_and_garbage_tokens():
    with pytest.raises(ValueError):
        InvoiceLinks(key=b"short", base_url=BASE)
    for url in ("ftp://x", "charge.evhub.example", "https://x/?a=1"):
        with pytest.raises(ValueError):
            InvoiceLinks(key=KEY, base_url=url)
    links = InvoiceLinks(key=KEY, base_url=BASE + "/")
    assert links.link_for("R-000001", NOW).startswith(BASE + "/i/")
    for never in (datetime(1960, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)):
        with pytest.raises(ValueError):
            links.link_for("R-000001", never)
    with pytest.raises(ValueError):
        links.link_for("R" * 65, NOW)
    for token in ("", "!!!!", "AAAA", "A" * 300):
        assert links.number_for(token, NOW) is None
    token = links.token_for("RIV-000042", NOW + timedelta(minutes=1))
    assert links.number_for(token, NOW) == "RIV-000042"
    assert links.number_for(token, datetime(2100, 1, 1, tzinfo=UTC)) is None


def test_the_key_comes_from_the_credentials_and_stays(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_INVOICE_LINK_KEY", raising=False)
    monkeypatch.delenv("CREDENTIALS_DIRECTORY", raising=False)
    first = portal_key(tmp_path / "credentials")
    assert len(first) >= 32 and portal_key(tmp_path / "credentials") == first
    assert (tmp_path / "credentials" / "invoice_link_key").stat().st_mode & 0o077 == 0
