/* Checklists: ticks last for the visit (in memory) until the reader chooses to keep them on
 * this device; only then is one versioned localStorage record of item ids written. Pages with
 * no checklist never touch storage. Whatever storage does, no tick is dropped unsaid. The
 * words the reader sees are in the templates (status.html.j2), and those this
 * script writes are in content/strings.yml (js.checklist.*). */
sc.component("checklist", () => {
  "use strict";
  const { $$, say, word, material } = sc;
  // The record's pure rules (checklist-record.js, tested under Node), read once at start.
  const { VERSION, isRecord, readIds, applied, undone, items: parseItems, moved, done: doneCount } = sc.need("checklist-record");
  const PREFIX = "second-chance:";
  const KEY = `${PREFIX}checklist`;
  let store; // localStorage, or null when unusable or not ours to write
  let saved = new Set(); // ids as last read from storage
  const ops = new Map(); // id -> ticked, for changes not yet saved
  const mine = new Map(); // changes this tab saved
  let keep = null; // null: not asked; true: kept on this device; false: this visit only
  let warning = ""; // which notice to show: blocked, newer, unreadable, full
  let removed = "";

  const parse = (raw) => { try { return JSON.parse(raw); } catch { return null; } };

  const current = () => applied(saved, ops);

  const area = (name) => { try { return window[name]; } catch { return null; } };

  const load = () => {
    warning = "";
    saved = new Set();
    let raw = null;
    try { store = area("localStorage"); raw = store.getItem(KEY); } catch { store = null; }
    if (!store) {
      warning = "blocked";
      return;
    }
    if (raw === null) {
      keep = keep && null; // cleared in another tab: ask again
      return;
    }
    const data = parse(raw);
    if (isRecord(data) && typeof data.version === "number" && data.version > VERSION) {
      store = null; // a newer site wrote this: leave it exactly as it is
      warning = "newer";
      return;
    }
    const { ids, skipped } = readIds(isRecord(data) ? data.done : null);
    if (skipped) {
      try { store.setItem(`${KEY}:backup`, raw); } catch { /* the original stays */ }
      warning = "unreadable";
    }
    saved = ids;
    // A record means the reader chose to keep ticks (or an older version of the site did).
    if (keep === null) keep = !(isRecord(data) && data.remember === false);
  };

  // Re-read and merge before writing, so ticks made at once in two tabs are all kept.
  const save = () => {
    if (!keep || !store) return;
    try { saved = readIds(parse(store.getItem(KEY))?.done).ids; } catch { /* ours replaces it */ }
    const next = current();
    try {
      store.setItem(KEY, JSON.stringify({ version: VERSION, done: [...next] }));
      saved = next;
      for (const [id, on] of ops) mine.set(id, on);
      ops.clear();
    } catch {
      warning = "full"; // the tick stays in `ops` for the rest of the visit
    }
  };

  // Remove every key this site has written, from both storages, and say what went.
  const wipe = () => {
    const names = { [KEY]: word("js.checklist.saved_ticks"), [`${KEY}:backup`]: word("js.checklist.backup") };
    const gone = new Set();
    for (const box of [area("localStorage"), area("sessionStorage")]) {
      try {
        for (const key of Object.keys(box || {}).filter((k) => k.startsWith(PREFIX))) {
          box.removeItem(key);
          gone.add(names[key] || word("js.checklist.other_version"));
        }
      } catch { /* refused: nothing of ours is there */ }
    }
    saved = new Set();
    mine.clear();
    removed = gone.size ? word("js.checklist.removed", { list: [...gone].join(", ") }) : word("js.checklist.removed_nothing");
  };

  // Items are `id` or `id|former-id|...`; a tick under a former id counts for the item.
  const items = (el) => parseItems(el.dataset.scChecklistItems);

  const migrate = () => {
    const ids = current();
    for (const el of $$("[data-sc-checklist-items]")) for (const [id, on] of moved(ids, items(el))) ops.set(id, on);
  };

  const render = () => {
    const ids = current();
    const state = keep ? "yes" : keep === false ? "no" : ids.size ? "ask" : "";
    for (const box of $$("input[data-sc-checklist-item]")) box.checked = ids.has(box.dataset.scChecklistItem);
    for (const el of $$("[data-sc-checklist-progress]")) {
      const list = items(el);
      const done = doneCount(list, ids);
      el.textContent = word("js.checklist.progress", { done, total: list.length });
      for (const bar of $$("progress", el.closest(".sc-checklist__progress-row") || el)) bar.value = done;
    }
    for (const el of $$("[data-sc-checklist-keep-when]")) el.hidden = el.dataset.scChecklistKeepWhen !== state;
    for (const el of $$("[data-sc-checklist-notice]")) el.hidden = el.dataset.scChecklistNotice !== warning;
    for (const el of $$("[data-sc-checklist-removed]")) el.textContent = removed;
  };

  const announce = (section, extra = "", first = false) => {
    const live = section?.querySelector(".sc-live");
    const progress = section?.querySelector("[data-sc-checklist-progress]");
    if (!progress) return;
    say(live, (first ? word("js.checklist.first_tick", { progress: progress.textContent }) : progress.textContent) + extra);
  };

  const act = (event) => {
    const el = event.target.closest("[data-sc-checklist-action]");
    if (!el) return;
    const action = el.dataset.scChecklistAction;
    const section = el.closest(".sc-checklist");
    removed = "";
    if (el.dataset.scChecklistConfirm && !confirm(el.dataset.scChecklistConfirm)) {
      return;
    } else if (action === "reset") {
      for (const ids of items(section.querySelector("[data-sc-checklist-items]"))) for (const x of ids) ops.set(x, false);
    } else if (action === "keep") {
      keep = true;
    } else if (action === "forget") {
      for (const id of current()) ops.set(id, true);
      keep = false;
      wipe();
    } else return;
    save();
    render();
    announce(section, removed && ` ${removed}`);
    if (action === "keep" || action === "forget") $$("[data-sc-checklist-keep-when]:not([hidden]) button", section || document)[0]?.focus();
  };

  const change = (event) => {
    const box = event.target;
    if (!box.matches("input[data-sc-checklist-item]")) return;
    const first = keep === null && !current().size;
    ops.set(box.dataset.scChecklistItem, box.checked);
    save();
    render();
    announce(box.closest(".sc-checklist"), "", first);
  };

  const start = () => {
    // No checklist or progress in the page's content (the nav's does not count): leave storage alone.
    if (!document.querySelector(`${material.content} [data-sc-checklist-items]`)) return;
    load();
    migrate();
    if (ops.size) save();
    render();
  };

  // For checklist-file.js: export, import and clear all, on the all-checklists page.
  sc.provide("checklist", Object.freeze({
    readIds,
    ids: current,
    add(ids) {
      for (const id of ids) ops.set(id, true);
      migrate();
      save();
      render();
    },
    clear() {
      ops.clear();
      keep = null;
      warning = "";
      wipe();
      render();
      return removed;
    },
  }));

  document.addEventListener("click", act);
  document.addEventListener("change", change);
  window.addEventListener("storage", (event) => {
    if (event.key !== KEY && event.key !== null) return;
    // Another tab saved. Our change that its write undid unseen (it read before we wrote) is
    // put back; a change it made knowingly stands.
    const ids = (raw) => readIds(parse(raw)?.done).ids;
    for (const [id, on] of undone(mine, ids(event.oldValue), ids(event.newValue))) ops.set(id, on);
    start();
  });
  return start; // on every show: instant navigation swaps pages without a reload
});
