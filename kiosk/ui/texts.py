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
