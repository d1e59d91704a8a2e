"""The worksheet format: the model, the YAML loader and its checks, conditions, answer
shapes and scoring. Plain Python (no widgets, no database): imports only `toolkit.text` and
`toolkit.settings`.
"""
