"""Invoices leave the kiosk here: PDF, download portal, e-mail, paper receipt, OCMF checks.

Each module loads its own libraries (reportlab, qrcode, pyocmf, hw_drivers) when imported, so
importing the package costs nothing.
"""
