"""The group view's data: counts and distributions only.

What a counselor may show the room: how far the group has got with each worksheet, and the
group's support maps added up ring by ring. Never a name, never typed text, never a code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from toolkit.store.store import Store
from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, RING_LABELS, RINGS, SupportMap
from toolkit.text.strings import tr
from toolkit.worksheet.conditions import worksheet_status
from toolkit.worksheet.model import Worksheet

STATUSES = ("not_started", "in_progress", "done")
SUPPORT = ("yes", "unsure", "no", "unknown")


@dataclass(frozen=True)
class GroupView:
    """Counts for one session: nothing in it can name or quote a participant."""

    participants: int
    statuses: pd.DataFrame
    """One row per worksheet: worksheet id, title, and a count per status."""
    support: pd.DataFrame
    """Rings (index) by support-for-recovery answer (columns), summed over every map."""
    maps: int
    """How many participants have at least one person or group on their map."""


def status_counts(latest: Sequence[Mapping[str, Mapping[str, Any]]],
                  worksheet_ids: Sequence[str], worksheets: Mapping[str, Worksheet],
                  ) -> pd.DataFrame:
    """Per worksheet, how many participants have not started, are in progress, or are done.

    `latest` is one `Store.latest()` mapping per participant.
    """
    rows = []
    for wid in worksheet_ids:
        counts = dict.fromkeys(STATUSES, 0)
        ws = worksheets.get(wid)
        for answers in latest:
            mine = answers.get(wid, {})
            if ws is None:  # a worksheet no longer in the folder: only "started or not"
                counts["in_progress" if mine else "not_started"] += 1
            else:
                counts[worksheet_status(ws, mine)] += 1
        rows.append({"worksheet": wid, "title": tr(ws.title) if ws else wid, **counts})
    return pd.DataFrame(rows, columns=["worksheet", "title", *STATUSES])


def support_counts(maps: list[SupportMap]) -> pd.DataFrame:
    """The support maps summed ring by ring (SupportMap.counts added up), with totals."""
    total = {ring: dict.fromkeys(SUPPORT, 0) for ring in RINGS}
    for m in maps:
        for ring, counts in m.counts().items():
            for key, n in counts.items():
                total[ring][key] += n
    frame = pd.DataFrame.from_dict(total, orient="index", columns=list(SUPPORT))
    frame.index.name = "ring"
    frame.insert(0, "ring_label", [RING_LABELS[r] for r in frame.index])
    frame["total"] = frame[list(SUPPORT)].sum(axis=1)
    return frame


def group_view(store: Store, session_id: str, worksheets: Mapping[str, Worksheet],
               ) -> GroupView:
    """Progress per worksheet and the summed support maps of one session."""
    session = store.session(session_id)
    latest = [store.latest(p) for p in store.participants(session_id)]
    maps = [SupportMap.from_rows(answers.get(MAP_WORKSHEET, {}).get(MAP_ITEM))
            for answers in latest]
    return GroupView(participants=len(latest),
                     statuses=status_counts(latest, list(session.worksheets), worksheets),
                     support=support_counts(maps), maps=sum(1 for m in maps if len(m)))
