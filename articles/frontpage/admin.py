"""The front page's line in the admin index: it opens the desk's front page (desk.py)."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from ..models import Placement


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    """Placements are made on the desk's front page only; this list is its way in."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("frontpage:desk"))
