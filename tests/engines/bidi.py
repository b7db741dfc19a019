"""Firefox ESR over WebDriver BiDi, with no driver binary and no browser download.

Firefox speaks BiDi itself (`--remote-debugging-port`), so a WebSocket client is all it
takes; Debian packages no geckodriver, and this is the protocol puppeteer-core would use,
without a Node process between pytest and the browser. The WebSocket client is
`websocket-client`, which Selenium already depends on.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import websocket

from engines.tabs import as_json, from_json

SHIFT = "\ue008"

# Stays off the network: Firefox's Remote Agent already applies its recommended automation
# preferences (no updates, telemetry or captive-portal checks); these close what remains.
PREFS = {
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.http.speculative-parallel-limit": 0,
    "browser.search.update": False,
    "extensions.update.enabled": False,
    "media.gmp-manager.updateEnabled": False,
    # Keeps Firefox's own prefetch of <link rel="next"> on: the site's policy must allow it.
    "network.prefetch-next": True,
}


class BidiError(RuntimeError):
    pass


class Firefox:
    """One headless Firefox; `tab()` opens a page in a fresh user context (empty storage)."""

    def __init__(self, binary: str) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="sc-firefox-"))
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items()), encoding="utf-8"
        )
        self.process = subprocess.Popen(
            [binary, "--headless", "--no-remote", "--remote-debugging-port=0", "--profile", str(self.profile)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        address = ""
        assert self.process.stderr is not None
        for line in self.process.stderr:
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                address = found.group(1)
                break
        if not address:
            raise BidiError(f"{binary} exited before it offered WebDriver BiDi")
        self.socket = websocket.create_connection(address + "/session", timeout=30, suppress_origin=True)
        self._last_id = 0
        self.events: list[dict[str, Any]] = []
        self.command("session.new", capabilities={"alwaysMatch": {"unhandledPromptBehavior": {"default": "accept"}}})
        self.command("session.subscribe", events=["log.entryAdded", "browsingContext.userPromptOpened"])

    def command(self, method: str, **params: Any) -> dict[str, Any]:
        self._last_id += 1
        self.socket.send(json.dumps({"id": self._last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == self._last_id:
                if message.get("type") == "error":
                    raise BidiError(f"{method}: {message.get('error')}: {message.get('message')}")
                return dict(message["result"])

    def drain(self, seconds: float) -> None:
        """Read the events Firefox sends within `seconds`: one can arrive after the answer to the
        command that caused it (a prompt opened by a click, under load)."""
        self.socket.settimeout(seconds)
        try:
            while True:
                message = json.loads(self.socket.recv())
                if message.get("type") == "event":
                    self.events.append(message)
        except websocket.WebSocketTimeoutException:
            pass
        finally:
            self.socket.settimeout(30)

    def tab(self, width: int = 390, height: int = 844) -> FirefoxTab:
        user_context = self.command("browser.createUserContext")["userContext"]
        context = self.command("browsingContext.create", type="tab", userContext=user_context)["context"]
        self.command("browsingContext.setViewport", context=context, viewport={"width": width, "height": height})
        return FirefoxTab(self, context, user_context)

    def close(self) -> None:
        try:
            self.command("browser.close")
            self.process.wait(timeout=20)
        except Exception:
            self.process.kill()
            self.process.wait()
        finally:
            self.socket.close()
            if self.process.stderr:
                self.process.stderr.close()
            shutil.rmtree(self.profile, ignore_errors=True)


class FirefoxTab:
    engine = "firefox"

    def __init__(self, browser: Firefox, context: str, user_context: str) -> None:
        self.browser = browser
        self.context = context
        self.user_context = user_context

    def _call(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.command(method, **params)

    def goto(self, url: str) -> None:
        self._call("browsingContext.navigate", context=self.context, url=url, wait="complete")

    def _evaluate(self, expression: str) -> dict[str, Any]:
        result = self._call(
            "script.evaluate",
            expression=expression,
            target={"context": self.context},
            awaitPromise=True,
            resultOwnership="root",
        )
        if result.get("type") == "exception":
            raise BidiError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return dict(result["result"])

    def js(self, expression: str) -> Any:
        return from_json(self._evaluate(as_json(expression)).get("value"))

    def _element(self, element: str) -> dict[str, str]:
        node = self._evaluate(f"(() => {{ const e = {element}; e?.scrollIntoView({{block: 'center'}}); return e; }})()")
        if node.get("type") != "node":
            raise AssertionError(f"no element: {element}")
        return {"sharedId": node["sharedId"]}

    def click(self, element: str) -> None:
        origin = {"type": "element", "element": self._element(element)}
        seen = len(self.browser.events)
        try:
            self._pointer_click(origin)
        except BidiError:
            # A click that opens confirm() can end the action with an error while the prompt
            # is up; the session accepts the prompt (unhandledPromptBehavior), and the click
            # did its work. Any other failure stands.
            self.browser.drain(2.0)
            if not any(
                event.get("method") == "browsingContext.userPromptOpened"
                and event["params"].get("context") == self.context
                for event in self.browser.events[seen:]
            ):
                # Leave no button held down for the next test's clicks in this browser.
                self._call("input.releaseActions", context=self.context)
                raise

    def _pointer_click(self, origin: dict[str, Any]) -> None:
        self._call(
            "input.performActions",
            context=self.context,
            actions=[
                {
                    "type": "pointer",
                    "id": "mouse",
                    "parameters": {"pointerType": "mouse"},
                    "actions": [
                        {"type": "pointerMove", "x": 0, "y": 0, "origin": origin},
                        {"type": "pointerDown", "button": 0},
                        {"type": "pointerUp", "button": 0},
                    ],
                }
            ],
        )

    def _keys(self, keys: list[str]) -> None:
        actions = [{"type": kind, "value": key} for key in keys for kind in ("keyDown", "keyUp")]
        self._call(
            "input.performActions",
            context=self.context,
            actions=[{"type": "key", "id": "keyboard", "actions": actions}],
        )

    def press_shift(self) -> None:
        self._keys([SHIFT])

    def type_into(self, element: str, text: str) -> None:
        self.click(element)
        self._keys(list(text))

    def back(self) -> None:
        try:
            self._call("browsingContext.traverseHistory", context=self.context, delta=-1)
        except BidiError as error:
            if "no such history entry" not in str(error):
                raise

    def reload(self) -> None:
        self._call("browsingContext.reload", context=self.context, wait="complete")

    def url(self) -> str:
        tree = self._call("browsingContext.getTree", root=self.context, maxDepth=0)
        return str(tree["contexts"][0]["url"])

    def pdf(self, *, background: bool = False) -> bytes:
        """The page printed to A4 as Firefox's print dialog would with "Save to PDF"."""
        data = self._call(
            "browsingContext.print",
            context=self.context,
            background=background,
            page={"width": 21.0, "height": 29.7},
            margin={"top": 1.0, "bottom": 1.0, "left": 1.0, "right": 1.0},
        )["data"]
        return base64.b64decode(data)

    def console(self) -> list[str]:
        """Every console message and error this tab's pages logged so far."""
        return [
            f"{event['params'].get('level')}: {event['params'].get('text')}"
            for event in self.browser.events
            if event.get("method") == "log.entryAdded"
            and event["params"].get("source", {}).get("context") == self.context
        ]

    def close(self) -> None:
        self._call("browsingContext.close", context=self.context)
        self._call("browser.removeUserContext", userContext=self.user_context)
