"""The pure CSP functions, on small pages whose hashes were worked out by hand with openssl."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.policy.csp import (
    headers_file,
    inline_script_hashes,
    policy,
    policy_script_hashes,
    script_tags,
    theme_script_hashes,
    with_policy,
)

PAGE = '<html><head><meta charset="utf-8"><script>var a=1</script><script src="x.js"></script></head></html>'
# printf 'var a=1' | openssl dgst -sha256 -binary | base64
HASH = "'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='"


def test_only_inline_scripts_are_hashed_from_their_exact_text() -> None:
    assert inline_script_hashes(PAGE) == {HASH}


def test_meta_policy_allows_the_hashes_and_nothing_inline_or_from_elsewhere() -> None:
    meta = policy({HASH})
    assert f"script-src 'self' {HASH}" in meta
    assert "unsafe" not in meta and "http" not in meta and "frame-ancestors" not in meta
    assert "frame-ancestors 'none'" in policy({HASH}, for_meta=False)


def test_policy_goes_right_after_the_charset_and_is_never_doubled() -> None:
    once = with_policy(PAGE, policy({HASH}))
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert once.startswith('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    twice = with_policy(once, policy({HASH, "'sha256-other'"}))
    assert twice.count("Content-Security-Policy") == 1 and "'sha256-other'" in twice


def test_a_page_without_a_head_is_an_error_not_a_silent_skip() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        with_policy("<p>fragment</p>", policy(set()))


def test_headers_file_applies_to_every_path() -> None:
    text = headers_file(policy({HASH}, for_meta=False))
    assert text.startswith("/*\n  Content-Security-Policy: default-src 'self'")
    assert "  Referrer-Policy: no-referrer\n" in text


# --- an allow-list by source: only scripts the templates wrote get a hash ---------------------

BODY = "<article><p>Hello</p><script>var b=2</script></article>"
THEMED = f'<html><head><meta charset="utf-8"><script>var a=1</script></head><body>{BODY}</body></html>'


def test_only_scripts_outside_the_page_body_are_the_theme_s() -> None:
    assert theme_script_hashes(THEMED, BODY) == {HASH}
    assert theme_script_hashes(THEMED, "") == inline_script_hashes(THEMED)  # a page with no body: all template


def test_a_body_that_is_not_in_the_page_is_an_error_not_a_guess() -> None:
    with pytest.raises(ValueError, match="body is not in its HTML"):
        theme_script_hashes(THEMED, "<p>elsewhere</p>")


def test_script_tags_are_counted_inline_or_not_in_any_case() -> None:
    assert script_tags(BODY) == 1
    assert script_tags('<SCRIPT src="x.js"></SCRIPT><p>no script here</p>') == 1
    assert script_tags("<p>&lt;script&gt; as text</p>") == 0


def test_the_hashes_a_page_already_allows_are_read_back_from_its_policy() -> None:
    assert policy_script_hashes(with_policy(PAGE, policy({HASH, "'sha256-b+/='"}))) == {HASH, "'sha256-b+/='"}
    assert policy_script_hashes(PAGE) == set()


class _File:
    def __init__(self, src: str) -> None:
        self.src_uri = src
        self.abs_src_path = f"/project/docs/{src}"
        self.abs_dest_path = f"/project/site/{src.removesuffix('.md')}/index.html"
        self.generated_by = None


class _Page:
    def __init__(self, content: str) -> None:
        self.content = content
        self.file = _File("about.md")


class _Config:
    config_file_path = "/project/mkdocs.yml"
    site_dir = "/project/site"


def test_the_hook_refuses_a_script_in_a_page_body_naming_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import build_state
    import security_headers
    from mkdocs.exceptions import PluginError

    monkeypatch.setattr(build_state, "serving", False)
    with pytest.raises(PluginError, match=r"^docs/about\.md: a <script> in the page's Markdown"):
        security_headers.on_post_page(THEMED, page=_Page(BODY), config=_Config())  # type: ignore[arg-type]
    clean = "<article><p>Hello</p></article>"
    assert security_headers.on_post_page(THEMED.replace(BODY, clean), page=_Page(clean), config=_Config()) is None  # type: ignore[arg-type]


def test_the_hook_writes_the_policy_the_csp_command_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # One computation: after a build, the hook's policy is apply_policy's, byte for byte.
    import build_state
    import security_headers

    from guide.policy.csp import apply_policy

    page = '<html><head><meta charset="utf-8"></head><body><script>theme()</script><article class="md-content__inner md-typeset"><p>fine</p></article></body></html>'
    hooked, command = tmp_path / "hooked", tmp_path / "command"
    for site in (hooked, command):
        site.mkdir()
        (site / "a.html").write_text(page, encoding="utf-8")

    class Built:
        site_dir = str(hooked)

    monkeypatch.setattr(build_state, "serving", False)
    security_headers.on_post_build(config=Built())  # type: ignore[arg-type]
    apply_policy(command)
    for name in ("a.html", "_headers"):
        assert (hooked / name).read_text(encoding="utf-8") == (command / name).read_text(encoding="utf-8")
    assert inline_script_hashes("<script>theme()</script>") <= policy_script_hashes(
        (hooked / "a.html").read_text(encoding="utf-8")
    )
    monkeypatch.setattr(build_state, "serving", True)  # under serve, pages stay as written
    (hooked / "a.html").write_text(page, encoding="utf-8")
    security_headers.on_post_build(config=Built())  # type: ignore[arg-type]
    assert (hooked / "a.html").read_text(encoding="utf-8") == page


def test_the_csp_command_allows_template_scripts_and_refuses_one_in_page_content(tmp_path: Path) -> None:
    from guide.policy.csp import apply_policy

    page = '<html><head><meta charset="utf-8"></head><body><script>theme()</script><article class="md-content__inner md-typeset">{}</article></body></html>'
    (tmp_path / "a.html").write_text(page.format("<p>fine</p>"), encoding="utf-8")
    assert apply_policy(tmp_path) == 1
    written = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert inline_script_hashes("<script>theme()</script>") <= policy_script_hashes(written)
    (tmp_path / "b.html").write_text(page.format("<script>alert(1)</script>"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"b\.html"):
        apply_policy(tmp_path)


def test_the_csp_command_refuses_a_script_on_a_page_the_theme_did_not_render(tmp_path: Path) -> None:
    # An .html file copied as it is has no article: its scripts are allowed only if a page the
    # theme rendered has them too (a 404 page made by a template alone does), never its own.
    from guide.policy.csp import apply_policy

    themed = (
        '<html><head></head><body><script>theme()</script><article class="md-content__inner">x</article></body></html>'
    )
    (tmp_path / "a.html").write_text(themed, encoding="utf-8")
    (tmp_path / "404.html").write_text(
        "<html><head></head><body><script>theme()</script></body></html>", encoding="utf-8"
    )
    assert apply_policy(tmp_path) == 2
    (tmp_path / "stray.html").write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    with pytest.raises(ValueError, match=r"inline scripts that no theme template wrote, in: stray\.html$"):
        apply_policy(tmp_path)
