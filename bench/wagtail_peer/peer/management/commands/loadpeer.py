"""Make the peer's story page from bench/generate.py --dump-reference output. Idempotent."""

import json
from datetime import datetime
from pathlib import Path

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Site

from peer.models import PeerComment, StoryPage


class Command(BaseCommand):
    help = "Create the reference story page with its picture and comments."

    def add_arguments(self, parser):
        parser.add_argument("reference")

    @transaction.atomic
    def handle(self, reference, **options):
        data = json.loads(Path(reference).read_text(encoding="utf-8"))
        page = StoryPage.objects.filter(slug=data["slug"]).first()
        if page is None:
            picture = None
            if data["picture"]:
                with open(data["picture"], "rb") as f:
                    picture = Image.objects.create(
                        title=data["alt_text"] or "Ảnh",
                        file=ImageFile(f, name=Path(data["picture"]).name),
                    )
            home = Site.objects.get(is_default_site=True).root_page
            page = StoryPage(
                title=data["title"],
                slug=data["slug"],
                lead=data["lead"],
                body=data["body"],
                byline=data["byline"],
                picture=picture,
                caption=data["caption"],
                first_published_at=datetime.fromisoformat(data["published_at"]),
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        if not page.comments.exists():
            PeerComment.objects.bulk_create(
                PeerComment(
                    page=page,
                    name=c["name"],
                    body=c["body"],
                    created_at=datetime.fromisoformat(c["created_at"]),
                )
                for c in data["comments"]
            )
        self.stdout.write(f"{page.url} ({page.comments.count()} comments)")
