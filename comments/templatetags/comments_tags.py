"""The comment block of a story page: the cached list of threads and the reader's form."""

import logging
from contextlib import suppress

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments.author import author_memory, remembered_email
from comments.forms import CommentForm
from comments.models import Comment
from comments.moderation import cache_version
from comments.queue import shown_text
from comments.threads import comments_open, sort_from, thread_page
from newsroom.pagecache.middleware import is_shared

register = template.Library()
logger = logging.getLogger(__name__)

# Moderation purges the list at once; the timeout only bounds what an idle cache keeps.
LIST_CACHE_SECONDS = 600


@register.simple_tag(takes_context=True)
def comment_list(context, article) -> str:
    """The first page of approved threads in the reader's order, rendered once per change."""
    is_open = comments_open(article)
    request = context.get("request")
    sort = sort_from(request.GET if request is not None else {})
    try:
        version = cache_version(article.pk)
        key = f"comments:list:{article.pk}:{version}:{int(is_open)}:{sort}"
        html = cache.get(key)
    except Exception:
        # Without the cache the page costs two more queries; it must not fail.
        logger.exception("Comment list cache unavailable")
        key, html = None, None
    if html is None:
        page = thread_page(article.pk, sort=sort)
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
    # A page shared by every reader carries nobody's tokens: the browser fetches its own.
    shared = request is not None and is_shared(request)
    memory = author_memory(request) if request is not None and not shared else {}
    form = context.get("comment_form")
    if form is None or form.article.pk != article.pk:
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
        "shared": shared,
        "csrf_token": None if shared else context.get("csrf_token"),
    }


@register.simple_tag
def pending_comment_count() -> int:
    """How many comments wait for a moderator (the admin index shows it)."""
    return Comment.objects.pending().count()


@register.simple_tag
def queue_text(text: str) -> str:
    """A comment's whole text for the moderation queue: escaped, links shown but not active."""
    return shown_text(text)
