"""The front page's line in the admin index: it opens the desk's front page (desk.py)."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from newsroom.admin_lists import RecordAdminMixin

from ..models import Placement


@admin.register(Placement)
class PlacementAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Placements are made on the desk's front page only; this list is its way in."""

    def changelist_view(self, request, extra_context=None):
        return redirect(reverse("frontpage:desk"))
