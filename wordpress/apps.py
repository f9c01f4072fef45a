from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordpressConfig(AppConfig):
    name = "wordpress"
    verbose_name = _("Chuyển từ WordPress")

    def ready(self):
        from . import signals  # noqa: F401  (connects the purges)
