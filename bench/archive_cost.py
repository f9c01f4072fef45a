"""What the lưu chiểu archive costs per story: record size and write time (archive/).

Usage: .venv/bin/python bench/archive_cost.py [--stories 1000] [--pictures 50]

On a fresh SQLite file (WAL, as `make run` uses it), in one process: `--stories` published
stories of Vietnamese text (about 4 KB of body each, three tags, one of `--pictures` hero
pictures with their renditions), each recorded once as the archive records a publication
(the page rendered from the database, its pictures kept by hash, the chain appended under
its lock). Prints the write time per record (median and 95th percentile), the bytes per
record (page, and the table's share), the pictures' store, and the same extrapolated to
100,000 stories. Not part of the test suite.

Last run (2-core machine shared with other work, load about 4; 1,000 stories, 50 pictures):

    stories recorded: 1000; pictures kept: 350 of 50 used
    write time per record: median 22.9 ms, 95th percentile 103.3 ms
    page per record: 13.3 KiB; table: 16.0 KiB
    picture store: 98.8 MiB (350 pictures with renditions)
    at 100,000 stories (one record each): records 1.53 GiB, writing them 38 min in all
    at the median; pictures grow with distinct pictures, not with records (289 KiB each here)

The 350 kept are the 50 originals and their six renditions each (every file a page names).
A record is written once per public change, after the commit, off the reader's path.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "<p>Sáng nay, tại huyện Tam Đường, tỉnh Lai Châu, bà con các dân tộc đã tổ chức lễ hội mừng"
    " mùa chè mới; nhiều hợp tác xã giới thiệu sản phẩm chè shan tuyết, chè ô long và các món ăn"
    " truyền thống, thu hút đông đảo du khách trong và ngoài tỉnh.</p>"
)


def photo(n: int):
    """A stored picture whose bytes differ from every other's (noise, like a photograph)."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image as PILImage

    from articles.models import Image

    noise = PILImage.effect_noise((1600, 1000), 40 + n % 20).convert("RGB")
    out = BytesIO()
    noise.save(out, "JPEG", quality=85)
    image = Image(alt_text=f"Ảnh {n}", caption=f"Đồi chè Tam Đường {n}")
    image.file.save(f"anh-{n}.jpg", ContentFile(out.getvalue()), save=False)
    image.save()
    return image


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--pictures", type=int, default=50)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="archive-cost-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings_test",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(folder / "media")
    call_command("migrate", "--noinput", verbosity=0)

    from django.db import connection

    from archive import receivers
    from archive.models import ArchivedPicture, ArchiveRecord
    from articles import events
    from tests.factories import make_article, make_section

    # Set up without the archive listening: each story is then recorded once, timed, below.
    events.public_version.disconnect(receivers.public_version)
    sections = [make_section(f"Chuyên mục {n}") for n in range(6)]
    pictures = [photo(n) for n in range(options.pictures)]
    stories = [
        make_article(
            f"Lai Châu: mùa chè mới số {n}",
            section=sections[n % len(sections)],
            body=PARAGRAPH * 12,
            hero_image=pictures[n % len(pictures)],
            tags=("chè", f"Tam Đường {n % 20}", "du lịch"),
        )
        for n in range(options.stories)
    ]
    events.public_version.connect(receivers.public_version)
    times = []
    for story in stories:
        started = time.perf_counter()
        receivers.record(story, events.PUBLISHED, None)
        times.append(time.perf_counter() - started)
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(LENGTH(CAST(html AS BLOB))) FROM archive_archiverecord")
        html_bytes = cursor.fetchone()[0]
        cursor.execute("SELECT SUM(LENGTH(data)) FROM archive_archivedpicture")
        picture_bytes = cursor.fetchone()[0] or 0
        sizes = {}
        for table in ("archive_archiverecord", "archive_archivedpicture"):
            try:
                cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = %s", [table])
                sizes[table] = cursor.fetchone()[0]
            except Exception:
                sizes[table] = None
    records = ArchiveRecord.objects.count()
    kept = ArchivedPicture.objects.count()
    times.sort()
    median = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95)] * 1000
    per_page = html_bytes / records
    table = sizes["archive_archiverecord"]
    per_record = (table / records) if table else per_page
    scale = 100_000 / records
    print(f"stories recorded: {records}; pictures kept: {kept} of {options.pictures} used")
    print(f"write time per record: median {median:.1f} ms, 95th percentile {p95:.1f} ms")
    print(
        f"page per record: {per_page / 1024:.1f} KiB; table per record: {per_record / 1024:.1f} KiB"
    )
    print(f"picture store: {picture_bytes / 1024 / 1024:.1f} MiB ({kept} pictures with renditions)")
    print(
        f"at 100,000 stories (one record each): records {per_record * 100_000 / 1024**3:.2f} GiB,"
        f" writing them {median * 100_000 / 1000 / 60:.0f} min in all at the median;"
        f" pictures grow with distinct pictures, not with records"
        f" ({picture_bytes / max(kept, 1) / 1024:.0f} KiB each here)"
    )
    print(f"(SQLite file in {folder}; scale factor {scale:.0f})")


if __name__ == "__main__":
    main()
