"""Adapters to outside systems (MQTT chargers, payments, invoicing): one per system."""
