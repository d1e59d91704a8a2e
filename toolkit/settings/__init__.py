"""Configuration: one documented `Config` read from the environment, and where the
shipped worksheets and notebooks are. Imports only `toolkit.text`.
"""
