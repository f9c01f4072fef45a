"""The content API: a read-only JSON description of what readers can see (`/api/v1/`).

For the paper's app and its partners. It stands on `articles` and never writes. Its answers
are kept and purged by the page cache's areas through its own layer (caching.py), not through
`pagecache.registry.page`: that middleware answers `If-Modified-Since` with the full page.
"""
