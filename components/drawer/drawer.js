/* Esc closes the navigation drawer (on phones and tablets) and returns focus to its button,
 * as Esc closes any menu. Material opens the drawer with a checkbox (sc.material.drawer). */
sc.component("drawer", () => {
  "use strict";
  const { material } = sc;
  document.addEventListener("keydown", (event) => {
    const drawer = document.getElementById(material.drawer);
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
    // The theme's button is a <label>, which takes focus only with a tabindex; -1 keeps it
    // out of the Tab order, as the theme has it.
    const button = document.querySelector(material.drawerButton);
    if (button && !button.hasAttribute("tabindex")) button.tabIndex = -1;
    button?.focus();
  });
});
