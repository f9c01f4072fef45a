"""What a record keeps of a page's files: its pictures, never a video or a sound."""

from archive.capture import picture_urls


def test_a_players_video_and_sound_are_not_kept_as_pictures(settings):
    media = settings.MEDIA_URL
    html = (
        f'<video poster="{media}av/posters/p.jpg"><source src="{media}av/x-720.mp4">'
        f'<source src="{media}av/x-360.MP4"><track src="{media}av/captions/x.vtt"></video>'
        f'<audio><source src="{media}av/y.mp3"></audio>'
        f'<img src="{media}images/a.jpg" srcset="{media}images/a-480.webp 480w">'
    )
    assert picture_urls(html) == [f"{media}images/a.jpg", f"{media}images/a-480.webp"]
