"""The pure CSP functions, on small pages whose hashes were worked out by hand with openssl."""

from __future__ import annotations

import pytest

from csp import headers_file, inline_script_hashes, policy, with_policy

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
    assert text.startswith("/*\n  Content-Security-Policy: default-src 'none'")
    assert "  Referrer-Policy: no-referrer\n" in text
