"""Pictures on the desk: who may change one, and who uploaded it."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.desk_search import FoldedSearchMixin

from . import body_images, desk, workflow
from .admin_forms import ImageForm


class ImageAdmin(FoldedSearchMixin, admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "caption", "credit", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["alt_text", "caption", "credit"]
    fields = ["file", "alt_text", "caption", "credit"]

    def has_change_permission(self, request, obj=None):
        """Editors change any picture; a journalist only their own that no approved story shows.

        A changed file or caption is on the page at once, round the editor who approved the
        story: a published story's, and a scheduled one's (it goes live without another look).
        """
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or workflow.can_publish(request.user):
            return True
        if obj.uploaded_by_id is None or obj.uploaded_by_id != request.user.pk:
            return False
        approved = body_images.stories_showing(obj).published_or_scheduled()
        return not approved.exists()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" alt="" width="80" loading="lazy" decoding="async">', obj.w480.url
        )

    def get_urls(self):
        # The picture picker the body editor opens: articles/desk.py.
        return [*desk.image_urls(self), *super().get_urls()]
