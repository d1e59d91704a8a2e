"""`python -m toolkit.cli`: the `workshop` command (the server starts the dashboard so)."""

import sys

from toolkit.cli.main import main

sys.exit(main())
