"""The one rule for showing client text: clean() and escaping."""

from __future__ import annotations

from toolkit.text.markup import clean, escape, has_lone_surrogate, markdown_html


def test_clean_keeps_what_people_type() -> None:
    """Letters, accents, emoji, right-to-left text, tabs and line breaks are kept as typed."""
    text = "Ana María 👍 مرحبا\tline one\nline two\r\n"
    assert clean(text) == text


def test_clean_drops_invisible_control_characters() -> None:
    """C0 controls (not tab or line breaks), DEL, C1 controls and U+FFFE/U+FFFF go."""
    assert clean("a\x00b\x07c\x1bd\x7fe\x85f\x9fg\ufffeh\uffffi") == "abcdefghi"


def test_clean_replaces_a_lone_surrogate_so_it_can_be_saved_and_printed() -> None:
    """A lone surrogate (a browser can send one) becomes U+FFFD, so the text still encodes."""
    text = "half \ud83d of an emoji"
    assert has_lone_surrogate(text)
    cleaned = clean(text)
    assert cleaned == "half \ufffd of an emoji"
    assert not has_lone_surrogate(cleaned)
    cleaned.encode("utf-8")


def test_clean_takes_any_value() -> None:
    """Numbers and other values are shown as their text."""
    assert clean(7) == "7"


def test_markup_is_shown_inert() -> None:
    """Typed HTML is escaped by escape() and by the markdown renderer alike."""
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert "<script>" not in escape(hostile) and "&lt;script&gt;" in escape(hostile)
    html = markdown_html(hostile)
    assert "<script>" not in html and "<img" not in html
