"""The client server's kernel websocket (toolkit.serve.channels): a warm kernel's page finds
its channels ready-made, and a page that reconnects to its kernel (a phone that dropped off
the clinic's Wi-Fi) still gets everything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.lightclient import joined, open_page, widget_states
from support.servers import Server, serve_group

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from serve_group(tmp_path_factory.mktemp("channels") / "home", ["mspss"], 2,
                           extra=("--pool", "3"))


def test_a_page_reconnects_to_its_warm_kernel(warm: Server) -> None:
    """First connection on the ready-made channels, then twice more the usual way: each
    time the page gets the joined screen."""
    page = open_page(warm.url, warm.codes[0], timeout=60)
    assert page is not None, "the page came without widgets"
    for attempt in range(3):
        assert joined(widget_states(warm.url, *page, timeout=60)), attempt


def test_two_pages_two_kernels(warm: Server) -> None:
    """Two participants joining one after the other each get their own warm kernel and
    their own screen."""
    pages = [open_page(warm.url, code, timeout=60) for code in warm.codes]
    assert all(pages) and pages[0][0] != pages[1][0]
    for page in pages:
        assert joined(widget_states(warm.url, *page, timeout=60))
