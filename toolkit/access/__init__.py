"""Who may come in: the facilitator passphrase and idle log-off, the rate limit on wrong
join codes, and the browser's client id. Imports the store and the layers below it.
"""
