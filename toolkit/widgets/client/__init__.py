"""The client app: the join screen, the consent notice, and the app that walks a
participant through the session's worksheets.
"""
