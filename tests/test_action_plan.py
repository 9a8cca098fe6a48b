"""The action tracker says which planning comes from the document's text and
which is a reconstruction (the demo) or the gemeente's own (a delivery)."""

from __future__ import annotations

import re
from pathlib import Path

from monitor import action_plan

SEED_002 = next((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("002_*.txt"),
                None)


def test_actions_that_name_a_date_are_from_the_text():
    kind, text = action_plan.planning_source(
        "Aanbesteding onderwijsroute (huidige aanbesteding verloopt 31 juli 2024).", demo=True)
    assert kind == action_plan.IN_TEXT and "31 juli 2024" in text


def test_other_actions_are_reconstructed_in_the_demo_and_delivered_otherwise():
    words = "We herijken jaarlijks de personele inzet."
    assert action_plan.planning_source(words, demo=True)[0] == action_plan.RECONSTRUCTED
    assert action_plan.planning_source(words, demo=False)[0] == action_plan.DELIVERED
    assert action_plan.planning_source(None, demo=True)[0] == action_plan.RECONSTRUCTED


def test_every_quoted_date_is_in_the_programme_itself():
    text = SEED_002.read_text(encoding="utf-8") if SEED_002 else ""
    if not text:  # the seeds live beside the repository; the quotes must then still be dates
        assert all(re.search(r"20\d\d", w) for _, w in action_plan.DOCUMENT_DATES)
        return
    flat = " ".join(text.split())
    for pattern, _ in action_plan.DOCUMENT_DATES:
        assert re.search(pattern, flat), pattern
