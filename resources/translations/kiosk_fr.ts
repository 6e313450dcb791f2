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
        <location filename="../../kiosk/ui/texts.py" line="90"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>Pay by card, phone or membership card: no app, no account.</source>
        <translation>Payez par carte, téléphone ou carte de membre : sans application, sans compte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="91"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>All prices include VAT. Touch a bay to see them before you pay.</source>
        <translation>Tous les prix incluent la TVA. Touchez une place pour les voir avant de payer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="92"/>
        <extracomment>texts.home_hints()</extracomment>
        <source>You pay only what you charge: the rest of the reservation is released.</source>
        <translation>Vous ne payez que ce que vous chargez : le reste de la réservation est libéré.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="97"/>
        <extracomment>texts.start_here()</extracomment>
        <source>Car connected at bay {label}: start here</source>
        <translation>Véhicule branché à la place {label} : commencez ici</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="101"/>
        <extracomment>texts.per_kwh()</extracomment>
        <source>{amount} per kWh</source>
        <translation>{amount} par kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="105"/>
        <extracomment>texts.from_per_kwh()</extracomment>
        <source>from {amount} per kWh</source>
        <translation>à partir de {amount} par kWh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="109"/>
        <extracomment>texts.plus_per_session()</extracomment>
        <source>+ {amount} per session</source>
        <translation>+ {amount} par recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="113"/>
        <extracomment>texts.plus_per_minute()</extracomment>
        <source>+ {amount} per minute charging</source>
        <translation>+ {amount} par minute de recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="118"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min</source>
        <translation>frais d’occupation {amount}/min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="120"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {hours} h</source>
        <translation>frais d’occupation {amount}/min après {hours} h</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="123"/>
        <extracomment>texts.idle_fee()</extracomment>
        <source>idle fee {amount}/min after {minutes} min</source>
        <translation>frais d’occupation {amount}/min après {minutes} min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="132"/>
        <extracomment>texts.bay_title()</extracomment>
        <source>Bay {label} · {connector} · up to {kw} kW</source>
        <translation>Borne {label} · {connector} · jusqu’à {kw} kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="138"/>
        <extracomment>texts.prices_title()</extracomment>
        <source>Prices (VAT included)</source>
        <translation>Prix (TVA incluse)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="142"/>
        <extracomment>texts.price_per_minute()</extracomment>
        <source>{amount} per minute charging</source>
        <translation>{amount} par minute de recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="146"/>
        <extracomment>texts.price_per_session()</extracomment>
        <source>{amount} per session</source>
        <translation>{amount} par session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="150"/>
        <extracomment>texts.price_between()</extracomment>
        <source>{price} from {start} to {end}</source>
        <translation>{price} de {start} à {end}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="154"/>
        <extracomment>texts.hold_line()</extracomment>
        <source>We reserve {amount} on your card before charging.</source>
        <translation>Avant la recharge, nous réservons {amount} sur votre carte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="158"/>
        <extracomment>texts.hold_explained()</extracomment>
        <source>You pay only what you charge: the rest is released as soon as you finish.</source>
        <translation>Vous ne payez que ce que vous rechargez : le reste est libéré dès la fin.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="162"/>
        <extracomment>texts.pay_by_card()</extracomment>
        <source>Card or phone on the reader</source>
        <translation>Carte ou téléphone sur le lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="166"/>
        <extracomment>texts.pay_by_qr()</extracomment>
        <source>Pay on your own phone (QR code)</source>
        <translation>Payer avec votre téléphone (code QR)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="170"/>
        <extracomment>texts.pay_by_member_card()</extracomment>
        <source>Membership card</source>
        <translation>Carte d’abonné</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="174"/>
        <extracomment>texts.back()</extracomment>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="178"/>
        <extracomment>texts.cancel()</extracomment>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="182"/>
        <extracomment>texts.present_card()</extracomment>
        <source>Hold your card or phone to the reader</source>
        <translation>Présentez votre carte ou votre téléphone au lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="186"/>
        <extracomment>texts.scan_qr()</extracomment>
        <source>Scan the code with your phone and pay there</source>
        <translation>Scannez le code avec votre téléphone et payez-y</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="190"/>
        <extracomment>texts.tap_member_card()</extracomment>
        <source>Hold your membership card to the reader</source>
        <translation>Présentez votre carte d’abonné au lecteur</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="194"/>
        <extracomment>texts.checking_payment()</extracomment>
        <source>Checking your payment…</source>
        <translation>Vérification du paiement…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="198"/>
        <extracomment>texts.seconds_left()</extracomment>
        <source>{seconds} s left</source>
        <translation>encore {seconds} s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="202"/>
        <extracomment>texts.starting_title()</extracomment>
        <source>Payment accepted — starting the charger</source>
        <translation>Paiement accepté – la borne démarre</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="207"/>
        <extracomment>texts.starting_hint()</extracomment>
        <source>Plug the cable into your car. Nothing happening after a minute? Check the plug is pushed fully in, or call the number on the charger.</source>
        <translation>Branchez le câble sur votre voiture. Rien ne se passe après une minute ? Vérifiez que la prise est bien enfoncée, ou appelez le numéro indiqué sur la borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="213"/>
        <extracomment>texts.charging_title()</extracomment>
        <source>Bay {label}: charging</source>
        <translation>Borne {label} : en charge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="217"/>
        <extracomment>texts.idle_title()</extracomment>
        <source>Bay {label}: your car has stopped charging</source>
        <translation>Borne {label} : votre voiture ne charge plus</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="221"/>
        <extracomment>texts.cost_so_far()</extracomment>
        <source>Cost so far</source>
        <translation>Coût jusqu’à présent</translation>
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
        <translation>Énergie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="237"/>
        <extracomment>texts.part_time()</extracomment>
        <source>Charging time</source>
        <translation>Temps de recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="241"/>
        <extracomment>texts.part_parking()</extracomment>
        <source>Idle fee</source>
        <translation>Frais d’occupation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="245"/>
        <extracomment>texts.part_fixed()</extracomment>
        <source>Session fee</source>
        <translation>Frais de session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="249"/>
        <extracomment>texts.stop_charging()</extracomment>
        <source>Stop charging</source>
        <translation>Arrêter la recharge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="253"/>
        <extracomment>texts.stopping()</extracomment>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="257"/>
        <extracomment>texts.summary_title()</extracomment>
        <source>Thank you! Your session is over.</source>
        <translation>Merci ! Votre session est terminée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="261"/>
        <extracomment>texts.total_paid()</extracomment>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="265"/>
        <extracomment>texts.charged_to()</extracomment>
        <source>{amount} charged to {card}</source>
        <translation>{amount} débités sur {card}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="269"/>
        <extracomment>texts.released()</extracomment>
        <source>{amount} of the reservation released</source>
        <translation>{amount} de la réservation libérés</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="273"/>
        <extracomment>texts.settling()</extracomment>
        <source>Settling your payment…</source>
        <translation>Finalisation du paiement…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="277"/>
        <extracomment>texts.done()</extracomment>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="281"/>
        <extracomment>texts.try_again()</extracomment>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="285"/>
        <location filename="../../kiosk/ui/texts.py" line="344"/>
        <extracomment>texts.payment_failed(), texts.reason()</extracomment>
        <source>The payment did not go through</source>
        <translation>Le paiement n’a pas abouti</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="289"/>
        <extracomment>texts.money_nothing_taken()</extracomment>
        <source>No money was taken from your account.</source>
        <translation>Aucun montant n’a été prélevé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="293"/>
        <extracomment>texts.money_hold_released()</extracomment>
        <source>The reservation on your card has been released.</source>
        <translation>La réservation sur votre carte a été libérée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="297"/>
        <extracomment>texts.money_charged_so_far()</extracomment>
        <source>Only the energy charged so far is billed, never more than the reservation.</source>
        <translation>Seule l’énergie déjà rechargée est facturée, jamais plus que la réservation.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="301"/>
        <extracomment>texts.money_checking()</extracomment>
        <source>We are checking with your bank. You will never be charged twice.</source>
        <translation>Nous vérifions auprès de votre banque. Vous ne serez jamais débité deux fois.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="305"/>
        <extracomment>texts.step_try_another_card()</extracomment>
        <source>Please try another card, or another way to pay.</source>
        <translation>Essayez une autre carte ou un autre moyen de paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="309"/>
        <extracomment>texts.step_pay_another_way()</extracomment>
        <source>Please pay another way: card, phone or membership card.</source>
        <translation>Veuillez payer autrement : carte, téléphone ou carte d’abonné.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="313"/>
        <extracomment>texts.step_try_again()</extracomment>
        <source>Please try again.</source>
        <translation>Veuillez réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="317"/>
        <extracomment>texts.step_call_staff()</extracomment>
        <source>Please call the service number shown on the charger.</source>
        <translation>Veuillez appeler le numéro de service indiqué sur la borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="321"/>
        <extracomment>texts.step_top_up()</extracomment>
        <source>Please top up your account, or pay another way.</source>
        <translation>Veuillez recharger votre compte ou payer autrement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="325"/>
        <extracomment>texts.step_settle_debt()</extracomment>
        <source>Please settle the open amount on your account, or pay another way.</source>
        <translation>Veuillez régler le montant dû ou payer autrement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="331"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card was declined.</source>
        <translation>Votre carte a été refusée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="332"/>
        <extracomment>texts.reason()</extracomment>
        <source>There are not enough funds on the card.</source>
        <translation>Le solde de la carte est insuffisant.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="333"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is not working right now.</source>
        <translation>Le lecteur de carte ne fonctionne pas pour le moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="334"/>
        <extracomment>texts.reason()</extracomment>
        <source>The card reader is busy.</source>
        <translation>Le lecteur de carte est occupé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="335"/>
        <extracomment>texts.reason()</extracomment>
        <source>No card was presented in time.</source>
        <translation>Aucune carte n’a été présentée à temps.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="336"/>
        <extracomment>texts.reason()</extracomment>
        <source>You cancelled the payment.</source>
        <translation>Vous avez annulé le paiement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="337"/>
        <extracomment>texts.reason()</extracomment>
        <source>We could not reach the payment service.</source>
        <translation>Le service de paiement est injoignable.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="338"/>
        <extracomment>texts.reason()</extracomment>
        <source>This card is not registered.</source>
        <translation>Cette carte n’est pas enregistrée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="339"/>
        <extracomment>texts.reason()</extracomment>
        <source>This membership card is blocked.</source>
        <translation>Cette carte d’abonné est bloquée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="340"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account's credit limit is reached.</source>
        <translation>La limite de votre compte est atteinte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="341"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your account has an open amount.</source>
        <translation>Votre compte présente un montant impayé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="342"/>
        <extracomment>texts.reason()</extracomment>
        <source>Your card's reservation limit was reached.</source>
        <translation>La limite de réservation de votre carte est atteinte.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="343"/>
        <extracomment>texts.reason()</extracomment>
        <source>The payment service answered unexpectedly.</source>
        <translation>Le service de paiement a répondu de façon inattendue.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="348"/>
        <extracomment>texts.caption_power()</extracomment>
        <source>Power</source>
        <translation>Puissance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="352"/>
        <extracomment>texts.caption_time()</extracomment>
        <source>Time</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="356"/>
        <extracomment>texts.caption_battery()</extracomment>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="363"/>
        <extracomment>texts.large_text()</extracomment>
        <source>Large text</source>
        <translation>Grands caractères</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="367"/>
        <extracomment>texts.normal_text()</extracomment>
        <source>Normal text</source>
        <translation>Texte normal</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="371"/>
        <extracomment>texts.still_there_title()</extracomment>
        <source>Are you still there?</source>
        <translation>Êtes-vous toujours là ?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="375"/>
        <extracomment>texts.still_there_body()</extracomment>
        <source>This screen goes back to the start in {seconds} s.</source>
        <translation>Cet écran revient à l’accueil dans {seconds} s.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="379"/>
        <extracomment>texts.more_time()</extracomment>
        <source>More time</source>
        <translation>Plus de temps</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="383"/>
        <extracomment>texts.more_time_paying()</extracomment>
        <source>More time to pay</source>
        <translation>Plus de temps pour payer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="390"/>
        <extracomment>texts.session_code_caption()</extracomment>
        <source>Your session code</source>
        <translation>Votre code de session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="394"/>
        <extracomment>texts.session_code_note()</extracomment>
        <source>Keep it: with this code or the same card you can stop or find your session.</source>
        <translation>Conservez-le : avec ce code ou la même carte, vous pouvez arrêter ou retrouver votre session.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="399"/>
        <extracomment>texts.plug_in_within()</extracomment>
        <source>Plug in within {minutes}:{seconds:02d}, or the reservation is released automatically.</source>
        <translation>Branchez dans les {minutes}:{seconds:02d}, sinon la réservation est libérée automatiquement.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="408"/>
        <extracomment>texts.idle_fee_in()</extracomment>
        <source>Charging has finished. An idle fee of {amount}/min starts in {minutes} min: please unplug and free the bay.</source>
        <translation>La charge est terminée. Des frais d’occupation de {amount}/min commencent dans {minutes} min : débranchez et libérez la place.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="414"/>
        <extracomment>texts.idle_fee_now()</extracomment>
        <source>An idle fee of {amount}/min applies now: please unplug and free the bay.</source>
        <translation>Des frais d’occupation de {amount}/min s’appliquent maintenant : débranchez et libérez la place.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="423"/>
        <extracomment>texts.receipt_heading()</extracomment>
        <source>Your receipt</source>
        <translation>Votre reçu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="427"/>
        <extracomment>texts.receipt_print()</extracomment>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="431"/>
        <extracomment>texts.receipt_qr()</extracomment>
        <source>QR code</source>
        <translation>Code QR</translation>
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
        <translation>Impression de votre reçu…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="443"/>
        <extracomment>texts.receipt_printed()</extracomment>
        <source>Your receipt is printed. Please take it.</source>
        <translation>Votre reçu est imprimé. Veuillez le prendre.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="447"/>
        <extracomment>texts.receipt_print_waiting()</extracomment>
        <source>Your receipt prints as soon as the payment is settled.</source>
        <translation>Votre reçu sera imprimé dès que le paiement sera réglé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="451"/>
        <extracomment>texts.receipt_email_waiting()</extracomment>
        <source>We send your receipt as soon as the payment is settled.</source>
        <translation>Nous envoyons votre reçu dès que le paiement est réglé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="455"/>
        <extracomment>texts.receipt_email_sending()</extracomment>
        <source>Your receipt is on its way to your e-mail.</source>
        <translation>Votre reçu est en route vers votre e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="459"/>
        <extracomment>texts.receipt_email_sent()</extracomment>
        <source>Your receipt has been sent by e-mail.</source>
        <translation>Votre reçu a été envoyé par e-mail.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="463"/>
        <extracomment>texts.receipt_email_refused()</extracomment>
        <source>The e-mail could not be sent. Please check the address, or use the QR code.</source>
        <translation>L’e-mail n’a pas pu être envoyé. Vérifiez l’adresse ou utilisez le code QR.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="467"/>
        <extracomment>texts.receipt_none()</extracomment>
        <source>No invoice is issued: nothing was charged.</source>
        <translation>Aucune facture n’est émise : rien n’a été facturé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="471"/>
        <extracomment>texts.qr_receipt_title()</extracomment>
        <source>Scan the code to download your receipt</source>
        <translation>Scannez le code pour télécharger votre reçu</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="475"/>
        <extracomment>texts.qr_receipt_note()</extracomment>
        <source>The link opens your invoice as a PDF. It needs no account or app.</source>
        <translation>Le lien ouvre votre facture en PDF. Sans compte ni application.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="479"/>
        <extracomment>texts.paper_out_title()</extracomment>
        <source>The printer is out of paper</source>
        <translation>L’imprimante n’a plus de papier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="483"/>
        <extracomment>texts.paper_problem_title()</extracomment>
        <source>The receipt could not be printed</source>
        <translation>Le reçu n’a pas pu être imprimé</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="487"/>
        <extracomment>texts.paper_out_body()</extracomment>
        <source>Nothing is lost: your payment is complete. Scan this code for your receipt.</source>
        <translation>Rien n’est perdu : votre paiement est terminé. Scannez ce code pour votre reçu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="491"/>
        <extracomment>texts.invoice_number()</extracomment>
        <source>Invoice {number}</source>
        <translation>Facture {number}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="495"/>
        <extracomment>texts.email_title()</extracomment>
        <source>Your e-mail address</source>
        <translation>Votre adresse e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="499"/>
        <extracomment>texts.email_hint()</extracomment>
        <source>We use it only to send this receipt.</source>
        <translation>Nous l’utilisons uniquement pour envoyer ce reçu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="503"/>
        <extracomment>texts.email_invalid()</extracomment>
        <source>Please check the address: it needs an @ and a dot, like name@example.com</source>
        <translation>Vérifiez l’adresse : elle doit contenir un @ et un point, comme name@example.com</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="507"/>
        <extracomment>texts.send()</extracomment>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="511"/>
        <extracomment>texts.key_backspace()</extracomment>
        <source>Delete</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="515"/>
        <extracomment>texts.key_clear()</extracomment>
        <source>Clear</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="519"/>
        <extracomment>texts.key_shift()</extracomment>
        <source>Shift</source>
        <translation>Maj</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="526"/>
        <extracomment>texts.charger_problem_title()</extracomment>
        <source>The charger has a problem</source>
        <translation>La borne a un problème</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="530"/>
        <extracomment>texts.charger_fault_reason()</extracomment>
        <source>The charger reported a fault and charging has stopped.</source>
        <translation>La borne signale une panne et la charge s’est arrêtée.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="534"/>
        <extracomment>texts.charger_lost_reason()</extracomment>
        <source>The charger is not responding.</source>
        <translation>La borne ne répond pas.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="539"/>
        <extracomment>texts.fault_money()</extracomment>
        <source>You pay only for the energy charged so far ({amount}). The rest of the reservation is released.</source>
        <translation>Vous ne payez que l’énergie déjà chargée ({amount}). Le reste de la réservation est libéré.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="546"/>
        <extracomment>texts.fault_next()</extracomment>
        <source>End the session, unplug your car and use another bay. If the cable is locked, call the service number on the charger.</source>
        <translation>Terminez la session, débranchez votre véhicule et utilisez une autre place. Si le câble est verrouillé, appelez le numéro de service indiqué sur la borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="552"/>
        <extracomment>texts.end_session()</extracomment>
        <source>End session</source>
        <translation>Terminer la session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="556"/>
        <extracomment>texts.wait_for_charger()</extracomment>
        <source>Wait for the charger</source>
        <translation>Attendre la borne</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="560"/>
        <extracomment>texts.start_problem_title()</extracomment>
        <source>The charge did not start</source>
        <translation>La charge n’a pas démarré</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="564"/>
        <extracomment>texts.start_not_responding()</extracomment>
        <source>The charger did not answer.</source>
        <translation>La borne n’a pas répondu.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="568"/>
        <extracomment>texts.start_refused()</extracomment>
        <source>The charger did not start the charge.</source>
        <translation>La borne n’a pas démarré la charge.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="572"/>
        <extracomment>texts.start_no_car()</extracomment>
        <source>No car was plugged in.</source>
        <translation>Aucun véhicule n’a été branché.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="576"/>
        <extracomment>texts.money_released_nothing_charged()</extracomment>
        <source>The reservation on your card is released: nothing was charged.</source>
        <translation>La réservation sur votre carte est libérée : rien n’a été facturé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="580"/>
        <extracomment>texts.step_other_bay()</extracomment>
        <source>Please choose another bay, or call the service number on the charger.</source>
        <translation>Choisissez une autre place ou appelez le numéro de service indiqué sur la borne.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="584"/>
        <extracomment>texts.choose_another_bay()</extracomment>
        <source>Choose another bay</source>
        <translation>Choisir une autre place</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="591"/>
        <extracomment>texts.my_session()</extracomment>
        <source>My session</source>
        <translation>Ma session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="595"/>
        <extracomment>texts.my_session_title()</extracomment>
        <source>Back to your session</source>
        <translation>Retour à votre session</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="599"/>
        <extracomment>texts.stop_title()</extracomment>
        <source>Stop charging at bay {label}</source>
        <translation>Arrêter la charge à la place {label}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="603"/>
        <extracomment>texts.identify_card()</extracomment>
        <source>Hold the card or phone you paid with to the reader.</source>
        <translation>Présentez au lecteur la carte ou le téléphone avec lequel vous avez payé.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="607"/>
        <extracomment>texts.identify_member_card()</extracomment>
        <source>Hold your membership card to the reader.</source>
        <translation>Présentez votre carte de membre au lecteur.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="611"/>
        <extracomment>texts.identify_code()</extracomment>
        <source>Or type your session code:</source>
        <translation>Ou saisissez votre code de session :</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="615"/>
        <extracomment>texts.identify_checking()</extracomment>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="619"/>
        <extracomment>texts.identify_no_match()</extracomment>
        <source>This is not the card or code of this session. Please try again.</source>
        <translation>Ce n’est pas la carte ou le code de cette session. Veuillez réessayer.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="623"/>
        <extracomment>texts.identify_locked()</extracomment>
        <source>Too many wrong codes. Please use your card, or try again in {minutes} min.</source>
        <translation>Trop de codes erronés. Utilisez votre carte ou réessayez dans {minutes} min.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="629"/>
        <extracomment>texts.identify_timeout()</extracomment>
        <source>Nothing was presented in time.</source>
        <translation>Rien n’a été présenté à temps.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="633"/>
        <extracomment>texts.identify_reader_unavailable()</extracomment>
        <source>The card reader is not available: please type your session code.</source>
        <translation>Le lecteur de carte n’est pas disponible : saisissez votre code de session.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/texts.py" line="637"/>
        <extracomment>texts.no_session_here()</extracomment>
        <source>No session is running right now.</source>
        <translation>Aucune session n’est en cours.</translation>
    </message>
    <message>
        <source>This receipt is not available here. Please use the QR code.</source>
        <translation type="vanished">Ce reçu n’est pas disponible ici. Utilisez le code QR.</translation>
    </message>
    <message>
        <source>Starting up…</source>
        <translation type="vanished">Démarrage…</translation>
    </message>
    <message>
        <source>Your session code: {code}</source>
        <translation type="vanished">Votre code de session : {code}</translation>
    </message>
    <message>
        <source>Please unplug and free the bay: an idle fee may apply.</source>
        <translation type="vanished">Veuillez débrancher et libérer la borne : des frais d’occupation peuvent s’appliquer.</translation>
    </message>
</context>
</TS>
