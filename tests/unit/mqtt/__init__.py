"""Tests for the charger dialect codecs."""
