"""The content API: a read-only JSON description of what readers can see (`/api/v1/`).

For the paper's app and its partners. It stands on `articles` and never writes.
"""
