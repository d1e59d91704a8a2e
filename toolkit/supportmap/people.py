"""The support map: people and groups in rings around "Me" (pure Python, no widgets).

The map is the `people` answer of the `my-support-map` worksheet: a list of repeat rows,
each with a stable `_row` id that plans refer to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.strings import ui, ui_plural
from toolkit.worksheet.answers import ROW_ID, new_row_id

MAP_WORKSHEET, MAP_ITEM = "my-support-map", "people"
SAFETY_WORKSHEET, SAFETY_ITEM = "safe-relationships", "people"

RINGS = ("closest", "close", "wider", "professional")
RING_LABELS = {r: ui(f"ring_{r}", DEFAULT_LANGUAGE) for r in RINGS}
"""English ring names; `ring_label` gives them in any language."""
SUPPORT_LABELS = {"yes": "supports my recovery", "unsure": "not sure",
                  "no": "does not support my recovery"}
KIND_LABELS = {"family": "Family", "partner": "Partner", "friend": "Friend",
               "peer": "Peer in recovery", "sponsor": "Sponsor",
               "counselor": "Counselor or therapist", "group": "Support group", "other": "Other"}
PROFESSIONAL_KINDS = frozenset({"sponsor", "counselor", "group"})


def ring_label(ring: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A ring's name ("Closest", "Los más cercanos") in `lang`."""
    return ui(f"ring_{ring}", lang)


@dataclass(frozen=True)
class Entry:
    """One person or group on the map."""

    row: str
    name: str
    ring: str = "wider"
    kind: str | None = None
    supports: str | None = None  # yes / unsure / no
    in_recovery: str | None = None  # yes / no / dont_know
    phone: str | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Entry:
        ring = row.get("ring")
        return cls(row=str(row[ROW_ID]), name=str(row.get("name") or "").strip(),
                   ring=ring if ring in RINGS else "wider", kind=row.get("kind"),
                   supports=row.get("supports_recovery"), in_recovery=row.get("in_recovery"),
                   phone=row.get("phone"), note=row.get("note"))

    def to_row(self) -> dict[str, Any]:
        fields = {ROW_ID: self.row, "name": self.name or None, "ring": self.ring,
                  "kind": self.kind, "supports_recovery": self.supports,
                  "in_recovery": self.in_recovery, "phone": self.phone, "note": self.note}
        return {k: v for k, v in fields.items() if v is not None}

    @property
    def label(self) -> str:
        return self.name or "(no name yet)"


class SupportMap:
    """An ordered list of entries with the moves a client makes on the picture."""

    def __init__(self, entries: Iterable[Entry] = ()):
        self.entries: list[Entry] = list(entries)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]] | None) -> SupportMap:
        return cls(Entry.from_row(r) for r in rows or () if r.get(ROW_ID))

    def to_rows(self) -> list[dict[str, Any]]:
        return [e.to_row() for e in self.entries]

    def get(self, row: str) -> Entry:
        for e in self.entries:
            if e.row == row:
                return e
        raise KeyError(row)

    def __contains__(self, row: object) -> bool:
        return any(e.row == row for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def _put(self, entry: Entry) -> Entry:
        self.entries = [entry if e.row == entry.row else e for e in self.entries]
        return entry

    def add(self, name: str, ring: str = "wider", **fields: Any) -> Entry:
        if ring not in RINGS:
            raise ValueError(f"ring must be one of {', '.join(RINGS)}")
        entry = Entry(row=new_row_id(), name=name.strip(), ring=ring, **fields)
        self.entries.append(entry)
        return entry

    def update(self, row: str, **fields: Any) -> Entry:
        if "ring" in fields and fields["ring"] not in RINGS:
            raise ValueError(f"ring must be one of {', '.join(RINGS)}")
        return self._put(replace(self.get(row), **fields))

    def move(self, row: str, ring: str) -> Entry:
        return self.update(row, ring=ring)

    def rename(self, row: str, name: str) -> Entry:
        return self.update(row, name=name.strip())

    def closer(self, row: str) -> Entry:
        """One ring in (professionals and groups move to the wider circle)."""
        i = RINGS.index(self.get(row).ring)
        return self.move(row, RINGS[max(0, i - 1)])

    def further(self, row: str) -> Entry:
        i = RINGS.index(self.get(row).ring)
        return self.move(row, RINGS[min(len(RINGS) - 1, i + 1)])

    def remove(self, row: str) -> None:
        self.get(row)
        self.entries = [e for e in self.entries if e.row != row]

    def in_ring(self, ring: str) -> list[Entry]:
        return [e for e in self.entries if e.ring == ring]

    def counts(self) -> dict[str, dict[str, int]]:
        """{ring: {"yes"/"unsure"/"no"/"unknown": n}}: what a group view may show."""
        out = {r: {"yes": 0, "unsure": 0, "no": 0, "unknown": 0} for r in RINGS}
        for e in self.entries:
            out[e.ring][e.supports if e.supports in SUPPORT_LABELS else "unknown"] += 1
        return out

    def prompts(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        """Gentle, non-judgmental prompts drawn from the picture, in `lang`."""
        out = []
        for ring in RINGS:
            n = sum(1 for e in self.in_ring(ring) if e.supports == "yes")
            if ring != "professional":
                out.append(ui_plural("prompt_ring", n, lang, ring=ring_label(ring, lang)))
        if not self.in_ring("professional"):
            out.append(ui("prompt_no_professional", lang))
        if self.entries and not any(e.supports == "yes" for e in self.in_ring("closest")):
            out.append(ui("prompt_closer", lang))
        if not self.entries:
            out.append(ui("prompt_start", lang))
        return out


def safety_by_row(entries: Iterable[Entry],
                  safety_rows: Iterable[Mapping[str, Any]] | None) -> dict[str, str]:
    """Overall safety ratings from the safe-relationships worksheet, matched by name."""
    rated: dict[str, str] = {}
    for r in safety_rows or ():
        name, overall = str(r.get("name") or "").strip().casefold(), r.get("overall")
        if name and overall:
            rated[name] = str(overall)
    return {e.row: rated[e.name.casefold()] for e in entries if e.name.casefold() in rated}


def entry_dict(e: Entry) -> dict[str, Any]:
    return asdict(e)
