"""The words of `workshop check` and of the studio's Problems and Translations panels: every
problem a worksheet file can have, with its fix. Written here once in English, keyed and marked
for Babel like toolkit.text.staff (which merges them in); every other language's text is in its
catalog. What the counselor wrote or must type (ids, names, YAML keys and snippets, line
numbers) fills the {placeholders} or sits in `backticks`, and is never translated."""

from __future__ import annotations

from toolkit.text.catalogs import NC_, NCP_

CHECK_MESSAGES: dict[str, str] = dict((
    # A problem's line: `file:line: item 'id': what is wrong; the fix`.
    NC_("check_at_item", "item '{item}': {problem}"),
    # Cross-references a schema cannot express (toolkit/worksheet/checks.py).
    NC_("check_section_twice", "section id '{id}' is used twice; give each section its own id"),
    NC_("check_item_twice", "id '{id}' is used twice; give each item its own id (e.g. '{new}')"),
    NC_("check_support_map_field",
        "a support_map repeat needs a `{field}` field (see worksheets/README.md)"),
    NC_("check_field_twice",
        "field id '{id}' is used twice in this repeat; give each field its own id"),
    NC_("check_show_if_in_field",
        "show_if is not supported inside a repeat's fields; put the condition on the repeat "
        "item"),
    NC_("check_set_unused", "choice set '{name}' is never used; use it or remove it"),
    NC_("check_score_twice", "score id '{id}' is used twice"),
    NC_("check_no_item",
        "no item '{ref}' before this point; use the id of an answerable item above this one"),
    NC_("check_no_item_close", "no item '{ref}' before this point; did you mean '{close}'?"),
    NC_("check_show_if_no_item",
        "show_if: no item '{ref}' before this point; use the id of an answerable item above "
        "this one"),
    NC_("check_show_if_no_item_close",
        "show_if: no item '{ref}' before this point; did you mean '{close}'?"),
    NC_("check_show_if_later",
        "show_if: '{ref}' comes later in the worksheet; a condition can only use an item above "
        "this one"),
    NC_("check_show_if_not_a_choice",
        "show_if: '{value}' is not a choice of '{ref}'; use one of: {values}"),
    NC_("check_not_numeric",
        "'{ref}' has no numeric answers to {method}; score only scale, number or "
        "numeric-choice items"),
    NC_("check_plain_text", "missing translation: write {versions} versions, e.g. {example}"),
    NC_("check_missing_translation", "missing translation for {langs}; add {add}"),
    NC_("check_text_language",
        "language {langs} is not in `languages: {declared}`; add it there or remove this text"),
    NC_("check_validation_not_measure",
        "`validation:` is only for measures (worksheets with `scores:`); remove it"),
    NC_("check_validation_language",
        "language {lang} is not in `languages: {declared}`; add it there or remove it here"),
    NC_("check_validation_needed",
        "this measure's {lang} wording must say whether it is a published, validated version: "
        "add `validation: {example}` (write `{lang}: validated` only for a published version "
        "quoted word for word, with its citation)"),
    NC_("check_unknown_set",
        "unknown choice set '{name}'; define it under `choice_sets:` (known: {known})"),
    NC_("check_unknown_set_none",
        "unknown choice set '{name}'; define it under `choice_sets:` (known: none defined yet)"),
    NC_("check_value_twice", "two choices share a value; give each its own"),
    NC_("check_other_twice",
        "`other: true` adds its own 'other' choice; remove the choice with value 'other'"),
    # The schema (toolkit/worksheet/loader.py): each kind of pydantic error in our words.
    # Doubled braces are YAML's own: they show single, and the words in capitals are the
    # counselor's to replace (a translation may say them in its language).
    NC_("load_show_if",
        "write show_if as {{item: ID, equals: VALUE}}, {{item: ID, in: [A, B]}}, "
        "{{item: ID, answered: true}}, or {{all: [...]}} / {{any: [...]}} of those"),
    NC_("load_unknown_key_text",
        "unknown key '{key}': if this is part of a text, put the whole text in quotes"),
    NC_("load_unknown_key_close", "unknown key '{key}'; did you mean `{close}:`?"),
    NC_("load_unknown_key_allowed", "unknown key '{key}'; allowed keys here: {keys}"),
    NC_("load_unknown_key", "unknown key '{key}'; remove it"),
    NC_("load_missing", "`{key}:` is missing; add it"),
    NC_("load_text_empty", "`{key}:` is empty; write the text after it"),
    NC_("load_text_quotes", "`{key}:` must be text; put the whole text in quotes: {example}"),
    NC_("load_text_languages", "write plain text, or one text per language like {example}"),
    NC_("load_choices",
        "`choices:` is the name of a choice set, or a list of {example} entries"),
    NC_("load_whole_number", "`{key}:` must be a whole number, like 200"),
    NC_("load_number", "`{key}:` must be a number, like 2.5"),
    NC_("load_true_false", "`{key}:` must be true or false"),
    NC_("load_list", "`{key}:` must be a list: [a, b], or one line per entry starting with '- '"),
    NC_("load_too_short", "`{key}:` needs at least one entry"),
    NC_("load_item_type", "`type:` must be one of: {types}"),
    NC_("load_version", "`version:` must look like 1, 1.0 or 1.0.2"),
    NC_("load_language_code",
        "a language code is two or three lower-case letters, with a region in capitals if "
        "needed: en, es, pt-BR"),
    NC_("load_id", "ids use lower-case letters, digits, '-' and '_' (e.g. `feel_safe`)"),
    NC_("load_schema_version", "`schema_version:` must be 1"),
    NC_("load_one_of", "`{key}:` must be one of: {values}"),
    NC_("load_at_least", "`{key}:` must be {limit} or more"),
    NC_("load_at_most", "`{key}:` must be {limit} or less"),
    NC_("load_more_than", "`{key}:` must be more than {limit}"),
    NC_("load_less_than", "`{key}:` must be less than {limit}"),
    NC_("load_too_long_text", "`{key}:` is too long: use at most {limit} characters"),
    NC_("load_too_many", "`{key}:` has too many entries: at most {limit}"),
    NC_("load_text", "`{key}:` must be text"),
    NC_("load_mapping",
        "`{key}:` must hold its own keys, one per line below it (not a single value or a list)"),
    NC_("load_not_allowed",
        "`{path}`: this value is not allowed here ({kind}); see worksheets/README.md for what "
        "to write"),
    NC_("load_not_a_mapping",
        "a worksheet is a YAML mapping that starts with `schema_version: 1` and `id: ...`"),
    NC_("load_unreadable", "worksheet could not be read ({kind})"),
    NC_("load_no_file", "file not found"),
    NC_("load_not_utf8", "save this file as UTF-8 text"),
    NC_("load_no_permission", "cannot read file: you have no permission to read it"),
    NC_("load_is_folder", "cannot read file: this is a folder, not a file"),
    NC_("load_cannot_read", "cannot read file ({reason})"),
    NC_("load_id_file_name",
        "`id: {id}` does not match the file name; rename the file to {id}.yaml or change the id"),
    # The model's own refusals (toolkit/worksheet/model.py).
    NC_("model_choice_boolean",
        "a choice value is a short code or a number, not true/false; write e.g. "
        "`value: \"yes\"`"),
    NC_("model_ruler", "a ruler needs min < max and at most 21 points, e.g. min: 0, max: 10"),
    NC_("model_scale_source",
        "a scale needs exactly one of `choices:` (a choice set) or `ruler:` (e.g. {example})"),
    NC_("model_bands_order", "bands must be listed from the lowest `min` to the highest"),
    # YAML itself (toolkit/worksheet/source.py); {what} is one of the yaml_ sentences below.
    NC_("yaml_unreadable", "YAML could not be read ({kind})"),
    NC_("yaml_aliases",
        "this file is far too large once its aliases (*name) are expanded; write the text out "
        "without them"),
    NC_("yaml_key_twice", "key '{key}' is written twice here; keep one"),
    NC_("yaml_quote_line",
        "YAML syntax: text containing ?, : or # must be in quotes; write this line as `{line}`"),
    NC_("yaml_syntax",
        "YAML syntax: {what}; check indentation and that text containing ?, : or # is in "
        "quotes"),
    NC_("yaml_colon", "mapping values are not allowed here"),
    NC_("yaml_no_colon", "could not find expected ':'"),
    NC_("yaml_end", "found unexpected end of stream"),
    NC_("yaml_no_key", "did not find expected key"),
    NC_("yaml_no_dash", "did not find expected '-' indicator"),
    NC_("yaml_tab", "found a tab; indent with spaces only"),
    NC_("yaml_block_end", "this line's indentation does not match the lines above"),
    NC_("yaml_flow_end", "expected ',' or '{close}' here"),
    NC_("yaml_alias", "found undefined alias '{alias}'"),
    NC_("yaml_not_valid", "this is not valid YAML"),
    # Translation coverage (toolkit/worksheet/coverage.py).
    NC_("coverage_language", "{lang} {percent}% ({have}/{total})"),
    NC_("coverage_new_language", "{lang} {percent}% ({have}/{total}, not in `languages:` yet)"),
    NC_("coverage_add", "`{key}:` needs {lang}; add {add} ({first}: \"{excerpt}\")"),
    NC_("coverage_write", "`{key}:` needs {lang}; write {example} ({first}: \"{excerpt}\")"),
    # The command's own lines (toolkit/cli/checking.py).
    NC_("check_no_files", "no worksheet files (*.yaml) found in {paths}"),
    NC_("check_not_a_language",
        "'{code}' is not a language code; write it as in `languages:`, e.g. fr or pt-BR"),
))
"""Key -> English text of each problem and of the command's own lines."""

CHECK_PLURALS: dict[str, tuple[str, str]] = dict((
    NCP_("check_valid", "{n} worksheet valid: {names}", "{n} worksheets valid: {names}"),
    # Two numbers: the noun follows the total, the verb the count with problems.
    NCP_("check_one_has_problems", "1 of {n} worksheet file has problems",
         "1 of {n} worksheet files has problems"),
    NCP_("check_some_have_problems", "{bad} of {n} worksheet file have problems",
         "{bad} of {n} worksheet files have problems"),
))
"""Key -> English singular and plural of each counted line of `workshop check`."""
