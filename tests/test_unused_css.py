"""The theme's stylesheets are pruned of rules no page can use (guide/assets/unused_css.py), and
nothing a page uses is lost: checked on small stylesheets, then on the built site, where
every class a page's markup carries keeps the theme's rules for it."""

from __future__ import annotations

import gzip
import re

from guide.assets.unused_css import THEME_CSS, prune, used_words
from sitetools import BuiltSite
from support import shipped_theme_css

WORDS = used_words(
    ['<div class="md-nav md-nav--primary" data-md-color-scheme="slate">', "el.classList.add('md-dialog')"]
)


def test_a_selector_goes_only_when_a_class_it_needs_is_on_no_page_and_in_no_script() -> None:
    css = ".md-nav{a:1}.md-tag{b:2}.md-nav .md-tag,.md-dialog{c:3}.md-nav--primary>a{d:4}"
    assert prune(css, WORDS) == ".md-nav{a:1}.md-dialog{c:3}.md-nav--primary>a{d:4}"


def test_what_a_selector_needs_inside_not_is_or_where_never_removes_it() -> None:
    css = ".md-nav:not(.md-tag){a:1}:is(.md-tag,.md-nav) b{b:2}:where(.md-tag){c:3}.md-tag:not(.md-nav){d:4}"
    assert prune(css, WORDS) == ".md-nav:not(.md-tag){a:1}:is(.md-tag,.md-nav) b{b:2}:where(.md-tag){c:3}"


def test_an_exact_attribute_value_must_be_used_and_partial_matches_always_stay() -> None:
    css = (
        "[data-md-color-scheme=slate]{a:1}[data-md-color-scheme=default]{b:2}"
        '[href$=".pdf"]{c:3}[class*=language-]{d:4}[data-md-color-primary="red"]{e:5}[title="two words"]{f:6}'
    )
    assert prune(css, WORDS) == (
        '[data-md-color-scheme=slate]{a:1}[href$=".pdf"]{c:3}[class*=language-]{d:4}[title="two words"]{f:6}'
    )


def test_rules_inside_media_and_supports_are_pruned_and_an_emptied_block_goes() -> None:
    css = "@media screen{.md-tag{a:1}.md-nav{b:2}}@media print{.md-tag{c:3}}@supports (x:y){.md-tag{d:4}}"
    assert prune(css, WORDS) == "@media screen{.md-nav{b:2}}"


def test_a_custom_property_goes_once_nothing_left_refers_to_it_even_through_another() -> None:
    css = (
        ":root{--used:1;--chain:2;--via:var(--chain);--icon:url(x.svg);--elsewhere:3}"
        ".md-nav{color:var(--used)}.md-tag{mask:var(--icon);x:var(--via)}"
    )
    assert prune(css, WORDS, elsewhere="div{y:var(--elsewhere)}") == (
        ":root{--used:1;--elsewhere:3}.md-nav{color:var(--used)}"
    )


def test_other_at_rules_and_what_the_parser_cannot_read_are_kept_as_they_are() -> None:
    css = "@keyframes spin{0%{a:1}}@font-face{font-family:x}@media screen{.md-nav{a:1}}.md-nav{b:c;{oops}}"
    assert prune(css, WORDS) == css


def test_the_theme_s_source_map_comment_goes_with_the_map() -> None:
    assert prune(".md-nav{a:1}/*# sourceMappingURL=main.css.map*/", WORDS) == ".md-nav{a:1}"


# --- the built site --------------------------------------------------------------------------

_CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')


def _theme_originals() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in shipped_theme_css().items()}


def _built_stylesheets(site: BuiltSite) -> dict[str, str]:
    return {path.name.split(".")[0]: path.read_text(encoding="utf-8") for path in (site.root / THEME_CSS).glob("*.css")}


def test_every_page_links_the_pruned_stylesheets_and_no_source_map_is_left(built_site: BuiltSite) -> None:
    names = {path.name for path in (built_site.root / THEME_CSS).iterdir()}
    assert not [name for name in names if name.endswith(".map")]
    originals = {path.name for path in shipped_theme_css().values()}
    assert not names & originals, "a theme stylesheet kept its shipped name, so its content is unchanged"
    for page in built_site.html_files():
        linked = re.findall(rf'href="[^"]*{THEME_CSS}/([^"]+)"', page.read_text(encoding="utf-8"))
        assert linked and set(linked) <= names, f"{page}: links {linked}, the site has {sorted(names)}"


def test_every_class_a_page_carries_keeps_a_rule_of_the_theme_s_main_stylesheet(built_site: BuiltSite) -> None:
    """A check over every page (the browser test compares a few pages style by style): a class
    on a page that Material's main stylesheet styles is still styled there. Not asked of the
    palette, whose rules for a class also need a colour (`[data-md-color-primary=red] .md-header`)
    that no page here uses."""
    original, pruned = _theme_originals()["main"], _built_stylesheets(built_site)["main"]
    classes = {
        c
        for page in built_site.html_files()
        for attr in _CLASS_ATTR.findall(page.read_text("utf-8"))
        for c in attr.split()
    }

    def styled(css: str, name: str) -> bool:
        return re.search(rf"\.{re.escape(name)}(?![\w-])", css) is not None

    lost = sorted(c for c in classes if styled(original, c) and not styled(pruned, c))
    assert not lost, f"classes on built pages whose rules were all removed: {lost}"


def test_pruning_takes_at_least_a_third_off_the_theme_s_gzipped_stylesheets(built_site: BuiltSite) -> None:
    def gz(texts: dict[str, str]) -> int:
        return sum(len(gzip.compress(text.encode("utf-8"), 9)) for text in texts.values())

    before, after = gz(_theme_originals()), gz(_built_stylesheets(built_site))
    assert after < before * 2 / 3, f"{before} -> {after} bytes gzipped"
