"""Send COUNT requests to URL (4 at a time), then print the largest worker's RSS in KiB.

Usage: rss.py URL COUNT GUNICORN_MASTER_PID
"""

import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def get(url: str) -> None:
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()


def main() -> None:
    url, count, master = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: get(url), range(count)))
    print(max(rss_kib(pid) for pid in workers(master)))


if __name__ == "__main__":
    main()
