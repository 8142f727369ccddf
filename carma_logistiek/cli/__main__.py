"""``python -m carma_logistiek.cli <command>``: the CLI without the launcher."""

import sys

from carma_logistiek.cli import main

sys.exit(main())
