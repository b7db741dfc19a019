"""Pruning the theme's stylesheets changes nothing a reader sees: every element of a page, and
its ::before and ::after, has the same computed style with the pruned stylesheets as with
Material's own, on a phone and a desktop, light and dark, with the drawer open and with
search showing results. Checked in Chromium against a copy of the built site that carries
Material's stylesheets as shipped."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from guide.assets.unused_css import THEME_CSS
from sitetools import BuiltSite, serve_directory
from support import PHONE, guarded_context, settle, shipped_theme_css

pytestmark = pytest.mark.browser

# For every element in document order, and its ::before and ::after where they are drawn
# (content is not none): its computed style, custom properties left out (the pruning removes
# the unused ones; any that mattered would change a real property). A 32-bit FNV-1a hash of
# each, to keep what crosses to Python small; `detail` gives the text of one, for a message.
STYLES = """(detail) => {
  // Every element has the same standard properties: read their names once (reading the
  // custom ones too, long inline SVGs inherited by every element, took five times as long).
  // The side margins are compared as where each box lands (its rectangle, below), not as
  // Chromium's resolved values: for an auto margin it reported 0px or 30px now and then for the
  // same centred header, laid out the same (1220 px wide in 1280), whichever stylesheet was used.
  const names = Array.from(getComputedStyle(document.documentElement))
    .filter((n) => !n.startsWith('--') && !/^margin-(left|right|inline-start|inline-end)$/.test(n));
  const styled = [];
  for (const el of document.querySelectorAll('*')) {
    styled.push([el, null]);
    for (const pseudo of ['::before', '::after']) {
      if (getComputedStyle(el, pseudo).content !== 'none') styled.push([el, pseudo]);
    }
  }
  const text = ([el, pseudo]) => {
    const style = getComputedStyle(el, pseudo);
    let out = '';
    for (const n of names) out += n + ':' + style.getPropertyValue(n) + ';';
    if (!pseudo) {
      const box = el.getBoundingClientRect();
      out += 'box:' + [box.x, box.y, box.width, box.height].map((v) => Math.round(v * 2) / 2).join(',') + ';';
    }
    return out;
  };
  const name = ([el, pseudo]) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (pseudo || '');
  if (detail !== null) return [name(styled[detail]), text(styled[detail])];
  return styled.map((entry) => {
    let hash = 0x811c9dc5;
    const value = name(entry) + ' ' + text(entry);
    for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
    return hash >>> 0;
  });
}"""


# Resolves once the search results' markup has not changed for five frames running.
RESULTS_STILL = """() => new Promise((resolve) => {
  const list = document.querySelector('.sc-search__list');
  let last = null, still = 0;
  const look = () => {
    const now = list ? list.innerHTML.length + ':' + document.documentElement.scrollHeight : '';
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 5) resolve(true); else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})"""


@pytest.fixture(scope="module")
def shipped_url(built_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the built site whose theme stylesheets are Material's own, as shipped, under
    the names the pages link to."""
    copy = tmp_path_factory.mktemp("shipped") / "site"
    shutil.copytree(built_site.root, copy)
    shipped = shipped_theme_css()
    for pruned in (copy / THEME_CSS).glob("*.css"):
        pruned.write_text(shipped[pruned.name.split(".")[0]].read_text(encoding="utf-8"), encoding="utf-8")
    with serve_directory(copy) as url:
        yield url


@contextlib.contextmanager
def shown(browser: Any, url: str, path: str, device: str, scheme: str, state: str) -> Iterator[Any]:
    """The page at `path` on `url`, in the state a test compares, its transitions ended."""
    offsite: list[str] = []
    options = PHONE if device == "phone" else {"viewport": {"width": 1280, "height": 800}}
    ctx = guarded_context(browser, url, offsite, color_scheme=scheme, **options)
    try:
        page = ctx.new_page()
        page.goto(path)
        if state == "drawer":
            page.locator("label.md-header__button[for=__drawer]").click()
        elif state == "search":
            # Every script started and the theme's late fetches done before "/" is pressed: a
            # search opened while the page was still starting was laid out differently now and
            # then (the header's centred grid measured with 0 and 30 px margins).
            page.wait_for_load_state("networkidle")
            if device == "phone":
                page.locator("header button.sc-search-button").click()
            else:
                page.keyboard.press("/")
            page.locator("input.sc-search__input").press_sequentially("apolog")
            page.locator(".sc-search__item").first.wait_for()
            # Results come in after the first one: the list, its count and so the page's
            # scrollbar and widths go on changing for a few frames. Compare once they stop.
            page.evaluate(RESULTS_STILL)
        settle(page)
        yield page
    finally:
        ctx.close()
    assert offsite == []


# Each page in a scheme and on a device, both of each, and two states scripts make. A few
# seconds each: two loads of a page, and some 350 properties of each of its elements.
CASES = [
    ("phone", "light", "", "page"),
    ("phone", "dark", "phases/understand/", "page"),
    ("phone", "light", "checklists/", "page"),
    ("phone", "dark", "safety/", "page"),
    ("desktop", "light", "phases/understand/", "page"),
    ("desktop", "dark", "safety/", "page"),
    ("desktop", "light", "404.html", "page"),
    ("phone", "light", "phases/understand/", "drawer"),
    ("desktop", "dark", "", "search"),
    ("phone", "light", "phases/understand/", "search"),  # our dialog, the whole screen
]


def steady(page: Any) -> list[int]:
    """The page's styles once two readings, two frames apart, agree: a page still changing (the
    header measured while search results came in, or the scroll lock landed) is read again."""
    last: list[int] | None = None
    for _ in range(50):
        now = list(page.evaluate(STYLES, None))
        if now == last:
            return now
        last = now
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    raise AssertionError("the page's styles never stopped changing")


@pytest.mark.parametrize(("device", "scheme", "path", "state"), CASES)
def test_every_element_looks_the_same_as_with_the_theme_s_own_stylesheets(
    browser: Any, site_url: str, shipped_url: str, device: str, scheme: str, path: str, state: str
) -> None:
    with shown(browser, site_url, path, device, scheme, state) as page:
        pruned = steady(page)
        with shown(browser, shipped_url, path, device, scheme, state) as other:
            shipped = steady(other)
            assert len(pruned) == len(shipped), "the page draws other elements with the theme's own stylesheets"
            differ = [index for index, (a, b) in enumerate(zip(pruned, shipped, strict=True)) if a != b]
            if differ:
                (where, mine), (_, theirs) = page.evaluate(STYLES, differ[0]), other.evaluate(STYLES, differ[0])
                changed = sorted(set(theirs.split(";")) ^ set(mine.split(";")))
                pytest.fail(f"{len(differ)} of {len(pruned)} differ; the first, {where}: {changed[:10]}")
