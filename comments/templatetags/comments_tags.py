"""The comment block of a story page: the cached list of threads and the reader's form."""

import logging
from contextlib import suppress

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments.author import author_memory
from comments.forms import CommentForm
from comments.list_cache import LIST_CACHE_SECONDS, list_key
from comments.models import Comment
from comments.threads import comments_open, thread_page

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def comment_list(article) -> str:
    """The first page of approved threads, rendered once per moderation change."""
    is_open = comments_open(article)
    try:
        key = list_key(article.pk, is_open=is_open)
        html = cache.get(key)
    except Exception:
        # Without the cache the page costs two more queries; it must not fail.
        logger.exception("Comment list cache unavailable")
        key, html = None, None
    if html is None:
        page = thread_page(article.pk)
        html = render_to_string(
            "comments/includes/comment_threads.html",
            {"article": article, "page": page, "open": is_open},
        )
        if key is not None:
            with suppress(Exception):
                cache.set(key, html, LIST_CACHE_SECONDS)
    # Rendered by our own autoescaping template just above (or earlier, from the cache).
    return mark_safe(html)


@register.inclusion_tag("comments/includes/comment_form.html", takes_context=True)
def comment_form(context, article, reply_to=None):
    """The form (or the closed notice), keeping what the reader typed and who they are."""
    request = context.get("request")
    memory = author_memory(request) if request is not None else {}
    form = context.get("comment_form")
    if form is None or form.article.pk != article.pk:
        form = CommentForm(
            article,
            initial={
                "name": memory.get("name", ""),
                "email": memory.get("email", ""),
                "parent": reply_to.pk if reply_to else None,
            },
        )
    elif form.parent_comment is not None:
        reply_to = form.parent_comment
    pending_ids = [pk for pk in memory.get("pending", []) if isinstance(pk, int)]
    # Spam is shown to its sender as waiting too: the filter's verdict is not for robots to read.
    waiting = [Comment.Status.PENDING, Comment.Status.SPAM]
    own_pending = (
        list(Comment.objects.filter(pk__in=pending_ids, article=article, status__in=waiting))
        if pending_ids
        else []
    )
    return {
        "article": article,
        "form": form,
        "open": comments_open(article),
        "reply_to": reply_to,
        "own_pending": own_pending,
        "refusal": context.get("comment_refusal", ""),
        "refused_body": context.get("refused_body", ""),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def pending_comment_count() -> int:
    """How many comments wait for a moderator (the admin index shows it)."""
    return Comment.objects.pending().count()
