from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Bản tin"

    def ready(self):
        from newsroom import desk_front

        from . import breaking, desk_figures, personal_data, sending  # noqa: F401  (tasks)

        desk_front.contribute(desk_figures.contribute)
