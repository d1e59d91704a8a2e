"""Tagged PDFs for screen readers: WeasyPrint's PDF/UA-1 variant, plus what our markup says
that WeasyPrint 70 leaves out of the structure tree.

WeasyPrint tags headings, paragraphs, lists, tables and figures from the HTML, and takes the
language from `<html lang>` and the title from `<title>`. While it builds the tree, this adds:

- an SVG picture's text alternative is its `<title>` and its `<desc>` (WeasyPrint reads the
  title only): the support map's desc says who is in which ring;
- an element's `aria-label` becomes its /ActualText, what a screen reader says instead of
  the glyphs (the scale circles ①❷③ read as the answer picked);
- a table marked `role="presentation"` only lays things out (join cards, the wallet card's
  crisis lines): its parts are tagged as plain Div, not as a data table without headers;
- page margins (running headers, page numbers, repeated footers) are artifacts, which a
  screen reader skips, except a margin showing a running element marked
  `role="contentinfo"` (a worksheet's first footer: the crisis lines and the notice), which
  is read after the page's content. WeasyPrint left margin text out of the tree but marked.

Installed on the WeasyPrint versions fastdraw.py was checked against; on any other the PDFs
are still tagged, with WeasyPrint's own tags only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
import weasyprint.pdf as weasy_pdf
from weasyprint import draw as weasy_draw
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as weasy_tags

from toolkit.render import fastdraw

VARIANT = "pdf/ua-1"
"""The PDF variant every printout is written as (tagged, with language and title)."""

SVG = "{http://www.w3.org/2000/svg}"
_TABLE_PARTS = {"/THead", "/TBody", "/TFoot", "/TR", "/TH", "/TD"}
"""What a table is made of (a table inside one is a table of its own)."""
_PLAIN = {"Type", "S", "K", "Pg", "P"}
_STOCK = weasy_tags._build_box_tree
_STOCK_ADD_TAGS = weasy_pdf.add_tags
_STOCK_DRAW_CONTEXT = weasy_draw.draw_stacking_context


def write_options(tagged: bool = True) -> dict[str, Any]:
    """The keyword arguments of `write_pdf` for a tagged (or, to measure, untagged) PDF."""
    return {"pdf_variant": VARIANT} if tagged else {}


def svg_alt(svg: Any) -> str | None:
    """An SVG element's text alternative: its title, then its description."""
    said = [" ".join((child.text or "").split()) for tag in ("title", "desc")
            if (child := svg.find(SVG + tag)) is not None]
    said = [s for s in said if s]
    if not said:
        return None
    return " ".join(s if s[-1] in ".:!?" or s is said[-1] else s + "." for s in said)


def _build_box_tree(box: Any, parent: Any, pdf: Any, *args: Any) -> Iterator[Any]:
    """weasyprint.pdf.tags._build_box_tree, each element amended from its HTML element.

    WeasyPrint calls it recursively by its module name, so every box passes through here;
    a page, html or body box yields its children's elements, already amended; a page margin
    yields its content's only when it is read (else it was drawn as an artifact).
    """
    real = box._box if isinstance(box, AbsolutePlaceholder) else box
    if isinstance(real, boxes.MarginBox):
        if _spoken(real):  # read where the page ends; the others were drawn as artifacts
            for child in real.children:
                yield from _build_box_tree(child, parent, pdf, *args)
        return
    element = real.element
    own = not (element is None or real.element_tag in ("html", "body")
               or isinstance(real, boxes.PageBox))
    for built in _STOCK(box, parent, pdf, *args):
        if own:
            _amend(built, element, pdf, args[1])
        yield built


def _spoken(margin: Any, context: Any = None) -> bool:
    """Whether a page margin's content is read (role="contentinfo"), not an artifact (when
    drawn, its running element is a child stacking context, no longer the box's child)."""
    inside = list(margin.children)
    if context is not None:
        inside += [c.box for c in (*context.negative_z_contexts, *context.zero_z_contexts,
                                   *context.positive_z_contexts, *context.float_contexts)]
        inside += context.block_level_boxes
    return any(child.element is not None and child.element.get("role") == "contentinfo"
               for child in inside)


def _draw_stacking_context(stream: Any, context: Any) -> None:
    """weasyprint.draw.draw_stacking_context, a page margin not read drawn as an artifact."""
    box = context.box
    if (stream._tags is None or not isinstance(box, boxes.MarginBox)
            or _spoken(box, context)):
        _STOCK_DRAW_CONTEXT(stream, context)
        return
    with stream.artifact():
        tags, stream._tags = stream._tags, None  # nothing inside is marked as content
        try:
            _STOCK_DRAW_CONTEXT(stream, context)
        finally:
            stream._tags = tags


def _amend(built: pydyf.Dictionary, element: Any, pdf: pydyf.PDF, nums: dict) -> None:
    _inline_text(built, pdf, nums)
    if element.tag == SVG + "svg" and (alt := svg_alt(element)):
        built["Alt"] = pydyf.String(alt)
    if (label := element.get("aria-label")) and not _labelled_inside(built, pdf):
        built["ActualText"] = pydyf.String(label)
    if element.get("role") == "presentation" and built["S"] == "/Table":
        _untable(built, pdf)


def _is_text_run(obj: Any) -> bool:
    """A Span element WeasyPrint made for one run of text: one marked content, nothing else."""
    return (isinstance(obj, pydyf.Dictionary) and obj.get("S") == "/Span"
            and obj.keys() == _PLAIN and len(obj["K"]) == 1 and isinstance(obj["K"][0], int))


def _labelled_inside(built: pydyf.Dictionary, pdf: pydyf.PDF) -> bool:
    """Whether this is the list item WeasyPrint wraps around an unbulleted <li>, whose body
    (built from the same element) has its label already."""
    return built["S"] == "/LI" and any(
        isinstance(kid, bytes) and "ActualText" in _get(pdf, kid) for kid in built["K"])


def _inline_text(built: pydyf.Dictionary, pdf: pydyf.PDF, nums: dict) -> None:
    """Text straight under its element: WeasyPrint wraps each run of text in a Span element
    of its own, which says nothing and would be most of the tree's objects (a packet reads
    them all back to merge). Its marked content becomes the element's own."""
    kids = built["K"]
    for i, kid in enumerate(kids):
        if not isinstance(kid, bytes):
            continue
        child = _get(pdf, kid)
        if _is_text_run(child) and child["Pg"] == built.get("Pg"):
            kids[i] = child["K"][0]
            nums[kids[i]] = built.reference
            _deferred(pdf).pop(kid, None)


def _deferred(pdf: pydyf.PDF) -> dict[bytes, pydyf.Dictionary]:
    return pdf.__dict__.get("_workshop_deferred", {})


def _get(pdf: pydyf.PDF, reference: bytes) -> Any:
    """The object a reference names, a deferred text run included."""
    deferred = _deferred(pdf).get(reference)
    return deferred if deferred is not None else pdf.objects[int(reference.split()[0])]


def _add_tags(pdf: pydyf.PDF, *args: Any) -> None:
    """weasyprint.pdf.add_tags, with each text run's Span element numbered only if it is
    still needed once the tree is built (it almost never is: _inline_text)."""
    deferred: dict[bytes, pydyf.Dictionary] = {}

    def add_object(obj: Any) -> None:
        if _is_text_run(obj):
            obj.number = -1 - len(deferred)  # a placeholder reference, unique in this PDF
            deferred[obj.reference] = obj
        else:
            pydyf.PDF.add_object(pdf, obj)

    pdf.add_object = add_object
    pdf._workshop_deferred = deferred
    # WeasyPrint looks up each element's page in a tuple it rebuilds every time (all pages
    # are in by now): built once here, a tenth of what tagging costs a packet.
    kind = type(pdf)
    pdf.__class__ = type("TaggingPDF", (kind,), {"page_references": pdf.page_references})
    try:
        _STOCK_ADD_TAGS(pdf, *args)
    finally:
        pdf.__class__ = kind
        del pdf.add_object, pdf._workshop_deferred
    if deferred:
        _number(pdf, deferred)


def _number(pdf: pydyf.PDF, deferred: dict[bytes, pydyf.Dictionary]) -> None:
    """Give the text runs still in the tree their object numbers, wherever they are named."""
    new = {}
    for placeholder, obj in deferred.items():
        pdf.add_object(obj)
        new[placeholder] = obj.reference
    root = pdf.objects[int(pdf.catalog["StructTreeRoot"].split()[0])]
    parent_tree = pdf.objects[int(root["ParentTree"].split()[0])]
    arrays = [v for v in parent_tree["Nums"] if isinstance(v, list)]
    arrays += [pdf.objects[int(obj["P"].split()[0])]["K"] for obj in deferred.values()]
    for array in arrays:
        array[:] = [new.get(v, v) if isinstance(v, bytes) else v for v in array]


def _untable(built: pydyf.Dictionary, pdf: pydyf.PDF) -> None:
    """A layout table's parts as Div, down to the first element that is not a table part."""
    built["S"] = "/Div"
    for key in ("A", "ID"):
        built.pop(key, None)
    for kid in built["K"]:
        if isinstance(kid, bytes):  # a reference; numbers are marked content
            child = _get(pdf, kid)
            if child.get("S") in _TABLE_PARTS:
                _untable(child, pdf)


def install() -> bool:
    """Amend WeasyPrint's tags from now on (where checked); True if installed."""
    if not fastdraw.supported():
        return False
    weasy_tags._build_box_tree = _build_box_tree
    weasy_pdf.add_tags = _add_tags
    weasy_draw.draw_stacking_context = _draw_stacking_context
    return True
