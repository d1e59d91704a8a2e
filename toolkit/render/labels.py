"""The printed worksheets' own words (headers, hints, conditions, cover), in English and Spanish."""

from __future__ import annotations

PRINT: dict[str, dict[str, str]] = {
    "en": {
        "name_or_code": "Name or code", "date": "Date", "code": "Code",
        "answers_saved": "Answers last saved", "no_answers": "No answers saved yet",
        "notice_first_page": "The full notice is on the first page of this worksheet.",
        "page": "Page", "of": "of",
        "pick_one": "Pick one.", "pick_all": "Pick all that fit.",
        "pick_up_to": "Pick up to {n}.", "other_please_say": "Other, please say:",
        "person_hint": "a person or group from your support map",
        "not_on_map": "(no longer on the support map)",
        "date_hint": "month / day / year", "answer": "Answer",
        "map_hint": "Write names in the circles: the people closest to you nearest the middle.",
        "row": "Row", "scores_blank": "Scoring (for the counselor)",
        "mean": "Average of questions {items}", "sum": "Sum of questions {items}",
        "score_guide": "Guide", "source": "Source",
        "if_answered": "If you answered “{q}” above",
        "if_not_answered": "If you left “{q}” blank above",
        "if_equals": "If you answered {values} to “{q}” above",
        "if_other_than": "If you picked anything other than {values} for “{q}” above",
        "range_to_under": "{low} to under {high}", "range_and_up": "{low} and up",
        "cover_title": "Group packet", "cover_session": "Group",
        "cover_printed": "Printed", "cover_worksheets": "Worksheets in this packet",
        "cover_code": "Join code", "cover_pages": "Pages", "cover_starts": "First page",
        "cover_note": "Each participant's worksheets start on a new page. This cover lists "
        "join codes only, never names. Keep this packet private.",
    },
    "es": {
        "name_or_code": "Nombre o código", "date": "Fecha", "code": "Código",
        "answers_saved": "Respuestas guardadas por última vez",
        "no_answers": "Aún no hay respuestas guardadas",
        "notice_first_page": "El aviso completo está en la primera página de esta hoja.",
        "page": "Página", "of": "de",
        "pick_one": "Elija una.", "pick_all": "Marque todas las que correspondan.",
        "pick_up_to": "Elija hasta {n}.", "other_please_say": "Otro, por favor diga:",
        "person_hint": "una persona o grupo de su mapa de apoyo",
        "not_on_map": "(ya no está en el mapa de apoyo)",
        "date_hint": "día / mes / año", "answer": "Respuesta",
        "map_hint": "Escriba nombres en los círculos: las personas más cercanas, "
        "más cerca del centro.",
        "row": "Fila", "scores_blank": "Puntuación (para el consejero)",
        "mean": "Promedio de las preguntas {items}", "sum": "Suma de las preguntas {items}",
        "score_guide": "Guía", "source": "Fuente",
        "if_answered": "Si respondió “{q}” arriba",
        "if_not_answered": "Si dejó “{q}” en blanco arriba",
        "if_equals": "Si respondió {values} a “{q}” arriba",
        "if_other_than": "Si eligió algo distinto de {values} en “{q}” arriba",
        "range_to_under": "{low} a menos de {high}", "range_and_up": "{low} o más",
        "cover_title": "Paquete del grupo", "cover_session": "Grupo",
        "cover_printed": "Impreso", "cover_worksheets": "Hojas en este paquete",
        "cover_code": "Código", "cover_pages": "Páginas", "cover_starts": "Primera página",
        "cover_note": "Las hojas de cada participante empiezan en una página nueva. Esta "
        "portada solo muestra códigos, nunca nombres. Guarde este paquete en privado.",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The print words for `lang` (English for a language we have no words for)."""
    return PRINT.get(lang, PRINT["en"])
