"""The desk's "Gỡ theo yêu cầu": taking a story down on request, the editor-in-chief only.

A button on the story form and an action on the list both lead to one confirmation page that
asks the reason (who asked, by which document), then call `workflow.take_down`, which checks
the right again: a crafted POST from anyone else is refused there (403 here). Thin over the
step; `TakeDownMixin` goes in ArticleAdmin's bases.
"""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import workflow

TEMPLATE = "admin/articles/article/take_down.html"
REASON_REQUIRED = "Hãy ghi lý do gỡ bài (ai yêu cầu, văn bản nào): lý do được lưu cùng bài."


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label="Lý do gỡ bài",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
        help_text=(
            "Ai yêu cầu gỡ, theo văn bản nào (số, ngày). Lý do được lưu cùng bài để thanh tra"
            " xem; bạn đọc không thấy lý do."
        ),
        error_messages={"required": REASON_REQUIRED},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(REASON_REQUIRED)
        return reason


def _page(model_admin, request, articles, form, *, action: bool) -> TemplateResponse:
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            **model_admin.admin_site.each_context(request),
            "title": "Gỡ bài theo yêu cầu",
            "opts": model_admin.model._meta,
            "articles": articles,
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


def take_down_view(model_admin, request, object_id):
    """The story form's button: ask the reason, then take the story down."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404("Không có bài này.")
    if not workflow.can_take_down(request.user):
        raise PermissionDenied("Chỉ tổng biên tập được gỡ bài theo yêu cầu.")
    form = TakeDownForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            workflow.take_down(article, by=request.user, reason=form.cleaned_data["reason"])
        except workflow.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            model_admin.message_user(
                request,
                f"Đã gỡ bài “{article.title}” theo yêu cầu: địa chỉ của bài báo cho bạn đọc"
                " “Bài viết đã được gỡ” (410); nội dung và bình luận vẫn được lưu.",
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    return _page(model_admin, request, [article], form, action=False)


class TakeDownMixin:
    """For ArticleAdmin: the confirmation page, its list action and the form's button."""

    def has_take_down_permission(self, request) -> bool:
        return workflow.can_take_down(request.user)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/go-theo-yeu-cau/",
                wrap(partial(take_down_view, self)),
                name="articles_article_take_down",
            ),
            *super().get_urls(),
        ]

    @admin.action(
        description=_("Gỡ theo yêu cầu (tổng biên tập; cần lý do, địa chỉ bài báo đã gỡ)"),
        permissions=["take_down"],
    )
    def take_down_articles(self, request, queryset):
        form = TakeDownForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            self._run(
                request,
                queryset,
                workflow.take_down,
                "Đã gỡ theo yêu cầu {n} bài.",
                reason=form.cleaned_data["reason"],
            )
            return None
        return _page(self, request, queryset, form, action=True)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["can_take_down"] = workflow.may_take_down(request.user, obj)
            context["taken_down_stays_down"] = workflow.TAKEN_DOWN_STAYS_DOWN
        return super().render_change_form(request, context, add, change, form_url, obj)
