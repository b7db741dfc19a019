"""The site in every language, in Chromium on a phone: the switch keeps the reader on the same
page, keeps their ticks and adds no history entry; the triage, the quick exit, the checklist and
print work on each language's pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from accessibility import axe_violations

from guide.content.loading import load_content
from guide.translations.languages import TRANSLATED
from support import (
    ENGINES,
    EXIT_URL,
    PHONE,
    ROOT,
    box,
    guarded_context,
    keep,
    neutral_exit,
    pdf_pages,
    phone_page,
    record,
    squash,
)

pytestmark = pytest.mark.browser

CODES = [language.code for language in TRANSLATED]
ENGLISH = load_content(ROOT / "content")
PHASE = next(phase for phase in ENGLISH.guide.phases if phase.checklist)
ITEM = PHASE.checklist[0].id


@pytest.fixture
def tab(browser: Any, languages_url: str) -> Iterator[Any]:
    """A phone-sized page in a fresh profile on the site with every language."""
    with phone_page(browser, languages_url, []) as page:
        yield page


@pytest.mark.parametrize("languages_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("code", CODES)
def test_the_switch_goes_to_the_same_page_keeps_ticks_and_adds_no_history(
    tab: Any, languages_url: str, code: str
) -> None:
    tab.goto(f"phases/{PHASE.id}/")
    box(tab, ITEM).check()
    keep(tab)
    assert record(tab) is not None
    before = tab.evaluate("() => history.length")
    tab.locator(".md-header .md-select > button").tap()
    link = tab.locator(f".md-select__link[hreflang={code}]")
    link.wait_for(state="visible")
    link.tap()
    tab.wait_for_url(f"{languages_url}{code}/phases/{PHASE.id}/")
    assert tab.evaluate("() => document.documentElement.lang") == code
    assert box(tab, ITEM).is_checked(), "the tick made in English shows in the other language"
    assert tab.evaluate("() => history.length") == before
    # And back to English, to the same page.
    tab.locator(".md-header .md-select > button").tap()
    tab.locator(".md-select__link[hreflang=en]").tap()
    tab.wait_for_url(f"{languages_url}phases/{PHASE.id}/")
    assert box(tab, ITEM).is_checked()


@pytest.mark.parametrize("code", CODES)
def test_the_switch_stores_nothing_and_ignores_the_browsers_language(
    browser: Any, languages_url: str, code: str
) -> None:
    offsite: list[str] = []
    ctx = guarded_context(browser, languages_url, offsite, locale=f"{code}-{code.upper()}", **PHONE)
    page = ctx.new_page()
    page.goto("")
    assert page.url == languages_url, "no redirect by the browser's language"
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.goto(f"{code}/")
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    assert ctx.cookies() == []
    ctx.close()
    assert offsite == []


@pytest.mark.parametrize("languages_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("code", CODES)
def test_a_yes_in_the_triage_points_to_the_safety_page_in_the_same_language(tab: Any, code: str) -> None:
    tab.goto(f"{code}/triage/")
    result = tab.locator(".sc-triage__result--yes")
    assert not result.is_visible()
    tab.locator("input[type=radio][value=yes]").first.check()
    assert result.is_visible()
    hrefs = result.get_by_role("link").evaluate_all("links => links.map(a => a.href)")
    pages = [href for href in hrefs if href.startswith("http")]
    assert pages and all(f"/{code}/safety/" in href for href in pages), hrefs


@pytest.mark.parametrize("languages_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("code", CODES)
def test_a_page_asks_for_nothing_that_is_not_there(tab: Any, languages_url: str, code: str) -> None:
    """No request fails: Material looks for a sitemap beside any alternate link in the head."""
    failed: list[str] = []
    tab.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    tab.on("requestfailed", lambda request: failed.append(request.url))
    tab.goto(f"{code}/phases/{PHASE.id}/", wait_until="networkidle")
    tab.locator(".md-footer__link--next").tap()
    tab.wait_for_load_state("networkidle")
    assert failed == []


@pytest.mark.parametrize("languages_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("code", CODES)
def test_the_quick_exit_leaves_for_its_own_page_and_back_does_not_return(
    tab: Any, languages_url: str, code: str
) -> None:
    """Each language leaves for its own neutral page, not the English one."""
    exit_url = load_content(ROOT / "content", language=code).safety.quick_exit.url
    assert exit_url.rstrip("/") != EXIT_URL.rstrip("/")
    neutral_exit(tab, exit_url)
    neutral_exit(tab)  # so a wrong exit, to the English page, fails below instead of going out
    tab.goto(f"{code}/phases/{PHASE.id}/")
    tab.locator(".md-footer__link--next").tap()
    tab.wait_for_url(f"**/{code}/phases/**")
    tab.locator(".sc-controls a[data-sc-quick-exit]").tap()
    tab.wait_for_url(exit_url.rstrip("/") + "**")
    tab.go_back()
    assert not tab.url.startswith(languages_url)


@pytest.mark.parametrize("code", CODES)
def test_the_checklists_print_in_the_language_with_the_ticks(tab: Any, code: str) -> None:
    tab.goto(f"{code}/phases/{PHASE.id}/")
    box(tab, ITEM).check()
    keep(tab)
    tab.goto(f"{code}/checklists/")
    assert box(tab, ITEM).is_checked()
    translated = load_content(ROOT / "content", language=code)
    printed = squash(" ".join(pdf_pages(tab)))
    first = next(p for p in translated.guide.phases if p.id == PHASE.id)
    assert squash(first.checklist[0].text) in printed
    assert squash(first.title) in printed


# Words every translation has on its phase pages: "perdón" (sorry) and "pardon" / "excuse".
SEARCH_WORDS = {"es": "perd", "fr": "excus"}


@pytest.mark.parametrize("code", CODES)
def test_search_finds_pages_in_the_same_language(tab: Any, languages_url: str, code: str) -> None:
    tab.goto(f"{code}/")
    tab.locator("header button.sc-search-button").tap()
    tab.locator("input.sc-search__input").press_sequentially(SEARCH_WORDS[code])
    results = tab.locator(".sc-search__item a")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(href.startswith(f"{languages_url}{code}/") for href in hrefs), hrefs


@pytest.mark.parametrize("code", CODES)
def test_the_region_chooser_offers_this_languages_regions_and_their_numbers(tab: Any, code: str) -> None:
    local = load_content(ROOT / "content", language=code).safety.safety
    tab.goto(f"{code}/safety/")
    choice = tab.locator("#sc-regions-choice")
    names = choice.locator("option").all_inner_texts()
    assert [region.name for region in local.regions] == [n for n in names if n in {r.name for r in local.regions}]
    region = local.regions[0]
    choice.select_option(region.id)
    result = tab.locator("[data-sc-regions-result]")
    # Every number the region names, in its order (France: the SAMU's 15, then the police's 17).
    calls = result.locator("a.sc-call").evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    assert calls == ["tel:" + number.replace(" ", "") for number in region.numbers]
    assert region.name in tab.locator("[data-sc-regions-live]").inner_text()


@pytest.mark.parametrize("path", ["", "safety/", f"phases/{PHASE.id}/"])
@pytest.mark.parametrize("code", CODES)
def test_translated_pages_have_no_axe_violations(tab: Any, code: str, path: str) -> None:
    """WCAG 2.2 A and AA and axe's best practices, as for the English pages, on a phone."""
    tab.goto(f"{code}/{path}")
    count, report = axe_violations(tab)
    assert not count, f"/{code}/{path}:\n{report}"


@pytest.mark.parametrize("code", ["en", *CODES])
def test_the_open_switch_stays_on_a_phone_screen_and_widens_nothing(tab: Any, code: str) -> None:
    tab.goto(f"{'' if code == 'en' else code + '/'}phases/{PHASE.id}/")
    assert tab.evaluate("() => document.documentElement.scrollWidth") == 390
    tab.locator(".md-header .md-select > button").tap()
    links = tab.locator(".md-select__link")
    links.last.wait_for(state="visible")
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert tab.evaluate("() => document.documentElement.scrollWidth") == 390


@pytest.mark.parametrize("code", ["en", *CODES])
def test_on_a_wide_screen_the_controls_cover_no_words_of_the_banner_or_header(
    browser: Any, languages_url: str, code: str
) -> None:
    """The safety link and the exit sit over the top right corner: the banner's sentence and
    the header's controls must end before them, in every language's words."""
    offsite: list[str] = []
    ctx = guarded_context(browser, languages_url, offsite, viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    page.goto(f"{'' if code == 'en' else code + '/'}")
    controls = page.locator(".sc-controls").bounding_box()
    assert controls
    for selector in (".sc-banner", ".md-header .md-select > button", ".md-header .sc-search-button"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["x"] + box["width"] <= controls["x"], (selector, box, controls)
    ctx.close()
    assert offsite == []
