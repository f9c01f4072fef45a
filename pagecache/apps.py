from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Bộ nhớ đệm trang"

    def ready(self):
        from . import signals  # noqa: F401  (connects the purges)
