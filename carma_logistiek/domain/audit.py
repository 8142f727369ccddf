"""The audit trail as people read it: actions in words, record references, periods.

An entry's ``action`` is the command's name ("stock.record_pickup"); :func:`action_in_words`
gives the sentence a DPO reads ("Afhaling geboekt"). A command without words here (one added
later) shows its name, so nothing is ever hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from carma_logistiek.clock import ZONE_TZ
from carma_logistiek.domain.errors import _error
from carma_logistiek.i18n import N_, _, format_date, format_datetime

ACTION_WORDS: dict[str, str] = {
    "accounts.change_password": N_("Eigen wachtwoord gewijzigd"),
    "accounts.create_account": N_("Account aangemaakt"),
    "accounts.create_first_admin": N_("Eerste beheerder aangemaakt"),
    "accounts.create_token": N_("Token aangemaakt"),
    "accounts.reset_password": N_("Wachtwoord opnieuw ingesteld"),
    "accounts.revoke_token": N_("Token ingetrokken"),
    "accounts.set_active": N_("Account geactiveerd of gedeactiveerd"),
    "accounts.set_roles": N_("Rollen gewijzigd"),
    "accounts.sign_in": N_("Aanmelding"),
    "imports.import_table": N_("Lijst geïmporteerd"),
    "kits.add_kit_photo": N_("Foto bij EHBO-koffer"),
    "kits.assign_checks": N_("Controles toegewezen"),
    "kits.create_kit_type": N_("Koffertype aangemaakt"),
    "kits.move_kit": N_("EHBO-koffer verplaatst"),
    "kits.record_check": N_("Koffercontrole geboekt"),
    "kits.register_kit": N_("EHBO-koffer geregistreerd"),
    "kits.replace_kit": N_("EHBO-koffer vervangen"),
    "kits.retire_kit": N_("EHBO-koffer buiten gebruik"),
    "masterdata.create_location": N_("Locatie aangemaakt"),
    "masterdata.create_product": N_("Product aangemaakt"),
    "masterdata.create_supplier": N_("Leverancier aangemaakt"),
    "masterdata.move_location": N_("Locatie verplaatst"),
    "masterdata.reactivate_location": N_("Locatie opnieuw in gebruik"),
    "masterdata.reactivate_product": N_("Product opnieuw in gebruik"),
    "masterdata.reactivate_supplier": N_("Leverancier opnieuw in gebruik"),
    "masterdata.remove_product_photo": N_("Productfoto verwijderd"),
    "masterdata.remove_product_supplier": N_("Leverancier van product losgekoppeld"),
    "masterdata.rename_location": N_("Locatie hernoemd"),
    "masterdata.retire_location": N_("Locatie buiten gebruik"),
    "masterdata.retire_product": N_("Product buiten gebruik"),
    "masterdata.retire_supplier": N_("Leverancier buiten gebruik"),
    "masterdata.set_minimum": N_("Minimum ingesteld"),
    "masterdata.set_product_photo": N_("Productfoto ingesteld"),
    "masterdata.set_product_supplier": N_("Leverancier aan product gekoppeld"),
    "masterdata.update_product": N_("Product gewijzigd"),
    "masterdata.update_supplier": N_("Leverancier gewijzigd"),
    "masterdata.upsert_location": N_("Locatie ingelezen"),
    "masterdata.upsert_product": N_("Product ingelezen"),
    "masterdata.upsert_supplier": N_("Leverancier ingelezen"),
    "orders.cancel_order": N_("Bestelling geannuleerd"),
    "orders.create_from_list": N_("Bestellingen uit bestellijst"),
    "orders.create_order": N_("Bestelling aangemaakt"),
    "orders.mark_ordered": N_("Bestelling besteld"),
    "orders.receive_order_line": N_("Bestellijn ontvangen"),
    "orders.update_order": N_("Bestelling gewijzigd"),
    "people.add_staff_member": N_("Personeelslid toegevoegd"),
    "people.edit_staff_member": N_("Personeelslid gewijzigd"),
    "people.set_staff_state": N_("Toestand van personeelslid"),
    "people.upsert_staff_member": N_("Personeelslid ingelezen"),
    "people.view_staff_member": N_("Personeelslid geraadpleegd"),
    "scans.link_gtin": N_("Streepjescode gekoppeld"),
    "stock.record_consumption": N_("Verbruik geboekt"),
    "stock.record_count": N_("Telling geboekt"),
    "stock.record_delivery": N_("Levering geboekt"),
    "stock.record_pickup": N_("Afhaling geboekt"),
    "stock.record_pickup_basket": N_("Afhaalmand geboekt"),
    "stock.record_transfer": N_("Overboeking geboekt"),
    "stock.reverse_booking": N_("Boeking teruggedraaid"),
    "stock.write_off_expired": N_("Vervallen voorraad afgeboekt"),
}

KIND_WORDS: dict[str, str] = {
    "write": N_("wijziging"),
    "read": N_("raadpleging"),
    "sign_in": N_("aanmelding"),
}

# What a record's kind is called ("product:SPT" reads "Product SPT"); other kinds are table
# names and show as they are.
RECORD_WORDS: dict[str, str] = {
    "product": N_("Product"),
    "location": N_("Locatie"),
    "supplier": N_("Leverancier"),
    "stock": N_("Voorraad"),
    "order": N_("Bestelling"),
    "kit": N_("EHBO-koffer"),
    "kit_type": N_("Koffertype"),
    "account": N_("Account"),
    "staff": N_("Personeelslid"),
    "booking": N_("Boeking"),
}


def action_in_words(action: str, outcome: str = "") -> str:
    """"Afhaling geboekt"; with an outcome (a refusal the write recorded, a failed sign-in):
    "Aanmelding (geweigerd)"."""
    words = ACTION_WORDS.get(action)
    shown = _(words) if words is not None else action
    return _("{action} (geweigerd)", action=shown) if outcome else shown


def kind_in_words(kind: str) -> str:
    words = KIND_WORDS.get(kind)
    return _(words) if words is not None else kind


def record_in_words(kind: str) -> str:
    words = RECORD_WORDS.get(kind)
    return _(words) if words is not None else kind


InvalidRecordReference = _error(
    "InvalidRecordReference",
    N_("Geef een record als SOORT:SLEUTEL, bijvoorbeeld product:SPT of staff:01209 "
       "(u gaf '{given}')."),
    "record",
)
InvalidPeriod = _error(
    "InvalidPeriod",
    N_("De periode loopt van {since} tot {until}: het begin ligt na het einde."),
    "since",
)
UnknownAuditEntry = _error(
    "UnknownAuditEntry", N_("Er is geen auditregel met nummer {entry_id}."), None
)


@dataclass(frozen=True)
class RecordRef:
    """A record to look for: ``product:SPT``; the key alone (``SPT``) matches any kind."""

    kind: str | None
    key: str

    @classmethod
    def parse(cls, text: str) -> RecordRef:
        cleaned = text.strip()
        kind, separator, key = cleaned.partition(":")
        if not separator:
            if not cleaned:
                raise InvalidRecordReference(given=text)
            return cls(None, cleaned)
        if not kind.strip() or not key.strip():
            raise InvalidRecordReference(given=text)
        return cls(kind.strip().lower(), key.strip())

    def __str__(self) -> str:
        return self.key if self.kind is None else f"{self.kind}:{self.key}"


def local_day_start(day: date) -> datetime:
    """The UTC instant a Brussels day starts (periods are asked in local dates)."""
    return datetime.combine(day, time(0), tzinfo=ZONE_TZ).astimezone(UTC)


def period_bounds(since: date | datetime | None, until: date | datetime | None
                  ) -> tuple[datetime | None, datetime | None]:
    """[start, end) in UTC. Dates are whole local days, both included: ``until`` 3 December
    runs up to the start of the 4th. Refuses a period that ends before it starts."""
    start = _instant(since, end=False)
    end = _instant(until, end=True)
    if start is not None and end is not None and end <= start:
        raise InvalidPeriod(since=_shown(since), until=_shown(until))
    return start, end


def _instant(value: date | datetime | None, *, end: bool) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=ZONE_TZ)
    return local_day_start(value + timedelta(days=1) if end else value)


def _shown(value: date | datetime | None) -> str:
    if isinstance(value, datetime):
        return format_datetime(value)
    return format_date(value)
