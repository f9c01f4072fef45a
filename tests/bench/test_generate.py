"""Smoke test of the bench's data generator at toy size (the full size runs in bench/ only)."""

import importlib.util
import sys
from pathlib import Path

import pytest

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def generate():
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("generate", BENCH / "generate.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCH))


# `loaddemo` (called for the reference story) leaves a picture's file handle to the garbage
# collector; that is the demo loader's business, not the generator's.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_generator_fills_stories_comments_and_the_reference_story_once(generate):
    story, _ = generate.reference_story(5)
    # 50 stories beyond the demo paper's: any 50 in a row hold a draft and one awaiting review.
    total = Article.objects.count() + 50
    generate.generate(total)
    generate.generate_comments(300)

    assert Article.objects.count() == total
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Comment.objects.count() == 300
    assert set(Comment.objects.values_list("status", flat=True)) == {
        "approved",
        "pending",
        "rejected",
        "spam",
    }
    assert story.comments.approved().count() == 5
    busy = Article.objects.filter(comment_count__gt=0).first()
    assert busy.comment_count == busy.comments.visible().count()
    assert all(" " in title for title in Article.objects.values_list("title", flat=True))

    # Run again: nothing more is added.
    generate.reference_story(5)
    generate.generate(total)
    generate.generate_comments(300)
    assert (Article.objects.count(), Comment.objects.count()) == (total, 300)
