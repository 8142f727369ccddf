"""Persistence: SQLAlchemy models, engines per backend, unit of work, migrations."""
