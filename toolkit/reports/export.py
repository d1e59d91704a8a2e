"""A session's answers as pandas tables (tidy long, wide, data dictionary), to CSV and Excel.

Sensitive fields (names and phone numbers of other people, people picked from the support
map, and "other" text of sensitive items) are left out unless asked for, as REDCap does
with its identifier flag. Client text is hostile in a spreadsheet: any cell that could start
a formula is written with a leading quote.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from toolkit.store.files import open_private
from toolkit.store.store import Participant, Store
from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, SupportMap
from toolkit.text.strings import tr
from toolkit.worksheet.answers import OTHER_SUFFIX, other_key
from toolkit.worksheet.model import (
    ChoiceItem,
    ItemBase,
    Person,
    Repeat,
    Scale,
    Worksheet,
    YesNoUnsure,
)

LIST_SEP = "; "
LONG_COLUMNS = ["participant", "worksheet", "worksheet_version", "lang", "item", "label",
                "type", "value", "sensitive", "saved_at"]
DICTIONARY_COLUMNS = ["worksheet", "item", "label", "type", "choices", "sensitive", "languages"]
FILES = ("long.csv", "wide.csv", "dictionary.csv", "workshop-export.xlsx")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Tables:
    """The three tables of one export."""

    long: pd.DataFrame
    wide: pd.DataFrame
    dictionary: pd.DataFrame


# --- the data dictionary ------------------------------------------------------------------


def _flat(text: Any) -> str:
    return " ".join(tr(text).split())


def choices_text(ws: Worksheet, item: ItemBase) -> str:
    """Choice codes and labels as '1=Very Strongly Disagree; 2=...'; empty for free answers."""
    if isinstance(item, Scale) and item.ruler is not None:
        r = item.ruler
        ends = [f"{r.min}={_flat(r.min_label)}" if r.min_label else "",
                f"{r.max}={_flat(r.max_label)}" if r.max_label else ""]
        return LIST_SEP.join([f"{r.min}-{r.max}", *filter(None, ends)])
    if not isinstance(item, ChoiceItem | Scale | YesNoUnsure):
        return ""
    parts = [f"{c.value}={_flat(c.label)}" for c in ws.choices_for(item)]
    if isinstance(item, ChoiceItem) and item.other:
        parts.append("other=Other, please say")
    return LIST_SEP.join(parts)


def languages_text(ws: Worksheet) -> str:
    """The worksheet's languages, a measure's unvalidated translations marked: 'en; es (not
    validated)', so nobody reads a translated score against the published cut-offs."""
    return LIST_SEP.join(lang if ws.validated_in(lang) else f"{lang} (not validated)"
                         for lang in ws.languages)


def _entry(ws: Worksheet, key: str, label: str, item: ItemBase, sensitive: bool,
           ) -> dict[str, Any]:
    return {"worksheet": ws.id, "item": key, "label": label, "type": item.type,  # type: ignore[attr-defined]
            "choices": choices_text(ws, item), "sensitive": sensitive,
            "languages": languages_text(ws)}


def _other_entry(ws: Worksheet, key: str, label: str, sensitive: bool) -> dict[str, Any]:
    return {"worksheet": ws.id, "item": other_key(key),
            "label": f"{label} (other, please say)", "type": "other_text", "choices": "",
            "sensitive": sensitive, "languages": languages_text(ws)}


def _is_sensitive(item: ItemBase, parent: ItemBase | None = None) -> bool:
    return item.sensitive or isinstance(item, Person) or bool(parent and parent.sensitive)


def dictionary_entries(ws: Worksheet) -> list[dict[str, Any]]:
    """One entry per exported column of a worksheet; repeat fields as `people[n].name`."""
    out = []
    for item in ws.answerable():
        label = _flat(item.text)
        if isinstance(item, Repeat):
            for f in item.fields:
                key, flabel = f"{item.id}[n].{f.id}", f"{label} n: {_flat(f.text)}"
                out.append(_entry(ws, key, flabel, f, _is_sensitive(f, item)))
                if isinstance(f, ChoiceItem) and f.other:
                    out.append(_other_entry(ws, key, flabel, _is_sensitive(f, item)))
            continue
        out.append(_entry(ws, item.id, label, item, _is_sensitive(item)))
        if isinstance(item, ChoiceItem) and item.other:
            out.append(_other_entry(ws, item.id, label, _is_sensitive(item)))
    return out


def data_dictionary(worksheets: Iterable[Worksheet]) -> pd.DataFrame:
    """Every question of these worksheets: id, label, type, choice codes, sensitive flag, and
    the worksheet's languages (a measure's unvalidated translations marked).

    Sensitive questions are listed too (the dictionary holds no answers); the flag says
    which columns an export leaves out unless sensitive fields are included.
    """
    rows = [e for ws in worksheets for e in dictionary_entries(ws)]
    return pd.DataFrame(rows, columns=DICTIONARY_COLUMNS)


# --- answers as rows ------------------------------------------------------------------------


def as_text(value: Any) -> str:
    """One answer as text: lists joined with '; ', numbers as written, None as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEP.join(as_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def iso_time(timestamp: float) -> str:
    """A save time as an ISO 8601 datetime with the local UTC offset."""
    return dt.datetime.fromtimestamp(timestamp).astimezone().isoformat(timespec="seconds")


def _cells(ws: Worksheet | None, answers: Mapping[str, Any], names: SupportMap | None,
           ) -> list[tuple[tuple[int, ...], str, str, str, str, bool, str]]:
    """(order, item key, label, type, text, sensitive, stored item id) per answer."""
    out = []
    items = {it.id: (n, it) for n, it in enumerate(ws.answerable())} if ws else {}
    for key, value in answers.items():
        if key.startswith("_"):  # app state such as the "I'm done" marker, not an answer
            continue
        base = key.removesuffix(OTHER_SUFFIX)
        if key in items:
            n, item = items[key]
            if isinstance(item, Repeat):
                out += _row_cells(n, item, value)
                continue
            text = as_text(value)
            if isinstance(item, Person) and names is not None and value in names:
                text = names.get(value).label
            out.append(((n, 0), key, _flat(item.text), item.type, text,  # type: ignore[attr-defined]
                        _is_sensitive(item), key))
        elif key != base and base in items and isinstance(items[base][1], ChoiceItem):
            n, item = items[base]
            out.append(((n, 1), key, f"{_flat(item.text)} (other, please say)", "other_text",
                        as_text(value), _is_sensitive(item), key))
        else:  # no longer in the worksheet: what it held is unknown, so treat it as sensitive
            out.append(((len(items), 0), key, "", _UNKNOWN, as_text(value), True, key))
    return out


def _row_cells(n: int, item: Repeat, rows: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    fields = {f.id: (k, f) for k, f in enumerate(item.fields)}
    label = _flat(item.text)
    for r, row in enumerate(rows if isinstance(rows, list) else [], start=1):
        for fid, value in (row.items() if isinstance(row, dict) else ()):
            base = fid.removesuffix(OTHER_SUFFIX)
            key = f"{item.id}[{r}].{fid}"
            if fid in fields:
                k, f = fields[fid]
                out.append(((n, r, k, 0), key, f"{label} {r}: {_flat(f.text)}", f.type,
                            as_text(value), _is_sensitive(f, item), item.id))
            elif fid != base and base in fields:
                k, f = fields[base]
                out.append(((n, r, k, 1), key,
                            f"{label} {r}: {_flat(f.text)} (other, please say)", "other_text",
                            as_text(value), _is_sensitive(f, item), item.id))
            elif not fid.startswith("_"):  # `_row` is the stable row id, not an answer
                out.append(((n, r, len(fields), 0), key, "", _UNKNOWN, as_text(value), True,
                            item.id))
    return out


def _participant_rows(store: Store, p: Participant, worksheet_order: list[str],
                      worksheets: Mapping[str, Worksheet], include_sensitive: bool,
                      ) -> list[dict[str, Any]]:
    latest = store.latest(p)
    names = None
    if include_sensitive:  # a person answer is a map row id; show who it is
        names = SupportMap.from_rows(latest.get(MAP_WORKSHEET, {}).get(MAP_ITEM))
    order = worksheet_order + sorted(set(latest) - set(worksheet_order))
    rows = []
    for w, wid in enumerate(order):
        answers = latest.get(wid)
        if not answers:
            continue
        last: dict[str, Any] = {}  # stored item id -> its newest version
        for sort, key, label, typ, text, sensitive, stored in sorted(
                _cells(worksheets.get(wid), answers, names)):
            if sensitive and not include_sensitive:
                continue
            if stored not in last:
                last[stored] = store.history(p, wid, stored)[-1]
            version = last[stored]
            rows.append({"participant": p.code, "worksheet": wid,
                         "worksheet_version": version.worksheet_version,
                         "lang": version.lang, "item": key,
                         "label": label, "type": typ, "value": text, "sensitive": sensitive,
                         "saved_at": iso_time(version.saved_at), "_order": (w, *sort)})
    return rows


def _long_frame(store: Store, session_id: str, worksheets: Mapping[str, Worksheet],
                include_sensitive: bool) -> pd.DataFrame:
    session = store.session(session_id)
    rows = [r for p in store.participants(session_id)
            for r in _participant_rows(store, p, list(session.worksheets), worksheets,
                                       include_sensitive)]
    frame = pd.DataFrame(rows, columns=[*LONG_COLUMNS, "_order"])
    return frame.astype({"sensitive": bool})


def long_table(store: Store, session_id: str, worksheets: Mapping[str, Worksheet], *,
               include_sensitive: bool = False) -> pd.DataFrame:
    """One row per answer: the latest value per participant, worksheet and item."""
    return _long_frame(store, session_id, worksheets, include_sensitive).drop(columns="_order")


def _wide(long: pd.DataFrame) -> pd.DataFrame:
    first: dict[str, tuple[Any, ...]] = {}
    for item, order in zip(long["item"], long["_order"], strict=True):
        first[item] = min(first.get(item, order), order)
    columns = sorted(first, key=first.__getitem__)
    pairs = list(dict.fromkeys(zip(long["participant"], long["worksheet"], strict=True)))
    index = pd.MultiIndex.from_tuples(pairs, names=["participant", "worksheet"])
    wide = (long.pivot(index=["participant", "worksheet"], columns="item", values="value")
            .reindex(index=index, columns=columns).reset_index())
    wide.columns.name = None
    return wide


def wide_table(store: Store, session_id: str, worksheets: Mapping[str, Worksheet], *,
               include_sensitive: bool = False) -> pd.DataFrame:
    """One row per participant and worksheet answered, one column per item."""
    return _wide(_long_frame(store, session_id, worksheets, include_sensitive))


def export_tables(store: Store, session_id: str, worksheets: Mapping[str, Worksheet], *,
                  include_sensitive: bool = False) -> Tables:
    """The long and wide tables and the data dictionary of one session."""
    long = _long_frame(store, session_id, worksheets, include_sensitive)
    session = store.session(session_id)
    sheets = [worksheets[w] for w in session.worksheets if w in worksheets]
    return Tables(long.drop(columns="_order"), _wide(long), data_dictionary(sheets))


# --- writing --------------------------------------------------------------------------------


def neutralise(value: Any) -> Any:
    """Text a spreadsheet could run as a formula, made inert with a leading quote."""
    if (isinstance(value, str) and value.startswith(_FORMULA_START)
            and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def safe_for_spreadsheet(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and header) neutralised."""
    out = frame.map(neutralise)
    out.columns = [neutralise(c) for c in frame.columns]
    return out


EXCEL_CELL_LIMIT = 32_767
EXCEL_CUT = " [cut: the full text is in long.csv]"


def _excel_text(value: Any) -> Any:
    # Control characters make openpyxl refuse the whole workbook; typed text may hold them.
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > EXCEL_CELL_LIMIT:  # Excel's own limit: say so rather than cut silently
        value = value[:EXCEL_CELL_LIMIT - len(EXCEL_CUT)] + EXCEL_CUT
    return value


def write_tables(tables: Tables, folder: str | Path) -> list[Path]:
    """long.csv, wide.csv, dictionary.csv and workshop-export.xlsx (three sheets)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    frames = {"long": tables.long, "wide": tables.wide, "dictionary": tables.dictionary}
    safe = {name: safe_for_spreadsheet(f) for name, f in frames.items()}
    written = []
    for name, frame in safe.items():
        path = folder / f"{name}.csv"
        with open_private(path) as fh:
            # utf-8-sig: Excel opens Spanish accents correctly only with the byte-order mark
            fh.write(frame.to_csv(index=False).encode("utf-8-sig"))
        written.append(path)
    path = folder / "workshop-export.xlsx"
    with open_private(path) as fh, pd.ExcelWriter(fh, engine="openpyxl") as xl:
        for name, frame in safe.items():
            frame.map(_excel_text).to_excel(xl, sheet_name=name, index=False)
            xl.sheets[name].freeze_panes = "A2"
    written.append(path)
    return written


def export_session(store: Store, session_id: str, worksheets: Mapping[str, Worksheet],
                   folder: str | Path, *, include_sensitive: bool = False) -> list[Path]:
    """Write a session's export into `folder`; returns the files written.

    The files are recorded in the store with the participants they hold, so that
    `workshop forget` and `workshop purge` can delete them later.
    """
    tables = export_tables(store, session_id, worksheets, include_sensitive=include_sensitive)
    held = set(tables.long["participant"])
    # Recorded before writing: a file that exists must be one `forget` knows about.
    store.record_export([Path(folder) / name for name in FILES], session_id,
                        [p.id for p in store.participants(session_id) if p.code in held])
    return write_tables(tables, folder)
