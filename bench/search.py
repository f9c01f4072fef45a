"""Search latency at 100,000 stories on PostgreSQL: median and p95 for two-word queries.

Usage (its own database, created and filled on the first run, reused after):
    .venv/bin/python bench/search.py [--stories 100000] [--runs 40] [--database newsroom_bench]

Stories are made of Vietnamese syllables drawn with Zipf weights, so some words are in most
stories and others in few; each query is timed as the search page runs it (the count for the
paginator, then the first page of 20 ranked stories with their highlights), after warm-up.
Not part of the test suite.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def setup_django(database: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{database}"
    )
    import django

    django.setup()


def ensure_database(database: str) -> None:
    import psycopg2

    admin = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
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


def generate(total: int, batch_size: int = 2000) -> float:
    """Add stories until there are `total`; return the seconds it took."""
    from django.db import connection
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
            stories.append(
                Article(
                    title=title,
                    slug=f"{slugify(title, max_length=150)}-{i}",
                    section=sections[i % len(sections)],
                    lead=lead,
                    body="".join(f"<p>{p}</p>" for p in paragraphs),
                    byline="Phóng viên",
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=7 * i + 1),
                    search_text=search_text,
                )
            )
        Article.objects.bulk_create(stories)
        print(f"  {start + len(stories):>7} stories", end="\r", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")
    print()
    return time.perf_counter() - started


def time_query(q: str, runs: int) -> tuple[list[float], int]:
    from articles.search import parse_query, search

    timings = []
    for run in range(runs + 3):
        started = time.perf_counter()
        results = search(parse_query(q))
        count = results.count()
        page = results[0:20]
        elapsed = (time.perf_counter() - started) * 1000
        if run >= 3:  # warm-up runs are not counted
            timings.append(elapsed)
    assert len(page) == min(20, count)
    return timings, count


def all_matches(q: str) -> int:
    """Every public story holding the words, past the search page's cap."""
    from articles.models import Article
    from articles.search import _tsquery_sql, parse_query

    words = parse_query(q).words
    return Article.objects.published().filter(_tsquery_sql("@@", words, "")).count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--database", default="newsroom_bench")
    args = parser.parse_args()

    if "BENCH_DATABASE_URL" not in os.environ:
        ensure_database(args.database)
    setup_django(args.database)
    from django.core.management import call_command
    from django.db import connection

    assert connection.vendor == "postgresql", "the benchmark needs PostgreSQL"
    call_command("migrate", verbosity=0)
    seconds = generate(args.stories)
    from articles.models import Article

    print(f"stories: {Article.objects.count()} (generated in {seconds:.0f} s)")
    writer = Writer()
    words = writer.words

    queries = {
        "common words (ranks 25, 40)": f"{words[25]} {words[40]}",
        "đảng bộ (typed with diacritics)": "đảng bộ",
        "dang bo (typed without)": "dang bo",
        "mid-frequency (ranks 120, 150)": f"{words[120]} {words[150]}",
        "less common (ranks 290, 320)": f"{words[290]} {words[320]}",
        "rarest (ranks 325, 326)": f"{words[325]} {words[326]}",
        "nothing matches": "khủng long",
    }
    print(f"{'query':<44} {'all':>6} {'listed':>6} {'median ms':>10} {'p95 ms':>8}")
    for label, q in queries.items():
        timings, count = time_query(q, args.runs)
        p95 = statistics.quantiles(timings, n=20)[18]
        median = statistics.median(timings)
        total = all_matches(q)
        print(f"{label + ': ' + q:<44.44} {total:>6} {count:>6} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
