/* "Is this guide for you?": after any Yes, the page stops pointing into the guide. The answer's
 * own note (shown by CSS beside the question) is read out, links to the phases are hidden, and
 * the footer's Next leads to the safety page. Answers are never kept or restored: on every
 * show of the page, including from the back-forward cache, the radios are cleared and the
 * live region emptied, so a screen reader cannot hear an earlier Yes. Stores nothing. Its
 * one word of its own, the Next link's label, is in content/strings.yml (js.triage.next). */
sc.component("triage", () => {
  "use strict";
  const { $$, say, word, material } = sc;
  const HIDDEN = "data-sc-triage-hidden";
  const PLAN = /\/(phases|checklists|whole-guide)\//;
  const live = () => document.querySelector("[data-sc-triage-live]");

  const restore = () => {
    for (const el of $$(`[${HIDDEN}]`)) {
      el.hidden = false;
      el.removeAttribute(HIDDEN);
    }
    const next = document.querySelector(`${material.footerNext}[data-sc-triage-href]`);
    if (next) {
      next.href = next.dataset.scTriageHref;
      next.setAttribute("aria-label", next.dataset.scTriageLabel);
      next.querySelector(material.footerTitle).textContent = next.dataset.scTriageTitle;
      delete next.dataset.scTriageHref;
    }
  };

  const redirect = (triage) => {
    const safety = triage.querySelector(".sc-triage__stop a[href*='safety/']");
    const next = document.querySelector(material.footerNext);
    // The plan goes as a whole: the phases, all checklists and the whole guide. The menu keeps
    // what fits after a Yes (home, these questions, safety, about), with no empty Phases
    // section left behind. Everything comes back when the answers are cleared.
    const hide = (el) => { el.hidden = true; el.setAttribute(HIDDEN, ""); };
    for (const link of $$("a[href]")) {
      if (link === next || !PLAN.test(new URL(link.href).pathname)) continue;
      hide(link.closest(material.navItem) || link);
    }
    for (const section of $$(material.navNested)) {
      const items = section.querySelectorAll(material.navItem);
      if (items.length && [...items].every((item) => item.closest(`[${HIDDEN}]`))) hide(section);
    }
    if (next && safety && !next.dataset.scTriageHref) {
      const title = next.querySelector(material.footerTitle);
      Object.assign(next.dataset, { scTriageHref: next.href, scTriageLabel: next.getAttribute("aria-label"), scTriageTitle: title.textContent });
      next.href = safety.href.split("#")[0]; // the page itself, from its top
      next.setAttribute("aria-label", word("js.triage.next", { title: triage.dataset.scTriageSafetyTitle }));
      title.textContent = triage.dataset.scTriageSafetyTitle;
    }
  };

  // A Yes opens its note under the answer. Keep the answers and the note on screen together, between the header and the bar of controls at the bottom of a phone (the CSS
  // turns off the browser's scroll anchoring here, which would slide them up under the header).
  const keepInView = (answers, note) => {
    const header = document.querySelector(".md-header");
    const bar = document.querySelector(".sc-controls");
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const barTop = bar ? bar.getBoundingClientRect().top : innerHeight;
    const bottom = barTop > innerHeight / 2 ? barTop : innerHeight; // on a desktop the bar is at the top
    const by = Math.min(note.getBoundingClientRect().bottom - bottom, answers.getBoundingClientRect().top - top);
    if (by > 0) window.scrollBy(0, by);
  };

  document.addEventListener("change", (event) => {
    const radio = event.target;
    const triage = radio instanceof Element && radio.closest(".sc-triage");
    if (!triage) return;
    if (triage.querySelector("input[value=yes]:checked")) redirect(triage);
    else restore();
    const fieldset = radio.closest("fieldset");
    const [answers, note] = [".sc-triage__answers", ".sc-triage__stop"].map((sel) => fieldset.querySelector(sel));
    if (radio.value === "yes" && answers && note) keepInView(answers, note);
    say(live(), radio.value === "yes" ? radio.closest("fieldset").querySelector(".sc-triage__stop").textContent.trim() : "");
  });

  return () => {
    for (const radio of $$(".sc-triage input[type=radio]")) radio.checked = false;
    restore();
    say(live(), "");
  };
});
