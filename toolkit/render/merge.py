"""PDFs put together into one (pikepdf, which is qpdf): the group packet's cover and each
participant's pages, which render in separate processes. Tagged PDFs stay tagged.

A page copy leaves a document's structure tree behind, so a merged packet would be untagged
and a screen reader could not read it in order. Here each part's tree comes along as a Part
of the packet's Document (with its own /Lang when it differs from the packet's), each page
gets its entry in the packet's parent tree, and the catalog says what a tagged PDF must:
marked, language, title shown as the window title, XMP metadata. qpdf copies and writes a
30-person packet's tens of thousands of structure elements in a fraction of a second, in
object streams (pypdf took several seconds and wrote a file twice the size).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name
from weasyprint.pdf.metadata import DocumentMetadata

from toolkit.render.tags import VARIANT


@dataclass
class _Part:
    source: pikepdf.Pdf  # kept open: qpdf reads its streams when the merged file is written
    tree: Any = None  # its Document element, copied into the merged PDF (None: untagged)
    entries: list[Any] = field(default_factory=list)  # each page's parent-tree entry, copied
    lang: str | None = None


def _numbers(tree: Any) -> Iterator[tuple[int, Any]]:
    """(key, value) of a number tree, Kids and all."""
    nums = tree.get("/Nums", Array())
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in tree.get("/Kids", Array()):
        yield from _numbers(kid)


class Merger:
    """Appends PDFs, and puts one first (the cover), keeping their tags when `tagged`."""

    def __init__(self, tagged: bool = True) -> None:
        self.pdf = pikepdf.new()
        self.tagged = tagged
        self.parts: list[_Part] = []
        self.cover: _Part | None = None

    def append(self, pdf: bytes) -> None:
        self.parts.append(self._copy(pdf, first=False))

    def put_first(self, pdf: bytes) -> None:
        """`pdf` before everything appended (once, last: the cover counts the others)."""
        self.cover = self._copy(pdf, first=True)

    def _copy(self, data: bytes, first: bool) -> _Part:
        source = pikepdf.open(io.BytesIO(data))
        part = _Part(source)
        if first:
            for i, page in enumerate(source.pages):
                self.pdf.pages.insert(i, page)
        else:
            self.pdf.pages.extend(source.pages)
        tree = source.Root.get("/StructTreeRoot")
        if not self.tagged or tree is None:
            return part
        document = tree.K[0] if isinstance(tree.K, Array) else tree.K
        del document["/P"]  # the source's root: its parent is set in finish()
        document.S = Name.Part
        # qpdf maps each /Pg to the page copied above (so pages go first), and copies
        # each object once.
        part.tree = self.pdf.copy_foreign(document)
        entries = dict(_numbers(tree.ParentTree))
        for page in source.pages:
            entry = entries.get(int(page.obj.get("/StructParents", -1)))
            part.entries.append(None if entry is None
                                else Array([self.pdf.copy_foreign(e) for e in entry]))
        part.lang = str(source.Root.get("/Lang", "")) or None
        return part

    def finish(self, title: str, lang: str) -> bytes:
        """The merged PDF, titled `title`, in `lang` (a part in another language says so)."""
        pdf = self.pdf
        parts = ([self.cover] if self.cover else []) + self.parts
        if self.tagged and all(p.tree is not None for p in parts):
            self._tree(parts, lang)
            pdf.Root.Lang = pikepdf.String(lang)
            pdf.Root.MarkInfo = Dictionary(Marked=True)
            pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
            pdf.Root.Metadata = pdf.make_stream(_xmp(title), Type=Name.Metadata,
                                                Subtype=Name.XML)
        pdf.docinfo["/Title"] = title
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()

    def _tree(self, parts: list[_Part], lang: str) -> None:
        pdf = self.pdf
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
        nums: list[Any] = []  # a pikepdf Array grows in quadratic time: built once, below
        pages = iter(pdf.pages)
        index = 0
        for part in parts:
            part.tree.P = document
            if part.lang and part.lang != lang:
                part.tree.Lang = pikepdf.String(part.lang)
            for entry, page in zip(part.entries, pages, strict=False):
                if entry is not None:
                    page.obj.StructParents = index
                    nums += [index, entry]
                index += 1
        document.K = Array([p.tree for p in parts])
        root.K = Array([document])
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = index
        pdf.Root.StructTreeRoot = root


def _xmp(title: str) -> bytes:
    """The XMP metadata WeasyPrint writes for the variant (title, PDF/UA part)."""
    version = int(VARIANT.rsplit("-", 1)[1])
    rdf = DocumentMetadata(title=title).generate_rdf_metadata("ua", version, None)
    return (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + rdf
            + b'</x:xmpmeta>\n<?xpacket end="r"?>')
