"""`{% load newsletter_desk %}` for the desk's story page: `user|may_send_breaking_mail`, who
sees the "Gửi thư tin nóng" link (the editor-in-chief, the deputies, the duty editor on duty).
"""

from django import template

from newsletter.breaking import may_send

register = template.Library()


@register.filter
def may_send_breaking_mail(user) -> bool:
    return may_send(user)
