"""System checks: a mistyped comment setting stops `manage.py check`, not a reader's post."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .ratelimit import parse_rate


@register()
def check_rate_limit(app_configs, **kwargs):
    try:
        parse_rate(settings.COMMENT_RATE_LIMIT)
    except ImproperlyConfigured as error:
        return [
            Error(str(error), hint="Use a rate like 5/m, 20/h, or 0 for none.", id="comments.E001")
        ]
    return []
