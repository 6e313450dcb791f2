"""Simulated hub parts for `kiosk demo` and tests: chargers with cars that come and go."""
