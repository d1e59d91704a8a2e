"""Where a group's pages live when several servers share one name behind nginx: the client
app of session ID under /g/ID/, its facilitator dashboard under /f/ID/. One place for the
convention, used by `workshop serve --base-url` and `workshop deploy nginx`."""

from __future__ import annotations

import re

from toolkit.text.message import MessageError, msg

CLIENT_PREFIX = "/g/"
FACILITATOR_PREFIX = "/f/"
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")
"""One path segment that needs no quoting in a URL or an nginx location."""


class RouteError(MessageError, ValueError):
    """A base URL or session id that cannot be a route (str(error) in English, error.message
    in any language)."""


def normal_base_url(text: str) -> str:
    """`text` as a base URL: "/" or "/a/b/" (leading and trailing slash, plain segments).
    Raises RouteError for anything else (a full URL, "..", spaces, quotes)."""
    parts = [p for p in text.strip().split("/") if p]
    for part in parts:
        if not _SEGMENT.fullmatch(part) or part in (".", ".."):
            raise RouteError(msg("route_base_url", text=repr(text)))
    return "/" + "".join(f"{p}/" for p in parts)


def _checked(session_id: str) -> str:
    if not _SEGMENT.fullmatch(session_id):
        raise RouteError(msg("route_session_id", id=repr(session_id)))
    return session_id


def client_route(session_id: str) -> str:
    """The client app's base URL for a group: /g/<id>/."""
    return f"{CLIENT_PREFIX}{_checked(session_id)}/"


def facilitator_route(session_id: str) -> str:
    """The facilitator dashboard's base URL for a group: /f/<id>/."""
    return f"{FACILITATOR_PREFIX}{_checked(session_id)}/"
