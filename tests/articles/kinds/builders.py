"""Builders for the kinds' tests: a video or sound file, a photo story with its pictures."""

from articles.models import Article, GalleryPicture
from multimedia.models import MediaFile
from tests.factories import make_article, make_image

TEXT_ALTERNATIVE = (
    "<p>Năm 2025, toàn tỉnh có 108 xã, phường; tỷ lệ hộ nghèo giảm còn 18,5%, thu nhập bình "
    "quân đầu người đạt 52 triệu đồng một năm, tăng 8% so với năm trước, theo số liệu thống kê.</p>"
)


def make_media(kind: str = MediaFile.Kind.VIDEO, *, ready: bool = True, **fields) -> MediaFile:
    """A video or sound file as the pipeline leaves it: ready with its renditions, or not yet."""
    video = kind == MediaFile.Kind.VIDEO
    fields.setdefault("title", "Phóng sự Lai Châu")
    if ready:
        fields.setdefault("duration", 125.4)
        fields.setdefault(
            "renditions",
            {"720": "av/720/lai-chau.mp4", "360": "av/360/lai-chau.mp4"}
            if video
            else {"mp3": "av/mp3/lai-chau.mp3"},
        )
        if video:
            fields.setdefault("width", 1280)
            fields.setdefault("height", 720)
            fields.setdefault("poster", "av/posters/lai-chau.jpg")
    return MediaFile.objects.create(
        kind=kind,
        original=f"av/originals/lai-chau.{'mp4' if video else 'mp3'}",
        state=MediaFile.State.READY if ready else MediaFile.State.PREPARING,
        **fields,
    )


def add_pictures(article: Article, count: int, *, caption: str = "Chú thích ảnh {n}"):
    """`count` pictures for a photo story, placed in reverse of their creation."""
    picture = make_image()
    picture.file.close()
    return [
        GalleryPicture.objects.create(
            article=article,
            image=picture,
            position=count - n,
            caption=caption.format(n=count - n) if caption else "",
            credit="Quang Huy" if n == 0 else "",
        )
        for n in range(count)
    ]


def make_photo_story(title: str = "Mùa lúa chín trên ruộng bậc thang", pictures: int = 3, **kw):
    story = make_article(title, kind=Article.Kind.PHOTO, **kw)
    add_pictures(story, pictures)
    return story


def make_kind_story(kind: str, title: str | None = None, **fields) -> Article:
    """A public story of `kind`, complete as its kind asks."""
    title = title or f"Bài {kind}"
    if kind == Article.Kind.PHOTO:
        return make_photo_story(title, **fields)
    if kind == Article.Kind.VIDEO:
        fields.setdefault("video", make_media())
    if kind == Article.Kind.AUDIO:
        fields.setdefault("audio", make_media(MediaFile.Kind.AUDIO))
    if kind == Article.Kind.INFOGRAPHIC:
        picture = make_image("Infographic kinh tế", size=(800, 2400))
        picture.file.close()
        fields.setdefault("hero_image", picture)
        fields.setdefault("body", TEXT_ALTERNATIVE)
    if kind == Article.Kind.LONGFORM:
        fields.setdefault(
            "body", "<h2>Phần một</h2><p>Đoạn mở.</p><h2>Phần hai</h2><p>Đoạn sau.</p>"
        )
    return make_article(title, kind=kind, **fields)
