"""Partners and the delivery log in the admin: the editor-in-chief's and the admins' only.

A partner's secret is made when it is added and shown once, on the page that follows (kept
in the session until that page reads it); the list's action "Tạo khóa bí mật mới" replaces it
and shows the new one the same way. The log is read-only; its action "Gửi lại" sends the
chosen deliveries again, as they were (same id and payload, a fresh set of tries).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from newsroom.admin_lists import (
    WITHOUT_SIDEBAR,
    EstimatedCountPaginator,
    RecordAdminMixin,
    compact_time,
)
from newsroom.tasks import enqueue, in_process

from . import sending
from .models import Attempt, Delivery, Event, Partner, new_secret

SESSION_KEY = "webhooks-secret-{}"


def can_manage(user) -> bool:
    """Who holds the partners' change right: the editor-in-chief's group (newsroom/roles.py)
    and superusers."""
    return user.is_active and user.is_staff and user.has_perm("webhooks.change_partner")


class ManagersOnly:
    def has_module_permission(self, request):
        return can_manage(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage(request.user)


class PartnerForm(forms.ModelForm):
    url = forms.URLField(
        label="Địa chỉ nhận webhook",
        max_length=500,
        assume_scheme="https",
        # The admin's own width for addresses: a partner's path is seldom short.
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="Địa chỉ https:// của đối tác, nhận một yêu cầu POST cho mỗi sự kiện.",
    )
    events = forms.MultipleChoiceField(
        label="Sự kiện nhận",
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(Event.values),
    )

    class Meta:
        model = Partner
        fields = ["name", "url", "active", "events"]


@admin.register(Partner)
class PartnerAdmin(ManagersOnly, admin.ModelAdmin):
    form = PartnerForm
    list_display = ("name", "url", "active", "events_label", "secret_hint", "created_at")
    list_filter = ("active",)
    readonly_fields = ("secret_hint", "created_at", "secret_changed_at")
    actions = ["regenerate_secret"]

    def has_add_permission(self, request):
        return can_manage(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_manage(request.user)

    @admin.display(description="sự kiện nhận")
    def events_label(self, partner):
        labels = dict(Event.choices)
        return ", ".join(str(labels.get(event, event)) for event in partner.events or [])

    @admin.display(description="khóa bí mật")
    def secret_hint(self, partner):
        if partner.pk is None:
            return "Tạo khi lưu, chỉ hiện một lần."
        return format_html(
            "{} <br><small>Khóa chỉ hiện một lần khi tạo. Quên khóa: chọn đối tác ở danh sách,"
            " thao tác “Tạo khóa bí mật mới”.</small>",
            partner.secret_hint,
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/khoa-bi-mat/",
                self.admin_site.admin_view(self.secret_view),
                name="webhooks_partner_secret",
            ),
            *super().get_urls(),
        ]

    def _show_secret_next(self, request, partner):
        request.session[SESSION_KEY.format(partner.pk)] = partner.secret
        return redirect("admin:webhooks_partner_secret", partner.pk)

    def response_add(self, request, obj, post_url_continue=None):
        return self._show_secret_next(request, obj)

    def secret_view(self, request, pk):
        if not can_manage(request.user):
            raise PermissionDenied
        partner = get_object_or_404(Partner, pk=pk)
        secret = request.session.pop(SESSION_KEY.format(pk), None)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Khóa bí mật của {partner.name}",
            "partner": partner,
            "secret": secret,
            "opts": self.model._meta,
            "change_url": reverse("admin:webhooks_partner_change", args=[pk]),
        }
        response = TemplateResponse(request, "admin/webhooks/partner_secret.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Tạo khóa bí mật mới (khóa cũ hết hiệu lực ngay)")
    def regenerate_secret(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Hãy chọn đúng một đối tác để tạo khóa mới.", messages.ERROR)
            return None
        partner = queryset.get()
        partner.secret = new_secret()
        partner.secret_changed_at = timezone.now()
        partner.save(update_fields=["secret", "secret_changed_at"])
        return self._show_secret_next(request, partner)


class AttemptInline(admin.TabularInline):
    model = Attempt
    fields = ("at", "status_code", "error", "duration_ms")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return can_manage(request.user)


@admin.register(Delivery)
class DeliveryAdmin(RecordAdminMixin, ManagersOnly, admin.ModelAdmin):
    list_display = (
        "created",
        "partner",
        "event",
        "story",
        "status_label",
        "attempts",
        "last_status_code",
        "next_try",
        "error_short",
    )
    list_filter = ("partner", "status", "event")
    list_select_related = ("partner",)
    search_fields = ("=story_id", "story_title", "=delivery_id")
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_per_page = 50
    inlines = [AttemptInline]
    actions = ["resend"]
    fields = (
        "delivery_id",
        "partner",
        "event",
        "story_id",
        "story_title",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_try_at",
        "created_at",
        "delivered_at",
        "payload",
    )
    readonly_fields = fields

    def has_resend_permission(self, request):
        return can_manage(request.user)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**WITHOUT_SIDEBAR, **(extra_context or {})})

    @admin.display(description="tạo lúc", ordering="created_at")
    def created(self, delivery):
        return compact_time(delivery.created_at)

    @admin.display(description="bài")
    def story(self, delivery):
        return f"#{delivery.story_id} {delivery.story_title}"

    @admin.display(description="trạng thái", ordering="status")
    def status_label(self, delivery):
        return delivery.get_status_display()

    @admin.display(description="thử lại lúc", ordering="next_try_at")
    def next_try(self, delivery):
        return compact_time(delivery.next_try_at) if delivery.next_try_at else "—"

    @admin.display(description="lỗi cuối")
    def error_short(self, delivery):
        return delivery.last_error[:80]

    @admin.action(description="Gửi lại", permissions=["resend"])
    def resend(self, request, queryset):
        pks = sending.resend(queryset)
        if not in_process():
            from .tasks import deliver

            for pk in pks:
                enqueue(deliver, pk)
            where = "worker sẽ gửi ngay"
        else:
            where = "sẽ gửi ở lần chạy tới của lệnh manage.py send_webhooks"
        self.message_user(request, f"Đã đặt gửi lại {len(pks)} lần gửi webhook ({where}).")
