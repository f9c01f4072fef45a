"""WordPress embeds, in each form an export keeps them, become our click-to-load embeds."""

import pytest

from articles.models import Article
from newsroom.embeds import reader_body
from newsroom.sanitize import clean_html
from wordpress.importer.embeds import isolate, settle

from .conftest import FIXTURES, run_import

pytestmark = pytest.mark.django_db

EXPORT = FIXTURES / "embeds.xml"
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def report() -> str:
    return run_import(EXPORT)


def story(title: str) -> Article:
    return Article.objects.get(title=title)


def embedded(article: Article) -> list[str]:
    """The frame URLs the reader's page will offer for `article`."""
    html = reader_body(article.body)
    return [part.split('"', 1)[0] for part in html.split('data-embed-src="')[1:]]


def test_a_provider_url_on_its_own_line_is_an_embed_even_between_lines_of_text(report):
    article = story("Nhúng bằng dòng riêng")
    assert f"<p>{VIDEO}</p>" in article.body
    assert embedded(article) == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    assert article.lead == "Mở đầu bài dòng riêng."


def test_an_embed_first_in_the_post_is_never_the_lead(report):
    article = story("Nhúng đầu bài")
    assert article.lead == "Đây mới là đoạn mở đầu thật."
    assert article.body.startswith("<p>https://youtu.be/dQw4w9WgXcQ</p>")


def test_the_embed_shortcode(report):
    article = story("Shortcode embed")
    assert "[embed" not in article.body
    assert embedded(article) == [
        "https://platform.twitter.com/embed/Tweet.html?id=1712345678901234567&amp;dnt=true"
    ]


def test_jetpacks_youtube_shortcode_in_both_spellings(report):
    article = story("Shortcode youtube Jetpack")
    assert "[youtube" not in article.body
    assert embedded(article) == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/aaaaaaaaaaa",
    ]
    assert "Hai" in article.body and "ba." in article.body


def test_video_and_audio_shortcodes_embed_a_provider_and_link_an_uploaded_file(report):
    article = story("Video shortcode của nhà cung cấp")
    assert embedded(article) == ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"]
    assert (
        '<a href="https://baocu.example.vn/wp-content/uploads/2015/03/le-hoi.mp4">'
        "Video: le-hoi.mp4</a>" in article.body
    )
    assert ">Âm thanh: ban-tin.mp3</a>" in article.body
    assert "[video" not in article.body and "[audio" not in article.body
    where = "Bài #5 “Video shortcode của nhà cung cấp”"
    assert f"{where}: video tải lên WordPress giữ thành liên kết:" in report
    assert f"{where}: âm thanh tải lên WordPress giữ thành liên kết:" in report


def test_block_editor_embed_blocks_new_and_old(report):
    tiktok = story("Khối nhúng")
    assert embedded(tiktok) == ["https://www.tiktok.com/embed/v2/7234567890123456789"]
    assert "wp-block-embed" not in tiktok.body
    assert "Điệu múa xòe" in tiktok.body + tiktok.lead  # the block's caption is kept

    facebook = story("Khối nhúng kiểu cũ")
    assert len(embedded(facebook)) == 1
    assert embedded(facebook)[0].startswith("https://www.facebook.com/plugins/post.php?href=")
    assert facebook.lead == "Đoạn đầu khối cũ."
    assert "<p>Đoạn cuối khối cũ.</p>" in facebook.body


def test_a_provider_not_allowed_becomes_a_link_with_its_name_and_a_warning(report):
    article = story("Nhà cung cấp không được phép")
    assert embedded(article) == []
    assert '<a href="https://vimeo.com/123456">Xem trên Vimeo</a>' in article.body
    assert ">Xem trên WordPress.tv</a>" in article.body
    where = "Bài #8 “Nhà cung cấp không được phép”"
    assert f"{where}: nội dung nhúng từ Vimeo (không có trong EMBED_PROVIDERS)" in report
    assert f"{where}: nội dung nhúng từ WordPress.tv" in report
    assert article.lead == "Mở đầu Vimeo."


def test_the_allowlist_setting_applies_to_imports(settings):
    settings.EMBED_PROVIDERS = ["youtube", "vimeo"]
    run_import(EXPORT)
    assert "<p>https://vimeo.com/123456</p>" in story("Nhà cung cấp không được phép").body
    tweet = story("Shortcode embed").body
    assert ">Xem trên X</a>" in tweet


def test_a_url_inside_a_sentence_stays_in_its_sentence(report):
    article = story("Đường dẫn giữa câu")
    assert article.lead == "Xem video tại https://youtu.be/dQw4w9WgXcQ nhé."
    assert embedded(article) == []


def test_a_second_run_writes_nothing(report):
    again = run_import(EXPORT)
    assert "Bài viết: 9 không đổi" in again


@pytest.mark.parametrize(
    "content",
    [
        "[embed]javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ[/embed]",
        '<!-- wp:embed {"url":"https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ"} -->'
        "<figure><div>x</div></figure><!-- /wp:embed -->",
        '[video src="https://www.youtube.com/watch?v=<script>alert(1)</script>"]',
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ\\"><script>"} -->'
        "<!-- /wp:embed -->",
    ],
)
def test_hostile_embeds_never_become_frames_nor_markup(content):
    html, _ = isolate(content, classic=True)
    body, _ = settle(clean_html(html))
    assert "<script" not in body
    assert "data-embed-src" not in reader_body(body)


def test_a_block_with_broken_settings_still_finds_its_url():
    content = (
        '<!-- wp:embed {"url": -->\n<figure><div class="wp-block-embed__wrapper">\n'
        f"{VIDEO}\n</div></figure>\n<!-- /wp:embed -->"
    )
    html, warnings = isolate(content, classic=False)
    assert f"<p>{VIDEO}</p>" in html and warnings == []


def test_block_editor_video_and_audio_of_uploads_become_links_with_a_warning():
    content = (
        '<!-- wp:video {"id":31} -->\n<figure class="wp-block-video"><video controls '
        'src="https://baocu.example.vn/wp-content/uploads/2020/05/hop-cho.mp4"></video></figure>'
        "\n<!-- /wp:video -->\n\n<!-- wp:audio -->\n<figure><audio controls>"
        '<source src="https://baocu.example.vn/wp-content/uploads/2020/05/ban-tin.mp3"></audio>'
        "</figure>\n<!-- /wp:audio -->"
    )
    html, warnings = isolate(content, classic=False)
    body, _ = settle(clean_html(html))
    assert ">Video: hop-cho.mp4</a>" in body and ">Âm thanh: ban-tin.mp3</a>" in body
    assert [w.split(":")[0] for w in warnings] == [
        "video tải lên WordPress giữ thành liên kết",
        "âm thanh tải lên WordPress giữ thành liên kết",
    ]


def test_a_bare_video_shortcode_is_left_to_the_shortcodes_rules():
    html, warnings = isolate("A [video] B", classic=True)
    assert html == "A [video] B" and warnings == []
