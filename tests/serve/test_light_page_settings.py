"""Which page the client server gives (`--page`): the light page's template for the client app
only, and a loud refusal of a page that does not exist."""

from __future__ import annotations

import pytest

from toolkit.serve.server import PAGES, TEMPLATE, voila_config


def test_the_light_page_is_the_client_apps_template() -> None:
    """The client app's template is clinic-light by default; --page voila gives Voila's."""
    assert voila_config().VoilaConfiguration.template == PAGES["light"]
    assert voila_config(page="voila").VoilaConfiguration.template == TEMPLATE


def test_the_dashboard_keeps_voilas_page() -> None:
    """The facilitator dashboard (no clients) keeps Voila's page whatever the page asked."""
    config = voila_config(clients=False, token="t", page="light")
    assert config.VoilaConfiguration.template == TEMPLATE


def test_an_unknown_page_is_refused() -> None:
    """A page that does not exist fails at once, naming the choices."""
    with pytest.raises(ValueError, match="light, voila"):
        voila_config(page="lite")
