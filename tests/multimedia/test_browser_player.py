"""In Chromium: a real MP4 uploaded at the desk, transcoded, played and sought on its story page.

The transcode runs in process here (no broker); tests/multimedia/test_worker.py has a real
Celery worker do it.
"""

import pytest

from articles.models import Article
from multimedia.models import MediaFile
from tests.desk_users import editor
from tests.factories import make_article
from tests.multimedia import urls
from tests.multimedia.clips import make_clip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem"

# Play muted (a browser lets only a muted page start playing by itself), until it has data.
PLAY = "v => { v.muted = true; return v.play().then(() => v.readyState); }"
SEEK = """v => new Promise(done => {
    v.addEventListener("seeked", () => done(v.currentTime), {once: true});
    v.currentTime = 1.5;
})"""


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def upload(page, base: str, path) -> MediaFile:
    page.goto(f"{base}/admin/multimedia/mediafile/add/")
    page.select_option("#id_kind", "video")
    page.fill("#id_title", "Mùa lúa chín Mù Cang Chải")
    page.set_input_files("#id_original", str(path))
    # The answer comes once the file is transcoded (in process): seconds, more on a busy machine.
    with page.expect_navigation(url=f"{base}/admin/multimedia/mediafile/", timeout=120_000):
        page.locator("input[name=_save]").click()
    return MediaFile.objects.get()


def plays_and_seeks(page) -> None:
    video = page.locator("video").first
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    assert video.evaluate(PLAY) >= 2
    page.wait_for_function("() => document.querySelector('video').readyState >= 2")
    assert video.evaluate(SEEK) == pytest.approx(1.5, abs=0.1)
    assert not errors


def test_an_uploaded_video_plays_and_seeks_in_the_browser(live_server, page, settings, tmp_path):
    settings.ROOT_URLCONF = "tests.multimedia.urls"
    settings.MEDIA_URL = urls.MEDIA_URL
    editor()
    clip = make_clip(tmp_path / "lua-chin.mp4", seconds=3, size="854x480")
    log_in(page, live_server.url, "bientap")
    media = upload(page, live_server.url, clip)
    assert media.is_ready, media.error
    # A reader's story page: its own CSP (media-src) and the player readers get.
    story = make_article("Mùa lúa chín", kind=Article.Kind.VIDEO, video=media)
    page.context.clear_cookies()
    page.goto(live_server.url + story.get_absolute_url())
    page.wait_for_selector(".player video source", state="attached")
    assert page.locator("video").get_attribute("preload") == "none"
    assert page.locator("video").get_attribute("autoplay") is None
    plays_and_seeks(page)
    answer = page.request.get(
        live_server.url + media.rendition_url("360"), headers={"Range": "bytes=0-99"}
    )
    assert answer.status == 206 and answer.headers["content-type"] == "video/mp4"
    assert answer.headers["x-content-type-options"] == "nosniff"
