/* The message check never approves a message. It asks the guide's stop question first: a Yes
 * closes it (contact is over), and only a No opens the box. Then it lists only what it found:
 * "do not send this" with the part of the safety page that fits (self-harm's crisis lines
 * first), or the phase's points the draft goes against, or, when it finds nothing, that this
 * does not make the message safe to send. The crisis line and emergency number stay in view.
 * The reading is message-match.js, fetched with the rules from this site on the first No. Nothing
 * is stored or sent; answers and draft are cleared on the quick exit, on leaving and on every
 * show. Words: message-check.md.j2 and content/strings.yml (js.message_check.*). */
sc.component("message-check", () => {
  "use strict";
  const WAIT_MS = 1200; // the live region speaks once typing pauses, not on every key
  const { $$, say, word } = sc;
  // The reading (message-match.js) and the rules file sit beside this script (assets/js/); both
  // are fetched on the first No, as search is on first use, so no page carries them.
  const here = document.currentScript?.src;
  const loaded = new Map(); // rules file name -> promise of [reading, prepared rules]

  const reading = () => sc.need("message-match") || new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = new URL("message-match.js", here).href;
    tag.onload = () => (sc.need("message-match") ? resolve(sc.need("message-match")) : reject(new Error("message-match")));
    tag.onerror = () => { tag.remove(); reject(new Error("message-match.js did not load")); };
    document.head.append(tag);
  });

  const rules = (root) => {
    const name = root.dataset.scMessageCheckRules;
    if (!loaded.has(name)) {
      loaded.set(name, (async () => {
        if (!here) throw new Error("no script address");
        const [match, response] = await Promise.all([reading(), fetch(new URL(name, here))]);
        if (!response.ok) throw new Error(`${name}: ${response.status}`);
        return [match, match.prepare(await response.json())];
      })());
      loaded.get(name).catch(() => loaded.delete(name)); // try again on the next No
    }
    return loaded.get(name);
  };

  const part = (root, name) => root.querySelector(`[data-sc-message-check-${name}]`);
  const status = (root, text) => {
    const el = part(root, "status");
    el.textContent = text;
    el.hidden = !text;
  };

  // Everything the draft showed, hidden; with `byHand`, the points list as a list to go through.
  const hideResults = (root, byHand) => {
    for (const el of $$("[data-sc-message-check-danger], [data-sc-message-check-nothing], [data-sc-message-check-found]", root)) el.hidden = true;
    for (const li of $$("[data-sc-message-check-rule]", root)) li.hidden = !byHand;
    part(root, "points").hidden = part(root, "by-hand").hidden = !byHand;
  };

  const show = async (root) => {
    const draft = part(root, "draft").value;
    if (!draft.trim()) {
      hideResults(root, false);
      say(part(root, "live"), "");
      return;
    }
    let judged;
    try {
      const [match, prepared] = await rules(root);
      judged = match.judge(draft, prepared, root.dataset.scMessageCheckPhase);
    } catch {
      hideResults(root, true);
      status(root, word("js.message_check.failed"));
      return;
    }
    if (part(root, "draft").value !== draft) return; // typed on while the rules loaded
    status(root, "");
    const { danger, found } = judged;
    const stop = danger.length > 0; // then nothing else: no list of changes to make and send
    for (const el of $$("[data-sc-message-check-danger]", root)) el.hidden = !danger.includes(el.dataset.scMessageCheckDanger);
    for (const li of $$("[data-sc-message-check-rule]", root)) li.hidden = stop || !found.includes(li.dataset.scMessageCheckRule);
    part(root, "points").hidden = stop || !found.length;
    part(root, "found").hidden = stop || !found.length;
    part(root, "nothing").hidden = stop || found.length > 0;
    part(root, "by-hand").hidden = true;
    // Self-harm's rule comes first in the model, so its crisis verdict is what is heard first.
    const first = stop ? root.querySelector(`[data-sc-message-check-danger="${CSS.escape(danger[0])}"] p`) : null;
    const said = first ? first.textContent : found.length ? part(root, "found").textContent : part(root, "nothing").textContent;
    say(part(root, "live"), said, WAIT_MS);
  };

  // The stop question's answer: Yes closes the tool, No opens the box; none shows neither.
  const answer = (root) => {
    const chosen = root.querySelector("[data-sc-message-check-answer]:checked");
    const value = chosen ? chosen.value : "";
    part(root, "closed").hidden = value !== "yes";
    part(root, "tool").hidden = part(root, "questions").hidden = value !== "no";
    if (value !== "no") {
      part(root, "draft").value = "";
      status(root, "");
      hideResults(root, false);
    } else {
      status(root, word("js.message_check.loading"));
      rules(root).then(() => status(root, ""), () => status(root, word("js.message_check.failed")));
    }
    say(part(root, "live"), value === "yes" ? part(root, "closed").textContent.trim() : "");
  };

  const clear = () => {
    for (const root of $$("[data-sc-message-check]")) {
      for (const input of $$("[data-sc-message-check-answer]", root)) input.checked = false;
      answer(root);
      say(part(root, "live"), "");
    }
  };

  document.addEventListener("change", (event) => {
    const root = event.target instanceof Element && event.target.closest("[data-sc-message-check]");
    if (root && event.target.matches("[data-sc-message-check-answer]")) answer(root);
  });
  document.addEventListener("input", (event) => {
    const root = event.target instanceof Element && event.target.closest("[data-sc-message-check]");
    if (root && event.target.matches("[data-sc-message-check-draft]")) show(root);
  });
  document.addEventListener("sc:exit", clear); // sent by quick-exit.js just before it leaves
  window.addEventListener("pagehide", clear);
  return clear; // and on every show of the page
});
