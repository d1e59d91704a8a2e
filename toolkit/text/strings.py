"""Per-language text: worksheet strings that may be plain or a {lang: text} map, and UI strings."""

from __future__ import annotations

from toolkit.text.languages import DEFAULT_LANGUAGE

Text = str | dict[str, str]
"""A user-facing string: plain (the worksheet's first language) or one entry per language."""


def tr(text: Text | None, lang: str = DEFAULT_LANGUAGE, fallback: str = DEFAULT_LANGUAGE) -> str:
    """Resolve a worksheet string for `lang`, falling back to `fallback`, then to any entry."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for key in (lang, fallback):
        if key in text:
            return text[key]
    return next(iter(text.values()), "")


# Strings the app itself shows. Every entry has English and Spanish: many clients are
# Spanish-speaking, and the chrome around a worksheet must not switch language on them.
UI: dict[str, dict[str, str]] = {
    "app_title": {"en": "My recovery workshop", "es": "Mi taller de recuperación"},
    "join_prompt": {
        "en": "Type the join code your counselor gave you.",
        "es": "Escriba el código que le dio su consejero.",
    },
    "join_placeholder": {"en": "for example ABC-DEF-GHJ", "es": "por ejemplo ABC-DEF-GHJ"},
    "join_button": {"en": "Join", "es": "Entrar"},
    "code_malformed": {
        "en": "That code doesn't look quite right. A code has 9 letters and numbers, "
        "like ABC-DEF-GHJ. Please check it and try again, or ask your counselor.",
        "es": "Ese código no parece correcto. Un código tiene 9 letras y números, "
        "como ABC-DEF-GHJ. Revíselo e intente de nuevo, o pregunte a su consejero.",
    },
    "code_unknown": {
        "en": "We couldn't find that code. Please check it and try again, "
        "or ask your counselor for help. Your answers are safe.",
        "es": "No encontramos ese código. Revíselo e intente de nuevo, "
        "o pida ayuda a su consejero. Sus respuestas están seguras.",
    },
    "join_wait": {
        "en": "Please wait {seconds} seconds, then try again. "
        "If your code still doesn't work, ask your counselor.",
        "es": "Espere {seconds} segundos y luego intente de nuevo. "
        "Si su código sigue sin funcionar, pregunte a su consejero.",
    },
    "join_wait_one": {
        "en": "Please wait 1 second, then try again. "
        "If your code still doesn't work, ask your counselor.",
        "es": "Espere 1 segundo y luego intente de nuevo. "
        "Si su código sigue sin funcionar, pregunte a su consejero.",
    },
    "join_locked": {
        "en": "Too many codes didn't work, so joining on this device is paused for a while. "
        "Please try again in about {minutes} minutes, or ask your counselor for help. "
        "Your answers are safe.",
        "es": "Demasiados códigos no funcionaron, así que entrar en este aparato está en pausa "
        "por un rato. Intente de nuevo en unos {minutes} minutos, o pida ayuda a su consejero. "
        "Sus respuestas están seguras.",
    },
    "join_locked_soon": {
        "en": "Too many codes didn't work, so joining on this device is paused for a while. "
        "Please try again in a minute, or ask your counselor for help. Your answers are safe.",
        "es": "Demasiados códigos no funcionaron, así que entrar en este aparato está en pausa "
        "por un rato. Intente de nuevo en un minuto, o pida ayuda a su consejero. "
        "Sus respuestas están seguras.",
    },
    "join_again": {"en": "You can try your code again now.",
                   "es": "Ya puede intentar su código de nuevo."},
    "consent_agree": {"en": "I agree", "es": "Acepto"},
    "consent_decline": {"en": "Not now", "es": "Ahora no"},
    "consent_hint": {
        "en": "Nothing is saved until you tap \"I agree\".",
        "es": "No se guarda nada hasta que toque \"Acepto\".",
    },
    "consent_declined": {
        "en": "That's OK. Nothing was saved. You can talk with your counselor about it at any "
        "time. If you change your mind, type your code again.",
        "es": "Está bien. No se guardó nada. Puede hablar de esto con su consejero cuando "
        "quiera. Si cambia de opinión, escriba su código otra vez.",
    },
    "welcome": {"en": "Welcome", "es": "Le damos la bienvenida"},
    "your_worksheets": {"en": "Your worksheets", "es": "Sus hojas de trabajo"},
    "open": {"en": "Open", "es": "Abrir"},
    "back": {"en": "← All worksheets", "es": "← Todas las hojas"},
    "finished": {"en": "I'm finished", "es": "Ya terminé"},
    "finished_done": {
        "en": "Thank you. Your answers are saved. This screen is ready for the next person.",
        "es": "Gracias. Sus respuestas están guardadas. "
        "La pantalla está lista para la siguiente persona.",
    },
    "status_done": {"en": "Done", "es": "Terminada"},
    "status_in_progress": {"en": "In progress", "es": "En progreso"},
    "status_not_started": {"en": "Not started", "es": "Sin empezar"},
    "mark_done": {"en": "I'm done with this worksheet", "es": "Terminé esta hoja"},
    "progress": {"en": "{answered} of {total} answered",
                 "es": "{answered} de {total} respondidas"},
    "saved": {"en": "Saved", "es": "Guardado"},
    "saving": {"en": "Saving…", "es": "Guardando…"},
    "retrying": {"en": "Not saved, retrying", "es": "No guardado, reintentando"},
    "nothing_yet": {"en": "Your answers save by themselves",
                    "es": "Sus respuestas se guardan solas"},
    "add_row": {"en": "+ Add another", "es": "+ Agregar otro"},
    "remove_row": {"en": "Remove", "es": "Quitar"},
    "other_please_say": {"en": "Other, please say:", "es": "Otro, por favor diga:"},
    "other": {"en": "Other", "es": "Otro"},
    "yes": {"en": "Yes", "es": "Sí"},
    "no": {"en": "No", "es": "No"},
    "unsure": {"en": "Not sure", "es": "No sé"},
    "too_long": {
        "en": "That is longer than this space allows ({limit} characters). "
        "Please shorten it; what you wrote is still here.",
        "es": "Es más largo de lo permitido ({limit} caracteres). "
        "Acórtelo, por favor; lo que escribió sigue aquí.",
    },
    "not_a_number": {"en": "Please type a number.", "es": "Escriba un número, por favor."},
    "out_of_range": {
        "en": "Please type a number from {low} to {high}.",
        "es": "Escriba un número de {low} a {high}.",
    },
    "error_shown": {
        "en": "Something went wrong on this screen. Your saved answers are safe. "
        "Please tell your counselor.",
        "es": "Algo salió mal en esta pantalla. Sus respuestas guardadas están seguras. "
        "Avise a su consejero.",
    },
    "crisis_title": {"en": "Need help now?", "es": "¿Necesita ayuda ahora?"},
    "crisis_988": {
        "en": "988 Suicide & Crisis Lifeline: call or text 988 (US)",
        "es": "988 Línea de Prevención del Suicidio y Crisis: "
        "llame o envíe un texto al 988 (EE. UU.)",
    },
    "crisis_samhsa": {
        "en": "SAMHSA National Helpline: 1-800-662-4357 "
        "(free, confidential, 24/7, English and Spanish)",
        "es": "Línea Nacional de Ayuda de SAMHSA: 1-800-662-4357 "
        "(gratis, confidencial, 24/7, en inglés y español)",
    },
    "score_incomplete": {
        "en": "Answer every question to see this score.",
        "es": "Responda todas las preguntas para ver este puntaje.",
    },
    "scores_title": {"en": "Your scores", "es": "Sus puntajes"},
    "scores_guide": {
        "en": "Scores are a guide for talking with your counselor, not a diagnosis.",
        "es": "Los puntajes son una guía para hablar con su consejero, no un diagnóstico.",
    },
    # Shown with a measure whose wording in this language is a translation nobody validated.
    "translation_not_validated": {
        "en": "Translation not validated: use it as a guide for talking with your counselor, "
        "not to compare with published scores.",
        "es": "Traducción no validada: úsela como guía para hablar con su consejero, "
        "no para comparar con los puntajes publicados.",
    },
    "source": {"en": "Source", "es": "Fuente"},
    "language": {"en": "Español", "es": "English"},
    "language_label": {"en": "Language", "es": "Idioma"},
    "print_card": {"en": "Print my card", "es": "Imprimir mi tarjeta"},
    "card_ready": {"en": "Your wallet card is ready: tap here to open or save it (PDF).",
                   "es": "Su tarjeta está lista: toque aquí para abrirla o guardarla (PDF)."},
    # The support map and "pick someone from my map".
    "ring_closest": {"en": "Closest", "es": "Los más cercanos"},
    "ring_close": {"en": "Close", "es": "Cercanos"},
    "ring_wider": {"en": "Wider circle", "es": "Círculo más amplio"},
    "ring_professional": {"en": "Professionals and groups", "es": "Profesionales y grupos"},
    "support_yes": {"en": "supports my recovery", "es": "apoya mi recuperación"},
    "support_unsure": {"en": "not sure", "es": "no sé"},
    "support_no": {"en": "does not support my recovery", "es": "no apoya mi recuperación"},
    "support_unmarked": {"en": "support not marked", "es": "apoyo sin marcar"},
    "map_list_title": {"en": "Move people without dragging:",
                       "es": "Mueva a las personas sin arrastrar:"},
    "map_closer": {"en": "Move closer", "es": "Más cerca"},
    "map_further": {"en": "Move further", "es": "Más lejos"},
    "map_moved": {"en": "{name} is now in {ring}.", "es": "{name} ahora está en: {ring}."},
    "map_sheet": {"en": "My support map", "es": "Mi mapa de apoyo"},
    # The support map picture (toolkit/supportmap/svg.py) and the prompts under it.
    "map_me": {"en": "Me", "es": "Yo"},
    "map_entry_yes": {"en": "supports my recovery", "es": "apoya mi recuperación"},
    "map_entry_unsure": {"en": "not sure if they support my recovery",
                         "es": "no sé si apoya mi recuperación"},
    "map_entry_no": {"en": "does not support my recovery", "es": "no apoya mi recuperación"},
    "map_entry_unknown": {"en": "support not marked yet", "es": "apoyo sin marcar todavía"},
    # Counts of people per ring; Spanish verbs agree with the number, hence the "_one" forms.
    "map_count_yes": {"en": "{n} supportive", "es": "{n} apoyan"},
    "map_count_yes_one": {"en": "{n} supportive", "es": "{n} apoya"},
    "map_count_unsure": {"en": "{n} not sure", "es": "{n} en duda"},
    "map_count_unsure_one": {"en": "{n} not sure", "es": "{n} en duda"},
    "map_count_no": {"en": "{n} not supportive", "es": "{n} no apoyan"},
    "map_count_no_one": {"en": "{n} not supportive", "es": "{n} no apoya"},
    "map_count_unknown": {"en": "{n} not marked yet", "es": "{n} sin marcar"},
    "map_count_unknown_one": {"en": "{n} not marked yet", "es": "{n} sin marcar"},
    "map_no_one": {"en": "no one yet", "es": "todavía nadie"},
    "map_badge_safe": {"en": "✓ safe", "es": "✓ da seguridad"},
    "map_badge_unsure": {"en": "? unsure", "es": "? no sé"},
    "map_badge_not_safe": {"en": "! not safe", "es": "! no da seguridad"},
    "map_safety_safe": {"en": "feels safe", "es": "esta persona me da seguridad"},
    "map_safety_unsure": {"en": "not sure if safe",
                          "es": "no sé si esta persona me da seguridad"},
    "map_safety_not_safe": {"en": "feels not safe",
                            "es": "esta persona no me da seguridad"},
    "map_empty_hint": {"en": "Add people and groups to see them here",
                       "es": "Agregue personas y grupos para verlos aquí"},
    "map_no_name": {"en": "(no name yet)", "es": "(todavía sin nombre)"},
    "group_map_title": {"en": "Our group's support maps",
                        "es": "Los mapas de apoyo de nuestro grupo"},
    "prompt_ring": {"en": "{ring}: {n} supportive people.",
                    "es": "{ring}: {n} personas que apoyan su recuperación."},
    "prompt_ring_one": {"en": "{ring}: {n} supportive person.",
                        "es": "{ring}: {n} persona que apoya su recuperación."},
    "prompt_no_professional": {
        "en": "Your professionals and groups circle is empty. Could a support group, "
        "a counselor or a sponsor be part of your map?",
        "es": "Su círculo de profesionales y grupos está vacío. ¿Podría un grupo de apoyo, "
        "un consejero o un padrino o madrina ser parte de su mapa?",
    },
    "prompt_closer": {
        "en": "Is there someone who supports your recovery that you would like to "
        "be closer to?",
        "es": "¿Hay alguien que apoye su recuperación y a quien le gustaría tener más cerca?",
    },
    "prompt_start": {
        "en": "Start with one person or group. Even one is a good start.",
        "es": "Empiece con una persona o un grupo. Uno solo ya es un buen comienzo.",
    },
    "pick_empty": {
        "en": "Your support map is empty. Add people and groups on {sheet} first. "
        "They will show up here.",
        "es": "Su mapa de apoyo está vacío. Primero agregue personas y grupos en {sheet}. "
        "Aquí van a aparecer.",
    },
    "pick_check": {
        "en": "On your map, {name} is marked “{marked}”. That's okay. "
        "Are you sure you want them here?",
        "es": "En su mapa, {name} tiene la marca “{marked}”. Está bien. "
        "¿Seguro que quiere a esta persona aquí?",
    },
    "pick_keep": {"en": "Yes, keep {name}", "es": "Sí, elijo a {name}"},
    "pick_other": {"en": "Choose someone else", "es": "Elegir a otra persona"},
}


def ui(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """An app string in `lang` (English when the language is unknown), formatted with `fmt`."""
    text = tr(UI[key], lang)
    return text.format(**fmt) if fmt else text
