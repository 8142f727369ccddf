"""Who may use which service: the ONE declared table the permission-matrix test compares every
registered service against (tests/integration/test_permission_matrix.py).

Written for a person to read, by feature: "these roles may use these services". It is written
out by hand on purpose, NOT derived from ``ROLE_PERMISSIONS`` or from the permissions the
services declare: a service declared with the wrong permission, or a role given a permission
it should not have, makes the two disagree and the test names the service and the role.

A service added later needs a row here (the test says which one is missing); so does a new
screen of the rail (``SCREENS``).
"""

from __future__ import annotations

from carma_logistiek.domain.access import Role

ADMIN = Role.ADMIN  # beheerder
LOGISTICS = Role.LOGISTICS  # logistiek
PREVENTION = Role.PREVENTION  # preventieadviseur
FLEET = Role.FLEET  # wagenpark
PURCHASING = Role.PURCHASING  # aankoop
STAFF = Role.STAFF  # personeelslid
READER = Role.READER  # lezer
DPO = Role.DPO  # the zone's data protection officer

# An actor that holds no role at all (signed in nowhere, or a zone it has no role in).
NO_ROLE = None

Who = frozenset[Role | None]


def roles(*who: Role | None) -> Who:
    return frozenset(who)


# --- who, in short sets ------------------------------------------------------------------------
ANYONE = roles(*Role, NO_ROLE)  # signing in: how one gets a role
EVERY_ROLE = roles(*Role)  # one's own account (its password)
STOCK_READERS = roles(ADMIN, LOGISTICS, PREVENTION, FLEET, PURCHASING, READER)
BOOKERS = roles(ADMIN, LOGISTICS)  # stock moves: deliveries, pickups, counts, storno
MASTERDATA_EDITORS = roles(ADMIN, LOGISTICS)
BUYERS = roles(ADMIN, LOGISTICS, PURCHASING)
KIT_READERS = roles(ADMIN, LOGISTICS, PREVENTION, FLEET, READER)
KIT_KEEPERS = roles(ADMIN, PREVENTION)  # the kits' register and their checks
PRINTERS = roles(ADMIN, LOGISTICS, PREVENTION, PURCHASING)  # labels
STAFF_READERS = roles(ADMIN, LOGISTICS, DPO)
STAFF_EDITORS = roles(ADMIN, LOGISTICS)
ACCOUNT_ADMINS = roles(ADMIN)
AUDIT_READERS = roles(ADMIN, DPO)

# --- the table: (who, the services they may use), by feature ----------------------------------
TABLE: tuple[tuple[Who, tuple[str, ...]], ...] = (
    # Stock: reading it, and booking it.
    (STOCK_READERS, (
        "stock.stock_overview", "stock.product_detail", "stock.movement_history",
        "stock.pickup_lots", "stock.count_sheet", "stock.sum_ledger",
        "stock.verify_stock_levels", "stock.booking_to_reverse", "stock.booking_movements",
        "stock.last_reversible_booking", "scans.resolve_scan",
        "stock.under_minimum_attention", "stock.expiring_attention", "stock.expired_attention",
        "stock.recent_bookings_attention",
    )),
    (BOOKERS, (
        "stock.record_delivery", "stock.record_pickup", "stock.record_consumption",
        "stock.record_pickup_basket", "stock.record_transfer", "stock.write_off_expired",
        "stock.record_count", "stock.reverse_booking", "orders.receive_order_line",
        # The names a pickup can be for (staff members too): for the person who books.
        "recipients.recipient_candidates",
    )),
    # Reports: whoever reads stock.
    (STOCK_READERS, (
        "consumption.consumption", "documents.stock_report", "documents.stock_report_content",
    )),
    # Orders: what is on order is read with the stock; the buyers change orders.
    (STOCK_READERS, (
        "orders.list_orders", "orders.get_order", "orders.receivable_order_lines",
        "orders.count_open_orders", "orders.late_orders_attention", "reordering.order_list",
    )),
    (BUYERS, (
        "orders.create_order", "orders.update_order", "orders.mark_ordered",
        "orders.cancel_order", "orders.create_from_list",
    )),
    # Master data: everyone who reads stock reads the lists; logistics keeps them.
    (STOCK_READERS, (
        "masterdata.list_products", "masterdata.search_products", "masterdata.get_product",
        "masterdata.get_product_details", "masterdata.product_photo",
        "masterdata.list_categories", "masterdata.list_units", "masterdata.list_locations",
        "masterdata.list_minimums", "masterdata.list_suppliers", "masterdata.get_supplier",
        "masterdata.export_products", "masterdata.export_locations",
        "masterdata.export_suppliers", "masterdata.export_minimums",
    )),
    (MASTERDATA_EDITORS, (
        "masterdata.create_product", "masterdata.update_product", "masterdata.retire_product",
        "masterdata.reactivate_product", "masterdata.set_product_photo",
        "masterdata.remove_product_photo", "masterdata.set_product_supplier",
        "masterdata.remove_product_supplier", "masterdata.create_supplier",
        "masterdata.update_supplier", "masterdata.retire_supplier",
        "masterdata.reactivate_supplier", "masterdata.create_location",
        "masterdata.rename_location", "masterdata.move_location", "masterdata.retire_location",
        "masterdata.reactivate_location", "masterdata.set_minimum", "masterdata.upsert_product",
        "masterdata.upsert_supplier", "masterdata.upsert_location", "imports.import_table",
        "scans.link_gtin",
    )),
    # First-aid kits: read by most; the prevention adviser keeps the register and checks them.
    (KIT_READERS, (
        "kits.list_kits", "kits.kit_detail", "kits.kit_plan", "kits.kit_shortages",
        "kits.kit_photo", "kits.list_kit_types", "kit_views.kit_code_from_scan",
        "kit_views.load_check", "kit_views.next_check_reasons", "kit_views.load_photos",
        "kit_views.register_data", "kit_views.write_plan_ics", "kit_views.kit_checks_attention",
    )),
    (KIT_KEEPERS, (
        "kits.create_kit_type", "kits.register_kit", "kits.move_kit", "kits.retire_kit",
        "kits.replace_kit", "kits.assign_checks", "kits.add_kit_photo", "kits.record_check",
    )),
    # Labels. A composition's reads check theirs as well: kit labels read the kits, so aankoop
    # (documents.print, no kits.read) passes the label services' own check and is then refused
    # by the kits' (test_permission_matrix: the kit labels on a real database).
    (PRINTERS, (
        "documents.label_sheet", "labels.product_labels", "labels.lot_labels",
        "labels.location_labels", "kit_labels.kit_labels", "kit_views.kit_label_specs",
        "kit_views.write_kit_labels",
    )),
    # The staff register: names and details of colleagues are need-to-know.
    (STAFF_READERS, (
        "people.search_staff", "people.view_staff_member",
    )),
    (STAFF_EDITORS, (
        "people.add_staff_member", "people.edit_staff_member", "people.set_staff_state",
        "people.upsert_staff_member",
    )),
    # Accounts: signing in is open to anyone; one's own password to every role; the rest to
    # the administrator.
    (ANYONE, (
        "accounts.sign_in", "accounts.setup_state",
    )),
    (EVERY_ROLE, (
        "accounts.change_password",
    )),
    (ACCOUNT_ADMINS, (
        "accounts.list_accounts", "accounts.get_account", "accounts.create_first_admin",
        "accounts.create_account", "accounts.reset_password", "accounts.set_roles",
        "accounts.set_active", "accounts.create_token", "accounts.revoke_token",
    )),
    # The audit trail: the administrator and the DPO.
    (AUDIT_READERS, (
        "audit.search_audit", "audit.audit_detail",
    )),
    # Zones on one server: the list is read with the stock; a new zone is the administrator's.
    (STOCK_READERS, (
        "zones.list_zones",
    )),
    (roles(ADMIN), (
        "zones.create_zone",
    )),
)

# The screens of the rail (ui/shell/screens.py ``SCREEN``, by name): who sees them.
SCREENS: dict[str, Who] = {
    "dashboard": STOCK_READERS,
    "stock": STOCK_READERS,
    "scan": BOOKERS,
    "orders": BUYERS,
    "kits": KIT_READERS,
    "consumption": STOCK_READERS,
    "masterdata": STOCK_READERS,
    "people": STAFF_READERS,
    "accounts": ACCOUNT_ADMINS,
    "audit": AUDIT_READERS,
}


def permission_table() -> dict[str, Who]:
    """The table by service name; a service listed twice is a mistake in the table."""
    table: dict[str, Who] = {}
    for who, names in TABLE:
        for name in names:
            if name in table:
                raise AssertionError(f"{name} is listed twice in tests/support/permission_table.py")
            table[name] = who
    return table


def describe(who: Who) -> str:
    """"beheerder, logistiek" / "zonder rol": for the test's sentences."""
    return ", ".join(sorted("zonder rol" if role is None else role.value for role in who)) or "-"
