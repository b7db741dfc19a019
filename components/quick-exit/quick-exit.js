/* Quick exit: hide the page at once, then leave with location.replace so Back does not
 * come straight back here. Shift pressed three times does the same. Stores nothing.
 * The exit is still a plain link without this script.
 *
 * Standalone on purpose: it loads first, in its own file (see hooks/bundle.py), and uses
 * nothing from components.js, so no other script, broken or not, can stop it. Before it
 * leaves it sends `sc:exit` on the document, for components that must empty something
 * first (message-check.js); a listener that throws cannot stop the exit.
 *
 * Its few words come from the page's data (#sc-words, content/strings.yml's js.quick_exit.*),
 * read here rather than through sc.word so that this file still needs nothing else: the
 * same lookup, with no placeholders but the count. Missing or garbled data gives the key. */
(() => {
  "use strict";
  const PRESSES = 3;
  const WINDOW_MS = 5000; // three presses within this time, each from the last
  const LINK = "a[data-sc-quick-exit]";
  let count = 0;
  let timer = 0;
  let live = null;

  const word = (key, count) => {
    let words = null;
    try { words = JSON.parse(document.getElementById("sc-words").textContent); } catch { /* the key */ }
    const name = count === undefined ? key : `${key}.${count === 1 ? "one" : "other"}`;
    const text = words && Object.prototype.hasOwnProperty.call(words, name) ? words[name] : null;
    return typeof text === "string" ? text.replace(/\{count\}/g, String(count)) : key;
  };

  const say = (text) => {
    if (!live || !live.isConnected) {
      live = document.createElement("div");
      live.className = "sc-visually-hidden";
      live.setAttribute("aria-live", "polite");
      live.setAttribute("data-sc-quick-exit-live", "");
      document.body.append(live);
    }
    live.textContent = text;
  };

  const reset = () => {
    if (count) say("");
    count = 0;
    clearTimeout(timer);
  };

  const leave = (url) => {
    document.documentElement.classList.add("sc-quick-exit--leaving");
    document.title = word("js.quick_exit.title");
    document.dispatchEvent(new CustomEvent("sc:exit")); // listeners' errors are reported, not thrown
    window.location.replace(url);
  };

  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest(LINK) : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopImmediatePropagation(); // before Material's instant navigation sees the click
    leave(link.href);
  }, true);

  // Fields that take typed text; a checkbox, radio, button or link with focus still counts.
  const TEXT = /^(text|search|email|url|tel|password|number|date|datetime-local|month|time|week)$/;
  const typing = (target) =>
    target instanceof Element &&
    (target.isContentEditable || target.matches("textarea") || (target.matches("input") && TEXT.test(target.type)));

  document.addEventListener("keydown", (event) => {
    // Some on-screen keyboards send Shift while typing: presses in text fields do not count.
    if (event.key !== "Shift" || typing(event.target)) return reset();
    if (event.repeat) return;
    count += 1;
    clearTimeout(timer);
    const link = document.querySelector(LINK);
    if (count >= PRESSES && link) {
      count = 0;
      say(word("js.quick_exit.leaving"));
      leave(link.href);
      return;
    }
    const left = PRESSES - count;
    say(word("js.quick_exit.presses", left));
    timer = setTimeout(reset, WINDOW_MS);
  }, true);

  // If the browser restores this page from its cache after an exit, show it again.
  window.addEventListener("pageshow", () => document.documentElement.classList.remove("sc-quick-exit--leaving"));
})();
