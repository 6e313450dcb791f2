"""A card's UID stays masked everywhere it could be printed; the caller stores a keyed HMAC."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import hmac
import pickle

import pytest

from hw_drivers import CardId, CardPresented

UID = bytes.fromhex("04112233445566")
KEY = b"k" * 32


def test_repr_str_and_formatting_never_show_the_uid():
    card = CardId(UID)
    event = CardPresented("dev", "reader", card, b"")
    shown = [
        repr(card),
        str(card),
        f"{card}",
        f"{card} {card!r}",
        repr(event),
        str(event),
    ]
    shown.append(repr(dataclasses.asdict(event)))  # asdict keeps the CardId object whole
    for text in shown:
        assert UID.hex() not in text.lower()
        assert str(int.from_bytes(UID, "big")) not in text
    assert str(card) == f"card#{card.tag}"
    assert len(card.tag) == 8


def test_the_hmac_is_hmac_sha256_of_the_uid_bytes():
    assert CardId(UID).hmac(KEY) == hmac.new(KEY, UID, hashlib.sha256).hexdigest()
    assert CardId(UID).hmac(KEY) != CardId(UID).hmac(b"x" * 32)


def test_a_short_key_is_refused():
    with pytest.raises(ValueError, match="16 bytes"):
        CardId(UID).hmac(b"short")


def test_cards_compare_hash_copy_and_pickle_by_uid():
    card = CardId(UID)
    assert card == CardId.from_hex("04:11:22:33:44:55:66")
    assert card != CardId(UID[:4])
    assert len({card, CardId(UID)}) == 1
    assert copy.deepcopy(card) is card
    assert pickle.loads(pickle.dumps(card)) == card
    assert card.reveal_hex() == "04112233445566"
    assert card.length == 7


def test_a_card_id_cannot_be_changed_or_built_from_nothing():
    card = CardId(UID)
    with pytest.raises(AttributeError):
        card._uid = b"\x00"  # type: ignore[misc]
    with pytest.raises(ValueError):
        CardId(b"")
    with pytest.raises(TypeError):
        CardId("04112233")  # type: ignore[arg-type]
