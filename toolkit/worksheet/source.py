"""A worksheet's YAML text read into plain data with the line of every key, and the Problem
that names a file, line and item; YAML syntax mistakes come back with the line to write."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.worksheet.messages import Message, msg

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a worksheet file, with where it is and what to write instead."""

    file: str
    line: int
    what: Message
    """What is wrong and the fix, as a key and its parameters (said in a language on show)."""
    item: str | None = None

    @property
    def message(self) -> str:
        """What is wrong and the fix, in English."""
        return self.what.say()

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The whole line in `lang`: `file:line: item 'id': what is wrong; the fix`."""
        what = self.what.say(lang)
        if self.item:
            what = msg("check_at_item", item=self.item, problem=what).say(lang)
        return f"{self.file}:{self.line}: {what}"

    def __str__(self) -> str:
        return self.say()


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: only true/false are booleans, so `yes` stays text."""


# YAML 1.1 also reads `2024-13-01` as a timestamp (and fails on it); 1.2 keeps it as text.
_NOT_IMPLICIT = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _NOT_IMPLICIT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


_MAX_NODES = 200_000
"""Far above any real worksheet (a few thousand YAML nodes), far below an alias bomb."""


@dataclass(frozen=True)
class Source:
    """A worksheet file's data, with the line of every key and list entry in it."""

    file: str
    data: Any
    lines: dict[Path_, int]

    def line(self, path: Path_) -> int:
        """The line of `path`, or of the nearest enclosing key that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 1

    def item(self, path: Path_) -> str | None:
        """The id of the innermost item (or section, score) on `path`, for the message."""
        found = None
        node = self.data
        for key in path:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                found = node["id"]
        return found

    def problem(self, path: Path_, what: Message) -> Problem:
        """A problem at `path`: its line and the item it belongs to."""
        return Problem(self.file, self.line(path), what, self.item(path))


def read_yaml(text: str, file: str) -> tuple[Source | None, list[Problem]]:
    """Parse YAML text; no Source when it cannot be read, and duplicate keys as problems."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text, file)]
    except Exception as e:  # constructors of explicit tags (`!!int ""`) raise anything
        return None, [Problem(file, 1, msg("yaml_unreadable", kind=type(e).__name__))]
    lines: dict[Path_, int] = {(): 1}
    dupes: list[tuple[int, str, Path_]] = []
    visits = 0

    def walk(n: yaml.Node, path: Path_, depth: int = 0) -> None:
        nonlocal visits
        visits += 1
        if depth > 50 or visits > _MAX_NODES:
            return
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else str(k.start_mark)
                if key in seen:
                    dupes.append((k.start_mark.line + 1, key, path))
                seen.add(key)
                lines[(*path, key)] = k.start_mark.line + 1
                walk(v, (*path, key), depth + 1)
        elif isinstance(n, yaml.SequenceNode):
            for i, v in enumerate(n.value):
                lines[(*path, i)] = v.start_mark.line + 1
                walk(v, (*path, i), depth + 1)

    if node is not None:
        walk(node, ())
    if visits > _MAX_NODES:
        # Aliases (*name) can multiply a small file into billions of values; refuse early.
        return None, [Problem(file, 1, msg("yaml_aliases"))]
    source = Source(file, data, lines)
    return source, [Problem(file, line, msg("yaml_key_twice", key=key), source.item(path))
                    for line, key, path in dupes]


# --- YAML syntax: the quoting trap ---------------------------------------------------------

_KEY = r"[A-Za-z_][\w-]*"
_FLOW = re.compile(rf"^(?P<lead>\s*(?:-\s+)?(?:{_KEY}:\s+)?)\{{(?P<inner>.*?)\}}?\s*$")
_BLOCK = re.compile(rf"^(?P<lead>\s*(?:-\s+)?{_KEY}:\s+)(?P<value>[^\s\"'{{\[|>&*!].*?)\s*$")
_PAIR_SPLIT = re.compile(rf",\s*(?={_KEY}:\s)")
# Inside {...} a plain text ends at any of these; in a block, ': ' and ' #' end it.
_FLOW_TRAP = re.compile(r"[?:#,\[\]{}]")
_BLOCK_TRAP = re.compile(r": | #|:$")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quoted_line(line: str) -> str | None:
    """`line` with its texts in quotes, when that is what it needs to be valid YAML."""
    fixed = None
    if m := _FLOW.match(line):
        pairs, quoted = [], False
        for pair in _PAIR_SPLIT.split(m["inner"]):
            key, sep, value = pair.partition(": ")
            value = value.strip()
            if sep and value[:1] not in ('"', "'", "[", "{") and _FLOW_TRAP.search(value):
                value, quoted = _quote(value), True
            pairs.append(f"{key.strip()}: {value}" if sep else pair.strip())
        fixed = f"{m['lead']}{{{', '.join(pairs)}}}" if quoted else None
    elif (m := _BLOCK.match(line)) and _BLOCK_TRAP.search(m["value"]):
        fixed = m["lead"] + _quote(m["value"])
    if fixed is None:
        return None
    try:  # only offer a line that really reads as YAML on its own
        yaml.load(fixed.strip(), Loader=_Loader)
    except yaml.YAMLError:
        return None
    return fixed.strip()


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, file: str) -> Problem:
    lines = text.splitlines()
    # An unquoted '#' inside {...} hides the closing '}', so the reader only notices lines
    # later; the line that opened the '{' is then the one to fix.
    marks = [m for m in (e.context_mark, e.problem_mark) if m is not None]
    for mark in sorted(marks, key=lambda m: m is e.problem_mark):
        if mark.line < len(lines) and (fixed := _quoted_line(lines[mark.line])):
            return Problem(file, mark.line + 1, msg("yaml_quote_line", line=fixed))
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else 1
    return Problem(file, line, msg("yaml_syntax", what=_syntax_what(e.problem or "")))


_PYYAML = [
    # PyYAML's own words (English only) for the mistakes counselors make most, each said as
    # one of our messages; anything else in a general sentence.
    (re.compile(r"^mapping values are not allowed here$"), "yaml_colon"),
    (re.compile(r"^could not find expected ':'$"), "yaml_no_colon"),
    (re.compile(r"^found character '\\t' that cannot start any token$"), "yaml_tab"),
    (re.compile(r"^found unexpected end of stream$"), "yaml_end"),
    (re.compile(r"^did not find expected key$"), "yaml_no_key"),
    (re.compile(r"^did not find expected '-' indicator$"), "yaml_no_dash"),
    (re.compile(r"^expected <block end>, but found "), "yaml_block_end"),
    (re.compile(r"^expected ',' or '(?P<close>[]}])', but got "), "yaml_flow_end"),
    (re.compile(r"^found undefined alias '?(?P<alias>[^']*)'?$"), "yaml_alias"),
]


def _syntax_what(problem: str) -> Message:
    """PyYAML's description of a syntax mistake as one of our messages."""
    for pattern, key in _PYYAML:
        if m := pattern.match(problem):
            return msg(key, **m.groupdict())
    return msg("yaml_not_valid")
