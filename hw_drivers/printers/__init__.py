"""Receipt printers: ESC/POS over TCP, serial, USB or a device file, and a simulator."""
