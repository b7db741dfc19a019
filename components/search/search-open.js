/* Opening and closing search's dialog (partials/search.html), by touch, mouse and keyboard:
 * the header's button and "/" open it; Esc, the back arrow and a click outside close it and put
 * focus back where it was. Ours on every engine: no theme's toggle, CSS or script. The page
 * behind does not scroll while it is open. The search itself (search.js, not in site.js) is
 * fetched on the first open, and it then fetches the index: a reader who never searches loads
 * neither. */
(() => {
  "use strict";
  const root = document.querySelector("[data-sc-search]");
  const button = document.querySelector("[data-sc-search-button]");
  if (!root || !button) return;
  const html = document.documentElement;
  const input = root.querySelector("input");
  const list = root.querySelector("ol");
  const script = new URL(root.dataset.scSearchScript, document.baseURI).href; // fixed at the first page
  let opener = null;
  let fetched = false;
  const isOpen = () => !root.hidden;

  // On wide screens the box opens over the header's field (search.css), wherever it is now.
  const place = () => {
    const at = button.getBoundingClientRect();
    root.style.setProperty("--sc-search-top", `${at.top}px`);
    root.style.setProperty("--sc-search-right", `${Math.max(12, html.clientWidth - at.right)}px`);
  };
  window.addEventListener("resize", () => isOpen() && place());

  const open = () => {
    if (isOpen()) return;
    place();
    root.hidden = false;
    html.classList.add("sc-search-open"); // the page behind stays still
    button.setAttribute("aria-expanded", "true");
    if (fetched) return;
    fetched = true;
    const tag = document.createElement("script");
    tag.src = script;
    tag.onerror = () => {
      fetched = false; // the next open tries again
      tag.remove();
      root.querySelector(".sc-search__meta").textContent = root.dataset.scSearchFailed;
    };
    document.head.append(tag);
  };

  // `back`: focus returns to what opened search (not when a result or Tab took it elsewhere).
  const close = (back) => {
    if (!isOpen()) return;
    const to = back && opener?.isConnected ? opener : null;
    opener = null;
    root.hidden = true;
    html.classList.remove("sc-search-open");
    button.setAttribute("aria-expanded", "false");
    to?.focus();
  };

  const openFrom = (from) => {
    opener = from;
    open();
    input.focus(); // in the tap itself, so phones bring up their keyboard
    input.select();
  };

  button.addEventListener("click", () => openFrom(button));
  root.querySelector("[data-sc-search-close]").addEventListener("click", () => close(true));
  root.addEventListener("click", (event) => {
    // Outside the box (wide screens) closes, as Material's overlay did; a chosen result closes
    // at once, so the page it opens is not behind it.
    if (event.target === root) close(true);
    else if (event.target instanceof Element && event.target.closest("a")) close(false);
  });
  // Tab past the last result closes search, as leaving any popup does.
  root.addEventListener("focusout", (event) => {
    const to = event.relatedTarget;
    if (isOpen() && to && to !== button && !root.contains(to)) close(false);
  });

  const typing = (t) => t instanceof Element && (t.isContentEditable || t.matches("input, textarea, select"));
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    if (!isOpen()) {
      if (event.key !== "/" || typing(event.target)) return;
      event.preventDefault();
      openFrom(document.activeElement === document.body ? null : document.activeElement);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && root.contains(event.target)) {
      event.preventDefault();
      const stops = [input, ...list.querySelectorAll("a")];
      const step = event.key === "ArrowDown" ? 1 : -1;
      stops[(Math.max(0, stops.indexOf(event.target)) + step + stops.length) % stops.length].focus();
    } else if (event.key.length === 1 && event.key !== " " && list.contains(event.target)) {
      input.focus(); // typing on a result goes on in the field, not to the theme's shortcuts
    }
  });
})();
