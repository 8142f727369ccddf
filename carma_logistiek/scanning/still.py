"""Still pictures (an image file, a phone photo) read the hard way, for the command line's
``scan-image`` and the scan screen's "Code uit foto lezen…".

:func:`read_file` reads the file and every code on it (the first attempt, then the harder ones
of :mod:`carma_logistiek.scanning.harder`); :func:`nothing_read` is the sentence for a picture
that gave no code: a code seen but not read, or no code at all.

Imports OpenCV through harder/decoders: import this module lazily, as those.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from carma_logistiek.scanning.harder import Reading


def read_file(path: str | Path) -> Reading:
    """Every code on the picture in ``path``. Raises UnreadableImage, ImageTooLarge or
    NotAnImage (DomainErrors with a sentence) when the file is no picture we can read."""
    from carma_logistiek.scanning.decoders import read_image
    from carma_logistiek.scanning.harder import read_still

    return read_still(read_image(path))


def nothing_read(reading: Reading) -> str:
    """Why a picture gave no code, and what to do about it."""
    if reading.unreadable > 0:
        return _("Er staat een code op de afbeelding, maar ze is niet betrouwbaar te lezen; er "
                 "werd niets gescand. Maak een scherpere foto van dichterbij en zonder "
                 "schittering, of typ de code over.")
    return _("Op de afbeelding is geen leesbare code gevonden. Staat er toch een code op, maak "
             "dan een scherpere foto van dichterbij en zonder schittering, of typ de code over.")
