"""EV charging hub kiosk: live session cost, payment and invoicing on a touchscreen."""

__version__ = "0.1.0"
