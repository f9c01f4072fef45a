"""The page cache: anonymous reader pages kept in the shared cache and purged on change.

It knows no content app: the apps tell it their pages, areas and views (registry.py).
"""
