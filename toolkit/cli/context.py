"""What a command works on: the settings from the environment, the store, the worksheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a command runs: `workshop --help` stays quick
    from toolkit.settings.config import Config
    from toolkit.store.store import Store
    from toolkit.worksheet.model import Worksheet


def open_store() -> tuple[Config, Store]:
    """The settings and the store they name (made on first use)."""
    from toolkit.settings.config import Config
    from toolkit.store.store import Store

    config = Config.from_env()
    return config, Store.open(config)


def load_worksheets(config: Config) -> dict[str, Worksheet]:
    """The configured folder's worksheets by id; WorksheetError lists every problem."""
    from toolkit.worksheet.loader import load_folder

    return load_folder(config.worksheets_dir)
