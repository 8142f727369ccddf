"""One small function per user action: typed write operations and queries on the database
worker, their results delivered on the GUI thread (as Anki's aqt/operations)."""
