from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MultimediaConfig(AppConfig):
    name = "multimedia"
    verbose_name = _("Video và âm thanh")

    def ready(self):
        from . import receivers  # noqa: F401  (queues new uploads, removes deleted files)
