"""The Vietnamese test export, its uploads folder, and a way to run the import."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "baocu.xml"


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A copy of wp-content/uploads with two of the export's three pictures (one is missing)."""
    root = tmp_path / "uploads"
    (root / "2015/03").mkdir(parents=True)
    PILImage.new("RGB", (900, 600), (200, 180, 40)).save(root / "2015/03/lua-chin.jpg")
    PILImage.new("RGB", (640, 480), (40, 180, 40)).save(root / "2015/03/ruong-bac-thang.png")
    return root


def run_import(path, *args) -> str:
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(db, uploads) -> str:
    return run_import(EXPORT, "--media-dir", str(uploads))
