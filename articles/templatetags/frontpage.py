"""`{% breaking_bar %}`: the "Tin nóng" line at the top of every reader page (base.html)."""

from django import template

from ..frontpage.reader import bar

register = template.Library()


@register.inclusion_tag("includes/breaking_bar.html", takes_context=True)
def breaking_bar(context):
    # The home and section pages read it with their placed stories, in the same query.
    if "breaking" in context:
        return {"breaking": context["breaking"]}
    return {"breaking": bar()}
