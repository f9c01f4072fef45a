from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API nội dung"

    def ready(self):
        from . import checks  # noqa: F401  (registers the rate's system check)
