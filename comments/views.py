"""Posting a comment (post, redirect, get), replying, and the comment pages after the first."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView

from articles.models import Article
from articles.story_page import STORY_TEMPLATE, story_context
from newsroom import site_url

from . import drafts, moderation, once, ratelimit, spam
from .author import remember_author
from .forms import CommentForm
from .models import Comment
from .threads import comments_open, sort_from, thread_page

MAX_PAGE = 100_000

RECEIVED = "Cảm ơn bạn! Bình luận đã được gửi và đang chờ kiểm duyệt trước khi hiển thị."
CLOSED = "Bài viết này đã đóng bình luận. Bình luận của bạn chưa được gửi."
TOO_MANY = "Bạn đã gửi quá nhiều bình luận trong thời gian ngắn. Vui lòng thử lại sau ít phút."
NO_TOKEN = (
    "Biểu mẫu chưa có mã bảo mật của bạn (trình duyệt có thể đang tắt JavaScript hoặc cookie)."
    " Nội dung của bạn vẫn còn, vui lòng bấm Gửi bình luận lần nữa."
)
NO_ARTICLE = "Không tìm thấy bài viết bạn muốn bình luận. Bình luận của bạn chưa được gửi."


def public_article(pk) -> Article | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        Article.objects.published()
        .select_related("section__parent", "hero_image")
        .filter(pk=pk)
        .first()
    )


def render_article(request, article: Article, *, status: int, **context) -> TemplateResponse:
    """The story page again, as its own view renders it, with the comment form's state."""
    return TemplateResponse(
        request, STORY_TEMPLATE, story_context(article, **context), status=status
    )


@require_POST
def post_comment(request):
    """Store a reader's comment with the fate moderation gives it; send them back to the story.

    Only the request's side is here: which story, the form, retries, the rate limit and the
    answer. What becomes of the comment is moderation.fate's to say (comments/moderation.py).
    """
    article = public_article(request.POST.get("article"))
    if article is None:
        return render(
            request,
            "comments/comment_refused.html",
            {"message": NO_ARTICLE, "body": request.POST.get("body", "")},
            status=400,
        )
    # Before the form is read: the reader gets the notice and their text back, not its errors.
    if not comments_open(article):
        return refuse_closed(request, article)
    form = CommentForm(article, data=request.POST)
    if not form.is_valid():
        if only_too_fast(form):
            response = back_to_form(request, article, form)
            if response is not None:
                return response
        return render_article(request, article, status=400, comment_form=form)
    try:
        # A second click or a retry of a form that was stored: the same answer, nothing stored.
        earlier = once.earlier_comment(form)
        if earlier is not None:
            return received(request, article, earlier)
        ip_address = ratelimit.client_ip(request)
        # Counted only for posts that would be stored: a reader fixing errors is not held back.
        if not ratelimit.hit(ip_address):
            form.add_error(None, TOO_MANY)
            return render_article(request, article, status=429, comment_form=form)
        comment, _ = once.store(
            form,
            ip_address=ip_address,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            # The moderators' mail links to the host the reader used (unless SITE_URL says).
            origin=site_url.origin(request),
        )
    except once.FormReused:
        form.add_error(None, once.REUSED)
        return render_article(request, article, status=409, comment_form=form)
    except moderation.CommentsClosed:  # closed while the form was being read
        return refuse_closed(request, article)
    return received(request, article, comment)


def only_too_fast(form: CommentForm) -> bool:
    """Whether the one thing wrong is the form's timing: the text itself is fine."""
    return (
        list(form.errors) == [NON_FIELD_ERRORS]
        and len(form.errors[NON_FIELD_ERRORS]) == 1
        and form.has_error(NON_FIELD_ERRORS, "too_fast")
    )


def back_to_form(request, article: Article, form: CommentForm) -> HttpResponseRedirect | None:
    """Send the reader back to the form they came from (303), their text and the reason kept.

    A reply goes back to its reply page, any other to the story. None when the draft could not
    be kept (comments/drafts.py): then the form is answered on the spot, as for other errors.
    """
    parent = form.parent_comment
    path = reverse("comments:reply", args=[parent.pk]) if parent else article.get_absolute_url()
    response = HttpResponseRedirect(f"{path}#viet-binh-luan", status=303)
    fields = {
        "name": form.cleaned_data.get("name", ""),
        "email": form.cleaned_data.get("email", ""),
        "body": form.cleaned_data.get("body", ""),
        "parent": parent.pk if parent else None,
    }
    message = form.non_field_errors()[0]
    kept = drafts.keep(
        response, request, article_id=article.pk, path=path, fields=fields, message=message
    )
    return response if kept else None


def refuse_closed(request, article: Article) -> TemplateResponse:
    return render_article(
        request,
        article,
        status=403,
        comment_refusal=CLOSED,
        refused_body=request.POST.get("body", ""),
    )


def received(request, article: Article, comment: Comment):
    """Tell the reader their comment waits for moderation, back on the story."""
    # The tag tells the page's script that the draft kept in the browser can go.
    messages.success(request, RECEIVED, extra_tags="comment-received")
    response = redirect(f"{article.get_absolute_url()}#binh-luan")
    remember_author(response, request, comment)
    return response


@require_GET
@never_cache
def form_fields(request, article_pk: int):
    """This visitor's own hidden fields for a comment form on a page shared through a cache.

    A cached story page is the same for every reader, so it cannot carry a reader's CSRF
    token, nor the single-use signed token of the form (comments/once.py: a robot would
    reuse a shared one, and a page cached long ago would look old enough to any robot).
    static/js/comments.js fetches them from here when the reader starts writing; this
    answer sets the CSRF cookie and is never cached. The fields come as one name-to-value
    map, so a new per-visitor field needs no change to the script.
    """
    article = public_article(article_pk)
    if article is None or not comments_open(article):
        raise Http404("Bài viết không nhận bình luận.")
    fields = {"csrfmiddlewaretoken": get_token(request), "token": spam.make_token(article.pk)}
    return JsonResponse({"fields": fields})


class ReplyView(DetailView):
    """A page to answer one approved comment: works where JavaScript does not."""

    template_name = "comments/comment_reply.html"
    context_object_name = "parent"

    def get_queryset(self):
        public = Article.objects.published()
        return Comment.objects.approved().filter(article__in=public).select_related("article")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["article"] = self.object.article
        return context


class CommentListView(DetailView):
    """The story's comment threads after the first fifty, fifty to a page."""

    template_name = "comments/comment_list.html"
    context_object_name = "article"
    pk_url_kwarg = "article_pk"

    def get_queryset(self):
        return Article.objects.published().select_related("section")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            number = int(self.request.GET.get("trang", "1"))
        except ValueError:
            raise Http404("Trang không hợp lệ.") from None
        # Far beyond any story's comments, and small enough for the database's OFFSET.
        if not 1 <= number <= MAX_PAGE:
            raise Http404("Trang không hợp lệ.")
        page = thread_page(self.object.pk, number, sort=sort_from(self.request.GET))
        if number > 1 and not page.threads:
            raise Http404("Không còn bình luận.")
        context["page"] = page
        context["comments_open"] = comments_open(self.object)
        return context
