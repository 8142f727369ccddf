"""Domain errors carry a code and fields; the message is a Dutch sentence built from them.

The code lets the UI put the message next to the field that caused it (``field``) and lets
tests check *which* rule refused a booking without matching on text.
"""

from __future__ import annotations

from carma_logistiek.i18n import N_, _


class DomainError(Exception):
    """A rule refused the request. Nothing was changed."""

    code = "domain_error"
    template = N_("De bewerking werd geweigerd.")
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
    N_("De hoeveelheid moet een geheel getal groter dan nul zijn (u gaf {quantity})."),
    "quantity",
)
QuantityTooLarge = _error(
    "QuantityTooLarge",
    N_("De hoeveelheid {quantity} is te groot: hoogstens {maximum} per boeking. Werd er een "
       "streepjescode in het aantal gescand?"),
    "quantity",
)
InvalidCount = _error(
    "InvalidCount",
    N_("Een getelde hoeveelheid kan niet negatief zijn (u gaf {quantity})."),
    "quantity",
)
CountNotANumber = _error(
    "CountNotANumber",
    N_("Typ het getelde aantal in cijfers, 0 als er niets ligt (u gaf {quantity})."),
    "quantity",
)
InsufficientStock = _error(
    "InsufficientStock",
    N_("Onvoldoende voorraad: er is {available} {unit} {product} op {location}"
       "{lot_text}, u vraagt {requested}."),
    "quantity",
)
UnknownProduct = _error(
    "UnknownProduct", N_("Onbekend product: '{code}'. Controleer de code of scan opnieuw."), "product"
)
UnknownLocation = _error(
    "UnknownLocation", N_("Onbekende locatie: '{code}'. Kies een bestaande locatie."), "location"
)
UnknownLot = _error(
    "UnknownLot", N_("Lot '{lot}' van {product} bestaat niet. Kies een bestaand lot."), "lot"
)
LotOfOtherProduct = _error(
    "LotOfOtherProduct",
    N_("Lot '{lot}' hoort bij {other_product}, niet bij {product}. Scan het juiste lot."),
    "lot",
)
LotRequired = _error(
    "LotRequired", N_("{product} wordt per lot bijgehouden: vul het lotnummer in."), "lot"
)
ExpiryRequired = _error(
    "ExpiryRequired", N_("{product} heeft een vervaldatum: vul de vervaldatum van het lot in."), "expiry"
)
ExpiryMismatch = _error(
    "ExpiryMismatch",
    N_("Lot '{lot}' van {product} vervalt op {known}, niet op {given}. Controleer de vervaldatum."),
    "expiry",
)
ExpiredLot = _error(
    "ExpiredLot",
    N_("Lot '{lot}' van {product} is vervallen sinds {expiry}. Kies een ander lot, of geef een "
       "reden op om het toch uit te geven."),
    "lot",
)
SameLocation = _error(
    "SameLocation", N_("Van- en naar-locatie zijn dezelfde ({location}). Kies een andere bestemming."),
    "to_location",
)
NotExpired = _error(
    "NotExpired",
    N_("Lot '{lot}' van {product} is niet vervallen (vervalt op {expiry}); afboeken als vervallen "
       "kan pas vanaf die datum."),
    "lot",
)
NoStockLocation = _error(
    "NoStockLocation",
    N_("Op '{location}' kan geen voorraad liggen: kies een magazijn, kast, lokaal of voertuig."),
    "location",
)
UnknownOrder = _error("UnknownOrder", N_("Onbekende bestelling: '{number}'."), "order")
UnknownOrderLine = _error("UnknownOrderLine", N_("Onbekende bestellijn {line_id}."), "order_line")
OrderNotEditable = _error(
    "OrderNotEditable",
    N_("Bestelling {number} is {status} en kan niet meer gewijzigd worden."),
    "order",
)
OrderLineMismatch = _error(
    "OrderLineMismatch",
    N_("Bestellijn {line_id} is voor {line_product}, niet voor {product}."),
    "order_line",
)
OrderEmpty = _error(
    "OrderEmpty", N_("Een bestelling heeft minstens één bestellijn nodig."), "lines"
)
SupplierRequired = _error("SupplierRequired", N_("Vul de leverancier in."), "supplier")
ReasonRequired = _error("ReasonRequired", N_("Geef een reden op."), "reason")
DuplicateCode = _error("DuplicateCode", N_("De code '{code}' bestaat al."), "code")
InvalidCode = _error(
    "InvalidCode",
    N_("De code '{code}' is ongeldig: gebruik 1 tot 32 letters, cijfers, '-', '_' of '.'."),
    "code",
)
InvalidDate = _error("InvalidDate", N_("Ongeldige datum '{value}': gebruik dd/mm/jjjj."), "expiry")
class DatabaseUnavailable(DomainError):
    code = "DatabaseUnavailable"
    template = N_("De databank is niet bereikbaar ({detail}). Er werd niets geboekt; controleer de "
                  "verbinding en probeer opnieuw.")


# Faults of the database that are not a lost connection, each with what to do about it. They
# are DatabaseUnavailable too: whatever handles "the database said no" handles these.
class DatabaseLocked(DatabaseUnavailable):
    code = "DatabaseLocked"
    template = N_("De databank is te lang vergrendeld door een ander programma of een andere "
                  "computer ({detail}). Er werd niets geboekt; probeer zo opnieuw, of sluit het "
                  "programma dat het bestand open heeft.")


class DatabaseFull(DatabaseUnavailable):
    code = "DatabaseFull"
    template = N_("De schijf van de databank is vol ({detail}). Er werd niets geboekt; maak "
                  "ruimte vrij en probeer opnieuw.")


class DatabaseDiskError(DatabaseUnavailable):
    """SQLite's 'disk I/O error': seen here when a disk has only a few KiB left (the -shm
    file cannot grow), otherwise a failing disk; never a lost connection."""

    code = "DatabaseDiskError"
    template = N_("De schijf van de databank kon niet lezen of schrijven ({detail}); meestal "
                  "is ze (bijna) vol. Er werd niets geboekt; maak ruimte vrij en probeer "
                  "opnieuw. Blijft het, laat de schijf dan nakijken.")


class DatabaseReadOnly(DatabaseUnavailable):
    code = "DatabaseReadOnly"
    template = N_("De databank kan enkel gelezen worden ({detail}): het bestand of de map is "
                  "alleen-lezen. Er werd niets geboekt; vraag schrijfrechten of kies een map "
                  "waarin u mag schrijven.")


class DatabaseCorrupt(DatabaseUnavailable):
    code = "DatabaseCorrupt"
    template = N_("De databank is beschadigd ({detail}). Er werd niets geboekt. Werk er niet "
                  "verder in: zet de laatste back-up terug en meld het aan de functioneel "
                  "beheerder.")


class NotADatabase(DatabaseUnavailable):
    code = "NotADatabase"
    template = N_("Dit bestand is geen databank ({detail}). Er werd niets gewijzigd; kies de "
                  "databank van CARMA Logistiek.")


class BadDatabaseUrl(DatabaseUnavailable):
    """A --db, CARMA_DB_URL or settings.json value that is neither a URL nor a file path."""

    code = "BadDatabaseUrl"
    template = N_("'{detail}' is geen databank-URL. Er werd niets geopend; geef een bestand "
                  "(C:\\CARMA\\carma.sqlite) of een URL zoals "
                  "postgresql+psycopg://gebruiker@server/databank.")


class DatabaseMissing(DatabaseUnavailable):
    """A database file that is not there: a mistyped --db, a moved file. Never made silently
    (only the embedded default on the very first start, and the demo, are)."""

    code = "DatabaseMissing"
    template = N_("De databank {detail} bestaat niet. Er werd niets aangemaakt; kies de juiste "
                  "databank of maak bewust een nieuwe, lege.")


class DatabaseVanished(DatabaseUnavailable):
    """The file opened at the start was deleted or replaced by another file behind the app's
    back: SQLite would go on writing into the deleted file, and every booking would be lost."""

    code = "DatabaseVanished"
    template = N_("De databank {detail} is verdwenen of vervangen terwijl het programma open "
                  "was; er werd niets geboekt. Sluit het programma en start het opnieuw; is "
                  "het bestand weg, zet dan de laatste back-up terug.")


class ForeignDatabase(DatabaseUnavailable):
    code = "ForeignDatabase"
    template = N_("De databank {detail} bevat al tabellen van een ander programma en geen "
                  "gegevens van CARMA Logistiek. Er werd niets gewijzigd; kies een lege databank "
                  "of die van CARMA Logistiek.")


class NewerSchema(DatabaseUnavailable):
    code = "NewerSchema"
    template = N_("De databank {detail} werd bijgewerkt door een nieuwere versie van CARMA "
                  "Logistiek (schema {revision}; deze versie kent schema's tot {head}). Er werd "
                  "niets gewijzigd; werk het programma bij.")


class WrongPassword(DatabaseUnavailable):
    code = "WrongPassword"
    template = N_("De databankserver weigert de gebruiker of het wachtwoord ({detail}). Er werd "
                  "niets geboekt; controleer de gebruiker en het wachtwoord in de instellingen.")


NameRequired = _error("NameRequired", N_("Vul een naam in."), "name")
NothingExpired = _error(
    "NothingExpired", N_("Er is geen vervallen voorraad van {product} op {location}."), "lot"
)


# --- scanning (issue #3) --------------------------------------------------------------------
UnknownScan = _error(
    "UnknownScan",
    N_("Deze code is geen etiket van CARMA Logistiek en geen productcode. Scan het etiket van het "
       "product, het lot of de locatie."),
    "scan",
)
DamagedLabel = _error(
    "DamagedLabel",
    N_("Dit etiket van CARMA Logistiek is beschadigd of onvolledig ('{label}'). Scan het opnieuw of "
       "druk een nieuw etiket af."),
    "scan",
)
UnsupportedLabelVersion = _error(
    "UnsupportedLabelVersion",
    N_("Dit etiket heeft versie {version} van het etiketformaat; deze versie van CARMA Logistiek "
       "kent enkel versie 1. Werk het programma bij of druk het etiket opnieuw af."),
    "scan",
)
ForeignZoneLabel = _error(
    "ForeignZoneLabel",
    N_("Dit etiket hoort bij zone {zone}; u werkt in zone {own_zone}. Er werd niets geboekt; scan een etiket van de eigen zone."),
    "scan",
)
UnknownGtin = _error(
    "UnknownGtin",
    N_("Streepjescode {gtin} is aan geen enkel product gekoppeld. Koppel ze aan het juiste product "
       "en scan opnieuw."),
    "gtin",
)
InvalidGtin = _error(
    "InvalidGtin",
    N_("'{gtin}' is geen geldige GTIN/EAN: 8, 12, 13 of 14 cijfers met een juist controlecijfer. "
       "Scan de streepjescode opnieuw."),
    "gtin",
)
UnreadableImage = _error(
    "UnreadableImage",
    N_("Het bestand {file} kan niet als afbeelding gelezen worden (ontbreekt, is beschadigd of is "
       "geen afbeelding)."),
    "file",
)


class CameraUnavailable(DomainError):
    """The camera gives no frames. ``reason``: "missing" (no such device or file), "busy" (it
    opens but gives no frames, usually another program holds it) or "unplugged" (frames stopped
    after it worked). A video file that simply ends is not an error (CameraSource.read returns
    None and sets ``ended``)."""

    code = "CameraUnavailable"
    template = (
        N_("Geen camera gevonden ({source}). Sluit een camera aan of kies een andere in de "
           "instellingen; met een handscanner kunt u intussen verder scannen.")
    )
    field = "camera"

    def __init__(self, reason: str = "missing", source: object = "") -> None:
        self.reason = reason
        super().__init__(reason=reason, source=source)

    def message(self) -> str:
        source = self.fields.get("source", "")
        if self.reason == "busy":
            return _(
                "De camera ({source}) geeft geen beeld: een ander programma gebruikt ze "
                "misschien. Sluit dat programma; het scannen start zodra de camera vrij is.",
                source=source,
            )
        if self.reason == "unplugged":
            return _(
                "De camera ({source}) geeft geen beeld meer: werd ze losgekoppeld? Sluit ze "
                "opnieuw aan; het scannen gaat verder zodra ze terug is.",
                source=source,
            )
        return _(self.template, source=source)
UnknownKit = _error("UnknownKit", N_("Onbekende EHBO-kit: '{code}'. Scan het etiket van de kit opnieuw."),
                    "kit")
UnknownKitType = _error(
    "UnknownKitType", N_("Onbekend kittype: '{code}'. Kies een van de bestaande kittypes."), "kit_type")
KitRetired = _error(
    "KitRetired", N_("EHBO-kit {code} is buiten gebruik sinds {date}; een controle kan niet meer."),
    "kit")
CheckLineMismatch = _error(
    "CheckLineMismatch",
    N_("De checklist past niet bij kit {code}: controleer elk item van het sjabloon precies één keer."),
    "lines")
InvalidInterval = _error(
    "InvalidInterval", N_("Het controle-interval moet tussen 1 en 60 maanden liggen (u gaf {value})."),
    "interval")
CheckInFuture = _error(
    "CheckInFuture", N_("Een controle kan niet in de toekomst liggen ({date})."), "checked_on")
ReplacementAboveNeed = _error(
    "ReplacementAboveNeed",
    N_("{product}: de kit heeft er {needed} nodig, u wilt er {replace} vervangen. Vervang "
       "hoogstens {needed}; er werd niets opgeslagen."),
    "lines")

PermissionDenied = _error(
    "PermissionDenied",
    N_("{user} mag dit niet doen (recht '{permission}' ontbreekt). Vraag het aan de functioneel "
       "beheerder."),
)
IdempotencyConflict = _error(
    "IdempotencyConflict",
    N_("De sleutel '{key}' hoort al bij een andere aanvraag ({command}); er werd niets geboekt. "
       "Gebruik een nieuwe sleutel voor een nieuwe boeking."),
    "key",
)


class UnknownRecipient(DomainError):
    """'Voor wie' names a vehicle, kit or location that is not in the register."""

    code = "UnknownRecipient"
    template = N_("Er is geen {what} met code '{code}' (bij 'voor wie'). Scan het etiket of "
                  "kies een bestaande code.")
    field = "recipient"

    def message(self) -> str:
        return _(self.template, **{**self.fields, "what": _(str(self.fields["what"]))})
