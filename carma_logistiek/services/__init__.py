"""Use cases: short verbs over plain values that return plain, frozen data.

Every function takes a :class:`~carma_logistiek.db.uow.Database` first and works in exactly
one transaction; domain errors leave the database unchanged.

Every write goes through one command path (:mod:`carma_logistiek.services.command`): it
declares its permission with ``@write(Permission.X)``, takes ``actor: Actor``, runs in one
transaction with the retry of deadlocks, an idempotency key where it has one, and returns a
result whose ``changes`` say what it changed. Reads open ``db.read()`` themselves.

One package per feature as it grows: ``stock/`` (ledger, verbs, counting, overview) and
``kits/``; ``orders``, ``masterdata``, ``scans``, ``labels`` are modules for now. Use cases that
compose several services (``documents``, ``kit_views``, ``booking_import``,
``scan_description``) read in one transaction (``composition.one_transaction``).
"""
