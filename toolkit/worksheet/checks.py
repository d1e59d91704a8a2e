"""Cross-reference checks a schema cannot express: ids, references, numeric scores, languages."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from toolkit.worksheet.answers import OTHER
from toolkit.worksheet.messages import Message, msg
from toolkit.worksheet.model import (
    All,
    Answered,
    Any_,
    ChoiceItem,
    Condition,
    Equals,
    In,
    ItemBase,
    Number,
    Repeat,
    Scale,
    SingleChoice,
    Worksheet,
    YesNoUnsure,
)

Path_ = tuple[str | int, ...]

TEXT_KEYS = frozenset(
    "text help title intro label placeholder min_label max_label add_label row_label unit note"
    .split()
)


def _conditions(cond: Condition) -> Iterator[Equals | In | Answered]:
    if isinstance(cond, All):
        for c in cond.all:
            yield from _conditions(c)
    elif isinstance(cond, Any_):
        for c in cond.any:
            yield from _conditions(c)
    else:
        yield cond


def _known_set(ws: Worksheet, item: ItemBase) -> bool:
    """False for a choice set name that is not defined (reported once, where it is used)."""
    choices = getattr(item, "choices", None)
    return not isinstance(choices, str) or choices in ws.choice_sets


def _numeric(ws: Worksheet, item: ItemBase) -> bool:
    if isinstance(item, Number):
        return True
    if not _known_set(ws, item):
        return True
    if isinstance(item, Scale | SingleChoice):
        values = [c.value for c in ws.choices_for(item)]
        return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    return False


def texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every client-facing text in a worksheet's YAML data (a TEXT_KEYS value), with its path:
    what a translation must cover and what translation coverage counts."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k in TEXT_KEYS and isinstance(v, str | dict) and not (k == "note" and v is None):
                yield (*path, k), v
            elif k != "choice_sets" or isinstance(v, dict):
                yield from texts(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from texts(v, (*path, i))


def has_language(text: Any, lang: str, default: str) -> bool:
    """Whether a text has `lang`; plain text is in the worksheet's first (default) language."""
    return lang in text if isinstance(text, dict) else lang == default


def missing_languages(text: Any, languages: list[str]) -> list[str]:
    """The languages of `languages` (the first is the default) that a text lacks."""
    return [lang for lang in languages if not has_language(text, lang, languages[0])]


def semantic_problems(ws: Worksheet, data: dict[str, Any],
                      translating: Collection[str] = ()) -> list[tuple[Path_, Message]]:
    """Every cross-reference problem, as (path in the YAML data, message with a fix).
    Texts in a language being `translating` are allowed before it is declared."""
    out: list[tuple[Path_, Message]] = []
    seen: dict[str, Path_] = {}
    earlier: dict[str, ItemBase] = {}
    section_ids: set[str] = set()

    for s, section in enumerate(ws.sections):
        spath: Path_ = ("sections", s)
        if section.id in section_ids:
            out.append(((*spath, "id"), msg("check_section_twice", id=section.id)))
        section_ids.add(section.id)
        for i, item in enumerate(section.items):
            ipath: Path_ = (*spath, "items", i)
            if item.id in seen:
                out.append(((*ipath, "id"), msg("check_item_twice", id=item.id,
                                                new=f"{item.id}_2")))
            seen[item.id] = ipath
            out += _choice_problems(ws, item, ipath)
            if isinstance(item, Repeat):
                field_ids: set[str] = set()
                if item.widget == "support_map":
                    have = {f.id for f in item.fields}
                    for needed in ("name", "ring"):
                        if needed not in have:
                            out.append(((*ipath, "widget"),
                                        msg("check_support_map_field", field=needed)))
                for f, fld in enumerate(item.fields):
                    fpath: Path_ = (*ipath, "fields", f)
                    if fld.id in field_ids:
                        out.append(((*fpath, "id"), msg("check_field_twice", id=fld.id)))
                    field_ids.add(fld.id)
                    out += _choice_problems(ws, fld, fpath)
                    if fld.show_if is not None:  # rows are shown whole; nothing evaluates it
                        out.append(((*fpath, "show_if"), msg("check_show_if_in_field")))
            if item.show_if is not None:
                out += _condition_problems(ws, item, earlier, (*ipath, "show_if"))
            if item.answerable:
                earlier[item.id] = item

    used = {fld.choices for it in ws.items() for fld in [it, *getattr(it, "fields", [])]
            if isinstance(getattr(fld, "choices", None), str)}
    for name in ws.choice_sets:
        if name not in used:
            out.append((("choice_sets", name), msg("check_set_unused", name=name)))

    score_ids: set[str] = set()
    for n, score in enumerate(ws.scores):
        spath = ("scores", n)
        if score.id in score_ids:
            out.append(((*spath, "id"), msg("check_score_twice", id=score.id)))
        score_ids.add(score.id)
        for k, ref in enumerate(score.items):
            target = earlier.get(ref)
            if target is None:
                out.append(((*spath, "items", k), _unknown(ref, earlier)))
            elif not _numeric(ws, target):
                out.append(((*spath, "items", k),
                            msg("check_not_numeric", ref=ref, method=score.method)))

    out += _validation_problems(ws)
    langs = ws.languages
    for path, text in texts(data):
        missing = missing_languages(text, langs)
        if isinstance(text, str):
            if missing:
                out.append((path, msg("check_plain_text", versions=f"{{{', '.join(langs)}}}",
                                      example=f"{{{langs[0]}: ..., {langs[1]}: ...}}")))
        else:
            extra = [k for k in text if k not in langs and k not in translating]
            if missing:
                out.append((path, msg("check_missing_translation", langs=", ".join(missing),
                                      add=", ".join(f"`{m}: ...`" for m in missing))))
            if extra:
                out.append((path, msg("check_text_language", langs=", ".join(map(str, extra)),
                                      declared=str(langs))))
    return out


def _validation_problems(ws: Worksheet) -> list[tuple[Path_, Message]]:
    """A measure's translation must say whether it is validated: never presented so silently."""
    out: list[tuple[Path_, Message]] = []
    if ws.validation and not ws.scores:
        out.append((("validation",), msg("check_validation_not_measure")))
        return out
    for lang in ws.validation:
        if lang not in ws.languages:
            out.append((("validation", lang), msg("check_validation_language", lang=lang,
                                                  declared=str(ws.languages))))
    if ws.scores:
        for lang in ws.languages[1:]:
            if lang not in ws.validation:
                example = f"{{{ws.languages[0]}: validated, {lang}: not_validated}}"
                out.append((("languages",), msg("check_validation_needed", lang=lang,
                                                example=example)))
    return out


def _unknown(ref: str, known: dict[str, ItemBase], show_if: bool = False) -> Message:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1)
    prefix = "check_show_if_" if show_if else "check_"
    if close:
        return msg(prefix + "no_item_close", ref=ref, close=close[0])
    return msg(prefix + "no_item", ref=ref)


def _choice_problems(ws: Worksheet, item: ItemBase, path: Path_) -> list[tuple[Path_, Message]]:
    out: list[tuple[Path_, Message]] = []
    choices = getattr(item, "choices", None)
    if isinstance(item, ChoiceItem | Scale) and isinstance(choices, str):
        if choices not in ws.choice_sets:
            known = ", ".join(sorted(ws.choice_sets))
            out.append(((*path, "choices"), msg("check_unknown_set", name=choices, known=known)
                        if known else msg("check_unknown_set_none", name=choices)))
            return out
    if isinstance(item, ChoiceItem | Scale):
        values = [c.value for c in ws.choices_for(item)]
        if len(values) != len(set(map(str, values))):
            out.append(((*path, "choices"), msg("check_value_twice")))
        if isinstance(item, ChoiceItem) and item.other and OTHER in map(str, values):
            out.append(((*path, OTHER), msg("check_other_twice")))
    return out


def _condition_problems(ws: Worksheet, item: ItemBase, earlier: dict[str, ItemBase],
                        path: Path_) -> list[tuple[Path_, Message]]:
    out: list[tuple[Path_, Message]] = []
    for cond in _conditions(item.show_if):  # type: ignore[arg-type]
        target = earlier.get(cond.item)
        if target is None:
            if cond.item != item.id and any(
                    it.id == cond.item and it.answerable for it in ws.items()):
                out.append((path, msg("check_show_if_later", ref=cond.item)))
            else:
                out.append((path, _unknown(cond.item, earlier, show_if=True)))
            continue
        wanted = [cond.equals] if isinstance(cond, Equals) else (
            cond.in_ if isinstance(cond, In) else [])
        if wanted and isinstance(target, ChoiceItem | Scale | YesNoUnsure) and _known_set(
                ws, target):
            values = {str(c.value) for c in ws.choices_for(target)}
            if isinstance(target, ChoiceItem) and target.other:
                values.add(OTHER)
            bad = [w for w in wanted if str(w) not in values]
            if bad:
                out.append((path, msg("check_show_if_not_a_choice", value=str(bad[0]),
                                      ref=cond.item, values=", ".join(sorted(values)))))
    return out
