"""`python -m vig_tui.cli` runs `vig`."""

import sys

from . import main

sys.exit(main())
