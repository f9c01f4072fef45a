"""Fixes to the chain found while clicking it through in a browser (test_browser_chain.py)."""

import pytest

from articles.approvals import steps
from articles.models import ApprovalStep

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
