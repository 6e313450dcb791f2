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
        <location filename="../../kiosk/ui/texts.py" line="90"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>Pay by card, phone or membership card: no app, no account.</source>
        <translation>Bezahlen mit Karte, Handy oder Ladekarte: ohne App, ohne Konto.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="91"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>All prices include VAT. Touch a bay to see them before you pay.</source>
        <translation>Alle Preise inkl. MwSt. Tippen Sie auf einen Ladepunkt, um sie vor dem Bezahlen zu sehen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="92"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>You pay only what you charge: the rest of the reservation is released.</source>
        <translation>Sie zahlen nur, was Sie laden: Der Rest der Reservierung wird freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="97"/>
        <extracomment>texts.start_here()</extracomment>
        <source>Car connected at bay {label}: start here</source>
        <translation>Fahrzeug an Ladepunkt {label} angeschlossen: hier starten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="101"/>
        <extracomment>texts.per_kwh()</extracomment>
        <source>{amount} per kWh</source>
        <translation>{amount} pro kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="105"/>
        <extracomment>texts.from_per_kwh()</extracomment>
        <source>from {amount} per kWh</source>
        <translation>ab {amount} pro kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="109"/>
        <extracomment>texts.plus_per_session()</extracomment>
        <source>+ {amount} per session</source>
        <translation>+ {amount} pro Ladevorgang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="113"/>
        <extracomment>texts.plus_per_minute()</extracomment>
        <source>+ {amount} per minute charging</source>
        <translation>+ {amount} pro Minute Ladezeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="118"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min</source>
        <translation>Blockiergebühr {amount}/min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="120"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {hours} h</source>
        <translation>Blockiergebühr {amount}/min nach {hours} h</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="123"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {minutes} min</source>
        <translation>Blockiergebühr {amount}/min nach {minutes} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="132"/>
        <extracomment>texts.bay_title()</extracomment>
        <source>Bay {label} · {connector} · up to {kw} kW</source>
        <translation>Ladepunkt {label} · {connector} · bis {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="138"/>
        <extracomment>texts.prices_title()</extracomment>
        <source>Prices (VAT included)</source>
        <translation>Preise (inkl. MwSt.)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="142"/>
        <extracomment>texts.price_per_minute()</extracomment>
        <source>{amount} per minute charging</source>
        <translation>{amount} pro Minute Laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="146"/>
        <extracomment>texts.price_per_session()</extracomment>
        <source>{amount} per session</source>
        <translation>{amount} pro Ladevorgang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="150"/>
        <extracomment>texts.price_between()</extracomment>
        <source>{price} from {start} to {end}</source>
        <translation>{price} von {start} bis {end} Uhr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="154"/>
        <extracomment>texts.hold_line()</extracomment>
        <source>We reserve {amount} on your card before charging.</source>
        <translation>Vor dem Laden reservieren wir {amount} auf Ihrer Karte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="158"/>
        <extracomment>texts.hold_explained()</extracomment>
        <source>You pay only what you charge: the rest is released as soon as you finish.</source>
        <translation>Sie zahlen nur, was Sie laden: Der Rest wird sofort nach dem Laden freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="162"/>
        <extracomment>texts.pay_by_card()</extracomment>
        <source>Card or phone on the reader</source>
        <translation>Karte oder Handy ans Lesegerät</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="166"/>
        <extracomment>texts.pay_by_qr()</extracomment>
        <source>Pay on your own phone (QR code)</source>
        <translation>Mit dem eigenen Handy zahlen (QR-Code)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="170"/>
        <extracomment>texts.pay_by_member_card()</extracomment>
        <source>Membership card</source>
        <translation>Ladekarte</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="174"/>
        <extracomment>texts.back()</extracomment>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="178"/>
        <extracomment>texts.cancel()</extracomment>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="182"/>
        <extracomment>texts.present_card()</extracomment>
        <source>Hold your card or phone to the reader</source>
        <translation>Halten Sie Karte oder Handy an das Lesegerät</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="186"/>
        <extracomment>texts.scan_qr()</extracomment>
        <source>Scan the code with your phone and pay there</source>
        <translation>Scannen Sie den Code mit Ihrem Handy und zahlen Sie dort</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="190"/>
        <extracomment>texts.tap_member_card()</extracomment>
        <source>Hold your membership card to the reader</source>
        <translation>Halten Sie Ihre Ladekarte an das Lesegerät</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="194"/>
        <extracomment>texts.checking_payment()</extracomment>
        <source>Checking your payment…</source>
        <translation>Zahlung wird geprüft …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="198"/>
        <extracomment>texts.seconds_left()</extracomment>
        <source>{seconds} s left</source>
        <translation>noch {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="202"/>
        <extracomment>texts.starting_title()</extracomment>
        <source>Payment accepted — starting the charger</source>
        <translation>Zahlung angenommen – die Ladesäule startet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <extracomment>texts.starting_hint()</extracomment>
        <source>Plug the cable into your car. Nothing happening after a minute? Check the plug is pushed fully in, or call the number on the charger.</source>
        <translation>Stecken Sie das Kabel in Ihr Auto. Passiert nach einer Minute nichts? Prüfen Sie, ob der Stecker ganz eingesteckt ist, oder rufen Sie die Nummer an der Ladesäule an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <extracomment>texts.charging_title()</extracomment>
        <source>Bay {label}: charging</source>
        <translation>Ladepunkt {label}: lädt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="217"/>
        <extracomment>texts.idle_title()</extracomment>
        <source>Bay {label}: your car has stopped charging</source>
        <translation>Ladepunkt {label}: Ihr Auto lädt nicht mehr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="221"/>
        <extracomment>texts.cost_so_far()</extracomment>
        <source>Cost so far</source>
        <translation>Bisherige Kosten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="225"/>
        <extracomment>texts.energy_line()</extracomment>
        <source>{kwh} kWh</source>
        <translation>{kwh} kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="229"/>
        <extracomment>texts.elapsed_line()</extracomment>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="233"/>
        <extracomment>texts.part_energy()</extracomment>
        <source>Energy</source>
        <translation>Energie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="237"/>
        <extracomment>texts.part_time()</extracomment>
        <source>Charging time</source>
        <translation>Ladezeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="241"/>
        <extracomment>texts.part_parking()</extracomment>
        <source>Idle fee</source>
        <translation>Blockiergebühr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="245"/>
        <extracomment>texts.part_fixed()</extracomment>
        <source>Session fee</source>
        <translation>Startgebühr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="249"/>
        <extracomment>texts.stop_charging()</extracomment>
        <source>Stop charging</source>
        <translation>Laden beenden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="253"/>
        <extracomment>texts.stopping()</extracomment>
        <source>Stopping…</source>
        <translation>Wird beendet …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="257"/>
        <extracomment>texts.summary_title()</extracomment>
        <source>Thank you! Your session is over.</source>
        <translation>Vielen Dank! Ihr Ladevorgang ist beendet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="261"/>
        <extracomment>texts.total_paid()</extracomment>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="265"/>
        <extracomment>texts.charged_to()</extracomment>
        <source>{amount} charged to {card}</source>
        <translation>{amount} abgebucht von {card}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="269"/>
        <extracomment>texts.released()</extracomment>
        <source>{amount} of the reservation released</source>
        <translation>{amount} der Reservierung freigegeben</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="273"/>
        <extracomment>texts.settling()</extracomment>
        <source>Settling your payment…</source>
        <translation>Zahlung wird abgeschlossen …</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="277"/>
        <extracomment>texts.done()</extracomment>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="281"/>
        <extracomment>texts.try_again()</extracomment>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="285"/>
        <location filename="../../kiosk/ui/texts.py" line="344"/>
        <extracomment>texts.payment_failed(), texts.reason()</extracomment>
        <source>The payment did not go through</source>
        <translation>Die Zahlung ist nicht erfolgt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="289"/>
        <extracomment>texts.money_nothing_taken()</extracomment>
        <source>No money was taken from your account.</source>
        <translation>Es wurde kein Geld abgebucht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="293"/>
        <extracomment>texts.money_hold_released()</extracomment>
        <source>The reservation on your card has been released.</source>
        <translation>Die Reservierung auf Ihrer Karte wurde freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="297"/>
        <extracomment>texts.money_charged_so_far()</extracomment>
        <source>Only the energy charged so far is billed, never more than the reservation.</source>
        <translation>Berechnet wird nur die bisher geladene Energie, nie mehr als die Reservierung.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="301"/>
        <extracomment>texts.money_checking()</extracomment>
        <source>We are checking with your bank. You will never be charged twice.</source>
        <translation>Wir klären das mit Ihrer Bank. Sie zahlen nie doppelt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="305"/>
        <extracomment>texts.step_try_another_card()</extracomment>
        <source>Please try another card, or another way to pay.</source>
        <translation>Bitte versuchen Sie eine andere Karte oder eine andere Zahlungsart.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="309"/>
        <extracomment>texts.step_pay_another_way()</extracomment>
        <source>Please pay another way: card, phone or membership card.</source>
        <translation>Bitte zahlen Sie anders: Karte, Handy oder Ladekarte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="313"/>
        <extracomment>texts.step_try_again()</extracomment>
        <source>Please try again.</source>
        <translation>Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="317"/>
        <extracomment>texts.step_call_staff()</extracomment>
        <source>Please call the service number shown on the charger.</source>
        <translation>Bitte rufen Sie die Servicenummer an der Ladesäule an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="321"/>
        <extracomment>texts.step_top_up()</extracomment>
        <source>Please top up your account, or pay another way.</source>
        <translation>Bitte laden Sie Ihr Guthaben auf oder zahlen Sie anders.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="325"/>
        <extracomment>texts.step_settle_debt()</extracomment>
        <source>Please settle the open amount on your account, or pay another way.</source>
        <translation>Bitte begleichen Sie den offenen Betrag oder zahlen Sie anders.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="331"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card was declined.</source>
        <translation>Ihre Karte wurde abgelehnt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="332"/>
        <extracomment>texts.reason()</extracomment>
        <source>There are not enough funds on the card.</source>
        <translation>Auf der Karte ist nicht genug Guthaben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="333"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is not working right now.</source>
        <translation>Das Lesegerät funktioniert gerade nicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="334"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is busy.</source>
        <translation>Das Lesegerät ist gerade belegt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="335"/>
        <extracomment>texts.reason()</extracomment>
        <source>No card was presented in time.</source>
        <translation>Es wurde nicht rechtzeitig eine Karte vorgehalten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="336"/>
        <extracomment>texts.reason()</extracomment>
        <source>You cancelled the payment.</source>
        <translation>Sie haben die Zahlung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="337"/>
        <extracomment>texts.reason()</extracomment>
        <source>We could not reach the payment service.</source>
        <translation>Der Zahlungsdienst ist nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="338"/>
        <extracomment>texts.reason()</extracomment>
        <source>This card is not registered.</source>
        <translation>Diese Karte ist nicht registriert.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="339"/>
        <extracomment>texts.reason()</extracomment>
        <source>This membership card is blocked.</source>
        <translation>Diese Ladekarte ist gesperrt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="340"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account's credit limit is reached.</source>
        <translation>Das Limit Ihres Kontos ist erreicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="341"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account has an open amount.</source>
        <translation>Ihr Konto hat einen offenen Betrag.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="342"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card's reservation limit was reached.</source>
        <translation>Das Reservierungslimit Ihrer Karte ist erreicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="343"/>
        <extracomment>texts.reason()</extracomment>
        <source>The payment service answered unexpectedly.</source>
        <translation>Der Zahlungsdienst hat unerwartet geantwortet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="348"/>
        <extracomment>texts.caption_power()</extracomment>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="352"/>
        <extracomment>texts.caption_time()</extracomment>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="356"/>
        <extracomment>texts.caption_battery()</extracomment>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="363"/>
        <extracomment>texts.large_text()</extracomment>
        <source>Large text</source>
        <translation>Große Schrift</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="367"/>
        <extracomment>texts.normal_text()</extracomment>
        <source>Normal text</source>
        <translation>Normale Schrift</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="371"/>
        <extracomment>texts.still_there_title()</extracomment>
        <source>Are you still there?</source>
        <translation>Sind Sie noch da?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="375"/>
        <extracomment>texts.still_there_body()</extracomment>
        <source>This screen goes back to the start in {seconds} s.</source>
        <translation>Dieser Bildschirm kehrt in {seconds} s zum Anfang zurück.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="379"/>
        <extracomment>texts.more_time()</extracomment>
        <source>More time</source>
        <translation>Mehr Zeit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="383"/>
        <extracomment>texts.more_time_paying()</extracomment>
        <source>More time to pay</source>
        <translation>Mehr Zeit zum Bezahlen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="390"/>
        <extracomment>texts.session_code_caption()</extracomment>
        <source>Your session code</source>
        <translation>Ihr Sitzungscode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="394"/>
        <extracomment>texts.session_code_note()</extracomment>
        <source>Keep it: with this code or the same card you can stop or find your session.</source>
        <translation>Merken Sie ihn sich: Mit diesem Code oder derselben Karte können Sie Ihren Ladevorgang beenden oder wiederfinden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="399"/>
        <extracomment>texts.plug_in_within()</extracomment>
        <source>Plug in within {minutes}:{seconds:02d}, or the reservation is released automatically.</source>
        <translation>Bitte innerhalb von {minutes}:{seconds:02d} einstecken, sonst wird die Reservierung automatisch freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="408"/>
        <extracomment>texts.idle_fee_in()</extracomment>
        <source>Charging has finished. An idle fee of {amount}/min starts in {minutes} min: please unplug and free the bay.</source>
        <translation>Der Ladevorgang ist beendet. In {minutes} min beginnt eine Blockiergebühr von {amount}/min: Bitte ausstecken und den Platz freimachen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="414"/>
        <extracomment>texts.idle_fee_now()</extracomment>
        <source>An idle fee of {amount}/min applies now: please unplug and free the bay.</source>
        <translation>Jetzt gilt eine Blockiergebühr von {amount}/min: Bitte ausstecken und den Platz freimachen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="423"/>
        <extracomment>texts.receipt_heading()</extracomment>
        <source>Your receipt</source>
        <translation>Ihr Beleg</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="427"/>
        <extracomment>texts.receipt_print()</extracomment>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="431"/>
        <extracomment>texts.receipt_qr()</extracomment>
        <source>QR code</source>
        <translation>QR-Code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="435"/>
        <extracomment>texts.receipt_email()</extracomment>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="439"/>
        <extracomment>texts.receipt_printing()</extracomment>
        <source>Printing your receipt…</source>
        <translation>Ihr Beleg wird gedruckt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="443"/>
        <extracomment>texts.receipt_printed()</extracomment>
        <source>Your receipt is printed. Please take it.</source>
        <translation>Ihr Beleg ist gedruckt. Bitte entnehmen Sie ihn.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="447"/>
        <extracomment>texts.receipt_print_waiting()</extracomment>
        <source>Your receipt prints as soon as the payment is settled.</source>
        <translation>Ihr Beleg wird gedruckt, sobald die Zahlung abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="451"/>
        <extracomment>texts.receipt_email_waiting()</extracomment>
        <source>We send your receipt as soon as the payment is settled.</source>
        <translation>Wir senden Ihren Beleg, sobald die Zahlung abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="455"/>
        <extracomment>texts.receipt_email_sending()</extracomment>
        <source>Your receipt is on its way to your e-mail.</source>
        <translation>Ihr Beleg ist per E-Mail unterwegs.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="459"/>
        <extracomment>texts.receipt_email_sent()</extracomment>
        <source>Your receipt has been sent by e-mail.</source>
        <translation>Ihr Beleg wurde per E-Mail gesendet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="463"/>
        <extracomment>texts.receipt_email_refused()</extracomment>
        <source>The e-mail could not be sent. Please check the address, or use the QR code.</source>
        <translation>Die E-Mail konnte nicht gesendet werden. Bitte prüfen Sie die Adresse oder nutzen Sie den QR-Code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="467"/>
        <extracomment>texts.receipt_none()</extracomment>
        <source>No invoice is issued: nothing was charged.</source>
        <translation>Es wird keine Rechnung ausgestellt: Es wurde nichts berechnet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="471"/>
        <extracomment>texts.qr_receipt_title()</extracomment>
        <source>Scan the code to download your receipt</source>
        <translation>Code scannen und Beleg herunterladen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="475"/>
        <extracomment>texts.qr_receipt_note()</extracomment>
        <source>The link opens your invoice as a PDF. It needs no account or app.</source>
        <translation>Der Link öffnet Ihre Rechnung als PDF. Kein Konto und keine App nötig.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="479"/>
        <extracomment>texts.paper_out_title()</extracomment>
        <source>The printer is out of paper</source>
        <translation>Der Drucker hat kein Papier mehr</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="483"/>
        <extracomment>texts.paper_problem_title()</extracomment>
        <source>The receipt could not be printed</source>
        <translation>Der Beleg konnte nicht gedruckt werden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="487"/>
        <extracomment>texts.paper_out_body()</extracomment>
        <source>Nothing is lost: your payment is complete. Scan this code for your receipt.</source>
        <translation>Nichts geht verloren: Ihre Zahlung ist abgeschlossen. Scannen Sie diesen Code für Ihren Beleg.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="491"/>
        <extracomment>texts.invoice_number()</extracomment>
        <source>Invoice {number}</source>
        <translation>Rechnung {number}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="495"/>
        <extracomment>texts.email_title()</extracomment>
        <source>Your e-mail address</source>
        <translation>Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="499"/>
        <extracomment>texts.email_hint()</extracomment>
        <source>We use it only to send this receipt.</source>
        <translation>Wir verwenden sie nur, um diesen Beleg zu senden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="503"/>
        <extracomment>texts.email_invalid()</extracomment>
        <source>Please check the address: it needs an @ and a dot, like name@example.com</source>
        <translation>Bitte prüfen Sie die Adresse: Sie braucht ein @ und einen Punkt, z. B. name@example.com</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="507"/>
        <extracomment>texts.send()</extracomment>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="511"/>
        <extracomment>texts.key_backspace()</extracomment>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="515"/>
        <extracomment>texts.key_clear()</extracomment>
        <source>Clear</source>
        <translation>Alles löschen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="519"/>
        <extracomment>texts.key_shift()</extracomment>
        <source>Shift</source>
        <translation>Groß</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="526"/>
        <extracomment>texts.charger_problem_title()</extracomment>
        <source>The charger has a problem</source>
        <translation>Die Ladesäule hat ein Problem</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="530"/>
        <extracomment>texts.charger_fault_reason()</extracomment>
        <source>The charger reported a fault and charging has stopped.</source>
        <translation>Die Ladesäule meldet eine Störung, der Ladevorgang wurde unterbrochen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="534"/>
        <extracomment>texts.charger_lost_reason()</extracomment>
        <source>The charger is not responding.</source>
        <translation>Die Ladesäule antwortet nicht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="539"/>
        <extracomment>texts.fault_money()</extracomment>
        <source>You pay only for the energy charged so far ({amount}). The rest of the reservation is released.</source>
        <translation>Sie zahlen nur die bisher geladene Energie ({amount}). Der Rest der Reservierung wird freigegeben.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="546"/>
        <extracomment>texts.fault_next()</extracomment>
        <source>End the session, unplug your car and use another bay. If the cable is locked, call the service number on the charger.</source>
        <translation>Beenden Sie den Ladevorgang, stecken Sie aus und nutzen Sie einen anderen Platz. Ist das Kabel verriegelt, rufen Sie die Servicenummer an der Ladesäule an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="552"/>
        <extracomment>texts.end_session()</extracomment>
        <source>End session</source>
        <translation>Ladevorgang beenden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="556"/>
        <extracomment>texts.wait_for_charger()</extracomment>
        <source>Wait for the charger</source>
        <translation>Auf die Ladesäule warten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="560"/>
        <extracomment>texts.start_problem_title()</extracomment>
        <source>The charge did not start</source>
        <translation>Der Ladevorgang hat nicht begonnen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="564"/>
        <extracomment>texts.start_not_responding()</extracomment>
        <source>The charger did not answer.</source>
        <translation>Die Ladesäule hat nicht geantwortet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="568"/>
        <extracomment>texts.start_refused()</extracomment>
        <source>The charger did not start the charge.</source>
        <translation>Die Ladesäule hat den Ladevorgang nicht gestartet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="572"/>
        <extracomment>texts.start_no_car()</extracomment>
        <source>No car was plugged in.</source>
        <translation>Es wurde kein Fahrzeug angeschlossen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="576"/>
        <extracomment>texts.money_released_nothing_charged()</extracomment>
        <source>The reservation on your card is released: nothing was charged.</source>
        <translation>Die Reservierung auf Ihrer Karte ist freigegeben: Es wurde nichts berechnet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="580"/>
        <extracomment>texts.step_other_bay()</extracomment>
        <source>Please choose another bay, or call the service number on the charger.</source>
        <translation>Bitte wählen Sie einen anderen Platz oder rufen Sie die Servicenummer an der Ladesäule an.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="584"/>
        <extracomment>texts.choose_another_bay()</extracomment>
        <source>Choose another bay</source>
        <translation>Anderen Platz wählen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="591"/>
        <extracomment>texts.my_session()</extracomment>
        <source>My session</source>
        <translation>Mein Ladevorgang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="595"/>
        <extracomment>texts.my_session_title()</extracomment>
        <source>Back to your session</source>
        <translation>Zurück zu Ihrem Ladevorgang</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="599"/>
        <extracomment>texts.stop_title()</extracomment>
        <source>Stop charging at bay {label}</source>
        <translation>Laden an Platz {label} beenden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="603"/>
        <extracomment>texts.identify_card()</extracomment>
        <source>Hold the card or phone you paid with to the reader.</source>
        <translation>Halten Sie die Karte oder das Telefon, mit dem Sie bezahlt haben, an das Lesegerät.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="607"/>
        <extracomment>texts.identify_member_card()</extracomment>
        <source>Hold your membership card to the reader.</source>
        <translation>Halten Sie Ihre Mitgliedskarte an das Lesegerät.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="611"/>
        <extracomment>texts.identify_code()</extracomment>
        <source>Or type your session code:</source>
        <translation>Oder geben Sie Ihren Sitzungscode ein:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="615"/>
        <extracomment>texts.identify_checking()</extracomment>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="619"/>
        <extracomment>texts.identify_no_match()</extracomment>
        <source>This is not the card or code of this session. Please try again.</source>
        <translation>Das ist nicht die Karte oder der Code dieses Ladevorgangs. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="623"/>
        <extracomment>texts.identify_locked()</extracomment>
        <source>Too many wrong codes. Please use your card, or try again in {minutes} min.</source>
        <translation>Zu viele falsche Codes. Bitte nutzen Sie Ihre Karte oder versuchen Sie es in {minutes} min erneut.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="629"/>
        <extracomment>texts.identify_timeout()</extracomment>
        <source>Nothing was presented in time.</source>
        <translation>Es wurde nichts rechtzeitig vorgehalten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="633"/>
        <extracomment>texts.identify_reader_unavailable()</extracomment>
        <source>The card reader is not available: please type your session code.</source>
        <translation>Das Kartenlesegerät ist nicht verfügbar: Bitte geben Sie Ihren Sitzungscode ein.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="637"/>
        <extracomment>texts.no_session_here()</extracomment>
        <source>No session is running right now.</source>
        <translation>Gerade läuft kein Ladevorgang.</translation>
    </message>
    <message>
        <source>This receipt is not available here. Please use the QR code.</source>
        <translation type="vanished">Dieser Beleg ist hier nicht verfügbar. Bitte nutzen Sie den QR-Code.</translation>
    </message>
    <message>
        <source>Starting up…</source>
        <translation type="vanished">Wird gestartet…</translation>
    </message>
    <message>
        <source>Your session code: {code}</source>
        <translation type="vanished">Ihr Sitzungscode: {code}</translation>
    </message>
    <message>
        <source>Please unplug and free the bay: an idle fee may apply.</source>
        <translation type="vanished">Bitte ausstecken und den Ladepunkt freigeben: Es kann eine Blockiergebühr anfallen.</translation>
    </message>
</context>
</TS>
