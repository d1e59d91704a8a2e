"""A new worksheet to start from: one short section in English and Spanish, checks clean."""

from __future__ import annotations

import re
from pathlib import Path

from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.strings import ui

TEMPLATE = """\
schema_version: 1
id: {id}
version: "1.0"
title: {{en: My new worksheet, es: Mi hoja de trabajo nueva}}
languages: [en, es]
intro:
  en: There are no right or wrong answers. Go at your own pace.
  es: No hay respuestas buenas ni malas. Vaya a su propio ritmo.
sections:
  - id: first
    title: {{en: A first question, es: Una primera pregunta}}
    items:
      - id: who_helps
        type: short_text
        text:
          en: Who helps you on a hard day?
          es: ¿Quién le ayuda en un día difícil?
"""

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")


class TemplateError(ValueError):
    """Why a new worksheet was not started, said in any of the app's languages."""

    def __init__(self, key: str, **fmt: str):
        self.key, self.fmt = key, fmt
        super().__init__(self.say(DEFAULT_LANGUAGE))

    def say(self, lang: str) -> str:
        """The reason in `lang`."""
        return ui(self.key, lang, **self.fmt)


def new_worksheet(folder: str | Path, worksheet_id: str) -> Path:
    """Write the template as `<folder>/<id>.yaml`; TemplateError (a ValueError) for a bad id
    or a file that is already there (nothing is overwritten)."""
    if not _ID.match(worksheet_id):
        raise TemplateError("studio_bad_id", id=worksheet_id)
    path = Path(folder) / f"{worksheet_id}.yaml"
    if path.exists():
        raise TemplateError("studio_exists", path=str(path))
    path.write_text(TEMPLATE.format(id=worksheet_id), encoding="utf-8")
    return path
