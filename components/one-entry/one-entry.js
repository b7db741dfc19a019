/* The site keeps one entry in the tab's history: moving between pages replaces the entry
 * instead of adding one, so after the quick exit, Back never shows a page of this site.
 * The cost, said in the README and on the safety page: Back does not step back through the
 * guide; readers move with the menu and the previous and next links. */
(() => {
  "use strict";
  // Material's instant navigation adds entries with pushState: make every push a replace.
  const replace = history.replaceState.bind(history);
  history.pushState = (state, unused, url) => replace(state, unused, url);

  // Links the theme leaves to the browser (same-page anchors, links out): follow them by
  // replacing the entry too. Runs last (on window), so links the theme handled are skipped.
  window.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    const url = new URL(link.href, location.href);
    if (url.protocol !== "http:" && url.protocol !== "https:") return; // tel:, sms:, mailto:
    event.preventDefault();
    location.replace(url.href);
  });
})();
