/* "Is this guide for you?": after any Yes, the page stops pointing into the guide. The answer's
 * own note (shown by CSS beside the question) is read out, links to the phases are hidden, and
 * the footer's Next leads to the safety page. Answers are never kept or restored: the radios
 * are cleared on every show of the page, including from the back-forward cache. Stores nothing. */
(() => {
  "use strict";
  const HIDDEN = "data-sc-triage-hidden";
  const PLAN = /\/(phases|checklists|whole-guide)\//;

  const restore = () => {
    for (const el of document.querySelectorAll(`[${HIDDEN}]`)) {
      el.hidden = false;
      el.removeAttribute(HIDDEN);
    }
    const next = document.querySelector(".md-footer__link--next[data-sc-href]");
    if (next) {
      next.href = next.dataset.scHref;
      next.setAttribute("aria-label", next.dataset.scLabel);
      next.querySelector(".md-ellipsis").textContent = next.dataset.scTitle;
      delete next.dataset.scHref;
    }
  };

  const redirect = (triage) => {
    const safety = triage.querySelector(".sc-triage__stop a[href*='safety/']");
    const next = document.querySelector(".md-footer__link--next");
    // The plan goes as a whole: the phases, all checklists and the whole guide. The menu keeps
    // what fits after a Yes (home, these questions, safety, about), with no empty Phases
    // section left behind. Everything comes back when the answers are cleared.
    const hide = (el) => { el.hidden = true; el.setAttribute(HIDDEN, ""); };
    for (const link of document.querySelectorAll("a[href]")) {
      if (link === next || !PLAN.test(new URL(link.href).pathname)) continue;
      hide(link.closest(".md-nav__item") || link);
    }
    for (const section of document.querySelectorAll(".md-nav__item--nested")) {
      const items = section.querySelectorAll(".md-nav__item");
      if (items.length && [...items].every((item) => item.closest(`[${HIDDEN}]`))) hide(section);
    }
    if (next && safety && !next.dataset.scHref) {
      const title = next.querySelector(".md-ellipsis");
      Object.assign(next.dataset, { scHref: next.href, scLabel: next.getAttribute("aria-label"), scTitle: title.textContent });
      next.href = safety.href.split("#")[0]; // the page itself, from its top
      next.setAttribute("aria-label", "Next: " + triage.dataset.safetyTitle);
      title.textContent = triage.dataset.safetyTitle;
    }
  };

  const reset = () => {
    for (const radio of document.querySelectorAll(".sc-triage input[type=radio]")) radio.checked = false;
    restore();
  };

  document.addEventListener("change", (event) => {
    const radio = event.target;
    const triage = radio instanceof Element && radio.closest(".sc-triage");
    if (!triage) return;
    const live = document.querySelector("[data-sc-triage-live]");
    if (triage.querySelector("input[value=yes]:checked")) redirect(triage);
    else restore();
    if (live) live.textContent = radio.value === "yes" ? radio.closest("fieldset").querySelector(".sc-triage__stop").textContent.trim() : "";
  });
  window.addEventListener("pageshow", reset);
  if (window.document$) window.document$.subscribe(reset);
})();
