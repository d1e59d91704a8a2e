"""Join cards: eight to a Letter page, each code once in large type, a QR code of its link."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import cache

import pytest
import segno
import weasyprint
from PIL import Image
from pypdf import PdfReader
from support.ci import unavailable

from toolkit.cli import main
from toolkit.render.joincards import (
    DEFAULT_URL,
    TEMPLATES,
    check_url,
    join_url,
    render_html,
    render_join_cards,
    spaced,
)
from toolkit.render.pdf import NO_FETCH
from toolkit.store import codes as join_codes
from toolkit.store.store import Store

LETTER = (612, 792)  # points
DPI = 300
CODES = tuple(join_codes.format_code(c * 9) for c in join_codes.ALPHABET)  # 30, all distinct
WORDS_NOT_ON_A_CARD = ("recovery", "addiction", "substance", "clinic", "treatment",
                       "diagnos", "counsel", "rehab", "alcohol", "drug")


@cache
def _pdf(n: int = 30, url: str = DEFAULT_URL) -> bytes:
    return render_join_cards(CODES[:n], url)


def _text(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_thirty_participants_fill_four_letter_pages():
    """30 cards at eight a page is four US Letter pages."""
    pages = PdfReader(io.BytesIO(_pdf())).pages
    assert len(pages) == 4
    for page in pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER


def test_eight_cards_a_page_and_the_rest_on_the_last():
    """Pages hold 8, 8, 8 and 6 cards: each card's title once per card."""
    counts = [t.count("YOUR JOIN CODE") for t in _text(_pdf())]
    assert counts == [8, 8, 8, 6]


def test_each_code_appears_once_in_large_type_and_once_in_its_link():
    """Every code is printed once as 'K7M 4QP XZ2' and once inside its own join URL."""
    text = "\n".join(_text(_pdf()))
    squashed = re.sub(r"\s+", "", text)
    for code in CODES:
        assert text.count(spaced(code)) == 1, code
        assert squashed.count(join_url(DEFAULT_URL, code)) == 1, code


def test_code_is_spaced_in_groups_of_three():
    """Codes print as three groups of three, whatever form they were given in."""
    assert spaced("k7m4qpxz2") == "K7M 4QP XZ2"
    with pytest.raises(ValueError):
        spaced("K7M-4QP-XZ")


def test_join_url_adds_the_code_to_the_base_url():
    """The link is `<url>?code=<CODE>`; a bare host gets its '/'."""
    assert join_url(DEFAULT_URL, "K7M-4QP-XZ2") == "http://127.0.0.1:8866/?code=K7M-4QP-XZ2"
    assert join_url("http://192.168.1.20:8866", "K7M-4QP-XZ2") == (
        "http://192.168.1.20:8866/?code=K7M-4QP-XZ2")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://h/", "http://", "127.0.0.1:8866",
                                 "http://h/?code=ABC", "file:///etc/passwd"])
def test_bad_base_urls_are_refused(url):
    """Only http(s) with a host and no query of its own can be a join URL."""
    with pytest.raises(ValueError, match="join URL"):
        check_url(url)


def test_every_card_carries_the_qr_code_of_its_own_link_with_the_url_under_it():
    """Each card's inline SVG is segno's encoding of its link, titled with what it opens (its
    text alternative in the tagged PDF), and the link text follows it."""
    html = render_html(CODES[:3])
    for code in CODES[:3]:
        link = join_url(DEFAULT_URL, code)
        qr = segno.make(link, error="m").svg_inline(scale=1, border=4, omitsize=True,
                                                     svgclass="qr", lineclass="qr-line",
                                                     title=f"QR code that opens {link}")
        assert html.count(qr) == 1
        after = html[html.index(qr) + len(qr):]
        assert after.lstrip().startswith(f'<p class="url">{link}</p>')
    assert html.count('<svg viewBox="0 0 37 37" class="qr">') == 3


def test_printed_qr_modules_match_the_encoded_link():
    """Rasterised at 300 dpi, every QR module on the page is where segno put it."""
    codes = CODES[:3]
    doc = weasyprint.HTML(string=render_html(codes), base_url=TEMPLATES.as_uri() + "/",
                          url_fetcher=NO_FETCH).render()
    boxes = [b for b in doc.pages[0]._page_box.descendants()
             if str(getattr(b, "element_tag", "")).endswith("svg")]
    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-f", "1", "-l", "1",
                          "-"], input=doc.write_pdf(), capture_output=True, check=True).stdout
    pixels = Image.open(io.BytesIO(png)).convert("L").load()
    scale = DPI / 96  # layout is in CSS pixels
    assert len(boxes) == len(codes)
    for box, code in zip(boxes, codes, strict=True):
        want = [[bool(v) for v in row]
                for row in segno.make(join_url(DEFAULT_URL, code), error="m").matrix]
        n = len(want)
        module = box.width / (n + 8) * scale  # four modules of quiet zone on each side
        x0, y0 = box.content_box_x() * scale, box.content_box_y() * scale
        # module (r, c) of the whole square, quiet zone included, read at its centre
        dark = [[pixels[int(x0 + (c + 0.5) * module), int(y0 + (r + 0.5) * module)] < 128
                 for c in range(n + 8)] for r in range(n + 8)]
        assert [row[4:n + 4] for row in dark[4:n + 4]] == want, code
        assert not any(row[c] for row in dark for c in (0, 1, n + 6, n + 7))


def test_a_qr_reader_decodes_the_link(tmp_path):
    """zbarimg reads each printed QR code back as its join URL."""
    if shutil.which("zbarimg") is None:
        unavailable("zbarimg is not installed (apt-get install zbar-tools)")
    png = tmp_path / "page.png"
    png.write_bytes(subprocess.run(["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", "-"],
                                   input=_pdf(8), capture_output=True, check=True).stdout)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True)
    assert sorted(out.stdout.split()) == sorted(join_url(DEFAULT_URL, c) for c in CODES[:8])


def test_cards_fetch_nothing_and_embed_the_qr():
    """The HTML has no image, link or url() to fetch: the QR is inline SVG, the CSS inlined."""
    html = render_html(CODES[:2])
    for fetchable in ("<img", "<link", "url(", "src=", "@import"):
        assert fetchable not in html
    with pytest.raises(ValueError, match="fetches nothing"):
        NO_FETCH.fetch("http://example.org/x.png")


def test_a_hostile_url_is_escaped_on_the_card():
    """Markup in the base URL's path prints as text; it never becomes an element."""
    html = render_html(CODES[:1], "http://h:1/<b>x</b>/")
    assert "<b>x</b>" not in html


def test_cards_say_nothing_about_a_clinic_or_a_diagnosis(home, capsys, tmp_path):
    """A session named after a clinic prints cards with no session name and no such words."""
    store = Store.open()
    session = store.create_session("Riverside Clinic Recovery Group", ["mspss"], 3)
    out = tmp_path / "cards.pdf"
    assert main(["cards", "--session", session.id, "-o", str(out)]) == 0
    text = "\n".join(_text(out.read_bytes())).lower()
    assert "riverside" not in text
    for word in WORDS_NOT_ON_A_CARD:
        assert word not in text, word
    assert "3 join cards (1 page" in capsys.readouterr().out


def test_cards_command_uses_the_given_url(home, tmp_path):
    """`workshop cards --url` puts that address in every card's link."""
    store = Store.open()
    session = store.create_session("Group", ["mspss"], 2)
    out = tmp_path / "cards.pdf"
    url = "http://192.168.1.20:8866/"
    assert main(["cards", "--session", session.id, "--url", url, "-o", str(out)]) == 0
    squashed = re.sub(r"\s+", "", "".join(_text(out.read_bytes())))
    for p in store.participants(session.id):
        assert join_url(url, p.code) in squashed


def test_cards_command_refuses_a_bad_url_or_session(home, tmp_path, capsys):
    """A bad --url or an unknown session exits 1 and writes no file."""
    store = Store.open()
    session = store.create_session("Group", ["mspss"], 1)
    out = tmp_path / "cards.pdf"
    assert main(["cards", "--session", session.id, "--url", "ftp://x/", "-o", str(out)]) == 1
    assert main(["cards", "--session", "s-nope", "-o", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "http://HOST:PORT/" in err and "no session 's-nope'" in err


def test_spanish_cards(tmp_path):
    """--lang es prints the card's words in Spanish."""
    text = "\n".join(_text(render_join_cards(CODES[:1], lang="es")))
    assert "SU CÓDIGO PARA ENTRAR" in text.upper()


def test_no_codes_is_an_error():
    """An empty session cannot print an empty PDF."""
    with pytest.raises(ValueError):
        render_join_cards([])

