"""Every word invoices, receipts and e-mails print (en/de/fr/nl); how numbers and dates look."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal

from kiosk.domain.invoice import DocumentKind, LineKind, MeterDataProblem
from kiosk.domain.money import exponent

LANGUAGES = ("en", "de", "fr", "nl")

# key: (en, de, fr, nl)
_TEXT: dict[str, tuple[str, str, str, str]] = {
    "invoice": ("Invoice", "Rechnung", "Facture", "Factuur"),
    "credit_note": ("Credit note", "Rechnungskorrektur", "Avoir", "Creditnota"),
    "number": ("Number", "Nummer", "Numéro", "Nummer"),
    "date": ("Date", "Datum", "Date", "Datum"),
    "corrects": (
        "Corrects invoice",
        "Korrigiert Rechnung",
        "Rectifie la facture",
        "Corrigeert factuur",
    ),
    "vat_id": ("VAT ID", "USt-IdNr.", "N° TVA", "Btw-nummer"),
    "tax_number": ("Tax number", "Steuernummer", "N° fiscal", "Fiscaal nummer"),
    "session": ("Charging session", "Ladevorgang", "Session de recharge", "Laadsessie"),
    "location": ("Location", "Standort", "Lieu", "Locatie"),
    "bay": ("Charging point", "Ladepunkt", "Point de charge", "Laadpunt"),
    "evse_id": ("EVSE ID", "EVSE-ID", "ID EVSE", "EVSE-ID"),
    "session_id": ("Session", "Vorgang", "Session", "Sessie"),
    "start": ("Start", "Beginn", "Début", "Start"),
    "end": ("End", "Ende", "Fin", "Einde"),
    "duration": ("Duration", "Dauer", "Durée", "Duur"),
    "meter_start": ("Meter at start", "Zählerstand Beginn", "Compteur début", "Meterstand begin"),
    "meter_stop": ("Meter at end", "Zählerstand Ende", "Compteur fin", "Meterstand einde"),
    "energy_metered": (
        "Energy delivered",
        "Geladene Energie",
        "Énergie fournie",
        "Geleverde energie",
    ),
    "tariff": ("Tariff", "Tarif", "Tarif", "Tarief"),
    "description": ("Description", "Leistung", "Désignation", "Omschrijving"),
    "quantity": ("Quantity", "Menge", "Quantité", "Hoeveelheid"),
    "unit_price": ("Unit price", "Einzelpreis", "Prix unitaire", "Eenheidsprijs"),
    "vat_rate": ("VAT", "USt.", "TVA", "Btw"),
    "net": ("Net", "Netto", "HT", "Netto"),
    "vat_amount": ("VAT", "USt.", "TVA", "Btw"),
    "gross": ("Gross", "Brutto", "TTC", "Bruto"),
    "total_net": ("Total excl. VAT", "Summe netto", "Total HT", "Totaal excl. btw"),
    "total_vat": ("VAT", "Umsatzsteuer", "TVA", "Btw"),
    "total_gross": ("Total", "Gesamtbetrag", "Total TTC", "Totaal"),
    "no_vat": ("no VAT", "keine USt.", "sans TVA", "geen btw"),
    "payment": ("Payment", "Zahlung", "Paiement", "Betaling"),
    "authorisation": ("Authorisation", "Autorisierung", "Autorisation", "Autorisatie"),
    "capture": ("Capture", "Buchung", "Débit", "Afschrijving"),
    "held": ("Reserved", "Reserviert", "Pré-autorisé", "Gereserveerd"),
    "captured": ("Charged", "Belastet", "Débité", "Afgeschreven"),
    "released": ("Released", "Freigegeben", "Libéré", "Vrijgegeven"),
    "refunded": ("Refunded", "Erstattet", "Remboursé", "Terugbetaald"),
    "refund_ref": ("Refund", "Erstattung", "Remboursement", "Terugbetaling"),
    "meter_data": (
        "Signed meter data (OCMF)",
        "Signierte Messdaten (OCMF)",
        "Données de mesure signées (OCMF)",
        "Ondertekende meetgegevens (OCMF)",
    ),
    "verified": (
        "Verified: signatures match the charger's public key",
        "Geprüft: Signaturen passen zum öffentlichen Schlüssel der Ladesäule",
        "Vérifié : signatures conformes à la clé publique de la borne",
        "Geverifieerd: handtekeningen passen bij de publieke sleutel van de laadpaal",
    ),
    "ok_short": ("verified", "geprüft", "vérifié", "geverifieerd"),
    "failed": ("NOT verified", "NICHT verifiziert", "NON vérifié", "NIET geverifieerd"),
    "no_key": (
        "Not checked: no public key is configured for this charger",
        "Nicht geprüft: für diese Ladesäule ist kein öffentlicher Schlüssel hinterlegt",
        "Non vérifié : aucune clé publique n'est configurée pour cette borne",
        "Niet gecontroleerd: voor deze laadpaal is geen publieke sleutel ingesteld",
    ),
    "no_key_short": ("not checked", "nicht geprüft", "non vérifié", "niet gecontroleerd"),
    "incomplete": ("Incomplete", "Unvollständig", "Incomplètes", "Onvolledig"),
    "incomplete_short": ("incomplete", "unvollständig", "incomplètes", "onvolledig"),
    "meter_serial": ("Meter serial", "Zählernummer", "N° de compteur", "Meternummer"),
    "key": ("Public key", "Öffentlicher Schlüssel", "Clé publique", "Publieke sleutel"),
    "readings": ("Signed readings", "Signierte Werte", "Relevés signés", "Ondertekende standen"),
    "ocmf_download": (
        "Check it yourself with the Transparenzsoftware: download the data at",
        "Selbst prüfen mit der Transparenzsoftware: Daten herunterladen unter",
        "Vérifiez avec la Transparenzsoftware : téléchargez les données sur",
        "Controleer zelf met de Transparenzsoftware: download de gegevens via",
    ),
    "scan": (
        "Scan to download this document",
        "Scannen, um dieses Dokument herunterzuladen",
        "Scannez pour télécharger ce document",
        "Scan om dit document te downloaden",
    ),
    "paid_thanks": (
        "Paid in full. Thank you for charging with us.",
        "Vollständig bezahlt. Vielen Dank für Ihren Ladevorgang.",
        "Payé intégralement. Merci d'avoir rechargé chez nous.",
        "Volledig betaald. Bedankt voor het laden bij ons.",
    ),
    "page": ("Page", "Seite", "Page", "Pagina"),
    "mail_subject": (
        "Your {kind} {number}",
        "Ihre {kind} {number}",
        "Votre {kind} {number}",
        "Uw {kind} {number}",
    ),
    "mail_body": (
        "Hello,\n\nattached is your {kind} {number} for your charging session on {date}."
        "\nTotal: {total}\n\n{link}Kind regards\n{seller}\n",
        "Guten Tag,\n\nanbei erhalten Sie Ihre {kind} {number} für Ihren Ladevorgang am {date}."
        "\nGesamtbetrag: {total}\n\n{link}Mit freundlichen Grüßen\n{seller}\n",
        "Bonjour,\n\nveuillez trouver ci-joint votre {kind} {number} pour votre recharge du {date}."
        "\nTotal : {total}\n\n{link}Cordialement,\n{seller}\n",
        "Beste klant,\n\nin de bijlage vindt u uw {kind} {number} voor uw laadsessie van {date}."
        "\nTotaal: {total}\n\n{link}Met vriendelijke groet,\n{seller}\n",
    ),
    "mail_link": (
        "Download: {url}\n\n",
        "Download: {url}\n\n",
        "Téléchargement : {url}\n\n",
        "Download: {url}\n\n",
    ),
    "mail_ocmf": (
        "Signed meter data (OCMF), to check with the Transparenzsoftware: {what}\n\n",
        "Signierte Messdaten (OCMF) zur Prüfung mit der Transparenzsoftware: {what}\n\n",
        "Données de mesure signées (OCMF), à vérifier avec la Transparenzsoftware : {what}\n\n",
        "Ondertekende meetgegevens (OCMF), te controleren met de Transparenzsoftware: {what}\n\n",
    ),
    "mail_attached": ("attached", "im Anhang", "en pièce jointe", "in de bijlage"),
}

_LINES: dict[LineKind, tuple[str, str, str, str]] = {
    LineKind.ENERGY: ("Energy", "Energie", "Énergie", "Energie"),
    LineKind.CHARGING_TIME: ("Charging time", "Ladezeit", "Temps de charge", "Laadtijd"),
    LineKind.PARKING_TIME: ("Idle fee", "Blockiergebühr", "Frais d'occupation", "Parkeerkosten"),
    LineKind.FLAT_FEE: ("Session fee", "Startgebühr", "Frais de session", "Starttarief"),
    LineKind.RESERVATION: ("Reservation", "Reservierung", "Réservation", "Reservering"),
    LineKind.MIN_PRICE: ("Minimum price", "Mindestpreis", "Prix minimum", "Minimumprijs"),
    LineKind.MAX_PRICE: ("Price cap", "Preisobergrenze", "Plafond de prix", "Maximumprijs"),
    LineKind.REFUND: ("Refund", "Erstattung", "Remboursement", "Terugbetaling"),
}

_PROBLEMS: dict[MeterDataProblem, tuple[str, str, str, str]] = {
    MeterDataProblem.UNREADABLE: ("unreadable", "nicht lesbar", "illisible", "onleesbaar"),
    MeterDataProblem.KEY: ("no public key", "kein Schlüssel", "pas de clé", "geen sleutel"),
    MeterDataProblem.SIGNATURE: (
        "signature invalid",
        "Signatur ungültig",
        "signature invalide",
        "handtekening ongeldig",
    ),
    MeterDataProblem.ORDER: (
        "begin/end order",
        "Beginn/Ende vertauscht",
        "ordre début/fin",
        "volgorde begin/einde",
    ),
    MeterDataProblem.PAGINATION: ("pagination", "Paginierung", "pagination", "paginering"),
    MeterDataProblem.SERIAL: ("meter serial", "Zählernummer", "n° de compteur", "meternummer"),
    MeterDataProblem.VALUE_REGRESSION: (
        "value went back",
        "Wert rückläufig",
        "valeur en recul",
        "waarde teruggelopen",
    ),
    MeterDataProblem.TIME_REGRESSION: (
        "time went back",
        "Zeit rückläufig",
        "heure en recul",
        "tijd teruggelopen",
    ),
    MeterDataProblem.METER_STATUS: ("meter error", "Zählerfehler", "erreur compteur", "meterfout"),
    MeterDataProblem.MISMATCH: (
        "begin/end differ",
        "Beginn/Ende uneinheitlich",
        "début/fin incohérents",
        "begin/einde verschillen",
    ),
    MeterDataProblem.BEGIN_MISSING: (
        "begin record missing",
        "Anfangsdatensatz fehlt",
        "relevé de début manquant",
        "beginrecord ontbreekt",
    ),
    MeterDataProblem.END_MISSING: (
        "end record missing",
        "Enddatensatz fehlt",
        "relevé de fin manquant",
        "eindrecord ontbreekt",
    ),
    MeterDataProblem.OTHER: ("other", "sonstiges", "autre", "overig"),
}

_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$"}
_SEPARATORS = {"en": (".", ","), "de": (",", "."), "fr": (",", " "), "nl": (",", ".")}
_DATES = {"en": "%d/%m/%Y", "de": "%d.%m.%Y", "fr": "%d/%m/%Y", "nl": "%d-%m-%Y"}


class Labels:
    """The words and number formats of one language (unknown languages fall back to English)."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"
        self._i = LANGUAGES.index(self.language)

    def __getitem__(self, key: str) -> str:
        return _TEXT[key][self._i]

    def line(self, kind: LineKind) -> str:
        return _LINES[kind][self._i]

    def problem(self, problem: MeterDataProblem) -> str:
        return _PROBLEMS[problem][self._i]

    def title(self, kind: DocumentKind) -> str:
        return self["invoice" if kind is DocumentKind.INVOICE else "credit_note"]

    def number(self, value: Decimal, places: int) -> str:
        point, group = _SEPARATORS[self.language]
        quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{abs(quantized):,.{places}f}"
        text = text.replace(",", "\0").replace(".", point).replace("\0", group)
        return ("-" if quantized < 0 else "") + text

    def trimmed(self, value: Decimal, least: int, most: int) -> str:
        """At least `least` and at most `most` decimals: 0.5831 → 0,5831; 0.49 → 0,49."""
        text = self.number(value, most)
        point = _SEPARATORS[self.language][0]
        while most > least and text.endswith("0"):
            text, most = text[:-1], most - 1
        return text.rstrip(point)

    def money(self, amount: Decimal, currency: str, places: int | None = None) -> str:
        digits = exponent(currency) if places is None else places
        symbol = _SYMBOLS.get(currency, currency)
        text = self.number(amount, digits) if places is None else self.trimmed(amount, 2, digits)
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        if self.language == "en":
            return f"{sign}{symbol}{text}" if symbol != currency else f"{sign}{currency} {text}"
        if self.language == "nl":
            return f"{symbol} {sign}{text}"
        return f"{sign}{text} {symbol}"

    def percent(self, rate: Decimal | None) -> str:
        if rate is None:
            return self["no_vat"]
        text = self.trimmed(rate, 0, 2)
        return f"{text}%" if self.language in ("en", "nl") else f"{text} %"

    def date(self, moment: datetime, zone: tzinfo | None = None) -> str:
        return moment.astimezone(zone).strftime(_DATES[self.language])

    def datetime(self, moment: datetime, zone: tzinfo | None = None) -> str:
        local = moment.astimezone(zone)
        return f"{local.strftime(_DATES[self.language])} {local:%H:%M}"

    @staticmethod
    def duration(span: timedelta | Decimal) -> str:
        """h:mm:ss from a timedelta or a number of hours."""
        seconds = span.total_seconds() if isinstance(span, timedelta) else span * 3600
        whole = int(Decimal(seconds).to_integral_value(rounding=ROUND_HALF_UP))
        return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
