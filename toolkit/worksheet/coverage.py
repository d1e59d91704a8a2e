"""Translation coverage: how many of a worksheet's client-facing texts each language has, and
where each missing one is (file:line, item, what to add), read from the YAML alone so that a
translator can start a language the worksheet does not declare yet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.worksheet.checks import has_language, texts
from toolkit.worksheet.messages import msg
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.source import Problem, Source, read_yaml

_LANGUAGES = Worksheet.model_fields["languages"]
_LANGUAGE_LIST = TypeAdapter(_LANGUAGES.annotation)
_EXCERPT = 50
"""Enough of the default-language text to recognize it next to its line number."""


def is_language_code(code: str) -> bool:
    """True for a code a worksheet's `languages:` accepts (`fr`, `pt-BR`), known to the app
    or not: a new language starts in the YAML."""
    try:
        _LANGUAGE_LIST.validate_python([code])
    except ValidationError:
        return False
    return True


def declared_languages(data: Any) -> list[str]:
    """The languages a worksheet's data declares, or the format's default when it declares none
    it can use."""
    langs = data.get("languages") if isinstance(data, dict) else None
    if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs):
        return langs
    return list(_LANGUAGES.get_default(call_default_factory=True))


@dataclass(frozen=True)
class Coverage:
    """For one worksheet file: how many client-facing texts there are and how many each
    language has (the declared languages first, then the ones asked about)."""

    file: str
    total: int
    have: dict[str, int]
    declared: tuple[str, ...]

    def percent(self, lang: str) -> int:
        """Rounded down, so 100% always means every text is there."""
        return 100 * self.have[lang] // self.total if self.total else 100

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """`file: en 100% (47/47), fr 0% (0/47, not in `languages:` yet)`, said in `lang`."""
        parts = [msg("coverage_language" if code in self.declared else "coverage_new_language",
                     lang=code, percent=self.percent(code), have=n, total=self.total).say(lang)
                 for code, n in self.have.items()]
        return f"{self.file}: {', '.join(parts)}"

    def __str__(self) -> str:
        return self.say()


def coverage(source: Source, asked: Sequence[str] = ()) -> Coverage:
    """The coverage of the declared languages and of `asked` ones in a parsed worksheet."""
    declared = declared_languages(source.data)
    langs = list(dict.fromkeys([*declared, *asked]))
    found = [text for _, text in texts(source.data)]
    have = {lang: sum(has_language(text, lang, declared[0]) for text in found) for lang in langs}
    return Coverage(source.file, len(found), have, tuple(declared))


def _excerpt(text: Any, lang: str) -> str:
    words = " ".join(str(text.get(lang, "") if isinstance(text, dict) else text).split())
    return words if len(words) <= _EXCERPT else words[:_EXCERPT - 1].rstrip() + "…"


def still_to_translate(source: Source, lang: str) -> list[Problem]:
    """Every client-facing text without `lang`, at its line, with what to add and the text in
    the worksheet's first language to translate from."""
    declared = declared_languages(source.data)
    out = []
    for path, text in texts(source.data):
        first = declared[0]
        if has_language(text, lang, first):
            continue
        words = {"key": path[-1], "lang": lang, "first": first,
                 "excerpt": _excerpt(text, first)}
        out.append(source.problem(path, msg("coverage_add", add=f"`{lang}: ...`", **words)
                                  if isinstance(text, dict) else
                                  msg("coverage_write", example=f"{{{first}: ..., {lang}: ...}}",
                                      **words)))
    return out


def read_source(path: str | Path) -> Source | None:
    """A worksheet file's YAML with its lines, or None when it cannot be read at all (the
    loader already says why)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return read_yaml(text, str(path))[0]

