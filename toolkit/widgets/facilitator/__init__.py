"""The facilitator's dashboard: the passphrase gate with idle log-off, the board
(progress, group view, pre/post, export) and the print tab.
"""
