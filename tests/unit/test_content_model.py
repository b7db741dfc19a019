"""The good path: valid content loads into the typed model, and the real content is valid."""

from __future__ import annotations

from pathlib import Path

from guide import Guide, load_guide
from guide.content.loading import Content
from guide.content.validation import check
from guide.content.yamlsource import read_source


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


def test_the_real_guide_has_the_shape_of_the_article_arc(content: Content) -> None:
    """The guide's shape by its properties, not by a list of ids: a phase can be added,
    renamed or retired (CONTRIBUTING.md) and this still says what must hold."""
    guide = content.guide
    phases = guide.phases
    assert len(phases) >= 2
    first, last = phases[0], phases[-1]
    # It starts with the reader looking at their own part, before any contact...
    assert not first.check_in and not first.examples and not first.message_rules, first.id
    # ...and ends with accepting whatever the ex decides, pushing no contact.
    assert not last.check_in and not last.examples and not last.message_rules, last.id
    assert last.limit, f"{last.id}: the last phase says where it stops"
    # The stop rule is defined once, with its signs.
    assert guide.stop is not None and guide.stop.signals
    # Every phase with a message to send asks its check-in first, and every check-in phase
    # (the reader is in touch with their ex) states its limit.
    contact = [p for p in phases if p.check_in]
    assert contact
    assert all(p.check_in for p in phases if p.examples or p.message_rules)
    assert all(p.limit for p in contact), [p.id for p in contact if not p.limit]
    ids = [item.id for phase in phases for item in phase.checklist]
    assert len(ids) == len(set(ids))
    text = " ".join(p.model_dump_json() for p in phases)
    # The article's numbers carry over.
    assert "5 to 7 days" in text or "5-7 days" in text
    assert "six months" in text


def test_a_record_type_can_be_checked_alone(fixtures: Path) -> None:
    source = read_source(fixtures / "valid" / "guide.yml", "valid.yml")
    assert check(Guide, source).title == "Fixture Guide"
