"""What the story form in the admin posts, built from a story (for tests of the desk)."""

from articles.models import Article
from newsroom.vietnamese import vietnam_time


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def form_data(article: Article | None = None, **overrides) -> dict:
    """The fields of the story form as a browser would send them, then `overrides`."""
    data = {
        "title": "Bài thử",
        "section": "",
        "lead": "Sapo thử.",
        "body": "<p>Nội dung.</p>",
        "byline": "T. Hùng",
        "tags": "",
        "hero_image": "",
        "published_at_0": "",
        "published_at_1": "",
        "allow_comments": "on",
        "source_code": "BLC",
        "slug": "",
        "edit_version": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        data.update(
            title=article.title,
            section=str(article.section_id),
            lead=article.lead,
            body=article.body,
            byline=article.byline,
            source_code=article.source_code,
            slug=article.slug,
            edit_version=str(article.version),
        )
        if article.published_at:
            local = vietnam_time(article.published_at)
            data.update(published_at_0=f"{local:%d/%m/%Y}", published_at_1=f"{local:%H:%M}")
        if not article.allow_comments:
            del data["allow_comments"]
    data.update(overrides)
    return data
