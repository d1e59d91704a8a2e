"""Load worksheet YAML into the model; every problem names file, line, item and a fix."""

from __future__ import annotations

import difflib
import errno
import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from toolkit.worksheet.checks import TEXT_KEYS, semantic_problems
from toolkit.worksheet.messages import Message, Refusal, msg
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.source import Path_, Problem, Source, read_yaml


class WorksheetError(ValueError):
    """A worksheet file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _data_path(data: Any, loc: Iterable[str | int]) -> tuple[Path_, Any]:
    """Map a pydantic error location onto the data, dropping union tags that are not keys."""
    path: list[str | int] = []
    node = data
    for key in loc:
        key = "in" if key == "in_" else key
        if isinstance(node, dict) and key in node:
            node = node[key]
            path.append(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
            path.append(key)
    return tuple(path), node


_TYPE_HINTS = {
    "int_parsing": "load_whole_number",
    "int_type": "load_whole_number",
    "int_from_float": "load_whole_number",
    "float_parsing": "load_number",
    "float_type": "load_number",
    "bool_parsing": "load_true_false",
    "bool_type": "load_true_false",
    "list_type": "load_list",
    "finite_number": "load_whole_number",  # `.nan` or `.inf` where a whole number goes
}

_LIMITS = {"greater_than_equal": ("load_at_least", "ge"), "less_than_equal": ("load_at_most", "le"),
           "greater_than": ("load_more_than", "gt"), "less_than": ("load_less_than", "lt"),
           "string_too_long": ("load_too_long_text", "max_length"),
           "too_long": ("load_too_many", "max_length")}
"""A bound broken, with the key of pydantic's context that holds the bound."""

_MAPPING_TYPES = ("dict_type", "model_type", "model_attributes_type")


def _friendly(err: dict[str, Any], data: Any, path: Path_) -> Message:
    """One of our messages for a pydantic error (pydantic's own English never reaches a screen:
    a type not mapped here gets a general sentence naming where it is)."""
    kind = err["type"]
    loc = [k for k in err["loc"] if isinstance(k, str)]
    field = str(err["loc"][-1]) if err["loc"] else "worksheet"
    key = next((k for k in reversed(path) if isinstance(k, str)), field)
    ctx = err.get("ctx") or {}
    if "show_if" in loc:
        return msg("load_show_if")
    if kind == "extra_forbidden":
        if " " in field:  # `{label: at work, at home}`: the comma ended the text early
            return msg("load_unknown_key_text", key=field)
        parent, _ = _data_path(data, err["loc"][:-1])
        return _suggest(field, data, parent)
    if kind == "missing":
        return msg("load_missing", key=field)
    if kind in ("string_type", "dict_type") and TEXT_KEYS.intersection(path[-2:]):
        _, value = _data_path(data, err["loc"])
        if value is None:
            return msg("load_text_empty", key=key)
        if not isinstance(value, list | dict):
            # Not echoing the value: YAML 1.1 already turned `7:30` into 450.
            return msg("load_text_quotes", key=key, example=f'{key}: "..."')
        return msg("load_text_languages", example="{en: ..., es: ...}")
    if key == "choices" and kind in ("string_type", "list_type"):
        return msg("load_choices", example="{value: ..., label: ...}")
    if kind in _TYPE_HINTS:
        return msg(_TYPE_HINTS[kind], key=key)
    if kind == "too_short":
        return msg("load_too_short", key=key)
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        from toolkit.worksheet.model import ITEM_TYPES

        return msg("load_item_type", types=", ".join(ITEM_TYPES))
    if kind in ("string_type", "dict_type") and field in ("str", "dict[str,str]"):
        return msg("load_text_languages", example="{en: ..., es: ...}")
    if kind == "string_pattern_mismatch":
        if field == "version" or "version" in loc[-1:]:
            return msg("load_version")
        if "languages" in loc:
            return msg("load_language_code")
        return msg("load_id")
    if kind == "literal_error" and loc[-1:] == ["schema_version"]:
        return msg("load_schema_version")
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return msg("load_one_of", key=key, values=", ".join(expected))
    if kind in _LIMITS and _LIMITS[kind][1] in ctx:
        name, bound = _LIMITS[kind]
        return msg(name, key=key, limit=ctx[bound])
    if kind == "string_type":
        return msg("load_text", key=key)
    if kind in _MAPPING_TYPES:
        return msg("load_mapping", key=key)
    if kind == "value_error" and isinstance(ctx.get("error"), Refusal):
        return ctx["error"].message
    where = ".".join(str(k) for k in path) or key
    return msg("load_not_allowed", path=where, kind=kind)


def _suggest(field: str, data: Any, parent: Path_) -> Message:
    node = data
    for key in parent:
        node = node[key]
    from toolkit.worksheet import model

    known: set[str] = set()
    typ = node.get("type") if isinstance(node, dict) else None
    typ = typ if isinstance(typ, str) else None  # `type: []` must not break the hint
    by_type = {
        "note": model.Note, "short_text": model.ShortText, "long_text": model.LongText,
        "single_choice": model.SingleChoice, "multi_choice": model.MultiChoice,
        "scale": model.Scale, "yes_no_unsure": model.YesNoUnsure, "number": model.Number,
        "date": model.Date, "person": model.Person, "repeat": model.Repeat,
    }
    if typ in by_type:
        known = set(by_type[typ].model_fields)
    elif parent[-1:] == ("ruler",):
        known = set(model.Ruler.model_fields)
    elif parent[-2:-1] == ("choices",) or (len(parent) == 3 and parent[0] == "choice_sets"):
        known = set(model.Choice.model_fields)
    elif parent == ():
        known = set(model.Worksheet.model_fields)
    elif len(parent) == 2 and parent[0] == "sections":
        known = set(model.Section.model_fields)
    elif parent[:1] == ("scores",):
        known = set(model.Score.model_fields) | set(model.Band.model_fields)
    close = difflib.get_close_matches(field, sorted(known), n=1)
    if close:
        return msg("load_unknown_key_close", key=field, close=close[0])
    if known:
        return msg("load_unknown_key_allowed", key=field, keys=", ".join(sorted(known)))
    return msg("load_unknown_key", key=field)


def _validation_problems(exc: ValidationError, source: Source) -> list[Problem]:
    data = source.data
    found: list[tuple[dict[str, Any], Path_]] = []
    for err in exc.errors():
        path, _ = _data_path(data, err["loc"])
        if err["type"] == "extra_forbidden":
            path = (*_data_path(data, err["loc"][:-1])[0], err["loc"][-1])
        elif err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path = (*path, "type")  # point at the `type:` line, not the item's first line
        found.append((err, path))
    # On one line, `unknown key 'lable'; did you mean `label:`?` says more than `label` missing.
    found.sort(key=lambda f: f[0]["type"] != "extra_forbidden")
    problems: dict[tuple[int, str | None], Problem] = {}
    for err, path in found:
        # For `str | list[...]` each union member reports; when one got deeper into the value,
        # the others' "should be a valid string" is noise next to the real mistake.
        if err["type"].endswith("_type") and any(
                len(other) > len(path) and other[:len(path)] == path for _, other in found):
            continue
        problem = source.problem(path, _friendly(err, data, path))
        key = (problem.line, problem.item)
        if key not in problems:  # a union reports one mistake once per member; say it once
            problems[key] = problem
    return sorted(problems.values(), key=lambda p: p.line)


def parse_worksheet(text: str, file: str = "<worksheet>",
                    translating: Collection[str] = ()) -> Worksheet:
    """Validate YAML text as a worksheet, raising WorksheetError with every problem found;
    texts in the `translating` languages pass before the worksheet declares them."""
    source, problems = read_yaml(text, file)
    if source is None:
        raise WorksheetError(problems)
    data = source.data
    if not isinstance(data, dict):
        raise WorksheetError([Problem(file, 1, msg("load_not_a_mapping"))])
    try:
        ws = Worksheet.model_validate(data)
    except ValidationError as exc:
        raise WorksheetError(problems + _validation_problems(exc, source)) from None
    except (RecursionError, TypeError, ValueError) as exc:  # deeply nested or odd keys
        raise WorksheetError([Problem(file, 1, msg("load_unreadable",
                                                   kind=type(exc).__name__))]) from None
    found = semantic_problems(ws, data, translating)
    problems += [source.problem(path, msg) for path, msg in found]
    if problems:
        raise WorksheetError(sorted(problems, key=lambda p: p.line))
    return ws


def _read_error(e: OSError) -> Message:
    """Why a file cannot be read, in our words (the system's own are in its language)."""
    if isinstance(e, PermissionError):
        return msg("load_no_permission")
    if isinstance(e, IsADirectoryError):
        return msg("load_is_folder")
    return msg("load_cannot_read", reason=errno.errorcode.get(e.errno or 0, type(e).__name__))


def load_worksheet(path: str | Path, translating: Collection[str] = ()) -> Worksheet:
    """Read and validate one worksheet file; its name must be `<id>.yaml` (`translating`: as
    for parse_worksheet)."""
    path = Path(path)
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorksheetError([Problem(file, 1, msg("load_no_file"))]) from None
    except UnicodeDecodeError:
        raise WorksheetError([Problem(file, 1, msg("load_not_utf8"))]) from None
    except OSError as e:
        raise WorksheetError([Problem(file, 1, _read_error(e))]) from None
    ws = parse_worksheet(text, file, translating)
    if path.suffix in (".yaml", ".yml") and path.stem != ws.id:
        raise WorksheetError([Problem(file, 1, msg("load_id_file_name", id=ws.id))])
    return ws


def worksheet_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders to the worksheet files in them, in name order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml"))
        else:
            yield p


def load_folder(folder: str | Path) -> dict[str, Worksheet]:
    """Every worksheet in a folder by id; raises WorksheetError listing all problems."""
    found: dict[str, Worksheet] = {}
    problems: list[Problem] = []
    for f in worksheet_files([folder]):
        try:
            ws = load_worksheet(f)
        except WorksheetError as e:
            problems += e.problems
            continue
        found[ws.id] = ws
    if problems:
        raise WorksheetError(problems)
    return found
