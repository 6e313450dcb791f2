"""Card readers and receipt printers behind small protocols; knows nothing of the kiosk."""
