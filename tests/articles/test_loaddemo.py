import json
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.forms.models import model_to_dict

from articles.kinds import requirements
from articles.management.commands.loaddemo import CONTENT
from articles.models import (
    Article,
    GalleryPicture,
    Image,
    RelatedArticle,
    Section,
    Tag,
    TaggedArticle,
)
from tests.articles.test_views import assert_in_order, page_text

pytestmark = pytest.mark.django_db

# The home page's parts (templates/articles/home.html) and each story card's headline link.
CARD_LINK = re.compile(r'class="story-card-title"><a href="([^"]+)">')
BOX = re.compile(
    r'<section class="section-block" aria-labelledby="muc-([^"]+)">(.*?)</section>', re.S
)


def load_demo():
    call_command("loaddemo", stdout=StringIO())


def snapshot():
    return {
        model.__name__: sorted(
            (tuple(sorted(model_to_dict(obj).items(), key=str)) for obj in model.objects.all()),
            key=str,
        )
        for model in (Section, Article, Image, Tag, TaggedArticle, RelatedArticle, GalleryPicture)
    } | {"updated": sorted(Article.objects.values_list("updated_at", flat=True))}


def test_loaddemo_twice_changes_nothing():
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first
    assert Article.objects.count() == len(json.loads(CONTENT.read_text())["articles"])


def test_demo_serves_the_reference_story_from_the_home_page(client):
    load_demo()
    home = client.get("/").content.decode()
    article = Article.objects.get(slug="lam-theo-bac-o-dang-bo-so-noi-vu")
    assert f'<a href="{article.get_absolute_url()}">Làm theo Bác ở Đảng bộ Sở Nội vụ</a>' in home

    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert_in_order(
        page_text(response),
        [
            "Chính trị",
            "Học tập, làm theo Bác",
            "Làm theo Bác ở Đảng bộ Sở Nội vụ",
            "Thứ ba, 03/02/2015 - 14:56'",
            "(BLC) - Nhờ kết hợp chặt chẽ giữa “học tập” với “làm theo”",
            "Trao đổi với chúng tôi, đồng chí Nguyễn Tiến Tăng",
            "Theo đó, 46 đảng viên, 16 quần chúng",
            "Công chức bộ phận “một cửa” Sở Nội vụ hướng dẫn Nhân dân giải quyết công việc.",
            "Nét nổi bật trong thực hiện",
            "Cùng với đó, công tác tiếp nhận",
            "Song song với việc thực hiện tốt",
            "Công tác kiểm tra, giám sát",
            "Đồng chí Nguyễn Tiến Tăng cho biết thêm.",
            "T. Hùng",
            "Bình luận",
            "Hiện tại chưa có bình luận",
            "Viết bình luận",
            "Đăng kiểm xe cơ giới: Khâu quan trọng để đảm bảo an toàn",
            "ai nấy đều tập trung cao độ...",
            "Đa dạng hình thức phát triển kinh tế",
            "(BLC) - 16 năm nay anh Nguyễn Xuân Oanh",
            "giữ gìn màu xanh cho các cánh rừng vừa phát triển...",
        ],
    )


def test_demo_picture_is_a_real_image_file():
    load_demo()
    image = Image.objects.get(file__endswith="demo-mot-cua-so-noi-vu.jpg")
    assert (image.width, image.height) == (1200, 800)
    with image.file.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"


def test_demo_has_a_complete_story_of_each_kind_needing_no_media_file(client):
    load_demo()
    for kind in (Article.Kind.PHOTO, Article.Kind.LONGFORM, Article.Kind.INFOGRAPHIC):
        story = Article.objects.get(kind=kind)
        assert requirements.missing(story) == {}
        assert client.get(story.get_absolute_url()).status_code == 200
    assert Article.objects.get(kind=Article.Kind.PHOTO).gallery.count() == 3
    graphic = Article.objects.get(kind=Article.Kind.INFOGRAPHIC).hero_image
    assert graphic.height > 2 * graphic.width  # tall, as infographics are


def part(pattern: str, page: str) -> str:
    found = re.search(pattern, page, re.S)
    assert found, f"{pattern!r} missing from the home page"
    return found.group(1)


def test_demo_home_page_fills_the_slots_and_shows_section_boxes(client):
    load_demo()
    home = client.get("/").content.decode()

    main = part(r'<ul class="story-list front-main">(.*?)</ul>', home)
    companions = part(r'<ul class="story-list front-companions">(.*?)</ul>', home)
    featured = part(
        r'<section class="featured" aria-labelledby="tin-noi-bat">(.*?)</section>', home
    )
    assert len(CARD_LINK.findall(main)) == 1
    assert len(CARD_LINK.findall(companions)) == settings.FRONT_COMPANIONS
    assert len(CARD_LINK.findall(featured)) == settings.HOME_FEATURED

    boxes = {slug: CARD_LINK.findall(box) for slug, box in BOX.findall(home)}
    top_sections = set(Section.objects.filter(parent=None).values_list("slug", flat=True))
    assert set(boxes) <= top_sections
    full = [slug for slug, links in boxes.items() if len(links) >= 2]
    assert len(full) >= 4, boxes

    links = CARD_LINK.findall(home)
    assert len(links) == len(set(links)), "a story is shown twice on the home page"
