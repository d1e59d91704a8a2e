"""A whole group joins at the same instant: 30 light clients against `workshop serve
--session` (its warm pool), every one gets their own joined screen, none fails.

Times are measured in benchmarks/join_burst.py, not asserted here."""

from __future__ import annotations

import pytest
from support.lightclient import light_burst
from support.servers import serve_group

pytestmark = pytest.mark.server
GROUP = 30


@pytest.fixture(scope="module")
def group_server(tmp_path_factory: pytest.TempPathFactory):
    from toolkit.store.demo import WORKSHOP_ORDER

    for server in serve_group(tmp_path_factory.mktemp("burst") / "home",
                              list(WORKSHOP_ORDER), GROUP):
        yield server, server.codes


def test_thirty_simultaneous_joins_all_get_in(group_server):
    """30 clients opening their links at the same instant all reach the screen after the
    join (the consent notice): zero failures, no page without widgets."""
    server, codes = group_server
    times, failures = light_burst(server.url, codes)
    assert failures == 0
    assert len(times) == GROUP
