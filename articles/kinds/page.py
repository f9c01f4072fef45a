"""A kind's story page: its template, and the parts it shows besides the text story's.

Every kind's template (`templates/articles/kinds/<kind>.html`) extends the text story's
(`articles/article_detail.html`) and fills its blocks; the story page's one template
(`articles/story.html`) extends whichever `template_for` names, so the detail view, the
previews and the comment pages show each kind alike.
"""

from ..body_images import BODY_SIZES
from ..models import Article, GalleryPicture, Kind

TEXT_TEMPLATE = "articles/article_detail.html"
# The kinds with a page of their own; a live story's is the live coverage's (text until then).
OWN_PAGE = (Kind.PHOTO, Kind.VIDEO, Kind.AUDIO, Kind.LONGFORM, Kind.INFOGRAPHIC, Kind.LIVE)
# A long-form story's pictures between its sections take the whole width of the screen.
FULL_WIDTH = "100vw"


def template_for(article: Article) -> str:
    """The page template of `article`'s kind, the text story's for a kind without its own."""
    return f"articles/kinds/{article.kind}.html" if article.kind in OWN_PAGE else TEXT_TEMPLATE


def body_sizes(article: Article) -> str:
    """How wide the body's pictures are drawn: a long-form story's fill the screen."""
    return FULL_WIDTH if article.kind == Kind.LONGFORM else BODY_SIZES


def gallery_of(article: Article) -> list[GalleryPicture]:
    """A photo story's pictures in order, with their files: one query however many."""
    if article.kind != Kind.PHOTO or article.pk is None:
        return []
    return list(
        GalleryPicture.objects.filter(article=article.pk)
        .select_related("image")
        .order_by("position", "pk")
    )
