"""Ways to pay at the hub behind one provider interface: Stripe Terminal, QR on the phone (Stripe
Checkout), RFID membership accounts, and a simulator for the demo and tests."""
