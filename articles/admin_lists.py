"""The story list's filters, each read from a small table, never from the stories.

What every desk list shares (the estimated count, the compact times, no sidebar) is in
newsroom/admin_lists.py.
"""

from django.contrib import admin
from django.db.models import Q


class SectionFilter(admin.RelatedFieldListFilter):
    """The section filter, its choices named "Parent › Child" from one query, not one per child."""

    def field_choices(self, field, request, model_admin):
        sections = field.related_model._default_manager.select_related("parent")
        return [(section.pk, str(section)) for section in sections]


class FilingAccountFilter(admin.RelatedFieldListFilter):
    """The filing account filter offers the accounts that may file a story, not every login.

    A moderator's account never files one. Asked of the small user tables only, never of the
    stories (a DISTINCT over 100,000 of them on every view of the list).
    """

    def field_choices(self, field, request, model_admin):
        users = field.related_model._default_manager
        may_file = (
            Q(is_superuser=True)
            | Q(groups__permissions__codename="add_article")
            | Q(user_permissions__codename="add_article")
        )
        accounts = users.filter(may_file).distinct().order_by("username")
        return [(user.pk, user.get_username()) for user in accounts]
