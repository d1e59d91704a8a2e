"""Pre/post change on the validated measures (MSPSS, BARC-10) over a workshop series.

Answers are append-only, so each participant's answers can be rebuilt as they stood at the
end of any meeting day. Scores come from toolkit.worksheet.scoring, so they match the
golden examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from toolkit.store.store import AnswerVersion, Participant, Store
from toolkit.text.formats import decimal
from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.markup import escape
from toolkit.text.strings import ui, ui_plural
from toolkit.worksheet.model import Score, Worksheet
from toolkit.worksheet.scoring import score_worksheet

MEASURES = ("mspss", "barc-10")
COLUMNS = ["participant", "measure", "score", "label", "first_date", "first", "first_lang",
           "latest_date", "latest", "latest_lang", "change", "not_validated"]
SUMMARY_COLUMNS = ["measure", "score", "label", "n", "not_validated", "mean_first", "mean_latest",
                   "mean_change", "scale_min", "scale_max"]


def day_of(timestamp: float) -> dt.date:
    """The local calendar day of a save (meetings are recorded as local days too)."""
    return dt.datetime.fromtimestamp(timestamp).date()


def answers_as_of(history: Mapping[str, Sequence[AnswerVersion]], day: dt.date,
                  ) -> dict[str, Any]:
    """Each item's value at the end of `day`: its last version saved on or before that day."""
    out: dict[str, Any] = {}
    for item, versions in history.items():
        value = None
        for v in versions:  # oldest first
            if day_of(v.saved_at) > day:
                break
            value = v.value
        if value is not None:  # a clear is saved as None
            out[item] = value
    return out


def languages_as_of(history: Mapping[str, Sequence[AnswerVersion]], day: dt.date,
                    items: Iterable[str]) -> list[str]:
    """The languages the answers to `items` were given in, as they stood at the end of `day`
    (one language unless the client switched part-way through)."""
    langs = set()
    for item in items:
        shown = [v for v in history.get(item, ()) if day_of(v.saved_at) <= day]
        if shown and shown[-1].value is not None:
            langs.add(shown[-1].lang)
    return sorted(langs)


def measure_items(ws: Worksheet) -> list[str]:
    """Every item any of the worksheet's scores uses, in order."""
    return list(dict.fromkeys(i for s in ws.scores for i in s.items))


def _points(meetings: Sequence[dt.date], save_days: Sequence[dt.date]) -> list[dt.date]:
    """The days to look at: each meeting, and the latest save day if after the last meeting."""
    if not meetings:  # meetings never recorded: every day with a save stands for one
        return sorted(save_days)
    points = set(meetings)
    if save_days and save_days[-1] > max(meetings):
        points.add(save_days[-1])
    return sorted(points)


def participant_change(store: Store, p: Participant, ws: Worksheet,
                       meetings: Sequence[dt.date]) -> list[dict[str, Any]]:
    """Rows (one per score) of first and latest scores; none when never complete.

    "First" is the first meeting day whose answers complete the measure. "Latest" is the
    latest complete state after it that holds an answer saved after the first day; without
    one the measure was taken once, and latest and change stay empty.
    """
    history = {i: store.history(p, ws.id, i) for i in measure_items(ws)}
    save_days = sorted({day_of(v.saved_at) for vs in history.values() for v in vs})
    scored = [(day, score_worksheet(ws, answers_as_of(history, day)))
              for day in _points(meetings, save_days)]
    complete = [(day, results) for day, results in scored
                if results and all(r.complete for r in results)]
    if not complete:
        return []
    first_day, first = complete[0]
    later = [(day, results) for day, results in complete
             if day > first_day and any(first_day < d <= day for d in save_days)]
    latest_day, latest = later[-1] if later else (None, None)
    rows = []
    for i, (score, a) in enumerate(zip(ws.scores, first, strict=True)):
        b = latest[i].value if latest else None
        first_langs = languages_as_of(history, first_day, score.items)
        latest_langs = (languages_as_of(history, latest_day, score.items)
                        if latest_day else [])
        rows.append({"participant": p.code, "measure": ws.id, "score": score.id,
                     "label": a.label, "first_date": first_day, "first": a.value,
                     "first_lang": "+".join(first_langs), "latest_date": latest_day,
                     "latest": b, "latest_lang": "+".join(latest_langs) or None,
                     "change": None if b is None else round(b - a.value, score.decimals),
                     # Taken in a translation nobody validated: not comparable with the
                     # published cut-offs or, as the same measure, with English scores.
                     "not_validated": not all(ws.validated_in(lang)
                                              for lang in first_langs + latest_langs)})
    return rows


def prepost_table(store: Store, session_id: str, worksheets: Mapping[str, Worksheet],
                  measures: Iterable[str] = MEASURES) -> pd.DataFrame:
    """First and latest scores and the change, per participant and score, with the language
    each was answered in and `not_validated` when either was an unvalidated translation.

    Participants who never completed a measure have no rows for it.
    """
    session = store.session(session_id)
    meetings = store.meetings(session_id)
    sheets = [worksheets[m] for m in measures if m in session.worksheets and m in worksheets]
    rows = [r for p in store.participants(session_id) for ws in sheets
            for r in participant_change(store, p, ws, meetings)]
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {"first": float, "latest": float, "change": float, "not_validated": bool})


def score_range(ws: Worksheet, score: Score) -> tuple[float, float]:
    """The lowest and highest value a score can take, from its items' numeric choices."""
    lows, highs = [], []
    for item_id in score.items:
        values = [float(c.value) for c in ws.choices_for(ws.item(item_id))
                  if isinstance(c.value, int | float)]
        lows.append(min(values, default=0.0))
        highs.append(max(values, default=0.0))
    if score.method == "sum":
        return sum(lows), sum(highs)
    return min(lows), max(highs)


def group_change(table: pd.DataFrame, worksheets: Mapping[str, Worksheet]) -> pd.DataFrame:
    """Per score: how many participants took it twice, their mean first, latest and change."""
    rows = []
    for (measure, score_id), part in table.groupby(["measure", "score"], sort=False):
        ws = worksheets[str(measure)]
        score = next(s for s in ws.scores if s.id == score_id)
        both = part.dropna(subset=["change"])
        low, high = score_range(ws, score)

        def mean(col: str, both: pd.DataFrame = both) -> float | None:
            return round(float(both[col].mean()), 2) if len(both) else None

        rows.append({"measure": measure, "score": score_id, "label": part["label"].iloc[0],
                     "n": len(both), "not_validated": int(both["not_validated"].sum()),
                     "mean_first": mean("first"),
                     "mean_latest": mean("latest"), "mean_change": mean("change"),
                     "scale_min": low, "scale_max": high})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype(
        {"n": int, "not_validated": int, "mean_first": float, "mean_latest": float,
         "mean_change": float})


# --- the chart ------------------------------------------------------------------------------

_W, _BAR_X, _BAR_W, _BAR_H, _ROW_H = 640, 70, 440, 14, 62


def chart_head(title: str, width: int, height: int) -> list[str]:
    """The opening of one of the reports' SVG charts: its size, its name for a screen reader
    and its visible title (escaped)."""
    return [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            'font-family="DejaVu Sans, sans-serif" font-size="12">',
            f"<title>{escape(title)}</title>",
            f'<text x="8" y="20" font-size="14" font-weight="bold">{escape(title)}</text>']


def prepost_svg(summary: pd.DataFrame, title: str | None = None,
                lang: str = DEFAULT_LANGUAGE) -> str:
    """The group summary as a small SVG bar chart in `lang`: first (outlined) and latest
    (filled) means, and how many of the scores were taken in a translation not validated.

    Each score is drawn on its own scale (MSPSS 1-7, BARC-10 10-60). The bars are told apart
    by fill and by the words beside them, never by colour alone; every label is escaped.
    """
    title = ui("dash_prepost_title", lang) if title is None else title
    rows = summary[summary["n"] > 0] if len(summary) else summary
    height = 36 + _ROW_H * max(1, len(rows)) + 20
    out = chart_head(title, _W, height)
    if not len(rows):
        out.append(f'<text x="8" y="52">{escape(ui("dash_prepost_none", lang))}</text>')
        out.append("</svg>")
        return "\n".join(out)
    y = 36
    for r in rows.itertuples(index=False):
        low, high = float(r.scale_min), float(r.scale_max)
        sign = "+" if r.mean_change > 0 else ""
        head = ui("dash_prepost_head", lang, measure=str(r.measure).upper(), label=r.label,
                  n=r.n, low=decimal(low, lang, 0), high=decimal(high, lang, 0),
                  change=sign + decimal(r.mean_change, lang))
        if unvalidated := int(getattr(r, "not_validated", 0)):  # a summary from before: none
            head += " " + ui_plural("dash_not_validated_count", unvalidated, lang)
        out.append(f'<text x="8" y="{y + 12}" font-weight="bold">{escape(head)}</text>')
        for k, (word, value, fill) in enumerate(
                ((ui("dash_prepost_first", lang), r.mean_first, "#fff"),
                 (ui("dash_prepost_latest", lang), r.mean_latest, "#333"))):
            top = y + 18 + k * (_BAR_H + 4)
            width = max(1.0, (float(value) - low) / ((high - low) or 1.0) * _BAR_W)
            out += [f'<text x="8" y="{top + 11}">{word}</text>',
                    f'<rect x="{_BAR_X}" y="{top}" width="{width:.1f}" height="{_BAR_H}" '
                    f'fill="{fill}" stroke="#000"/>',
                    f'<text x="{_BAR_X + width + 6:.1f}" y="{top + 11}">'
                    f"{decimal(float(value), lang)}</text>"]
        y += _ROW_H
    out.append(f'<text x="8" y="{y + 10}" font-size="10">'
               f'{escape(ui("dash_prepost_guide", lang))}</text>')
    out.append("</svg>")
    return "\n".join(out)
