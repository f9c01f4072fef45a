from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The page cache; the apps register their pages with it (registry.py) in their ready()."""

    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"
