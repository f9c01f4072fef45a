"""Subscribers in the admin: seen, searched and erased (a reader's request, Nghị định 13/2023)."""

from django.contrib import admin

from .models import BreakingMail, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "daily", "breaking", "created_at", "confirmed_at", "last_sent_at"]
    list_filter = ["daily", "breaking"]
    search_fields = ["email"]
    readonly_fields = ["email", "daily", "breaking", "created_at", "confirmed_at", "last_sent_at"]

    def has_add_permission(self, request):
        return False  # a reader subscribes themselves, and confirms it


@admin.register(BreakingMail)
class BreakingMailAdmin(admin.ModelAdmin):
    list_display = ["article", "sent_by", "sent_at", "recipients"]
    list_select_related = ["article", "sent_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
