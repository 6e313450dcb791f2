<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>kiosk</name>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="13"/>
        <extracomment>texts.free()</extracomment>
        <source>Free</source>
        <translation>Libre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="17"/>
        <extracomment>texts.free_detail()</extracomment>
        <source>{connector} · up to {kw} kW</source>
        <translation>{connector} · jusqu’à {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="21"/>
        <extracomment>texts.car_connected()</extracomment>
        <source>Car connected</source>
        <translation>Véhicule branché</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="25"/>
        <extracomment>texts.charging()</extracomment>
        <source>Charging</source>
        <translation>En charge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="29"/>
        <extracomment>texts.paused_by_car()</extracomment>
        <source>Car is full or paused</source>
        <translation>Batterie pleine ou en pause</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="33"/>
        <extracomment>texts.paused_by_charger()</extracomment>
        <source>Paused by the charger</source>
        <translation>Mise en pause par la borne</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="37"/>
        <extracomment>texts.finishing()</extracomment>
        <source>Finishing</source>
        <translation>Fin de charge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="41"/>
        <extracomment>texts.reserved()</extracomment>
        <source>Reserved</source>
        <translation>Réservée</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="45"/>
        <extracomment>texts.out_of_order()</extracomment>
        <source>Out of order</source>
        <translation>Hors service</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="49"/>
        <extracomment>texts.offline()</extracomment>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="53"/>
        <extracomment>texts.not_responding()</extracomment>
        <source>Not responding</source>
        <translation>Ne répond pas</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="57"/>
        <extracomment>texts.waiting_for_charger()</extracomment>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="61"/>
        <extracomment>texts.out_of_order_detail()</extracomment>
        <source>Please use another bay</source>
        <translation>Veuillez utiliser une autre borne</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="65"/>
        <extracomment>texts.offline_detail()</extracomment>
        <source>No contact with this charger</source>
        <translation>Aucune connexion avec cette borne</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="69"/>
        <extracomment>texts.bay()</extracomment>
        <source>Bay {label}</source>
        <translation>Borne {label}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="74"/>
        <extracomment>texts.energy_soc()</extracomment>
        <source>{kwh} kWh charged</source>
        <translation>{kwh} kWh chargés</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="75"/>
        <extracomment>texts.energy_soc()</extracomment>
        <source>{kwh} kWh · battery {soc} %</source>
        <translation>{kwh} kWh · batterie {soc} %</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="79"/>
        <extracomment>texts.battery()</extracomment>
        <source>Battery {soc} %</source>
        <translation>Batterie {soc} %</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="83"/>
        <extracomment>texts.home_hint()</extracomment>
        <source>Choose a free bay to start charging</source>
        <translation>Choisissez une borne libre pour recharger</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="87"/>
        <extracomment>texts.per_kwh()</extracomment>
        <source>{amount} per kWh</source>
        <translation>{amount} par kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="91"/>
        <extracomment>texts.from_per_kwh()</extracomment>
        <source>from {amount} per kWh</source>
        <translation>à partir de {amount} par kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="95"/>
        <extracomment>texts.plus_per_session()</extracomment>
        <source>+ {amount} per session</source>
        <translation>+ {amount} par recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="99"/>
        <extracomment>texts.plus_per_minute()</extracomment>
        <source>+ {amount} per minute charging</source>
        <translation>+ {amount} par minute de recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="104"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min</source>
        <translation>frais d’occupation {amount}/min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="106"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {hours} h</source>
        <translation>frais d’occupation {amount}/min après {hours} h</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="109"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {minutes} min</source>
        <translation>frais d’occupation {amount}/min après {minutes} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="118"/>
        <extracomment>texts.bay_title()</extracomment>
        <source>Bay {label} · {connector} · up to {kw} kW</source>
        <translation>Borne {label} · {connector} · jusqu’à {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="124"/>
        <extracomment>texts.prices_title()</extracomment>
        <source>Prices (VAT included)</source>
        <translation>Prix (TVA incluse)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="128"/>
        <extracomment>texts.price_per_minute()</extracomment>
        <source>{amount} per minute charging</source>
        <translation>{amount} par minute de recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="132"/>
        <extracomment>texts.price_per_session()</extracomment>
        <source>{amount} per session</source>
        <translation>{amount} par session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="136"/>
        <extracomment>texts.price_between()</extracomment>
        <source>{price} from {start} to {end}</source>
        <translation>{price} de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="140"/>
        <extracomment>texts.hold_line()</extracomment>
        <source>We reserve {amount} on your card before charging.</source>
        <translation>Avant la recharge, nous réservons {amount} sur votre carte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="144"/>
        <extracomment>texts.hold_explained()</extracomment>
        <source>You pay only what you charge: the rest is released as soon as you finish.</source>
        <translation>Vous ne payez que ce que vous rechargez : le reste est libéré dès la fin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="148"/>
        <extracomment>texts.pay_by_card()</extracomment>
        <source>Card or phone on the reader</source>
        <translation>Carte ou téléphone sur le lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="152"/>
        <extracomment>texts.pay_by_qr()</extracomment>
        <source>Pay on your own phone (QR code)</source>
        <translation>Payer avec votre téléphone (code QR)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="156"/>
        <extracomment>texts.pay_by_member_card()</extracomment>
        <source>Membership card</source>
        <translation>Carte d’abonné</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="160"/>
        <extracomment>texts.back()</extracomment>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="164"/>
        <extracomment>texts.cancel()</extracomment>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="168"/>
        <extracomment>texts.present_card()</extracomment>
        <source>Hold your card or phone to the reader</source>
        <translation>Présentez votre carte ou votre téléphone au lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="172"/>
        <extracomment>texts.scan_qr()</extracomment>
        <source>Scan the code with your phone and pay there</source>
        <translation>Scannez le code avec votre téléphone et payez-y</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="176"/>
        <extracomment>texts.tap_member_card()</extracomment>
        <source>Hold your membership card to the reader</source>
        <translation>Présentez votre carte d’abonné au lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="180"/>
        <extracomment>texts.checking_payment()</extracomment>
        <source>Checking your payment…</source>
        <translation>Vérification du paiement…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="184"/>
        <extracomment>texts.seconds_left()</extracomment>
        <source>{seconds} s left</source>
        <translation>encore {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="188"/>
        <extracomment>texts.starting_title()</extracomment>
        <source>Payment accepted — starting the charger</source>
        <translation>Paiement accepté – la borne démarre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="193"/>
        <extracomment>texts.starting_hint()</extracomment>
        <source>Plug the cable into your car. Nothing happening after a minute? Check the plug is pushed fully in, or call the number on the charger.</source>
        <translation>Branchez le câble sur votre voiture. Rien ne se passe après une minute ? Vérifiez que la prise est bien enfoncée, ou appelez le numéro indiqué sur la borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="199"/>
        <extracomment>texts.charging_title()</extracomment>
        <source>Bay {label}: charging</source>
        <translation>Borne {label} : en charge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="203"/>
        <extracomment>texts.idle_title()</extracomment>
        <source>Bay {label}: your car has stopped charging</source>
        <translation>Borne {label} : votre voiture ne charge plus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <extracomment>texts.cost_so_far()</extracomment>
        <source>Cost so far</source>
        <translation>Coût jusqu’à présent</translation>
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
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="219"/>
        <extracomment>texts.part_energy()</extracomment>
        <source>Energy</source>
        <translation>Énergie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="223"/>
        <extracomment>texts.part_time()</extracomment>
        <source>Charging time</source>
        <translation>Temps de recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="227"/>
        <extracomment>texts.part_parking()</extracomment>
        <source>Idle fee</source>
        <translation>Frais d’occupation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="231"/>
        <extracomment>texts.part_fixed()</extracomment>
        <source>Session fee</source>
        <translation>Frais de session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="235"/>
        <extracomment>texts.idle_warning()</extracomment>
        <source>Please unplug and free the bay: an idle fee may apply.</source>
        <translation>Veuillez débrancher et libérer la borne : des frais d’occupation peuvent s’appliquer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="239"/>
        <extracomment>texts.stop_charging()</extracomment>
        <source>Stop charging</source>
        <translation>Arrêter la recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="243"/>
        <extracomment>texts.stopping()</extracomment>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="247"/>
        <extracomment>texts.summary_title()</extracomment>
        <source>Thank you! Your session is over.</source>
        <translation>Merci ! Votre session est terminée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="251"/>
        <extracomment>texts.total_paid()</extracomment>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="255"/>
        <extracomment>texts.charged_to()</extracomment>
        <source>{amount} charged to {card}</source>
        <translation>{amount} débités sur {card}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="259"/>
        <extracomment>texts.released()</extracomment>
        <source>{amount} of the reservation released</source>
        <translation>{amount} de la réservation libérés</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="263"/>
        <extracomment>texts.settling()</extracomment>
        <source>Settling your payment…</source>
        <translation>Finalisation du paiement…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="267"/>
        <extracomment>texts.done()</extracomment>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="271"/>
        <extracomment>texts.try_again()</extracomment>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="275"/>
        <location filename="../../kiosk/ui/texts.py" line="334"/>
        <extracomment>texts.payment_failed(), texts.reason()</extracomment>
        <source>The payment did not go through</source>
        <translation>Le paiement n’a pas abouti</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="279"/>
        <extracomment>texts.money_nothing_taken()</extracomment>
        <source>No money was taken from your account.</source>
        <translation>Aucun montant n’a été prélevé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="283"/>
        <extracomment>texts.money_hold_released()</extracomment>
        <source>The reservation on your card has been released.</source>
        <translation>La réservation sur votre carte a été libérée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="287"/>
        <extracomment>texts.money_charged_so_far()</extracomment>
        <source>Only the energy charged so far is billed, never more than the reservation.</source>
        <translation>Seule l’énergie déjà rechargée est facturée, jamais plus que la réservation.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="291"/>
        <extracomment>texts.money_checking()</extracomment>
        <source>We are checking with your bank. You will never be charged twice.</source>
        <translation>Nous vérifions auprès de votre banque. Vous ne serez jamais débité deux fois.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="295"/>
        <extracomment>texts.step_try_another_card()</extracomment>
        <source>Please try another card, or another way to pay.</source>
        <translation>Essayez une autre carte ou un autre moyen de paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="299"/>
        <extracomment>texts.step_pay_another_way()</extracomment>
        <source>Please pay another way: card, phone or membership card.</source>
        <translation>Veuillez payer autrement : carte, téléphone ou carte d’abonné.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="303"/>
        <extracomment>texts.step_try_again()</extracomment>
        <source>Please try again.</source>
        <translation>Veuillez réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="307"/>
        <extracomment>texts.step_call_staff()</extracomment>
        <source>Please call the service number shown on the charger.</source>
        <translation>Veuillez appeler le numéro de service indiqué sur la borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="311"/>
        <extracomment>texts.step_top_up()</extracomment>
        <source>Please top up your account, or pay another way.</source>
        <translation>Veuillez recharger votre compte ou payer autrement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="315"/>
        <extracomment>texts.step_settle_debt()</extracomment>
        <source>Please settle the open amount on your account, or pay another way.</source>
        <translation>Veuillez régler le montant dû ou payer autrement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="321"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card was declined.</source>
        <translation>Votre carte a été refusée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="322"/>
        <extracomment>texts.reason()</extracomment>
        <source>There are not enough funds on the card.</source>
        <translation>Le solde de la carte est insuffisant.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="323"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is not working right now.</source>
        <translation>Le lecteur de carte ne fonctionne pas pour le moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="324"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is busy.</source>
        <translation>Le lecteur de carte est occupé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="325"/>
        <extracomment>texts.reason()</extracomment>
        <source>No card was presented in time.</source>
        <translation>Aucune carte n’a été présentée à temps.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="326"/>
        <extracomment>texts.reason()</extracomment>
        <source>You cancelled the payment.</source>
        <translation>Vous avez annulé le paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="327"/>
        <extracomment>texts.reason()</extracomment>
        <source>We could not reach the payment service.</source>
        <translation>Le service de paiement est injoignable.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="328"/>
        <extracomment>texts.reason()</extracomment>
        <source>This card is not registered.</source>
        <translation>Cette carte n’est pas enregistrée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="329"/>
        <extracomment>texts.reason()</extracomment>
        <source>This membership card is blocked.</source>
        <translation>Cette carte d’abonné est bloquée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="330"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account's credit limit is reached.</source>
        <translation>La limite de votre compte est atteinte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="331"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account has an open amount.</source>
        <translation>Votre compte présente un montant impayé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="332"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card's reservation limit was reached.</source>
        <translation>La limite de réservation de votre carte est atteinte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="333"/>
        <extracomment>texts.reason()</extracomment>
        <source>The payment service answered unexpectedly.</source>
        <translation>Le service de paiement a répondu de façon inattendue.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="338"/>
        <extracomment>texts.caption_power()</extracomment>
        <source>Power</source>
        <translation>Puissance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="342"/>
        <extracomment>texts.caption_time()</extracomment>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="346"/>
        <extracomment>texts.caption_battery()</extracomment>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
</context>
</TS>
