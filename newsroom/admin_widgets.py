"""The admin's autocomplete box, safe with a value that is not an id.

Django's AutocompleteSelect looks up whatever was posted to show it again, so a form sent back
with `section=abc` or an id past the integer range ends in a 500 instead of the form with
its error.
"""

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections


class AutocompleteSelect(widgets.AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(getattr(remote, "field_name", None) or "pk")
        ops = connections[self.db or DEFAULT_DB_ALIAS].ops
        return super().optgroups(name, [v for v in value if _fits(target, v, ops)], attr)


def _fits(field, value, ops) -> bool:
    """Whether `value` can be looked up in `field`: the right type, and in its range."""
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(value, int):
        low, high = ops.integer_field_range(field.get_internal_type())
        return (low is None or value >= low) and (high is None or value <= high)
    return True


class CheckedAutocompleteMixin:
    """For a ModelAdmin or inline: its `autocomplete_fields` use the widget above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
