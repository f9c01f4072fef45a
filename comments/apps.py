from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Bình luận")

    def ready(self):
        from . import checks, pages, revisions  # noqa: F401  (registers checks and receivers)

        pages.register()
