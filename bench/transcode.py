"""Time the media pipeline's transcode of a 1-minute 1080p clip on this machine.

    .venv/bin/python bench/transcode.py            # 60 s of 1080p at 25 fps, with sound
    .venv/bin/python bench/transcode.py --seconds 10

Makes the clip with ffmpeg (testsrc2, a moving test picture, and a 440 Hz sine, H.264/AAC as a
camera would hand it over), then runs exactly what the worker runs (multimedia.transcode:
720p and 360p H.264/AAC MP4 in one ffmpeg run, then the poster) and prints the wall time,
the ratio to the clip's length, and the renditions' sizes. Files go to a temporary folder.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings_test")

import django

django.setup()

from django.conf import settings  # noqa: E402

from multimedia import transcode  # noqa: E402
from multimedia.probe import read, run_ffprobe  # noqa: E402


def make_source(path: Path, seconds: int) -> None:
    subprocess.run(
        [
            settings.FFMPEG_PATH, "-nostdin", "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate=25:duration={seconds}",
            "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
            "-c:v", "libx264", "-preset", "veryfast", "-b:v", "8M", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "192k", str(path),
        ],
        check=True,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "nguon-1080p.mp4"
        started = time.monotonic()
        make_source(source, args.seconds)
        print(f"source: {args.seconds} s of 1080p25, {source.stat().st_size / 1e6:.1f} MB, "
              f"made in {time.monotonic() - started:.1f} s")  # fmt: skip
        probe = read(run_ffprobe(str(source)))
        out = Path(folder) / "out"
        out.mkdir()
        started = time.monotonic()
        outputs, poster = transcode.make_video(str(source), probe, out)
        took = time.monotonic() - started
        sizes = ", ".join(
            f"{name}p {path.stat().st_size / 1e6:.1f} MB" for name, path in outputs.items()
        )
        print(f"transcode (720p + 360p + poster, FFMPEG_THREADS={settings.FFMPEG_THREADS}): "
              f"{took:.1f} s, {took / args.seconds:.2f}x the clip's length; {sizes}")  # fmt: skip
        print(f"load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
