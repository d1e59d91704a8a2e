"""What a screen shows in a real browser, and which English strings the toolkit could have left
on it: to prove a screen in another language has no English left."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from toolkit.text.catalogs import translation
from toolkit.text.consent import default_notice
from toolkit.text.markup import markdown_html
from toolkit.text.strings import MESSAGES, PLURALS, tr, ui
from toolkit.worksheet.checks import texts
from toolkit.worksheet.model import Worksheet

# Text a person reads or hears without typing it: the page's rendered text, then what
# placeholders, tooltips and screen-reader labels say on elements that are on screen.
_VISIBLE_JS = """() => {
  const parts = [document.body.innerText];
  for (const el of document.body.querySelectorAll('[placeholder], [title], [aria-label], [alt]')) {
    if (!el.getClientRects().length) continue;
    for (const a of ['placeholder', 'title', 'aria-label', 'alt']) {
      const v = el.getAttribute(a);
      if (v) parts.push(v);
    }
  }
  return parts.join('\\n');
}"""

_BLOCK = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|br|hr|blockquote|pre|div)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_CHECK = "✓"
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def visible_text(page: Any) -> str:
    """Everything the page shows or says right now: its text and the placeholders, tooltips,
    labels and alt texts of the elements on screen, one per line."""
    return page.evaluate(_VISIBLE_JS)


def _plain(text: str) -> list[str]:
    """A text's pieces as a browser shows them: markdown rendered, then one per block, with
    runs of white space as one space."""
    blocks = _TAG.sub("", _BLOCK.sub("\0", markdown_html(text))).split("\0")
    return [" ".join(html.unescape(b).split()) for b in blocks if b.strip()]


def app_english() -> list[str]:
    """The app's own strings in English (both forms of a counted one), except those that read
    the same in Spanish."""
    out = [english for key, english in MESSAGES.items() if english != ui(key, "es")]
    spanish = translation("es")
    for key, (one, many) in PLURALS.items():
        forms = {spanish.npgettext(key, one, many, n) for n in (1, 2)}
        out += [english for english in dict.fromkeys((one, many)) if english not in forms]
    return out


def consent_english() -> list[str]:
    """The default consent notice in English, piece by piece."""
    notice = default_notice()
    return [] if notice.get("en") == notice.get("es") else _plain(notice["en"])


def worksheet_english(ws: Worksheet) -> list[str]:
    """Every client-facing text of a worksheet in English (titles, questions, help, choices,
    labels, placeholders, bands), except those that read the same in Spanish."""
    out = []
    for _path, text in texts(ws.model_dump(exclude_none=True)):
        english, spanish = tr(text, "en"), tr(text, "es")
        if english != spanish:
            out += [p for p in _plain(english) if p not in _plain(spanish)]
    return out


def _appears(english: str, flat: str) -> bool:
    """Whether `english` is in `flat` as it would be on screen: whole words, any value in its
    placeholders. Its literal pieces are looked for in order, each from where the last one
    ended (linear: a regex of several `.+?` is cubic on a long page)."""
    parts = _PLACEHOLDER.split(english)
    at = 0
    for i, part in enumerate(parts):
        if not part:
            continue  # a placeholder at an end: any value
        start = r"\b" if i == 0 and part[:1].isalnum() else ""
        end = r"\b" if i == len(parts) - 1 and part[-1:].isalnum() else ""
        found = re.compile(start + re.escape(part) + end).search(flat, at)
        if found is None:
            return False
        at = found.end() + (1 if i < len(parts) - 1 else 0)  # a placeholder holds something
    return True


def english_left(shown: str, english: Iterable[str], allowed: Iterable[str] = ()) -> list[str]:
    """The English strings that appear in `shown` once the `allowed` texts (what the client
    typed, proper names) are taken out of it, each once, in order."""
    for text in sorted(allowed, key=len, reverse=True):  # longest first: names inside texts
        shown = shown.replace(text, "\n")
    flat = " ".join(shown.split())
    # A one-word label stands alone (a button, a heading), and may be a Spanish word too
    # ("Me"): it counts only where a whole line reads as it.
    lines = {line.strip().removeprefix(_CHECK).strip().rstrip(":") for line in shown.splitlines()}
    found: list[str] = []
    for text in dict.fromkeys(" ".join(e.split()) for e in english):
        if not text or text in found:
            continue
        if text in lines if " " not in text else _appears(text, flat):
            found.append(text)
    return found
