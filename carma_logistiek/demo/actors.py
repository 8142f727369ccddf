"""Who the demo's writes are booked by: the one place that turns a demo user into an actor.

Services take the user name today; the core branch switches them to ``Actor`` (domain/access.py).
Then ``Actor`` below becomes that class, ``as_actor`` returns ``Actor.with_every_role(user)``
and ``user_of`` returns ``actor.user``; nothing else in the demo changes.
"""

from __future__ import annotations

Actor = str

# The clerks and the prevention advisor who did the simulated year's work, so the history shows
# several people, as a real zone's would.
CLERKS = ("an.peeters", "tom.claes", "els.janssens", "koen.vandebroek", "sofie.wouters")
CHECKERS = ("an.peeters", "preventieadviseur")


def as_actor(user: str) -> Actor:
    """The actor a demo write runs as, for the user name ``user``."""
    return user


def user_of(actor: Actor) -> str:
    """The name stored in the who-columns of rows the demo inserts in bulk (without services)."""
    return actor


DEMO_ACTOR: Actor = as_actor("demo")
