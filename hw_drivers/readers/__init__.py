"""Card readers: PC/SC, keyboard wedge and a simulator, each a driver registered by URI scheme."""
