/* Opening and closing search, by touch, mouse and keyboard ("/" opens it, Esc closes it and
 * puts focus back where it was), as Material did before search became ours. The search itself
 * (search.js, not in site.js) is fetched on the first open, and it then fetches the index:
 * a reader who never searches loads neither. */
(() => {
  "use strict";
  const root = document.querySelector("[data-sc-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const input = root.querySelector("input");
  const list = root.querySelector(".md-search-result__list");
  const script = new URL(root.dataset.scSearchScript, document.baseURI).href; // fixed at the first page
  let opener = null;
  let fetched = false;

  const open = () => {
    if (!toggle.checked) toggle.click(); // as Material does: its scroll lock and header follow
    if (fetched) return;
    fetched = true;
    const tag = document.createElement("script");
    tag.src = script;
    tag.onerror = () => {
      fetched = false; // the next open tries again
      tag.remove();
      root.querySelector(".md-search-result__meta").textContent = root.dataset.scSearchFailed;
    };
    document.head.append(tag);
  };

  const close = () => {
    if (toggle.checked) toggle.click();
    const back = opener?.isConnected ? opener : null;
    opener = null;
    if (back) back.focus();
    else input.blur();
  };

  // Material's magnifier is a <label> for the toggle, which no keyboard can reach: a real
  // button takes its place (Material shows the label only with JavaScript anyway).
  const label = document.querySelector("header label[for=__search]");
  const button = document.createElement("button");
  if (label) {
    button.type = "button";
    button.className = "md-header__button md-icon sc-search-button";
    button.setAttribute("aria-label", root.dataset.scSearchOpen);
    button.append(...label.childNodes);
    label.replaceWith(button);
    button.addEventListener("click", () => {
      opener = button;
      open();
      input.focus(); // in the tap itself, so phones bring up their keyboard
    });
  }

  // Tab past the last result closes search, as leaving any popup does.
  root.addEventListener("focusout", (event) => {
    const to = event.relatedTarget;
    if (toggle.checked && to && to !== button && !root.contains(to)) {
      opener = null;
      toggle.click();
    }
  });
  input.addEventListener("focus", open); // the field in the header on wide screens
  // A chosen result closes search at once, so the page it opens is not behind it.
  root.addEventListener("click", (event) => {
    if (toggle.checked && event.target instanceof Element && event.target.closest("a")) {
      opener = null;
      toggle.click();
    }
  });

  const typing = (t) => t instanceof Element && (t.isContentEditable || t.matches("input, textarea, select"));
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    if (!toggle.checked) {
      if (event.key !== "/" || typing(event.target)) return;
      event.preventDefault();
      opener = document.activeElement === document.body ? null : document.activeElement;
      open();
      input.focus();
      input.select();
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && root.contains(event.target)) {
      event.preventDefault();
      const stops = [input, ...list.querySelectorAll("a")];
      const step = event.key === "ArrowDown" ? 1 : -1;
      stops[(Math.max(0, stops.indexOf(event.target)) + step + stops.length) % stops.length].focus();
    }
  });
})();
