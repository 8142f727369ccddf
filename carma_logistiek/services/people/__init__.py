"""The staff register (personeel): the zone's staff members, their details and the dated
history of their state.

Modules: ``rows`` (what the services hand out and take), ``register`` (search, view, add,
edit, set a state) and ``import_kind`` (HR's list as an import kind; imported by
services/import_specs.py, not from here). Reading one person's details is a write of its own
(``people.view_staff_member``): its audit entry is the log of that consultation.

``from carma_logistiek.services import people`` offers every service; their command names
are ``people.<function>``.
"""

from carma_logistiek.services.people.register import (
    add_staff_member,
    details_of,
    edit_staff_member,
    search_staff,
    set_staff_state,
    staff_by_number,
    view_staff_member,
)
from carma_logistiek.services.people.rows import (
    StaffDetails,
    StaffRow,
    StaffValues,
    StatePeriodRow,
)

__all__ = [
    "StaffDetails",
    "StaffRow",
    "StaffValues",
    "StatePeriodRow",
    "add_staff_member",
    "details_of",
    "edit_staff_member",
    "search_staff",
    "set_staff_state",
    "staff_by_number",
    "view_staff_member",
]
