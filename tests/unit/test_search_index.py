"""The search indexer (guide/search_index.py) on small built pages: what a page's entries hold,
what is left out, and which language's index each page goes to."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guide.__main__ import main
from guide.search_index import SearchIndexError, language_roots, page_docs, write_index, write_indexes

NBSP = "\u00a0"
NNBSP = "\u202f"


def page(body: str, *, lang: str = "en", head: str = "", outside: str = "") -> str:
    """A built page as Material lays one out: navigation outside the article, content inside."""
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>T</title>{head}</head><body>'
        f'<header>Site name<nav>Home About</nav></header><main class="md-main"><nav class="md-nav">Menu</nav>'
        f'<div class="md-content"><article class="md-content__inner md-typeset">{body}</article></div></main>'
        f"<footer>Footer words{outside}</footer></body></html>"
    )


def entries(html: str, location: str = "here/") -> list[dict[str, str]]:
    found = page_docs(html, location)
    assert found is not None
    return [doc.as_json() for doc in found[1]]


def test_a_page_is_split_where_an_h1_h2_or_h3_with_an_id_starts() -> None:
    html = page(
        '<p class="label">Phase 1 of 2</p><h1 id="top">Title</h1><p>Intro.</p>'
        '<h2 id="why">Why</h2><p>Because.</p><h3 id="step">Step one</h3><p>Do it.</p>'
        '<h4 id="deep">Deeper</h4><p>More.</p><h2>No id</h2><p>Still step.</p>'
    )
    assert entries(html) == [
        {"location": "here/", "title": "Title", "text": "Phase 1 of 2 Intro."},
        {"location": "here/#why", "title": "Why", "text": "Because."},
        {"location": "here/#step", "title": "Step one", "text": "Do it. Deeper More. No id Still step."},
    ]


def test_only_the_articles_words_that_a_reader_reads_are_kept() -> None:
    html = page(
        '<h1 id="t">Title<a class="headerlink" aria-hidden="true" href="#t">&para;</a></h1>'
        '<h2 id="s">Section<a class="headerlink" href="#s">&para;</a></h2><p>Kept too.</p>'
        "<p>Kept &amp; decoded.</p><script>var hidden = 1</script><style>p{}</style>"
        "<template><p>template</p></template><svg><title>icon</title></svg>"
        '<div data-sc-search-ignore><p>ignored</p></div><span aria-hidden="true">decor</span>'
        "<select><option>choice</option></select><p>End.</p>",
        outside="<p>after the article</p>",
    )
    assert entries(html) == [
        {"location": "here/", "title": "Title", "text": ""},
        {"location": "here/#s", "title": "Section", "text": "Kept too. Kept & decoded. End."},
    ]


def test_blocks_separate_words_and_inline_elements_do_not() -> None:
    html = page('<h1 id="t">Ti<em>tle</em></h1><ul><li>one</li><li>two</li></ul><p>un<strong>do</strong><br>next</p>')
    assert entries(html)[0]["text"] == "one two undo next"


def test_white_space_is_collapsed_but_no_break_spaces_are_kept() -> None:
    html = page(f'<h1 id="t">Titre</h1><p>Pourquoi{NNBSP}?\n   Parce{NBSP}que\t« oui ».</p>', lang="fr")
    assert entries(html)[0]["text"] == f"Pourquoi{NNBSP}? Parce{NBSP}que « oui »."


def test_a_page_left_out_by_its_front_matter_or_with_no_content_has_no_entries() -> None:
    excluded = page('<h1 id="t">Whole guide</h1>', head='<meta name="sc-search" content="exclude">')
    assert page_docs(excluded, "whole-guide/") is None
    assert page_docs('<html lang="en"><body><p>A redirect</p></body></html>', "old/") is None


def test_a_page_without_materials_article_is_read_from_main() -> None:
    html = '<html lang="en"><body><nav>Menu</nav><main><h1 id="t">Plain</h1><p>Words.</p></main>Footer</body></html>'
    assert entries(html, "") == [{"location": "", "title": "Plain", "text": "Words."}]


def test_a_page_with_no_language_or_no_title_is_an_error_naming_it() -> None:
    with pytest.raises(SearchIndexError, match=r"site/x/index.html: no lang attribute"):
        page_docs(page('<h1 id="t">T</h1>', lang=""), "x/", shown_as="site/x/index.html")
    with pytest.raises(SearchIndexError, match=r"x/: no <h1 id=\.\.\.>"):
        page_docs(page("<p>No title</p>"), "x/")


def write(site: Path, path: str, html: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """English at the root, Spanish in es/, each with a home, a page, a 404 and an asset."""
    root = tmp_path / "site"
    write(root, "index.html", page('<h1 id="home">Home</h1><p>Welcome.</p>'))
    write(root, "safety/index.html", page('<h1 id="safety">Safety</h1><h2 id="help">Help</h2><p>Call.</p>'))
    write(root, "404.html", page('<h1 id="nf">Not found</h1>'))
    write(root, "assets/x.html", page('<h1 id="a">Asset</h1>'))
    write(root, "es/index.html", page('<h1 id="inicio">Inicio</h1><p>Teléfono.</p>', lang="es"))
    write(root, "es/safety/index.html", page('<h1 id="seguridad">Seguridad</h1>', lang="es"))
    write(root, "es/404.html", page('<h1 id="nf">No encontrada</h1>', lang="es"))
    return root


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_each_language_gets_its_own_index_of_its_own_pages(site: Path) -> None:
    assert language_roots(site) == [site, site / "es"]
    written = write_indexes(site)
    assert [(i.lang, i.pages) for i in written] == [("en", ["", "safety/"]), ("es", ["", "safety/"])]
    english = read(site / "search" / "index.json")
    assert english["lang"] == "en"
    assert [d["location"] for d in english["docs"]] == ["", "safety/", "safety/#help"]
    spanish = read(site / "es" / "search" / "index.json")
    assert [d["title"] for d in spanish["docs"]] == ["Inicio", "Seguridad"]
    assert "Teléfono" in (site / "es" / "search" / "index.json").read_text(encoding="utf-8")  # not \\u escaped


def test_one_languages_build_indexes_only_that_language(site: Path) -> None:
    assert write_index(site).pages == ["", "safety/"]  # es/ is another language's root
    assert not (site / "es" / "search").exists()
    assert write_index(site / "es").lang == "es"


def test_a_page_in_another_language_inside_a_languages_folder_is_an_error(site: Path) -> None:
    write(site, "stray/index.html", page('<h1 id="x">Perdido</h1>', lang="es"))
    # Its folder has an index.html in Spanish, so it counts as a root of its own; a page that is not
    # a folder's index cannot, and is named.
    write(site, "safety/extra.html", page('<h1 id="x">Extra</h1>', lang="fr"))
    with pytest.raises(SearchIndexError, match=r"safety/extra.html: lang='fr' in .*site, whose home page is lang='en'"):
        write_index(site)


def test_the_command_indexes_every_language_and_says_what_it_wrote(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guide", "search-index", str(site)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out] == [str(site / "search/index.json"), str(site / "es/search/index.json")]
    assert out[0].endswith(" bytes") and ": en, 2 pages, 3 entries, " in out[0]


def test_the_command_on_a_folder_with_no_built_site_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["guide", "search-index", str(tmp_path)]) == 1
    assert f"{tmp_path}: no index.html with a lang attribute" in capsys.readouterr().err
    assert main(["guide", "search-index"]) == 2
