"""Signing in: the sign-in, first-admin and change-password dialogs, the lock, the demo's
role choice. Not a screen of the rail: the window asks ``Session(window)`` for its sign-in
(ui/shell/screens.py names this package, as it names the screens')."""

from __future__ import annotations

from ui.signin.session import Session

__all__ = ["Session"]
