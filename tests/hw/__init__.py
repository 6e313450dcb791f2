"""Hardware drivers against real components: pcscd + vpcd, loopback ESC/POS printers."""
