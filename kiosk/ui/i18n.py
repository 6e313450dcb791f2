"""The screen language: the installed Qt translator, the matching QLocale, and switch signals."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from kiosk.resources import resource_path

log = logging.getLogger(__name__)

#: Translation context of every text in kiosk/ui/texts.py.
CONTEXT = "kiosk"
#: The language the texts are written in; it needs no catalogue.
SOURCE_LANGUAGE = "en"
#: File name stem of the compiled catalogues: `kiosk_de.qm`.
CATALOGUE = "kiosk"


@dataclass(frozen=True, slots=True)
class Language:
    """A language a driver can choose, named in itself ("Deutsch") as switchers should show it."""

    code: str
    native_name: str
    english_name: str
    default_region: str


_ALL: dict[str, Language] = {
    "en": Language("en", "English", "English", "IE"),  # euro-area English: €0.59, 24 h, d/m/y
    "de": Language("de", "Deutsch", "German", "DE"),
    "fr": Language("fr", "Français", "French", "FR"),
    "nl": Language("nl", "Nederlands", "Dutch", "NL"),
}


def languages(codes: Sequence[str] | None = None) -> tuple[Language, ...]:
    """Languages for a switcher, in the order given (hub config), else alphabetically by own name.

    Unknown codes raise `LookupError` naming the code, so a typo in the config is caught early.
    """
    if codes is None:
        return tuple(sorted(_ALL.values(), key=lambda lang: lang.native_name.casefold()))
    return tuple(language(code) for code in codes)


def language(code: str) -> Language:
    try:
        return _ALL[code]
    except KeyError:
        known = ", ".join(sorted(_ALL))
        raise LookupError(f"unknown language {code!r}; known: {known}") from None


def locale_for(code: str, region: str | None = None) -> QLocale:
    """The locale numbers, money and dates are written in: `de` → de_DE, `nl` + "BE" → nl_BE.

    A language/region pair Qt does not know (say `nl` in "FR") falls back to the language's
    home region rather than to whatever Qt substitutes.
    """
    lang = language(code)
    if region:
        wanted = QLocale(f"{code}_{region.upper()}")
        if wanted.bcp47Name().split("-")[0] == code and wanted.name().endswith(region.upper()):
            return wanted
        log.warning("no locale %s_%s; using %s_%s", code, region, code, lang.default_region)
    return QLocale(f"{code}_{lang.default_region}")


def format_decimal(value: Decimal, places: int, locale: QLocale) -> str:
    """`98.8` / `98,8`: an exact Decimal rounded half up, written with the locale's separators."""
    shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # The value was rounded to `places` first, so the float prints as that exact decimal.
    return locale.toString(float(shown), "f", places)


def catalogue_path(code: str, directory: Path | None = None) -> Path:
    return (directory or resource_path("translations")) / f"{CATALOGUE}_{code}.qm"


def missing_catalogues(codes: Sequence[str], directory: Path | None = None) -> list[Path]:
    """The compiled catalogues that are not there (checked at startup: they are build output)."""
    paths = [catalogue_path(c, directory) for c in codes if c != SOURCE_LANGUAGE]
    return [p for p in paths if not p.is_file()]


class Translations(QObject):
    """Owns the installed translators and the current locale; one per app, made at startup.

    Installing a translator makes Qt send `QEvent.LanguageChange` to every widget, and this
    object then emits `language_changed(code)`; screens re-render their texts on either.
    """

    language_changed = Signal(str)

    def __init__(
        self,
        app: QCoreApplication,
        *,
        offered: Sequence[str] = ("en", "de", "fr", "nl"),
        region: str | None = None,
        directory: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if not offered:
            raise ValueError("at least one language must be offered")
        self._app = app
        self._offered = languages(offered)
        self._region = region
        self._directory = directory
        self._installed: list[QTranslator] = []
        self._code = ""
        self._locale = locale_for(SOURCE_LANGUAGE, region)
        self._default_before = QLocale()  # QLocale() is the current default
        self.set_language(self.default)

    @property
    def offered(self) -> tuple[Language, ...]:
        """What the language switcher shows, in the hub's order; the first is the default."""
        return self._offered

    @property
    def default(self) -> str:
        return self._offered[0].code

    @property
    def language(self) -> str:
        return self._code

    @property
    def locale(self) -> QLocale:
        """Format numbers, money and dates with this (money_format.money, format_decimal)."""
        return self._locale

    def set_language(self, code: str) -> None:
        """Switch every screen to `code`; a no-op if it is already shown.

        Raises `LookupError` for a language not offered and `FileNotFoundError` for a missing
        catalogue, before anything changes: the screen stays fully in the old language.
        """
        if code not in {lang.code for lang in self._offered}:
            raise LookupError(f"language {code!r} is not offered here")
        if code == self._code:
            return
        fresh = self._load(code)
        self._remove_installed()
        for translator in fresh:
            self._app.installTranslator(translator)
        self._installed = fresh
        self._code = code
        self._locale = locale_for(code, self._region)
        QLocale.setDefault(self._locale)  # for Qt's own widgets (spin boxes, date edits)
        log.info("language changed: %s", code)
        self.language_changed.emit(code)

    def reset(self) -> None:
        """Back to the hub's default language: call it when the journey returns home idle."""
        self.set_language(self.default)

    def uninstall(self) -> None:
        """Remove the translators from the app (shutdown, tests); texts fall back to English."""
        self._remove_installed()
        self._code = ""
        QLocale.setDefault(self._default_before)

    def _remove_installed(self) -> None:
        for old in self._installed:
            self._app.removeTranslator(old)
            old.deleteLater()
        self._installed = []

    def _load(self, code: str) -> list[QTranslator]:
        if code == SOURCE_LANGUAGE:
            return []
        path = catalogue_path(code, self._directory)
        ours = QTranslator(self)
        if not ours.load(str(path)):
            raise FileNotFoundError(
                f"no translation catalogue {path}; run `python scripts/translations.py build`"
            )
        loaded = [ours]
        # Qt's own texts (context menus, dialog buttons) where the Qt build ships them.
        qt = QTranslator(self)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{code}", qt_dir):
            loaded.append(qt)
        return loaded
