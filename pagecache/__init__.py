"""The page cache: anonymous reader pages kept in the shared cache and purged on change."""
