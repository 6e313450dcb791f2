"""A signing meter's public key as operators are given it (hex, base64 or PEM), made canonical."""

# Chargers with an Eichrecht meter print the key on a label or their display as hex of the DER
# SubjectPublicKeyInfo, often in groups ("3059 3013 …" or "30:59:30:13…"); the
# Transparenzsoftware takes the same hex. Some vendors hand out base64 or a PEM block instead.
# All of them become one lower-case hex string here; whether it is a usable elliptic-curve key is
# for the verifier (pyocmf, cryptography) to say.

from __future__ import annotations

import base64
import binascii
import re

_PEM = re.compile(r"-----BEGIN PUBLIC KEY-----(.*?)-----END PUBLIC KEY-----", re.S)
_SEPARATORS = re.compile(r"[\s:]+")
_HEX = re.compile(r"^(?:[0-9A-Fa-f]{2})+$")


def public_key_hex(text: str) -> str:
    """The DER key in `text` (hex with optional spaces or colons, base64, or PEM) as lower-case
    hex. Raises ValueError for text that is none of these or not one DER structure."""
    pem = _PEM.search(text)
    compact = _SEPARATORS.sub("", pem.group(1) if pem else text)
    if not compact:
        raise ValueError("empty public key")
    if pem is None and _HEX.match(compact):
        der = bytes.fromhex(compact)
    else:
        try:
            der = base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("not hex, base64 or PEM") from None
    if not _one_sequence(der):
        raise ValueError("not a DER-encoded public key")
    return der.hex()


def _one_sequence(der: bytes) -> bool:
    """An ASN.1 SEQUENCE whose stated length is exactly the rest of the bytes."""
    if len(der) < 2 or der[0] != 0x30:
        return False
    first = der[1]
    if first < 0x80:
        return len(der) == 2 + first
    size = first & 0x7F
    if not 1 <= size <= 2 or len(der) < 2 + size:
        return False
    return len(der) == 2 + size + int.from_bytes(der[2 : 2 + size], "big")
