"""Alembic revisions, installed as ``carma_logistiek.migrations`` (pyproject.toml
``[tool.setuptools] package-dir``) so that a wheel and the bundle carry them;
carma_logistiek.paths.migrations_dir() finds them."""
