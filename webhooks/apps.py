"""Webhooks: partners registered in the desk are told, by a signed POST, when a story is
published, corrected or taken down (`articles.events.public_version`)."""

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhook cho đối tác"

    def ready(self):
        from . import receivers  # noqa: F401  (connects to articles.events.public_version)
