"""Write a WordPress export (WXR 1.2) of N Vietnamese posts, with comments and pictures.

Usage:
    .venv/bin/python bench/wxr_generate.py OUT_DIR [--posts 10000] [--comments 3]
        [--picture-every 10] [--seed 11]

Makes OUT_DIR/export.xml and OUT_DIR/uploads/ (the copy of wp-content/uploads to pass as
--media-dir). Every Nth post has a picture as its thumbnail and in a [caption]; comments
come in threads up to three deep, with a pingback now and then. Not part of the test suite;
see the README's "Moving from WordPress" for the import figures it gives.
"""

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image

SYLLABLES = (
    "lúa", "chín", "vàng", "bản", "làng", "đồng", "bào", "Lai", "Châu", "Tam", "Đường", "Sìn",
    "Hồ", "mùa", "xuân", "nông", "thôn", "mới", "đường", "giao", "thông", "trường", "học",
    "cô", "giáo", "học", "sinh", "chợ", "phiên", "lễ", "hội", "người", "dân", "cán", "bộ",
    "Đảng", "bộ", "huyện", "xã", "thị", "trấn", "kinh", "tế", "du", "lịch", "văn", "hóa",
    "thể", "thao", "chè", "cao", "su", "thảo", "quả", "rừng", "núi", "suối", "mưa", "lũ",
)  # fmt: skip
SITE = "http://bench.example.vn"


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(n))


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def header(out, categories, tags) -> None:
    out.write(
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
        'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
        f"<title>Báo thử</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>\n"
        f"<wp:base_site_url>{SITE}</wp:base_site_url>\n"
        "<wp:author><wp:author_login>pv</wp:author_login>"
        f"<wp:author_display_name>{cdata('Phóng viên Báo thử')}</wp:author_display_name>"
        "</wp:author>\n"
    )
    for term_id, (slug, name, parent) in enumerate(categories, start=1):
        out.write(
            f"<wp:category><wp:term_id>{term_id}</wp:term_id>"
            f"<wp:category_nicename>{slug}</wp:category_nicename>"
            f"<wp:category_parent>{parent}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>\n"
        )
    for term_id, (slug, name) in enumerate(tags, start=1000):
        out.write(
            f"<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>{slug}</wp:tag_slug>"
            f"<wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>\n"
        )


def attachment(out, wp_id: int, parent: int, path: str, alt: str) -> None:
    out.write(
        f"<item><title>{escape(alt)}</title><wp:post_id>{wp_id}</wp:post_id>"
        f"<wp:post_parent>{parent}</wp:post_parent><wp:status>inherit</wp:status>"
        "<wp:post_type>attachment</wp:post_type>"
        f"<wp:attachment_url>{SITE}/wp-content/uploads/{path}</wp:attachment_url>"
        "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        f"<wp:meta_value>{path}</wp:meta_value></wp:postmeta>"
        "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
        f"<wp:meta_value>{cdata(alt)}</wp:meta_value></wp:postmeta></item>\n"
    )


def comments(rng: random.Random, first_id: int, count: int, start: datetime) -> str:
    out, ids = [], []
    for n in range(count):
        wp_id = first_id + n
        parent = rng.choice(ids) if ids and rng.random() < 0.4 else 0
        kind = "pingback" if rng.random() < 0.05 else "comment"
        when = start + timedelta(hours=n + 1)
        out.append(
            f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
            f"<wp:comment_author>{cdata('Bạn đọc ' + words(rng, 2))}</wp:comment_author>"
            f"<wp:comment_author_email>bandoc{wp_id}@example.vn</wp:comment_author_email>"
            f"<wp:comment_author_IP>192.0.2.{wp_id % 250 + 1}</wp:comment_author_IP>"
            f"<wp:comment_date>{when + timedelta(hours=7):%Y-%m-%d %H:%M:%S}</wp:comment_date>"
            f"<wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
            f"<wp:comment_content>{cdata(words(rng, 20))}</wp:comment_content>"
            f"<wp:comment_approved>{rng.choice(['1', '1', '1', '0', 'spam'])}"
            f"</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
        )
        ids.append(wp_id)
    return "".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=3, help="average per post")
    parser.add_argument("--picture-every", type=int, default=10)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    uploads = args.out / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    categories = [(f"muc-{i}", f"Chuyên mục {words(rng, 2)} {i}", "") for i in range(8)]
    categories += [
        (f"muc-{i}-{j}", f"Mục con {i}.{j}", f"muc-{i}") for i in range(8) for j in range(3)
    ]
    categories += [(f"muc-{i}-0-sau", f"Mục sâu {i}", f"muc-{i}-0") for i in range(8)]
    tags = [(f"the-{i}", f"Thẻ {words(rng, 2)} {i}") for i in range(300)]
    start = datetime(2012, 1, 1)
    comment_id = 1
    pictures = 0
    with (args.out / "export.xml").open("w", encoding="utf-8") as out:
        header(out, categories, tags)
        for n in range(args.posts):
            post_id = 10 + n * 2
            when = start + timedelta(hours=n * 7)
            body = "\n\n".join(words(rng, rng.randint(30, 80)) for _ in range(rng.randint(3, 8)))
            meta = ""
            if n % args.picture_every == 0:
                path = f"{when:%Y/%m}/anh-{post_id}.jpg"
                (uploads / path).parent.mkdir(parents=True, exist_ok=True)
                colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
                Image.new("RGB", (640, 400), colour).save(uploads / path, quality=80)
                attachment(out, post_id + 1, post_id, path, words(rng, 4))
                pictures += 1
                meta = (
                    "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                    f"<wp:meta_value>{post_id + 1}</wp:meta_value></wp:postmeta>"
                )
                body = (
                    f'[caption id="attachment_{post_id + 1}" width="300"]<img src="{SITE}/'
                    f'wp-content/uploads/{path[:-4]}-300x188.jpg" /> {words(rng, 6)}[/caption]'
                    f"\n\n{body}"
                )
            count = rng.randint(0, args.comments * 2)
            status = rng.choices(["publish", "draft", "future", "private"], [90, 5, 1, 4])[0]
            category = rng.choice(categories)[0]
            post_tags = rng.sample(tags, 3)
            out.write(
                f"<item><title>{cdata(words(rng, rng.randint(6, 14)).capitalize())}</title>"
                f"<link>{SITE}/{when:%Y/%m}/bai-{post_id}/</link>"
                f"<dc:creator>pv</dc:creator><guid>{SITE}/?p={post_id}</guid>"
                f"<content:encoded>{cdata(body)}</content:encoded>"
                f"<excerpt:encoded>{cdata('')}</excerpt:encoded>"
                f"<wp:post_id>{post_id}</wp:post_id>"
                f"<wp:post_date>{when + timedelta(hours=7):%Y-%m-%d %H:%M:%S}</wp:post_date>"
                f"<wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>"
                f"<wp:comment_status>{'closed' if n % 50 == 0 else 'open'}</wp:comment_status>"
                f"<wp:post_name>bai-{post_id}</wp:post_name><wp:status>{status}</wp:status>"
                "<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
                f"<wp:is_sticky>{1 if n % 500 == 0 else 0}</wp:is_sticky>"
                f'<category domain="category" nicename="{category}">x</category>'
                + "".join(
                    f'<category domain="post_tag" nicename="{slug}">{cdata(name)}</category>'
                    for slug, name in post_tags
                )
                + meta
                + comments(rng, comment_id, count, when)
                + "</item>\n"
            )
            comment_id += count
        out.write("</channel>\n</rss>\n")
    print(f"{args.posts} posts, {comment_id - 1} comments, {pictures} pictures -> {args.out}")


if __name__ == "__main__":
    main()
