from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    default = True  # this module holds two configs; this one is the newsroom app's
    name = "newsroom"
    verbose_name = "Tòa soạn"

    def ready(self):
        from . import checks, desk_search, normalise  # noqa: F401  (checks: registered)
        from .roles import sync_roles_after_migrate

        normalise.connect()
        desk_search.connect()
        # Every migrate puts the roles right again, including permissions of apps added later.
        post_migrate.connect(sync_roles_after_migrate, sender=self)


class LoginRecordConfig(AxesConfig):
    """django-axes, under a Vietnamese heading in the admin."""

    verbose_name = "Khóa đăng nhập"
