"""Corrections on the desk: the form page of a story's correction, the list with its
approve action for the editor-in-chief. Thin over `steps`."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from newsroom.admin_lists import RecordAdminMixin

from ..models import Correction
from . import steps


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại"), choices=Correction.Kind.choices, widget=forms.RadioSelect
    )
    place = forms.ChoiceField(
        label=_("Vị trí trên bài"), choices=Correction.Place.choices, initial="top"
    )
    note = forms.CharField(
        label=_("Nội dung đính chính (điều gì đã được sửa)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wrong = forms.CharField(
        label=_("Thông tin sai"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    corrected = forms.CharField(
        label=_("Thông tin đúng"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    apology = forms.CharField(
        label=_("Lời xin lỗi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        initial="Tòa soạn thành thật xin lỗi bạn đọc và những người liên quan.",
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Correction.Kind.NOTE:
            if not (data.get("note") or "").strip():
                self.add_error("note", "Hãy ghi nội dung đính chính: điều gì đã được sửa.")
        elif data.get("kind") == Correction.Kind.APOLOGY:
            for name, label in [
                ("wrong", "thông tin sai"),
                ("corrected", "thông tin đúng"),
                ("apology", "lời xin lỗi"),
            ]:
                if not (data.get(name) or "").strip():
                    self.add_error(name, f"Cải chính theo Điều 42 cần {label}.")
        return data


def correction_view(model_admin, request, object_id):
    """The correction form of a story: a dated note, shown at once, or a correction with an
    apology that waits for the editor-in-chief. A refused form comes back with its text."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("Không có bài này.")
    if not steps.can_file(request.user, article):
        raise PermissionDenied("Chỉ biên tập viên đính chính, cải chính được bài đang đăng.")
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == Correction.Kind.NOTE:
                steps.add_note(article, by=request.user, note=data["note"], place=data["place"])
                done = "Đã đăng đính chính trên bài."
            else:
                steps.file_apology(
                    article,
                    by=request.user,
                    wrong=data["wrong"],
                    corrected=data["corrected"],
                    apology=data["apology"],
                    place=data["place"],
                )
                done = "Đã gửi thông tin cải chính, xin lỗi: chờ tổng biên tập duyệt."
        except steps.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            model_admin.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    return TemplateResponse(
        request,
        "admin/articles/article/correction_form.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": f"Đính chính, cải chính: {article.title}",
            "opts": model_admin.model._meta,
            "original": article,
            "form": form,
            "corrections": list(article.corrections.select_related("created_by", "approved_by")),
        },
    )


class CorrectionDeskMixin:
    """For ArticleAdmin: the story's correction page."""

    def get_urls(self):
        return [
            path(
                "<path:object_id>/cai-chinh/",
                self.admin_site.admin_view(partial(correction_view, self)),
                name="articles_article_correction",
            ),
            *super().get_urls(),
        ]


def panel(user, article) -> dict:
    """What the story form shows of the story's corrections."""
    if article.pk is None:
        return {}
    return {
        "can_correct": steps.can_file(user, article),
        "story_corrections": list(article.corrections.all()),
    }


@admin.register(Correction)
class CorrectionAdmin(RecordAdminMixin, admin.ModelAdmin):
    """Every correction, those waiting for approval first to hand."""

    list_display = ["article", "kind", "status", "created_by", "created_at", "published_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title", "story_title"]
    actions = ["approve_corrections"]
    readonly_fields = [
        "article",
        "kind",
        "status",
        "place",
        "note",
        "story_title",
        "story_section",
        "story_published_at",
        "wrong",
        "corrected",
        "apology",
        "created_by",
        "approved_by",
        "published_at",
    ]

    def has_approve_permission(self, request) -> bool:
        return steps.can_approve(request.user)

    @admin.action(description=_("Duyệt và đăng các cải chính đã chọn"), permissions=["approve"])
    def approve_corrections(self, request, queryset):
        done, refused = 0, []
        for correction in queryset.filter(status=Correction.Status.PENDING):
            try:
                steps.approve(correction, by=request.user)
            except (steps.WorkflowError, PermissionDenied) as error:
                refused.append(str(error))
            else:
                done += 1
        if done:
            self.message_user(request, f"Đã duyệt và đăng {done} cải chính.", messages.SUCCESS)
        if refused or not done:
            self.message_user(
                request,
                "Không duyệt được: " + ("; ".join(refused) or "không có cải chính nào chờ duyệt."),
                messages.WARNING,
            )
