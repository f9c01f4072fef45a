from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Lưu chiểu"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to articles.events.public_version)
