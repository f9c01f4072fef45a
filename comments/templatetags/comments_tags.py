"""The comment block of a story page: the cached list of threads and the reader's form."""

import logging

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.pages import comments_area
from comments import drafts
from comments.author import author_memory, remembered_email
from comments.forms import CommentForm
from comments.models import Comment
from comments.questions import takes_questions
from comments.queue import shown_text
from comments.spam import held_for_links
from comments.threads import comments_open, sort_from, thread_page
from pagecache.fragments import parts
from pagecache.middleware import is_shared

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def comment_list(context, article) -> str:
    """The first page of approved threads in the reader's order, rendered once per change.

    Kept with the page cache's parts under the story's `comments:<pk>` area, which
    moderation purges (articles/pages.py); without the cache it costs two queries.
    """
    # A preview shows the threads without their like forms: its no-referrer header makes the
    # browser send `Origin: null`, which the CSRF check refuses (articles/preview.py).
    is_open = comments_open(article) and not context.get("preview")
    request = context.get("request")
    sort = sort_from(request.GET if request is not None else {})

    def render(_):
        page = thread_page(article.pk, sort=sort)
        return render_to_string(
            "comments/includes/comment_threads.html",
            {"article": article, "page": page, "open": is_open},
        )

    name = f"comments:{article.pk}:{int(is_open)}:{sort}"
    html = parts({name: ((comments_area(article.pk),), render)})[name]
    # Rendered by our own autoescaping template just above (or earlier, from the cache).
    return mark_safe(html)


FORM_TEMPLATE = "comments/includes/comment_form.html"


@register.simple_tag(takes_context=True)
def comment_form(context, article, reply_to=None) -> str:
    """The form (or the closed notice), keeping what the reader typed and who they are.

    On a page shared by every reader the form carries nobody's tokens (the browser fetches
    its own) and is the same for everyone, so it is rendered once and kept with the page parts.
    """
    request = context.get("request")
    shared = request is not None and is_shared(request)
    if shared and reply_to is None and context.get("comment_form") is None:

        def render(_):
            return render_to_string(FORM_TEMPLATE, form_context(context, article))

        # A live Q&A's form has the question box (comments/questions.py): its own part.
        asks = int(takes_questions(article))
        name = f"comment-form:{article.pk}:{int(comments_open(article))}:{asks}"
        html = parts({name: ((), render)})[name]
    else:
        html = render_to_string(FORM_TEMPLATE, form_context(context, article, reply_to))
    # Rendered by our own autoescaping template (or earlier, from the cache).
    return mark_safe(html)


def form_context(context, article, reply_to=None) -> dict:
    request = context.get("request")
    shared = request is not None and is_shared(request)
    memory = author_memory(request) if request is not None and not shared else {}
    form = context.get("comment_form")
    draft = drafts.take(request, article.pk) if request is not None and not shared else None
    notice = ""
    if draft is not None and (form is None or form.article.pk != article.pk):
        # Sent too fast (comments/views.py back_to_form): the same text, a fresh timestamp.
        form = CommentForm(article, initial=draft["fields"])
        notice = draft["message"]
        parent_pk = draft["fields"].get("parent")
        if parent_pk and reply_to is None:
            reply_to = Comment.objects.approved().filter(pk=parent_pk, article=article).first()
    elif form is None or form.article.pk != article.pk:
        form = CommentForm(
            article,
            initial={
                "name": memory.get("name", ""),
                "email": remembered_email(memory),
                "parent": reply_to.pk if reply_to else None,
            },
        )
    elif form.parent_comment is not None:
        reply_to = form.parent_comment
    pending_ids = [pk for pk in memory.get("pending", []) if isinstance(pk, int)]
    # Spam is shown to its sender as waiting too (the filter's verdict is not for robots to
    # read), but for too many links, which a person can mend (spam.held_for_links).
    waiting = [Comment.Status.PENDING, Comment.Status.SPAM]
    own_pending = (
        list(
            Comment.objects.filter(
                pk__in=pending_ids, article=article, status__in=waiting
            ).select_related("parent")
        )
        if pending_ids
        else []
    )
    for comment in own_pending:
        # Of the filter's reasons only the links are told: its blocked words are not.
        comment.held_for_links = comment.status == Comment.Status.SPAM and held_for_links(
            comment.spam_reason
        )
    return {
        "article": article,
        "form": form,
        "open": comments_open(article),
        "reply_to": reply_to,
        "own_waiting": [comment for comment in own_pending if not comment.held_for_links],
        "own_held": [comment for comment in own_pending if comment.held_for_links],
        "notice": notice,
        "max_links": settings.COMMENT_MAX_LINKS,
        "refusal": context.get("comment_refusal", ""),
        "refused_body": context.get("refused_body", ""),
        "shared": shared,
        "csrf_token": None if shared else context.get("csrf_token"),
    }


@register.simple_tag
def queue_text(text: str) -> str:
    """A comment's whole text for the moderation queue: escaped, links shown but not active."""
    return shown_text(text)
