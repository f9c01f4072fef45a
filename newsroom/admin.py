"""Accounts in the admin, their permissions in Vietnamese: "Bài viết | bài viết | Thêm bài viết".

Migrations store a model's default permissions with English names ("Can add tag"); the user
and group forms show them translated instead of rewriting those rows.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission

from .desk_search import FoldedSearchMixin

ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}


def permission_label(permission: Permission) -> str:
    """The permission as the desk reads it: app, model, then what it allows."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _, model_name = permission.codename.partition("_")
    name = permission.name
    if model is not None and action in ACTIONS and model_name == model._meta.model_name:
        name = f"{ACTIONS[action]} {model._meta.verbose_name}"
    return f"{content_type} | {name}"


class VietnamesePermissions:
    """Label the permission choices with `permission_label`."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class NewsroomUserAdmin(VietnamesePermissions, FoldedSearchMixin, UserAdmin):
    pass


@admin.register(Group)
class NewsroomGroupAdmin(VietnamesePermissions, FoldedSearchMixin, GroupAdmin):
    pass
