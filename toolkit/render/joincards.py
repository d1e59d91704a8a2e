"""Join cards: one card per participant with their join code and a QR code of their link.

Eight cards to a US Letter page with dashed cut lines. A card carries no name and no word
about a clinic or what the group is for: it may be left on a bus. The QR code is drawn here
as inline SVG and the PDF renderer may fetch nothing, as for the wallet card.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import jinja2
import segno
import weasyprint
from markupsafe import Markup

from toolkit.render import tags
from toolkit.render.pdf import NO_FETCH
from toolkit.render.templating import environment
from toolkit.store import codes as join_codes
from toolkit.text.catalogs import NC_, words_in
from toolkit.text.crisis import CARD_LINES
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.message import MessageError, msg

TEMPLATES = Path(__file__).parent / "templates"

DEFAULT_URL = "http://127.0.0.1:8866/"
PER_PAGE = 8

# The cards' words in English (`NC_`: key as msgctxt, English as msgid); other languages'
# live in their gettext catalogs.
_WORDS: dict[str, str] = dict((
    NC_("joincard.title", "Your join code"),
    NC_("joincard.scan", "Scan the square with your phone's camera, or type the link under it."),
    NC_("joincard.again", "Use the same code at every meeting. Keep it to yourself."),
    NC_("joincard.help", "Need help now?"),
    NC_("joincard.call", "call or text"),
    NC_("joincard.free", "free, 24/7"),
    NC_("joincard.qr", "QR code that opens {url}"),
))


def card_words(lang: str) -> dict[str, str]:
    """The join cards' words in `lang` (English for a language with no catalog)."""
    return words_in(lang, _WORDS, "joincard.")


class JoinUrlError(MessageError, ValueError):
    """A join URL that cannot go on a card (str(error) in English, error.message in any
    language)."""


def check_url(url: str) -> str:
    """The base join URL, checked: http(s), a host, and a path ending in '/' when empty."""
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname
    except ValueError:  # urlsplit's own, in English: a bracket left open ("http://[::1")
        raise JoinUrlError(msg("join_url_form", url=repr(url))) from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise JoinUrlError(msg("join_url_form", url=repr(url)))
    if parts.query or parts.fragment:
        raise JoinUrlError(msg("join_url_query", url=repr(url)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def join_url(url: str, code: str) -> str:
    """`<url>?code=<CODE>`: the link that opens the client app with the code filled in."""
    return check_url(url) + "?" + urlencode({"code": code})


def _canonical(code: str) -> str:
    canonical = join_codes.normalize(code)
    if canonical is None:
        raise ValueError("a join code has 9 letters and digits, like K7M-4QP-XZ2")
    return canonical


def spaced(code: str) -> str:
    """'K7M-4QP-XZ2' as 'K7M 4QP XZ2': groups of three, easy to read aloud and type."""
    return _canonical(code).replace("-", " ")


def qr_svg(data: str, title: str | None = None) -> Markup:
    """A QR code as an inline SVG element, four modules of quiet zone around it; `title` is
    its text alternative in a tagged PDF."""
    svg = segno.make(data, error="m").svg_inline(scale=1, border=4, omitsize=True,
                                                 svgclass="qr", lineclass="qr-line",
                                                 title=title)
    # Safe to mark: segno writes only paths; `data` is encoded as modules, never as text.
    return Markup(svg)



@cache
def _environment() -> jinja2.Environment:
    return environment()


def render_html(codes: Sequence[str], url: str = DEFAULT_URL, *, lang: str = "en") -> str:
    """The cards as one HTML document: pages of up to eight cards, two across."""
    text = card_words(lang)
    cards: list[dict[str, Any]] = []
    for code in codes:
        link = join_url(url, _canonical(code))
        cards.append({"code": spaced(code), "url": link,
                      "qr": qr_svg(link, text["qr"].format(url=link))})
    pages = [cards[i:i + PER_PAGE] for i in range(0, len(cards), PER_PAGE)]
    rows = [[page[i:i + 2] for i in range(0, len(page), 2)] for page in pages]
    return _environment().get_template("joincards.html.j2").render(
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE, text=text,
        pages=rows, crisis=CARD_LINES)


def render_join_cards(codes: Sequence[str], url: str = DEFAULT_URL, *,
                      lang: str = "en") -> bytes:
    """The join cards as PDF bytes (US Letter, eight cards a page)."""
    if not codes:
        raise ValueError("no join codes to print")
    html = weasyprint.HTML(string=render_html(codes, url, lang=lang),
                           base_url=TEMPLATES.as_uri() + "/", url_fetcher=NO_FETCH)
    return html.write_pdf(**tags.write_options())
