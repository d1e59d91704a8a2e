"""Serving the notebooks with Voila: the server's settings, request handlers, the warm
kernel pool and the page's kernel channels. Imports `toolkit.settings` and `toolkit.access`
(and what they rest on), never widgets or the CLI.
"""
