from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Bình luận")

    def ready(self):
        from newsroom import desk_front

        from . import checks, desk_figures, pages, revisions  # noqa: F401  (checks, receivers)

        pages.register()
        desk_front.contribute(desk_figures.contribute)
