"""WebKit, the engine of every iPhone browser, from Debian's packages: WebKitWebDriver
(webkit2gtk-driver) drives MiniBrowser in automation mode, through Selenium, on an X display
the tests start (Xvfb). The screen is a phone's, 390x844, and MiniBrowser runs full-screen on
it, so pages are laid out as on a phone.

WebKitWebDriver has no print command, and the pages it drives do not write console messages
anywhere a test can read; webkit_gtk.py does both with the same WebKitGTK library, through
its GObject bindings (Debian's python3-gi and gir1.2-webkit2-4.1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from engines.tabs import as_json, from_json

DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
PHONE_SCREEN = (390, 844)


class Display:
    """An Xvfb server on a free display number, for as long as the tests need it."""

    def __init__(self, width: int, height: int) -> None:
        if not shutil.which("Xvfb"):
            raise RuntimeError("Xvfb is missing: `make system-deps` installs Debian's xvfb")
        # -displayfd: Xvfb picks a free display itself and writes its number when ready.
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.name = f":{number}"

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class WebKitTab:
    """A fresh WebKitWebDriver session: MiniBrowser with an empty, ephemeral profile."""

    engine = "webkit"

    def __init__(self, display: Display, log: Path) -> None:
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        options.add_argument("--full-screen")
        options.unhandled_prompt_behavior = "accept"  # the confirm() before removing saved ticks
        self._log = log.open("a", encoding="utf-8")
        service = Service(DRIVER, log_output=self._log, env={**os.environ, "DISPLAY": display.name})
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_page_load_timeout(20)

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def js(self, expression: str) -> Any:
        return from_json(self.driver.execute_script(f"return {as_json(expression)};"))

    def _element(self, element: str) -> Any:
        found = self.driver.execute_script(f"const e = {element}; e?.scrollIntoView({{block: 'center'}}); return e;")
        if found is None:
            raise AssertionError(f"no element: {element}")
        return found

    def click(self, element: str) -> None:
        # Material's instant navigation swaps the article in after the address changes: an
        # element found just before the swap is stale, so find it again (by its expression).
        for attempt in range(3):
            try:
                self._element(element).click()
                return
            except StaleElementReferenceException:
                if attempt == 2:
                    raise

    def press_shift(self) -> None:
        ActionChains(self.driver).key_down(Keys.SHIFT).key_up(Keys.SHIFT).perform()

    def type_into(self, element: str, text: str) -> None:
        self._element(element).send_keys(text)

    def back(self) -> None:
        self.driver.back()
        time.sleep(0.2)  # WebDriver's Back returns when the navigation starts

    def reload(self) -> None:
        self.driver.refresh()

    def url(self) -> str:
        try:
            return str(self.driver.current_url)
        except WebDriverException:
            return ""

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            self._log.close()
