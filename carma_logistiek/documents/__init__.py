"""Documents the app produces: QR label sheets and the stock report as PDF (reportlab), and
other exports (ical.py).

Importing this package is cheap; reportlab is loaded only by the modules that draw."""
