/* The message check: as the reader types, mark which of the phase's rules the draft meets.
 * A draft with a danger phrase (a threat, pressure after a stop, words about self-harm) gets
 * no score: only "do not send this" and the part of the safety page that fits. The draft is
 * never stored or sent, and the box is emptied on the quick exit, on leaving and on every show.
 * The words are in the template (tool_message_check.md.j2); the rules are its data attributes. */
sc.component("message-check", () => {
  "use strict";
  const WAIT_MS = 1200; // the live region speaks once typing pauses, not on every key
  const { $$, say } = sc;

  // Lower case, straight apostrophes dropped, anything else that is not a letter or digit a
  // space: "Can’t  just BLOCK me!" -> " cant just block me ". Phrases match as whole words.
  const norm = (text) => ` ${text.toLowerCase().replace(/['’‘`]/g, "").replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  const phrases = (el) => (el.dataset.phrases || "").split("|").filter(Boolean).map(norm);
  const has = (text, el) => phrases(el).some((p) => p.trim() && text.includes(p));

  // Which rules a draft meets: {danger: [ids], met: {id: bool}}. Exposed for the tests.
  const check = (draft, root) => {
    const text = norm(draft);
    const danger = $$("[data-sc-danger]", root).filter((el) => has(text, el)).map((el) => el.dataset.scDanger);
    const words = text.trim() ? text.trim().split(" ").length : 0;
    const lines = draft.split("\n").filter((l) => l.trim()).length;
    const questions = (draft.match(/[?？]/g) || []).length;
    const met = {};
    for (const li of $$("[data-sc-rule]", root)) {
      const d = li.dataset;
      met[d.scRule] = d.kind === "include" ? has(text, li)
        : d.kind === "avoid" ? !has(text, li)
        : !(words > +(d.words || Infinity) || lines > +(d.lines || Infinity) || questions > +(d.questions ?? Infinity));
    }
    return { danger, met };
  };

  const show = (root) => {
    const draft = root.querySelector("[data-sc-msg-draft]").value;
    const { danger, met } = check(draft, root);
    const empty = !draft.trim();
    const rules = $$("[data-sc-rule]", root);
    const count = rules.filter((li) => met[li.dataset.scRule]).length;
    for (const el of $$("[data-sc-danger]", root)) el.hidden = !danger.includes(el.dataset.scDanger);
    const stop = danger.length > 0;
    root.querySelector("[data-sc-msg-rules]").hidden = stop; // no score for a draft not to send
    const summary = root.querySelector("[data-sc-msg-summary]");
    summary.hidden = empty || stop;
    summary.textContent = `Your message meets ${count} of ${rules.length} points.`;
    for (const li of rules) {
      const ok = met[li.dataset.scRule];
      li.classList.toggle("sc-msg--met", !empty && ok);
      li.classList.toggle("sc-msg--unmet", !empty && !ok);
      li.querySelector("[data-sc-mark]").textContent = empty ? "" : ok ? "Yes, it does." : "Not yet.";
    }
    const said = empty ? "" : stop ? root.querySelector("[data-sc-danger]:not([hidden]) p").textContent : summary.textContent;
    say(root.querySelector("[data-sc-msg-live]"), said, WAIT_MS);
  };

  const clear = () => {
    for (const root of $$("[data-sc-msg]")) {
      root.querySelector("[data-sc-msg-draft]").value = "";
      show(root);
      say(root.querySelector("[data-sc-msg-live]"), "");
    }
  };

  window.scMessageCheck = Object.freeze({ check: (draft, root) => check(draft, root || document) });

  document.addEventListener("input", (event) => {
    const root = event.target instanceof Element && event.target.closest("[data-sc-msg]");
    if (root && event.target.matches("[data-sc-msg-draft]")) show(root);
  });
  document.addEventListener("sc:exit", clear); // sent by quick-exit.js just before it leaves
  window.addEventListener("pagehide", clear);
  return clear; // and on every show of the page
});
