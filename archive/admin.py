"""The archive in the admin: read-only for everyone, never a delete (the records are kept).

The inspector (Thanh tra) and anyone given the view right read the list here; a record's
page links to the stored page (archive/views.py). Nobody adds, changes or deletes a record
through the admin, a superuser included: the chain (chain.py) is only ever appended to.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from newsroom.admin_lists import RecordAdminMixin
from newsroom.vietnamese import date_time

from .models import ArchiveRecord


@admin.register(ArchiveRecord)
class ArchiveRecordAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ("seq", "story_link", "event_label", "at_vietnam", "by_name", "page_link")
    list_filter = ("event",)
    search_fields = ("story_title", "=story_id")
    ordering = ("-seq",)
    list_per_page = 50
    exclude = ("html",)
    readonly_fields = ("page_link", "at_vietnam")
    actions = None

    def get_queryset(self, request):
        return super().get_queryset(request).defer("html")

    @admin.display(description="bài")
    def story_link(self, record):
        url = reverse("archive:story", args=[record.story_id])
        return format_html('<a href="{}">#{} {}</a>', url, record.story_id, record.story_title)

    @admin.display(description="sự kiện")
    def event_label(self, record):
        return record.event_label

    @admin.display(description="lúc (giờ Việt Nam)", ordering="at")
    def at_vietnam(self, record):
        return date_time(record.at)

    @admin.display(description="trang đã lưu")
    def page_link(self, record):
        return format_html('<a href="{}">Xem</a>', reverse("archive:record", args=[record.pk]))
