<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="13"/>
        <extracomment>texts.free()</extracomment>
        <source>Free</source>
        <translation>Frei</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="17"/>
        <extracomment>texts.free_detail()</extracomment>
        <source>{connector} · up to {kw} kW</source>
        <translation>{connector} · bis {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="21"/>
        <extracomment>texts.car_connected()</extracomment>
        <source>Car connected</source>
        <translation>Fahrzeug angeschlossen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="25"/>
        <extracomment>texts.charging()</extracomment>
        <source>Charging</source>
        <translation>Lädt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="29"/>
        <extracomment>texts.paused_by_car()</extracomment>
        <source>Car is full or paused</source>
        <translation>Fahrzeug voll oder pausiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="33"/>
        <extracomment>texts.paused_by_charger()</extracomment>
        <source>Paused by the charger</source>
        <translation>Von der Ladesäule pausiert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="37"/>
        <extracomment>texts.finishing()</extracomment>
        <source>Finishing</source>
        <translation>Wird beendet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="41"/>
        <extracomment>texts.reserved()</extracomment>
        <source>Reserved</source>
        <translation>Reserviert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="45"/>
        <extracomment>texts.out_of_order()</extracomment>
        <source>Out of order</source>
        <translation>Außer Betrieb</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="49"/>
        <extracomment>texts.offline()</extracomment>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="53"/>
        <extracomment>texts.not_responding()</extracomment>
        <source>Not responding</source>
        <translation>Reagiert nicht</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="57"/>
        <extracomment>texts.waiting_for_charger()</extracomment>
        <source>Connecting…</source>
        <translation>Verbindungsaufbau…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="61"/>
        <extracomment>texts.out_of_order_detail()</extracomment>
        <source>Please use another bay</source>
        <translation>Bitte einen anderen Ladepunkt nutzen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="65"/>
        <extracomment>texts.offline_detail()</extracomment>
        <source>No contact with this charger</source>
        <translation>Keine Verbindung zu dieser Ladesäule</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="69"/>
        <extracomment>texts.bay()</extracomment>
        <source>Bay {label}</source>
        <translation>Ladepunkt {label}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="74"/>
        <extracomment>texts.energy_soc()</extracomment>
        <source>{kwh} kWh charged</source>
        <translation>{kwh} kWh geladen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="75"/>
        <extracomment>texts.energy_soc()</extracomment>
        <source>{kwh} kWh · battery {soc} %</source>
        <translation>{kwh} kWh · Akku {soc} %</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="79"/>
        <extracomment>texts.battery()</extracomment>
        <source>Battery {soc} %</source>
        <translation>Akku {soc} %</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="83"/>
        <extracomment>texts.home_hint()</extracomment>
        <source>Choose a free bay to start charging</source>
        <translation>Wählen Sie einen freien Ladepunkt, um zu laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="87"/>
        <extracomment>texts.per_kwh()</extracomment>
        <source>{amount} per kWh</source>
        <translation>{amount} pro kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="91"/>
        <extracomment>texts.from_per_kwh()</extracomment>
        <source>from {amount} per kWh</source>
        <translation>ab {amount} pro kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="95"/>
        <extracomment>texts.plus_per_session()</extracomment>
        <source>+ {amount} per session</source>
        <translation>+ {amount} pro Ladevorgang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="99"/>
        <extracomment>texts.plus_per_minute()</extracomment>
        <source>+ {amount} per minute charging</source>
        <translation>+ {amount} pro Minute Ladezeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="104"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min</source>
        <translation>Blockiergebühr {amount}/min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="106"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {hours} h</source>
        <translation>Blockiergebühr {amount}/min nach {hours} h</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="109"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {minutes} min</source>
        <translation>Blockiergebühr {amount}/min nach {minutes} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="118"/>
        <extracomment>texts.bay_title()</extracomment>
        <source>Bay {label} · {connector} · up to {kw} kW</source>
        <translation>Ladepunkt {label} · {connector} · bis {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="124"/>
        <extracomment>texts.prices_title()</extracomment>
        <source>Prices (VAT included)</source>
        <translation>Preise (inkl. MwSt.)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="128"/>
        <extracomment>texts.price_per_minute()</extracomment>
        <source>{amount} per minute charging</source>
        <translation>{amount} pro Minute Laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="132"/>
        <extracomment>texts.price_per_session()</extracomment>
        <source>{amount} per session</source>
        <translation>{amount} pro Ladevorgang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="136"/>
        <extracomment>texts.price_between()</extracomment>
        <source>{price} from {start} to {end}</source>
        <translation>{price} von {start} bis {end} Uhr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="140"/>
        <extracomment>texts.hold_line()</extracomment>
        <source>We reserve {amount} on your card before charging.</source>
        <translation>Vor dem Laden reservieren wir {amount} auf Ihrer Karte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="144"/>
        <extracomment>texts.hold_explained()</extracomment>
        <source>You pay only what you charge: the rest is released as soon as you finish.</source>
        <translation>Sie zahlen nur, was Sie laden: Der Rest wird sofort nach dem Laden freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="148"/>
        <extracomment>texts.pay_by_card()</extracomment>
        <source>Card or phone on the reader</source>
        <translation>Karte oder Handy ans Lesegerät</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="152"/>
        <extracomment>texts.pay_by_qr()</extracomment>
        <source>Pay on your own phone (QR code)</source>
        <translation>Mit dem eigenen Handy zahlen (QR-Code)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="156"/>
        <extracomment>texts.pay_by_member_card()</extracomment>
        <source>Membership card</source>
        <translation>Ladekarte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="160"/>
        <extracomment>texts.back()</extracomment>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="164"/>
        <extracomment>texts.cancel()</extracomment>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="168"/>
        <extracomment>texts.present_card()</extracomment>
        <source>Hold your card or phone to the reader</source>
        <translation>Halten Sie Karte oder Handy an das Lesegerät</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="172"/>
        <extracomment>texts.scan_qr()</extracomment>
        <source>Scan the code with your phone and pay there</source>
        <translation>Scannen Sie den Code mit Ihrem Handy und zahlen Sie dort</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="176"/>
        <extracomment>texts.tap_member_card()</extracomment>
        <source>Hold your membership card to the reader</source>
        <translation>Halten Sie Ihre Ladekarte an das Lesegerät</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="180"/>
        <extracomment>texts.checking_payment()</extracomment>
        <source>Checking your payment…</source>
        <translation>Zahlung wird geprüft …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="184"/>
        <extracomment>texts.seconds_left()</extracomment>
        <source>{seconds} s left</source>
        <translation>noch {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="188"/>
        <extracomment>texts.starting_title()</extracomment>
        <source>Payment accepted — starting the charger</source>
        <translation>Zahlung angenommen – die Ladesäule startet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="193"/>
        <extracomment>texts.starting_hint()</extracomment>
        <source>Plug the cable into your car. Nothing happening after a minute? Check the plug is pushed fully in, or call the number on the charger.</source>
        <translation>Stecken Sie das Kabel in Ihr Auto. Passiert nach einer Minute nichts? Prüfen Sie, ob der Stecker ganz eingesteckt ist, oder rufen Sie die Nummer an der Ladesäule an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="199"/>
        <extracomment>texts.charging_title()</extracomment>
        <source>Bay {label}: charging</source>
        <translation>Ladepunkt {label}: lädt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="203"/>
        <extracomment>texts.idle_title()</extracomment>
        <source>Bay {label}: your car has stopped charging</source>
        <translation>Ladepunkt {label}: Ihr Auto lädt nicht mehr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <extracomment>texts.cost_so_far()</extracomment>
        <source>Cost so far</source>
        <translation>Bisherige Kosten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="211"/>
        <extracomment>texts.energy_line()</extracomment>
        <source>{kwh} kWh</source>
        <translation>{kwh} kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="215"/>
        <extracomment>texts.elapsed_line()</extracomment>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="219"/>
        <extracomment>texts.part_energy()</extracomment>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="223"/>
        <extracomment>texts.part_time()</extracomment>
        <source>Charging time</source>
        <translation>Ladezeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="227"/>
        <extracomment>texts.part_parking()</extracomment>
        <source>Idle fee</source>
        <translation>Blockiergebühr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="231"/>
        <extracomment>texts.part_fixed()</extracomment>
        <source>Session fee</source>
        <translation>Startgebühr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="235"/>
        <extracomment>texts.idle_warning()</extracomment>
        <source>Please unplug and free the bay: an idle fee may apply.</source>
        <translation>Bitte ausstecken und den Ladepunkt freigeben: Es kann eine Blockiergebühr anfallen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="239"/>
        <extracomment>texts.stop_charging()</extracomment>
        <source>Stop charging</source>
        <translation>Laden beenden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="243"/>
        <extracomment>texts.stopping()</extracomment>
        <source>Stopping…</source>
        <translation>Wird beendet …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="247"/>
        <extracomment>texts.summary_title()</extracomment>
        <source>Thank you! Your session is over.</source>
        <translation>Vielen Dank! Ihr Ladevorgang ist beendet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="251"/>
        <extracomment>texts.total_paid()</extracomment>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="255"/>
        <extracomment>texts.charged_to()</extracomment>
        <source>{amount} charged to {card}</source>
        <translation>{amount} abgebucht von {card}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="259"/>
        <extracomment>texts.released()</extracomment>
        <source>{amount} of the reservation released</source>
        <translation>{amount} der Reservierung freigegeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="263"/>
        <extracomment>texts.settling()</extracomment>
        <source>Settling your payment…</source>
        <translation>Zahlung wird abgeschlossen …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="267"/>
        <extracomment>texts.done()</extracomment>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="271"/>
        <extracomment>texts.try_again()</extracomment>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="275"/>
        <location filename="../../kiosk/ui/texts.py" line="334"/>
        <extracomment>texts.payment_failed(), texts.reason()</extracomment>
        <source>The payment did not go through</source>
        <translation>Die Zahlung ist nicht erfolgt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="279"/>
        <extracomment>texts.money_nothing_taken()</extracomment>
        <source>No money was taken from your account.</source>
        <translation>Es wurde kein Geld abgebucht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="283"/>
        <extracomment>texts.money_hold_released()</extracomment>
        <source>The reservation on your card has been released.</source>
        <translation>Die Reservierung auf Ihrer Karte wurde freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="287"/>
        <extracomment>texts.money_charged_so_far()</extracomment>
        <source>Only the energy charged so far is billed, never more than the reservation.</source>
        <translation>Berechnet wird nur die bisher geladene Energie, nie mehr als die Reservierung.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="291"/>
        <extracomment>texts.money_checking()</extracomment>
        <source>We are checking with your bank. You will never be charged twice.</source>
        <translation>Wir klären das mit Ihrer Bank. Sie zahlen nie doppelt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="295"/>
        <extracomment>texts.step_try_another_card()</extracomment>
        <source>Please try another card, or another way to pay.</source>
        <translation>Bitte versuchen Sie eine andere Karte oder eine andere Zahlungsart.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="299"/>
        <extracomment>texts.step_pay_another_way()</extracomment>
        <source>Please pay another way: card, phone or membership card.</source>
        <translation>Bitte zahlen Sie anders: Karte, Handy oder Ladekarte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="303"/>
        <extracomment>texts.step_try_again()</extracomment>
        <source>Please try again.</source>
        <translation>Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="307"/>
        <extracomment>texts.step_call_staff()</extracomment>
        <source>Please call the service number shown on the charger.</source>
        <translation>Bitte rufen Sie die Servicenummer an der Ladesäule an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="311"/>
        <extracomment>texts.step_top_up()</extracomment>
        <source>Please top up your account, or pay another way.</source>
        <translation>Bitte laden Sie Ihr Guthaben auf oder zahlen Sie anders.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="315"/>
        <extracomment>texts.step_settle_debt()</extracomment>
        <source>Please settle the open amount on your account, or pay another way.</source>
        <translation>Bitte begleichen Sie den offenen Betrag oder zahlen Sie anders.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="321"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card was declined.</source>
        <translation>Ihre Karte wurde abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="322"/>
        <extracomment>texts.reason()</extracomment>
        <source>There are not enough funds on the card.</source>
        <translation>Auf der Karte ist nicht genug Guthaben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="323"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is not working right now.</source>
        <translation>Das Lesegerät funktioniert gerade nicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="324"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is busy.</source>
        <translation>Das Lesegerät ist gerade belegt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="325"/>
        <extracomment>texts.reason()</extracomment>
        <source>No card was presented in time.</source>
        <translation>Es wurde nicht rechtzeitig eine Karte vorgehalten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="326"/>
        <extracomment>texts.reason()</extracomment>
        <source>You cancelled the payment.</source>
        <translation>Sie haben die Zahlung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="327"/>
        <extracomment>texts.reason()</extracomment>
        <source>We could not reach the payment service.</source>
        <translation>Der Zahlungsdienst ist nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="328"/>
        <extracomment>texts.reason()</extracomment>
        <source>This card is not registered.</source>
        <translation>Diese Karte ist nicht registriert.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="329"/>
        <extracomment>texts.reason()</extracomment>
        <source>This membership card is blocked.</source>
        <translation>Diese Ladekarte ist gesperrt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="330"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account's credit limit is reached.</source>
        <translation>Das Limit Ihres Kontos ist erreicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="331"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account has an open amount.</source>
        <translation>Ihr Konto hat einen offenen Betrag.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="332"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card's reservation limit was reached.</source>
        <translation>Das Reservierungslimit Ihrer Karte ist erreicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="333"/>
        <extracomment>texts.reason()</extracomment>
        <source>The payment service answered unexpectedly.</source>
        <translation>Der Zahlungsdienst hat unerwartet geantwortet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="338"/>
        <extracomment>texts.caption_power()</extracomment>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="342"/>
        <extracomment>texts.caption_time()</extracomment>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="346"/>
        <extracomment>texts.caption_battery()</extracomment>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
</context>
</TS>
