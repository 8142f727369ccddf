"""What a document shows, without reportlab: the services build these, the renderers draw them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelSpec:
    """One label: what the QR code holds and the text a person reads beside it."""

    payload: str
    title: str
    code: str
    detail: str = ""
