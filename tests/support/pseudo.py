"""A pseudo-locale for the tests only: `qps`, every string of the app and of the worksheets with
each Latin letter swapped for an accented look-alike ("Join" -> "Ĵǿīƞ"), placeholders and markup
kept. Added the way a program adds a real language (one catalog, the worksheets' YAML), no Python:
whatever still shows plain English letters under it was never translatable."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from toolkit.text.catalogs import DOMAIN, LOCALE_DIR

PSEUDO = "qps"
_FROM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TO = "ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ"
_SWAP = str.maketrans(_FROM, _TO)
# Kept as they are: {placeholders}, <tags>, &entities;, and markdown link targets.
_KEEP = re.compile(r"\{[a-z_0-9]*\}|<[^>]*>|&#?\w+;|\]\([^)]*\)")


def pseudo(text: str) -> str:
    """`text` with every Latin letter outside placeholders and markup made accented."""
    out, at = [], 0
    for m in _KEEP.finditer(text):
        out += [text[at:m.start()].translate(_SWAP), m.group()]
        at = m.end()
    out.append(text[at:].translate(_SWAP))
    return "".join(out)


def write_catalog(folder: Path) -> Path:
    """The app's catalog for `qps` in `folder`/qps/LC_MESSAGES/toolkit.po, every message of the
    template (toolkit.pot, what `make translations` extracts) translated: what a translator
    hands in for a new language."""
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as fp:
        template = read_po(fp, domain=DOMAIN)
    catalog = Catalog(locale=None, domain=DOMAIN, charset="utf-8")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string: str | tuple[str, ...] = tuple(pseudo(x) for x in message.id)
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    path = folder / PSEUDO / "LC_MESSAGES" / f"{DOMAIN}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog)
    return path


def _add_language(node: Any, languages: set[str]) -> Any:
    if isinstance(node, list):
        return [_add_language(x, languages) for x in node]
    if not isinstance(node, dict):
        return node
    if node and set(node) <= languages and "en" in node and all(
            isinstance(v, str) for v in node.values()):
        return {**node, PSEUDO: pseudo(node["en"])}
    out = {}
    for key, value in node.items():
        if key == "languages":
            out[key] = [*value, PSEUDO]
        elif key == "validation" and isinstance(value, dict):
            out[key] = {**value, PSEUDO: "not_validated"}  # a home translation, plainly marked
        else:
            out[key] = _add_language(value, languages)
    return out


def write_worksheets(source: Path, folder: Path) -> Path:
    """Each worksheet of `source` with a `qps` text beside every English one, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        langs = set(data.get("languages", ["en"]))
        (folder / path.name).write_text(
            yaml.safe_dump(_add_language(data, langs), allow_unicode=True, sort_keys=False),
            encoding="utf-8")
    return folder


# --- what a screen says --------------------------------------------------------------------

_SPOKEN = ("aria-label", "title", "alt", "placeholder", "aria-description")


class _Words(HTMLParser):
    """The text of an HTML fragment and the attributes a screen reader speaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in _SPOKEN and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_words(fragment: str) -> list[str]:
    """What an HTML (or SVG) fragment shows and says."""
    parser = _Words()
    parser.feed(fragment)
    parser.close()
    return [p for p in parser.parts if p.strip()]


_TEXT_TRAITS = ("value", "description", "placeholder", "tooltip", "title")
_NOT_TEXT = ("layout", "tabbable", "tooltip", "lang", "entries")
"""An anywidget's synced traits that are not shown as they are: a language code, and the
support map's rows (what the client typed, and ids), which it draws through `svg`."""


def widget_words(root: Any, skip: Iterable[Any] = ()) -> list[str]:
    """Everything a widget tree shows: HTML values, labels, button words, placeholders,
    tooltips, tab titles, the labels of options, and the texts an anywidget view draws; not
    what the widgets in `skip` (and inside them) show."""
    from ipywidgets.widgets.widget_selection import _Selection

    from toolkit.widgets.base import ItemView, walk

    skipped = {id(x) for widget in skip for x in walk(widget)}
    out: list[str] = []
    for widget in walk(root):
        if id(widget) in skipped:
            continue
        layout = getattr(widget, "layout", None)
        if layout is not None and getattr(layout, "display", None) == "none" and not hasattr(
                widget, "_esm"):
            continue  # hidden (our <style> widget, a collapsed box)
        for name in _TEXT_TRAITS:
            if name == "value" and isinstance(widget, ItemView | _Selection):
                continue  # an answer or a picked option's value: its label is what shows
            value = getattr(widget, name, None)
            if isinstance(value, str) and value:
                out += html_words(value) if "<" in value else [value]
        out += [t for t in getattr(widget, "titles", ()) or () if t]
        out += [str(label) for label in getattr(widget, "_options_labels", ()) or ()]
        if hasattr(widget, "_esm"):  # an anywidget: its synced texts (not its code)
            for name in widget.trait_names(sync=True):
                if name.startswith("_") or name in _NOT_TEXT:
                    continue
                out += _strings(getattr(widget, name))
    return out


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return html_words(value) if "<" in value else [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(parts: Iterable[str], allowed: Iterable[str] = ()) -> list[str]:
    """The texts in `parts` that still have plain-Latin words once the `allowed` texts (what
    someone typed, codes, proper names, the languages' own names) are taken out: each is a
    string the app did not translate (shown with its English words, to find it by)."""
    allowed = sorted({" ".join(a.split()) for a in allowed if a.strip()}, key=len, reverse=True)
    found: list[str] = []
    for part in parts:
        text = " ".join(html.unescape(part).split())
        for a in allowed:
            text = text.replace(a, " ")
        words = _WORD.findall(text)
        if words:
            found.append(f"{' '.join(words)[:60]!r} in {' '.join(part.split())[:100]!r}")
    return list(dict.fromkeys(found))
