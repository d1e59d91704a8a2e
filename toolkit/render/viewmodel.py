"""The print view's data: what the one worksheet template shows, built by view.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup


@dataclass
class Opt:
    label: str
    value: str
    picked: bool = False
    mark: str = ""


@dataclass
class PrintedItem:
    """One question (or note) as printed; which fields matter depends on `kind`."""

    kind: str  # note | write | choice | scale | ruler | number | date | person | repeat
    id: str
    text: str
    number: int | None = None
    help: Markup | None = None
    condition: str | None = None
    answered: bool = False
    value: str | None = None  # the answer as text, when answered
    lines: int = 1  # write-in lines when not answered
    width: int = 100  # percent width of a single write-in line
    long: bool = False
    options: list[Opt] = field(default_factory=list)
    multi: bool = False
    layout: str = "list"  # inline | list
    hint: str | None = None
    other: Opt | None = None
    other_text: str | None = None
    min_label: str | None = None
    max_label: str | None = None
    circles: str = ""  # scale and ruler circles, tab-separated
    numbers: str = ""  # ruler numbers under the circles
    cols: str = ""  # the size of a row of circles: marks.columns_class()
    unit: str | None = None
    rows: list[RowView] = field(default_factory=list)
    svg: Markup | None = None
    html: Markup | None = None
    table: bool = False  # filled repeat rows of short answers: one table row each

    @property
    def inline(self) -> str:
        """The options as one line of text, each held together, breaking only between."""
        return "\u2003 ".join(f"{o.mark} {o.label}".replace(" ", "\u00a0")
                               for o in self.options)


@dataclass
class RowView:
    title: str
    fields: list[PrintedItem]

    @property
    def long(self) -> bool:
        return any(f.long for f in self.fields)


@dataclass
class GridView:
    """Consecutive scale items sharing one choice set: labels once at the top of each page."""

    options: list[Opt]
    items: list[PrintedItem]
    head: str = ""  # the options' labels, centred on their columns (colhead.py)
    kind: str = "grid"

    @property
    def cols(self) -> str:
        return self.items[0].cols


@dataclass
class SectionView:
    title: str
    intro: Markup | None
    blocks: list[PrintedItem | GridView]


@dataclass
class ScoreView:
    label: str
    value: str | None
    band: str | None
    note: str | None
    method: str
    bands: list[tuple[str, str, str]]


@dataclass
class DocView:
    id: str
    title: str
    intro: Markup | None
    citation: str | None
    sections: list[SectionView]
    scores: list[ScoreView]
    filled: bool
    code: str | None = None
    saved: str | None = None
    score_note: str | None = None  # a band note every score shares, printed once
    not_validated: str | None = None  # a measure's translation notice, when it is one
