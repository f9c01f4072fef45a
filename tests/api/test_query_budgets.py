"""Each endpoint's queries are fixed, whatever the stories' tags, pictures, authors, related."""

import pytest

from articles.models import (
    Article,
    Contributor,
    Correction,
    GalleryPicture,
    LiveEntry,
    Person,
    RelatedArticle,
)
from tests.factories import make_article, make_image, make_section

pytestmark = pytest.mark.django_db

# Without Redis the cache's generations are read through the driver's own cursor
# (pagecache/ledger.py), which Django does not count: these are the endpoints' own queries.
BUDGETS = {
    "stories": 4,  # the count, the page, its tags, its writers
    "section": 6,  # and the section with its subsections
    "detail": 8,  # story, tags, writers, body pictures, gallery, related (2), corrections
    "live": 3,  # the story with its coverage, the count, the page
    "tags": 2,
    "people": 2,
    "corrections": 2,
    "sections": 1,
    "search": 4,  # the matches, the page, its tags, its writers
}


def rich_world(n: int):
    section = make_section(f"Chuyên mục {n}")
    stories = []
    for i in range(3):
        pictures = [make_image(f"Ảnh {n}-{i}-{k}") for k in range(n)]
        body = "".join(
            f'<figure data-image-id="{p.pk}"><img src="/x.jpg"></figure>' for p in pictures
        )
        story = make_article(
            f"Bài {n}-{i} Lai Châu",
            section=section,
            hero_image=make_image(f"Đại diện {n}-{i}"),
            tags=[f"Thẻ {n}-{i}-{k}" for k in range(n)],
            body=body,
            kind=Article.Kind.PHOTO,
        )
        for k in range(n):
            person = Person.objects.create(name=f"Người {n}-{i}-{k}", pen_name=f"Bút {n}-{i}-{k}")
            Contributor.objects.create(article=story, person=person, position=k)
            GalleryPicture.objects.create(article=story, image=make_image(f"G {n}-{i}-{k}"))
            Correction.objects.create(
                article=story,
                kind=Correction.Kind.NOTE,
                status="published",
                note=f"Sửa {k}",
                published_at=story.published_at,
            )
        stories.append(story)
    for story in stories[1:]:
        RelatedArticle.objects.create(from_article=stories[0], to_article=story)
    live = make_article(f"Trực tiếp {n}", kind=Article.Kind.LIVE, section=section)
    for k in range(n):
        LiveEntry.objects.create(article=live, body=f"<p>{k}</p>")
    return section, stories[0], live


@pytest.mark.parametrize("n", [1, 6])
def test_budgets_do_not_grow_with_the_stories(client, django_assert_max_num_queries, n):
    section, story, live = rich_world(n)
    urls = {
        "stories": "/api/v1/stories",
        "section": f"/api/v1/stories?section={section.slug}",
        "detail": f"/api/v1/stories/{story.pk}",
        "live": f"/api/v1/stories/{live.pk}/live",
        "tags": "/api/v1/tags",
        "people": "/api/v1/people",
        "corrections": "/api/v1/corrections",
        "sections": "/api/v1/sections",
        "search": "/api/v1/search?q=lai+chau",
    }
    for name, url in urls.items():
        with django_assert_max_num_queries(BUDGETS[name]):
            response = client.get(url)
        assert response.status_code == 200, (name, response.content)
        with django_assert_max_num_queries(0):  # a hit
            assert client.get(url)["X-Page-Cache"] == "hit"
