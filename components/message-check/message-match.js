/* The message check's reading of a draft: pure, with no page, so Node runs it in the unit tests
 * (tests/js/judge.cjs, features.cjs) on the whole labelled corpus, and the page runs the same code. The rules are data
 * (assets/js/message-rules.*.json, written at build time from content/guide.yml and
 * content/xx/phrases.yml) that message-check.js fetches when the reader first needs them.
 *
 * judge(draft, rules, phase) -> { danger: [ids], found: [ids] }
 *   danger: the guide's "do not send" rules the draft meets, in the model's order (self-harm,
 *           whose crisis verdict must lead, comes first), and the learned backstop's finds;
 *   found:  the phase's own points the draft goes against (an `avoid` phrase, a limit passed).
 * It never says what a draft does well: there is no pass mark to give. */
((define) => {
  "use strict";

  // Draft and rules are folded alike: lower case, accents dropped (NFD, marks removed: "Qué" is
  // "que"), one apostrophe. In English contractions and a little text-speak are written out
  // ("I’m", "im" -> "i am", "u" -> "you"); then the language's own spellings (phrases.yml): a
  // word ("chui" -> "je suis", "xq" -> "porque") or an elided head ("j'" of "j'ai" -> "je").
  // Any apostrophe left is dropped ("sister's" -> "sisters").
  const EN = [
    [/\b(ca|wo|do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\b/g,
      (_, w) => `${{ ca: "can", wo: "will" }[w] || w} not`],
    [/\bcannot\b/g, "can not"], [/\bi'?m\b/g, "i am"], [/\b(you|they)'?re\b|\b(we)'re\b/g, "$1$2 are"],
    [/\b(i|you|we|they|would|could|should|must|might)'?ve\b/g, "$1 have"], [/\b(\w+)'ll\b|\b(you|they)ll\b/g, "$1$2 will"],
    [/\b(\w+)'d\b/g, "$1 would"], [/\blet's\b/g, "let us"], [/\b(it|that|what|there|here|who|he|she)'s\b|\b(that|what|there|she)s\b/g, "$1$2 is"],
    [/\bu\b/g, "you"], [/\bur\b/g, "your"], [/\br\b/g, "are"], [/\bgonna\b/g, "going to"], [/\bwanna\b/g, "want to"],
    // "ill" is "I'll" only before a verb: "ill be there", not "I'm ill".
    [/\bill (?=(?:be|make|do|go|never|not|always|stop|come|send|tell|call|wait|see|leave|give|keep|just|try|miss|text|find|get|take|end|show|let|still|have|bring|ask|say|pay|sort|look|sit|walk|drive|post|turn|kill|hurt|ruin|regret|put|drop|pick|love|hate|know|need)\b)/g, "i will "],
    [/\bpl[sz]\b/g, "please"], [/\b(?:cuz|coz)\b/g, "because"], [/\bok\b/g, "okay"],
  ];
  const fold = (text, { lang, spell }) => [[/[’‘`´]/g, "'"], ...(lang === "en" ? EN : []),
    [/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu, (w) => spell.get(w) ?? w.replace(/^[^']+'(?=.)/, (h) => spell.has(h) ? `${spell.get(h)} ` : h)],
    [/'/g, ""]].reduce((t, [from, to]) => t.replace(from, to), text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""));
  // A draft as words between single spaces, with " . " where a sentence ends:
  // "I’m outside!! Open up" -> " i am outside . open up . ". ¿ and ¡ open a sentence.
  const norm = (text, how) => ` ${fold(text, how).replace(/[.!?;\n…¿¡]+/g, " . ").replace(/[^\p{L}\p{N}.]+/gu, " ").trim()} . `.replace(/( \.)+/g, " .");

  // A phrase as a regular expression over that form. The syntax is in CONTRIBUTING.md and
  // checked at build time (guide/message_check/patterns.py): word, word*, (a|b), ? after either, ... and .
  const compile = (phrase, how) => {
    const body = fold(phrase, how).replace(/\.\.\.|[^\s()|?*.]+|\s+|\S/g, (t) =>
      t === "..." ? "(?: [^ .]+){0,4}" : t === "." ? " \\." : t === "(" ? "(?:" : t === "*" ? "[^ .]*"
      : !t.trim() ? "" : "|)?".includes(t) ? t : `(?: ${t})`);
    return new RegExp(`${body}(?= )`, "u");
  };

  // The learned model's features of a draft in norm's form, as exact strings, so the training
  // (guide/message_check/model.py, which runs this function under Node) sees just what the page sees:
  // "w:word", "b:word word" (neighbours in one sentence), and "c: wo" ... the 3 to 5 letter
  // pieces of each word padded with spaces, which survive typos and spellings ("pleeease", "tkt")
  // no phrase foresaw. Each once, in the order first met.
  const features = (text) => {
    const out = new Set();
    for (const sentence of text.split(" . ")) {
      const words = sentence.split(" ").filter(Boolean);
      words.forEach((word, i) => {
        out.add(`w:${word}`);
        if (i > 0) out.add(`b:${words[i - 1]} ${word}`);
        const letters = [...` ${word} `]; // by code point, as Python counts
        for (let n = 3; n <= 5; n++) {
          for (let j = 0; j + n <= letters.length; j++) out.add(`c:${letters.slice(j, j + n).join("")}`);
        }
      });
    }
    return [...out];
  };

  // The model as fetched ({classes, bias, weights: {class: {feature: weight}}, thresholds}) ->
  // one Map from feature to its [class index, weight] pairs, so a draft costs one look-up a feature.
  const model = (data) => {
    const weights = new Map();
    data.classes.forEach((c, i) => {
      for (const [f, w] of Object.entries(data.weights[c] || {})) weights.set(f, [...(weights.get(f) || []), [i, w]]);
    });
    return { ...data, weights };
  };

  // Rules as fetched -> rules ready to test, compiled once.
  const prepare = (data) => {
    const how = { lang: data.lang, spell: new Map(Object.entries(data.spellings || {})) };
    const rule = (r) => ({ ...r, res: (r.phrases || []).map((p) => compile(p, how)),
      parts: (r.together || []).map((part) => part.map((p) => compile(p, how))) });
    const phases = {};
    for (const [id, rules] of Object.entries(data.phases || {})) phases[id] = rules.map(rule);
    return { how, danger: (data.danger || []).map(rule), phases, model: data.model && model(data.model) };
  };

  // A rule is met by any one of its phrases, or by all parts of `together`, each part looked for
  // in the words the parts before it left: "you said you need space" then "but".
  const has = (text, r) => r.res.some((re) => re.test(text)) || (r.parts.length > 0 && r.parts.every((part) => {
    const re = part.find((x) => x.test(text));
    if (re) text = text.replace(re, " .");
    return !!re;
  }));

  const count = (draft) => ({
    words: (draft.match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) || []).length,
    lines: draft.split("\n").filter((l) => l.trim()).length,
    questions: (draft.match(/[?？]/g) || []).length,
  });

  // The learned backstop (rules.model, trained from the tuning drafts: see the README): the
  // danger ids it finds in the folded text, and whether the rules' hits count (the gate).
  // Multinomial logistic regression: a score per class, bias plus the weights of the draft's
  // features over the square root of their number (so long drafts do not score higher for
  // length), but never of fewer than min_features (so a few words, "How are you?", stay near
  // the base rates rather than swing on common words like "you"), and softmax. A draft the model thinks unlikely harmless gets its most probable
  // danger class; self-harm also gets in on its own lower threshold, as the crisis line must lead.
  // A phrase can mean harm or nothing ("I'll be outside"), so outside self-harm a rule's hit
  // counts only where the model does not find the draft plainly harmless. No model: every hit.
  const learned = (text, rules) => {
    const m = rules.model;
    if (!m) return { ids: [], open: true };
    const f = features(text);
    const sums = m.classes.map(() => 0);
    for (const x of f) for (const [i, w] of m.weights.get(x) || []) sums[i] += w;
    const z = m.bias.map((b, i) => b + sums[i] / Math.sqrt(Math.max(f.length, m.min_features || 1)));
    const top = Math.max(...z);
    const e = z.map((v) => Math.exp(v - top));
    const total = e.reduce((a, b) => a + b, 0);
    const p = Object.fromEntries(m.classes.map((c, i) => [c, e[i] / total]));
    const ids = p["self-harm"] > m.thresholds["self-harm"] ? ["self-harm"] : [];
    if (p.harmless < m.thresholds.harmless) {
      const likeliest = m.classes.filter((c) => c !== "harmless").reduce((a, b) => (p[b] > p[a] ? b : a));
      if (!ids.includes(likeliest)) ids.push(likeliest);
    }
    return { ids, open: p.harmless <= m.thresholds.rules };
  };

  const judge = (draft, rules, phase) => {
    const text = norm(draft, rules.how);
    const model = learned(text, rules);
    const counts = (r) => (model.open || r.id === "self-harm") && has(text, r);
    const danger = rules.danger.filter((r) => counts(r) || model.ids.includes(r.id)).map((r) => r.id);
    const n = count(draft);
    const found = (rules.phases[phase] || []).filter((r) => r.kind === "avoid" ? has(text, r)
      : r.kind === "limit" && Object.entries(r.limits || {}).some(([k, v]) => v != null && n[k] > v)).map((r) => r.id);
    return { danger, found };
  };

  define("message-match", Object.freeze({ prepare, judge, norm, features }));
})(typeof module === "object" && module.exports ? (_, api) => { module.exports = api; } : (name, api) => sc.provide(name, api));
