"""Fixes to the chain found while clicking it through in a browser (test_browser_chain.py)."""

from io import StringIO

import pytest
from django.urls import reverse

from articles import workflow
from articles.approvals import steps
from articles.models import ApprovalStep, Article

from .test_chain import edit_title, kinds, submitted

Kind = ApprovalStep.Kind
pytestmark = pytest.mark.django_db


def test_a_change_after_a_send_back_to_a_level_never_skips_that_level(client, paper):
    # Levels 1 and 2 approved, then the last level sent it back to level 1: both approvals
    # are void. An editor's change while it waits at level 1 keeps it there; it must not
    # jump to level 2 on the strength of level 2's voided approval.
    story = submitted(paper, title="Tỉnh họp bàn kế hoạch")
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    steps.send_back(story, by=paper.chief, note="Cần thêm nguồn", to_level=1)
    edit_title(client, paper.editor, story, "Tỉnh họp bàn kế hoạch năm 2027")
    story.refresh_from_db()
    assert story.approval_level == 1
    assert Kind.CHANGED not in [k for k, _, _ in kinds(story)]


def test_a_change_after_a_send_back_goes_back_to_the_level_that_approved_since(client, paper):
    # Sent back to level 1, approved there again: an editor's change goes back to level 1
    # (the approval of this text), not to level 2, whose approval the send-back voided.
    story = submitted(paper, title="Tỉnh họp bàn kế hoạch")
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    steps.send_back(story, by=paper.chief, note="Cần thêm nguồn", to_level=1)
    steps.approve(story, by=paper.head)
    answer = edit_title(client, paper.editor, story, "Tỉnh họp bàn kế hoạch năm 2027")
    assert "về lại cấp 1" in answer.content.decode()
    story.refresh_from_db()
    assert story.approval_level == 1
    client.force_login(paper.head)
    form = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert "Đã sửa sau khi cấp 1 duyệt" in form
    assert "<ins>năm 2027</ins>" in form


def test_a_shortened_chain_moves_waiting_stories_to_its_new_last_level(paper):
    from django.core.management import call_command

    story = paper.story()
    workflow.submit(story, by=paper.reporter)
    steps.approve(story, by=paper.head)
    steps.approve(story, by=paper.managing)
    story.refresh_from_db()
    assert story.approval_level == 3
    call_command(
        "approvalchain", paper.thoi_su.slug, "truong-ban", "thu-ky-toa-soan", stdout=StringIO()
    )
    story.refresh_from_db()
    assert story.approval_level == 2
    # Now the last level: the thư ký approves it again and it is published.
    steps.approve(story, by=paper.managing)
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED


def test_a_removed_chain_leaves_waiting_stories_to_the_editors(paper):
    from django.core.management import call_command

    story = paper.story()
    workflow.submit(story, by=paper.reporter)
    call_command("approvalchain", paper.thoi_su.slug, stdout=StringIO())
    story.refresh_from_db()
    assert story.approval_level is None
    workflow.publish(story, by=paper.editor)
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED


def test_a_chain_with_gaps_in_its_positions_counts_its_levels_in_order(paper):
    from articles.models import ApprovalLevel

    ApprovalLevel.objects.filter(section=paper.thoi_su).delete()
    ApprovalLevel.objects.create(section=paper.thoi_su, position=5, role="truong-ban")
    ApprovalLevel.objects.create(section=paper.thoi_su, position=9, role="tong-bien-tap")
    story = paper.story()
    workflow.submit(story, by=paper.reporter)
    steps.approve(story, by=paper.head)
    story.refresh_from_db()
    assert story.approval_level == 2
    steps.approve(story, by=paper.chief)
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED


def test_the_last_level_gives_the_nhuan_but_grade_as_it_approves(client, paper):
    from articles.models import Grading, RoyaltyRate

    from .test_chain import press

    story = submitted(paper, paper.the_thao)
    client.force_login(paper.sports_head)
    form = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "Hạng nhuận bút" not in form  # no rate set: no royalty screen
    RoyaltyRate.objects.create(role="viet", grade="A", amount=300_000)
    RoyaltyRate.objects.create(role="viet", grade="B", amount=200_000)
    form = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "Hạng nhuận bút" in form and '<option value="B">B</option>' in form
    answer = press(client, paper.sports_head, story, "approve", grade="Z")
    assert "không có trong bảng" in client.get(answer.url).content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.PENDING  # a refused grade approves nothing
    press(client, paper.sports_head, story, "approve", grade="B")
    story.refresh_from_db()
    assert story.state == Article.State.PUBLISHED
    grading = Grading.objects.get(article=story)
    assert (grading.grade, grading.graded_by) == ("B", paper.sports_head)
