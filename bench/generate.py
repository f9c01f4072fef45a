"""A newspaper-sized database for the benches: 100,000 stories, 1,000,000 comments, Vietnamese text.

Usage (its own PostgreSQL database, created on the first run; each run only adds what is missing):
    .venv/bin/python bench/generate.py [--stories 100000] [--comments 1000000]
                                       [--database newsroom_bench] [--reset]

`--reset` drops and recreates the database first. `BENCH_DATABASE_URL` points it elsewhere
(any Django database URL, SQLite too). The demo paper (`loaddemo`) is loaded as well, and its
reference story gets `--reference-comments` approved comments (500), the page the load bench
measures. Stories go in with `bulk_create`, comments with PostgreSQL's COPY (bulk_create
elsewhere). Prints how long each part took. Not part of the test suite.
"""

import argparse
import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REFERENCE_TITLE = "Làm theo Bác ở Đảng bộ Sở Nội vụ"

# Common syllables of Vietnamese news, most frequent first (the Zipf rank is the position).
SYLLABLES = """
và của các có được trong cho là với người những đã một này không đến tại năm về
ngày để theo thì khi từ đó nhiều như cũng phải trên sẽ đồng làm công tác tỉnh huyện
xã phát triển kinh tế xã hội nhân dân cán bộ đảng viên chính quyền địa phương thực
hiện nhiệm vụ kế hoạch chương trình dự án đầu tư xây dựng nông thôn mới giáo dục y
tế văn hóa thể thao du lịch quốc phòng an ninh trật tự giao thông đường bộ biên giới
lai châu tam đường phong thổ sìn hồ mường tè nậm nhùn than uyên tân uyên hội nghị
tổng kết triển khai năm học sinh giáo viên trường bệnh viện trung tâm sở ban ngành
đoàn thể mặt trận tổ quốc hội liên hiệp phụ nữ thanh niên cựu chiến binh nông dân
sản xuất lúa ngô chè cao su thảo quả rừng bảo vệ môi trường nước sạch điện lưới
thủy điện khoáng sản đất đai tài nguyên thuế ngân sách vốn vay tín dụng doanh nghiệp
hợp tác chợ hàng hóa thương mại dịch vụ khách sạn homestay bản làng dân tộc thiểu số
thái mông dao hà nhì lự cống si la mảng kháng lễ hội truyền thống trang phục nghệ
nhân chiêu đãi tuyên truyền phổ biến pháp luật kiểm tra giám sát thanh tra xử lý vi
phạm phòng chống tham nhũng lãng phí cải cách hành chính một cửa dịch vụ công trực
tuyến chuyển đổi số hạ tầng viễn thông bưu chính báo chí phóng viên biên tập tòa soạn
bão lũ quét sạt lở mưa lớn thiên tai cứu hộ cứu nạn khắc phục hậu quả hỗ trợ gia đình
hộ nghèo giảm nghèo bền vững việc làm lao động xuất khẩu đào tạo nghề bảo hiểm y tế
tiêm chủng vắc xin dịch bệnh phòng chống sốt xuất huyết tay chân miệng cúm gia cầm
chăn nuôi trâu bò lợn gà cá thủy sản nuôi trồng giống cây con phân bón thuốc bảo vệ
thực vật thu hoạch vụ đông xuân hè thu năng suất sản lượng giá trị tăng trưởng bình
quân đầu người thu nhập đời sống vật chất tinh thần học tập làm theo tư tưởng đạo đức
phong cách hồ chí minh bác đại hội nhiệm kỳ nghị quyết chỉ thị kết luận trung ương
bộ chính trị ban bí thư thường trực tỉnh ủy hội đồng ủy ban chủ tịch phó bí thư
""".split()  # noqa: SIM905  (a paragraph reads better than 327 quoted words)

SECTIONS = ["Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Quốc phòng - An ninh", "Thể thao"]
READERS = [
    "Nguyễn Văn An", "Trần Thị Bình", "Lò Văn Cường", "Giàng A Dế", "Tao Thị Én",
    "Phạm Minh Đức", "Vàng Thị Hoa", "Lê Quang Huy", "Hoàng Thị Lan", "Sùng A Páo",
]  # fmt: skip
# Of 20 comments: 16 approved, 2 pending, 1 rejected, 1 spam.
COMMENT_STATUSES = ["approved"] * 16 + ["pending"] * 2 + ["rejected", "spam"]


def setup_django(database: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{database}"
    )
    import django

    django.setup()


def ensure_database(database: str, reset: bool = False) -> None:
    import psycopg2

    admin = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        if reset:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{database}"')
    admin.close()


class Writer:
    """Random Vietnamese-looking text with Zipf-distributed words, folded once per word."""

    def __init__(self, seed: int = 5):
        from newsroom.vietnamese import fold

        self.random = random.Random(seed)
        self.words = list(dict.fromkeys(SYLLABLES))
        self.weights = [1 / (rank**1.1) for rank in range(1, len(self.words) + 1)]
        self.folded = {word: fold(word) for word in self.words}

    def words_of(self, n: int) -> list[str]:
        return self.random.choices(self.words, self.weights, k=n)

    def sentence(self, n: int) -> str:
        words = self.words_of(n)
        return " ".join(words).capitalize() + "."


def _analyze(table: str) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (a test's): ANALYZE alone can.
            vacuum = "" if connection.in_atomic_block else "VACUUM "
            cursor.execute(f"{vacuum}ANALYZE {table}")


def generate(total: int, batch_size: int = 2000) -> float:
    """Add stories until there are `total`; return the seconds it took.

    One story in 50 is a draft and one in 50 awaits review, so the desk's filters have
    something to find; the rest are published, one every 7 minutes back from now.
    """
    from django.utils import timezone

    from articles.models import Article, Section
    from newsroom.vietnamese import accented_words, search_document, slugify

    existing = Article.objects.count()
    if existing >= total:
        return 0.0
    started = time.perf_counter()
    sections = [Section.objects.get_or_create(name=name)[0] for name in SECTIONS]
    writer = Writer(seed=existing)
    now = timezone.now()
    checked = 0
    for start in range(existing, total, batch_size):
        stories = []
        for i in range(start, min(start + batch_size, total)):
            title = writer.sentence(writer.random.randint(7, 12)).rstrip(".")
            lead = writer.sentence(30)
            paragraphs = [writer.sentence(writer.random.randint(40, 80)) for _ in range(4)]
            body_text = " ".join(paragraphs)
            # Every word is plain, so the folded document is the folded words: no need to fold
            # 100,000 bodies letter by letter. A sample is checked against the real function.
            folded = " ".join(
                writer.folded[w.strip(".").lower()]
                for w in (title + " " + lead + " " + body_text).split()
            )
            accented = " ".join(accented_words(f"{title} {lead}"))
            search_text = f" {folded} | {accented} "
            if checked < 50:
                assert search_text == search_document(title, lead, body_text, []), title
                checked += 1
            status = {7: Article.Status.DRAFT, 13: Article.Status.PENDING}.get(
                i % 50, Article.Status.PUBLISHED
            )
            stories.append(
                Article(
                    title=title,
                    slug=f"{slugify(title, max_length=150)}-{i}",
                    section=sections[i % len(sections)],
                    lead=lead,
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                    byline="Phóng viên",
                    status=status,
                    published_at=now - timedelta(minutes=7 * i + 1),
                    featured=i % 97 == 0,
                    search_text=search_text,
                )
            )
        Article.objects.bulk_create(stories)
        print(f"  {start + len(stories):>7} stories", end="\r", flush=True)
    _analyze("articles_article")
    print()
    return time.perf_counter() - started


def _comment_rows(writer: Writer, article_ids: list[int], n: int, status_of, now):
    """`n` comment rows as tuples, spread over `article_ids` with a long tail."""
    pick = writer.random
    for k in range(n):
        # Squaring a uniform number crowds comments onto the newest stories, as readers do.
        article_id = article_ids[int(pick.random() ** 2 * len(article_ids))]
        name = READERS[k % len(READERS)]
        body = writer.sentence(pick.randint(8, 40))
        created = now - timedelta(seconds=pick.randint(60, 400 * 86400))
        address = f"{(198, 203)[k % 2]}.{(51, 0)[k % 2]}.{(100, 113)[k % 2]}.{k % 251}"
        yield (
            article_id,
            name,
            f"doc-gia{k % 997}@example.vn",
            body,
            status_of(k),
            created,
            address,
        )


def _insert_comments(rows) -> None:
    from django.db import connection

    from comments.models import Comment

    if connection.vendor != "postgresql":
        Comment.objects.bulk_create(
            [
                Comment(
                    article_id=a,
                    name=name,
                    email=email,
                    body=body,
                    status=status,
                    created_at=created,
                    ip_address=address,
                    user_agent="bench",
                )
                for a, name, email, body, status, created, address in rows
            ]
        )
        return
    buffer = io.StringIO()
    for a, name, email, body, status, created, address in rows:
        # The browser, the (empty) spam reason, not the newsroom's, no likes, no question:
        # never change.
        buffer.write(f"{a}\t{name}\t{email}\t{body}\t{status}\t{created.isoformat()}")
        buffer.write(f"\t{address}\tbench\t\tf\t0\tf\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            "COPY comments_comment (article_id, name, email, body, status, created_at,"
            " ip_address, user_agent, spam_reason, by_newsroom, like_count, is_question)"
            " FROM STDIN"
            " WITH (FORMAT text)",
            buffer,
        )


def generate_comments(total: int, batch_size: int = 50_000) -> float:
    """Add comments on public stories until there are `total`; return the seconds it took."""
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article
    from comments.models import Comment
    from comments.moderation import recount

    existing = Comment.objects.count()
    if existing >= total:
        return 0.0
    started = time.perf_counter()
    article_ids = list(
        Article.objects.published()
        .exclude(title=REFERENCE_TITLE)  # it keeps exactly its own `--reference-comments`
        .order_by("-published_at")
        .values_list("pk", flat=True)
    )
    writer = Writer(seed=existing + 1)
    now = timezone.now()
    for start in range(existing, total, batch_size):
        n = min(batch_size, total - start)
        with transaction.atomic():
            _insert_comments(
                _comment_rows(writer, article_ids, n, lambda k: COMMENT_STATUSES[k % 20], now)
            )
        print(f"  {start + n:>8} comments", end="\r", flush=True)
    print()
    for start in range(0, len(article_ids), 5000):
        recount(article_ids[start : start + 5000])
    _analyze("comments_comment")
    _analyze("articles_article")
    return time.perf_counter() - started


def reference_story(comments: int) -> tuple[object, float]:
    """The demo paper, and its reference story with `comments` approved comments."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from articles.models import Article
    from comments.moderation import recount

    started = time.perf_counter()
    call_command("loaddemo", stdout=io.StringIO())
    story = Article.objects.get(title=REFERENCE_TITLE)
    missing = comments - story.comments.approved().count()
    if missing > 0:
        writer = Writer(seed=story.pk)
        with transaction.atomic():
            _insert_comments(
                _comment_rows(writer, [story.pk], missing, lambda k: "approved", timezone.now())
            )
        recount([story.pk])
    story.refresh_from_db()
    return story, time.perf_counter() - started


def dump_reference(path: str) -> None:
    """The reference story as JSON for the Wagtail peer: text, picture file, approved comments."""
    import json
    import re

    from articles.models import Article, Image

    story = Article.objects.get(title=REFERENCE_TITLE)
    figure = re.search(r'<figure data-image-id="(\d+)">.*?</figure>', story.body, re.S)
    picture = Image.objects.get(pk=figure.group(1)) if figure else story.hero_image
    comments = story.comments.visible().order_by("created_at", "pk")
    data = {
        "title": story.title,
        "slug": story.slug,
        "lead": story.lead,
        "byline": story.byline,
        "body": story.body.replace(figure.group(0), "") if figure else story.body,
        "picture": picture.file.path if picture else None,
        "alt_text": picture.alt_text if picture else "",
        "caption": picture.caption if picture else "",
        "published_at": story.published_at.isoformat(),
        "comments": [
            {"name": c.name, "body": c.body, "created_at": c.created_at.isoformat()}
            for c in comments
        ],
    }
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--reference-comments", type=int, default=500)
    parser.add_argument("--database", default="newsroom_bench")
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database")
    parser.add_argument("--dump-reference", metavar="FILE", help="only write the reference story")
    args = parser.parse_args()
    if args.dump_reference:
        setup_django(args.database)
        dump_reference(args.dump_reference)
        return

    if "BENCH_DATABASE_URL" not in os.environ:
        ensure_database(args.database, reset=args.reset)
    setup_django(args.database)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    story, seconds = reference_story(args.reference_comments)
    print(
        f"demo paper, reference story {story.slug}"
        f" ({story.comment_count} comments): {seconds:.1f} s"
    )
    seconds = generate(args.stories)
    print(f"stories: {seconds:.1f} s")
    seconds = generate_comments(args.comments)
    print(f"comments: {seconds:.1f} s")
    from articles.models import Article
    from comments.models import Comment

    print(f"now {Article.objects.count()} stories, {Comment.objects.count()} comments")
    print(f"total: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
