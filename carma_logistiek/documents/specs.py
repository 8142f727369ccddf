"""What a document shows, without reportlab: the services build these, the renderers draw them."""

from __future__ import annotations

from dataclasses import dataclass

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_


class NothingToPrint(DomainError):
    """No labels for what was asked; ``what`` says why in Dutch. Here rather than in labels.py
    so a service can raise it without loading reportlab."""

    code = "NothingToPrint"
    template = N_("Er is niets om af te drukken: {what}")
    field = None


@dataclass(frozen=True)
class LabelSpec:
    """One label: what the QR code holds and the text a person reads beside it."""

    payload: str
    title: str
    code: str
    detail: str = ""
