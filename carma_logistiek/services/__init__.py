"""Use cases: short verbs over plain values that return plain, frozen data.

Every function takes a :class:`~carma_logistiek.db.uow.Database` first and opens exactly one
transaction; domain errors leave the database unchanged.
"""
