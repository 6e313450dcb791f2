"""The charger link over MQTT: a paho client, dialect codecs and charger commands."""
