"""The admin index's figures (newsroom/desk_front.py) for the person logged in."""

from django import template

from newsroom.desk_front import FrontPage, front_page

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_front(context) -> FrontPage:
    return front_page(context["request"].user)
