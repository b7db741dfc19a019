/* Helplines for your region: choosing a place copies its emergency numbers, crisis line and
 * helplines from the lists on the page into the space just below the chooser. The lists stay
 * as they are. No location, storage, request or change to the address; the choice is cleared
 * on every show of the page. The words are in regions.html.j2 and, for what this script
 * writes, in content/strings.yml (js.regions.*). */
sc.component("regions", () => {
  "use strict";
  const { $$, say, word } = sc;

  const copy = (el) => {
    const item = el?.closest("li");
    if (!item) return null;
    const clone = item.cloneNode(true);
    for (const x of clone.querySelectorAll("[data-sc-regions-line], [id]")) { x.removeAttribute("id"); x.removeAttribute("data-sc-regions-line"); }
    return clone;
  };

  const list = (items, className) => {
    const ul = document.createElement("ul");
    if (className) ul.className = className;
    ul.append(...items.filter(Boolean));
    return ul;
  };

  const show = (root) => {
    const select = root.querySelector("[data-sc-regions-choice]");
    const out = root.querySelector("[data-sc-regions-result]");
    const live = root.querySelector("[data-sc-regions-live]");
    const option = select.selectedOptions[0];
    out.replaceChildren();
    out.hidden = !select.value;
    say(live, "");
    if (!select.value) return;
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = word("js.regions.title", { region: option.textContent });
    title.append(strong);
    out.append(title);
    // One or more numbers (a medical one beside the police's), in the order the region names them.
    const calls = option.dataset.scRegionsCall.split(" ").filter(Boolean)
      .map((href) => copy(document.querySelector(`.sc-emergency a.sc-call[href="${CSS.escape(href)}"]`)));
    if (calls.some(Boolean)) out.append(list(calls, "sc-emergency"));
    const ids = option.dataset.scRegionsLines.split(" ").filter(Boolean);
    out.append(list(ids.map((id) => copy(document.querySelector(`article [data-sc-regions-line="${CSS.escape(id)}"]`)))));
    const rest = document.createElement("p");
    rest.textContent = word("js.regions.rest");
    out.append(rest);
    say(live, word("js.regions.said", { region: option.textContent }));
  };

  const reset = () => {
    for (const root of $$("[data-sc-regions]")) {
      root.querySelector("[data-sc-regions-choice]").value = "";
      show(root);
    }
  };

  document.addEventListener("change", (event) => {
    const root = event.target instanceof Element && event.target.closest("[data-sc-regions]");
    if (root) show(root);
  });
  return reset; // on every show of the page
});
