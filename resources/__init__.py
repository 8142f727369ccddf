"""Package data of CARMA Logistiek: translations (locale/<lang>/LC_MESSAGES/*.mo), later icons and
sounds. Kept at the top of the repository and installed as ``carma_logistiek.resources``
(pyproject.toml ``[tool.setuptools] package-dir``); find files through carma_logistiek.paths."""
