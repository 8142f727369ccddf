"""The newest migration, known without loading Alembic.

Starting the app checks the database's revision against this constant with one plain query,
and only loads Alembic (~150 ms of imports and script parsing) when an upgrade is needed.
tests/integration/test_migrations.py fails when this falls behind db/migrations/versions.
"""

HEAD_REVISION = "0009"

# Every revision this version of the app knows, oldest first. A database at a revision not in
# here was upgraded by a newer version of the app: it is refused, never downgraded or "fixed".
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
