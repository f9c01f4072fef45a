"""Load the demo paper: sections, the reference story and its related stories, and one story
of the kinds with a page of their own that need no media file (photo, long-form, infographic).
Idempotent."""

import json
from datetime import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import Article, GalleryPicture, Image, RelatedArticle, Section

CONTENT = Path(__file__).resolve().parents[2] / "demo" / "content.json"


# Sky, sun, far hills, near hills, field: the reference picture's colours, then the others'.
PALETTES = {
    "": [(201, 220, 232), (244, 210, 120), (120, 150, 128), (92, 124, 102), (150, 170, 110)],
    "autumn": [(214, 226, 236), (247, 196, 96), (196, 160, 64), (170, 128, 40), (222, 186, 84)],
    "tea": [(196, 222, 214), (250, 226, 150), (86, 140, 92), (60, 112, 70), (110, 160, 90)],
}


def placeholder_jpeg(size=(1200, 800), palette: str = "") -> bytes:
    """A calm landscape (sky, sun, hills) standing in for the paper's photograph."""
    width, height = size
    sky, sun, far, near, field = PALETTES[palette]
    picture = PILImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(picture)
    draw.ellipse(
        [width * 7 // 10, height // 8, width * 8 // 10, height * 11 // 40], fill=(244, 210, 120)
    )
    draw.polygon(
        [(0, height), (0, height // 2), (width * 2 // 5, height // 4), (width * 3 // 4, height)],
        fill=far,
    )
    draw.polygon(
        [
            (width // 3, height),
            (width * 3 // 4, height * 2 // 5),
            (width, height * 3 // 5),
            (width, height),
        ],
        fill=near,
    )
    draw.rectangle([0, height * 17 // 20, width, height], fill=field)
    out = BytesIO()
    picture.save(out, "JPEG", quality=82)
    return out.getvalue()


def placeholder_graphic(size=(800, 2400)) -> bytes:
    """A tall infographic's stand-in: a title band, then four blocks of bars (PNG)."""
    width, height = size
    picture = PILImage.new("RGB", size, (250, 247, 240))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 0, width, height // 10], fill=(163, 22, 26))
    block = (height - height // 10) // 4
    for n in range(4):
        top = height // 10 + n * block + block // 6
        for bar in range(4):
            length = width * (3 + (n + bar) % 5) // 9
            y = top + bar * block // 6
            draw.rectangle(
                [width // 12, y, width // 12 + length, y + block // 9], fill=(60, 110, 150)
            )
    out = BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


class Command(BaseCommand):
    help = "Tạo nội dung demo (bài mẫu Báo Lai Châu). Chạy nhiều lần không thay đổi gì thêm."

    @transaction.atomic
    def handle(self, *args, **options):
        data = json.loads(CONTENT.read_text(encoding="utf-8"))
        sections = self.load_sections(data["sections"])
        images = self.load_images(data["images"])
        articles = {}
        created = 0
        for item in data["articles"]:
            article, was_created = self.load_article(item, sections, images)
            articles[item["key"]] = article
            created += was_created
        for item in data["articles"]:
            for position, key in enumerate(item.get("related", [])):
                RelatedArticle.objects.get_or_create(
                    from_article=articles[item["key"]],
                    to_article=articles[key],
                    defaults={"position": position},
                )
        self.stdout.write(f"Nội dung demo: {created} bài mới, {len(articles) - created} đã có.")

    def load_sections(self, items):
        sections = {}
        for item in items:
            section, _ = Section.objects.get_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "position": item["position"],
                    "parent": sections.get(item.get("parent")),
                },
            )
            sections[item["slug"]] = section
        return sections

    def load_images(self, items):
        images = {}
        for item in items:
            image = Image.objects.filter(file__endswith=item["filename"]).first()
            if image is None:
                image = Image(
                    alt_text=item["alt_text"], caption=item["caption"], credit=item["credit"]
                )
                made = (
                    placeholder_graphic()
                    if item.get("graphic")
                    else placeholder_jpeg(palette=item.get("palette", ""))
                )
                image.file.save(item["filename"], ContentFile(made), save=False)
                image.save()
                image.refresh_from_db()  # width and height are read from the stored file
            images[item["key"]] = image
        return images

    def load_article(self, item, sections, images):
        existing = Article.objects.filter(title=item["title"]).first()
        if existing:
            return existing, False
        article = Article.objects.create(
            title=item["title"],
            section=sections[item["section"]],
            lead=item["lead"],
            body=self.body_html(item["body"], images),
            byline=item["byline"],
            source_code=item.get("source_code", Article._meta.get_field("source_code").default()),
            status=Article.Status.PUBLISHED,
            published_at=datetime.fromisoformat(item["published_at"]),
            kind=item.get("kind", Article.Kind.TEXT),
            hero_image=images.get(item.get("hero")),
        )
        article.tags.add(*item["tags"])
        GalleryPicture.objects.bulk_create(
            GalleryPicture(
                article=article,
                image=images[picture["image"]],
                position=position,
                caption=picture["caption"],
                credit=picture.get("credit", ""),
            )
            for position, picture in enumerate(item.get("gallery", []), 1)
        )
        return article, True

    @staticmethod
    def body_html(blocks, images) -> str:
        html = []
        for block in blocks:
            if isinstance(block, str):
                html.append(f"<p>{escape(block)}</p>")
                continue
            if "heading" in block:
                html.append(f"<h2>{escape(block['heading'])}</h2>")
                continue
            image = images[block["figure"]]
            html.append(
                f'<figure data-image-id="{image.pk}"><img src="{image.file.url}" '
                f'alt="{escape(image.alt_text)}" width="{image.width}" height="{image.height}" '
                f'loading="lazy"><figcaption>{escape(block["caption"])}</figcaption></figure>'
            )
        return "\n".join(html)
