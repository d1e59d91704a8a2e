"""Reading a tagged PDF's structure tree back, as a screen reader walks it: each element's
type, the text of its own marked content, and what it says instead (/Alt, /ActualText)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader


@dataclass
class Node:
    kind: str  # the structure type without the slash: H1, P, Table, Figure...
    alt: str | None = None
    actual: str | None = None
    lang: str | None = None
    parts: list[str | Node] = field(default_factory=list)  # marked text and kids, in order

    @property
    def kids(self) -> list[Node]:
        return [p for p in self.parts if isinstance(p, Node)]

    @property
    def text(self) -> str:
        """This element's own marked content (not its kids'), whitespace squeezed."""
        return " ".join(" ".join(p for p in self.parts if isinstance(p, str)).split())

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def said(self) -> str:
        """What a screen reader says for this element and everything inside it, in order:
        /ActualText or a figure's /Alt instead of the content they stand for."""
        if self.actual is not None:
            return self.actual
        if self.kind == "Figure" and self.alt is not None:
            return self.alt
        return " ".join(p if isinstance(p, str) else p.said() for p in self.parts)


@dataclass
class Tagged:
    reader: PdfReader
    root: Node

    @property
    def catalog(self) -> Any:
        return self.reader.trailer["/Root"]

    def find(self, kind: str) -> list[Node]:
        return [n for n in self.root.walk() if n.kind == kind]

    def reading(self) -> str:
        """The whole document as read in structure order, whitespace squeezed."""
        return " ".join(self.root.said().split())


class _Marks:
    """Collects the text shown inside each marked-content sequence of one page."""

    def __init__(self, page: int, texts: dict[tuple[int, int], list[str]]):
        self.page, self.texts, self.stack = page, texts, []

    def operator(self, op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op == b"BDC":
            props = args[1] if len(args) > 1 else None
            self.stack.append(props.get("/MCID") if isinstance(props, dict) else None)
        elif op == b"BMC":
            self.stack.append(None)
        elif op == b"EMC" and self.stack:
            self.stack.pop()

    def text(self, t: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        mcid = next((m for m in reversed(self.stack) if m is not None), None)
        if mcid is not None and t:
            self.texts.setdefault((self.page, mcid), []).append(t)


def _marked_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    """{(page index, MCID): text} from each page's content stream."""
    texts: dict[tuple[int, int], list[str]] = {}
    for number, page in enumerate(reader.pages):
        marks = _Marks(number, texts)
        page.extract_text(visitor_operand_before=marks.operator, visitor_text=marks.text)
    return {key: "".join(parts) for key, parts in texts.items()}


def read(pdf: bytes) -> Tagged:
    """The structure tree of `pdf` (AssertionError if it has none)."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "the PDF is not tagged"
    pages = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    texts = _marked_texts(reader)

    def node(obj: Any, page: int | None) -> Node:
        element = obj.get_object()
        if "/Pg" in element:
            page = pages[element.raw_get("/Pg").idnum]
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        parts = [texts.get((page, k), "") if isinstance(k, int) else node(k, page)
                 for k in kids if isinstance(k, int) or "/S" in k.get_object()]
        return Node(str(element.get("/S", "/?"))[1:], element.get("/Alt"),
                    element.get("/ActualText"), element.get("/Lang"), parts)

    tree = catalog["/StructTreeRoot"]
    tops = tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]
    return Tagged(reader, Node("StructTreeRoot", parts=[node(k, None) for k in tops]))
