import pytest

from tests.multimedia.clips import make_clip


@pytest.fixture(scope="session")
def clips(tmp_path_factory):
    """The clips most tests use, made once per run."""
    folder = tmp_path_factory.mktemp("clips")
    return {
        "720": make_clip(folder / "hinh-720.mp4", size="1280x720"),
        "360": make_clip(folder / "hinh-360.mp4", size="640x360"),
        "small": make_clip(
            folder / "hinh-nho.webm",
            size="320x180",
            extra=("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8"),
        ),
        "silent": make_clip(folder / "khong-tieng.mp4", audio=False),
        "mp3": make_clip(folder / "tieng.mp3", video=False, seconds=2),
        "wav": make_clip(folder / "tieng.wav", video=False),
        "faststart": make_clip(
            folder / "nhanh.mp4", size="640x360", seconds=2, extra=("-movflags", "+faststart")
        ),
    }
