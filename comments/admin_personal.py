"""The moderators' page for a reader's request to erase their data, and the log of erasures.

Thin over comments/personal_data.py: enter the email, see how many comments it sent, choose
to keep them anonymised or delete them, confirm. Moderators and editors have the right
(`comments.erase_personal_data`, newsroom/roles.py); journalists do not. The log is read only:
nobody adds, changes or deletes an entry by hand.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from newsroom.admin_lists import RecordAdminMixin, compact_time

from . import personal_data
from .models import Erasure

PERMISSION = "comments.erase_personal_data"
KEEP, DELETE = "keep", "delete"


class FindForm(forms.Form):
    email = forms.EmailField(
        label="Email của bạn đọc",
        max_length=254,
        error_messages={
            "required": "Hãy nhập email bạn đọc đã dùng khi bình luận.",
            "invalid": "Địa chỉ email không hợp lệ, ví dụ: ten@example.com.",
        },
    )


class EraseForm(FindForm):
    choice = forms.ChoiceField(
        label="Với các bình luận",
        widget=forms.RadioSelect,
        choices=[
            (KEEP, "Giữ bình luận, ẩn danh: xóa email và IP, bình luận vẫn ký bằng tên"),
            (DELETE, "Xóa hẳn các bình luận (cùng các trả lời cho chúng)"),
        ],
        error_messages={"required": "Hãy chọn giữ (ẩn danh) hay xóa các bình luận."},
    )


def erase_view(model_admin, request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied("Bạn không có quyền xóa dữ liệu cá nhân của bạn đọc.")
    if request.method == "POST":
        form = EraseForm(request.POST)
        if form.is_valid():
            email, keep = form.cleaned_data["email"], form.cleaned_data["choice"] == KEEP
            erasure = personal_data.erase(email, by=request.user, keep=keep)
            done = "ẩn danh (đã xóa email và IP)" if keep else "xóa"
            model_admin.message_user(
                request,
                f"Đã {done} {erasure.comment_count} bình luận của email này; việc xóa được ghi"
                " vào nhật ký (không lưu email).",
                messages.SUCCESS,
            )
            return redirect("admin:comments_erasure_changelist")
        find = FindForm(request.POST)
    else:
        find = FindForm(request.GET if "email" in request.GET else None)
        form = None
    count = None
    if find.is_valid():
        count = personal_data.comments_of(find.cleaned_data["email"]).count()
        form = form or EraseForm(initial={"email": find.cleaned_data["email"]})
    return TemplateResponse(
        request,
        "admin/comments/erase_personal_data.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": "Xóa dữ liệu cá nhân của bạn đọc",
            "opts": model_admin.model._meta,
            "find": find,
            "form": form,
            "count": count,
            "days": settings.COMMENT_PERSONAL_DAYS,
        },
    )


def urls(model_admin) -> list:
    return [
        path(
            "du-lieu-ca-nhan/",
            model_admin.admin_site.admin_view(lambda request: erase_view(model_admin, request)),
            name="comments_comment_erase",
        )
    ]


@admin.register(Erasure)
class ErasureAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["when", "by", "comment_count", "kept_or_deleted", "email_hash"]
    list_select_related = ["by"]
    fields = ["at", "by", "email_hash", "comment_count", "kept"]
    search_fields = ["email_hash"]
    change_list_template = "admin/comments/erasure/change_list.html"

    @admin.display(description=_("lúc"), ordering="at")
    def when(self, erasure):
        return compact_time(erasure.at)

    @admin.display(description=_("bình luận"), ordering="kept")
    def kept_or_deleted(self, erasure):
        return "Giữ, ẩn danh" if erasure.kept else "Đã xóa"

    def get_search_results(self, request, queryset, search_term):
        # An email typed in the search box is looked for by its hash: the log holds no email.
        if "@" in search_term:
            return queryset.filter(email_hash=personal_data.email_hash(search_term)), False
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request, extra_context=None):
        extra = {"erase_url": reverse("admin:comments_comment_erase")}
        return super().changelist_view(request, {**extra, **(extra_context or {})})
