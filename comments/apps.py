from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Bình luận")

    def ready(self):
        from newsroom import desk_front

        from . import checks, desk_figures, pages, questions, revisions  # noqa: F401

        pages.register()
        questions.register()
        desk_front.contribute(desk_figures.contribute)
