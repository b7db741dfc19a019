"""How much a reader on the guide's path has to read, on the built pages (guide/content/word_count.py):
each phase at most 600 words of body text, and home, the triage and the eight phases together
at most 6,000. `PYTHONPATH=hooks python -m guide words site` prints the same figures."""

from __future__ import annotations

from guide.content.word_count import PATH_BUDGET, PHASE_BUDGET, body_words, reader_path, report
from sitetools import BuiltSite
from support import ROOT, site_content


def test_each_phase_and_the_whole_path_keep_to_their_budgets(built_site: BuiltSite) -> None:
    pages = reader_path(built_site.root, [phase.id for phase in site_content().guide.phases])
    print("\n" + report(pages))
    assert len(pages) == 2 + len(site_content().guide.phases)
    for page in pages:
        assert page.budget is None or page.words <= PHASE_BUDGET, report(pages)
    assert sum(page.words for page in pages) <= PATH_BUDGET, report(pages)


def test_the_readme_quotes_the_counts_as_they_are(built_site: BuiltSite) -> None:
    # So the figures in the README cannot drift from the pages: paste the report after an edit.
    pages = reader_path(built_site.root, [phase.id for phase in site_content().guide.phases])
    shown = "\n".join(line.rstrip() for line in report(pages).splitlines())
    assert shown in (ROOT / "README.md").read_text(encoding="utf-8"), "README, Reading experience:\n" + shown


def test_body_text_leaves_out_the_checklist_and_the_tools() -> None:
    page = """<html><body><nav>Menu words</nav><article>
      <h1>Title here</h1><p>Three plain words.</p>
      <section class="sc-checklist"><p>Tick these many items</p></section>
      <div class="sc-message-check"><p>Check your message words</p><textarea>draft</textarea></div>
      <div class="sc-space-calendar"><p>Calendar words</p></div>
      <p>It's two<br>more.</p><script>var words = 1;</script>
    </article><footer>Footer words</footer></body></html>"""
    assert body_words(page) == 2 + 3 + 3  # the title, the two paragraphs; "It's" one word
