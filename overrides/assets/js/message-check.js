/* The message check: as the reader types, mark which of the phase's rules the draft meets.
 * A draft that matches a danger rule (self-harm, a threat, going on after a stop, going around
 * a block, "I will never give up") gets no score: only "do not send this" and the part of the
 * safety page that fits. The draft is
 * never stored or sent, and the box is emptied on the quick exit, on leaving and on every show.
 * The words are in the template (tool_message_check.md.j2) and, for what this script writes,
 * in content/strings.yml (js.message_check.*); the rules are the template's data attributes. */
sc.component("message-check", () => {
  "use strict";
  const WAIT_MS = 1200; // the live region speaks once typing pauses, not on every key
  const { $$, say, word } = sc;

  // Draft and rules are folded alike: lower case, accents dropped (NFD, marks removed: "Qué" is
  // "que"), one apostrophe. On an English page (<html lang>) contractions and a little text-speak
  // are written out ("I’m", "im" -> "i am", "u" -> "you"); then the page's own spellings
  // (content/xx/phrases.yml): a word ("chui" -> "je suis", "xq" -> "porque") or an elided head
  // ("j'" of "j'ai" -> "je"). Any apostrophe left is dropped ("sister's" -> "sisters").
  const EN = [
    [/\b(ca|wo|do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\b/g,
      (_, w) => `${{ ca: "can", wo: "will" }[w] || w} not`],
    [/\bcannot\b/g, "can not"], [/\bi'?m\b/g, "i am"], [/\b(you|they)'?re\b|\b(we)'re\b/g, "$1$2 are"],
    [/\b(i|you|we|they|would|could|should|must|might)'?ve\b/g, "$1 have"], [/\b(\w+)'ll\b|\b(you|they)ll\b/g, "$1$2 will"],
    [/\b(\w+)'d\b/g, "$1 would"], [/\blet's\b/g, "let us"], [/\b(it|that|what|there|here|who|he|she)'s\b|\b(that|what|there|she)s\b/g, "$1$2 is"],
    [/\bu\b/g, "you"], [/\bur\b/g, "your"], [/\br\b/g, "are"], [/\bgonna\b/g, "going to"], [/\bwanna\b/g, "want to"],
    [/\bpl[sz]\b/g, "please"], [/\b(?:cuz|coz)\b/g, "because"], [/\bok\b/g, "okay"],
  ];
  const fold = (text, { lang, spell }) => [[/[’‘`´]/g, "'"], ...(lang === "en" ? EN : []),
    [/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu, (w) => spell.get(w) ?? w.replace(/^[^']+'(?=.)/, (h) => spell.has(h) ? `${spell.get(h)} ` : h)],
    [/'/g, ""]].reduce((t, [from, to]) => t.replace(from, to), text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""));
  // A draft as words between single spaces, with " . " where a sentence ends:
  // "I’m outside!! Open up" -> " i am outside . open up . ". ¿ and ¡ open a sentence.
  const norm = (text, how) => ` ${fold(text, how).replace(/[.!?;\n…¿¡]+/g, " . ").replace(/[^\p{L}\p{N}.]+/gu, " ").trim()} . `.replace(/( \.)+/g, " .");

  // A rule's phrase as a regular expression over that form. The syntax is in CONTRIBUTING.md and
  // checked at build time (hooks/guide/patterns.py): word, word*, (a|b), ? after either, ... and .
  const compile = (phrase, how) => new RegExp(fold(phrase, how).replace(/\.\.\.|[^\s()|?*.]+|\s+|\S/g, (t) =>
    t === "..." ? "(?: [^ .]+){0,4}" : t === "." ? " \\." : t === "(" ? "(?:" : t === "*" ? "[^ .]*"
    : !t.trim() ? "" : "|)?".includes(t) ? t : `(?: ${t})`) + "(?= )", "u");
  const list = (value, how) => (value || "").split(",").filter(Boolean)
    .map((p) => how.seen.get(p) || how.seen.set(p, compile(p, how)).get(p));
  // A rule is met by any one of its phrases, or by all parts of `together`, each part looked for
  // in the words the parts before it left: "you said you need space" then "but".
  const has = (text, el, how) => list(el.dataset.phrases, how).some((re) => re.test(text)) || (!!el.dataset.together
    && el.dataset.together.split(";").every((part) => {
      const re = list(part, how).find((r) => r.test(text));
      if (re) text = text.replace(re, " .");
      return !!re;
    }));

  // How to read words here: the page's language and the spellings on the message check's box.
  const ways = new Map();
  const reading = (root) => {
    const lang = (root.closest?.("[lang]") || document.documentElement).lang.slice(0, 2).toLowerCase();
    const list = (root.querySelector("[data-sc-msg]") || root).dataset?.scSpellings || "";
    return ways.get(lang + list) || ways.set(lang + list, { lang, seen: new Map(),
      spell: new Map(list.split(",").filter(Boolean).map((pair) => pair.split("="))) }).get(lang + list);
  };

  // Which rules a draft meets: {danger: [ids], met: {id: bool}}. Exposed for the tests.
  const check = (draft, root) => {
    const how = reading(root);
    const text = norm(draft, how);
    const danger = $$("[data-sc-danger]", root).filter((el) => has(text, el, how)).map((el) => el.dataset.scDanger);
    const words = (draft.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) || []).length;
    const lines = draft.split("\n").filter((l) => l.trim()).length;
    const questions = (draft.match(/[?？]/g) || []).length;
    const met = {};
    for (const li of $$("[data-sc-rule]", root)) {
      const d = li.dataset;
      met[d.scRule] = d.kind === "include" ? has(text, li, how)
        : d.kind === "avoid" ? !has(text, li, how)
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
    summary.textContent = word("js.message_check.summary", { count, total: rules.length });
    for (const li of rules) {
      const ok = met[li.dataset.scRule];
      li.classList.toggle("sc-msg--met", !empty && ok);
      li.classList.toggle("sc-msg--unmet", !empty && !ok);
      li.querySelector("[data-sc-mark]").textContent = empty ? "" : ok ? word("js.message_check.met") : word("js.message_check.unmet");
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
