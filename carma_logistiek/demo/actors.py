"""Who the demo's writes are booked by: the one place that turns a demo user into an actor.

The demo's people have every role: the simulated year is written through the same command path
as the app's writes, so each write still checks its permission against them.
"""

from __future__ import annotations

from carma_logistiek.domain.access import Actor

# The clerks and the prevention advisor who did the simulated year's work, so the history shows
# several people, as a real zone's would.
CLERKS = ("an.peeters", "tom.claes", "els.janssens", "koen.vandebroek", "sofie.wouters")
CHECKERS = ("an.peeters", "preventieadviseur")


def as_actor(user: str) -> Actor:
    """The actor a demo write runs as, for the user name ``user``."""
    return Actor.with_every_role(user)


def user_of(actor: Actor) -> str:
    """The name stored in the who-columns of rows the demo inserts in bulk (without services)."""
    return actor.user


DEMO_ACTOR: Actor = as_actor("demo")
