"""Thin views over comments/reactions.py: like, report, and this visitor's own state.

Each acting view answers JSON to the page's script (it asks with `Accept: application/json`)
and post-redirect-get to a browser without JavaScript.
"""

from functools import partial

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import ratelimit, reactions
from .ids import as_id
from .models import Comment, CommentReport
from .threads import comments_open
from .views import public_article

CLOSED = "Bài viết này đã đóng bình luận, không nhận thêm lượt thích."
TOO_MANY_LIKES = "Bạn đã thích quá nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau."
TOO_MANY_REPORTS = (
    "Bạn đã báo vi phạm quá nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau."
)
LIKED = "Bạn đã thích bình luận này."
REPORTED = "Cảm ơn bạn đã báo vi phạm. Ban biên tập sẽ xem lại bình luận này."
LIKE_AGAIN = (
    "Trang bạn đang xem được lưu sẵn cho mọi bạn đọc, nên lượt thích chưa được ghi. "
    "Nhấn “Thích” một lần nữa để xác nhận."
)


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def refused(request, error: reactions.Refused, comment=None):
    if wants_json(request):
        return JsonResponse({"message": error.message}, status=error.status)
    context = {"message": error.message, "comment": comment, "title": "Chưa thực hiện được"}
    return render(request, "comments/comment_reaction.html", context, status=error.status)


def done(request, comment, browser: str, message: str, **data):
    if wants_json(request):
        response = JsonResponse({"message": message, **data})
    else:
        messages.success(request, message)
        response = redirect(comment.get_absolute_url())
    if reactions.browser_id(request) != browser:
        reactions.remember_browser(response, request, browser)
    return response


@require_POST
def like(request, pk: int):
    """One like from this browser of an approved comment on the story the form names."""
    try:
        comment = reactions.target(pk, request.POST.get("article"))
        if not comments_open(comment.article):
            raise reactions.Refused(CLOSED, 403)
        browser = reactions.browser_id(request) or reactions.new_browser_id()
        network = ratelimit.network(ratelimit.client_ip(request))
        counted = partial(reactions.likes_from, network)
        if not ratelimit.hit(network, scope="like", counted=counted):
            raise reactions.Refused(TOO_MANY_LIKES, 429)
        count = reactions.like(comment, browser, network)
    except reactions.Refused as error:
        return refused(request, error)
    return done(request, comment, browser, LIKED, count=count)


def like_again(request, pk: int):
    """A like refused by the CSRF check (a cached page, no JavaScript): confirm it once more.

    The shared page's form cannot carry this browser's token; this page's form does.
    """
    try:
        comment = reactions.target(pk, request.POST.get("article"))
    except reactions.Refused as error:
        return refused(request, error)
    context = {"comment": comment, "message": LIKE_AGAIN}
    return render(request, "comments/comment_like.html", context, status=403)


@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    """A page to report an approved comment with a reason; the same form posts here."""
    article_pk = request.POST.get("article") if request.method == "POST" else None
    try:
        if request.method == "GET":
            found = as_id(pk) and (
                Comment.objects.visible().filter(pk=pk).values("article_id").first()
            )
            article_pk = found and found["article_id"]
        comment = reactions.target(pk, article_pk)
        reactions.reportable(comment)
    except reactions.Refused as error:
        return refused(request, error)
    if request.method == "GET":
        context = {"comment": comment, "reasons": CommentReport.Reason.choices}
        return render(request, "comments/comment_report.html", context)
    browser = reactions.browser_id(request) or reactions.new_browser_id()
    network = ratelimit.network(ratelimit.client_ip(request))
    try:
        counted = partial(reactions.reports_from, network)
        if not ratelimit.hit(network, scope="report", counted=counted):
            raise reactions.Refused(TOO_MANY_REPORTS, 429)
        hidden = reactions.report(comment, browser, network, request.POST.get("reason", ""))
    except reactions.Refused as error:
        if error.status == 400 and not wants_json(request):
            context = {"comment": comment, "reasons": CommentReport.Reason.choices}
            context["error"] = error.message
            return render(request, "comments/comment_report.html", context, status=400)
        return refused(request, error, comment)
    return done(request, comment, browser, REPORTED, hidden=hidden)


@require_GET
@never_cache
def visitor_state(request, article_pk: int):
    """Like counts and this browser's likes and reports, for a story page from a shared cache.

    Never cached, and it carries the visitor's CSRF token for the like and report posts.
    """
    if as_id(article_pk) is None or public_article(article_pk) is None:
        raise Http404("Không tìm thấy bài viết.")
    state = reactions.visitor_state(article_pk, reactions.browser_id(request))
    return JsonResponse({**state, "csrf": get_token(request)})
