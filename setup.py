"""Only the package list lives here; everything else is in pyproject.toml.

pyproject.toml can either list packages or find them, not both. The packages are found
(carma_logistiek*, ui*), and two folders at the top of the repository are added inside the
package's namespace: resources/ as carma_logistiek.resources and db/migrations/ as
carma_logistiek.migrations (their folders: ``[tool.setuptools] package-dir``).
"""

from setuptools import find_packages, setup

PACKAGE_DATA_PACKAGES = ["carma_logistiek.resources", "carma_logistiek.migrations"]

setup(packages=find_packages(include=["carma_logistiek*", "ui*"]) + PACKAGE_DATA_PACKAGES)
