"""Who may do what with a live story's entries: post, show at once, approve, run the coverage."""

from django.conf import settings

from ..models import Article, Contributor
from ..workflow import can_edit, can_publish


def may_post(user, article: Article) -> bool:
    """Desk users who may change the story: its editors, its author, its credited writers."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if not user.has_perm("articles.change_article"):
        return False
    if can_publish(user) or can_edit(user, article) or article.author_id == user.pk:
        return True
    return Contributor.objects.filter(article=article, person__user=user).exists()


def shows_at_once(user, article: Article) -> bool:
    """An entry from someone who may publish the story shows at once, unless the setting says
    every entry waits for an editor's approval."""
    return not settings.LIVE_ENTRIES_NEED_APPROVAL and can_publish(user)


def may_approve(user, article: Article) -> bool:
    """Editors approve entries, pin them and start or end the coverage."""
    return may_post(user, article) and can_publish(user)
