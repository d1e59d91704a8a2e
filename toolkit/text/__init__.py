"""The words the toolkit shows, and how text is made safe to show.

The language list, the app's own strings, the crisis lines, the consent notice's wording,
and the one rule for showing client text (markdown without HTML, escaping, cleaning).
Layer 0: imports nothing from the rest of the toolkit.
"""
