<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="13"/>
        <extracomment>texts.free()</extracomment>
        <source>Free</source>
        <translation>Vrij</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="17"/>
        <extracomment>texts.free_detail()</extracomment>
        <source>{connector} · up to {kw} kW</source>
        <translation>{connector} · tot {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="21"/>
        <extracomment>texts.car_connected()</extracomment>
        <source>Car connected</source>
        <translation>Auto aangesloten</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="25"/>
        <extracomment>texts.charging()</extracomment>
        <source>Charging</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="29"/>
        <extracomment>texts.paused_by_car()</extracomment>
        <source>Car is full or paused</source>
        <translation>Auto vol of gepauzeerd</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="33"/>
        <extracomment>texts.paused_by_charger()</extracomment>
        <source>Paused by the charger</source>
        <translation>Gepauzeerd door de laadpaal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="37"/>
        <extracomment>texts.finishing()</extracomment>
        <source>Finishing</source>
        <translation>Wordt afgerond</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="41"/>
        <extracomment>texts.reserved()</extracomment>
        <source>Reserved</source>
        <translation>Gereserveerd</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="45"/>
        <extracomment>texts.out_of_order()</extracomment>
        <source>Out of order</source>
        <translation>Buiten gebruik</translation>
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
        <translation>Reageert niet</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="57"/>
        <extracomment>texts.waiting_for_charger()</extracomment>
        <source>Connecting…</source>
        <translation>Verbinding maken…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="61"/>
        <extracomment>texts.out_of_order_detail()</extracomment>
        <source>Please use another bay</source>
        <translation>Gebruik a.u.b. een ander laadpunt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="65"/>
        <extracomment>texts.offline_detail()</extracomment>
        <source>No contact with this charger</source>
        <translation>Geen verbinding met deze laadpaal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="69"/>
        <extracomment>texts.bay()</extracomment>
        <source>Bay {label}</source>
        <translation>Laadpunt {label}</translation>
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
        <translation>{kwh} kWh · accu {soc}%</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="79"/>
        <extracomment>texts.battery()</extracomment>
        <source>Battery {soc} %</source>
        <translation>Accu {soc}%</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="83"/>
        <extracomment>texts.home_hint()</extracomment>
        <source>Choose a free bay to start charging</source>
        <translation>Kies een vrij laadpunt om te laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="90"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>Pay by card, phone or membership card: no app, no account.</source>
        <translation>Betaal met kaart, telefoon of ledenkaart: geen app, geen account.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="91"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>All prices include VAT. Touch a bay to see them before you pay.</source>
        <translation>Alle prijzen inclusief btw. Tik op een laadpunt om ze te zien voordat u betaalt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="92"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>You pay only what you charge: the rest of the reservation is released.</source>
        <translation>U betaalt alleen wat u laadt: de rest van de reservering wordt vrijgegeven.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="97"/>
        <extracomment>texts.start_here()</extracomment>
        <source>Car connected at bay {label}: start here</source>
        <translation>Auto aangesloten op laadpunt {label}: start hier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="101"/>
        <extracomment>texts.per_kwh()</extracomment>
        <source>{amount} per kWh</source>
        <translation>{amount} per kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="105"/>
        <extracomment>texts.from_per_kwh()</extracomment>
        <source>from {amount} per kWh</source>
        <translation>vanaf {amount} per kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="109"/>
        <extracomment>texts.plus_per_session()</extracomment>
        <source>+ {amount} per session</source>
        <translation>+ {amount} per laadsessie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="113"/>
        <extracomment>texts.plus_per_minute()</extracomment>
        <source>+ {amount} per minute charging</source>
        <translation>+ {amount} per minuut laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="118"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min</source>
        <translation>blokkeertarief {amount}/min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="120"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {hours} h</source>
        <translation>blokkeertarief {amount}/min na {hours} uur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="123"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {minutes} min</source>
        <translation>blokkeertarief {amount}/min na {minutes} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="132"/>
        <extracomment>texts.bay_title()</extracomment>
        <source>Bay {label} · {connector} · up to {kw} kW</source>
        <translation>Laadpunt {label} · {connector} · tot {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="138"/>
        <extracomment>texts.prices_title()</extracomment>
        <source>Prices (VAT included)</source>
        <translation>Prijzen (incl. btw)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="142"/>
        <extracomment>texts.price_per_minute()</extracomment>
        <source>{amount} per minute charging</source>
        <translation>{amount} per minuut laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="146"/>
        <extracomment>texts.price_per_session()</extracomment>
        <source>{amount} per session</source>
        <translation>{amount} per laadbeurt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="150"/>
        <extracomment>texts.price_between()</extracomment>
        <source>{price} from {start} to {end}</source>
        <translation>{price} van {start} tot {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="154"/>
        <extracomment>texts.hold_line()</extracomment>
        <source>We reserve {amount} on your card before charging.</source>
        <translation>Voor het laden reserveren we {amount} op uw kaart.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="158"/>
        <extracomment>texts.hold_explained()</extracomment>
        <source>You pay only what you charge: the rest is released as soon as you finish.</source>
        <translation>U betaalt alleen wat u laadt: de rest komt vrij zodra u klaar bent.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="162"/>
        <extracomment>texts.pay_by_card()</extracomment>
        <source>Card or phone on the reader</source>
        <translation>Kaart of telefoon op de lezer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="166"/>
        <extracomment>texts.pay_by_qr()</extracomment>
        <source>Pay on your own phone (QR code)</source>
        <translation>Betalen met uw eigen telefoon (QR-code)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="170"/>
        <extracomment>texts.pay_by_member_card()</extracomment>
        <source>Membership card</source>
        <translation>Laadpas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="174"/>
        <extracomment>texts.back()</extracomment>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="178"/>
        <extracomment>texts.cancel()</extracomment>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="182"/>
        <extracomment>texts.present_card()</extracomment>
        <source>Hold your card or phone to the reader</source>
        <translation>Houd uw kaart of telefoon bij de lezer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="186"/>
        <extracomment>texts.scan_qr()</extracomment>
        <source>Scan the code with your phone and pay there</source>
        <translation>Scan de code met uw telefoon en betaal daar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="190"/>
        <extracomment>texts.tap_member_card()</extracomment>
        <source>Hold your membership card to the reader</source>
        <translation>Houd uw laadpas bij de lezer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="194"/>
        <extracomment>texts.checking_payment()</extracomment>
        <source>Checking your payment…</source>
        <translation>Uw betaling wordt gecontroleerd…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="198"/>
        <extracomment>texts.seconds_left()</extracomment>
        <source>{seconds} s left</source>
        <translation>nog {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="202"/>
        <extracomment>texts.starting_title()</extracomment>
        <source>Payment accepted — starting the charger</source>
        <translation>Betaling aanvaard – de laadpaal start</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <extracomment>texts.starting_hint()</extracomment>
        <source>Plug the cable into your car. Nothing happening after a minute? Check the plug is pushed fully in, or call the number on the charger.</source>
        <translation>Steek de kabel in uw auto. Gebeurt er na een minuut niets? Controleer of de stekker er helemaal in zit, of bel het nummer op de laadpaal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <extracomment>texts.charging_title()</extracomment>
        <source>Bay {label}: charging</source>
        <translation>Laadpunt {label}: aan het laden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="217"/>
        <extracomment>texts.idle_title()</extracomment>
        <source>Bay {label}: your car has stopped charging</source>
        <translation>Laadpunt {label}: uw auto laadt niet meer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="221"/>
        <extracomment>texts.cost_so_far()</extracomment>
        <source>Cost so far</source>
        <translation>Kosten tot nu toe</translation>
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
        <translation>{minutes} min</translation>
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
        <translation>Laadtijd</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="241"/>
        <extracomment>texts.part_parking()</extracomment>
        <source>Idle fee</source>
        <translation>Blokkeertarief</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="245"/>
        <extracomment>texts.part_fixed()</extracomment>
        <source>Session fee</source>
        <translation>Starttarief</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="249"/>
        <extracomment>texts.stop_charging()</extracomment>
        <source>Stop charging</source>
        <translation>Laden stoppen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="253"/>
        <extracomment>texts.stopping()</extracomment>
        <source>Stopping…</source>
        <translation>Wordt gestopt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="257"/>
        <extracomment>texts.summary_title()</extracomment>
        <source>Thank you! Your session is over.</source>
        <translation>Bedankt! Uw laadbeurt is afgelopen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="261"/>
        <extracomment>texts.total_paid()</extracomment>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="265"/>
        <extracomment>texts.charged_to()</extracomment>
        <source>{amount} charged to {card}</source>
        <translation>{amount} afgeschreven van {card}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="269"/>
        <extracomment>texts.released()</extracomment>
        <source>{amount} of the reservation released</source>
        <translation>{amount} van de reservering vrijgegeven</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="273"/>
        <extracomment>texts.settling()</extracomment>
        <source>Settling your payment…</source>
        <translation>Uw betaling wordt afgerond…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="277"/>
        <extracomment>texts.done()</extracomment>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="281"/>
        <extracomment>texts.try_again()</extracomment>
        <source>Try again</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="285"/>
        <location filename="../../kiosk/ui/texts.py" line="344"/>
        <extracomment>texts.payment_failed(), texts.reason()</extracomment>
        <source>The payment did not go through</source>
        <translation>De betaling is niet gelukt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="289"/>
        <extracomment>texts.money_nothing_taken()</extracomment>
        <source>No money was taken from your account.</source>
        <translation>Er is geen geld afgeschreven.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="293"/>
        <extracomment>texts.money_hold_released()</extracomment>
        <source>The reservation on your card has been released.</source>
        <translation>De reservering op uw kaart is vrijgegeven.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="297"/>
        <extracomment>texts.money_charged_so_far()</extracomment>
        <source>Only the energy charged so far is billed, never more than the reservation.</source>
        <translation>Alleen de tot nu toe geladen energie wordt gerekend, nooit meer dan de reservering.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="301"/>
        <extracomment>texts.money_checking()</extracomment>
        <source>We are checking with your bank. You will never be charged twice.</source>
        <translation>We controleren het bij uw bank. U betaalt nooit twee keer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="305"/>
        <extracomment>texts.step_try_another_card()</extracomment>
        <source>Please try another card, or another way to pay.</source>
        <translation>Probeer een andere kaart of een andere betaalwijze.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="309"/>
        <extracomment>texts.step_pay_another_way()</extracomment>
        <source>Please pay another way: card, phone or membership card.</source>
        <translation>Betaal op een andere manier: kaart, telefoon of laadpas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="313"/>
        <extracomment>texts.step_try_again()</extracomment>
        <source>Please try again.</source>
        <translation>Probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="317"/>
        <extracomment>texts.step_call_staff()</extracomment>
        <source>Please call the service number shown on the charger.</source>
        <translation>Bel het servicenummer op de laadpaal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="321"/>
        <extracomment>texts.step_top_up()</extracomment>
        <source>Please top up your account, or pay another way.</source>
        <translation>Vul uw tegoed aan of betaal op een andere manier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="325"/>
        <extracomment>texts.step_settle_debt()</extracomment>
        <source>Please settle the open amount on your account, or pay another way.</source>
        <translation>Betaal het openstaande bedrag of betaal op een andere manier.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="331"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card was declined.</source>
        <translation>Uw kaart is geweigerd.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="332"/>
        <extracomment>texts.reason()</extracomment>
        <source>There are not enough funds on the card.</source>
        <translation>Er staat niet genoeg saldo op de kaart.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="333"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is not working right now.</source>
        <translation>De kaartlezer werkt nu niet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="334"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is busy.</source>
        <translation>De kaartlezer is bezet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="335"/>
        <extracomment>texts.reason()</extracomment>
        <source>No card was presented in time.</source>
        <translation>Er werd niet op tijd een kaart aangeboden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="336"/>
        <extracomment>texts.reason()</extracomment>
        <source>You cancelled the payment.</source>
        <translation>U hebt de betaling geannuleerd.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="337"/>
        <extracomment>texts.reason()</extracomment>
        <source>We could not reach the payment service.</source>
        <translation>De betaaldienst is niet bereikbaar.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="338"/>
        <extracomment>texts.reason()</extracomment>
        <source>This card is not registered.</source>
        <translation>Deze kaart is niet geregistreerd.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="339"/>
        <extracomment>texts.reason()</extracomment>
        <source>This membership card is blocked.</source>
        <translation>Deze laadpas is geblokkeerd.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="340"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account's credit limit is reached.</source>
        <translation>De limiet van uw account is bereikt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="341"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account has an open amount.</source>
        <translation>Uw account heeft een openstaand bedrag.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="342"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card's reservation limit was reached.</source>
        <translation>De reserveringslimiet van uw kaart is bereikt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="343"/>
        <extracomment>texts.reason()</extracomment>
        <source>The payment service answered unexpectedly.</source>
        <translation>De betaaldienst gaf een onverwacht antwoord.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="348"/>
        <extracomment>texts.caption_power()</extracomment>
        <source>Power</source>
        <translation>Vermogen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="352"/>
        <extracomment>texts.caption_time()</extracomment>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="356"/>
        <extracomment>texts.caption_battery()</extracomment>
        <source>Battery</source>
        <translation>Accu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="363"/>
        <extracomment>texts.large_text()</extracomment>
        <source>Large text</source>
        <translation>Grote letters</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="367"/>
        <extracomment>texts.normal_text()</extracomment>
        <source>Normal text</source>
        <translation>Normale letters</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="371"/>
        <extracomment>texts.still_there_title()</extracomment>
        <source>Are you still there?</source>
        <translation>Bent u er nog?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="375"/>
        <extracomment>texts.still_there_body()</extracomment>
        <source>This screen goes back to the start in {seconds} s.</source>
        <translation>Dit scherm gaat over {seconds} s terug naar het begin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="379"/>
        <extracomment>texts.more_time()</extracomment>
        <source>More time</source>
        <translation>Meer tijd</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="383"/>
        <extracomment>texts.more_time_paying()</extracomment>
        <source>More time to pay</source>
        <translation>Meer tijd om te betalen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="390"/>
        <extracomment>texts.session_code_caption()</extracomment>
        <source>Your session code</source>
        <translation>Uw sessiecode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="394"/>
        <extracomment>texts.session_code_note()</extracomment>
        <source>Keep it: with this code or the same card you can stop or find your session.</source>
        <translation>Bewaar hem: met deze code of dezelfde kaart kunt u uw sessie stoppen of terugvinden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="399"/>
        <extracomment>texts.plug_in_within()</extracomment>
        <source>Plug in within {minutes}:{seconds:02d}, or the reservation is released automatically.</source>
        <translation>Sluit binnen {minutes}:{seconds:02d} aan, anders wordt de reservering automatisch vrijgegeven.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="408"/>
        <extracomment>texts.idle_fee_in()</extracomment>
        <source>Charging has finished. An idle fee of {amount}/min starts in {minutes} min: please unplug and free the bay.</source>
        <translation>Het laden is klaar. Over {minutes} min begint een blokkeertarief van {amount}/min: koppel los en maak de plek vrij.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="414"/>
        <extracomment>texts.idle_fee_now()</extracomment>
        <source>An idle fee of {amount}/min applies now: please unplug and free the bay.</source>
        <translation>Er geldt nu een blokkeertarief van {amount}/min: koppel los en maak de plek vrij.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="423"/>
        <extracomment>texts.receipt_heading()</extracomment>
        <source>Your receipt</source>
        <translation>Uw bon</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="427"/>
        <extracomment>texts.receipt_print()</extracomment>
        <source>Print</source>
        <translation>Afdrukken</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="431"/>
        <extracomment>texts.receipt_qr()</extracomment>
        <source>QR code</source>
        <translation>QR-code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="435"/>
        <extracomment>texts.receipt_email()</extracomment>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="439"/>
        <extracomment>texts.receipt_printing()</extracomment>
        <source>Printing your receipt…</source>
        <translation>Uw bon wordt afgedrukt…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="443"/>
        <extracomment>texts.receipt_printed()</extracomment>
        <source>Your receipt is printed. Please take it.</source>
        <translation>Uw bon is afgedrukt. Neem hem mee.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="447"/>
        <extracomment>texts.receipt_print_waiting()</extracomment>
        <source>Your receipt prints as soon as the payment is settled.</source>
        <translation>Uw bon wordt afgedrukt zodra de betaling is afgerond.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="451"/>
        <extracomment>texts.receipt_email_waiting()</extracomment>
        <source>We send your receipt as soon as the payment is settled.</source>
        <translation>We sturen uw bon zodra de betaling is afgerond.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="455"/>
        <extracomment>texts.receipt_email_sending()</extracomment>
        <source>Your receipt is on its way to your e-mail.</source>
        <translation>Uw bon is onderweg naar uw e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="459"/>
        <extracomment>texts.receipt_email_sent()</extracomment>
        <source>Your receipt has been sent by e-mail.</source>
        <translation>Uw bon is per e-mail verstuurd.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="463"/>
        <extracomment>texts.receipt_email_refused()</extracomment>
        <source>The e-mail could not be sent. Please check the address, or use the QR code.</source>
        <translation>De e-mail kon niet worden verstuurd. Controleer het adres of gebruik de QR-code.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="467"/>
        <extracomment>texts.receipt_none()</extracomment>
        <source>No invoice is issued: nothing was charged.</source>
        <translation>Er wordt geen factuur opgemaakt: er is niets in rekening gebracht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="471"/>
        <extracomment>texts.qr_receipt_title()</extracomment>
        <source>Scan the code to download your receipt</source>
        <translation>Scan de code om uw bon te downloaden</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="475"/>
        <extracomment>texts.qr_receipt_note()</extracomment>
        <source>The link opens your invoice as a PDF. It needs no account or app.</source>
        <translation>De link opent uw factuur als pdf. Geen account of app nodig.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="479"/>
        <extracomment>texts.paper_out_title()</extracomment>
        <source>The printer is out of paper</source>
        <translation>De printer heeft geen papier meer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="483"/>
        <extracomment>texts.paper_problem_title()</extracomment>
        <source>The receipt could not be printed</source>
        <translation>De bon kon niet worden afgedrukt</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="487"/>
        <extracomment>texts.paper_out_body()</extracomment>
        <source>Nothing is lost: your payment is complete. Scan this code for your receipt.</source>
        <translation>Er gaat niets verloren: uw betaling is voltooid. Scan deze code voor uw bon.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="491"/>
        <extracomment>texts.invoice_number()</extracomment>
        <source>Invoice {number}</source>
        <translation>Factuur {number}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="495"/>
        <extracomment>texts.email_title()</extracomment>
        <source>Your e-mail address</source>
        <translation>Uw e-mailadres</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="499"/>
        <extracomment>texts.email_hint()</extracomment>
        <source>We use it only to send this receipt.</source>
        <translation>We gebruiken het alleen om deze bon te versturen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="503"/>
        <extracomment>texts.email_invalid()</extracomment>
        <source>Please check the address: it needs an @ and a dot, like name@example.com</source>
        <translation>Controleer het adres: het heeft een @ en een punt nodig, zoals name@example.com</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="507"/>
        <extracomment>texts.send()</extracomment>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="511"/>
        <extracomment>texts.key_backspace()</extracomment>
        <source>Delete</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="515"/>
        <extracomment>texts.key_clear()</extracomment>
        <source>Clear</source>
        <translation>Alles wissen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="519"/>
        <extracomment>texts.key_shift()</extracomment>
        <source>Shift</source>
        <translation>Hoofdletter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="526"/>
        <extracomment>texts.charger_problem_title()</extracomment>
        <source>The charger has a problem</source>
        <translation>De laadpaal heeft een probleem</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="530"/>
        <extracomment>texts.charger_fault_reason()</extracomment>
        <source>The charger reported a fault and charging has stopped.</source>
        <translation>De laadpaal meldt een storing en het laden is gestopt.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="534"/>
        <extracomment>texts.charger_lost_reason()</extracomment>
        <source>The charger is not responding.</source>
        <translation>De laadpaal reageert niet.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="539"/>
        <extracomment>texts.fault_money()</extracomment>
        <source>You pay only for the energy charged so far ({amount}). The rest of the reservation is released.</source>
        <translation>U betaalt alleen de tot nu toe geladen energie ({amount}). De rest van de reservering wordt vrijgegeven.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="546"/>
        <extracomment>texts.fault_next()</extracomment>
        <source>End the session, unplug your car and use another bay. If the cable is locked, call the service number on the charger.</source>
        <translation>Beëindig de sessie, koppel uw auto los en gebruik een andere plek. Zit de kabel vast, bel dan het servicenummer op de laadpaal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="552"/>
        <extracomment>texts.end_session()</extracomment>
        <source>End session</source>
        <translation>Sessie beëindigen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="556"/>
        <extracomment>texts.wait_for_charger()</extracomment>
        <source>Wait for the charger</source>
        <translation>Wachten op de laadpaal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="560"/>
        <extracomment>texts.start_problem_title()</extracomment>
        <source>The charge did not start</source>
        <translation>Het laden is niet gestart</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="564"/>
        <extracomment>texts.start_not_responding()</extracomment>
        <source>The charger did not answer.</source>
        <translation>De laadpaal heeft niet geantwoord.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="568"/>
        <extracomment>texts.start_refused()</extracomment>
        <source>The charger did not start the charge.</source>
        <translation>De laadpaal heeft het laden niet gestart.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="572"/>
        <extracomment>texts.start_no_car()</extracomment>
        <source>No car was plugged in.</source>
        <translation>Er is geen auto aangesloten.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="576"/>
        <extracomment>texts.money_released_nothing_charged()</extracomment>
        <source>The reservation on your card is released: nothing was charged.</source>
        <translation>De reservering op uw kaart is vrijgegeven: er is niets in rekening gebracht.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="580"/>
        <extracomment>texts.step_other_bay()</extracomment>
        <source>Please choose another bay, or call the service number on the charger.</source>
        <translation>Kies een andere plek of bel het servicenummer op de laadpaal.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="584"/>
        <extracomment>texts.choose_another_bay()</extracomment>
        <source>Choose another bay</source>
        <translation>Andere plek kiezen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="591"/>
        <extracomment>texts.my_session()</extracomment>
        <source>My session</source>
        <translation>Mijn sessie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="595"/>
        <extracomment>texts.my_session_title()</extracomment>
        <source>Back to your session</source>
        <translation>Terug naar uw sessie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="599"/>
        <extracomment>texts.stop_title()</extracomment>
        <source>Stop charging at bay {label}</source>
        <translation>Laden op plek {label} stoppen</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="603"/>
        <extracomment>texts.identify_card()</extracomment>
        <source>Hold the card or phone you paid with to the reader.</source>
        <translation>Houd de kaart of telefoon waarmee u betaalde bij de lezer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="607"/>
        <extracomment>texts.identify_member_card()</extracomment>
        <source>Hold your membership card to the reader.</source>
        <translation>Houd uw ledenkaart bij de lezer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="611"/>
        <extracomment>texts.identify_code()</extracomment>
        <source>Or type your session code:</source>
        <translation>Of typ uw sessiecode:</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="615"/>
        <extracomment>texts.identify_checking()</extracomment>
        <source>Checking…</source>
        <translation>Bezig met controleren…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="619"/>
        <extracomment>texts.identify_no_match()</extracomment>
        <source>This is not the card or code of this session. Please try again.</source>
        <translation>Dit is niet de kaart of code van deze sessie. Probeer het opnieuw.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="623"/>
        <extracomment>texts.identify_locked()</extracomment>
        <source>Too many wrong codes. Please use your card, or try again in {minutes} min.</source>
        <translation>Te veel verkeerde codes. Gebruik uw kaart of probeer het over {minutes} min opnieuw.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="629"/>
        <extracomment>texts.identify_timeout()</extracomment>
        <source>Nothing was presented in time.</source>
        <translation>Er is niets op tijd aangeboden.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="633"/>
        <extracomment>texts.identify_reader_unavailable()</extracomment>
        <source>The card reader is not available: please type your session code.</source>
        <translation>De kaartlezer is niet beschikbaar: typ uw sessiecode.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="637"/>
        <extracomment>texts.no_session_here()</extracomment>
        <source>No session is running right now.</source>
        <translation>Er loopt nu geen sessie.</translation>
    </message>
    <message>
        <source>This receipt is not available here. Please use the QR code.</source>
        <translation type="vanished">Deze bon is hier niet beschikbaar. Gebruik de QR-code.</translation>
    </message>
    <message>
        <source>Starting up…</source>
        <translation type="vanished">Bezig met opstarten…</translation>
    </message>
    <message>
        <source>Your session code: {code}</source>
        <translation type="vanished">Uw sessiecode: {code}</translation>
    </message>
    <message>
        <source>Please unplug and free the bay: an idle fee may apply.</source>
        <translation type="vanished">Koppel los en maak het laadpunt vrij: er kan een blokkeertarief gelden.</translation>
    </message>
</context>
</TS>
