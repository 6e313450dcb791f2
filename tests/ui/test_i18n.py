"""Drivers read every screen in English, German, French or Dutch, switchable at any moment."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QTime
from PySide6.QtWidgets import QLabel

from kiosk.domain.tariff.display import LineKind, PriceLine
from kiosk.ui import texts
from kiosk.ui.i18n import (
    CONTEXT,
    Translations,
    format_decimal,
    languages,
    locale_for,
    missing_catalogues,
)
from kiosk.ui.money_format import money
from tests.conftest import REPO

TRANSLATED = ("de", "fr", "nl")


def _load_script():
    spec = importlib.util.spec_from_file_location("translations", REPO / "scripts/translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_script()


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .qm files as `scripts/translations.py build` makes them (into a scratch folder)."""
    out = tmp_path_factory.mktemp("qm")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts/translations.py"), "build", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture
def translations(qapp, catalogues):
    t = Translations(qapp, directory=catalogues)
    yield t
    t.uninstall()


def _source_texts() -> list[str]:
    return list(tool.extract()[CONTEXT])


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_is_translated_with_its_placeholders_intact(code):
    catalogue = tool.read_ts(tool.ts_path(code))[CONTEXT]
    for source in _source_texts():
        message = catalogue.get(source)
        assert message is not None, f"{code}: {source!r} missing; run translations.py update"
        assert message.kind == "", f"{code}: {source!r} is {message.kind}"
        assert message.translation.strip(), f"{code}: {source!r} has no translation"
        assert tool.placeholders(message.translation) == tool.placeholders(source), source
    assert tool.problems(code) == []


def test_the_extraction_sees_a_text_in_every_function_of_texts_py():
    tree = ast.parse((REPO / "kiosk/ui/texts.py").read_text(encoding="utf-8"))
    public = {f"texts.{n.name}()" for n in tree.body if isinstance(n, ast.FunctionDef)}
    public.discard("texts._t()")
    seen = {f for m in tool.extract()[CONTEXT].values() for f in m.functions}
    assert seen == public
    assert len(_source_texts()) >= 26


def test_update_keeps_translations_adds_new_texts_and_keeps_removed_ones_aside(tmp_path):
    source = tmp_path / "texts.py"
    source.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _t(text):\n    return QCoreApplication.translate('kiosk', text)\n"
        "def a():\n    return _t('Free')\n"
        "def b(n):\n    return _t('{n} kWh').format(n=n)\n",
        encoding="utf-8",
    )
    ts = tmp_path / "kiosk_de.ts"
    old = {"kiosk": {"Free": tool.Message("Free", translation="Frei", kind="")}}
    old["kiosk"]["Gone"] = tool.Message("Gone", translation="Weg", kind="")
    tool.write_ts(ts, "de", old)
    args = ["--dir", str(tmp_path), "--texts", str(source), "--languages", "de", "update"]
    assert tool.main(args) == 0
    merged = tool.read_ts(ts)["kiosk"]
    assert (merged["Free"].translation, merged["Free"].kind) == ("Frei", "")
    assert (merged["{n} kWh"].translation, merged["{n} kWh"].kind) == ("", "unfinished")
    assert (merged["Gone"].translation, merged["Gone"].kind) == ("Weg", "vanished")
    first = ts.read_bytes()
    assert tool.main(args) == 0
    assert ts.read_bytes() == first  # merging is stable: no churn in git


def test_build_refuses_a_translation_that_would_break_format(tmp_path):
    source = tmp_path / "texts.py"
    source.write_text(
        "def _t(text):\n    return QCoreApplication.translate('kiosk', text)\n"
        "def a(label):\n    return _t('Bay {label}').format(label=label)\n",
        encoding="utf-8",
    )
    wrong = tool.Message("Bay {label}", translation="Ladepunkt {lable}", kind="")
    tool.write_ts(tmp_path / "kiosk_de.ts", "de", {"kiosk": {"Bay {label}": wrong}})
    args = ["--dir", str(tmp_path), "--texts", str(source), "--languages", "de", "build"]
    assert tool.main(args) == 1
    assert not (tmp_path / "kiosk_de.qm").exists()


def test_texts_the_tool_cannot_translate_are_reported_not_skipped(tmp_path, capsys):
    source = tmp_path / "texts.py"
    source.write_text(
        "def _t(text):\n    return QCoreApplication.translate('kiosk', text)\n"
        "def a(x):\n    return _t(f'Bay {x}')\n",
        encoding="utf-8",
    )
    assert tool.main(["--dir", str(tmp_path), "--texts", str(source), "check"]) == 2
    assert "needs a literal string" in capsys.readouterr().err
    source.write_text(
        "def _t(text):\n    return QCoreApplication.translate('kiosk', text)\nFREE = _t('Free')\n",
        encoding="utf-8",
    )
    assert tool.main(["--dir", str(tmp_path), "--texts", str(source), "check"]) == 2
    assert "translated at import time" in capsys.readouterr().err


class LanguageAware(QLabel):
    """A widget as a screen would write it: re-renders its text on QEvent.LanguageChange."""

    def __init__(self) -> None:
        super().__init__(texts.free())
        self.changes = 0

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.changes += 1
            self.setText(texts.free())
        super().changeEvent(event)


def test_switching_language_retranslates_the_screen_at_runtime(qtbot, translations):
    label = LanguageAware()
    qtbot.addWidget(label)
    hint = QLabel(texts.home_hint())
    qtbot.addWidget(hint)
    translations.language_changed.connect(lambda _code: hint.setText(texts.home_hint()))
    expected = {
        "de": ("Frei", "Wählen Sie einen freien Ladepunkt, um zu laden"),
        "fr": ("Libre", "Choisissez une borne libre pour recharger"),
        "nl": ("Vrij", "Kies een vrij laadpunt om te laden"),
        "en": ("Free", "Choose a free bay to start charging"),
    }
    for code, (free, hint_text) in expected.items():
        with qtbot.waitSignal(translations.language_changed) as changed:
            translations.set_language(code)
        assert changed.args == [code]
        qtbot.waitUntil(lambda free=free: label.text() == free)
        assert hint.text() == hint_text
        assert translations.language == code
    assert label.changes >= 4


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_holds_every_translation(translations, code):
    translations.set_language(code)
    catalogue = tool.read_ts(tool.ts_path(code))[CONTEXT]
    for source in _source_texts():
        shown = QCoreApplication.translate(CONTEXT, source)
        assert shown == catalogue[source].translation


def test_placeholders_are_filled_in_the_translated_text(translations):
    translations.set_language("nl")
    assert texts.idle_fee("€\xa00,10", 120) == "blokkeertarief €\xa00,10/min na 2\xa0uur"
    assert texts.energy_soc("12.5", "80") == "12.5\xa0kWh · accu 80%"
    translations.set_language("de")
    assert texts.bay("B2") == "Ladepunkt B2"


@pytest.mark.parametrize(
    ("code", "price", "big", "date"),
    [
        ("en", "€0.59", "1,234.5", "24/11/2026"),
        ("de", "0,59\xa0€", "1.234,5", "24.11.26"),
        ("fr", "0,59\xa0€", "1\u202f234,5", "24/11/2026"),
        ("nl", "€\xa00,59", "1.234,5", "24-11-2026"),  # Dutch puts the sign first (CLDR)
    ],
)
def test_money_numbers_and_dates_follow_the_chosen_language(translations, code, price, big, date):
    translations.set_language(code)
    locale = translations.locale
    assert money(Decimal("0.59"), "EUR", locale) == price
    assert format_decimal(Decimal("1234.45"), 1, locale) == big  # half up, not banker's
    assert locale.toString(QDate(2026, 11, 24), QLocale.FormatType.ShortFormat) == date
    assert locale.toString(QTime(21, 5), QLocale.FormatType.ShortFormat) == "21:05"
    assert QLocale().name() == locale.name()  # Qt's own widgets follow too


def test_a_price_line_reads_naturally_in_german(translations):
    from kiosk.ui.money_format import tile_price

    translations.set_language("de")
    energy = PriceLine(LineKind.PER_KWH, Decimal("0.59"), Decimal("0.4958"), Decimal(19), "EUR")
    start = PriceLine(LineKind.PER_SESSION, Decimal("0.5"), Decimal("0.42"), Decimal(19), "EUR")
    assert tile_price((energy, start), translations.locale) == (
        "0,59\xa0€ pro kWh",
        "+ 0,50\xa0€ pro Ladevorgang",
    )


def test_the_switcher_names_each_language_in_itself():
    names = [lang.native_name for lang in languages()]
    assert names == ["Deutsch", "English", "Français", "Nederlands"]
    assert [lang.code for lang in languages(["nl", "fr"])] == ["nl", "fr"]
    with pytest.raises(LookupError, match="'xx'"):
        languages(["xx"])


def test_the_hub_default_comes_first_and_reset_returns_to_it(qapp, catalogues):
    t = Translations(qapp, offered=("de", "en"), directory=catalogues)
    try:
        assert t.language == "de"
        assert texts.free() == "Frei"
        assert [lang.native_name for lang in t.offered] == ["Deutsch", "English"]
        t.set_language("en")
        assert texts.free() == "Free"
        t.reset()
        assert (t.language, texts.free()) == ("de", "Frei")
        with pytest.raises(LookupError):
            t.set_language("fr")  # not offered at this hub
    finally:
        t.uninstall()
    assert texts.free() == "Free"


def test_a_missing_catalogue_fails_loudly_and_changes_nothing(qapp, tmp_path):
    t = Translations(qapp, directory=tmp_path)
    try:
        with pytest.raises(FileNotFoundError, match=r"translations\.py build"):
            t.set_language("fr")
        assert (t.language, texts.free(), t.locale.name()) == ("en", "Free", "en_IE")
    finally:
        t.uninstall()
    assert [p.name for p in missing_catalogues(["en", "fr"], tmp_path)] == ["kiosk_fr.qm"]


def test_a_hub_abroad_formats_for_its_region():
    assert locale_for("nl", "BE").name() == "nl_BE"
    assert locale_for("fr", "be").name() == "fr_BE"
    assert locale_for("nl", "FR").name() == "nl_NL"  # no Dutch locale for France: home region
    assert locale_for("de").name() == "de_DE"
