"""The `workshop` command: one module per command group (`session`, `printing`,
`admin`, `facilitator`, `serving`) and one error helper (`errors`). The top layer: it may
import every other.
"""

from toolkit.cli.main import main

__all__ = ["main"]
