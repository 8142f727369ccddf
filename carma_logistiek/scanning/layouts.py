"""A scanner set to another keyboard layout than the PC's: undo the mix-up.

A scanner in keyboard mode does not send characters but key positions, for the layout it is
set to (out of the box: US QWERTY). On a Belgian AZERTY PC the same positions type other
characters: ``CL1:CARMA:S:01209`` arrives as ``CL&MCQR?QMSMà&éàç``. The opposite (a scanner set to
Belgian on a US PC) happens too. Both are a setting on the scanner, but until someone changes
it, every scan would fail; the mix-up is unambiguous for the characters a label holds, so
``retyped`` gives the text the scanner meant, and the caller keeps it only when that reads as a
valid code (and tells the user the scanner's setting is wrong).
"""

from __future__ import annotations

# What the key a US QWERTY layout types as the first character types on Belgian AZERTY
# (unshifted and shifted, for the keys whose characters differ).
_US_TO_BE: dict[str, str] = {
    **dict(zip("1234567890-=", "&é\"'(§è!çà)-", strict=True)),
    **dict(zip("!@#$%^&*()_+", "1234567890°_", strict=True)),
    **dict(zip("qawzQAWZ", "aqzwAQZW", strict=True)),
    "m": ",",
    "M": "?",
    ";": "m",
    ":": "M",
    ",": ";",
    "<": ".",
    ".": ":",
    ">": "/",
    "/": "=",
    "?": "+",
}
_BE_TO_US: dict[str, str] = {be: us for us, be in _US_TO_BE.items()}


def us_scanner_on_belgian_pc(text: str) -> str:
    """What a scanner set to US QWERTY meant, from what a Belgian AZERTY PC received."""
    return "".join(_BE_TO_US.get(char, char) for char in text)


def belgian_scanner_on_us_pc(text: str) -> str:
    """What a scanner set to Belgian AZERTY meant, from what a US QWERTY PC received."""
    return "".join(_US_TO_BE.get(char, char) for char in text)


def retyped(text: str) -> list[str]:
    """The texts ``text`` would be under either layout mix-up (those that differ from it)."""
    candidates = (us_scanner_on_belgian_pc(text), belgian_scanner_on_us_pc(text))
    return [candidate for candidate in dict.fromkeys(candidates) if candidate != text]
