"""System checks: a mistyped comment setting stops `manage.py check`, not a reader's post."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from .ratelimit import RATES, parse_rate


@register()
def check_rate_limit(app_configs, **kwargs):
    errors = []
    for name in RATES.values():
        try:
            parse_rate(getattr(settings, name), name)
        except ImproperlyConfigured as error:
            hint = "Use a rate like 5/m, 20/h, or 0 for none."
            errors.append(Error(f"{name}: {error}", hint=hint, id="comments.E001"))
    return errors
