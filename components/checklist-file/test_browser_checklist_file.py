"""Checklist tools (checklist-file.js): save to a file, load it back, clear everything, in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from support import CHECKLIST_KEY, box, keep, record, site_content

pytestmark = pytest.mark.browser

KEY = CHECKLIST_KEY
GUIDE = site_content().guide
FIRST, SECOND = GUIDE.phases[0], GUIDE.phases[1]
FIRST_ITEMS = [item.id for item in FIRST.checklist]


def test_clear_all_removes_every_key_the_site_wrote_and_says_so(phone: Any) -> None:
    phone.goto("checklists/")
    phone.evaluate(
        f"""() => {{
            localStorage.setItem('{KEY}', JSON.stringify({{version: 9, future: true}}));
            localStorage.setItem('{KEY}:backup', 'old');
            localStorage.setItem('second-chance:something-newer', '1');
            localStorage.setItem('not-ours', 'kept');
        }}"""
    )
    phone.reload()
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.locator("[data-sc-checklist-file-action=clear]").click()
    assert phone.evaluate("() => Object.keys(localStorage)") == ["not-ours"]
    said = phone.locator(".sc-import-status").inner_text()
    assert "your saved ticks" in said and "a backup copy" in said and "another version" in said


def test_export_then_import_into_a_fresh_browser(browser: Any, site_url: str, page: Any, tmp_path: Path) -> None:
    page.goto("checklists/")
    box(page, FIRST_ITEMS[0]).check()
    box(page, SECOND.checklist[1].id).check()
    assert record(page) is None  # nothing is stored until the reader chooses
    with page.expect_download() as download:
        page.locator("[data-sc-checklist-file-action=export]").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data == {"format": "second-chance-progress", "version": 2, "done": data["done"]}
    assert sorted(data["done"]) == sorted([FIRST_ITEMS[0], SECOND.checklist[1].id])

    fresh = browser.new_context(base_url=site_url)
    try:
        other = fresh.new_page()
        other.goto("checklists/")
        other.locator("[data-sc-checklist-file-import]").set_input_files(str(saved))
        other.locator(".sc-import-status", has_text="Loaded 2 ticks").wait_for()
        assert box(other, SECOND.checklist[1].id).is_checked()
        keep(other, ".sc-checklist-file")
        other.reload()
        assert box(other, FIRST_ITEMS[0]).is_checked()
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json at all", "not a Second Chance progress file"),
        ('{"hello": "world"}', "not a Second Chance progress file"),
        ('{"format": "second-chance-progress", "version": 9, "done": {}}', "another version of this site"),
        (
            '{"format": "second-chance-progress", "version": 1, "done": {"Bad Id": 3}}',
            "not a Second Chance progress file",
        ),
    ],
)
def test_a_bad_or_foreign_import_changes_nothing(page: Any, tmp_path: Path, body: str, message: str) -> None:
    page.goto("checklists/")
    box(page, FIRST_ITEMS[0]).check()
    keep(page)
    before = record(page)
    bad = tmp_path / "progress.json"
    bad.write_text(body, encoding="utf-8")
    page.locator("[data-sc-checklist-file-import]").set_input_files(str(bad))
    page.locator(".sc-import-status", has_text=message).wait_for()
    assert record(page) == before
    assert box(page, FIRST_ITEMS[0]).is_checked()


def test_an_import_keeps_the_valid_ticks_and_says_how_many_it_skipped(page: Any, tmp_path: Path) -> None:
    page.goto("checklists/")
    mixed = tmp_path / "progress.json"
    mixed.write_text(
        json.dumps(
            {"format": "second-chance-progress", "version": 2, "done": [FIRST_ITEMS[0], "Bad Id", 7, FIRST_ITEMS[1]]}
        ),
        encoding="utf-8",
    )
    page.locator("[data-sc-checklist-file-import]").set_input_files(str(mixed))
    page.locator(".sc-import-status", has_text="Loaded 2 ticks. Skipped 2 that could not be read.").wait_for()
    assert box(page, FIRST_ITEMS[0]).is_checked() and box(page, FIRST_ITEMS[1]).is_checked()


def test_an_import_over_1_mb_is_refused_before_reading(page: Any, tmp_path: Path) -> None:
    page.goto("checklists/")
    huge = tmp_path / "progress.json"
    ids = [f"item-{n}" for n in range(150_000)]
    huge.write_text(json.dumps({"format": "second-chance-progress", "version": 2, "done": ids}), encoding="utf-8")
    assert huge.stat().st_size > 1024 * 1024
    # Counts reads of a File only: Material reads a Blob of its own (the sitemap it fetches for
    # instant navigation), which once arrived after this patch and was counted.
    page.evaluate(
        "() => { window.__read = 0; const real = Blob.prototype.text; Blob.prototype.text = function () { if (this instanceof File) window.__read++; return real.call(this); }; }"
    )
    page.locator("[data-sc-checklist-file-import]").set_input_files(str(huge))
    page.locator(".sc-import-status", has_text="too large").wait_for()
    assert page.evaluate("() => window.__read") == 0
    assert page.evaluate("() => localStorage.length") == 0
