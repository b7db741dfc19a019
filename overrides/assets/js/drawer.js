/* Esc closes the navigation drawer (on phones and tablets) and returns focus to its button,
 * as Esc closes any menu. Material opens the drawer with a checkbox, #__drawer. */
(() => {
  "use strict";
  document.addEventListener("keydown", (event) => {
    const drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    document.querySelector("label.md-header__button[for=__drawer]")?.focus();
  });
})();
