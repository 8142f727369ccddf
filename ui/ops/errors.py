"""The one way an error becomes a sentence in the user's language.

A ``DomainError`` (including ``DatabaseUnavailable``) carries its own sentence. Anything else
is a fault: it is logged with its traceback and the user reads a polite sentence; raw
exception text never reaches the screen.
"""

from __future__ import annotations

import logging

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _

log = logging.getLogger("carma_logistiek.ui")


def error_sentence(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message()
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return _(
        "Er ging iets onverwachts mis; er werd niets gewijzigd. Probeer opnieuw of meld het aan "
        "de functioneel beheerder (details in het logbestand)."
    )
