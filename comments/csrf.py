"""The CSRF check's refusals (CSRF_FAILURE_VIEW): what a reader typed is never lost.

Here rather than in views.py, since it answers for both the comment form (views.py) and the
like button (reaction_views.py), which imports views.py.
"""

from django.forms.utils import ErrorDict
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse

from . import reaction_views, views
from .forms import CommentForm
from .threads import comments_open


def csrf_failure(request, reason: str = ""):
    """A form refused by the CSRF check: a comment comes back ready to send again.

    A story page served from the cache has no CSRF token in its comment form; the script
    fetches one (see views.form_fields). Without JavaScript the first post is refused here, and
    the reader gets the story again with what they typed, their own tokens and a word on
    what to do: the second press of the button goes through. A like gets the same: a page
    with the comment and its own "Thích" button. Any other form gets the Vietnamese
    explanation in 403_csrf.html.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name == "comments:like":
        return reaction_views.like_again(request, match.kwargs["pk"])
    article = None
    if request.path == reverse("comments:post"):
        article = views.public_article(request.POST.get("article"))
    if article is None or not comments_open(article):
        return render(request, "403_csrf.html", status=403)
    form = CommentForm(article, data=request.POST)
    form.cleaned_data, form._errors = {}, ErrorDict()
    form.add_error(None, views.NO_TOKEN)
    return views.render_article(request, article, status=403, comment_form=form)
