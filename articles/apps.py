from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Bài viết")

    def ready(self):
        from newsroom import desk_front

        # The purges first: their receivers ran before the others' when the page cache had them.
        from . import desk_figures, pages, signals  # noqa: F401  (connects the receivers)
        from .approvals import desk_figures as chain_figures
        from .frontpage import admin as frontpage_admin  # noqa: F401  (the desk's way in)
        from .live import pages as live_pages
        from .people import byline  # noqa: F401  (keeps bylines in step with contributors)

        pages.register()
        live_pages.register()
        desk_front.contribute(desk_figures.contribute)
        desk_front.contribute(chain_figures.contribute)
