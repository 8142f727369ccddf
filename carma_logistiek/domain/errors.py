"""Domain errors carry a code and fields; the message is a Dutch sentence built from them.

The code lets the UI put the message next to the field that caused it (``field``) and lets
tests check *which* rule refused a booking without matching on text.
"""

from __future__ import annotations

from carma_logistiek.i18n import _


class DomainError(Exception):
    """A rule refused the request. Nothing was changed."""

    code = "domain_error"
    template = "De bewerking werd geweigerd."
    field: str | None = None

    def __init__(self, **fields: object) -> None:
        self.fields = fields
        super().__init__(self.message())

    def message(self) -> str:
        return _(self.template, **self.fields)


def _error(code: str, template: str, field: str | None = None) -> type[DomainError]:
    return type(code, (DomainError,), {"code": code, "template": template, "field": field})


# Each error says what happened and, where it helps, what to do about it.
InvalidQuantity = _error(
    "InvalidQuantity",
    "De hoeveelheid moet een geheel getal groter dan nul zijn (u gaf {quantity}).",
    "quantity",
)
QuantityTooLarge = _error(
    "QuantityTooLarge",
    "De hoeveelheid {quantity} is te groot: hoogstens {maximum} per boeking. Werd er een "
    "streepjescode in het aantal gescand?",
    "quantity",
)
InvalidCount = _error(
    "InvalidCount",
    "Een getelde hoeveelheid kan niet negatief zijn (u gaf {quantity}).",
    "quantity",
)
InsufficientStock = _error(
    "InsufficientStock",
    "Onvoldoende voorraad: er is {available} {unit} {product} op {location}"
    "{lot_text}, u vraagt {requested}.",
    "quantity",
)
UnknownProduct = _error(
    "UnknownProduct", "Onbekend product: '{code}'. Controleer de code of scan opnieuw.", "product"
)
UnknownLocation = _error(
    "UnknownLocation", "Onbekende locatie: '{code}'. Kies een bestaande locatie.", "location"
)
UnknownLot = _error(
    "UnknownLot", "Lot '{lot}' van {product} bestaat niet. Kies een bestaand lot.", "lot"
)
LotOfOtherProduct = _error(
    "LotOfOtherProduct",
    "Lot '{lot}' hoort bij {other_product}, niet bij {product}. Scan het juiste lot.",
    "lot",
)
LotRequired = _error(
    "LotRequired", "{product} wordt per lot bijgehouden: vul het lotnummer in.", "lot"
)
ExpiryRequired = _error(
    "ExpiryRequired", "{product} heeft een vervaldatum: vul de vervaldatum van het lot in.", "expiry"
)
ExpiryMismatch = _error(
    "ExpiryMismatch",
    "Lot '{lot}' van {product} vervalt op {known}, niet op {given}. Controleer de vervaldatum.",
    "expiry",
)
ExpiredLot = _error(
    "ExpiredLot",
    "Lot '{lot}' van {product} is vervallen sinds {expiry}. Kies een ander lot, of geef een "
    "reden op om het toch uit te geven.",
    "lot",
)
SameLocation = _error(
    "SameLocation", "Van- en naar-locatie zijn dezelfde ({location}). Kies een andere bestemming.",
    "to_location",
)
NotExpired = _error(
    "NotExpired",
    "Lot '{lot}' van {product} is niet vervallen (vervalt op {expiry}); afboeken als vervallen "
    "kan pas vanaf die datum.",
    "lot",
)
NoStockLocation = _error(
    "NoStockLocation",
    "Op '{location}' kan geen voorraad liggen: kies een magazijn, kast, lokaal of voertuig.",
    "location",
)
UnknownOrder = _error("UnknownOrder", "Onbekende bestelling: '{number}'.", "order")
UnknownOrderLine = _error("UnknownOrderLine", "Onbekende bestellijn {line_id}.", "order_line")
OrderNotEditable = _error(
    "OrderNotEditable",
    "Bestelling {number} is {status} en kan niet meer gewijzigd worden.",
    "order",
)
OrderLineMismatch = _error(
    "OrderLineMismatch",
    "Bestellijn {line_id} is voor {line_product}, niet voor {product}.",
    "order_line",
)
OrderEmpty = _error(
    "OrderEmpty", "Een bestelling heeft minstens één bestellijn nodig.", "lines"
)
SupplierRequired = _error("SupplierRequired", "Vul de leverancier in.", "supplier")
ReasonRequired = _error("ReasonRequired", "Geef een reden op.", "reason")
DuplicateCode = _error("DuplicateCode", "De code '{code}' bestaat al.", "code")
InvalidCode = _error(
    "InvalidCode",
    "De code '{code}' is ongeldig: gebruik 1 tot 32 letters, cijfers, '-', '_' of '.'.",
    "code",
)
InvalidDate = _error("InvalidDate", "Ongeldige datum '{value}': gebruik dd/mm/jjjj.", "expiry")
DatabaseUnavailable = _error(
    "DatabaseUnavailable",
    "De databank is niet bereikbaar ({detail}). Er werd niets geboekt; controleer de verbinding "
    "en probeer opnieuw.",
)
NameRequired = _error("NameRequired", "Vul een naam in.", "name")
NothingExpired = _error(
    "NothingExpired", "Er is geen vervallen voorraad van {product} op {location}.", "lot"
)
