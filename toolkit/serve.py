"""Serve the client app with Voila (placeholder until the widgets land)."""
from __future__ import annotations
import argparse
def add_demo_command(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    pass
