"""Documents the app produces: QR label sheets and the stock report as PDF (reportlab), and
other exports (ical.py).

A renderer draws the rows it is given; which rows go on a document is a use case in
carma_logistiek.services (documents.py, kit_views.py). This package imports only the domain
and i18n: no service, no database (the import-linter layers contract holds it to that).
Importing this package is cheap; reportlab is loaded only by the modules that draw."""
