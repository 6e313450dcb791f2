"""Every user-visible text of the screens, in one place, marked for Qt Linguist."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("kiosk", text)


def free() -> str:
    return _t("Free")


def free_detail(connector: str, max_kw: str) -> str:
    return _t("{connector} · up to {kw} kW").format(connector=connector, kw=max_kw)


def car_connected() -> str:
    return _t("Car connected")


def charging() -> str:
    return _t("Charging")


def paused_by_car() -> str:
    return _t("Car is full or paused")


def paused_by_charger() -> str:
    return _t("Paused by the charger")


def finishing() -> str:
    return _t("Finishing")


def reserved() -> str:
    return _t("Reserved")


def out_of_order() -> str:
    return _t("Out of order")


def offline() -> str:
    return _t("Offline")


def not_responding() -> str:
    return _t("Not responding")


def waiting_for_charger() -> str:
    return _t("Connecting…")


def out_of_order_detail() -> str:
    return _t("Please use another bay")


def offline_detail() -> str:
    return _t("No contact with this charger")


def bay(label: str) -> str:
    return _t("Bay {label}").format(label=label)


def energy_soc(kwh: str, soc: str | None) -> str:
    if soc is None:
        return _t("{kwh} kWh charged").format(kwh=kwh)
    return _t("{kwh} kWh · battery {soc} %").format(kwh=kwh, soc=soc)


def battery(soc: str) -> str:
    return _t("Battery {soc} %").format(soc=soc)


def home_hint() -> str:
    return _t("Choose a free bay to start charging")


def home_hints() -> tuple[str, ...]:
    """What the idle home screen says in turn (a gentle attract loop)."""
    return (
        home_hint(),
        _t("Pay by card, phone or membership card: no app, no account."),
        _t("All prices include VAT. Touch a bay to see them before you pay."),
        _t("You pay only what you charge: the rest of the reservation is released."),
    )


def start_here(label: str) -> str:
    return _t("Car connected at bay {label}: start here").format(label=label)


def per_kwh(amount: str) -> str:
    return _t("{amount} per kWh").format(amount=amount)


def from_per_kwh(amount: str) -> str:
    return _t("from {amount} per kWh").format(amount=amount)


def plus_per_session(amount: str) -> str:
    return _t("+ {amount} per session").format(amount=amount)


def plus_per_minute(amount: str) -> str:
    return _t("+ {amount} per minute charging").format(amount=amount)


def idle_fee(amount: str, after_minutes: int) -> str:
    if after_minutes <= 0:
        return _t("idle fee {amount}/min").format(amount=amount)
    if after_minutes % 60 == 0:
        return _t("idle fee {amount}/min after {hours} h").format(
            amount=amount, hours=after_minutes // 60
        )
    return _t("idle fee {amount}/min after {minutes} min").format(
        amount=amount, minutes=after_minutes
    )


# --- the journey: price, payment, session, summary, errors ------------------------------------


def bay_title(label: str, connector: str, max_kw: str) -> str:
    return _t("Bay {label} · {connector} · up to {kw} kW").format(
        label=label, connector=connector, kw=max_kw
    )


def prices_title() -> str:
    return _t("Prices (VAT included)")


def price_per_minute(amount: str) -> str:
    return _t("{amount} per minute charging").format(amount=amount)


def price_per_session(amount: str) -> str:
    return _t("{amount} per session").format(amount=amount)


def price_between(price: str, start: str, end: str) -> str:
    return _t("{price} from {start} to {end}").format(price=price, start=start, end=end)


def hold_line(amount: str) -> str:
    return _t("We reserve {amount} on your card before charging.").format(amount=amount)


def hold_explained() -> str:
    return _t("You pay only what you charge: the rest is released as soon as you finish.")


def pay_by_card() -> str:
    return _t("Card or phone on the reader")


def pay_by_qr() -> str:
    return _t("Pay on your own phone (QR code)")


def pay_by_member_card() -> str:
    return _t("Membership card")


def back() -> str:
    return _t("Back")


def cancel() -> str:
    return _t("Cancel")


def present_card() -> str:
    return _t("Hold your card or phone to the reader")


def scan_qr() -> str:
    return _t("Scan the code with your phone and pay there")


def tap_member_card() -> str:
    return _t("Hold your membership card to the reader")


def checking_payment() -> str:
    return _t("Checking your payment…")


def seconds_left(seconds: int) -> str:
    return _t("{seconds} s left").format(seconds=seconds)


def starting_title() -> str:
    return _t("Payment accepted — starting the charger")


def starting_hint() -> str:
    return _t(
        "Plug the cable into your car. Nothing happening after a minute? Check the plug "
        "is pushed fully in, or call the number on the charger."
    )


def charging_title(label: str) -> str:
    return _t("Bay {label}: charging").format(label=label)


def idle_title(label: str) -> str:
    return _t("Bay {label}: your car has stopped charging").format(label=label)


def cost_so_far() -> str:
    return _t("Cost so far")


def energy_line(kwh: str) -> str:
    return _t("{kwh} kWh").format(kwh=kwh)


def elapsed_line(minutes: str) -> str:
    return _t("{minutes} min").format(minutes=minutes)


def part_energy() -> str:
    return _t("Energy")


def part_time() -> str:
    return _t("Charging time")


def part_parking() -> str:
    return _t("Idle fee")


def part_fixed() -> str:
    return _t("Session fee")


def stop_charging() -> str:
    return _t("Stop charging")


def stopping() -> str:
    return _t("Stopping…")


def summary_title() -> str:
    return _t("Thank you! Your session is over.")


def total_paid() -> str:
    return _t("Total")


def charged_to(amount: str, card: str) -> str:
    return _t("{amount} charged to {card}").format(amount=amount, card=card)


def released(amount: str) -> str:
    return _t("{amount} of the reservation released").format(amount=amount)


def settling() -> str:
    return _t("Settling your payment…")


def done() -> str:
    return _t("Done")


def try_again() -> str:
    return _t("Try again")


def payment_failed() -> str:
    return _t("The payment did not go through")


def money_nothing_taken() -> str:
    return _t("No money was taken from your account.")


def money_hold_released() -> str:
    return _t("The reservation on your card has been released.")


def money_charged_so_far() -> str:
    return _t("Only the energy charged so far is billed, never more than the reservation.")


def money_checking() -> str:
    return _t("We are checking with your bank. You will never be charged twice.")


def step_try_another_card() -> str:
    return _t("Please try another card, or another way to pay.")


def step_pay_another_way() -> str:
    return _t("Please pay another way: card, phone or membership card.")


def step_try_again() -> str:
    return _t("Please try again.")


def step_call_staff() -> str:
    return _t("Please call the service number shown on the charger.")


def step_top_up() -> str:
    return _t("Please top up your account, or pay another way.")


def step_settle_debt() -> str:
    return _t("Please settle the open amount on your account, or pay another way.")


def reason(key: str) -> str:
    """The short reason for a payment message key (payment.<failure>)."""
    return {
        "payment.declined": _t("Your card was declined."),
        "payment.insufficient_funds": _t("There are not enough funds on the card."),
        "payment.reader_offline": _t("The card reader is not working right now."),
        "payment.reader_busy": _t("The card reader is busy."),
        "payment.timeout": _t("No card was presented in time."),
        "payment.cancelled": _t("You cancelled the payment."),
        "payment.network_error": _t("We could not reach the payment service."),
        "payment.card_not_registered": _t("This card is not registered."),
        "payment.account_blocked": _t("This membership card is blocked."),
        "payment.credit_limit": _t("Your account's credit limit is reached."),
        "payment.unpaid_debt": _t("Your account has an open amount."),
        "payment.increment_refused": _t("Your card's reservation limit was reached."),
        "payment.provider_error": _t("The payment service answered unexpectedly."),
    }.get(key, _t("The payment did not go through"))


def caption_power() -> str:
    return _t("Power")


def caption_time() -> str:
    return _t("Time")


def caption_battery() -> str:
    return _t("Battery")


# --- every screen: language, large text, still there? --------------------------------------


def large_text() -> str:
    return _t("Large text")


def normal_text() -> str:
    return _t("Normal text")


def still_there_title() -> str:
    return _t("Are you still there?")


def still_there_body(seconds: int) -> str:
    return _t("This screen goes back to the start in {seconds} s.").format(seconds=seconds)


def more_time() -> str:
    return _t("More time")


def more_time_paying() -> str:
    return _t("More time to pay")


# --- waiting for the car ----------------------------------------------------------------------


def session_code_caption() -> str:
    return _t("Your session code")


def session_code_note() -> str:
    return _t("Keep it: with this code or the same card you can stop or find your session.")


def plug_in_within(minutes: int, seconds: int) -> str:
    return _t(
        "Plug in within {minutes}:{seconds:02d}, or the reservation is released automatically."
    ).format(minutes=minutes, seconds=seconds)


# --- the live session -------------------------------------------------------------------------


def idle_fee_in(minutes: int, amount: str) -> str:
    return _t(
        "Charging has finished. An idle fee of {amount}/min starts in {minutes} min: "
        "please unplug and free the bay."
    ).format(minutes=minutes, amount=amount)


def idle_fee_now(amount: str) -> str:
    return _t("An idle fee of {amount}/min applies now: please unplug and free the bay.").format(
        amount=amount
    )


# --- receipts ----------------------------------------------------------------------------------


def receipt_heading() -> str:
    return _t("Your receipt")


def receipt_print() -> str:
    return _t("Print")


def receipt_qr() -> str:
    return _t("QR code")


def receipt_email() -> str:
    return _t("E-mail")


def receipt_printing() -> str:
    return _t("Printing your receipt…")


def receipt_printed() -> str:
    return _t("Your receipt is printed. Please take it.")


def receipt_print_waiting() -> str:
    return _t("Your receipt prints as soon as the payment is settled.")


def receipt_email_waiting() -> str:
    return _t("We send your receipt as soon as the payment is settled.")


def receipt_email_sending() -> str:
    return _t("Your receipt is on its way to your e-mail.")


def receipt_email_sent() -> str:
    return _t("Your receipt has been sent by e-mail.")


def receipt_email_refused() -> str:
    return _t("The e-mail could not be sent. Please check the address, or use the QR code.")


def receipt_none() -> str:
    return _t("No invoice is issued: nothing was charged.")


def qr_receipt_title() -> str:
    return _t("Scan the code to download your receipt")


def qr_receipt_note() -> str:
    return _t("The link opens your invoice as a PDF. It needs no account or app.")


def paper_out_title() -> str:
    return _t("The printer is out of paper")


def paper_problem_title() -> str:
    return _t("The receipt could not be printed")


def paper_out_body() -> str:
    return _t("Nothing is lost: your payment is complete. Scan this code for your receipt.")


def invoice_number(number: str) -> str:
    return _t("Invoice {number}").format(number=number)


def email_title() -> str:
    return _t("Your e-mail address")


def email_hint() -> str:
    return _t("We use it only to send this receipt.")


def email_invalid() -> str:
    return _t("Please check the address: it needs an @ and a dot, like name@example.com")


def send() -> str:
    return _t("Send")


def key_backspace() -> str:
    return _t("Delete")


def key_clear() -> str:
    return _t("Clear")


def key_shift() -> str:
    return _t("Shift")


# --- problems with the charger ------------------------------------------------------------------


def charger_problem_title() -> str:
    return _t("The charger has a problem")


def charger_fault_reason() -> str:
    return _t("The charger reported a fault and charging has stopped.")


def charger_lost_reason() -> str:
    return _t("The charger is not responding.")


def fault_money(amount: str) -> str:
    return _t(
        "You pay only for the energy charged so far ({amount}). The rest of the reservation "
        "is released."
    ).format(amount=amount)


def fault_next() -> str:
    return _t(
        "End the session, unplug your car and use another bay. If the cable is locked, "
        "call the service number on the charger."
    )


def end_session() -> str:
    return _t("End session")


def wait_for_charger() -> str:
    return _t("Wait for the charger")


def start_problem_title() -> str:
    return _t("The charge did not start")


def start_not_responding() -> str:
    return _t("The charger did not answer.")


def start_refused() -> str:
    return _t("The charger did not start the charge.")


def start_no_car() -> str:
    return _t("No car was plugged in.")


def money_released_nothing_charged() -> str:
    return _t("The reservation on your card is released: nothing was charged.")


def step_other_bay() -> str:
    return _t("Please choose another bay, or call the service number on the charger.")


def choose_another_bay() -> str:
    return _t("Choose another bay")


# --- stop with the same card, my session --------------------------------------------------


def my_session() -> str:
    return _t("My session")


def my_session_title() -> str:
    return _t("Back to your session")


def stop_title(label: str) -> str:
    return _t("Stop charging at bay {label}").format(label=label)


def identify_card() -> str:
    return _t("Hold the card or phone you paid with to the reader.")


def identify_member_card() -> str:
    return _t("Hold your membership card to the reader.")


def identify_code() -> str:
    return _t("Or type your session code:")


def identify_checking() -> str:
    return _t("Checking…")


def identify_no_match() -> str:
    return _t("This is not the card or code of this session. Please try again.")


def identify_locked(minutes: int) -> str:
    return _t("Too many wrong codes. Please use your card, or try again in {minutes} min.").format(
        minutes=minutes
    )


def identify_timeout() -> str:
    return _t("Nothing was presented in time.")


def identify_reader_unavailable() -> str:
    return _t("The card reader is not available: please type your session code.")


def no_session_here() -> str:
    return _t("No session is running right now.")
