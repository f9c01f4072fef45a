"""The desk's own pages beside the admin's forms: preview, share links and the picture picker.

Plain views over `articles.preview` and the models; `ArticleAdmin.get_urls` and
`ImageAdmin.get_urls` wire them in (`article_urls`, `image_urls`), behind the admin's login.
"""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods, require_POST

from newsroom import desk_search, site_url
from newsroom.vietnamese import date_time

from . import form_preview, preview, workflow
from .admin_forms import ImageForm
from .models import Article, Image, ShareLink, Tag


def article_urls(model_admin) -> list:
    """The story pages: preview (saved, or the form's contents), make a share link, revoke one;
    the tags that exist, for the story form's "Thẻ" box (static/admin/js/tag_suggest.js)."""
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "preview/",
            wrap(require_POST(partial(new_story_preview_view, model_admin))),
            name="articles_article_form_preview",
        ),
        path(
            "<path:object_id>/preview/",
            wrap(require_http_methods(["GET", "POST"])(partial(preview_view, model_admin))),
            name="articles_article_preview",
        ),
        path(
            "<path:object_id>/share/",
            wrap(require_POST(partial(share_view, model_admin))),
            name="articles_article_share",
        ),
        path(
            "tags/",
            wrap(partial(tag_suggestions_view, model_admin)),
            name="articles_article_tags",
        ),
        path(
            "share/<int:link_id>/revoke/",
            wrap(require_POST(partial(revoke_share_view, model_admin))),
            name="articles_sharelink_revoke",
        ),
    ]


def image_urls(model_admin) -> list:
    """The picture picker the body editor opens."""
    return [
        path(
            "picker/",
            model_admin.admin_site.admin_view(partial(picker_view, model_admin)),
            name="articles_image_picker",
        ),
    ]


def _article_or_404(model_admin, request, object_id) -> Article:
    article = model_admin.get_object(request, unquote(object_id))
    if article is None or not model_admin.has_view_or_change_permission(request, article):
        raise Http404("Không có bài này.")
    return article


def preview_view(model_admin, request, object_id):
    """The story as readers will see it, for anyone on the desk who may see the story.

    A POST is the change form's "Xem trước" button: the page with what the form holds now, not
    saved, for those who may edit the story.
    """
    article = _article_or_404(model_admin, request, object_id)
    if request.method == "GET":
        return preview.render_preview(request, article, banner="staff")
    if not model_admin.has_change_permission(request, article):
        raise PermissionDenied
    return form_preview.render_form_preview(
        request, *form_preview.story_from_form(model_admin, request, article)
    )


def new_story_preview_view(model_admin, request):
    """The add form's "Xem trước" button: a story not saved yet, as readers would see it."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    return form_preview.render_form_preview(
        request, *form_preview.story_from_form(model_admin, request, None)
    )


def share_view(model_admin, request, object_id):
    """Make a share link (editors only) and show it in the change form's messages."""
    article = _article_or_404(model_admin, request, object_id)
    # A story taken down on request is shown to no one outside the desk.
    if not workflow.can_publish(request.user) or article.status == Article.Status.TAKEN_DOWN:
        raise PermissionDenied
    link = ShareLink.objects.create(
        article=article,
        created_by=request.user,
        expires_at=timezone.now() + timedelta(hours=preview.share_link_hours()),
    )
    url = site_url.absolute(preview.share_url(link), request)
    model_admin.message_user(
        request,
        format_html(
            "Liên kết xem trước (hết hạn lúc {} giờ Việt Nam): "
            '<a href="{}" class="share-url">{}</a>',
            date_time(link.expires_at),
            url,
            url,
        ),
        messages.SUCCESS,
    )
    return redirect("admin:articles_article_change", article.pk)


def revoke_share_view(model_admin, request, link_id):
    """Revoke a share link now (editors only)."""
    link = get_object_or_404(ShareLink.objects.select_related("article"), pk=link_id)
    if not workflow.can_publish(request.user):
        raise PermissionDenied
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    model_admin.message_user(request, "Đã thu hồi liên kết xem trước.", messages.SUCCESS)
    return redirect("admin:articles_article_change", link.article_id)


# How many tags the "Thẻ" box offers at once.
TAG_SUGGESTIONS = 8


def tag_suggestions_view(model_admin, request):
    """The tags whose names hold the words of `?q=`, folded, for whoever writes stories."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    query = request.GET.get("q", "")
    names = []
    if query.strip():
        found = desk_search.search(Tag.objects.all(), ["name"], query)
        names = list(found.order_by("name").values_list("name", flat=True)[:TAG_SUGGESTIONS])
    return JsonResponse({"tags": names})


def picker_view(model_admin, request):
    """The editor's "Browse..." window: upload a picture or choose one, then insert it.

    It speaks CKEditor's file-browser protocol although the body editor is prose-editor:
    prose-editor's Figure extension opens `pickerUrl?CKEditorFuncNum=n` and answers
    `window.CKEDITOR.tools.callFunction(n, url, {...})`, so any CKEditor-style browser
    works with it. `static/admin/js/image_picker.js` makes that call.
    """
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    can_add = model_admin.has_add_permission(request)
    form = ImageForm(request.POST or None, request.FILES or None) if can_add else None
    chosen = None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            chosen = form.save()
    query = request.GET.get("q", "").strip()
    pictures = Image.objects.all()
    if query:
        pictures = desk_search.search(pictures, ["alt_text", "caption"], query)
    return TemplateResponse(
        request,
        "admin/articles/image/picker.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": "Chọn hoặc tải ảnh lên",
            "opts": model_admin.model._meta,
            "is_popup": True,
            "form": form,
            "chosen": chosen,
            "pictures": pictures[:60],
            "query": query,
            "func_num": request.GET.get("CKEditorFuncNum", ""),
        },
    )
