"""The desk's live page: one field and a button to post an entry, the entries below.

Reached from the story's change page ("Tường thuật trực tiếp"). Each action is a POST with the
CSRF token, naming what to do (`action`) and the entry; the steps themselves check who may
do it (articles/live/entries.py), so a crafted POST by anyone else is answered 403.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .. import uploads
from ..models import Article, LiveCoverage, LiveEntry, LiveGuest
from . import access, entries, guests, questions
from .entries import EntryError

TEMPLATE = "articles/live/desk.html"

DONE = {
    "post": "Đã đăng cập nhật.",
    "edit": "Đã lưu cập nhật.",
    "withdraw": "Đã rút cập nhật.",
    "approve": "Đã duyệt cập nhật.",
    "pin": "Đã ghim cập nhật.",
    "unpin": "Đã bỏ ghim.",
    "key": "Đã đánh dấu sự kiện chính.",
    "unkey": "Đã bỏ đánh dấu sự kiện chính.",
    "start": "Tường thuật đang diễn ra.",
    "end": "Tường thuật đã kết thúc.",
    "answer": "Đã đăng câu trả lời.",
    "qa_on": "Bài là buổi giao lưu trực tuyến: bạn đọc gửi được câu hỏi.",
    "qa_off": "Đã tắt giao lưu trực tuyến.",
    "guest_add": "Đã thêm khách mời.",
    "guest_remove": "Đã bỏ khách mời.",
}


def desk_url(article: Article) -> str:
    return reverse("articles:live-desk", args=[article.pk])


def _entry(article: Article, raw) -> LiveEntry:
    try:
        return LiveEntry.objects.select_related("article").get(pk=int(raw), article=article)
    except (TypeError, ValueError, LiveEntry.DoesNotExist):
        raise EntryError("Không tìm thấy cập nhật này trong bài.") from None


def _guest(article: Article, raw) -> LiveGuest | None:
    if not raw:
        return None
    try:
        return LiveGuest.objects.get(pk=int(raw), article=article)
    except (TypeError, ValueError, LiveGuest.DoesNotExist):
        raise EntryError("Không tìm thấy khách mời này.") from None


def act(request: HttpRequest, article: Article) -> str:
    """Do the POSTed action; its message, or EntryError / PermissionDenied."""
    data, user = request.POST, request.user
    action = data.get("action", "")
    key_event = data.get("key_event") == "on"
    if action == "post":
        entries.post(
            article,
            by=user,
            body=data.get("body", ""),
            headline=data.get("headline", ""),
            key_event=key_event,
            picture=request.FILES.get("picture"),
            caption=data.get("caption", ""),
        )
    elif action == "edit":
        entry = _entry(article, data.get("entry"))
        entries.edit(
            entry, by=user, body=data.get("body", ""), headline=data.get("headline", ""),
            key_event=key_event,
        )  # fmt: skip
    elif action in {"withdraw", "approve"}:
        getattr(entries, action)(_entry(article, data.get("entry")), by=user)
    elif action in {"pin", "unpin"}:
        entries.set_pinned(_entry(article, data.get("entry")), action == "pin", by=user)
    elif action in {"key", "unkey"}:
        entries.set_key_event(_entry(article, data.get("entry")), action == "key", by=user)
    elif action in {"start", "end"}:
        getattr(entries, action)(article, by=user)
    elif action == "answer":
        try:
            question = int(data.get("question", ""))
        except ValueError:
            raise EntryError("Không tìm thấy câu hỏi này.") from None
        questions.answer(article, question, by=user, body=data.get("body", ""))
    elif action in {"qa_on", "qa_off"}:
        guests.set_qa(article, action == "qa_on", by=user)
    elif action == "guest_add":
        guests.add_guest(
            article,
            by=user,
            name=data.get("name", ""),
            office=data.get("office", ""),
            photo=data.get("photo", ""),
        )
    elif action == "guest_remove":
        guest = _guest(article, data.get("guest"))
        if guest is None:
            raise EntryError("Không tìm thấy khách mời này.")
        guests.remove_guest(guest, by=user)
    else:
        raise EntryError("Thao tác không hợp lệ.")
    return DONE[action]


@never_cache
def live_desk(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page. POST: one action, then back to the page (post, redirect, get)."""
    if not request.user.is_authenticated:
        if request.method != "GET":
            raise PermissionDenied("Bạn cần đăng nhập.")
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    article = get_object_or_404(Article.objects.select_related("section"), pk=pk)
    if not access.may_post(request.user, article):
        raise PermissionDenied("Bạn không được tường thuật bài này.")
    if article.kind != Article.Kind.LIVE:
        messages.error(request, "Bài này không phải bài tường thuật trực tiếp.")
        return redirect("admin:articles_article_change", article.pk)
    typed = {}
    if request.method == "POST":
        try:
            messages.success(request, act(request, article))
        except EntryError as error:
            messages.error(request, str(error))
            typed = {
                "body": request.POST.get("body", ""),
                "headline": request.POST.get("headline"),
                "caption": request.POST.get("caption", ""),
            }
        else:
            return redirect(desk_url(article))
    return TemplateResponse(request, TEMPLATE, context(request, article, typed), status=200)


def context(request: HttpRequest, article: Article, typed: dict) -> dict:
    user = request.user
    editing = None
    if raw := request.GET.get("sua"):
        try:
            editing = _entry(article, raw)
        except EntryError as error:
            messages.error(request, str(error))
    rows = list(
        LiveEntry.objects.filter(article=article)
        .exclude(state=LiveEntry.State.WITHDRAWN)
        .select_related("guest")
        .order_by("-posted_at", "-pk")
    )
    return {
        "title": f"Tường thuật trực tiếp: {article.title}",
        "article": article,
        "coverage": LiveCoverage.objects.filter(article=article).first(),
        "entries": rows,
        "editing": editing,
        "typed": typed,
        "picture_types": uploads.ACCEPT,
        "may_approve": access.may_approve(user, article),
        "shows_at_once": access.shows_at_once(user, article),
        "guests": list(article.live_guests.all()),
        "questions": questions.picked(article),
        "has_permission": True,
        "site_header": "Tòa soạn",
    }
