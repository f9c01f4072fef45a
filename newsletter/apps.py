from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Bản tin"

    def ready(self):
        from newsroom import desk_front

        from . import desk_figures, personal_data, sending  # noqa: F401  (tasks registered)

        desk_front.contribute(desk_figures.contribute)
