"""Download tickets (toolkit.access.downloads): only an issued token, in its lifetime, opens
one; names are safe to send and to save."""

from __future__ import annotations

from pathlib import Path

from toolkit.access.downloads import MAX_AGE, download_name, download_url, issue, redeem, revoke


def test_tickets_refuse_made_up_old_and_odd_tokens(tmp_path: Path) -> None:
    """Only a token that was issued, in its lifetime, opens a ticket."""
    token = issue(tmp_path, tmp_path / "a.pdf", "s-1", "k")
    assert redeem(tmp_path, token) is not None
    assert redeem(tmp_path, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert redeem(tmp_path, "../" + token[3:]) is None
    ticket = redeem(tmp_path, token)
    assert ticket is not None and redeem(tmp_path, token, ticket.made_at + MAX_AGE + 1) is None


def test_names_are_safe_in_a_header_and_on_a_disk() -> None:
    """Only letters, digits, '.', '-' and '_'; never hidden, never a path."""
    assert download_name(Path('../.a "b";c\r\n.pdf')) == "a-b-c-.pdf"
    assert download_name(Path("...")) == "download"


def test_a_ticket_is_private_until_revoked(tmp_path: Path) -> None:
    """A ticket file is owner-only and not named by its token; revoke() withdraws it."""
    token = issue(tmp_path, tmp_path / "a.pdf", "s-1", "k")
    [made] = list(tmp_path.iterdir())
    assert made.stat().st_mode & 0o777 == 0o600 and token not in made.name
    assert token not in made.read_text()
    revoke(tmp_path, [token, "not a token"])
    assert redeem(tmp_path, token) is None and list(tmp_path.iterdir()) == []


def test_urls_stay_under_the_base() -> None:
    """The download URL is under the dashboard's base URL (such as /f/<id>/ behind nginx)."""
    assert download_url("/f/s-1/", "T") == "/f/s-1/workshop-download/T"
    assert download_url("/", "T") == "/workshop-download/T"
