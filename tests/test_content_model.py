"""The good path: valid content loads into the typed model, and the real content is valid."""

from __future__ import annotations

from pathlib import Path

from guide import Guide, load_guide
from guide.validate import check
from guide.yamlsource import read_source

ROOT = Path(__file__).resolve().parent.parent


def test_valid_fixture_loads_in_order_with_all_fields(fixtures: Path) -> None:
    guide = load_guide(fixtures / "valid" / "guide.yml", "valid.yml")
    assert isinstance(guide, Guide)
    assert [p.id for p in guide.phases] == ["first-step", "second-step"]
    first = guide.phases[0]
    assert first.timing == "About 5 to 7 days."
    assert [s.title for s in first.steps] == ["Do one thing", "Do another thing"]
    assert first.checklist[1].former_ids == ("first-step-note",)
    assert guide.phases[1].examples == ()


def test_line_numbers_point_at_keys_and_items(fixtures: Path) -> None:
    source = read_source(fixtures / "valid" / "guide.yml", "valid.yml")
    assert source.line_of(("phases", 1, "id")) == 37
    assert source.line_of(("phases", 0, "checklist", 1, "text")) == 35
    # A path that does not exist falls back to its nearest ancestor.
    assert source.line_of(("phases", 1, "timing")) == 37


def test_the_real_guide_content_is_valid_and_covers_the_article_arc() -> None:
    guide = load_guide(ROOT / "content" / "guide.yml", "content/guide.yml")
    assert [p.id for p in guide.phases] == [
        "understand",
        "own-it",
        "give-space",
        "reconnect",
        "change",
        "friends",
        "start-new",
        "whatever-happens",
    ]
    ids = [item.id for phase in guide.phases for item in phase.checklist]
    assert len(ids) == len(set(ids))
    text = " ".join(p.model_dump_json() for p in guide.phases)
    # The article's numbers carry over.
    assert "5 to 7 days" in text or "5-7 days" in text
    assert "six months" in text
    # Where the article pushes persistence, the page states the limit.
    for pid in ("own-it", "reconnect", "friends", "start-new"):
        assert next(p for p in guide.phases if p.id == pid).limit, pid


def test_a_record_type_can_be_checked_alone(fixtures: Path) -> None:
    source = read_source(fixtures / "valid" / "guide.yml", "valid.yml")
    assert check(Guide, source).title == "Fixture Guide"
