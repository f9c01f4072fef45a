"""Fetch comment forms for the comment-post load (bench/post_comment.lua), one per post.

Usage: comment_forms.py BASE_URL ARTICLE_PK COUNT OUT_FILE
Each form is what static/js/comments.js gets for a reader: the CSRF cookie and this visitor's
hidden fields from /binh-luan/phieu/<pk>/. Writes one line per form: the Cookie header, a tab,
the urlencoded body of a filled-in comment. Every form is single use, as on the site.
"""

import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import urlencode


def fetch(base: str, article_pk: int, n: int) -> str:
    with urllib.request.urlopen(f"{base}/binh-luan/phieu/{article_pk}/", timeout=30) as response:
        fields = json.loads(response.read())["fields"]
        cookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie.load(header)
    body = urlencode(
        {
            **fields,
            "article": article_pk,
            "name": f"Bạn đọc {n}",
            "email": f"ban-doc-{n}@example.vn",
            "body": f"Bài viết rất bổ ích, cảm ơn tòa soạn. Ý kiến số {n}.",
            "website": "",
            "parent": "",
        }
    )
    jar = "; ".join(f"{key}={morsel.value}" for key, morsel in cookie.items())
    return f"{jar}\t{body}\n"


def main() -> None:
    base, article_pk, count, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with ThreadPoolExecutor(4) as pool:
        lines = list(pool.map(lambda n: fetch(base, article_pk, n), range(count)))
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()
