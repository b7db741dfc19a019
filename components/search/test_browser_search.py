"""Search as readers use it, in Chromium: nothing of search loads until the reader opens it
(issue 20), and then it works on a phone (tap the icon) and on a desktop ("/", arrows, Esc),
for a screen reader, with nothing typed kept anywhere. The dialog is ours (partials/search.html,
search-open.js), so the tests that make sure of it run on the hooks' build and on Zensical's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from accessibility import assert_no_axe_violations

from support import ENGINES, guarded_context, phone_page

pytestmark = pytest.mark.browser

PAGES = ["", "phases/understand/", "checklists/", "safety/"]
# Everything search is made of: our script, the index, Material's worker, any other engine's files
# (Zensical's search.json).
SEARCH_FILES = re.compile(r"/assets/js/search\.js|search_index|/search/|search\.json|/workers/|lunr|pagefind")
ICON = "header button.sc-search-button"  # a real button: Material's magnifier is a label no keyboard reaches
FIELD = "input.sc-search__input"
RESULT = ".sc-search__item"
IS_OPEN = "() => !document.querySelector('[data-sc-search]').hidden"
QUERY = "apolog"  # as readers type: the start of "apologise"


# How often the visible count and the live region change while the reader types.
COUNT_CHANGES = """() => {
  window.__changes = { meta: 0, live: 0 };
  for (const [key, selector] of [["meta", ".sc-search__meta"], ["live", "[data-sc-search-live]"]]) {
    new MutationObserver(() => { window.__changes[key] += 1; })
      .observe(document.querySelector(selector), { childList: true, characterData: true, subtree: true });
  }
}"""


def shown(page: Any) -> bool:
    """Whether the search box is on screen: drawn, with the field and its count in it."""
    return bool(
        page.evaluate(
            """() => [".sc-search__box", ".sc-search__input", ".sc-search__meta"].every((s) => {
                 const box = document.querySelector(s).getBoundingClientRect();
                 return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight; })"""
        )
    )


def requested(page: Any) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def search_files(urls: list[str]) -> list[str]:
    return [url for url in urls if SEARCH_FILES.search(url)]


@pytest.fixture
def desktop(context: Any) -> Any:
    errors: list[str] = []
    tab = context.new_page()
    tab.set_viewport_size({"width": 1280, "height": 800})
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("path", PAGES)
def test_a_page_loads_nothing_of_search_until_it_opens(phone: Any, path: str) -> None:
    urls = requested(phone)
    phone.goto(path, wait_until="networkidle")
    phone.wait_for_timeout(1000)  # Material's late requests (the sitemap) have come by now
    phone.mouse.wheel(0, 600)  # reading: scrolling, a tap on the text
    phone.locator("article h1").first.click()
    phone.wait_for_timeout(300)
    assert search_files(urls) == []
    phone.locator(ICON).click()
    phone.locator(FIELD).press_sequentially(QUERY)
    phone.locator(RESULT).first.wait_for()
    fetched = [url.split("?")[0].rsplit("/", 2)[-2:] for url in search_files(urls)]
    assert fetched == [["js", "search.js"], ["search", "index.json"]]  # each once, only these


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_on_a_phone_a_tap_on_the_icon_finds_and_opens_a_page(phone: Any) -> None:
    phone.goto("")
    assert not shown(phone)
    phone.locator(ICON).click()
    field = phone.locator(FIELD)
    assert shown(phone) and phone.evaluate("() => document.activeElement.matches('input.sc-search__input')")
    field.press_sequentially(QUERY)
    results = phone.locator(RESULT)
    results.first.wait_for()
    assert results.first.is_visible()
    assert phone.locator(".sc-search__meta").inner_text() == f"{results.count()} matching documents"
    text = phone.locator(".sc-search__list").inner_text().lower()
    assert "apologise" in text and phone.locator(".sc-search__list mark").first.inner_text().lower() == QUERY
    link = phone.locator(f"{RESULT} a").first
    target = link.get_attribute("href") or ""
    link.tap()
    phone.wait_for_url(target)
    assert not phone.evaluate(IS_OPEN) and not shown(phone)  # closed on arrival


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_on_a_desktop_slash_arrows_enter_and_escape_work(desktop: Any) -> None:
    desktop.goto("phases/understand/")
    desktop.locator("a.md-footer__link--next").focus()
    desktop.keyboard.press("/")
    assert desktop.evaluate("() => document.activeElement.matches('input.sc-search__input')")
    assert desktop.evaluate(IS_OPEN) and shown(desktop)
    desktop.keyboard.type(QUERY)
    desktop.locator(RESULT).first.wait_for()
    desktop.keyboard.press("ArrowDown")
    first = desktop.locator(f"{RESULT} a").first
    assert desktop.evaluate("(a) => document.activeElement === a", first.element_handle())
    desktop.keyboard.press("ArrowUp")
    assert desktop.evaluate("() => document.activeElement.matches('input.sc-search__input')")
    desktop.keyboard.press("Escape")  # closes, and focus goes back where the reader was
    assert not desktop.evaluate(IS_OPEN) and not shown(desktop)
    assert desktop.evaluate("() => document.activeElement.matches('a.md-footer__link--next')")
    desktop.keyboard.press("/")  # the second time: typed words still there, results at once
    assert desktop.locator(FIELD).input_value() == QUERY
    target = desktop.locator(f"{RESULT} a").first.get_attribute("href") or ""
    desktop.keyboard.press("Enter")  # the best result, as Material did
    desktop.wait_for_url(target)


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_open_search_holds_the_page_still_and_a_click_outside_or_tab_past_it_closes_it(desktop: Any) -> None:
    desktop.goto("phases/understand/")
    desktop.keyboard.press("/")
    desktop.keyboard.type(QUERY)
    desktop.locator(RESULT).first.wait_for()
    desktop.mouse.move(1200, 700)  # over the page, outside the box
    desktop.mouse.wheel(0, 800)
    desktop.wait_for_timeout(300)
    assert desktop.evaluate("() => scrollY") == 0  # the scroll lock: the page behind did not move
    desktop.keyboard.press("Tab")  # the field's clear button is not a Tab stop: the first result is
    assert desktop.evaluate(
        "(a) => document.activeElement === a", desktop.locator(f"{RESULT} a").first.element_handle()
    )
    desktop.mouse.click(1200, 700)
    assert not desktop.evaluate(IS_OPEN)
    desktop.mouse.wheel(0, 800)
    desktop.wait_for_function("() => scrollY > 0")  # closed, the page scrolls again
    desktop.keyboard.press("/")
    for _ in range(desktop.locator(f"{RESULT} a").count() + 1):
        desktop.keyboard.press("Tab")
    assert not desktop.evaluate(IS_OPEN)  # past the last result, focus left search and closed it


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_a_keyboard_reaches_the_icon_and_a_screen_reader_hears_the_count(desktop: Any) -> None:
    desktop.set_viewport_size({"width": 390, "height": 844})  # the icon alone, no field in the header
    desktop.goto("")
    icon = desktop.locator(ICON)
    assert (
        icon.get_attribute("aria-label") == "Search"
        and desktop.locator(".md-header__button[for=__search]").count() == 0
    )
    assert desktop.locator("[data-sc-search]").get_attribute("role") == "dialog"
    assert desktop.locator("[data-sc-search]").get_attribute("aria-label") == "Search"
    for _ in range(12):  # from the top, by Tab alone: the skip link, the logo, ..., then search
        desktop.keyboard.press("Tab")
        if desktop.evaluate("() => document.activeElement.matches('button.sc-search-button')"):
            break
    assert desktop.evaluate("() => document.activeElement.matches('button.sc-search-button')")
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("() => document.activeElement.matches('input.sc-search__input')")
    live = desktop.locator("[data-sc-search-live]")
    assert live.get_attribute("aria-live") == "polite"
    desktop.evaluate(COUNT_CHANGES)
    desktop.keyboard.type(QUERY, delay=60)
    desktop.locator(RESULT).first.wait_for()
    desktop.wait_for_function("() => document.querySelector('[data-sc-search-live]').textContent !== ''")
    desktop.wait_for_timeout(1000)
    changes = desktop.evaluate("() => window.__changes")
    # The count on screen follows every key; the live region speaks once, when typing pauses.
    assert changes["meta"] >= 3 and changes["live"] == 1, changes
    assert live.text_content() == desktop.locator(".sc-search__meta").inner_text()
    desktop.keyboard.press("Escape")
    assert desktop.evaluate("() => document.activeElement.matches('button.sc-search-button')")


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("width", [390, 1280])  # the whole screen on a phone, a box on a desktop
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_has_no_axe_violations(desktop: Any, scheme: str, width: int) -> None:
    # Through the one helper, which waits for any transition to end: run at once, axe once
    # measured Material's old dialog half-way through its fade (contrast 4.23, in a full run).
    desktop.set_viewport_size({"width": width, "height": 844})
    desktop.emulate_media(color_scheme=scheme)
    desktop.goto("")
    desktop.keyboard.press("/")
    desktop.keyboard.type(QUERY)
    desktop.locator(RESULT).first.wait_for()
    assert_no_axe_violations(desktop, f"the open search ({scheme})", context=".sc-search")


def test_case_and_accents_do_not_count(desktop: Any) -> None:
    desktop.goto("")
    desktop.keyboard.press("/")
    desktop.keyboard.type(QUERY)
    desktop.locator(RESULT).first.wait_for()
    plain = desktop.locator(".sc-search__list").inner_text()
    desktop.locator(FIELD).fill("APOLÓG")  # as a Spanish or French keyboard might type it
    desktop.wait_for_function("(text) => document.querySelector('.sc-search__list').innerText === text", arg=plain)


# Typed without accents, as on a keyboard without them: each finds the accented word of its
# language, and each language searches its own index. ("équipement", the example, is
# in no French page; "sécurité" is on most.)
ACCENTS = {"fr": ("securite", "sécurité"), "es": ("telefono", "teléfono")}


@pytest.mark.parametrize("languages_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
@pytest.mark.parametrize("code", sorted(ACCENTS))
def test_in_spanish_and_french_a_word_typed_without_accents_finds_it_with_them(
    browser: Any, languages_url: str, code: str
) -> None:
    typed, word = ACCENTS[code]
    with phone_page(browser, languages_url, []) as tab:
        urls = requested(tab)
        tab.goto(f"{code}/phases/understand/", wait_until="networkidle")
        assert search_files(urls) == []
        tab.locator(ICON).click()
        tab.locator(FIELD).press_sequentially(typed)
        # Results come as the reader types: wait for those of the whole word, not of a part
        # ("securi") that a slow machine may still show when typing ends.
        whole = re.compile(rf"^{re.escape(word)}$", re.IGNORECASE)
        tab.locator(".sc-search__list mark", has_text=whole).first.wait_for()
        marks = {m.lower() for m in tab.locator(".sc-search__list mark").all_inner_texts()}
        assert word in marks, marks
        assert [u for u in search_files(urls) if "index" in u] == [f"{languages_url}{code}/search/index.json"]
        for href in tab.locator(f"{RESULT} a").evaluate_all("(links) => links.map((a) => a.href)"):
            assert href.startswith(f"{languages_url}{code}/"), href


@pytest.mark.parametrize("site_url", ENGINES, indirect=True)  # on the hooks' build and on Zensical's
def test_nothing_typed_reaches_the_address_the_history_or_storage(desktop: Any) -> None:
    desktop.goto("")
    length = desktop.evaluate("() => history.length")
    desktop.keyboard.press("/")
    desktop.keyboard.type("blocked")
    desktop.locator(RESULT).first.wait_for()
    assert "blocked" not in desktop.url
    assert "blocked" not in (desktop.locator(f"{RESULT} a").first.get_attribute("href") or "")
    desktop.keyboard.press("Enter")
    desktop.wait_for_load_state("load")
    desktop.wait_for_timeout(300)
    assert "blocked" not in desktop.url and "?" not in desktop.url
    assert desktop.evaluate("() => history.length") == length  # one entry for the whole site
    assert desktop.evaluate("() => localStorage.length + sessionStorage.length") == 0
    assert desktop.evaluate("() => document.cookie") == ""


def test_when_the_index_cannot_load_the_reader_is_told_and_it_tries_again(
    browser: Any, site_url: str, offsite_requests: list[str]
) -> None:
    ctx = guarded_context(browser, site_url, offsite_requests, viewport={"width": 1280, "height": 800})
    failing = {"on": True}

    def index(route: Any) -> None:
        if failing["on"]:
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    ctx.route("**/search/index.json", index)
    page = ctx.new_page()
    try:
        page.goto("")
        page.keyboard.press("/")
        page.keyboard.type("ap")
        meta = page.locator(".sc-search__meta")
        page.wait_for_function("() => /could not load/.test(document.querySelector('.sc-search__meta').textContent)")
        assert "try again" in meta.inner_text()
        failing["on"] = False
        page.keyboard.type("olog")
        page.locator(RESULT).first.wait_for()
    finally:
        ctx.close()
    assert offsite_requests == []
