"""System checks: a mistyped API setting stops `manage.py check`, not a partner's request."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from newsroom.rates import parse_rate


@register()
def check_rate_limit(app_configs, **kwargs):
    try:
        parse_rate(settings.API_RATE_LIMIT, "API_RATE_LIMIT")
    except ImproperlyConfigured as error:
        return [Error(str(error), hint="Use a rate like 300/m, or 0 for none.", id="api.E001")]
    return []
