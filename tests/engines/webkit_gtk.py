"""WebKitGTK itself, for the two things WebKitWebDriver cannot do: print a page to PDF, and
report the console messages its pages log (the CSP parser's warnings among them).

Runs under Debian's own Python, which has the GObject bindings (python3-gi and
gir1.2-webkit2-4.1), on the X display in $DISPLAY:

  /usr/bin/python3 tests/engines/webkit_gtk.py console URL...     `PAGE url`, then its messages
  /usr/bin/python3 tests/engines/webkit_gtk.py print URL OUT.pdf  A4, as Print to File does

Each page is loaded in turn in one web view, and kept for a short settle time after it has
finished loading, so late script errors are seen too. WebKit writes console messages to
stderr, unbuffered, from the page's own process ("... CONSOLE LOG text"); the `PAGE url` line
goes to stderr too, so each message follows the page that wrote it.
"""

from __future__ import annotations

import sys
from typing import Any

import gi  # type: ignore[import-not-found]

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # type: ignore[import-not-found]  # noqa: E402

SETTLE_MS = 700


def web_view() -> Any:
    window = Gtk.OffscreenWindow()
    view = WebKit2.WebView()
    # Console messages go to stderr (despite the setting's name), marked "CONSOLE".
    view.get_settings().set_property("enable-write-console-messages-to-stdout", True)
    view.set_size_request(1280, 900)
    window.add(view)
    window.show_all()
    return view


def load_each(urls: list[str], then: Any) -> None:
    view = web_view()
    pending = list(urls)

    def next_page() -> bool:
        if not pending:
            Gtk.main_quit()
            return False
        url = pending.pop(0)
        print(f"PAGE {url}", file=sys.stderr, flush=True)
        view.load_uri(url)
        return False

    def changed(_view: Any, event: Any) -> None:
        if event == WebKit2.LoadEvent.FINISHED:
            GLib.timeout_add(SETTLE_MS, lambda: then(view, next_page))

    view.connect("load-changed", changed)
    GLib.idle_add(next_page)
    GLib.timeout_add_seconds(120, lambda: sys.exit("timed out"))
    Gtk.main()


def print_to(out: str) -> Any:
    def run(view: Any, done: Any) -> bool:
        operation = WebKit2.PrintOperation.new(view)
        settings = Gtk.PrintSettings()
        settings.set_printer("Print to File")
        settings.set(Gtk.PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf")
        settings.set(Gtk.PRINT_SETTINGS_OUTPUT_URI, GLib.filename_to_uri(out, None))
        operation.set_print_settings(settings)
        setup = Gtk.PageSetup()
        setup.set_paper_size(Gtk.PaperSize.new(Gtk.PAPER_NAME_A4))
        operation.set_page_setup(setup)
        operation.connect("finished", lambda *_: done())
        operation.connect("failed", lambda _op, error: sys.exit(f"printing failed: {error}"))
        operation.print_()
        return False

    return run


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "console":
        load_each(argv[2:], lambda _view, done: done())
        return 0
    if len(argv) == 4 and argv[1] == "print":
        load_each([argv[2]], print_to(argv[3]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
