"""The support map and the reach-out plan (plain Python) and the one SVG drawing of the
map. Imports only `toolkit.text`, `toolkit.settings` and `toolkit.worksheet`.
"""
